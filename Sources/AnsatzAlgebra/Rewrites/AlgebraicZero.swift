import AnsatzCore
import AnsatzNumbers
import CFlint

/// Zero recognition for real algebraic constants built from rationals with + − × ÷ and rational
/// powers of positive radicands (sqrt(1 + sqrt(3)) + sqrt(3 + 3*sqrt(3)) - sqrt(10 + 6*sqrt(3))).
/// A separation bound (Burnikel, Fleischer, Mehlhorn, Schirra, "A separation bound for real
/// algebraic expressions", Algorithmica 2001) says how small such a number can be without being
/// 0: |E| ≥ 1/(u(E)^(D(E)^2 - 1) l(E)) when E ≠ 0, with u and l computed bottom-up and D the
/// product of the root indices. (The bound for expressions without division has D - 1; the
/// larger exponent is taken here, which only asks for more precision.) The number is then
/// evaluated in Arb's real balls below that bound: a ball that excludes 0 proves E ≠ 0, a ball
/// inside the bound around 0 proves E = 0.
public enum AlgebraicZero {
    /// true: proven 0; false: proven nonzero; nil: not such a constant, or the proof would need
    /// more than `maxBits` of precision.
    public static func isZero(_ e: Expr, maxBits: Int = 1 << 16) -> Bool? {
        guard !e.isNumber else { return e.isZero }
        var bounds: [Expr: Bound] = [:]
        var degree = 1.0
        guard let top = bound(e, &bounds, &degree, depth: 0) else { return nil }
        let needed = (degree * degree - 1) * top.lu + top.ll + 16
        guard needed.isFinite, needed < Double(maxBits) else { return nil }
        let bits = Int(needed) + 64
        var balls: [Expr: RealBall] = [:]
        guard let value = evaluate(e, bits, &balls, depth: 0) else { return nil }
        return withExtendedLifetime(value) { () -> Bool? in
            if arb_contains_zero(value.raw) == 0 { return false }
            // |E| < 2^-needed and E in the ball: E = 0 by the bound
            var m = mag_struct()
            mag_init(&m)
            defer { mag_clear(&m) }
            arb_get_mag(&m, value.raw)
            return mag_cmp_2exp_si(&m, -Int(needed.rounded(.up))) < 0 ? true : nil
        }
    }

    /// log2 of upper bounds of u(E) and l(E).
    struct Bound { var lu: Double; var ll: Double }

    static func log2(_ n: BigInt) -> Double {
        // upper bound from the bit width
        Double(max(n.magnitude.bitWidth, 1))
    }

    static func times(_ a: Bound, _ b: Bound) -> Bound { Bound(lu: a.lu + b.lu, ll: a.ll + b.ll) }
    static func plus(_ a: Bound, _ b: Bound) -> Bound { Bound(lu: 1 + max(a.lu + b.ll, a.ll + b.lu), ll: a.ll + b.ll) }
    static func inverse(_ a: Bound) -> Bound { Bound(lu: a.ll, ll: a.lu) }
    static func power(_ a: Bound, _ n: Int) -> Bound {
        let b = n < 0 ? inverse(a) : a
        return Bound(lu: b.lu * Double(abs(n)), ll: b.ll * Double(abs(n)))
    }
    static func root(_ a: Bound, _ k: Int) -> Bound {
        let kk = Double(k)
        if a.lu >= a.ll { return Bound(lu: (a.lu + (kk - 1) * a.ll + 1) / kk, ll: a.ll) }
        return Bound(lu: a.lu, ll: ((kk - 1) * a.lu + a.ll + 1) / kk)
    }

    static func number(_ q: Rational) -> Bound { Bound(lu: log2(q.numerator), ll: log2(q.denominator)) }

