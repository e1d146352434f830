import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers

extension Integrator {
    // MARK: Rational functions

    /// A rational function of x: partial fractions over Q (numeric coefficients) or by residues
    /// at simple linear factors (symbolic ones), then each term by formula.
    mutating func rational(_ f: Expr) throws -> Expr? {
        let factored: PolynomialView.Factored?
        do {
            factored = try PolynomialView.factored(f, in: x.name, budget: budget)
        } catch let d as Diagnostic where d.kind == .limit {
            return nil  // a degree past what is factored (x^(10^9)): the power rule's case, not this one
        }
        guard let factored, factored.denominatorCoefficients.count > 1 else { return nil }
        used("rational")
        let numericCoefficients = Probe.symbols(of: f).allSatisfy { $0.name == x.name } && !containsFloat(f)
        if numericCoefficients {
            let parts = try RationalFunctions.apart(f, in: x.name, budget: budget).value
            let terms: [Expr]
            if case let .add(c, ts) = parts.kind { terms = [.number(c)] + ts.map { Expr.scaled($0.expr, by: $0.coefficient) } } else { terms = [parts] }
            var out: [Expr] = []
            for t in terms where !t.isZero {
                guard let r = try partialFraction(t) else { return nil }
                out.append(r)
            }
            return Expr.add(out)
        }
        // symbolic: one quadratic (or linear) denominator factor, or distinct linear factors
        return try symbolicRational(f)
    }

    func containsFloat(_ e: Expr) -> Bool {
        var stack = [e], seen = Set<Expr>()
        while let n = stack.popLast() {
            guard seen.insert(n).inserted else { continue }
            if case .number(.float) = n.kind { return true }
            stack += n.children
        }
        return false
    }

    /// One term of a partial fraction decomposition: a polynomial, c/(linear)^k,
    /// (B x + C)/(quadratic)^k, or A/q with q irreducible of higher degree.
    mutating func partialFraction(_ t: Expr) throws -> Expr? {
        if let cs = try PolynomialView.coefficients(of: t, in: x.name, budget) {
            // a polynomial: term by term
            var out: [Expr] = []
            for (k, c) in cs.enumerated() where !c.isZero {
                out.append(Expr.mul([c, Expr.pow(xe, .integer(k + 1)), .rational(try Rational(1, k + 1))]))
            }
            return Expr.add(out)
        }
        // A(x) * q(x)^(-k)
        var numerator: [Expr] = [], base: Expr?, power = 0
        let factors: [(Expr, Expr)]
        switch t.kind {
        case let .mul(c, fs): factors = [(.number(c), .one)] + fs.map { ($0.base, $0.exponent) }
        case let .pow(b, e): factors = [(b, e)]
        default: return nil
        }
        for (b, e) in factors {
            if let q = e.rationalValue, q.isInteger, q.signum < 0, !free(b), base == nil, let k = (-q).numerator.intValue {
                base = b
                power = k
            } else {
                numerator.append(Expr.pow(b, e))
            }
        }
        guard let q = base, let qc = try PolynomialView.coefficients(of: q, in: x.name, budget),
              let ac = try PolynomialView.coefficients(of: Expr.mul(numerator), in: x.name, budget) else { return nil }
        switch qc.count - 1 {
        case 1:
            return try table(Expr.pow(q, .integer(-power))).map { Expr.mul([Expr.mul(numerator), $0]) }
        case 2:
            let b = ac.count > 1 ? ac[1] : .zero, c = ac.first ?? .zero
            return try quadraticTerm(b, c, qc[2], qc[1], qc[0], power)
        default:
            guard power == 1 else { return nil }
            return try rothsteinTrager(Expr.mul(numerator), q)
        }
    }

