import AnsatzCore
import AnsatzNumbers

/// Symbolic differentiation: the chain rule over every function of the core, products and powers
/// with symbolic exponents (d(u^v) = u^v (v' log u + v u'/u)), one symbol at a time. Shared
/// subexpressions are differentiated once (a memo keyed by node), and every node visited spends
/// from the budget, so a huge input ends with E-BUDGET instead of running on.
public enum Derivative {
    public static func of(_ e: Expr, by variable: String, budget: Budget = .unlimited) throws -> Expr {
        try LargeStack.run(ifDeeperThan: e.depth) {
            var memo: [Expr: Expr] = [:]
            return try d(e, variable, budget, &memo)
        }
    }

    /// Differentiates by each variable in turn (`[x, x, y]` is d³/dx²dy).
    public static func of(_ e: Expr, by variables: [String], budget: Budget = .unlimited) throws -> Expr {
        var result = e
        for v in variables { result = try of(result, by: v, budget: budget) }
        return result
    }

    static func fail(_ message: String, _ hint: String) -> Diagnostic { Diagnostic(.diff, message, hint: hint) }

    /// Where the derivative of `e` by these variables holds only off a set: the arguments u of
    /// abs(u) that depend on them (d|u| = sign(u) u' for real u ≠ 0; at u = 0 |u| has no
    /// derivative, and sign(0) = 0 is a convention). Reported, never dropped. sign(u) needs no
    /// condition: d sign(u) = 2 dirac_delta(u) u' holds everywhere, as distributions.
    public static func conditions(of e: Expr, by variables: [String]) -> [Expr] {
        var found: [Expr] = []
        var seen = Set<Expr>()
        var stack = [e]
        let wanted = Set(variables)
        while let node = stack.popLast() {
            guard seen.insert(node).inserted else { continue }
            if case let .function(.builtin(.abs), args) = node.kind, let u = args.first,
               !wanted.isDisjoint(with: u.symbolNames), !found.contains(u) {
                found.append(u)
            }
            stack += node.children
        }
        return found
    }

    static func d(_ e: Expr, _ x: String, _ budget: Budget, _ memo: inout [Expr: Expr]) throws -> Expr {
        if let known = memo[e] { return known }
        try budget.spend(1, doing: "differentiating")
        let result: Expr
        switch e.kind {
        case .number, .constant, .unit:
            result = .zero
        case let .symbol(s):
            result = s.name == x ? .one : .zero
        case let .add(_, terms):
            // monomials in symbols (most terms of a large polynomial) by the power rule directly,
            // as coefficient-free monomials with their coefficients. While every term is one,
            // they are kept apart: distinct monomials have distinct derivatives (x^k·r goes to
            // x^(k-1)·r), so they need no collecting, only the constant (from x itself) set apart.
            // From the first other term on, everything goes into `parts` in the order of the
            // terms, so that float coefficients are added in the order they always were.
            var monomials: [Term] = []
            var constant = Number.zero
            var parts: [(Expr, Number)] = []
            var allMonomials = true
            for t in terms {
                try budget.spend(1, doing: "differentiating")
                if let (m, k) = monomialDerivative(t.expr, x) {
                    if k.isZero { continue }
                    let coefficient = k * t.coefficient
                    if !allMonomials {
                        parts.append((m, coefficient))
                    } else if case let .number(n) = m.kind {
                        constant = constant + n * coefficient
                    } else {
                        if monomials.isEmpty { monomials.reserveCapacity(terms.count) }
                        monomials.append(Term(m, coefficient))
                    }
                    continue
                }
                if allMonomials {
                    allMonomials = false
                    parts.append((.number(constant), .one))
                    for m in monomials { parts.append((m.expr, m.coefficient)) }
                    monomials = []
                }
                switch t.expr.kind {
                // the product rule's terms straight into this sum (no sum per term), when the
                // term's coefficient is exact: a float one multiplies the term's whole derivative
                // once, as it always did, not each part of it
                case let .mul(c, factors) where t.coefficient.rational != nil:
                    try appendProductRule(t.expr, c, factors, scale: t.coefficient, x, budget, &memo, into: &parts)
                case let .pow(b, v) where t.coefficient.rational != nil:
                    try appendProductRule(t.expr, .one, [Factor(b, v)], scale: t.coefficient, x, budget, &memo, into: &parts)
                default:
                    // a term free of x adds nothing: not even a float 0.0 from its float
                    // coefficient, which would turn the exact rest of the sum into floats
                    let dt = try d(t.expr, x, budget, &memo)
                    if !dt.isZero { parts.append((dt, t.coefficient)) }
                }
            }
            result = allMonomials ? Expr.sum(constant: constant, distinctTerms: monomials) : Expr.add(scaled: parts)
        case let .mul(c, factors):
            var parts: [(Expr, Number)] = []
            try appendProductRule(e, c, factors, scale: .one, x, budget, &memo, into: &parts)
            result = Expr.add(scaled: parts)
        case let .pow(b, v):
            var parts: [(Expr, Number)] = []
            try appendProductRule(e, .one, [Factor(b, v)], scale: .one, x, budget, &memo, into: &parts)
            result = Expr.add(scaled: parts)
        case let .function(.builtin(f), args):
            result = try function(f, args, x, budget, &memo)
        case let .function(.user(name), _):
            throw fail("no derivative is known for the declared function \(name)", "differentiate an explicit formula instead")
        case let .relation(op, l, r):
            guard op == .equal else {
                throw fail("an inequality cannot be differentiated", "differentiate each side separately")
            }
            result = Expr.relation(.equal, try d(l, x, budget, &memo), try d(r, x, budget, &memo))
        }
        memo[e] = result
        return result
    }

