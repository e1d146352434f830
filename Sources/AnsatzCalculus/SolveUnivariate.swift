import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers

/// One equation f = 0 in one unknown: candidates that the caller checks by substitution.
struct Root {
    var value: Expr
    var exact: Bool
    /// A decimal root's text, to its certified digits (the float itself prints with its precision).
    var decimal: String? = nil
}

extension Solver {
    mutating func univariate(_ f: Expr, _ x: Symbol) throws -> [Root] {
        try budget.spend(1, doing: "solving")
        depth += 1
        defer { depth -= 1 }
        guard depth < 40 else { throw Solve.fail("the equation nests too deeply", "simplify it first") }
        guard mentions(f, x) else {
            switch try Probe.zero(f, budget: budget) {
            case .zero: throw Solve.fail("the equation holds for every value of \(x.name)", "there is nothing to solve")
            default: return []
            }
        }
        if let factored = try PolynomialView.factored(f, in: x.name, budget: budget) {
            guard !factored.constant.isZero else {
                throw Solve.fail("the equation holds for every value of \(x.name) (where it is defined)", "there is nothing to solve")
            }
            if !factored.constant.isNumber && !factored.constant.isKnownNonzero { conditions.append(factored.constant) }
            var roots: [Root] = []
            for (cs, _) in factored.factors { roots += try polynomialRoots(cs, x) }
            return roots
        }
        if let eliminated = try eliminateRadicals(f, x) {
            notes.append("radicals eliminated (resultants); each root checked in the original equation")
            return try univariate(eliminated, x)
        }
        if let inverted = try invert(f, x) { return inverted }
        // b^u as exp(u log b), so that powers of numbers join the exponentials
        let exponentials = try Transform.bottomUp(f, budget: budget, doing: "solving") { node in
            if case let .pow(b, u) = node.kind, !self.mentions(b, x), self.mentions(u, x) {
                return Expr.function(.exp, [Expr.mul([u, Expr.function(.log, [b])])])
            }
            return nil
        }
        if exponentials != f, let inverted = try invert(exponentials, x) { return inverted }
        if let roots = try twoExponentials(exponentials, x) { return roots }
        if let roots = try logarithms(f, x) { return roots }
        if let roots = try sinesAndCosines(f, x) { return roots }
        throw Solve.fail("cannot solve for \(x.name): it occurs in ways that no inversion undoes (in several different functions, or nested)",
                         "isolate one occurrence of \(x.name), or solve numerically (evaluate at trial points)")
    }

    // MARK: Polynomials

