import AnsatzCore
import AnsatzNumbers

/// Rational functions: `cancel` (one fraction num/den with no common factor), `factor` (irreducible
/// factors over Q), `collect` (terms grouped by powers of chosen symbols).
///
/// Cancelling a common factor changes the value only where that factor is zero, where the input
/// was undefined (0/0): results are equal wherever the input is defined. Those removed factors
/// are reported as `conditions` (expressions that the input required to be nonzero), so that a
/// caller who needs the point values knows where they differ.
public enum RationalFunctions {
    public struct Result: Sendable {
        public let value: Expr
        /// Denominators of the input cancelled away: the input was undefined where one is zero.
        public let conditions: [Expr]
    }

    public static func cancel(_ e: Expr, budget: Budget = .unlimited) throws -> Result {
        try LargeStack.run(ifDeeperThan: e.depth) {
            var conditions: [Expr] = []
            var memo: [Expr: Expr] = [:]
            let value = try cancel(e, budget, &conditions, &memo)
            return Result(value: value, conditions: conditions)
        }
    }

    static func cancel(_ e: Expr, _ budget: Budget, _ conditions: inout [Expr], _ memo: inout [Expr: Expr]) throws -> Expr {
        if let known = memo[e] { return known }
        if Rebuild.isAtom(e) { return try Rebuild.atoms(of: e, budget) { try cancel($0, budget, &conditions, &memo) } }
        let inner = try Rebuild.atoms(of: e, budget) { try cancel($0, budget, &conditions, &memo) }
        if PolyForm.isExpandedPolynomial(inner, denominatorsAllowed: false) {
            memo[e] = inner
            return inner
        }
        let result: Expr
        do {
            var form = PolyForm(mode: .fraction, budget: budget)
            try form.prepare([inner])
            // a polynomial: its expanded form, read sparse (the general path's sums of FLINT
            // polynomials cost the number of generators per term)
            if !form.hasDenominators {
                do {
                    let value = try form.expression(try form.polynomial(inner))
                    memo[e] = value
                    return value
                } catch is PolyForm.ExponentTooWide {}  // FLINT's fraction path below takes it
            }
            let (num, den) = try normalised(try form.fraction(inner), form)
            conditions += try cancelledDenominators(of: inner, against: den, form)
            result = Expr.mul([try form.expression(num), Expr.pow(try form.expression(den), .minusOne)])
        } catch is PolyForm.NotRational {
            result = inner  // floats: left as they are
        }
        memo[e] = result
        return result
    }

    /// Denominator with coprime integer coefficients and a positive leading one.
    static func normalised(_ f: (num: MPoly, den: MPoly), _ form: PolyForm) throws -> (MPoly, MPoly) {
        let (num, den) = f
        if num.isZero { return (num, MPoly.constant(.one, form.ring)) }
        var scale = den.content
        if den.leadingCoefficient.isNegative { scale = -scale }
        let inverse = try Rational.one / scale
        return (num.scaled(by: inverse), den.scaled(by: inverse))
    }

    /// Bases of negative integer powers in the polynomial structure of `e` (not inside function
    /// arguments or roots, which are variables here) whose polynomial does not divide the result's
    /// denominator: those that cancelled. At most a few are checked (they are advice).
    static func cancelledDenominators(of e: Expr, against den: MPoly, _ form: PolyForm) throws -> [Expr] {
        var found: [Expr] = []
        var seen = Set<Expr>()
        var stack = [e]
        var checked = 0
        func power(_ base: Expr, _ exponent: Expr) throws {
            guard let q = exponent.rationalValue, q.isInteger else { return }
            stack.append(base)
            if q.isNegative, !base.isNumber, checked < 16 {
                checked += 1
                if let c = try cancelled(base, den, form) { found.append(c) }
            }
        }
        while let node = stack.popLast() {
            guard seen.insert(node).inserted else { continue }
            switch node.kind {
            case let .add(_, terms): stack += terms.map(\.expr)
            case let .mul(_, factors): for f in factors { try power(f.base, f.exponent) }
            case let .pow(b, x): try power(b, x)
            default: break
            }
        }
        return found
    }

    /// The part of `base` (a polynomial) that does not divide `den`, or nil if it all does.
    static func cancelled(_ base: Expr, _ den: MPoly, _ form: PolyForm) throws -> Expr? {
        let (n, d) = try form.fraction(base)
        guard d.isConstant, !n.isConstant else { return nil }
        // what is left of the base once every factor it shares with the denominator is divided out
        var rest = n
        for _ in 0..<64 {
            guard let g = try MPoly.gcd(rest, den), !g.isOne, let q = try rest.dividedExactly(by: g) else { break }
            rest = q
        }
        guard !rest.isConstant else { return nil }
        let (r, _) = try normalised((rest, MPoly.constant(.one, form.ring)), form)
        return try form.expression(r.scaled(by: try Rational.one / r.content))
    }

    // MARK: factor

    /// Irreducible factors over Q of the numerator and the denominator (after `cancel`).
    public static func factor(_ e: Expr, budget: Budget = .unlimited) throws -> Result {
        let cancelled = try cancel(e, budget: budget)
        var form = PolyForm(mode: .fraction, budget: budget)
        do {
            try form.prepare([cancelled.value])
        } catch is PolyForm.NotRational {
            return cancelled
        }
        var parts: (MPoly, MPoly)?
        if !form.hasDenominators {
            do {
                parts = (try form.polynomial(cancelled.value).dense(form.ring), MPoly.constant(.one, form.ring))
            } catch is PolyForm.ExponentTooWide {}
        }
        let (num, den) = try parts ?? form.fraction(cancelled.value)
        let value = Expr.mul([try factored(num, form), Expr.pow(try factored(den, form), .minusOne)])
        return Result(value: value, conditions: cancelled.conditions)
    }

