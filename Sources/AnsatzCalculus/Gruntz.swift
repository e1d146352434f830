import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers

/// Limits at +∞ by Gruntz's algorithm (D. Gruntz, "On computing limits in a symbolic
/// manipulation system", thesis, ETH Zürich 1996), the method SymPy's `gruntz` implements:
///
/// 1. find the most rapidly varying subexpressions Ω of f (exponentials, or x itself);
/// 2. if x is among them, replace x by exp(x) (the limit is the same) and look again;
/// 3. rewrite f in ω → 0+, one element of Ω's class (every other element is ω^c times a
///    slower function), and expand in ω with log ω a symbol: f = c0 ω^e0 + ...;
/// 4. e0 > 0: the limit is 0; e0 < 0: ±∞ by the sign of c0; e0 = 0: the limit of c0, which
///    varies more slowly than f, so the recursion ends.
///
/// Zero recognition is the known weak point of every implementation: a leading coefficient
/// taken for nonzero when it is 0 gives a wrong answer. Here each one is decided in balls at
/// random points (`Probe.isZero`), and the caller checks the final answer numerically.
struct Gruntz {
    enum Value: Equatable {
        case finite(Expr)
        case plusInfinity
        case minusInfinity

        var isInfinite: Bool { self == .plusInfinity || self == .minusInfinity }
    }

    /// The variable tending to +∞: a positive symbol of a name no input can spell.
    static let variableName = "·x"
    let x = Expr.symbol(Gruntz.variableName, [.positive])
    let budget: Budget
    var depth = 0
    static let maxDepth = 48

    init(budget: Budget) { self.budget = budget }

    static func fail(_ message: String, _ hint: String = "try a one-sided limit, or simplify the expression first") -> Diagnostic {
        Diagnostic(.limitValue, message, hint: hint)
    }

    func depends(_ e: Expr) -> Bool { e.symbolNames.contains(Self.variableName) }

    // MARK: The limit

    mutating func limit(_ e: Expr) throws -> Value {
        try budget.spend(1, doing: "taking a limit")
        if !depends(e) { return .finite(e) }
        if e == x { return .plusInfinity }
        if let bounded = try boundedTimesVanishing(e) { return bounded }
        guard depth < Self.maxDepth else {
            throw Self.fail("the limit needs more than \(Self.maxDepth) nested comparisons of growth rates")
        }
        depth += 1
        defer { depth -= 1 }
        let c0: Expr, e0: Expr
        do {
            (c0, e0) = try leadingTerm(e)
        } catch let d as Diagnostic where d.kind == .limitValue {
            if let value = try decomposed(e) { return value }
            throw d
        }
        switch try Self.signOfNumber(e0) {
        case 1: return .finite(.zero)
        case -1: return try sign(c0) > 0 ? .plusInfinity : .minusInfinity
        default: return try limit(c0)
        }
    }

    /// Where the expansion fails (erf at infinity has no power series there): the limits of
    /// the parts combined, when every part has a finite limit (sums and products of finite
    /// limits, and bounded monotone functions at ±∞ or continuous ones at a finite value).
    mutating func decomposed(_ e: Expr) throws -> Value? {
        switch e.kind {
        case let .function(.builtin(f), args) where args.count == 1 && [.erf, .erfc, .atan, .tanh].contains(f):
            switch try limit(args[0]) {
            case let .finite(v): return .finite(Expr.function(f, [v]))
            case .plusInfinity:
                let values: [BuiltinFunction: Expr] = [.erf: .one, .erfc: .zero, .atan: Expr.mul([.rational(.half), .pi]), .tanh: .one]
                return values[f].map { .finite($0) }
            case .minusInfinity:
                let values: [BuiltinFunction: Expr] = [.erf: .minusOne, .erfc: .integer(2), .atan: Expr.mul([.rational(-Rational.half), .pi]), .tanh: .minusOne]
                return values[f].map { .finite($0) }
            }
        case let .add(c, terms):
            var parts: [Expr] = [.number(c)]
            for t in terms {
                guard case let .finite(v) = try limit(t.expr) else { return nil }
                parts.append(Expr.scaled(v, by: t.coefficient))
            }
            return .finite(Expr.add(parts))
        case let .mul(c, factors):
            var parts: [Expr] = [.number(c)]
            for f in factors {
                guard case let .finite(v) = try limit(Expr.pow(f.base, f.exponent)) else { return nil }
                parts.append(v)
            }
            return .finite(Expr.mul(parts))
        default:
            return nil
        }
    }