    /// The roots of Σ cs[k] x^k, an irreducible factor over Q (so squarefree).
    mutating func polynomialRoots(_ cs: [Expr], _ x: Symbol) throws -> [Root] {
        let d = cs.count - 1
        guard d >= 1, let lead = cs.last else { return [] }
        func tidy(_ e: Expr) throws -> Expr { try Simplify.simplify(try RationalFunctions.cancel(e, budget: budget).value, budget: budget).value }
        if !lead.isNumber && !lead.isKnownNonzero { conditions.append(lead) }
        if d == 1 { return [Root(value: try tidy(-cs[0] / cs[1]), exact: true)] }
        if d == 2 {
            let (a, b, c) = (cs[2], cs[1], cs[0])
            // with its monomial factors apart, so that known-positive ones leave the root:
            // sqrt(4*c^2*u) is 2*c*sqrt(u)
            let discriminant = try monomialContent(try tidy(b * b - Expr.integer(4) * a * c))
            // a negative number's root as I times a positive one's
            let root = discriminant.rationalValue.map { $0.signum < 0 } == true
                ? Expr.mul([.i, Expr.pow(-discriminant, .rational(.half))]) : Expr.pow(discriminant, .rational(.half))
            // numbers simplified; with symbols the formula's own shape, (-b ± sqrt(D))/(2*a), reads best
            let symbolic = cs.contains { !$0.isNumber }
            func shaped(_ e: Expr) throws -> Expr { symbolic ? try RationalFunctions.cancel(e, budget: budget).value : try tidy(e) }
            let twoA = Expr.mul([.integer(2), a])
            return [Root(value: try shaped(Expr.mul([-b - root, Expr.pow(twoA, .minusOne)])), exact: true),
                    Root(value: try shaped(Expr.mul([-b + root, Expr.pow(twoA, .minusOne)])), exact: true)]
        }
        // x^n = a: n roots of a times the n-th roots of unity
        if cs.dropFirst().dropLast().allSatisfy(\.isZero) {
            let a = try tidy(-cs[0] / lead)
            guard d <= 24 else { return try numericRoots(cs, x) }
            return try (0..<d).map { k in
                let unity = Expr.function(.exp, [Expr.mul([.integer(2), .pi, .i, .rational(try Rational(k, d))])])
                return Root(value: try tidy(Expr.mul([Expr.pow(a, .rational(try Rational(1, d))), unity])), exact: true)
            }
        }
        // a polynomial in x^g: solve for y = x^g, then x^g = y
        let used = cs.indices.filter { !cs[$0].isZero && $0 > 0 }
        let g = used.reduce(0) { gcd($0, $1) }
        if g > 1 {
            let y = Symbol("·y\(depth)")
            let reduced = Expr.add(stride(from: 0, through: d, by: g).map { Expr.mul([cs[$0], Expr.pow(.symbol(y), .integer($0 / g))]) })
            var out: [Root] = []
            for r in try univariate(reduced, y) {
                let binomial = Expr.pow(.symbol(x), .integer(g)) - r.value
                for s in try univariate(binomial, x) { out.append(Root(value: s.value, exact: r.exact && s.exact)) }
            }
            return out
        }
        guard cs.allSatisfy({ $0.rationalValue != nil }) else {
            complete = false
            notes.append("not solved: a factor of degree \(d) with symbolic or irrational coefficients")
            return []
        }
        if d == 3 { return try cubicRoots(cs.compactMap(\.rationalValue)) }
        return try numericRoots(cs, x)
    }

    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// e as (monomial factors) × (the rest, expanded): 4*E^2*c^2 - 4*c^6*m^2 is 4*c^2*(E^2 - c^4*m^2).
    func monomialContent(_ e: Expr) throws -> Expr {
        let factored = try RationalFunctions.factor(e, budget: budget).value
        guard case let .mul(c, factors) = factored.kind else { return e }
        var monomial: [Expr] = [.number(c)], rest: [Expr] = []
        for f in factors {
            if case .add = f.base.kind { rest.append(Expr.pow(f.base, f.exponent)) } else { monomial.append(Expr.pow(f.base, f.exponent)) }
        }
        return Expr.mul(monomial + [try Expand.expand(Expr.mul(rest), budget: budget)])
    }

    /// An irreducible cubic over Q in radicals: Cardano's formula when it has one real root,
    /// Viète's cosines when it has three (no complex cube roots of real numbers).
    func cubicRoots(_ c: [Rational]) throws -> [Root] {
        // x = t - b/(3a): t^3 + p t + q = 0
        let (a, b, cc, dd) = (c[3], c[2], c[1], c[0])
        let shift = Expr.rational(try -b / (Rational(3) * a))
        let p = try (Rational(3) * a * cc - b * b) / (Rational(3) * a * a)
        let q = try (Rational(2) * b * b * b - Rational(9) * a * b * cc + Rational(27) * a * a * dd) / (Rational(27) * a * a * a)
        let delta = try (q * q) / Rational(4) + (p * p * p) / Rational(27)
        func tidy(_ e: Expr) throws -> Expr { try Simplify.simplify(e, budget: budget).value }
        if delta.signum > 0 {
            let s = Expr.pow(.rational(delta), .rational(.half))
            let u = Expr.function(.cbrt, [Expr.rational(try -q / Rational(2)) + s])
            let v = Expr.function(.cbrt, [Expr.rational(try -q / Rational(2)) - s])
            let real = u + v
            let halfSum = Expr.mul([.rational(-Rational.half), real])
            let imaginary = Expr.mul([.rational(.half), Expr.pow(.integer(3), .rational(.half)), u - v, .i])
            return [Root(value: try tidy(real + shift), exact: true),
                    Root(value: try tidy(halfSum - imaginary + shift), exact: true),
                    Root(value: try tidy(halfSum + imaginary + shift), exact: true)]
        }
        // three real roots: t_k = 2 sqrt(-p/3) cos(acos(3q/(2p) sqrt(-3/p))/3 - 2 pi k/3)
        let m = Expr.mul([.integer(2), Expr.pow(.rational(try -p / Rational(3)), .rational(.half))])
        let angle = Expr.function(.acos, [Expr.mul([.rational(try (Rational(3) * q) / (Rational(2) * p)),
                                                     Expr.pow(.rational(try Rational(-3) / p), .rational(.half))])])
        return try (0..<3).map { k in
            let theta = Expr.mul([.rational(try Rational(1, 3)), angle]) - Expr.mul([.rational(try Rational(2 * k, 3)), .pi])
            return Root(value: try tidy(Expr.mul([m, Expr.function(.cos, [theta])]) + shift), exact: true)
        }
    }