    /// ∫ (B x + C)/q^k, q = a x^2 + b x + c irreducible: a log (or a power) of q plus arctangents,
    /// by the reduction I_k = (2ax + b)/((k-1) Δ q^(k-1)) + 2(2k-3)a/((k-1)Δ) I_(k-1), Δ = 4ac - b^2.
    mutating func quadraticTerm(_ B: Expr, _ C: Expr, _ a: Expr, _ b: Expr, _ c: Expr, _ k: Int) throws -> Expr? {
        guard k >= 1, k <= 12 else { return nil }
        let q = Expr.add([Expr.mul([a, Expr.pow(xe, .integer(2))]), Expr.mul([b, xe]), c])
        let delta = try RationalFunctions.cancel(Expr.mul([.integer(4), a, c]) - Expr.pow(b, .integer(2)), budget: budget).value
        if delta.isZero { return nil }
        let slope = Expr.mul([.integer(2), a, xe]) + b
        // I_1
        var integral: Expr
        let negative = delta.rationalValue.map { $0.signum < 0 } ?? (-delta).isKnownPositive
        if negative {
            let r = Expr.pow(-delta, .rational(.half))
            integral = Expr.function(.log, [(slope - r) / (slope + r)]) / r
        } else {
            let r = Expr.pow(delta, .rational(.half))
            integral = Expr.mul([.integer(2), Expr.function(.atan, [slope / r]), Expr.pow(r, .minusOne)])
        }
        if k > 1 {
            for j in 2...k {
                let jm = Expr.integer(j - 1)
                integral = slope / Expr.mul([jm, delta, Expr.pow(q, jm)])
                    + Expr.mul([.integer(2 * (2 * j - 3)), a, Expr.pow(Expr.mul([jm, delta]), .minusOne), integral])
            }
        }
        // B/(2a) ∫ q'/q^k
        let logPart = k == 1 ? Expr.function(.log, [q]) : Expr.pow(q, .integer(1 - k)) / .integer(1 - k)
        let coefficient = C - Expr.mul([B, b, Expr.pow(Expr.mul([.integer(2), a]), .minusOne)])
        return Expr.mul([B, Expr.pow(Expr.mul([.integer(2), a]), .minusOne), logPart]) + Expr.mul([coefficient, integral])
    }

    /// ∫ A/q for q irreducible of degree ≥ 3: Σ c log(gcd(q, A - c q')) over the roots c of the
    /// resultant res_x(q, A - z q'), when they are rational (otherwise the answer needs
    /// algebraic numbers: nil).
    mutating func rothsteinTrager(_ A: Expr, _ q: Expr) throws -> Expr? {
        let z = Expr.symbol("·z")
        let dq = try Derivative.of(q, by: x.name, budget: budget)
        let factored: PolynomialView.Factored?
        do {
            guard let r = try PolynomialView.resultant(q, A - Expr.mul([z, dq]), in: x.name, budget: budget) else { return nil }
            factored = try PolynomialView.factored(r, in: "·z", budget: budget)
        } catch let d as Diagnostic where d.kind == .limit {
            return nil  // degrees past what is factored: not integrated here
        }
        guard let factored else { return nil }
        var out: [Expr] = []
        for (cs, _) in factored.factors {
            guard cs.count == 2 else { return nil }
            let c = try RationalFunctions.cancel(-cs[0] / cs[1], budget: budget).value
            guard let g = try PolynomialView.gcd(q, try Expand.expand(A - Expr.mul([c, dq]), budget: budget), budget: budget) else { return nil }
            out.append(Expr.mul([c, Expr.function(.log, [g])]))
        }
        used("Rothstein–Trager")
        return Expr.add(out)
    }

    /// Symbolic coefficients: N/q^k with q quadratic or linear and deg N ≤ 1, or N/D with D a
    /// product of distinct linear factors (residues N(r)/D'(r)).
    mutating func symbolicRational(_ f: Expr) throws -> Expr? {
        let cancelled = try RationalFunctions.cancel(f, budget: budget).value
        let (num, den) = Solver.fraction(cancelled)
        guard let nc = try PolynomialView.coefficients(of: num, in: x.name, budget),
              let dc = try PolynomialView.coefficients(of: den, in: x.name, budget) else { return nil }
        // polynomial part first
        if nc.count >= dc.count {
            return nil  // long division with symbolic coefficients: left to the other methods
        }
        let factored = try PolynomialView.factored(den, in: x.name, budget: budget)
        guard let parts = factored?.factors, !parts.isEmpty else { return nil }
        if parts.count == 1, let (qc, k) = parts.first, qc.count == 3, nc.count <= 2 {
            // den = constant * q^k
            let constant = try RationalFunctions.cancel(den / Expr.pow(polynomial(qc), .integer(k)), budget: budget).value
            guard free(constant) else { return nil }
            let b = nc.count > 1 ? nc[1] : .zero, c = nc.first ?? .zero
            return try quadraticTerm(b / constant, c / constant, qc[2], qc[1], qc[0], k)
        }
        if parts.allSatisfy({ $0.coefficients.count == 2 && $0.multiplicity == 1 }) {
            let dd = try Derivative.of(den, by: x.name, budget: budget)
            var out: [Expr] = []
            for (cs, _) in parts {
                let root = try RationalFunctions.cancel(-cs[0] / cs[1], budget: budget).value
                let residue = try RationalFunctions.cancel(
                    try Substitution.apply(num, [(xe, root)], budget: budget) / (try Substitution.apply(dd, [(xe, root)], budget: budget)), budget: budget).value
                out.append(Expr.mul([residue, Expr.function(.log, [xe - root])]))
            }
            return Expr.add(out)
        }
        return nil
    }

