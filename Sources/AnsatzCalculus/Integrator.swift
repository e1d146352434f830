import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers

/// The search for an antiderivative: linearity, a table of elementary forms in a linear argument,
/// rational functions (partial fractions, then logs and arctangents; Rothstein–Trager for
/// higher-degree factors whose logarithmic part has rational coefficients), integration by parts
/// for polynomials times exponentials, trigonometric or inverse functions, linearisation of
/// products of sines and cosines, reduction formulas, square roots of quadratics by completing
/// the square, rationalising substitutions for powers of one linear form, and substitution where
/// the integrand is g(u)·u'. Each method either returns an antiderivative or nil; the caller
/// checks the final one by differentiation.
struct Integrator {
    let x: Symbol
    let xe: Expr
    let budget: Budget
    var methods: [String] = []
    var conditions: [Expr] = []
    var depth = 0
    var memo: [Expr: Expr?] = [:]
    var inProgress = Set<Expr>()
    /// Integrands tried, shared with the integrators of substitutions: the search branches (each
    /// substitution starts a search of its own), so it stops at a count, not only at the budget.
    let work: Work

    final class Work {
        var attempts = 0
        static let maxAttempts = 1500
    }

    init(x: Symbol, budget: Budget, work: Work = Work()) {
        self.x = x
        self.xe = .symbol(x)
        self.budget = budget
        self.work = work
    }

    /// Substitutions above this integrator: a substitution inside a substitution inside a
    /// substitution is not tried (each starts a search of its own; refusals took seconds).
    var nesting = 0
    static let maxNesting = 2

    /// An integrator for another variable (a substitution's), sharing the count of attempts.
    func sub(_ t: Symbol) -> Integrator {
        var s = Integrator(x: t, budget: budget, work: work)
        s.depth = depth + 1
        s.nesting = nesting + 1
        return s
    }

    func free(_ e: Expr) -> Bool { !e.symbolNames.contains(x.name) }

    mutating func used(_ method: String) { if !methods.contains(method) { methods.append(method) } }

    /// A shorter form of the result (cancelled, then simplified when that is cheap).
    func tidy(_ e: Expr) throws -> Expr {
        guard e.treeSize(limit: 400) < 400 else { return e }
        return try Simplify.simplify(e, budget: budget).value
    }

    mutating func integrate(_ f: Expr) throws -> Expr? {
        try budget.spend(1, doing: "integrating")
        if let known = memo[f] { return known }
        guard depth < 24, !inProgress.contains(f), work.attempts < Work.maxAttempts else { return nil }
        work.attempts += 1
        depth += 1
        inProgress.insert(f)
        defer {
            depth -= 1
            inProgress.remove(f)
        }
        let result = try attempt(f)
        memo[f] = result
        return result
    }

    mutating func attempt(_ f: Expr) throws -> Expr? {
        if free(f) { return Expr.mul([f, xe]) }
        if f == xe { return Expr.mul([.rational(.half), Expr.pow(xe, .integer(2))]) }
        // constants out
        if case let .mul(c, factors) = f.kind {
            var constant: [Expr] = [.number(c)], rest: [Expr] = []
            for factor in factors {
                let p = Expr.pow(factor.base, factor.exponent)
                if free(p) { constant.append(p) } else { rest.append(p) }
            }
            let k = Expr.mul(constant)
            if !k.isOne {
                guard let inner = try integrate(Expr.mul(rest)) else { return nil }
                return Expr.mul([k, inner])
            }
        }
        if let r = try rational(f) { return r }
        if case let .add(c, terms) = f.kind {
            var parts: [Expr] = [Expr.mul([.number(c), xe])]
            for t in terms {
                guard let r = try integrate(Expr.scaled(t.expr, by: t.coefficient)) else { return try fallbacks(f) }
                parts.append(r)
            }
            return Expr.add(parts)
        }
        if let r = try table(f) { used("table"); return r }
        if let merged = mergedExponentials(f), merged != f, let r = try integrate(merged) { return r }
        if let r = try exponentialTimesTrig(f) { used("table"); return r }
        if let linearised = try linearisedTrigonometry(f), linearised != f, let r = try integrate(linearised) { return r }
        if let r = try gaussianMoment(f) { used("reduction formula"); return r }
        if let r = try byParts(f) { used("parts"); return r }
        if let r = try trigonometricPowers(f) { return r }
        if let r = try quadraticRoot(f) { used("quadratic radical"); return r }
        if let r = try rationalisingSubstitution(f) { used("rationalising substitution"); return r }
        if let r = try substitution(f) { used("substitution"); return r }
        if let r = try exponentialSubstitution(f) { used("substitution t = exp(x)"); return r }
        if let r = try fallbacks(f) { return r }
        // last: its antiderivatives jump where tan(u/2) does (valid on each interval between)
        if let r = try weierstrass(f) { used("substitution t = tan(x/2)"); return r }
        return nil
    }

