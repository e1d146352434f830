import AnsatzCore
import AnsatzNumbers
import CFlint

/// A polynomial ring Q[g₀, …, gₙ₋₁] (a FLINT `fmpq_mpoly` context, lexicographic order).
final class PolyRing: @unchecked Sendable {
    let ctx: UnsafeMutablePointer<fmpq_mpoly_ctx_struct>
    let count: Int

    init(variables: Int) {
        count = variables
        ctx = .allocate(capacity: 1)
        fmpq_mpoly_ctx_init(ctx, max(variables, 1), ordering_t(rawValue: UInt32(ans_ord_lex())))
    }

    deinit {
        fmpq_mpoly_ctx_clear(ctx)
        ctx.deallocate()
    }
}

/// A polynomial with rational coefficients, owned by Swift (FLINT's memory freed on deinit).
/// The storage lives behind a pointer, never in a Swift stored property passed inout, so that
/// `a * a` hands FLINT the same pointer twice without an exclusivity violation.
final class MPoly: @unchecked Sendable {
    let ring: PolyRing
    let raw: UnsafeMutablePointer<fmpq_mpoly_struct>

    init(_ ring: PolyRing) {
        self.ring = ring
        raw = .allocate(capacity: 1)
        fmpq_mpoly_init(raw, ring.ctx)
    }

    deinit {
        fmpq_mpoly_clear(raw, ring.ctx)
        raw.deallocate()
    }

    static func constant(_ q: Rational, _ ring: PolyRing) -> MPoly {
        let p = MPoly(ring)
        withFmpq(q) { fmpq_mpoly_set_fmpq(p.raw, $0, ring.ctx) }
        return p
    }

    static func generator(_ i: Int, _ ring: PolyRing) -> MPoly {
        let p = MPoly(ring)
        fmpq_mpoly_gen(p.raw, i, ring.ctx)
        return p
    }

    var termCount: Int { fmpq_mpoly_length(raw, ring.ctx) }
    var isZero: Bool { fmpq_mpoly_is_zero(raw, ring.ctx) != 0 }
    var isOne: Bool { fmpq_mpoly_is_one(raw, ring.ctx) != 0 }
    var isConstant: Bool { fmpq_mpoly_is_fmpq(raw, ring.ctx) != 0 }
    var totalDegree: Int { fmpq_mpoly_total_degree_si(raw, ring.ctx) }

    /// About log2 of the largest coefficient (as numerator × denominator): the bit lengths of the
    /// primitive part's largest integer coefficient and of the content's numerator and
    /// denominator, less one each (1 has one bit and log2 0).
    var heightBits: Int {
        let z = abs(fmpz_mpoly_max_bits(&raw.pointee.zpoly))
        let num = fmpz_bits(&raw.pointee.content.num), den = fmpz_bits(&raw.pointee.content.den)
        return max(0, Int(z) - 1) + max(0, Int(num) - 1) + max(0, Int(den) - 1)
    }

    /// Degrees in each generator (-1 for the zero polynomial).
    var degrees: [Int] {
        var d = [Int](repeating: 0, count: max(ring.count, 1))
        d.withUnsafeMutableBufferPointer { fmpq_mpoly_degrees_si($0.baseAddress, raw, ring.ctx) }
        return Array(d.prefix(ring.count))
    }

    /// The terms, as exponent vectors with their coefficients, in the ring's order.
    func forEachTerm(_ body: ([Int], Rational) throws -> Void) throws {
        var exps = [Int](repeating: 0, count: max(ring.count, 1))
        var c = fmpq()
        fmpq_init(&c)
        defer { fmpq_clear(&c) }
        for i in 0..<termCount {
            exps.withUnsafeMutableBufferPointer { fmpq_mpoly_get_term_exp_si($0.baseAddress, raw, i, ring.ctx) }
            fmpq_mpoly_get_term_coeff_fmpq(&c, raw, i, ring.ctx)
            try body(exps, MPoly.rational(&c))
        }
    }

    /// The leading coefficient (in lex order); zero for the zero polynomial.
    var leadingCoefficient: Rational {
        guard termCount > 0 else { return .zero }
        var c = fmpq()
        fmpq_init(&c)
        defer { fmpq_clear(&c) }
        fmpq_mpoly_get_term_coeff_fmpq(&c, raw, 0, ring.ctx)
        return MPoly.rational(&c)
    }

    /// The positive rational c with self/c having coprime integer coefficients (0 for zero).
    var content: Rational {
        var c = fmpq()
        fmpq_init(&c)
        defer { fmpq_clear(&c) }
        fmpq_mpoly_content(&c, raw, ring.ctx)
        return MPoly.rational(&c)
    }

    /// Equal as polynomials.
    static func == (a: MPoly, b: MPoly) -> Bool { fmpq_mpoly_equal(a.raw, b.raw, a.ring.ctx) != 0 }

    // MARK: Arithmetic (FLINT does the work)