    func polynomial(_ cs: [Expr]) -> Expr {
        Expr.add(cs.enumerated().map { Expr.mul([$0.element, Expr.pow(xe, .integer($0.offset))]) })
    }

    // MARK: Trigonometric powers

    /// Products of powers of sin(u) and cos(u) (u linear) linearised into sines and cosines of
    /// multiples of u; tan^n, cot^n, sec^n, csc^n by their reduction formulas.
    mutating func trigonometricPowers(_ f: Expr) throws -> Expr? {
        let factors: [(Expr, Expr)]
        switch f.kind {
        case let .mul(c, fs):
            guard c.isOne else { return nil }
            factors = fs.map { ($0.base, $0.exponent) }
        case let .pow(b, e): factors = [(b, e)]
        default: return nil
        }
        var argument: Expr?
        var m = 0, n = 0
        for (b, e) in factors {
            guard case let .function(.builtin(g), args) = b.kind, let q = e.rationalValue, q.isInteger,
                  let p = q.numerator.intValue, abs(p) <= 40 else { return nil }
            if argument == nil { argument = args[0] } else if argument != args[0] { return nil }
            switch g {
            case .sin: m += p
            case .cos: n += p
            case .tan, .cot, .sec, .csc:
                guard factors.count == 1, p >= 2 else { return nil }
                return try reduction(g, args[0], p)
            default: return nil
            }
        }
        guard let u = argument, let (a, _) = try linear(u) else { return nil }
        // an odd power: substitute the other function (sin^m cos^n, n odd: t = sin u)
        let t = Symbol("·t\(depth)")
        if n % 2 != 0 && m >= 0 || n < 0 && m % 2 != 0 {
            // n odd: cos^n du = cos^(n-1) cos du, cos^2 = 1 - sin^2; m odd: sin^m = sin^(m-1) sin, sin^2 = 1 - cos^2
            let oddCos = n % 2 != 0
            let g: Expr
            if oddCos {
                g = Expr.mul([Expr.pow(.symbol(t), .integer(m)), Expr.pow(.one - Expr.pow(.symbol(t), .integer(2)), .rational(try Rational(n - 1, 2)))])
            } else {
                g = -Expr.mul([Expr.pow(.symbol(t), .integer(n)), Expr.pow(.one - Expr.pow(.symbol(t), .integer(2)), .rational(try Rational(m - 1, 2)))])
            }
            var inner = sub(t)
            guard let G = try inner.integrate(g) else { return nil }
            used("substitution")
            let back = oddCos ? Expr.function(.sin, [u]) : Expr.function(.cos, [u])
            return try Substitution.apply(G, [(.symbol(t), back)], budget: budget) / a
        }
        return nil
    }