    /// Appends the terms of d(e)/dx, times `scale`, for the product e = c·Π b^v (a power is a
    /// product of one factor): d(c Π b^v) = Σ (c Π b^v) (v' log b + v b'/b), written out as a sum
    /// of products, the form that stays small under repeated differentiation (e·Σ nested in e·Σ
    /// would not).
    ///
    /// A factor b^n with a rational n (what repeated derivatives are made of) takes the power rule
    /// directly: n·c·b^(n-1)·(each term of b') by merging sorted factor lists, so each term is one
    /// coefficient-free monomial and a coefficient, with no product built to be taken apart again.
    /// Anything else (symbolic or float exponents and coefficients, bases whose powers fold) takes
    /// the general rule through the canonical constructors, which give the same nodes.
    static func appendProductRule(_ e: Expr, _ c: Number, _ factors: [Factor], scale k: Number, _ x: String,
                                  _ budget: Budget, _ memo: inout [Expr: Expr], into parts: inout [(Expr, Number)]) throws {
        let exact = c.rational != nil && k.rational != nil && factors.allSatisfy { keepsItsPowers($0.base) }
        for (i, f) in factors.enumerated() {
            if exact, let n = f.exponent.rationalValue {
                let db = try d(f.base, x, budget, &memo)
                if db.isZero { continue }
                if try appendPowerRule(factors, lowering: i, exponent: n, times: k * c, db, budget, into: &parts) {
                    continue
                }
            }
            for part in try logarithmicDerivative(f.base, f.exponent, x, budget, &memo) {
                parts.append((Expr.mul([e, part]), k))
            }
        }
    }

    /// Appends scale·n·(the factors, factor i's exponent n lowered to n - 1)·t for each term t of
    /// `db`, as monomials and coefficients, when every factor merges by adding rational exponents
    /// and the result is the node the general rule gives; false, with nothing appended, otherwise.
    static func appendPowerRule(_ factors: [Factor], lowering i: Int, exponent n: Rational, times scale: Number,
                                _ db: Expr, _ budget: Budget, into parts: inout [(Expr, Number)]) throws -> Bool {
        let start = parts.count
        let base = factors[i].base
        let loweredFactor = Factor(base, .rational(n - .one))
        func append(_ coefficient: Number, _ t: Expr) -> Bool {
            guard case let .rational(q) = coefficient, let tf = exactFactors(of: t),
                  !leavesLoneSum(tf, dividedBy: base, coefficient: n * q),
                  let product = mergeFactors(factors, replacing: i, by: loweredFactor, tf) else { return false }
            parts.append((product.isEmpty ? Expr.one : Expr.monomial(coefficient: .one, sortedFactors: product),
                           scale * .rational(n * q)))
            return true
        }
        var complete = true
        switch db.kind {
        case let .add(constant, ts):
            try budget.spend(ts.count, doing: "differentiating")
            if !constant.isZero { complete = append(constant, .one) }
            for t in ts where complete { complete = append(t.coefficient, t.expr) }
        case let .mul(c, _):
            complete = append(c, db)
        case let .number(n):
            complete = append(n, .one)
        default:
            complete = append(.one, db)
        }
        if !complete { parts.removeSubrange(start...) }
        return complete
    }