    /// A product with sines and cosines of real arguments that grow without bound: they oscillate,
    /// which no expansion captures, but they are bounded, so the product tends to 0 when the rest
    /// does (sin(x)/x at oo). Nil when there are no such factors.
    mutating func boundedTimesVanishing(_ e: Expr) throws -> Value? {
        func oscillating(_ f: (base: Expr, exponent: Expr)) throws -> Bool {
            guard case let .function(.builtin(g), args) = f.base.kind, [.sin, .cos].contains(g), depends(args[0]),
                  args[0].isKnownReal, let n = f.exponent.rationalValue, n.isInteger, n.signum > 0 else { return false }
            return try limit(args[0]).isInfinite
        }
        let factors: [(base: Expr, exponent: Expr)]
        var coefficient = Number.one
        switch e.kind {
        case let .mul(c, fs): factors = fs.map { ($0.base, $0.exponent) }; coefficient = c
        case let .pow(b, p): factors = [(b, p)]
        case .function: factors = [(e, .one)]
        default: return nil
        }
        var rest: [Expr] = [.number(coefficient)]
        var found: [Expr] = []
        for f in factors {
            if try oscillating(f) { found.append(f.base) } else { rest.append(Expr.pow(f.base, f.exponent)) }
        }
        guard let first = found.first else { return nil }
        if try limit(Expr.mul(rest)) == .finite(.zero) { return .finite(.zero) }
        throw Self.fail("\(first) oscillates without settling as the variable tends to the point: the limit does not exist, or is beyond Gruntz's algorithm",
                        "only a bounded oscillation times a factor that tends to 0 is decided (sin(x)/x at oo is 0)")
    }

    /// The sign of a real constant with no symbols, proven in balls (log(3), pi - 3); nil otherwise.
    static func numericSign(_ e: Expr) -> Int? {
        guard e.symbolNames.isEmpty, let z = Probe.ball(e, [:], bits: 128, budget: .unlimited), z.isFinite, z.isReal || z.mayBeReal,
              let bounds = z.realBounds(precision: 64) else { return nil }
        if bounds.lower.signum > 0 { return 1 }
        if bounds.upper.signum < 0 { return -1 }
        return nil
    }

    static func signOfNumber(_ e: Expr) throws -> Int {
        if let q = e.rationalValue { return q.signum }
        if e.isKnownPositive { return 1 }
        if (-e).isKnownPositive { return -1 }
        if let s = numericSign(e) { return s }
        throw fail("the sign of the exponent \(e) is not known", "declare the signs of the symbols (assume 'a > 0')")
    }

    /// The sign of e as x → ∞ (e not tending to 0).
    mutating func sign(_ e: Expr) throws -> Int {
        if !depends(e) {
            if e.isZero { return 0 }
            if e.isKnownPositive { return 1 }
            if (-e).isKnownPositive { return -1 }
            if let s = Self.numericSign(e) { return s }
            let shown = e.description.count > 200 ? "a coefficient" : "\(e)"
            if e.isKnownReal {
                throw Self.fail("the limit is infinite, with the sign of \(shown), which is not known", "declare the signs of the symbols (assume 'a > 0')")
            }
            throw Self.fail("the limit is infinite in the direction of \(shown), which is not known to be real", "declare the symbols real or positive (assume 'a > 0')")
        }
        switch e.kind {
        case .symbol: return 1  // x itself
        case let .mul(c, factors):
            var s = c.signum
            for f in factors {
                let b = try sign(Expr.pow(f.base, f.exponent))
                s *= b
            }
            return s
        case let .pow(b, p):
            if b.isKnownPositive || b == x { return 1 }
            if let q = p.rationalValue, q.isInteger {
                let sb = try sign(b)
                return try q.numerator.floorDivMod(BigInt(2)).modulus.isZero ? sb * sb : sb
            }
        case let .function(.builtin(.exp), args) where args[0].isKnownReal:
            return 1
        default:
            break
        }
        guard depth < Self.maxDepth else { throw Self.fail("the sign needs too many nested expansions") }
        depth += 1
        defer { depth -= 1 }
        let (c0, _) = try leadingTerm(e)
        return try sign(c0)
    }

    // MARK: Most rapidly varying subexpressions