    /// A product of powers of sines and cosines of linear arguments (times other factors free of
    /// them) as a sum of single sines and cosines: sin(u) = (E - 1/E)/(2i), cos(u) = (E + 1/E)/2
    /// with one E = exp(i u) for each argument, expanded, the conjugate monomials paired back.
    /// Nil when the product has fewer than two such factors.
    mutating func linearisedTrigonometry(_ f: Expr) throws -> Expr? {
        let factors: [(base: Expr, exponent: Expr)]
        var c = Number.one
        switch f.kind {
        case let .mul(k, list): factors = list.map { ($0.base, $0.exponent) }; c = k
        case let .pow(b, p): factors = [(b, p)]
        default: return nil
        }
        var arguments: [Expr] = [], symbols: [Expr] = []
        var trig: [Expr] = [], others: [Expr] = [.number(c)]
        var degree = 0
        for factor in factors {
            if case let .function(.builtin(g), args) = factor.base.kind, g == .sin || g == .cos, try linear(args[0]) != nil,
               let q = factor.exponent.rationalValue, q.isInteger, q.signum > 0, let n = q.numerator.intValue, n <= 12 {
                let u = args[0]
                if !arguments.contains(u) { arguments.append(u); symbols.append(.symbol("·E\(arguments.count)")) }
                guard let i = arguments.firstIndex(of: u) else { return nil }
                let e = symbols[i]
                let base = g == .sin ? (e - Expr.pow(e, .minusOne)) / Expr.mul([.integer(2), .i]) : (e + Expr.pow(e, .minusOne)) / .integer(2)
                trig.append(Expr.pow(base, .integer(n)))
                degree += n
            } else {
                others.append(Expr.pow(factor.base, factor.exponent))
            }
        }
        guard degree >= 2, arguments.count <= 4 else { return nil }
        let expanded = try Expand.expand(Expr.mul(trig), budget: budget)
        // monomials Π E_i^k_i with coefficients
        var monomials: [[Int]: Expr] = [:]
        let terms: [Expr]
        if case let .add(c0, ts) = expanded.kind { terms = [.number(c0)] + ts.map { Expr.scaled($0.expr, by: $0.coefficient) } } else { terms = [expanded] }
        for t in terms where !t.isZero {
            var key = [Int](repeating: 0, count: symbols.count)
            var rest: [Expr] = []
            let fs: [(Expr, Expr)]
            switch t.kind {
            case let .mul(k, list): fs = [(.number(k), .one)] + list.map { ($0.base, $0.exponent) }
            case let .pow(b, p): fs = [(b, p)]
            default: fs = [(t, .one)]
            }
            for (b, p) in fs {
                if let i = symbols.firstIndex(of: b) {
                    guard let q = p.rationalValue, q.isInteger, let n = q.numerator.intValue else { return nil }
                    key[i] += n
                } else {
                    rest.append(Expr.pow(b, p))
                }
            }
            monomials[key] = Expr.add([monomials[key] ?? .zero, Expr.mul(rest)])
        }
        var out: [Expr] = []
        for (key, ck) in monomials {
            guard let first = key.first(where: { $0 != 0 }) else { out.append(ck); continue }
            guard first > 0 else { continue }  // its conjugate's turn
            let cminus = monomials[key.map { -$0 }] ?? .zero
            let theta = try Expand.expand(Expr.add(zip(key, arguments).map { Expr.mul([.integer($0.0), $0.1]) }), budget: budget)
            let cosCoefficient = try Expand.expand(ck + cminus, budget: budget)
            let sinCoefficient = try Expand.expand(Expr.mul([.i, ck - cminus]), budget: budget)
            out.append(Expr.mul([cosCoefficient, Expr.function(.cos, [theta])]))
            out.append(Expr.mul([sinCoefficient, Expr.function(.sin, [theta])]))
        }
        used("linearisation")
        return try Expand.expand(Expr.mul([Expr.mul(others), Expr.add(out)]), budget: budget)
    }

    /// Coefficients of Σ c_k E^k (k whole, positive or negative), or nil.
    func laurentCoefficients(_ e: Expr, _ variable: Expr) -> [Int: Expr]? {
        var out: [Int: Expr] = [:]
        let terms: [Expr]
        if case let .add(c, ts) = e.kind { terms = [.number(c)] + ts.map { Expr.scaled($0.expr, by: $0.coefficient) } } else { terms = [e] }
        for t in terms where !t.isZero {
            var k = 0
            var rest: [Expr] = []
            let factors: [(Expr, Expr)]
            switch t.kind {
            case let .mul(c, fs): factors = [(.number(c), .one)] + fs.map { ($0.base, $0.exponent) }
            case let .pow(b, p): factors = [(b, p)]
            default: factors = [(t, .one)]
            }
            for (b, p) in factors {
                if b == variable {
                    guard let q = p.rationalValue, q.isInteger, let n = q.numerator.intValue else { return nil }
                    k += n
                } else {
                    rest.append(Expr.pow(b, p))
                }
            }
            out[k] = Expr.add([out[k] ?? .zero, Expr.mul(rest)])
        }
        return out
    }

    /// ∫ g(u)^p for g in tan, cot, sec, csc (u linear), p ≥ 2, by the reduction formulas.
    mutating func reduction(_ g: BuiltinFunction, _ u: Expr, _ p: Int) throws -> Expr? {
        guard let (a, _) = try linear(u) else { return nil }
        used("reduction formula")
        let h = Expr.function(g, [u])
        func integral(_ p: Int) throws -> Expr? {
            if p == 0 { return xe }
            if p == 1 { return try table(h) }
            if p == 2 && (g == .sec || g == .csc) { return try table(Expr.pow(h, .integer(2))) }
            guard let lower = try integral(p - 2) else { return nil }
            let pm = Expr.integer(p - 1)
            switch g {
            case .tan: return Expr.pow(h, pm) / Expr.mul([pm, a]) - lower
            case .cot: return -Expr.pow(h, pm) / Expr.mul([pm, a]) - lower
            case .sec:
                return Expr.mul([Expr.pow(h, .integer(p - 2)), Expr.function(.tan, [u])]) / Expr.mul([pm, a])
                    + Expr.mul([.rational(try Rational(p - 2, p - 1)), lower])
            case .csc:
                return -Expr.mul([Expr.pow(h, .integer(p - 2)), Expr.function(.cot, [u])]) / Expr.mul([pm, a])
                    + Expr.mul([.rational(try Rational(p - 2, p - 1)), lower])
            default: return nil
            }
        }
        return try integral(p)
    }

    // MARK: Radicals