    static func + (a: MPoly, b: MPoly) -> MPoly {
        let r = MPoly(a.ring)
        fmpq_mpoly_add(r.raw, a.raw, b.raw, a.ring.ctx)
        return r
    }

    static func - (a: MPoly, b: MPoly) -> MPoly {
        let r = MPoly(a.ring)
        fmpq_mpoly_sub(r.raw, a.raw, b.raw, a.ring.ctx)
        return r
    }

    static func * (a: MPoly, b: MPoly) -> MPoly {
        let r = MPoly(a.ring)
        fmpq_mpoly_mul(r.raw, a.raw, b.raw, a.ring.ctx)
        return r
    }

    func scaled(by q: Rational) -> MPoly {
        let r = MPoly(ring)
        MPoly.withFmpq(q) { fmpq_mpoly_scalar_mul_fmpq(r.raw, raw, $0, ring.ctx) }
        return r
    }

    /// `self^n`, or nil when FLINT refuses (it cannot represent the exponents).
    func power(_ n: Int) -> MPoly? {
        let r = MPoly(ring)
        return fmpq_mpoly_pow_ui(r.raw, raw, UInt(n), ring.ctx) != 0 ? r : nil
    }

    /// FLINT's GCD, exact division and factorisation may go through dense forms (and a sparse
    /// quotient can be huge: (x^(10^9) - 1)/(x - 1)), and cannot be interrupted: polynomials whose
    /// degree box Π (deg + 1) is beyond this are refused (E-LIMIT) before the call.
    static let maxDegreeBox = 1.0e7

    static func requireModestDegrees(_ polys: MPoly...) throws {
        guard let ring = polys.first?.ring, ring.count > 0 else { return }
        var top = [Int](repeating: 0, count: ring.count)
        for p in polys { for (i, d) in p.degrees.enumerated() { top[i] = max(top[i], d) } }
        let box = top.reduce(1.0) { $0 * Double($1 + 1) }
        guard box <= maxDegreeBox else {
            throw Diagnostic(.limit, "degrees \(top.filter { $0 > 0 }) are too high for a polynomial GCD, division or factorisation here",
                             hint: "leave the expression as it is, or lower the powers")
        }
    }

    /// `self / d` when `d` divides exactly, nil otherwise.
    func dividedExactly(by d: MPoly) throws -> MPoly? {
        try MPoly.requireModestDegrees(self, d)
        let q = MPoly(ring)
        return fmpq_mpoly_divides(q.raw, raw, d.raw, ring.ctx) != 0 ? q : nil
    }

    /// The monic greatest common divisor (nil if FLINT gives up, which it documents as possible).
    static func gcd(_ a: MPoly, _ b: MPoly) throws -> MPoly? {
        try requireModestDegrees(a, b)
        let g = MPoly(a.ring)
        return fmpq_mpoly_gcd(g.raw, a.raw, b.raw, a.ring.ctx) != 0 ? g : nil
    }

    /// Factorisation over Q: a rational constant times irreducible factors with multiplicities
    /// (each factor monic in FLINT's normalisation). Nil if FLINT gives up.
    func factored() throws -> (constant: Rational, factors: [(MPoly, Int)])? {
        try MPoly.requireModestDegrees(self)
        var f = fmpq_mpoly_factor_struct()
        fmpq_mpoly_factor_init(&f, ring.ctx)
        defer { fmpq_mpoly_factor_clear(&f, ring.ctx) }
        guard fmpq_mpoly_factor(&f, raw, ring.ctx) != 0 else { return nil }
        let constant = withUnsafeMutablePointer(to: &f.constant) { MPoly.rational($0) }
        var factors: [(MPoly, Int)] = []
        for i in 0..<f.num {
            let p = MPoly(ring)
            fmpq_mpoly_set(p.raw, f.poly + i, ring.ctx)
            let e = ans_fmpz_get_si(f.exp + i)
            factors.append((p, e))
        }
        return (constant, factors)
    }

    // MARK: Numbers across the boundary

    static func rational(_ q: UnsafeMutablePointer<fmpq>) -> Rational {
        let num = integer(ans_fmpq_num(q)), den = integer(ans_fmpq_den(q))
        return (try? Rational(num, den)) ?? .zero  // FLINT's denominators are positive
    }

    static func integer(_ z: UnsafeMutablePointer<fmpz>) -> BigInt {
        if ans_fmpz_fits_si(z) != 0 { return BigInt(ans_fmpz_get_si(z)) }
        return BigInt.make { fmpz_get_mpz($0, z) }
    }

    static func withFmpq<R>(_ q: Rational, _ body: (UnsafeMutablePointer<fmpq>) -> R) -> R {
        var c = fmpq()
        fmpq_init(&c)
        defer { fmpq_clear(&c) }
        q.numerator.withMPZ { fmpz_set_mpz(ans_fmpq_num(&c), $0) }
        q.denominator.withMPZ { fmpz_set_mpz(ans_fmpq_den(&c), $0) }
        return body(&c)
    }
}