    /// Powers with exponents that depend on x as exponentials: b^p = exp(p log b).
    func normalised(_ e: Expr) throws -> Expr {
        var memo: [Expr: Expr] = [:]
        func visit(_ e: Expr) throws -> Expr {
            if let known = memo[e] { return known }
            try budget.spend(1, doing: "taking a limit")
            var result: Expr
            if !depends(e) {
                result = e
            } else if case let .pow(b, p) = e.kind, depends(p) {
                result = Expr.function(.exp, [Expr.mul([try visit(p), Expr.function(.log, [try visit(b)])])])
            } else if case let .function(.builtin(f), args) = e.kind, [.sinh, .cosh, .tanh].contains(f), depends(args[0]) {
                // in exponentials, which the algorithm compares: tanh(x) at oo is 1
                let u = try visit(args[0])
                let (p, m) = (Expr.function(.exp, [u]), Expr.function(.exp, [-u]))
                switch f {
                case .sinh: result = (p - m) / .integer(2)
                case .cosh: result = (p + m) / .integer(2)
                default: result = (p - m) / (p + m)
                }
            } else if case let .function(.builtin(.log10), args) = e.kind, depends(args[0]) {
                result = Expr.function(.log, [try visit(args[0])]) / Expr.function(.log, [.integer(10)])
            } else if case let .mul(c, factors) = e.kind {
                var parts: [Expr] = [.number(c)]
                for f in factors {
                    if depends(f.exponent) {
                        parts.append(Expr.function(.exp, [Expr.mul([try visit(f.exponent), Expr.function(.log, [try visit(f.base)])])]))
                    } else {
                        parts.append(Expr.pow(try visit(f.base), f.exponent))
                    }
                }
                result = Expr.mul(parts)
            } else {
                result = try e.rebuilt(mapping: visit)
            }
            memo[e] = result
            return result
        }
        return try visit(e)
    }

    /// The comparability class of most rapidly varying subexpressions of e.
    mutating func mrv(_ e: Expr) throws -> [Expr] {
        try budget.spend(1, doing: "taking a limit")
        if !depends(e) { return [] }
        if e == x { return [x] }
        switch e.kind {
        case let .add(_, terms):
            var set: [Expr] = []
            for t in terms { set = try mrvMax(set, try mrv(t.expr)) }
            return set
        case let .mul(_, factors):
            var set: [Expr] = []
            for f in factors { set = try mrvMax(set, try mrv(f.base)) }
            return set
        case let .pow(b, _):
            return try mrv(b)
        case let .function(.builtin(.exp), args):
            let inner = try mrv(args[0])
            if try limit(args[0]).isInfinite { return try mrvMax([e], inner) }
            return inner
        case let .function(name, args):
            // an unbounded special function at an infinite argument (gamma, digamma, Ei, ...)
            // grows at a rate of its own, which the algorithm (exp-log functions) cannot compare:
            // left as a coefficient it would be taken for slowly varying, and gamma(x)*exp(-x)
            // would come out 0
            if case let .builtin(f) = name, f.entry.isSpecial, ![.erf, .erfc].contains(f) {
                for a in args where depends(a) {
                    if try limit(a).isInfinite {
                        throw Self.fail("\(f.name) at an argument that grows without bound is beyond Gruntz's algorithm here (\(e))",
                                        "rewrite it with its asymptotic form (Stirling's formula for gamma), or evaluate numerically")
                    }
                }
            }
            var set: [Expr] = []
            for a in args { set = try mrvMax(set, try mrv(a)) }
            return set
        default:
            throw Self.fail("cannot take a limit of \(e)", "limits apply to expressions, not relations")
        }
    }

    mutating func mrvMax(_ f: [Expr], _ g: [Expr]) throws -> [Expr] {
        guard let a = f.first else { return g }
        guard let b = g.first else { return f }
        if f.contains(where: { g.contains($0) }) { return union(f, g) }
        switch try compare(a, b) {
        case 1: return f
        case -1: return g
        default: return union(f, g)
        }
    }

    func union(_ f: [Expr], _ g: [Expr]) -> [Expr] { f + g.filter { !f.contains($0) } }

    /// Compares growth: 1 when a varies faster than b, -1 slower, 0 comparably, by the limit of
    /// log(a)/log(b).
    mutating func compare(_ a: Expr, _ b: Expr) throws -> Int {
        func logarithm(_ e: Expr) -> Expr {
            if case let .function(.builtin(.exp), args) = e.kind { return args[0] }
            return Expr.function(.log, [e])
        }
        switch try limit(logarithm(a) / logarithm(b)) {
        case .plusInfinity, .minusInfinity: return 1
        case let .finite(c): return c.isZero ? -1 : 0
        }
    }

    // MARK: Leading term

    /// f ~ c0 ω^e0 as x → ∞, for ω → 0+ of f's most rapidly varying class; c0 varies more slowly.
    mutating func leadingTerm(_ e: Expr) throws -> (Expr, Expr) {
        if !depends(e) { return (e, .zero) }
        var f = try normalised(e)
        var omega = try mrv(f)
        if omega.contains(x) {
            // x → exp(x): the limit at infinity is unchanged, and x's class becomes exponentials.
            // The class moves up with f (found again, it would need the comparison of exp(x)
            // with x, which comes back here: the recursion would not end).
            let up = Expr.function(.exp, [x])
            f = try normalised(try Substitution.apply(f, [(x, up)], budget: budget))
            omega = try omega.map { try normalised(try Substitution.apply($0, [(x, up)], budget: budget)) }
        }
        guard !omega.isEmpty else { return (f, .zero) }
        let (rewritten, logW) = try rewrite(f, omega)
        do {
            return try expandLeading(rewritten, logW)
        } catch let d as Diagnostic where d.kind == .series {
            throw Self.fail("cannot expand at the limit point: \(d.message)", d.hint ?? "try a simpler form of the expression")
        }
    }