    /// P(x)·Q^(±1/2) with Q = a x^2 + b x + c, a of known sign, P a polynomial: completing the
    /// square, Q = a v^2 + k with v = x + b/(2a), then ∫ v^n/sqrt(Q) by the reduction
    /// I_n = v^(n-1) sqrt(Q)/(n a) - (n-1) k/(n a) I_(n-2) (P sqrt(Q) is P Q/sqrt(Q)). And
    /// (p x + r)/Q^(3/2) = 2(r(2ax + b) - p(bx + 2c))/(Δ sqrt(Q)), Δ = 4ac - b^2, for any a.
    mutating func quadraticRoot(_ f: Expr) throws -> Expr? {
        var root: Expr?, exponent = Rational.zero
        var rest: [Expr] = []
        let factors: [(Expr, Expr)]
        switch f.kind {
        case let .mul(c, fs): factors = [(.number(c), .one)] + fs.map { ($0.base, $0.exponent) }
        case let .pow(b, e): factors = [(b, e)]
        default: return nil
        }
        let threeHalves = try Rational(3, 2)
        for (b, e) in factors {
            if let q = e.rationalValue, q == .half || q == -Rational.half || q == -threeHalves, root == nil, !free(b) {
                root = b
                exponent = q
            } else {
                rest.append(Expr.pow(b, e))
            }
        }
        guard let Q = root, let qc = try PolynomialView.coefficients(of: Q, in: x.name, budget), qc.count == 3,
              let pc = try PolynomialView.coefficients(of: Expr.mul(rest), in: x.name, budget), pc.count <= 13 else { return nil }
        let (a, b, c) = (qc[2], qc[1], qc[0])
        let sqrtQ = Expr.pow(Q, .rational(.half))
        if exponent == -threeHalves {
            guard pc.count <= 2 else { return nil }
            let delta = try RationalFunctions.cancel(Expr.mul([.integer(4), a, c]) - Expr.pow(b, .integer(2)), budget: budget).value
            guard try Probe.zero(delta, budget: budget) == .nonzero || delta.isKnownNonzero else { return nil }
            let p = pc.count > 1 ? pc[1] : .zero, r = pc.first ?? .zero
            let numerator = Expr.mul([r, Expr.mul([.integer(2), a, xe]) + b]) - Expr.mul([p, Expr.mul([b, xe]) + Expr.mul([.integer(2), c])])
            return Expr.mul([.integer(2), numerator, Expr.pow(Expr.mul([delta, sqrtQ]), .minusOne)])
        }
        let aPositive = a.isKnownPositive, aNegative = (-a).isKnownPositive
        guard aPositive || aNegative else { return nil }
        let h = b / Expr.mul([.integer(2), a])
        let v = xe + h
        let k = try RationalFunctions.cancel(c - Expr.mul([b, b, Expr.pow(Expr.mul([.integer(4), a]), .minusOne)]), budget: budget).value
        // J = ∫ 1/sqrt(Q)
        let J: Expr
        if aPositive {
            let sa = Expr.pow(a, .rational(.half))
            if k.isKnownPositive {
                J = Expr.function(.asinh, [Expr.mul([sa, v, Expr.pow(k, -Expr.rational(.half))])]) / sa
            } else {
                J = Expr.function(.log, [Expr.mul([sa, v]) + sqrtQ]) / sa
            }
        } else {
            guard k.isKnownPositive else { return nil }
            let sa = Expr.pow(-a, .rational(.half))
            J = Expr.function(.asin, [Expr.mul([sa, v, Expr.pow(k, -Expr.rational(.half))])]) / sa
        }
        // the polynomial over sqrt(Q), in powers of v
        let numerator = exponent.signum < 0 ? Expr.mul(rest) : Expr.mul(rest + [Q])
        let vs = Symbol("·v\(depth)")
        let inV = try Substitution.apply(numerator, [(xe, Expr.symbol(vs) - h)], budget: budget)
        guard let coefficients = try PolynomialView.coefficients(of: inV, in: vs.name, budget) else { return nil }
        // I_0 = J, I_1 = sqrt(Q)/a, I_n by the reduction
        var moments: [Expr] = [J, Expr.mul([sqrtQ, Expr.pow(a, .minusOne)])]
        if coefficients.count > 2 {
            for n in 2..<coefficients.count {
                let nn = Expr.integer(n)
                moments.append(Expr.mul([Expr.pow(v, .integer(n - 1)), sqrtQ, Expr.pow(Expr.mul([nn, a]), .minusOne)])
                    - Expr.mul([.integer(n - 1), k, Expr.pow(Expr.mul([nn, a]), .minusOne), moments[n - 2]]))
            }
        }
        return Expr.add(coefficients.enumerated().map { Expr.mul([$0.element, moments[$0.offset]]) })
    }

