import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzNumeric

/// Numbers at random points, in Arb's balls: the zero test behind limits and solving, and the
/// checks every answer passes before it is returned.
enum Probe {
    /// The symbols of e, with their assumptions.
    static func symbols(of e: Expr) -> [Symbol] {
        var found: [String: Symbol] = [:]
        var seen = Set<Expr>()
        var stack = [e]
        while let n = stack.popLast() {
            guard seen.insert(n).inserted else { continue }
            if case let .symbol(s) = n.kind { found[s.name] = s }
            stack += n.children
        }
        return found.values.sorted { $0.name < $1.name }
    }

    /// A random exact value allowed by the symbol's assumptions: integers 1...5 (or -3...3),
    /// positive rationals in [1/2, 4], real ones in [-3, 3], complex ones in the square [-2, 2]².
    static func value(for s: Symbol, _ random: inout SplitMix64) -> (Rational, Rational) {
        func rational(_ x: Double) -> Rational { (try? Rational(Int((x * 1024).rounded()), 1024)) ?? .one }
        let a = s.assumptions.closed
        if a.contains(.integer) {
            let n = a.contains(.positive) ? 1 + random.below(5) : (a.contains(.nonnegative) ? random.below(5) : random.below(7) - 3)
            return (Rational(n == 0 && a.contains(.nonzero) ? 1 : n), .zero)
        }
        if a.contains(.positive) || a.contains(.nonnegative) { return (rational(random.uniform(0.5, 4)), .zero) }
        if a.contains(.real) {
            let v = random.uniform(-3, 3)
            return (rational(abs(v) < 0.25 ? v + 0.5 : v), .zero)
        }
        // imaginary parts past pi, so that log(exp(a)) = a is seen to fail for some complex a
        return (rational(random.uniform(-2, 2)), rational(random.uniform(-5, 5)))
    }

    /// e at one point (the symbols given values by `value`), in balls of `bits` bits; nil where
    /// e is undefined or not computable there.
    static func ball(_ e: Expr, _ values: [String: (Rational, Rational)], bits: Int, budget: Budget) -> ComplexBall? {
        let balls = values.mapValues { ComplexBall(real: $0.0, imaginary: $0.1, precision: bits) }
        return try? BallEvaluation.evaluate(e, precision: bits, budget: budget) { node in
            if case let .symbol(s) = node.kind { return balls[s.name] }
            return nil
        }
    }

    enum Zero { case zero, nonzero, unknown }

    /// Is e zero for all values of its symbols? Nonzero is proven (a ball that excludes 0 at one
    /// point); zero means 0 to 200 bits at three random points, which for the exp-log-algebraic
    /// functions met here does not happen by chance.
    static func zero(_ e: Expr, budget: Budget, seed: UInt64 = 0x5EED) throws -> Zero {
        if e.isZero { return .zero }
        if let q = e.rationalValue { return q.isZero ? .zero : .nonzero }
        if e.isKnownNonzero { return .nonzero }
        var random = SplitMix64(state: seed)
        let names = symbols(of: e)
        var zeros = 0
        for _ in 0..<10 {
            try budget.spend(1, doing: "testing a coefficient for zero")
            var values: [String: (Rational, Rational)] = [:]
            for s in names { values[s.name] = value(for: s, &random) }
            guard let z = ball(e, values, bits: 320, budget: budget), z.isFinite else { continue }
            if !z.containsZero { return .nonzero }
            if z.radius < 0x1p-200 {
                zeros += 1
                if names.isEmpty { return .zero }  // a number: one evaluation says it all
            }
        }
        // every point tried: sqrt(a^2) + a is 0 at half the points and not at the others
        return zeros >= 3 ? .zero : .unknown
    }

    /// Is e zero at some of a dozen random points (to 200 bits)? A residual that vanishes at some
    /// values of the parameters and not at others marks a solution that holds conditionally
    /// (sqrt(T^2) = T only for Re(T) > 0).
    static func zeroSomewhere(_ e: Expr, budget: Budget) throws -> Bool {
        var random = SplitMix64(state: 0xA11CE)
        let names = symbols(of: e)
        for _ in 0..<12 {
            try budget.spend(1, doing: "checking a solution")
            var values: [String: (Rational, Rational)] = [:]
            for s in names { values[s.name] = value(for: s, &random) }
            if let z = ball(e, values, bits: 320, budget: budget), z.isFinite, z.containsZero, z.radius < 0x1p-200 { return true }
        }
        return false
    }

    /// The zero test for Gruntz's expansions: the coefficient with log ω put back as `logW`.
    static func zeroTest(substituting symbol: Expr, by logW: Expr, budget: Budget) -> @Sendable (Expr) throws -> Bool {
        { c in
            let e = try Substitution.apply(c, [(symbol, logW)], budget: budget)
            switch try zero(e, budget: budget) {
            case .zero: return true
            case .nonzero: return false
            case .unknown:
                let shown = e.description.count > 160 ? "a coefficient of the expansion" : "\(e)"
                throw Gruntz.fail("cannot decide whether \(shown) is zero (it has no value at the points tried)",
                                  "declare the symbols' assumptions (positive, real), or simplify the expression first")
            }
        }
    }
    /// A ratio that is a rational number, possibly in disguise (log(4)/log(2) is 2): found by
    /// continued fractions from its value, then proven by the zero test.
    static func rationalRatio(_ r: Expr, budget: Budget) throws -> Rational? {
        if let q = r.rationalValue { return q }
        guard r.symbolNames.isEmpty, let z = Probe.ball(r, [:], bits: 128, budget: budget), z.isFinite, z.mayBeReal,
              let bounds = z.realBounds(precision: 64) else { return nil }
        var v = bounds.lower.doubleValue
        guard v.isFinite, abs(v) < 1e6 else { return nil }
        // continued fraction convergents with denominators up to 64
        var (h0, h1, k0, k1) = (0, 1, 1, 0)
        for _ in 0..<12 {
            let a = v.rounded(.down)
            guard abs(a) < 1e7 else { break }
            let ai = Int(a)
            (h0, h1) = (h1, ai * h1 + h0)
            (k0, k1) = (k1, ai * k1 + k0)
            guard k1 > 0, k1 <= 64 else { return nil }
            let q = try Rational(h1, k1)
            if try Probe.zero(r - .rational(q), budget: budget) == .zero { return q }
            let fraction = v - a
            guard fraction > 1e-12 else { break }
            v = 1 / fraction
        }
        return nil
    }

}