    static func bound(_ e: Expr, _ memo: inout [Expr: Bound], _ degree: inout Double, depth: Int) -> Bound? {
        if let known = memo[e] { return known }
        guard depth < 256 else { return nil }
        let result: Bound
        switch e.kind {
        case let .number(.rational(q)):
            result = number(q)
        case let .add(c, terms):
            guard let q0 = c.rational else { return nil }
            var total: Bound? = q0.isZero ? nil : number(q0)
            for t in terms {
                guard let q = t.coefficient.rational, let b = bound(t.expr, &memo, &degree, depth: depth + 1) else { return nil }
                let term = times(number(q), b)
                total = total.map { plus($0, term) } ?? term
            }
            guard let total else { return nil }
            result = total
        case let .mul(c, factors):
            guard let q0 = c.rational else { return nil }
            var total = number(q0)
            for f in factors {
                guard let b = power(f.base, f.exponent, &memo, &degree, depth: depth + 1) else { return nil }
                total = times(total, b)
            }
            result = total
        case let .pow(b, x):
            guard let p = power(b, x, &memo, &degree, depth: depth + 1) else { return nil }
            result = p
        default:
            return nil  // symbols, π, e, I, functions: not this kind of constant
        }
        memo[e] = result
        return result
    }

    /// b^(p/q) as the q-th root of b^p (b is checked positive when evaluated).
    static func power(_ b: Expr, _ x: Expr, _ memo: inout [Expr: Bound], _ degree: inout Double, depth: Int) -> Bound? {
        guard let q = x.rationalValue, q.numerator.magnitude <= BigInt(64), q.denominator <= BigInt(64),
              let p = q.numerator.intValue, let k = q.denominator.intValue,
              let base = bound(b, &memo, &degree, depth: depth) else { return nil }
        let raised = power(base, p)
        guard k > 1 else { return raised }
        degree *= Double(k)
        return root(raised, k)
    }

    /// An owned real ball.
    final class RealBall {
        let raw: UnsafeMutablePointer<arb_struct>
        init() { raw = .allocate(capacity: 1); arb_init(raw) }
        deinit { arb_clear(raw); raw.deallocate() }
    }

    static func evaluate(_ e: Expr, _ bits: Int, _ memo: inout [Expr: RealBall], depth: Int) -> RealBall? {
        if let known = memo[e] { return known }
        guard depth < 256 else { return nil }
        let r = RealBall()
        switch e.kind {
        case let .number(.rational(q)):
            MPoly.withFmpq(q) { arb_set_fmpq(r.raw, $0, bits) }
        case let .add(c, terms):
            guard let q0 = c.rational else { return nil }
            MPoly.withFmpq(q0) { arb_set_fmpq(r.raw, $0, bits) }
            for t in terms {
                guard let q = t.coefficient.rational, let v = evaluate(t.expr, bits, &memo, depth: depth + 1) else { return nil }
                let scaled = RealBall()
                withExtendedLifetime((scaled, v)) {
                    MPoly.withFmpq(q) { arb_set_fmpq(scaled.raw, $0, bits) }
                    arb_mul(scaled.raw, scaled.raw, v.raw, bits)
                    arb_add(r.raw, r.raw, scaled.raw, bits)
                }
            }
        case let .mul(c, factors):
            guard let q0 = c.rational else { return nil }
            MPoly.withFmpq(q0) { arb_set_fmpq(r.raw, $0, bits) }
            for f in factors {
                guard let v = power(f.base, f.exponent, bits, &memo, depth: depth + 1) else { return nil }
                arb_mul(r.raw, r.raw, v.raw, bits)
            }
        case let .pow(b, x):
            guard let v = power(b, x, bits, &memo, depth: depth + 1) else { return nil }
            arb_set(r.raw, v.raw)
        default:
            return nil
        }
        guard arb_is_finite(r.raw) != 0 else { return nil }
        memo[e] = r
        return r
    }

    static func power(_ b: Expr, _ x: Expr, _ bits: Int, _ memo: inout [Expr: RealBall], depth: Int) -> RealBall? {
        guard let q = x.rationalValue, q.numerator.magnitude <= BigInt(64), q.denominator <= BigInt(64),
              let p = q.numerator.intValue, let k = q.denominator.intValue,
              let base = evaluate(b, bits, &memo, depth: depth) else { return nil }
        let r = RealBall()
        if k > 1 {
            // principal roots of provably positive radicands only
            guard arb_is_positive(base.raw) != 0 else { return nil }
            arb_root_ui(r.raw, base.raw, UInt(k), bits)
        } else {
            arb_set(r.raw, base.raw)
        }
        if p < 0 && arb_contains_zero(r.raw) != 0 { return nil }
        arb_pow_ui(r.raw, r.raw, UInt(abs(p)), bits)
        if p < 0 { arb_inv(r.raw, r.raw, bits) }
        return r
    }
}
