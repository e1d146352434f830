import AnsatzCore
import AnsatzNumbers
import CFlint

/// A monomial as the generators it contains: each entry `generator << 40 | exponent` (up to 2^22
/// generators; exponents below 2^40, beyond which `PolyForm.ExponentTooWide` sends the caller to
/// its general path), sorted by generator, no zero exponents. Its size follows the monomial, not the ring: a term of
/// Σ x_i²·y_i over 2·10⁶ generators is two words, where FLINT's packed exponent vector would be
/// 250,000.
struct SparseMonomial: Hashable {
    var packed: [UInt64]

    static let one = SparseMonomial(packed: [])

    static let shift: UInt64 = 40
    static let maxExponent = 1 << 40 - 1
    static let maxGenerators = 1 << 22

    @inline(__always) static func entry(_ generator: Int, _ exponent: Int) -> UInt64 {
        UInt64(generator) << shift | UInt64(exponent)
    }
    @inline(__always) static func generator(of entry: UInt64) -> Int { Int(entry >> shift) }
    @inline(__always) static func exponent(of entry: UInt64) -> Int { Int(entry & (1 << shift - 1)) }

    /// The product (exponents added; nil when one would pass 2^40).
    func times(_ other: SparseMonomial) -> SparseMonomial? {
        if packed.isEmpty { return other }
        if other.packed.isEmpty { return self }
        var out: [UInt64] = []
        out.reserveCapacity(packed.count + other.packed.count)
        var i = 0, j = 0
        let a = packed, b = other.packed
        while i < a.count && j < b.count {
            let (ga, gb) = (a[i] >> Self.shift, b[j] >> Self.shift)
            if ga < gb { out.append(a[i]); i += 1 } else if gb < ga { out.append(b[j]); j += 1 } else {
                let e = Self.exponent(of: a[i]) + Self.exponent(of: b[j])
                guard e <= Self.maxExponent else { return nil }
                out.append(a[i] + UInt64(Self.exponent(of: b[j])))
                i += 1
                j += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return SparseMonomial(packed: out)
    }
}

/// A polynomial with rational coefficients as a hash map from sparse monomials: what `PolyForm`
/// builds expressions into. Adding into it costs the size of what is added (a sum of n terms is
/// read in time linear in n); products of large polynomials in few generators go to FLINT's dense
/// kernels instead (`PolyForm.multiply`).
struct SparsePoly {
    private(set) var terms: [SparseMonomial: Rational] = [:]

    init() {}

    init(constant q: Rational) {
        if !q.isZero { terms[.one] = q }
    }

    init(monomial: SparseMonomial, coefficient: Rational = .one) {
        if !coefficient.isZero { terms[monomial] = coefficient }
    }

    var termCount: Int { terms.count }
    var isZero: Bool { terms.isEmpty }
    var isOne: Bool { terms.count == 1 && terms[.one]?.isOne == true }

    /// self += other · scale, in time linear in other's size.
    mutating func add(_ other: SparsePoly, scaledBy scale: Rational = .one) {
        if scale.isZero { return }
        if terms.isEmpty && scale.isOne { terms = other.terms; return }
        terms.reserveCapacity(terms.count + other.terms.count)
        for (m, c) in other.terms {
            let add = scale.isOne ? c : c * scale
            if let old = terms[m] {
                let sum = old + add
                if sum.isZero { terms[m] = nil } else { terms[m] = sum }
            } else {
                terms[m] = add
            }
        }
    }

    func scaled(by q: Rational) -> SparsePoly {
        if q.isOne { return self }
        var r = SparsePoly()
        if q.isZero { return r }
        r.terms = terms.mapValues { $0 * q }
        return r
    }

    /// The product, term by term (nil when an exponent would pass 2^40).
    func times(_ other: SparsePoly) -> SparsePoly? {
        if isOne { return other }
        if other.isOne { return self }
        var r = SparsePoly()
        r.terms.reserveCapacity(terms.count * other.terms.count)
        for (m, c) in terms {
            for (n, d) in other.terms {
                guard let mn = m.times(n) else { return nil }
                let p = c * d
                if let old = r.terms[mn] {
                    let sum = old + p
                    if sum.isZero { r.terms[mn] = nil } else { r.terms[mn] = sum }
                } else {
                    r.terms[mn] = p
                }
            }
        }
        return r
    }

    /// The degrees in the generators that occur (in no order): what costing a power needs, in
    /// time that follows the polynomial rather than the ring.
    var nonzeroDegrees: [Int] {
        var d: [Int: Int] = [:]
        for m in terms.keys {
            for entry in m.packed {
                let g = SparseMonomial.generator(of: entry)
                d[g] = max(d[g] ?? 0, SparseMonomial.exponent(of: entry))
            }
        }
        return Array(d.values)
    }

    /// About log2 of the largest coefficient, numerator and denominator together.
    var heightBits: Int {
        terms.values.reduce(0) { max($0, $1.numerator.bitWidth + $1.denominator.bitWidth - 2) }
    }

    /// The same polynomial in FLINT's dense form over `ring`.
    func dense(_ ring: PolyRing) -> MPoly {
        let p = MPoly(ring)
        var exps = [UInt](repeating: 0, count: max(ring.count, 1))
        for (m, c) in terms {
            for entry in m.packed { exps[SparseMonomial.generator(of: entry)] = UInt(SparseMonomial.exponent(of: entry)) }
            exps.withUnsafeMutableBufferPointer { e in
                MPoly.withFmpq(c) { fmpq_mpoly_push_term_fmpq_ui(p.raw, $0, e.baseAddress, ring.ctx) }
            }
            for entry in m.packed { exps[SparseMonomial.generator(of: entry)] = 0 }
        }
        fmpq_mpoly_sort_terms(p.raw, ring.ctx)
        fmpq_mpoly_combine_like_terms(p.raw, ring.ctx)
        return p
    }

    /// FLINT's polynomial read back into sparse form.
    init(_ p: MPoly) throws {
        try p.forEachTerm { exps, c in
            var packed: [UInt64] = []
            for (i, k) in exps.enumerated() where k != 0 {
                guard k > 0, k <= SparseMonomial.maxExponent else { throw PolyForm.ExponentTooWide() }
                packed.append(SparseMonomial.entry(i, k))
            }
            terms[SparseMonomial(packed: packed), default: .zero] += c
        }
    }
}