    /// Would n·t/b, which the general rule builds first, be a number times a lone sum? The product
    /// distributes the number into the sum (2·(x + 1) is 2x + 2), and the derivative then holds
    /// that sum as a factor: d/dx exp(x^2 + x)^-1 is (-2x - 1)/exp(x^2 + x), not -(2x + 1)/exp(...).
    /// The general rule takes those terms, so that the result is the node it always was.
    static func leavesLoneSum(_ tf: [Factor], dividedBy b: Expr, coefficient: Rational) -> Bool {
        if coefficient.isOne { return false }
        var remaining: [(base: Expr, exponentIsOne: Bool)] = []
        var divided = false
        for f in tf {
            if f.base === b {
                divided = true
                guard let p = f.exponent.rationalValue else { return false }
                if p != .one { remaining.append((b, p - .one == .one)) }
            } else {
                remaining.append((f.base, f.exponent.isOne))
            }
        }
        if !divided { remaining.append((b, false)) }
        guard remaining.count == 1, remaining[0].exponentIsOne, case .add = remaining[0].base.kind else { return false }
        return true
    }

    /// The factors of a coefficient-free term (its coefficient is set aside by the caller) when
    /// each is a base that keeps its powers with a rational exponent.
    static func exactFactors(of t: Expr) -> [Factor]? {
        switch t.kind {
        case .number: return []
        case let .mul(_, fs):
            for f in fs where !(keepsItsPowers(f.base) && f.exponent.rationalValue != nil) { return nil }
            return fs
        case let .pow(b, v):
            return keepsItsPowers(b) && v.rationalValue != nil ? [Factor(b, v)] : nil
        default:
            return keepsItsPowers(t) ? [Factor(t, .one)] : nil
        }
    }