    /// Certified decimals (30 digits) of the roots of a squarefree polynomial with rational coefficients.
    mutating func numericRoots(_ cs: [Expr], _ x: Symbol) throws -> [Root] {
        let rationals = cs.compactMap(\.rationalValue)
        guard rationals.count == cs.count else {
            complete = false
            notes.append("not solved: a factor of degree \(cs.count - 1) with irrational coefficients")
            return []
        }
        let roots = try PolynomialRoots.isolated(rationals, bits: 128)
        notes.append("degree \(cs.count - 1): roots isolated numerically in balls of radius below 1e-30 (Arb), given to 30 digits")
        return try roots.map { r in
            let re = try BigFloat(r.real, precision: 100), im = try BigFloat(r.imaginary, precision: 100)
            let reText = re.toString(digits: 30), imText = (im.signum < 0 ? -im : im).toString(digits: 30)
            guard !r.isReal else { return Root(value: .float(re), exact: false, decimal: reText) }
            let text = reText + (im.signum < 0 ? " - " : " + ") + imText + "*I"
            return Root(value: Expr.float(re) + Expr.mul([.float(im), .i]), exact: false, decimal: text)
        }
    }

    // MARK: Radicals

    /// A polynomial whose roots include every solution of f = 0, f rational in x and in rational
    /// powers of rational functions of x: each radical b^(1/q) becomes y with y^q = b, and y is
    /// eliminated by a resultant. Nil when f has other kinds of occurrences of x.
    mutating func eliminateRadicals(_ f: Expr, _ x: Symbol) throws -> Expr? {
        var bases: [Expr: Int] = [:]  // base → lcm of the exponents' denominators
        var ok = true
        var seen = Set<Expr>()
        func scan(_ e: Expr) {
            guard ok, mentions(e, x), seen.insert(e).inserted else { return }
            switch e.kind {
            case .symbol: return
            case let .add(_, terms): for t in terms { scan(t.expr) }
            case let .mul(_, factors): for f in factors { power(f.base, f.exponent) }
            case let .pow(b, p): power(b, p)
            default: ok = false
            }
        }
        func power(_ b: Expr, _ p: Expr) {
            guard mentions(b, x) else { if mentions(p, x) { ok = false }; return }
            guard let q = p.rationalValue else { ok = false; return }
            if q.isInteger { scan(b); return }
            guard let d = q.denominator.intValue, d <= 12 else { ok = false; return }
            // the base must itself be rational in x (no nested radicals)
            var inner = true
            var stack = [b]
            while let n = stack.popLast(), inner {
                switch n.kind {
                case let .pow(_, e): if mentions(n, x), e.rationalValue?.isInteger != true { inner = false }
                case let .mul(_, fs): for f in fs where mentions(f.base, x) && f.exponent.rationalValue?.isInteger != true { inner = false }
                case .function: if mentions(n, x) { inner = false }
                default: break
                }
                stack += n.children
            }
            guard inner else { ok = false; return }
            bases[b] = (bases[b] ?? 1) * d / gcd(bases[b] ?? 1, d)
        }
        scan(f)
        guard ok, !bases.isEmpty, bases.count <= 4 else { return nil }
        // b^(p/q) → y^(p·d/q), with y^d = b
        var names: [Expr: Symbol] = [:]
        for (i, b) in bases.keys.sorted(by: { $0.description < $1.description }).enumerated() { names[b] = Symbol("·r\(depth)_\(i)") }
        var memo: [Expr: Expr] = [:]
        func replace(_ e: Expr) throws -> Expr {
            if let known = memo[e] { return known }
            let result: Expr
            switch e.kind {
            case let .pow(b, p):
                if let y = names[b], let q = p.rationalValue, let d = bases[b] {
                    result = Expr.pow(.symbol(y), .rational(q * Rational(d)))
                } else {
                    result = try e.rebuilt(mapping: replace)
                }
            case let .mul(c, factors):
                var parts: [Expr] = [.number(c)]
                for f in factors {
                    if let y = names[f.base], let q = f.exponent.rationalValue, let d = bases[f.base], !q.isInteger {
                        parts.append(Expr.pow(.symbol(y), .rational(q * Rational(d))))
                    } else {
                        parts.append(Expr.pow(try replace(f.base), try replace(f.exponent)))
                    }
                }
                result = Expr.mul(parts)
            default:
                result = try e.rebuilt(mapping: replace)
            }
            memo[e] = result
            return result
        }
        var p = try RationalFunctions.cancel(try replace(f), budget: budget).value
        p = Solver.fraction(p).0
        for (b, y) in names {
            guard let d = bases[b] else { continue }
            let (num, den) = Solver.fraction(try RationalFunctions.cancel(b, budget: budget).value)
            let defining = Expr.mul([Expr.pow(.symbol(y), .integer(d)), den]) - num
            guard let r = try PolynomialView.resultant(p, defining, in: y.name, budget: budget) else { return nil }
            p = r
        }
        if p.isZero { return nil }
        return p
    }