    /// The leading term of f(ω) as ω → 0+, ramified (ω = u^d) where fractional powers need it.
    func expandLeading(_ rewritten: Expr, _ logW: Expr) throws -> (Expr, Expr) {
        let wName = "·w"
        let zeroTest = Probe.zeroTest(substituting: Expr.symbol("·L", [.real]), by: logW, budget: budget)
        do {
            let (c0, k) = try Series.leadingTerm(rewritten, in: wName, logSymbol: .symbol("·L", [.real]), isZero: zeroTest, budget: budget)
            return (try Substitution.apply(c0, [(.symbol("·L", [.real]), logW)], budget: budget), .integer(k))
        } catch let r as Series.Ramification {
            // ω = u^d: fractional powers of ω become whole powers of u
            let d = r.denominator
            guard d > 1, d <= 64 else { throw Self.fail("the expansion needs powers with denominator past 64") }
            let u = Expr.symbol("·u", [.positive])
            let ramified = try Substitution.apply(rewritten, [(Expr.symbol(wName, [.positive]), Expr.pow(u, .integer(d)))], budget: budget)
            let logU = logW / .integer(d)
            let test = Probe.zeroTest(substituting: Expr.symbol("·L", [.real]), by: logU, budget: budget)
            do {
                let (c0, k) = try Series.leadingTerm(ramified, in: "·u", logSymbol: .symbol("·L", [.real]), isZero: test, budget: budget)
                return (try Substitution.apply(c0, [(.symbol("·L", [.real]), logU)], budget: budget), .rational(try Rational(k, d)))
            } catch is Series.Ramification {
                throw Self.fail("the expansion needs powers of incompatible denominators")
            }
        }
    }

    /// f in terms of ω = exp(∓h) → 0+ for g = exp(h) the element of Ω that contains no other:
    /// each exp(k) in Ω is exp(k - c h) ω^(∓c), c = lim k/h. Returns f(ω) and log ω in x.
    mutating func rewrite(_ f: Expr, _ omega: [Expr]) throws -> (Expr, Expr) {
        func contains(_ e: Expr, _ part: Expr) -> Bool {
            var stack = [e], seen = Set<Expr>()
            while let n = stack.popLast() {
                if n == part { return true }
                if seen.insert(n).inserted { stack += n.children }
            }
            return false
        }
        func argument(_ e: Expr) throws -> Expr {
            guard case let .function(.builtin(.exp), args) = e.kind else { throw Self.fail("internal: \(e) in the rewrite set is not an exponential") }
            return args[0]
        }
        guard let g = omega.first(where: { candidate in !omega.contains { $0 != candidate && contains(candidate, $0) } }) else {
            throw Self.fail("the rapidly varying parts of the expression nest in a cycle")
        }
        let h = try argument(g)
        let sigma: Int
        switch try limit(h) {
        case .plusInfinity: sigma = 1
        case .minusInfinity: sigma = -1
        case .finite: throw Self.fail("internal: \(g) does not vary rapidly")
        }
        let w = Expr.symbol("·w", [.positive])
        var ratio: [Expr: Expr] = [:]
        for element in omega {
            guard case let .finite(c) = try limit(try argument(element) / h), c.rationalValue != nil, !c.isZero else {
                throw Self.fail("the exponentials in the expression grow at rates whose ratio is not a number",
                                "give the parameters in the exponents values")
            }
            ratio[element] = c
        }
        var memo: [Expr: Expr] = [:]
        let variable = Self.variableName
        func visit(_ e: Expr) throws -> Expr {
            if let known = memo[e] { return known }
            try budget.spend(1, doing: "taking a limit")
            let result: Expr
            if !e.symbolNames.contains(variable) {
                result = e
            } else if let c = ratio[e], case let .function(.builtin(.exp), args) = e.kind {
                // k's own rapidly varying parts first; exp(k - c h) then varies more slowly
                let rest = Expr.add([try visit(args[0]), Expr.mul([.minusOne, c, h])])
                result = Expr.mul([Expr.pow(w, Expr.mul([.integer(-sigma), c])), Expr.function(.exp, [rest])])
            } else {
                result = try e.rebuilt(mapping: visit)
            }
            memo[e] = result
            return result
        }
        let rewritten = try visit(f)
        return (rewritten, Expr.mul([.integer(-sigma), h]))
    }
}