    /// Other forms of the integrand: expanded, or sines and cosines in place of tan, sec, csc, cot.
    mutating func fallbacks(_ f: Expr) throws -> Expr? {
        let expanded = try Expand.expand(f, budget: budget)
        if expanded != f, case .add = expanded.kind, let r = try integrate(expanded) { return r }
        if let r = try substitution(f) { used("substitution"); return r }
        let rewritten = try Transform.bottomUp(f, budget: budget, doing: "integrating") { node in
            guard case let .function(.builtin(g), args) = node.kind, args.count == 1 else { return nil }
            let u = args[0]
            switch g {
            case .tan: return Expr.function(.sin, [u]) / Expr.function(.cos, [u])
            case .cot: return Expr.function(.cos, [u]) / Expr.function(.sin, [u])
            case .sec: return Expr.pow(Expr.function(.cos, [u]), .minusOne)
            case .csc: return Expr.pow(Expr.function(.sin, [u]), .minusOne)
            default: return nil
            }
        }
        if rewritten != f, let r = try integrate(rewritten) { return r }
        // hyperbolic functions in exponentials (the result's exponential pairs simplify back)
        let exponential = try Transform.bottomUp(f, budget: budget, doing: "integrating") { node in
            guard case let .function(.builtin(g), args) = node.kind, args.count == 1, [.sinh, .cosh, .tanh].contains(g), !self.free(args[0]) else { return nil }
            let (p, m) = (Expr.function(.exp, [args[0]]), Expr.function(.exp, [-args[0]]))
            switch g {
            case .sinh: return (p - m) / .integer(2)
            case .cosh: return (p + m) / .integer(2)
            default: return (p - m) / (p + m)
            }
        }
        if exponential != f, let r = try integrate(exponential) { return r }
        return nil
    }

    /// A product's exponentials (and powers of constants to x-dependent exponents) as one:
    /// 10^x*exp(x) is exp(x*log(10) + x).
    func mergedExponentials(_ f: Expr) -> Expr? {
        guard case let .mul(c, factors) = f.kind else { return nil }
        var exponents: [Expr] = [], rest: [Expr] = [.number(c)]
        for factor in factors {
            if case let .function(.builtin(.exp), args) = factor.base.kind, free(factor.exponent) {
                exponents.append(Expr.mul([factor.exponent, args[0]]))
            } else if free(factor.base), !free(factor.exponent) {
                exponents.append(Expr.mul([factor.exponent, Expr.function(.log, [factor.base])]))
            } else {
                rest.append(Expr.pow(factor.base, factor.exponent))
            }
        }
        guard exponents.count >= 2 else { return nil }
        return Expr.mul(rest + [Expr.function(.exp, [Expr.add(exponents)])])
    }

    // MARK: Linear arguments

    /// u = a x + b with a free of x and nonzero: (a, b).
    func linear(_ u: Expr) throws -> (Expr, Expr)? {
        guard !free(u), let cs = try PolynomialView.coefficients(of: u, in: x.name, budget), cs.count == 2,
              free(cs[1]), free(cs[0]) else { return nil }
        return (cs[1], cs[0])
    }