    // MARK: Exponentials, logarithms, sines and cosines

    func rationalRatio(_ r: Expr) throws -> Rational? { try Probe.rationalRatio(r, budget: budget) }

    /// c1 exp(u1) + c2 exp(u2) = 0 with the exponents of different rates (3^(2x) = 2^(x + 3)):
    /// exp(u1 - u2) = -c2/c1.
    mutating func twoExponentials(_ f: Expr, _ x: Symbol) throws -> [Root]? {
        guard case let .add(c, terms) = f.kind, terms.count + (c.isZero ? 0 : 1) == 2 else { return nil }
        let parts = [Expr.number(c)].filter { !$0.isZero } + terms.map { Expr.scaled($0.expr, by: $0.coefficient) }
        var exponents: [Expr] = [], coefficients: [Expr] = []
        for p in parts {
            var exponent: [Expr] = [], rest: [Expr] = []
            let factors: [(Expr, Expr)]
            switch p.kind {
            case let .mul(k, fs): factors = [(.number(k), .one)] + fs.map { ($0.base, $0.exponent) }
            default: factors = [(p, .one)]
            }
            for (b, e) in factors {
                if case let .function(.builtin(.exp), args) = b.kind, mentions(args[0], x) {
                    exponent.append(Expr.mul([e, args[0]]))
                } else if mentions(b, x) || mentions(e, x) {
                    return nil
                } else {
                    rest.append(Expr.pow(b, e))
                }
            }
            exponents.append(Expr.add(exponent))
            coefficients.append(Expr.mul(rest))
        }
        guard exponents.count == 2, mentions(exponents[0], x) || mentions(exponents[1], x) else { return nil }
        let y = Symbol("·q\(depth)")
        let w = try Expand.expand(exponents[0] - exponents[1], budget: budget)
        // c1 e^(u1) + c2 e^(u2) = 0  <=>  c1 e^(u1 - u2) + c2 = 0
        let reduced = Expr.mul([coefficients[0], .symbol(y)]) + coefficients[1]
        var out: [Root] = []
        for r in try univariate(reduced, y) {
            for s in try univariate(w - Expr.function(.log, [r.value]), x) { out.append(Root(value: s.value, exact: r.exact && s.exact)) }
        }
        if !x.assumptions.closed.contains(.real) {
            general.append("complex solutions: \(w) = log(r) + 2*pi*I*n for r = \(reduced) solved for \(y.name), n integer")
            complete = false
        }
        return out
    }

