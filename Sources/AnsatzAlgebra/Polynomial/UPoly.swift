import AnsatzCore
import AnsatzNumbers
import CFlint

/// A dense univariate polynomial over Q (FLINT `fmpq_poly`), for what needs Euclid's algorithm:
/// division with remainder and the extended GCD of partial fractions.
final class UPoly: @unchecked Sendable {
    let raw: UnsafeMutablePointer<fmpq_poly_struct>

    init() {
        raw = .allocate(capacity: 1)
        fmpq_poly_init(raw)
    }

    deinit {
        fmpq_poly_clear(raw)
        raw.deallocate()
    }

    /// The polynomial of a one-generator `MPoly`.
    convenience init(_ p: MPoly) throws {
        self.init()
        try p.forEachTerm { exps, c in
            MPoly.withFmpq(c) { fmpq_poly_set_coeff_fmpq(raw, exps.first ?? 0, $0) }
        }
    }

    var degree: Int { fmpq_poly_degree(raw) }
    var isZero: Bool { degree < 0 }

    func coefficient(_ i: Int) -> Rational {
        var c = fmpq()
        fmpq_init(&c)
        defer { fmpq_clear(&c) }
        fmpq_poly_get_coeff_fmpq(&c, raw, i)
        return MPoly.rational(&c)
    }

    /// Σ c_i x^i as an expression.
    func expression(in x: Expr) -> Expr {
        guard degree >= 0 else { return .zero }
        return Expr.add((0...degree).map { Expr.mul([.rational(coefficient($0)), Expr.pow(x, .integer($0))]) })
    }

    static func * (a: UPoly, b: UPoly) -> UPoly {
        let r = UPoly()
        fmpq_poly_mul(r.raw, a.raw, b.raw)
        return r
    }

    func power(_ n: Int) -> UPoly {
        let r = UPoly()
        fmpq_poly_pow(r.raw, raw, UInt(n))
        return r
    }

    /// (quotient, remainder); the divisor must not be zero.
    func divided(by d: UPoly) -> (UPoly, UPoly) {
        let q = UPoly(), r = UPoly()
        fmpq_poly_divrem(q.raw, r.raw, raw, d.raw)
        return (q, r)
    }

    /// (g, s, t) with g = s*a + t*b, g monic.
    static func extendedGCD(_ a: UPoly, _ b: UPoly) -> (UPoly, UPoly, UPoly) {
        let g = UPoly(), s = UPoly(), t = UPoly()
        fmpq_poly_xgcd(g.raw, s.raw, t.raw, a.raw, b.raw)
        return (g, s, t)
    }
}