    /// ∫ F(a x + b) dx for the elementary F of the table (powers, exp, logs, trigonometric,
    /// hyperbolic and inverse functions, sec^2, csc^2, 1/cos, 1/sin).
    mutating func table(_ f: Expr) throws -> Expr? {
        switch f.kind {
        case let .pow(base, n) where free(n):
            if let (a, _) = try linear(base) {
                if n == .minusOne { return Expr.function(.log, [base]) / a }
                if !n.isNumber { conditions.append(n + .one) }
                return Expr.pow(base, n + .one) / (Expr.mul([n + .one, a]))
            }
            if case let .function(.builtin(g), args) = base.kind, args.count == 1, let (a, _) = try linear(args[0]) {
                let u = args[0]
                switch (g, n.rationalValue) {
                case (.cos, -2): return Expr.function(.tan, [u]) / a
                case (.sin, -2): return -Expr.function(.cot, [u]) / a
                case (.sec, 2): return Expr.function(.tan, [u]) / a
                case (.csc, 2): return -Expr.function(.cot, [u]) / a
                case (.cosh, -2): return Expr.function(.tanh, [u]) / a
                case (.cos, -1): return try table(Expr.function(.sec, [u]))
                case (.sin, -1): return try table(Expr.function(.csc, [u]))
                default: return nil
                }
            }
            return nil
        case let .pow(c, u) where free(c):
            guard let (a, _) = try linear(u) else { return nil }
            return f / Expr.mul([a, Expr.function(.log, [c])])
        case let .function(.builtin(.exp), args):
            if let r = try gaussian(args[0]) { return r }
            guard let (a, _) = try linear(args[0]) else { return nil }
            return f / a
        case let .function(.builtin(g), args) where args.count == 1:
            let u = args[0]
            guard let (a, _) = try linear(u) else { return nil }
            let F: Expr
            let sq = Expr.pow(u, .integer(2))
            switch g {
            case .exp: F = f
            case .sin: F = -Expr.function(.cos, [u])
            case .cos: F = Expr.function(.sin, [u])
            case .tan: F = -Expr.function(.log, [Expr.function(.cos, [u])])
            case .cot: F = Expr.function(.log, [Expr.function(.sin, [u])])
            case .sec: F = Expr.function(.log, [Expr.function(.sec, [u]) + Expr.function(.tan, [u])])
            case .csc: F = -Expr.function(.log, [Expr.function(.csc, [u]) + Expr.function(.cot, [u])])
            case .sinh: F = Expr.function(.cosh, [u])
            case .cosh: F = Expr.function(.sinh, [u])
            case .tanh: F = Expr.function(.log, [Expr.function(.cosh, [u])])
            case .log: F = Expr.mul([u, Expr.function(.log, [u])]) - u
            case .atan: F = Expr.mul([u, f]) - Expr.mul([.rational(.half), Expr.function(.log, [sq + .one])])
            case .asin: F = Expr.mul([u, f]) + Expr.pow(.one - sq, .rational(.half))
            case .acos: F = Expr.mul([u, f]) - Expr.pow(.one - sq, .rational(.half))
            case .asinh: F = Expr.mul([u, f]) - Expr.pow(sq + .one, .rational(.half))
            case .acosh: F = Expr.mul([u, f]) - Expr.pow(sq - .one, .rational(.half))
            case .atanh: F = Expr.mul([u, f]) + Expr.mul([.rational(.half), Expr.function(.log, [.one - sq])])
            default: return nil
            }
            return F / a
        default:
            return nil
        }
    }

    /// ∫ exp(α x^2 + β x + γ) = sqrt(pi)/(2 sqrt(a)) exp(shift) erf(sqrt(a) v) with a = -α,
    /// v = x + β/(2α), shift = γ - β^2/(4α) (erfi and a = α for α known positive): valid for every
    /// nonzero α.
    mutating func gaussian(_ u: Expr) throws -> Expr? {
        guard let cs = try PolynomialView.coefficients(of: u, in: x.name, budget), cs.count == 3, cs.allSatisfy(free) else { return nil }
        let (alpha, beta, gamma) = (cs[2], cs[1], cs[0])
        let upward = alpha.isKnownPositive
        let a = upward ? alpha : -alpha
        // α x^2 + β x + γ = α v^2 + shift, v = x + β/(2α), shift = γ - β^2/(4α)
        let v = xe + beta / Expr.mul([.integer(2), alpha])
        let shift = try Expand.expand(gamma - Expr.mul([Expr.pow(beta, .integer(2)), Expr.pow(Expr.mul([.integer(4), alpha]), .minusOne)]), budget: budget)
        let root = Expr.pow(a, .rational(.half))
        let function: BuiltinFunction = upward ? .erfi : .erf
        used("table")
        return Expr.mul([Expr.pow(.pi, .rational(.half)), Expr.pow(Expr.mul([.integer(2), root]), .minusOne),
                         Expr.function(.exp, [shift]), Expr.function(function, [Expr.mul([root, v])])])
    }