    static func factored(_ p: MPoly, _ form: PolyForm) throws -> Expr {
        if p.isConstant { return try form.expression(p) }
        try form.budget.check(estimatedSeconds: Double(p.termCount) * Double(max(p.totalDegree, 1)) / 1e7, doing: "factoring")
        guard let (constant, factors) = try p.factored() else {
            throw Diagnostic(.limit, "FLINT could not factor this polynomial", hint: "try expand or cancel instead")
        }
        // factors with coprime integer coefficients and positive leading coefficient; their
        // contents go into the constant
        var c = constant
        var parts: [Expr] = []
        for (f, k) in factors {
            var content = f.content
            if f.leadingCoefficient.isNegative { content = -content }
            c = c * (try content.power(k))
            parts.append(Expr.pow(try form.expression(f.scaled(by: try Rational.one / content)), .integer(k)))
        }
        return Expr.mul([.rational(c)] + parts)
    }

    // MARK: collect

    /// The expanded expression with its terms grouped by their monomial in `symbols`:
    /// collect(a*x + b*x + x^2*y, [x]) = (a + b)*x + x^2*y.
    public static func collect(_ e: Expr, by symbols: Set<String>, budget: Budget = .unlimited) throws -> Expr {
        if case let .relation(op, l, r) = e.kind {
            return Expr.relation(op, try collect(l, by: symbols, budget: budget), try collect(r, by: symbols, budget: budget))
        }
        let expanded = try Expand.expand(e, budget: budget)
        func isCollected(_ base: Expr) -> Bool {
            if case let .symbol(s) = base.kind { return symbols.contains(s.name) }
            return false
        }
        var keys: [Expr] = []
        var groups: [Expr: [Expr]] = [:]
        for term in Derivative.terms(of: expanded) {
            try budget.spend(1, doing: "collecting terms")
            var key: [Expr] = [], rest: [Expr] = []
            switch term.kind {
            case let .mul(c, factors):
                rest.append(.number(c))
                for f in factors {
                    (isCollected(f.base) ? { key.append(Expr.pow(f.base, f.exponent)) } : { rest.append(Expr.pow(f.base, f.exponent)) })()
                }
            case let .pow(b, _) where isCollected(b): key.append(term)
            case .symbol where isCollected(term): key.append(term)
            default: rest.append(term)
            }
            let k = Expr.mul(key)
            if groups[k] == nil { keys.append(k) }
            groups[k, default: []].append(Expr.mul(rest))
        }
        return Expr.add(keys.map { Expr.mul([$0, Expr.add(groups[$0] ?? [])]) })
    }
}

// MARK: apart

extension RationalFunctions {
    /// Partial fractions of a rational function of one symbol with rational coefficients: a
    /// polynomial part plus Σ c(x)/f(x)^k over the irreducible factors f of the denominator (over
    /// Q), each numerator of lower degree than its f.
    public static func apart(_ e: Expr, in variable: String, budget: Budget = .unlimited) throws -> Result {
        let cancelled = try cancel(e, budget: budget)
        var form = PolyForm(mode: .fraction, budget: budget)
        do {
            try form.prepare([cancelled.value])
        } catch is PolyForm.NotRational {
            throw Diagnostic(.apart, "partial fractions need exact rational coefficients", hint: "write decimals as fractions")
        }
        // the variable by name, with whatever assumptions it carries
        let x = form.keys.first { if case let .symbol(s) = $0.base.kind { s.name == variable } else { false } }?.base ?? Expr.symbol(variable)
        guard form.keys.allSatisfy({ $0.base === x && form.denominators[$0] == 1 }) else {
            let others = form.keys.map(\.base).filter { $0 !== x }.map(\.description)
            throw Diagnostic(.apart, "partial fractions are for rational functions of \(variable) alone; this one also has \(others.prefix(3).joined(separator: ", "))",
                             hint: "substitute values for the other symbols, or use cancel or factor")
        }
        let (num, den) = try form.fraction(cancelled.value)
        if den.isConstant || form.keys.isEmpty { return cancelled }
        let p = try UPoly(num), q = try UPoly(den)
        let (whole, remainder) = p.divided(by: q)
        var parts: [Expr] = [whole.expression(in: x)]
        guard let (constant, factors) = try den.factored() else {
            throw Diagnostic(.limit, "FLINT could not factor the denominator")
        }
        try budget.spend(factors.count, doing: "partial fractions")
        // den = constant * Π f_i^k_i; remainder/den = Σ A_i / f_i^k_i with A_i = remainder/constant * (den_i)^-1 mod f_i^k_i
        let scaledRemainder = remainder * (try UPoly(MPoly.constant(try Rational.one / constant, form.ring)))
        let powers = try factors.map { (try UPoly($0.0), $0.1) }
        for (i, (f, k)) in powers.enumerated() {
            let fk = f.power(k)
            var others = try UPoly(MPoly.constant(.one, form.ring))
            for (j, (g, m)) in powers.enumerated() where j != i { others = others * g.power(m) }
            let (_, s, _) = UPoly.extendedGCD(others, fk)  // s*others ≡ 1 mod f^k
            var a = (scaledRemainder * s).divided(by: fk).1
            // a = Σ_j c_j f^j, deg c_j < deg f: a/f^k = Σ_j c_j / f^(k - j)
            let fx = f.expression(in: x)
            for j in 0..<k {
                let (quotient, c) = a.divided(by: f)
                if !c.isZero { parts.append(Expr.mul([c.expression(in: x), Expr.pow(fx, .integer(-(k - j)))])) }
                a = quotient
            }
        }
        return Result(value: Expr.add(parts), conditions: cancelled.conditions)
    }
}