    /// All x in exponentials exp(c_i x + d_i) with c_i/c_1 rational: t = exp(c_1 x/L) makes the
    /// integrand rational in t (dx = L dt/(c_1 t)).
    mutating func exponentialSubstitution(_ f: Expr) throws -> Expr? {
        guard nesting < Integrator.maxNesting else { return nil }
        let g = try Transform.bottomUp(f, budget: budget, doing: "integrating") { node in
            if case let .pow(b, u) = node.kind, self.free(b), !self.free(u) { return Expr.function(.exp, [Expr.mul([u, Expr.function(.log, [b])])]) }
            return nil
        }
        var slopes: [Expr] = []
        var ok = true
        var seen = Set<Expr>()
        func scan(_ e: Expr) throws {
            guard ok, !free(e), seen.insert(e).inserted else { return }
            switch e.kind {
            case .symbol: ok = false
            case let .add(_, terms): for t in terms { try scan(t.expr) }
            case let .mul(_, factors): for fa in factors { if free(fa.exponent) { try scan(fa.base) } else { ok = false } }
            case let .pow(b, p): if free(p) { try scan(b) } else { ok = false }
            case let .function(.builtin(.exp), args):
                guard let (c, _) = try linear(args[0]) else { ok = false; return }
                slopes.append(c)
            default: ok = false
            }
        }
        try scan(g)
        guard ok, let c1 = slopes.first else { return nil }
        var l = 1
        var ratios: [Expr: Rational] = [:]
        for c in slopes {
            guard let q = try Probe.rationalRatio(try RationalFunctions.cancel(c / c1, budget: budget).value, budget: budget),
                  let d = q.denominator.intValue, d <= 24 else { return nil }
            let (next, overflow) = (l / gcd(l, d)).multipliedReportingOverflow(by: d)
            guard !overflow, next <= 5040 else { return nil }
            l = next
            ratios[c] = q
        }
        let t = Symbol("·e\(depth)", assumptions: .positive)
        let te = Expr.symbol(t)
        let inT = try Transform.bottomUp(g, budget: budget, doing: "integrating") { node in
            guard case let .function(.builtin(.exp), args) = node.kind, let (c, d) = try self.linear(args[0]), let q = ratios[c] else { return nil }
            return Expr.mul([Expr.function(.exp, [d]), Expr.pow(te, .rational(q * Rational(l)))])
        }
        let integrand = Expr.mul([inT, .integer(l), Expr.pow(Expr.mul([c1, te]), .minusOne)])
        guard !integrand.symbolNames.contains(x.name) else { return nil }
        var inner = sub(t)
        guard let G = try inner.integrate(try RationalFunctions.cancel(integrand, budget: budget).value) else { return nil }
        return try Substitution.apply(G, [(te, Expr.function(.exp, [Expr.mul([c1, xe, .rational(try Rational(1, l))])]))], budget: budget)
    }

    /// A rational function of sin, cos, tan, sec, csc and cot of one linear argument u: with
    /// t = tan(u/2) it is rational in t (du = 2 dt/(1 + t^2)).
    mutating func weierstrass(_ f: Expr) throws -> Expr? {
        guard nesting < Integrator.maxNesting else { return nil }
        var argument: Expr?
        var ok = true
        var seen = Set<Expr>()
        func scan(_ e: Expr) {
            guard ok, !free(e), seen.insert(e).inserted else { return }
            switch e.kind {
            case .symbol: ok = false
            case let .add(_, terms): for t in terms { scan(t.expr) }
            case let .mul(_, factors): for fa in factors { if free(fa.exponent) { scan(fa.base) } else { ok = false } }
            case let .pow(b, p): if free(p) { scan(b) } else { ok = false }
            case let .function(.builtin(g), args) where [.sin, .cos, .tan, .sec, .csc, .cot].contains(g):
                if argument == nil { argument = args[0] } else if argument != args[0] { ok = false }
            default: ok = false
            }
        }
        scan(f)
        guard ok, let u = argument, let (a, _) = try linear(u) else { return nil }
        let t = Symbol("·w\(depth)", assumptions: .real)
        let te = Expr.symbol(t)
        let t2 = Expr.pow(te, .integer(2))
        let (s, c, tn) = (Expr.mul([.integer(2), te]) / (Expr.one + t2), (Expr.one - t2) / (Expr.one + t2), Expr.mul([.integer(2), te]) / (Expr.one - t2))
        let table: [(Expr, Expr)] = [
            (Expr.function(.sin, [u]), s), (Expr.function(.cos, [u]), c), (Expr.function(.tan, [u]), tn),
            (Expr.function(.sec, [u]), Expr.pow(c, .minusOne)), (Expr.function(.csc, [u]), Expr.pow(s, .minusOne)),
            (Expr.function(.cot, [u]), Expr.pow(tn, .minusOne)),
        ]
        let inT = try Substitution.apply(f, table, budget: budget)
        let integrand = try RationalFunctions.cancel(Expr.mul([inT, .integer(2), Expr.pow(Expr.mul([a, Expr.one + t2]), .minusOne)]), budget: budget).value
        guard !integrand.symbolNames.contains(x.name) else { return nil }
        var inner = sub(t)
        guard let G = try inner.integrate(integrand) else { return nil }
        return try Substitution.apply(G, [(te, Expr.function(.tan, [Expr.mul([.rational(.half), u])]))], budget: budget)
    }