    /// x^n exp(-a x^2) (n ≥ 1): -x^(n-1) e/(2a) + (n-1)/(2a) ∫ x^(n-2) e, down to ∫ e or ∫ x e.
    mutating func gaussianMoment(_ f: Expr) throws -> Expr? {
        guard case let .mul(k, factors) = f.kind, k.isOne, factors.count == 2 else { return nil }
        guard let p = factors.first(where: { $0.base == xe }), let n = p.exponent.rationalValue, n.isInteger, n.signum > 0,
              let e = factors.first(where: { $0.base != xe }), e.exponent.isOne, case let .function(.builtin(.exp), args) = e.base.kind,
              let cs = try PolynomialView.coefficients(of: args[0], in: x.name, budget), cs.count == 3, cs[1].isZero, cs.allSatisfy(free) else { return nil }
        let a = -cs[2]
        let m = n - Rational.one
        if m.isZero { return -e.base / Expr.mul([.integer(2), a]) }
        guard let rest = try integrate(Expr.mul([Expr.pow(xe, .rational(m - Rational.one)), e.base])) else { return nil }
        return -Expr.mul([Expr.pow(xe, .rational(m)), e.base]) / Expr.mul([.integer(2), a])
            + Expr.mul([.rational(m), Expr.pow(Expr.mul([.integer(2), a]), .minusOne), rest])
    }

    /// exp(a x + b) sin(c x + d) and cos: the closed form e^u (a sin v - c cos v)/(a^2 + c^2).
    mutating func exponentialTimesTrig(_ f: Expr) throws -> Expr? {
        guard case let .mul(k, factors) = f.kind, factors.count == 2, k.isOne else { return nil }
        var e: Expr?, t: Expr?
        for factor in factors where factor.exponent.isOne {
            if case let .function(.builtin(g), _) = factor.base.kind {
                if g == .exp { e = factor.base } else if g == .sin || g == .cos { t = factor.base }
            }
        }
        guard let ex = e, let tr = t, case let .function(.builtin(.exp), ea) = ex.kind,
              case let .function(.builtin(g), ta) = tr.kind, let (a, _) = try linear(ea[0]), let (c, _) = try linear(ta[0]) else { return nil }
        let s = Expr.function(.sin, ta), co = Expr.function(.cos, ta)
        let den = Expr.pow(a, .integer(2)) + Expr.pow(c, .integer(2))
        let inner = g == .sin ? Expr.mul([a, s]) - Expr.mul([c, co]) : Expr.mul([a, co]) + Expr.mul([c, s])
        return Expr.mul([ex, inner, Expr.pow(den, .minusOne)])
    }

    // MARK: Integration by parts

    /// P(x)·g with P a polynomial: g exponential, trigonometric or hyperbolic of a linear argument
    /// (∫P g = P G - ∫P' G, the degree falling), or g a logarithm or inverse function
    /// (∫P g = Q g - ∫Q g', Q = ∫P).
    mutating func byParts(_ f: Expr) throws -> Expr? {
        guard case let .mul(k, factors) = f.kind, k.isOne else { return try byPartsAlone(f) }
        var polynomial: [Expr] = [], others: [Expr] = []
        for factor in factors {
            let p = Expr.pow(factor.base, factor.exponent)
            if let q = factor.exponent.rationalValue, q.isInteger, try linear(factor.base) != nil || factor.base == xe {
                if q.signum > 0 { polynomial.append(p) } else { others.append(p) }
            } else if free(p) {
                polynomial.append(p)
            } else {
                others.append(p)
            }
        }
        let g = Expr.mul(others)
        let p = Expr.mul(polynomial)
        // h·g with g one logarithm or inverse function and h not a polynomial (x^2/sqrt(1 - x^2)
        // beside asin): Q = ∫h first
        let inverse = others.filter(isInverseKind)
        if inverse.count == 1, let gi = inverse.first, others.count > 1 {
            let h = Expr.mul(polynomial + others.filter { $0 != gi })
            if let r = try partsWithIntegrable(h, gi) { return r }
        }
        if polynomial.isEmpty || others.isEmpty {
            // x^n log(x) with n negative or symbolic: the power is the part to integrate
            return try powerTimesLogarithm(f)
        }
        guard let degree = try PolynomialView.coefficients(of: p, in: x.name, budget)?.count, degree <= 24 else { return nil }
        if isExponentialKind(g) {
            guard let G = try integrate(g) else { return nil }
            let dp = try Derivative.of(p, by: x.name, budget: budget)
            guard let rest = try integrate(try Expand.expand(Expr.mul([dp, G]), budget: budget)) else { return nil }
            return Expr.mul([p, G]) - rest
        }
        if isInverseKind(g) {
            guard let Q = try integrate(p) else { return nil }
            let dg = try Derivative.of(g, by: x.name, budget: budget)
            let integrand = try RationalFunctions.cancel(Expr.mul([Q, dg]), budget: budget).value
            guard let rest = try integrate(integrand) else { return nil }
            return Expr.mul([Q, g]) - rest
        }
        return nil
    }