    /// The product of two sorted factor lists, the first with factor i replaced by one of the same
    /// base (left out at exponent 0): equal bases add their rational exponents, and drop out at 0.
    /// Nil when an exponent to add is not rational.
    static func mergeFactors(_ a: [Factor], replacing lowered: Int, by replacement: Factor, _ b: [Factor]) -> [Factor]? {
        var merged: [Factor] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i == lowered && replacement.exponent.isZero { i += 1; continue }
            let order = i == a.count ? 1 : j == b.count ? -1 : Expr.compare(a[i].base, b[j].base)
            if order > 0 {
                merged.append(b[j]); j += 1
                continue
            }
            let factor = i == lowered ? replacement : a[i]
            if order < 0 {
                merged.append(factor); i += 1
                continue
            }
            guard let p = factor.exponent.rationalValue, let q = b[j].exponent.rationalValue else { return nil }
            let n = p + q
            if !n.isZero { merged.append(Factor(factor.base, .rational(n))) }
            i += 1; j += 1
        }
        return merged
    }

    /// Bases whose rational powers are canonical as they stand (b^p·b^q = b^(p+q), nothing folds):
    /// symbols, functions, units, π and sums other than a Gaussian rational a + b·I.
    static func keepsItsPowers(_ b: Expr) -> Bool {
        switch b.kind {
        case .symbol, .function, .unit, .constant(.pi): return true
        case let .add(_, terms):
            if terms.count == 1, case .constant(.i) = terms[0].expr.kind { return false }
            return true
        default: return false
        }
    }

    /// d/dx of a product of integer powers of symbols, as a coefficient-free monomial and its
    /// coefficient (0 when x does not occur); nil for anything else.
    static func monomialDerivative(_ e: Expr, _ x: String) -> (Expr, Number)? {
        switch e.kind {
        case let .symbol(s):
            return s.name == x ? (.one, .one) : (.zero, .zero)
        case let .pow(b, v):
            guard case let .symbol(s) = b.kind, let k = v.rationalValue, k.isInteger else { return nil }
            guard s.name == x else { return (.zero, .zero) }
            return (Expr.pow(b, .rational(k - .one)), .rational(k))
        case let .mul(c, factors):
            guard case .rational = c else { return nil }
            var found: Int?
            for (i, f) in factors.enumerated() {
                guard case let .symbol(s) = f.base.kind, let k = f.exponent.rationalValue, k.isInteger else { return nil }
                if s.name == x { found = i }
            }
            guard let i = found, let k = factors[i].exponent.rationalValue else { return (.zero, .zero) }
            var rest = factors
            if k == .one { rest.remove(at: i) } else { rest[i] = Factor(factors[i].base, .rational(k - .one)) }
            let m: Expr
            switch rest.count {
            case 0: m = .one
            case 1: m = Expr.pow(rest[0].base, rest[0].exponent)
            default: m = Expr.monomial(coefficient: .one, sortedFactors: rest)
            }
            return (m, c * .rational(k))
        default:
            return nil
        }
    }

    /// The terms of (b^v)'/(b^v) = v' log b + v b'/b, sums split into their terms, zeros left out.
    static func logarithmicDerivative(_ b: Expr, _ v: Expr, _ x: String, _ budget: Budget,
                                      _ memo: inout [Expr: Expr]) throws -> [Expr] {
        let db = try d(b, x, budget, &memo)
        let dv = try d(v, x, budget, &memo)
        var parts: [Expr] = []
        for t in terms(of: dv) { parts.append(Expr.mul([t, Expr.function(.log, [b])])) }
        for t in terms(of: db) { parts.append(Expr.mul([v, t, Expr.pow(b, .minusOne)])) }
        return parts
    }

    /// A sum's terms (with their coefficients), or the expression itself; nothing for zero.
    static func terms(of e: Expr) -> [Expr] {
        if e.isZero { return [] }
        guard case let .add(c, ts) = e.kind else { return [e] }
        return ts.map { Expr.scaled($0.expr, by: $0.coefficient) } + (c.isZero ? [] : [Expr.number(c)])
    }

    /// Is the symbol `x`, as it occurs in `args`, declared real?
    static func variableIsReal(_ x: String, in args: [Expr]) -> Bool {
        var stack = args
        var seen = Set<Expr>()
        while let node = stack.popLast(), seen.count < 100_000 {
            guard seen.insert(node).inserted else { continue }
            if case let .symbol(s) = node.kind, s.name == x { return node.isKnownReal }
            stack += node.children
        }
        return false
    }

    /// The chain rule: Σ ∂f/∂(argument i) · d(argument i), the partials from the catalog.
    static func function(_ f: BuiltinFunction, _ args: [Expr], _ x: String, _ budget: Budget,
                         _ memo: inout [Expr: Expr]) throws -> Expr {
        guard args.count == f.arity else { throw fail("\(f.name) takes \(f.arity) argument(s)", "check the call") }
        let inner = try args.map { try d($0, x, budget, &memo) }
        if inner.allSatisfy(\.isZero) { return .zero }
        if f.entry.isRealLinear {
            // re(u)' = re(u') by a real variable; by a complex one re, im and conjugate have no derivative
            guard variableIsReal(x, in: args) else {
                throw fail("\(f.name) is not complex-differentiable: its derivative by \(x) exists only for real \(x)",
                           "declare \(x) real (assume: '\(x) real')")
            }
            return Expr.function(f, inner)
        }
        let partials = f.entry.partialDerivatives(args)
        var terms: [Expr] = []
        for (i, du) in inner.enumerated() where !du.isZero {
            guard let partial = partials[i] else {
                let which = f.arity == 1 ? "its argument" : "its argument \(i + 1) (\(args[i]))"
                throw fail("no closed form is known for the derivative of \(f.name) by \(which)",
                           f.arity == 1 ? "keep the function's argument free of \(x)" : "keep argument \(i + 1) free of \(x)")
            }
            terms.append(partial * du)
        }
        return Expr.add(terms)
    }
}

// MARK: - Matrices of derivatives

extension Derivative {
    /// ∂e/∂v for each variable v.
    public static func gradient(_ e: Expr, by variables: [String], budget: Budget = .unlimited) throws -> [Expr] {
        try variables.map { try of(e, by: $0, budget: budget) }
    }

    /// J[i][j] = ∂e_i/∂v_j.
    public static func jacobian(_ es: [Expr], by variables: [String], budget: Budget = .unlimited) throws -> [[Expr]] {
        try es.map { try gradient($0, by: variables, budget: budget) }
    }

    /// H[i][j] = ∂²e/∂v_i∂v_j, each entry computed once (the matrix is symmetric: mixed partials of
    /// the core functions commute where they are defined).
    public static func hessian(_ e: Expr, by variables: [String], budget: Budget = .unlimited) throws -> [[Expr]] {
        let first = try gradient(e, by: variables, budget: budget)
        var h = [[Expr]](repeating: [Expr](repeating: .zero, count: variables.count), count: variables.count)
        for i in variables.indices {
            for j in i..<variables.count {
                let entry = try of(first[i], by: variables[j], budget: budget)
                h[i][j] = entry
                h[j][i] = entry
            }
        }
        return h
    }
}