    /// x occurring only through x and powers L^(p/q) of one linear form L = a x + b:
    /// t = L^(1/d) makes the integrand rational in t (x = (t^d - b)/a, dx = d t^(d-1)/a dt).
    mutating func rationalisingSubstitution(_ f: Expr) throws -> Expr? {
        guard nesting < Integrator.maxNesting else { return nil }
        var linearForm: Expr?
        var d = 1
        var ok = true
        var seen = Set<Expr>()
        func visit(_ e: Expr) throws {
            guard ok, !free(e), seen.insert(e).inserted else { return }
            switch e.kind {
            case .symbol: return
            case let .add(_, terms): for t in terms { try visit(t.expr) }
            case let .mul(_, factors): for fa in factors { try power(fa.base, fa.exponent) }
            case let .pow(b, p): try power(b, p)
            default: ok = false
            }
        }
        func power(_ b: Expr, _ p: Expr) throws {
            guard !free(b) else { if !free(p) { ok = false }; return }
            guard let q = p.rationalValue else { ok = false; return }
            if q.isInteger { try visit(b); return }
            guard try linear(b) != nil, linearForm == nil || linearForm == b, let den = q.denominator.intValue, den <= 12 else { ok = false; return }
            linearForm = b
            d = d * den / gcd(d, den)
        }
        try visit(f)
        guard ok, let L = linearForm, let (a, b) = try linear(L), d > 1 else { return nil }
        let t = Symbol("·s\(depth)", assumptions: .positive)
        let te = Expr.symbol(t)
        let xOfT = (Expr.pow(te, .integer(d)) - b) / a
        // L^(p/q) = t^(p d/q): substitute L's powers first, then x
        let substituted = try Transform.bottomUp(f, budget: budget, doing: "integrating") { node in
            if case let .pow(base, p) = node.kind, base == L, let q = p.rationalValue { return Expr.pow(te, .rational(q * Rational(d))) }
            if case let .mul(c, factors) = node.kind, factors.contains(where: { $0.base == L }) {
                return Expr.mul([.number(c)] + factors.map { fa in
                    if fa.base == L, let q = fa.exponent.rationalValue { return Expr.pow(te, .rational(q * Rational(d))) }
                    return Expr.pow(fa.base, fa.exponent)
                })
            }
            return nil
        }
        let inT = try Substitution.apply(substituted, [(xe, xOfT)], budget: budget)
        let g = Expr.mul([inT, .integer(d), Expr.pow(te, .integer(d - 1)), Expr.pow(a, .minusOne)])
        guard !g.symbolNames.contains(x.name) else { return nil }
        var inner = sub(t)
        guard let G = try inner.integrate(try RationalFunctions.cancel(g, budget: budget).value) else { return nil }
        return try Substitution.apply(G, [(te, Expr.pow(L, .rational(try Rational(1, d))))], budget: budget)
    }

    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    // MARK: Substitution