    /// ∫ h·g = Q g - ∫ Q g' with Q = ∫h, for g a logarithm or inverse function.
    mutating func partsWithIntegrable(_ h: Expr, _ g: Expr) throws -> Expr? {
        guard let Q = try integrate(h) else { return nil }
        let dg = try Derivative.of(g, by: x.name, budget: budget)
        let integrand = try RationalFunctions.cancel(Expr.mul([Q, dg]), budget: budget).value
        guard let rest = try integrate(integrand) else { return nil }
        used("parts")
        return Expr.mul([Q, g]) - rest
    }

    /// log(u)^n, atan(u)... alone (a polynomial factor of 1).
    mutating func byPartsAlone(_ f: Expr) throws -> Expr? {
        guard isInverseKind(f), !(try table(f) != nil) else { return nil }
        let dg = try Derivative.of(f, by: x.name, budget: budget)
        let integrand = try RationalFunctions.cancel(Expr.mul([xe, dg]), budget: budget).value
        guard let rest = try integrate(integrand) else { return nil }
        return Expr.mul([xe, f]) - rest
    }

    /// x^n·g for n not a whole positive number and g a logarithm or inverse function.
    mutating func powerTimesLogarithm(_ f: Expr) throws -> Expr? {
        guard case let .mul(k, factors) = f.kind, k.isOne, factors.count == 2 else { return nil }
        for (i, factor) in factors.enumerated() where factor.base == xe && free(factor.exponent) {
            let other = factors[1 - i]
            let g = Expr.pow(other.base, other.exponent)
            guard isInverseKind(g), factor.exponent != .minusOne else { continue }
            let n = factor.exponent
            let Q = Expr.pow(xe, n + .one) / (n + .one)
            let dg = try Derivative.of(g, by: x.name, budget: budget)
            let integrand = try RationalFunctions.cancel(Expr.mul([Q, dg]), budget: budget).value
            guard let rest = try integrate(integrand) else { return nil }
            return Expr.mul([Q, g]) - rest
        }
        return nil
    }

    func isExponentialKind(_ g: Expr) -> Bool {
        switch g.kind {
        case let .function(.builtin(h), args):
            return [.exp, .sin, .cos, .sinh, .cosh].contains(h) && (try? linear(args[0])) != nil
        case let .pow(c, u): return free(c) && (try? linear(u)) != nil
        case let .mul(_, factors):
            // exp·sin, exp·cos
            return factors.count == 2 && factors.allSatisfy { $0.exponent.isOne && isExponentialKind($0.base) }
        default: return false
        }
    }

    func isInverseKind(_ g: Expr) -> Bool {
        switch g.kind {
        case let .function(.builtin(h), args):
            return [.log, .atan, .asin, .acos, .asinh, .acosh, .atanh].contains(h) && (try? PolynomialView.factored(args[0], in: x.name, budget: budget)) != nil
        case let .pow(b, n):
            if case .function = b.kind, let q = n.rationalValue, q.isInteger, q.signum > 0 { return isInverseKind(b) }
            return false
        default: return false
        }
    }
}