    /// Σ k_i log(g_i) + r = 0 with g_i rational in x and k_i rational: Π g_i^k_i = exp(-r),
    /// solved as a rational equation; the check drops the roots where a logarithm's argument is
    /// negative (the branches then disagree).
    mutating func logarithms(_ f: Expr, _ x: Symbol) throws -> [Root]? {
        let terms: [Expr]
        if case let .add(c, ts) = f.kind { terms = [.number(c)] + ts.map { Expr.scaled($0.expr, by: $0.coefficient) } } else { terms = [f] }
        var product: [Expr] = [], rest: [Expr] = []
        var found = false
        for t in terms {
            if !mentions(t, x) { rest.append(t); continue }
            var k = Rational.one
            var body = t
            if case let .mul(c, fs) = t.kind, case let .rational(q) = c, fs.count == 1, fs[0].exponent.isOne {
                k = q
                body = fs[0].base
            }
            guard case let .function(.builtin(.log), args) = body.kind, try PolynomialView.factored(args[0], in: x.name, budget: budget) != nil
            else { return nil }
            product.append(Expr.pow(args[0], .rational(k)))
            found = true
        }
        guard found else { return nil }
        let equation = Expr.mul(product) - Expr.function(.exp, [-Expr.add(rest)])
        return try univariate(try RationalFunctions.cancel(equation, budget: budget).value, x)
    }

    /// A rational function of sin(u), cos(u) and tan(u) (after the multiple-angle formulas):
    /// t = tan(u/2) makes it rational in t; u = 2 atan(t) for each root, and u = pi checked
    /// apart (t is infinite there). Principal solutions, with the period 2 pi stated.
    mutating func sinesAndCosines(_ f: Expr, _ x: Symbol) throws -> [Root]? {
        let expanded = try RewriteMethod.expand_trig.apply(f, budget: budget)
        var argument: Expr?
        var ok = true
        var seen = Set<Expr>()
        func scan(_ e: Expr) {
            guard ok, mentions(e, x), seen.insert(e).inserted else { return }
            switch e.kind {
            case .symbol: ok = false
            case let .add(_, terms): for t in terms { scan(t.expr) }
            case let .mul(_, factors): for fa in factors { if mentions(fa.exponent, x) { ok = false } else { scan(fa.base) } }
            case let .pow(b, p): if mentions(p, x) { ok = false } else { scan(b) }
            case let .function(.builtin(g), args) where [.sin, .cos, .tan].contains(g):
                if argument == nil { argument = args[0] } else if argument != args[0] { ok = false }
            default: ok = false
            }
        }
        scan(expanded)
        guard ok, let u = argument else { return nil }
        let t = Symbol("·t\(depth)", assumptions: x.assumptions.closed.contains(.real) ? .real : [])
        let te = Expr.symbol(t)
        let onePlus = Expr.one + Expr.pow(te, .integer(2))
        let table: [(Expr, Expr)] = [
            (Expr.function(.sin, [u]), Expr.mul([.integer(2), te]) / onePlus),
            (Expr.function(.cos, [u]), (Expr.one - Expr.pow(te, .integer(2))) / onePlus),
            (Expr.function(.tan, [u]), Expr.mul([.integer(2), te]) / (Expr.one - Expr.pow(te, .integer(2)))),
        ]
        let inT = try RationalFunctions.cancel(try Substitution.apply(expanded, table, budget: budget), budget: budget).value
        guard !mentions(inT, x) else { return nil }
        var targets: [Expr] = []
        for r in try univariate(inT, t) { targets.append(Expr.mul([.integer(2), Expr.function(.atan, [r.value])])) }
        // u = pi, where t = tan(u/2) is infinite
        if let atPi = try? Substitution.apply(expanded, [(u, .pi)], budget: budget), try Probe.zero(atPi, budget: budget) == .zero {
            targets.append(.pi)
        }
        var out: [Root] = []
        for target in targets {
            for s in try univariate(u - target, x) { out.append(Root(value: s.value, exact: s.exact)) }
        }
        complete = false
        if let cs = try PolynomialView.coefficients(of: u, in: x.name, budget), cs.count == 2 {
            let step = try Simplify.simplify(Expr.mul([.integer(2), .pi]) / cs[1], budget: budget).value
            general.append("\(x.name) = each solution listed + \(Expr.mul([step, .symbol("n")])), n integer (period 2*pi in \(u))")
        } else {
            general.append("\(u) = each principal value + 2*pi*n, n integer")
        }
        return out
    }