    /// f = g(u)·u' for an inner expression u: ∫ g(t) dt at t = u.
    mutating func substitution(_ f: Expr) throws -> Expr? {
        guard nesting < Integrator.maxNesting else { return nil }
        var candidates: [Expr] = []
        var seen = Set<Expr>()
        var stack = [f]
        while let n = stack.popLast(), candidates.count < 24 {
            guard seen.insert(n).inserted, !free(n) else { continue }
            switch n.kind {
            case let .function(_, args):
                candidates.append(n)
                for a in args where !free(a) && a != xe { candidates.append(a) }
            case let .pow(b, p):
                if b != xe { candidates.append(b) }
                if !free(p) { candidates.append(p) } else if b == xe, p.rationalValue.map({ !$0.isInteger }) == true { candidates.append(n) }
            case let .mul(_, factors):
                for fa in factors where fa.base != xe && !free(fa.base) && !fa.exponent.isOne { candidates.append(fa.base) }
            default: break
            }
            stack += n.children
        }
        // the partner of each sine and cosine (sin(x)/(sin(x)^2 + 1) is a function of cos(x))
        let partners: [BuiltinFunction: BuiltinFunction] = [.sin: .cos, .cos: .sin, .tan: .sec, .sec: .tan, .sinh: .cosh, .cosh: .sinh]
        for c in candidates {
            if case let .function(.builtin(h), args) = c.kind, args.count == 1, let p = partners[h] {
                let partner = Expr.function(p, args)
                if !candidates.contains(partner) { candidates.append(partner) }
            }
        }
        // x^2, x^3, ...: an odd function times x is a function of x^2 (x^9/(3*x^4 + 2))
        for k in [2, 3, 4, 6] where candidates.count < 40 { candidates.append(Expr.pow(xe, .integer(k))) }
        let t = Symbol("·u\(depth)")
        for u in candidates where u != xe {
            try budget.spend(1, doing: "integrating")
            if try linear(u) != nil { continue }
            let du = try Derivative.of(u, by: x.name, budget: budget)
            guard !du.isZero else { continue }
            var quotient = try RationalFunctions.cancel(f / du, budget: budget).value
            // the Pythagorean identities in terms of u: sin^2 = 1 - cos^2 for u = cos(v), and so on
            if case let .function(.builtin(h), args) = u.kind, args.count == 1 {
                quotient = try pythagorean(quotient, h, args[0])
            }
            var g = try Substitution.apply(quotient, [(u, .symbol(t))], budget: budget)
            if !free(g), let back = try inverse(u, .symbol(t)) {
                // u = log(a x + b) or exp(a x + b): x itself is a function of t
                g = try Substitution.apply(g, [(xe, back)], budget: budget)
            }
            if !free(g) {
                // u = x^k: x^(k m) inside the quotient is t^m
                if case let .pow(b, p) = u.kind, b == xe, let k = p.rationalValue {
                    g = try Transform.bottomUp(g, budget: budget, doing: "integrating") { node in
                        if case let .pow(bb, pp) = node.kind, bb == self.xe, let m = pp.rationalValue, let r = try? m / k {
                            return Expr.pow(.symbol(t), .rational(r))
                        }
                        return nil
                    }
                }
            }
            guard free(g) else { continue }
            var inner = sub(t)
            guard let G = try inner.integrate(g) else { continue }
            return try Substitution.apply(G, [(.symbol(t), u)], budget: budget)
        }
        return nil
    }

    /// Even powers of the other trigonometric function written in u's: for u = cos(v),
    /// sin(v)^(2k) = (1 - cos(v)^2)^k; for sin, the same with cos; for sec, tan^2 = sec^2 - 1;
    /// for tan, sec^2 = 1 + tan^2.
    func pythagorean(_ e: Expr, _ h: BuiltinFunction, _ v: Expr) throws -> Expr {
        let pairs: [BuiltinFunction: (BuiltinFunction, (Expr) -> Expr)] = [
            .cos: (.sin, { .one - Expr.pow($0, .integer(2)) }), .sin: (.cos, { .one - Expr.pow($0, .integer(2)) }),
            .sec: (.tan, { Expr.pow($0, .integer(2)) - .one }), .tan: (.sec, { .one + Expr.pow($0, .integer(2)) }),
            .cosh: (.sinh, { Expr.pow($0, .integer(2)) - .one }), .sinh: (.cosh, { .one + Expr.pow($0, .integer(2)) }),
        ]
        guard let (other, square) = pairs[h] else { return e }
        let u = Expr.function(h, [v])
        return try Transform.bottomUp(e, budget: budget, doing: "integrating") { node in
            guard case let .pow(b, p) = node.kind, case let .function(.builtin(g), args) = b.kind, g == other, args[0] == v,
                  let q = p.rationalValue else { return nil }
            // (other^2)^(q/2), with other^2 in u's terms: only for even q, as sqrt(cos(v)^2) is
            // |cos(v)|, not cos(v)
            guard let half = try? q / Rational(2), half.isInteger else { return nil }
            return Expr.pow(square(u), .rational(half))
        }
    }

    /// x in terms of t = u for u = log(a x + b) or exp(a x + b); nil for other u.
    func inverse(_ u: Expr, _ t: Expr) throws -> Expr? {
        guard case let .function(.builtin(h), args) = u.kind, h == .log || h == .exp, let (a, b) = try linear(args[0]) else { return nil }
        // log(a x + b) = t: x = (exp(t) - b)/a; exp(a x + b) = t: x = (log(t) - b)/a
        let inner = h == .log ? Expr.function(.exp, [t]) : Expr.function(.log, [t])
        return (inner - b) / a
    }
}
