import AnsatzCore
import AnsatzNumbers
import CFlint

/// Certified numeric roots of a polynomial with rational coefficients (Arb's
/// `arb_fmpz_poly_complex_roots`: each root isolated in a ball that provably holds exactly one
/// root, refined to the asked precision; a real root is proven real).
public enum PolynomialRoots {
    public struct Root: Sendable {
        /// Midpoints of the ball, exactly.
        public let real: Rational
        public let imaginary: Rational
        /// Radius bound (real and imaginary parts).
        public let radius: Double
        /// Proven real (its ball's imaginary part is exactly zero).
        public let isReal: Bool
    }

    /// Largest degree handled: the isolation costs about degree^3 at the working precision.
    public static let maxDegree = 120

    /// The roots of Σ coefficients[k] x^k (lowest degree first), which must be squarefree (an
    /// irreducible factor is), real ones first in increasing order, each to `bits` bits.
    public static func isolated(_ coefficients: [Rational], bits: Int) throws -> [Root] {
        let degree = coefficients.count - 1
        guard degree >= 1 else { return [] }
        guard degree <= maxDegree else {
            throw Diagnostic(.limit, "degree \(degree) is past the \(maxDegree) whose roots are isolated here", hint: "factor the polynomial first")
        }
        // integer coefficients: times the lcm of the denominators
        var scale = BigInt(1)
        for c in coefficients {
            let d = c.denominator
            scale = try scale * d / BigInt.gcd(scale, d)
        }
        var poly = fmpz_poly_struct()
        fmpz_poly_init(&poly)
        defer { fmpz_poly_clear(&poly) }
        var z = fmpz()
        fmpz_init(&z)
        defer { fmpz_clear(&z) }
        for (k, c) in coefficients.enumerated() {
            let n = try c.numerator * (scale / c.denominator)
            n.withMPZ { fmpz_set_mpz(&z, $0) }
            fmpz_poly_set_coeff_fmpz(&poly, k, &z)
        }
        let roots = _acb_vec_init(degree)
        defer { _acb_vec_clear(roots, degree) }
        arb_fmpz_poly_complex_roots(roots, &poly, 0, bits)
        var out: [Root] = []
        var q = fmpq()
        fmpq_init(&q)
        defer { fmpq_clear(&q) }
        for k in 0..<degree {
            let rr = ans_acb_part_mid(roots, k, 0, &q)
            let re = MPoly.rational(&q)
            let ri = ans_acb_part_mid(roots, k, 1, &q)
            let im = MPoly.rational(&q)
            out.append(Root(real: re, imaginary: im, radius: rr + ri, isReal: ans_arb_is_exact_zero(roots, k) != 0))
        }
        return out
    }
}