    // MARK: Inverting functions

    /// f = 0 where x occurs only inside exponentials of multiples of one exponent, or only inside
    /// one function call: solve for the call's value, then invert the function.
    mutating func invert(_ f: Expr, _ x: Symbol) throws -> [Root]? {
        // b^u with x in u as exp(u log b)
        var kernels: [Expr] = []
        var ok = true
        var seen = Set<Expr>()
        func scan(_ e: Expr) {
            guard ok, mentions(e, x), seen.insert(e).inserted else { return }
            switch e.kind {
            case .symbol: ok = false  // x outside every function: not a pure kernel equation
            case let .add(_, terms): for t in terms { scan(t.expr) }
            case let .mul(_, factors):
                for f in factors {
                    if mentions(f.exponent, x) { ok = false } else { scan(f.base) }
                }
            case let .pow(b, p): if mentions(p, x) { ok = false } else { scan(b) }
            case .function: if !kernels.contains(e) { kernels.append(e) }
            default: ok = false
            }
        }
        scan(f)
        guard ok, !kernels.isEmpty else { return nil }
        let y = Symbol("·k\(depth)", assumptions: x.assumptions.closed.contains(.real) ? .real : [])
        // exponentials of c_j u + d_j: y = exp(u / L)
        let exps = kernels.compactMap { k -> Expr? in
            if case let .function(.builtin(.exp), args) = k.kind { return args[0] }
            return nil
        }
        if exps.count == kernels.count, let u = exps.first {
            let du = try Derivative.of(u, by: x.name, budget: budget)
            var ratios: [Rational] = []
            for v in exps {
                let dv = try Derivative.of(v, by: x.name, budget: budget)
                guard let c = try rationalRatio(try RationalFunctions.cancel(dv / du, budget: budget).value) else { return nil }
                // v - c u must be constant (x log(4) - 2 x log(2) is, though expansion does not see it)
                let difference = v - Expr.mul([.rational(c), u])
                if mentions(try Expand.expand(difference, budget: budget), x) {
                    guard try Probe.zero(try Derivative.of(difference, by: x.name, budget: budget), budget: budget) == .zero else { return nil }
                }
                ratios.append(c)
            }
            var l = 1
            for c in ratios {
                guard let d = c.denominator.intValue, d <= 64 else { return nil }
                let (next, overflow) = (l / gcd(l, d)).multipliedReportingOverflow(by: d)
                guard !overflow, next <= 720_720 else { return nil }
                l = next
            }
            let exponential = Symbol("·k\(depth)", assumptions: x.assumptions.closed.contains(.real) ? .positive : [])
            var table: [(Expr, Expr)] = []
            for (v, c) in zip(exps, ratios) {
                var offset = try Expand.expand(v - Expr.mul([.rational(c), u]), budget: budget)
                if mentions(offset, x) {
                    // constant, as its derivative showed: its value anywhere (x = 0, else x = 1)
                    if let atZero = try? Substitution.apply(offset, [(Expr.symbol(x), .zero)], budget: budget) {
                        offset = atZero
                    } else {
                        offset = try Substitution.apply(offset, [(Expr.symbol(x), .one)], budget: budget)
                    }
                    offset = try Simplify.simplify(offset, budget: budget).value
                }
                table.append((Expr.function(.exp, [v]),
                              Expr.mul([Expr.function(.exp, [offset]), Expr.pow(.symbol(exponential), .rational(c * Rational(l)))])))
            }
            let inY = try Substitution.apply(f, table, budget: budget)
            guard !mentions(inY, x) else { return nil }
            var out: [Root] = []
            for r in try univariate(inY, exponential) {
                // exp(u / L) = r: u = L log r (+ 2 pi i L n off the reals)
                let target = Expr.mul([.integer(l), Expr.function(.log, [r.value])])
                for s in try univariate(u - target, x) { out.append(Root(value: s.value, exact: r.exact && s.exact)) }
            }
            if !x.assumptions.closed.contains(.real) {
                let scale = l == 1 ? "" : "\(l)*"
                general.append("complex solutions: \(u) = \(scale)(log(r) + 2*pi*I*n) for each value r found for exp(\(Expr.mul([u, .rational(try Rational(1, l))]))), n integer")
                complete = false
            }
            return out
        }
        guard kernels.count == 1, let k = kernels.first, case let .function(.builtin(g), args) = k.kind, args.count == 1 else { return nil }
        let u = args[0]
        let inY = try Substitution.apply(f, [(k, .symbol(y))], budget: budget)
        guard !mentions(inY, x) else { return nil }
        var out: [Root] = []
        var periodic: (period: Expr, name: String)?
        for r in try univariate(inY, y) {
            let v = r.value
            let targets: [Expr]
            switch g {
            case .log: targets = [Expr.function(.exp, [v])]
            case .exp: targets = [Expr.function(.log, [v])]
            case .sin: targets = [Expr.function(.asin, [v]), .pi - Expr.function(.asin, [v])]; periodic = (Expr.mul([.integer(2), .pi]), "sin")
            case .cos: targets = [Expr.function(.acos, [v]), -Expr.function(.acos, [v])]; periodic = (Expr.mul([.integer(2), .pi]), "cos")
            case .tan: targets = [Expr.function(.atan, [v])]; periodic = (.pi, "tan")
            case .sinh: targets = [Expr.function(.asinh, [v])]
            case .cosh: targets = [Expr.function(.acosh, [v]), -Expr.function(.acosh, [v])]
            case .tanh: targets = [Expr.function(.atanh, [v])]
            case .asin: targets = [Expr.function(.sin, [v])]
            case .acos: targets = [Expr.function(.cos, [v])]
            case .atan: targets = [Expr.function(.tan, [v])]
            case .asinh: targets = [Expr.function(.sinh, [v])]
            case .acosh: targets = [Expr.function(.cosh, [v])]
            case .atanh: targets = [Expr.function(.tanh, [v])]
            case .log10: targets = [Expr.pow(.integer(10), v)]
            case .cbrt: targets = [Expr.pow(v, .integer(3))]
            default: return nil
            }
            for t in targets {
                for s in try univariate(u - t, x) { out.append(Root(value: s.value, exact: r.exact && s.exact)) }
            }
        }
        if let (period, name) = periodic {
            complete = false
            // u linear in x: x = x0 + (period / a) n
            if let cs = try PolynomialView.coefficients(of: u, in: x.name, budget), cs.count == 2 {
                let step = try Simplify.simplify(period / cs[1], budget: budget).value
                general.append("\(x.name) = each solution listed + \(Expr.mul([step, .symbol("n")])), n integer (\(name) has period \(period))")
            } else {
                general.append("\(u) = each principal value + \(Expr.mul([period, .symbol("n")])), n integer (\(name) has period \(period))")
            }
        }
        return out
    }
}
