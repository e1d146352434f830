import AnsatzCore
import AnsatzNumbers

/// `expand`: products distributed over sums and whole powers of sums multiplied out, everywhere in
/// the expression (inside function arguments and under fractional powers too). What it does not
/// do, as SymPy's `expand` would: split `exp(a + b)`, `x^(n + 1)` or `log(a*b)` (the last is not
/// valid for all values anyway; see `simplify`).
///
/// Exact polynomial parts go through FLINT (`PolyForm`); expressions with floats are distributed
/// term by term here. Both are costed against the budget before they start.
public enum Expand {
    public static func expand(_ e: Expr, budget: Budget = .unlimited) throws -> Expr {
        try LargeStack.run(ifDeeperThan: e.depth) {
            var memo: [Expr: Expr] = [:]
            return try expand(e, budget, &memo)
        }
    }

    static func expand(_ e: Expr, _ budget: Budget, _ memo: inout [Expr: Expr]) throws -> Expr {
        if let known = memo[e] { return known }
        if Rebuild.isAtom(e) { return try Rebuild.atoms(of: e, budget) { try expand($0, budget, &memo) } }
        // a sum of monomials in plain symbols: nothing to do, seen in one pass
        if PolyForm.isExpandedPolynomial(e, denominatorsAllowed: true, functionsAllowed: false) {
            try budget.spend(1, doing: "expanding")
            return e
        }
        let result: Expr
        if case let .relation(op, l, r) = e.kind {
            result = Expr.relation(op, try expand(l, budget, &memo), try expand(r, budget, &memo))
        } else {
            let inner = try Rebuild.atoms(of: e, budget) { try expand($0, budget, &memo) }
            if PolyForm.isExpandedPolynomial(inner, denominatorsAllowed: true) {
                memo[e] = inner
                return inner
            }
            do {
                var form = PolyForm(mode: .polynomial, budget: budget)
                try form.prepare([inner])
                result = try form.expression(try form.polynomial(inner))
            } catch is PolyForm.NotRational {
                result = try distribute(inner, budget)
            } catch is PolyForm.ExponentTooWide {
                result = try distribute(inner, budget)  // exponents past 2^40: term by term
            }
        }
        memo[e] = result
        return result
    }

    /// Term-by-term distribution, for expressions with float coefficients.
    static func distribute(_ e: Expr, _ budget: Budget) throws -> Expr {
        try budget.spend(1, doing: "expanding")
        switch e.kind {
        case let .add(c, terms):
            return Expr.add([.number(c)] + (try terms.map { Expr.mul([.number($0.coefficient), try distribute($0.expr, budget)]) }))
        case let .mul(c, factors):
            var acc: [Expr] = [.number(c)]
            for f in factors { acc = try product(acc, try distributePower(f.base, f.exponent, budget), budget) }
            return Expr.add(acc)
        case let .pow(b, x):
            return Expr.add(try distributePower(b, x, budget))
        default:
            return e
        }
    }

    static func distributePower(_ base: Expr, _ exponent: Expr, _ budget: Budget) throws -> [Expr] {
        guard let n = exponent.rationalValue?.numerator.intValue, exponent.rationalValue?.isInteger == true, n > 0,
              case .add = base.kind else { return [Expr.pow(base, exponent)] }
        let terms = Derivative.terms(of: try distribute(base, budget))
        var acc: [Expr] = [.one]
        for _ in 0..<n { acc = try product(acc, terms, budget) }
        return acc
    }

    static func product(_ a: [Expr], _ b: [Expr], _ budget: Budget) throws -> [Expr] {
        try budget.spend(a.count * b.count, doing: "multiplying out \(a.count) by \(b.count) terms")
        if a.count * b.count > PolyForm.maxTerms {
            throw Diagnostic(.budget, "the product would have \(a.count * b.count) terms before collecting, more than \(PolyForm.maxTerms)")
        }
        var out: [Expr] = []
        out.reserveCapacity(a.count * b.count)
        for x in a { for y in b { out.append(Expr.mul([x, y])) } }
        return Derivative.terms(of: Expr.add(out))
    }
}

/// Rebuilding an expression with its polynomial structure (sums, products, whole powers) kept and
/// everything below it (function arguments, bases and exponents of other powers) transformed.
enum Rebuild {
    /// Leaves and function calls: a polynomial view of them is the node itself (a generator), so
    /// the operations only need to work inside their arguments.
    static func isAtom(_ e: Expr) -> Bool {
        switch e.kind {
        case .number, .symbol, .constant, .unit, .function: return true
        default: return false
        }
    }

    static func atoms(of e: Expr, _ budget: Budget, _ inside: (Expr) throws -> Expr) throws -> Expr {
        try budget.spend(1, doing: "rebuilding the expression")
        switch e.kind {
        case .number, .symbol, .constant, .unit:
            return e
        case let .add(c, terms):
            let mapped = try terms.map { try atoms(of: $0.expr, budget, inside) }
            // nothing changed: the node itself (rebuilding would sort its terms again)
            if zip(mapped, terms).allSatisfy({ $0 === $1.expr }) { return e }
            return Expr.add(scaled: [(Expr.number(c), Number.one)] + zip(mapped, terms).map { ($0, $1.coefficient) })
        case let .mul(c, factors):
            // the factors' powers are built only once one of them has changed
            var mapped: [Expr]?
            for (i, f) in factors.enumerated() {
                if let changed = try powerIfChanged(f.base, f.exponent, budget, inside) {
                    if mapped == nil { mapped = factors[..<i].map { Expr.pow($0.base, $0.exponent) } }
                    mapped?.append(changed)
                } else {
                    mapped?.append(Expr.pow(f.base, f.exponent))
                }
            }
            guard let mapped else { return e }
            return Expr.mul([.number(c)] + mapped)
        case let .pow(b, x):
            return try power(b, x, budget, inside)
        case let .function(name, args):
            let mapped = try args.map(inside)
            if mapped == args { return e }
            switch name {
            case let .builtin(f): return Expr.function(f, mapped)
            case let .user(n): return Expr.function(named: n, mapped)
            }
        case let .relation(op, l, r):
            return Expr.relation(op, try inside(l), try inside(r))
        }
    }

    /// `power`, or nil when it would give `base^exponent` back.
    static func powerIfChanged(_ base: Expr, _ exponent: Expr, _ budget: Budget, _ inside: (Expr) throws -> Expr) throws -> Expr? {
        if let q = exponent.rationalValue, q.isInteger, q.signum > 0 {
            switch base.kind {
            case .add, .mul:
                let r = try atoms(of: base, budget, inside)
                return r === base ? nil : Expr.pow(r, exponent)
            default: break
            }
        }
        let (b, x) = (try inside(base), try inside(exponent))
        return b === base && x === exponent ? nil : try Checked.pow(b, x)
    }

    static func power(_ base: Expr, _ exponent: Expr, _ budget: Budget, _ inside: (Expr) throws -> Expr) throws -> Expr {
        if let q = exponent.rationalValue, q.isInteger, q.signum > 0 {
            switch base.kind {
            case .add, .mul: return Expr.pow(try atoms(of: base, budget, inside), exponent)
            default: break
            }
        }
        return try Checked.pow(try inside(base), try inside(exponent))
    }
}
