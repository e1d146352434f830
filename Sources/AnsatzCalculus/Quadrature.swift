import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers

/// Double-exponential quadrature in MPFR (Takahasi and Mori 1974): tanh-sinh on a finite
/// interval, exp-sinh on a half-line, sinh-sinh on the whole line. The substitution makes the
/// integrand decay double-exponentially at the ends, so the trapezoidal rule converges fast even
/// with integrable endpoint singularities; halving the step until two levels agree gives the
/// value and an error estimate (the difference of the last two levels, which at this
/// convergence rate bounds the error of the last in practice; it is an estimate, not a proof).
enum Quadrature {
    struct Result {
        let value: BigFloat
        let error: Double
    }

    enum Interval {
        case finite(BigFloat, BigFloat)
        case upperInfinite(BigFloat)  // [a, oo)
        case lowerInfinite(BigFloat)  // (-oo, b]
        case whole
    }

    /// ∫ f over the interval, to about `digits` digits, or nil when the levels do not settle
    /// (a divergent integral, a singularity inside, no value at some point).
    static func integrate(_ f: Expr, _ x: String, _ interval: Interval, values: [String: BigFloat], digits: Int,
                          budget: Budget) throws -> Result? {
        let bits = Int(Double(digits) * 3.33) + 32
        let pi = try BigFloat.pi(precision: bits)
        let halfPi = pi / (try BigFloat(Rational(2), precision: bits))
        let one = try BigFloat(Rational.one, precision: bits)
        let two = try BigFloat(Rational(2), precision: bits)
        let tolerance = Double(sign: .plus, exponent: -Int(Double(digits) * 3.33), significand: 1)

        /// x(t) and w(t) = dx/dt.
        func node(_ t: BigFloat) -> (BigFloat, BigFloat) {
            let s = halfPi * t.sinh, c = halfPi * t.cosh
            switch interval {
            case let .finite(a, b):
                // distance to the nearer end, without cancellation: (b - a)/(exp(2|s|) + 1)
                let half = (b - a) / two
                let e = (two * s.abs).exp
                let delta = (b - a) / (e + one)
                let x = s.signum >= 0 ? b - delta : a + delta
                let ch = s.cosh
                return (x, half * c / (ch * ch))
            case let .upperInfinite(a):
                let e = s.exp
                return (a + e, c * e)
            case let .lowerInfinite(b):
                let e = s.exp
                return (b - e, c * e)
            case .whole:
                return (s.sinh, c * s.cosh)
            }
        }
        var evaluations = 0
        func term(_ t: BigFloat) throws -> BigFloat? {
            evaluations += 1
            if evaluations % 64 == 0 { try budget.spend(64, doing: "numeric quadrature") }
            let (xt, w) = node(t)
            guard xt.isFinite, w.isFinite else { return nil }
            if w.isZero { return w }
            var point = values
            point[x] = xt
            guard let v = try? Evaluator.evaluate(f, at: point, precision: bits), v.isFinite else { return nil }
            return v * w
        }
        /// Σ over t = k h (k odd when `oddOnly`) until the terms are negligible on both sides.
        func sum(_ h: BigFloat, oddOnly: Bool, scale: Double) throws -> BigFloat? {
            var total = try BigFloat(Rational.zero, precision: bits)
            if !oddOnly, let t0 = try term(try BigFloat(Rational.zero, precision: bits)) { total = total + t0 } else if !oddOnly { return nil }
            for direction in [1, -1] {
                var k = oddOnly ? 1 : 1
                var small = 0
                var settled = false
                while k < 1 << 16 {
                    let t = h * (try BigFloat(Rational(direction * k), precision: bits))
                    if t.abs.doubleValue > 12 { break }
                    // no value at a node: past terms already negligible, the precision ran out at
                    // the end (e^x - 1 at x = 1e-50000); else an overflow or a pole, and no answer
                    guard let v = try term(t), v.isFinite else {
                        if small > 0 { settled = true; break }
                        return nil
                    }
                    total = total + v
                    let magnitude = v.abs.doubleValue
                    guard magnitude.isFinite else { return nil }
                    if magnitude < tolerance * max(scale, 1e-300) * 1e-3 { small += 1 } else { small = 0 }
                    if small >= 3 { break }
                    k += oddOnly ? 2 : 1
                }
                // the terms never became negligible towards this end: the integral diverges or
                // oscillates (an odd integrand on the whole line cancels on symmetric nodes, so
                // each end is judged apart)
                if small < 3 && !settled { return nil }
            }
            return total
        }
        var h = one
        guard var s = try sum(h, oddOnly: false, scale: 1) else { return nil }
        var estimate = s * h
        for _ in 0..<12 {
            h = h / two
            let scale = estimate.abs.doubleValue
            guard let odd = try sum(h, oddOnly: true, scale: scale) else { return nil }
            s = s + odd
            let next = s * h
            let error = (next - estimate).abs.doubleValue
            estimate = next
            guard next.isFinite, error.isFinite, next.abs.doubleValue.isFinite else { return nil }
            if error <= tolerance * max(1, next.abs.doubleValue) { return Result(value: next, error: max(error, tolerance * 1e-3 * max(1, next.abs.doubleValue))) }
        }
        return nil
    }
}
