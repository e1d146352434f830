import AnsatzCore
import AnsatzNumbers
#if canImport(Glibc)
import Glibc
#endif

/// Expressions seen as polynomials over *generators*: the parts that are not sums, products or
/// whole powers of them. `x`, `sin(y)`, `x^n` and `(x + 1)^(1/2)` are generators; a base with
/// fractional exponents becomes one generator `b^(1/d)` (d the lcm of the denominators), so that
/// `sqrt(x)*sqrt(x)` multiplies out to `x`.
///
/// Two modes. `.polynomial` (expand): a negative power of a base is its own generator `b^-1`;
/// the constructors merge `x*x^-1` back to 1 when the result is rebuilt. `.fraction` (cancel,
/// factor): one generator per base, negative powers and powers of sums go to a denominator, so an
/// expression becomes num/den with num and den polynomials.
///
/// Kernels are FLINT's (`MPoly`). A FLINT call cannot be interrupted, so every multiplication and
/// power is costed first and refused with E-BUDGET when it cannot finish in the time left.
struct PolyForm {
    enum Mode { case polynomial, fraction }

    struct Key: Hashable {
        let base: Expr
        let inverse: Bool
    }

    /// Thrown when an expression holds something FLINT's rationals cannot (a float).
    struct NotRational: Error {}
    /// Thrown when an exponent does not fit a sparse monomial's 40 bits (x^(2^40)), or a ring has
    /// more than 2^22 generators: the caller takes its general path (FLINT's fraction path, or
    /// distribution term by term), which has no such limit.
    struct ExponentTooWide: Error {}

    let mode: Mode
    let budget: Budget
    private(set) var keys: [Key] = []
    private(set) var denominators: [Key: Int] = [:]
    private var index: [Key: Int] = [:]
    private var scanned = Set<Expr>()
    private(set) var ring = PolyForm.emptyRing
    /// A placeholder until `prepare` makes the real ring (a FLINT context costs microseconds).
    static let emptyRing = PolyRing(variables: 0)
    /// Every generator rebuilds as a plain canonical factor (no shared bases, no fractional exponents).
    private var simpleGenerators = true
    /// Fraction mode: some base has a negative exponent. Without one, the expression is a
    /// polynomial and `polynomial` reads it (sparse, in time linear in its size).
    private(set) var hasDenominators = false

    /// Largest polynomial, in terms, that an operation may make (a result that size could not be printed).
    static let maxTerms = 2_000_000
    /// Largest estimated size of a power's coefficients, in bits (128 MiB).
    static let maxCoefficientBits = Double(1 << 30)
    /// Term products per second that FLINT's multiplication sustains here, with margin (measured:
    /// ~2e8/s for (x+y+z+w+1)^20 with small coefficients); used to cost a call before making it.
    static let termProductsPerSecond = 1.0e8

    init(mode: Mode, budget: Budget) {
        self.mode = mode
        self.budget = budget
    }

    // MARK: Generators

    /// Registers the generators of `expressions` and makes the ring; call once, before converting.
    mutating func prepare(_ expressions: [Expr]) throws {
        for e in expressions { try scan(e) }
        keys.sort { a, b in
            let c = Expr.compare(a.base, b.base)
            return c != 0 ? c < 0 : (!a.inverse && b.inverse)
        }
        var bases = Set<Expr>()
        for (i, key) in keys.enumerated() {
            index[key] = i
            if !bases.insert(key.base).inserted || denominators[key, default: 1] != 1 { simpleGenerators = false }
            switch key.base.kind {
            case .symbol, .function, .constant(.pi), .unit, .add: break
            default: simpleGenerators = false
            }
        }
        ring = PolyRing(variables: keys.count)
    }

    private mutating func scan(_ e: Expr) throws {
        guard scanned.insert(e).inserted else { return }
        try budget.spend(1, doing: "reading the expression as a polynomial")
        switch e.kind {
        case let .number(n):
            if case .float = n { throw NotRational() }
        case let .add(c, terms):
            if case .float = c { throw NotRational() }
            for t in terms {
                if case .float = t.coefficient { throw NotRational() }
                try scan(t.expr)
            }
        case let .mul(c, factors):
            if case .float = c { throw NotRational() }
            for f in factors { try scanPower(f.base, f.exponent) }
        case let .pow(b, x):
            try scanPower(b, x)
        default:
            try register(e, .one)
        }
    }

    private mutating func scanPower(_ base: Expr, _ exponent: Expr) throws {
        guard let q = exponent.rationalValue else { return try register(Expr.pow(base, exponent), .one) }
        if q.isInteger && (q.signum > 0 || mode == .fraction) && isPolynomialShaped(base) {
            if q.signum < 0 { hasDenominators = true }
            return try scan(base)
        }
        if case .number(.float) = base.kind { throw NotRational() }
        try register(base, q)
    }

    private func isPolynomialShaped(_ e: Expr) -> Bool {
        switch e.kind {
        case .add, .mul: return true
        default: return false
        }
    }

    private mutating func register(_ base: Expr, _ exponent: Rational) throws {
        if mode == .fraction && exponent.isNegative { hasDenominators = true }
        let key = Key(base: base, inverse: mode == .polynomial && exponent.isNegative)
        guard let d = exponent.denominator.intValue, d <= 1 << 20 else {
            throw Diagnostic(.limit, "an exponent's denominator is too large to treat \(base) as a polynomial variable")
        }
        if let old = denominators[key] {
            let l = old / gcd(old, d) * d
            guard l <= 1 << 20 else {
                throw Diagnostic(.limit, "the exponents of \(base) have too many different denominators")
            }
            denominators[key] = l
        } else {
            denominators[key] = d
            keys.append(key)
        }
    }

    private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// The generator of `base^exponent`, raised to the power it stands for (a denominator monomial
    /// when the exponent is negative in fraction mode).
    private func generatorPower(_ base: Expr, _ exponent: Rational) throws -> (MPoly, MPoly) {
        let key = Key(base: base, inverse: mode == .polynomial && exponent.isNegative)
        guard let i = index[key], let d = denominators[key] else { throw Diagnostic(.internalError, "unregistered generator \(base)") }
        guard let p = exponent.numerator.magnitude.intValue, let q = exponent.denominator.intValue else {
            throw Diagnostic(.limit, "the exponent of \(base) is too large for a polynomial")
        }
        let (k, overflow) = p.multipliedReportingOverflow(by: d / q)
        guard !overflow, k <= 1 << 40 else { throw Diagnostic(.limit, "the exponent of \(base) is too large for a polynomial") }
        guard let monomial = MPoly.generator(i, ring).power(k) else {
            throw Diagnostic(.limit, "the exponent of \(base) is too large for a polynomial")
        }
        let one = MPoly.constant(.one, ring)
        return mode == .fraction && exponent.isNegative ? (one, monomial) : (monomial, one)
    }

    // MARK: Expressions already in expanded form

    /// Is `e` a monomial, or a sum of distinct monomials, with rational coefficients, none a power of a sum (with
    /// `denominatorsAllowed` false: no negative powers either)? Then expanding it (or cancelling
    /// it) gives it back unchanged: the canonical sum has collected its like terms already, and
    /// the polynomial view would rebuild the same terms in the same order. Checked in one pass,
    /// so that expanding an expanded sum of 10^6 terms costs a look at each factor, not the
    /// round trip through a polynomial.
    static func isExpandedPolynomial(_ e: Expr, denominatorsAllowed: Bool, functionsAllowed: Bool = true) -> Bool {
        func generatorPower(_ base: Expr, _ exponent: Expr) -> Bool {
            if case .number(.float) = base.kind { return false }
            guard let q = exponent.rationalValue else { return true }
            if q.isNegative && !denominatorsAllowed { return false }
            if q.isInteger && q.signum > 0 {
                switch base.kind {
                case .add, .mul: return false
                default: return true
                }
            }
            return true
        }
        /// Nothing inside for expand to work on.
        func leaf(_ t: Expr) -> Bool {
            switch t.kind {
            case .symbol, .unit, .constant, .number: return true
            default: return false
            }
        }
        func monomial(_ t: Expr) -> Bool {
            switch t.kind {
            case .symbol, .unit: return true
            case .function: return functionsAllowed
            case .constant: return true
            case let .pow(b, x): return generatorPower(b, x) && (functionsAllowed || leaf(b) && leaf(x))
            case let .mul(c, factors):
                return c.rational != nil && factors.allSatisfy { generatorPower($0.base, $0.exponent) && (functionsAllowed || leaf($0.base) && leaf($0.exponent)) }
            default: return false
            }
        }
        switch e.kind {
        case let .add(c, terms):
            return c.rational != nil && terms.allSatisfy { $0.coefficient.rational != nil && monomial($0.expr) }
        case .mul, .pow:
            return monomial(e)
        default:
            return false
        }
    }

    // MARK: Expressions to polynomials

    /// Rings up to this many generators use FLINT's dense kernels for large products and powers
    /// (a monomial there is at most 8 machine words); larger ones stay sparse throughout.
    static let denseGeneratorLimit = 64
    /// Products with fewer term pairs than this are made sparse even in a small ring (the
    /// conversion to FLINT and back costs more).
    static let denseProductThreshold = 4096.0

    /// The polynomial of `e` (mode `.polynomial`, or a fraction-mode form without denominators).
    /// Sums are added into one hash map and monomials assembled directly, so the cost follows the
    /// size of the expression, not the number of generators times the number of terms.
    func polynomial(_ e: Expr) throws -> Poly {
        var memo: [Expr: Poly] = [:]
        return try polynomial(e, &memo)
    }

    private func polynomial(_ e: Expr, _ memo: inout [Expr: Poly]) throws -> Poly {
        if let known = memo[e] { return known }
        let result: Poly
        switch e.kind {
        case let .number(n):
            result = .sparse(SparsePoly(constant: n.rational ?? .zero))
        case let .add(c, terms):
            try budget.spend(terms.count, doing: "expanding")
            var sum = SparsePoly(constant: c.rational ?? .zero)
            for t in terms {
                let q = t.coefficient.rational ?? .zero
                if let (m, k) = try monomial(of: t.expr) {
                    sum.add(SparsePoly(monomial: m, coefficient: k * q))
                } else {
                    sum.add(try polynomial(t.expr, &memo).sparse(), scaledBy: q)
                }
            }
            result = .sparse(sum)
        case .mul:
            try budget.spend(1, doing: "expanding")
            if let (m, k) = try monomial(of: e) { return .sparse(SparsePoly(monomial: m, coefficient: k)) }
            guard case let .mul(c, factors) = e.kind else { return .sparse(SparsePoly()) }
            // the generator factors as one monomial, then the powers of sums one by one
            var sums: [Factor] = []
            var plain: [Factor] = []
            for f in factors { if try entry(f.base, f.exponent) == nil { sums.append(f) } else { plain.append(f) } }
            var product = Poly.sparse(SparsePoly(monomial: try monomial(plain) ?? .one, coefficient: c.rational ?? .zero))
            for f in sums { product = try multiply(product, try power(f.base, f.exponent, &memo)) }
            result = product
        case let .pow(b, x):
            try budget.spend(1, doing: "expanding")
            result = try power(b, x, &memo)
        default:
            result = .sparse(try generatorMonomial(e, .one))
        }
        memo[e] = result
        return result
    }

    /// A product of generator powers (no sums in it) as one sparse monomial and its coefficient,
    /// assembled by sorting its generators: nil for anything else.
    private func monomial(of e: Expr) throws -> (SparseMonomial, Rational)? {
        switch e.kind {
        case .symbol, .function, .constant, .unit:
            return (SparseMonomial(packed: [try generatorEntry(e, .one)]), .one)
        case let .pow(b, x):
            guard let en = try entry(b, x) else { return nil }
            return (SparseMonomial(packed: [en]), .one)
        case let .mul(c, factors):
            guard let k = c.rational else { return nil }
            return try monomial(factors).map { ($0, k) }
        default:
            return nil
        }
    }

    /// The entry of the generator power `base^exponent`; nil for a power of a sum.
    private func entry(_ base: Expr, _ exponent: Expr) throws -> UInt64? {
        guard let q = exponent.rationalValue else { return try generatorEntry(Expr.pow(base, exponent), .one) }
        if q.isInteger && (q.signum > 0 || mode == .fraction) && isPolynomialShaped(base) { return nil }
        return try generatorEntry(base, q)
    }

    /// The product of generator powers as one monomial; nil if one of them is a power of a sum.
    private func monomial(_ factors: [Factor]) throws -> SparseMonomial? {
        var packed: [UInt64] = []
        packed.reserveCapacity(factors.count)
        for f in factors {
            guard let en = try entry(f.base, f.exponent) else { return nil }
            packed.append(en)
        }
        packed.sort()
        // two factors on one generator (x^(1/2)·x^(1/3) share x^(1/6)): their exponents added
        var merged: [UInt64] = []
        merged.reserveCapacity(packed.count)
        for en in packed {
            if let last = merged.last, SparseMonomial.generator(of: last) == SparseMonomial.generator(of: en) {
                guard SparseMonomial.exponent(of: last) + SparseMonomial.exponent(of: en) <= SparseMonomial.maxExponent else {
                    throw ExponentTooWide()
                }
                merged[merged.count - 1] = last + UInt64(SparseMonomial.exponent(of: en))
            } else {
                merged.append(en)
            }
        }
        return SparseMonomial(packed: merged)
    }

    private func power(_ base: Expr, _ exponent: Expr, _ memo: inout [Expr: Poly]) throws -> Poly {
        guard let q = exponent.rationalValue else { return .sparse(try generatorMonomial(Expr.pow(base, exponent), .one)) }
        if q.isInteger && q.signum > 0 && isPolynomialShaped(base) {
            guard let n = q.numerator.intValue else { throw Self.powerTooLarge(q) }
            return try raise(try polynomial(base, &memo), n)
        }
        return .sparse(try generatorMonomial(base, q))
    }

    /// The generator of `base^exponent` to the power it stands for, as one packed entry (a
    /// polynomial-mode or denominator-free form: the exponent counts up).
    private func generatorEntry(_ base: Expr, _ exponent: Rational) throws -> UInt64 {
        let key = Key(base: base, inverse: mode == .polynomial && exponent.isNegative)
        guard let i = index[key], let d = denominators[key] else { throw Diagnostic(.internalError, "unregistered generator \(base)") }
        guard mode == .polynomial || !exponent.isNegative else {
            throw Diagnostic(.internalError, "a denominator in a polynomial")
        }
        guard let p = exponent.numerator.magnitude.intValue, let q = exponent.denominator.intValue else {
            throw Diagnostic(.limit, "the exponent of \(base) is too large for a polynomial")
        }
        let (k, overflow) = p.multipliedReportingOverflow(by: d / q)
        guard !overflow, k <= SparseMonomial.maxExponent, i < SparseMonomial.maxGenerators else { throw ExponentTooWide() }
        return SparseMonomial.entry(i, k)
    }

    private func generatorMonomial(_ base: Expr, _ exponent: Rational) throws -> SparsePoly {
        SparsePoly(monomial: SparseMonomial(packed: [try generatorEntry(base, exponent)]))
    }

    /// Whether products and powers in this ring may go to FLINT.
    var denseKernels: Bool { keys.count <= Self.denseGeneratorLimit }

    // MARK: Expressions to fractions

    /// `e` as numerator and denominator polynomials, cancelled (mode `.fraction`).
    func fraction(_ e: Expr) throws -> (num: MPoly, den: MPoly) {
        var memo: [Expr: (MPoly, MPoly)] = [:]
        return try fraction(e, &memo)
    }

    private func fraction(_ e: Expr, _ memo: inout [Expr: (MPoly, MPoly)]) throws -> (MPoly, MPoly) {
        if let known = memo[e] { return known }
        try budget.spend(1, doing: "bringing to a common denominator")
        let result: (MPoly, MPoly)
        let one = MPoly.constant(.one, ring)
        switch e.kind {
        case let .number(n):
            result = (MPoly.constant(n.rational ?? .zero, ring), one)
        case let .add(c, terms):
            var sum = (MPoly.constant(c.rational ?? .zero, ring), one)
            for t in terms {
                let (n, d) = try fraction(t.expr, &memo)
                sum = try add(sum, (n.scaled(by: t.coefficient.rational ?? .zero), d))
            }
            result = sum
        case let .mul(c, factors):
            var (num, den) = (MPoly.constant(c.rational ?? .zero, ring), one)
            for f in factors {
                let (n, d) = try fractionPower(f.base, f.exponent, &memo)
                num = try multiply(num, n)
                den = try multiply(den, d)
            }
            result = try reduced(num, den)
        case let .pow(b, x):
            result = try fractionPower(b, x, &memo)
        default:
            result = try generatorPower(e, .one)
        }
        memo[e] = result
        return result
    }

    private func fractionPower(_ base: Expr, _ exponent: Expr, _ memo: inout [Expr: (MPoly, MPoly)]) throws -> (MPoly, MPoly) {
        guard let q = exponent.rationalValue else { return try generatorPower(Expr.pow(base, exponent), .one) }
        if q.isInteger && isPolynomialShaped(base) {
            guard let n = q.numerator.magnitude.intValue else { throw Self.powerTooLarge(q) }
            let (num, den) = try fraction(base, &memo)
            let (rn, rd) = (try raise(num, n), try raise(den, n))
            if q.isNegative {
                guard !rn.isZero else { throw Diagnostic(.divisionByZero, "\(base) is zero, and it is divided by") }
                return (rd, rn)
            }
            return (rn, rd)
        }
        return try generatorPower(base, q)
    }

    /// a/b + c/d over the least common denominator.
    private func add(_ x: (MPoly, MPoly), _ y: (MPoly, MPoly)) throws -> (MPoly, MPoly) {
        if y.0.isZero { return x }
        if x.0.isZero { return y }
        if x.1.isOne && y.1.isOne { return (x.0 + y.0, x.1) }
        guard let g = try MPoly.gcd(x.1, y.1), let xs = try y.1.dividedExactly(by: g), let ys = try x.1.dividedExactly(by: g) else {
            throw Diagnostic(.limit, "the polynomial GCD gave up on these denominators")
        }
        let num = try multiply(x.0, xs) + (try multiply(y.0, ys))
        return try reduced(num, try multiply(x.1, xs))
    }

    /// num/den with their greatest common divisor divided out.
    func reduced(_ num: MPoly, _ den: MPoly) throws -> (MPoly, MPoly) {
        if num.isZero { return (num, MPoly.constant(.one, ring)) }
        if den.isConstant { return (num.scaled(by: (try? Rational.one / den.leadingCoefficient) ?? .one), MPoly.constant(.one, ring)) }
        guard let g = try MPoly.gcd(num, den) else { throw Diagnostic(.limit, "the polynomial GCD gave up") }
        if g.isOne { return (num, den) }
        guard let n = try num.dividedExactly(by: g), let d = try den.dividedExactly(by: g) else {
            throw Diagnostic(.internalError, "a GCD did not divide")
        }
        return (n, d)
    }

    // MARK: Costed kernels

    func multiply(_ a: MPoly, _ b: MPoly) throws -> MPoly {
        if a.isOne { return b }
        if b.isOne { return a }
        let products = Double(a.termCount) * Double(b.termCount)
        try budget.check(estimatedSeconds: products / Self.termProductsPerSecond, doing: "multiplying polynomials of \(a.termCount) and \(b.termCount) terms")
        return a * b
    }

    /// The product, sparse unless both are large and the ring small enough for FLINT.
    func multiply(_ a: Poly, _ b: Poly) throws -> Poly {
        if a.isOne { return b }
        if b.isOne { return a }
        let products = Double(a.termCount) * Double(b.termCount)
        try budget.check(estimatedSeconds: products / Self.termProductsPerSecond, doing: "multiplying polynomials of \(a.termCount) and \(b.termCount) terms")
        if denseKernels && (products >= Self.denseProductThreshold || a.isDense || b.isDense) {
            return .dense(a.dense(ring) * b.dense(ring))
        }
        guard let r = try a.sparse().times(try b.sparse()) else { throw ExponentTooWide() }
        return .sparse(r)
    }

    /// `p^n`, costed from a bound on the number of terms of the result.
    func raise(_ p: MPoly, _ n: Int) throws -> MPoly {
        if n == 1 || p.isConstant && p.termCount <= 1 { return n == 1 ? p : (p.power(n) ?? p) }
        try costPower(terms: p.termCount, degrees: p.degrees, heightBits: p.heightBits, n)
        guard let r = p.power(n) else { throw Diagnostic(.limit, "the power is too large for a polynomial") }
        return r
    }

    func raise(_ p: Poly, _ n: Int) throws -> Poly {
        if n == 1 { return p }
        if case let .sparse(s) = p, s.termCount <= 1 {
            // a monomial: exponents multiplied, the coefficient raised
            guard let (m, c) = s.terms.first else { return p }
            var packed: [UInt64] = []
            for entry in m.packed {
                let (k, overflow) = SparseMonomial.exponent(of: entry).multipliedReportingOverflow(by: n)
                guard !overflow, k <= SparseMonomial.maxExponent else { throw ExponentTooWide() }
                packed.append(SparseMonomial.entry(SparseMonomial.generator(of: entry), k))
            }
            try costPower(terms: 1, degrees: [], heightBits: max(0, c.numerator.bitWidth + c.denominator.bitWidth - 2), n)
            return .sparse(SparsePoly(monomial: SparseMonomial(packed: packed), coefficient: try c.power(n)))
        }
        switch p {
        case let .dense(d): return .dense(try raise(d, n))
        case let .sparse(s):
            try costPower(terms: s.termCount, degrees: s.nonzeroDegrees, heightBits: s.heightBits, n)
            if denseKernels {
                guard let r = s.dense(ring).power(n) else { throw Diagnostic(.limit, "the power is too large for a polynomial") }
                return .dense(r)
            }
            // by squaring, sparse (a ring too large for FLINT's dense exponent vectors)
            var result = SparsePoly(constant: .one), base = s, k = n
            while k > 0 {
                if k & 1 == 1 { guard let r = result.times(base) else { throw ExponentTooWide() }; result = r }
                k >>= 1
                if k > 0 { guard let b = base.times(base) else { throw ExponentTooWide() }; base = b }
            }
            return .sparse(result)
        }
    }

    /// Refuses a power whose result would be too large, or take longer than the budget allows.
    private func costPower(terms count: Int, degrees: [Int], heightBits: Int, _ n: Int) throws {
        let t = Double(count)
        // terms of p^n: at most C(n+t-1, t-1) (a full multinomial) and at most Π (n·deg_i + 1)
        let multinomial = exp(lgamma(Double(n) + t) - lgamma(Double(n) + 1) - lgamma(t))
        var box = 1.0
        for d in degrees where d > 0 { box *= Double(n) * Double(d) + 1 }
        let terms = min(multinomial, box)
        if terms > Double(Self.maxTerms) {
            throw Diagnostic(.budget, "the power would have about \(Self.approximate(terms)) terms, more than the limit of \(Self.maxTerms)",
                             hint: "expand a smaller power, or leave the power unexpanded")
        }
        // and their coefficients: each at most about n·(log2 of p's largest coefficient + log2 t) bits ((e y + z)^200000 has
        // 200,001 terms of up to 200,000 bits, 3 GB, and ran FLINT out of memory)
        let bitsEach = Double(n) * (Double(heightBits) + log2(t)) + 1
        let coefficientBits = terms * bitsEach
        if coefficientBits > Self.maxCoefficientBits {
            throw Diagnostic(.budget, "the power's coefficients would take up to about \(Self.approximate(coefficientBits / 8)) bytes, more than the limit of \(Int(Self.maxCoefficientBits) / (8 << 20)) MiB",
                             hint: "expand a smaller power, or leave the power unexpanded")
        }
        // a product of two coefficients of k machine words costs about k^1.6 word products
        // (Karatsuba); (x + 3y)^10000 (10,001 terms of up to 25,000 bits) takes FLINT about 2 s
        let wordCost = pow(max(1, bitsEach / 64), 1.6)
        try budget.check(estimatedSeconds: terms * t * wordCost / Self.termProductsPerSecond,
                         doing: "raising a polynomial of \(count) terms to the power \(n)")
    }

    static func powerTooLarge(_ q: Rational) -> Diagnostic {
        Diagnostic(.budget, "a power of a sum with exponent \(q) cannot be multiplied out", hint: "leave the power unexpanded")
    }

    static func approximate(_ x: Double) -> String {
        guard x.isFinite, x >= 1e6 else { return x.isFinite ? String(Int(x)) : "infinitely many" }
        let exponent = Int(log10(x))
        let mantissa = (x / pow(10, Double(exponent)) * 10).rounded() / 10
        return "\(mantissa)e\(exponent)"
    }

    // MARK: Polynomials back to expressions

    /// The canonical expression of `p`.
    func expression(_ p: Poly) throws -> Expr {
        switch p {
        case let .dense(m): return try expression(m)
        case let .sparse(sp):
            return try expression(count: sp.termCount) { body in
                var pairs: [(Int, Int)] = []
                for (m, c) in sp.terms {
                    pairs.removeAll(keepingCapacity: true)
                    for entry in m.packed { pairs.append((SparseMonomial.generator(of: entry), SparseMonomial.exponent(of: entry))) }
                    try body(pairs, c)
                }
            }
        }
    }

    func expression(_ p: MPoly) throws -> Expr {
        try expression(count: p.termCount) { body in
            var pairs: [(Int, Int)] = []
            try p.forEachTerm { exps, c in
                pairs.removeAll(keepingCapacity: true)
                for (i, k) in exps.enumerated() where k != 0 { pairs.append((i, k)) }
                try body(pairs, c)
            }
        }
    }

    /// The sum of the terms `forEachTerm` gives (each monomial as (generator, exponent) pairs in
    /// generator order, with its coefficient), built canonically.
    private func expression(count: Int, _ forEachTerm: (([(Int, Int)], Rational) throws -> Void) throws -> Void) throws -> Expr {
        var written = 0
        func progress() throws {
            written += 1
            if written & 1023 == 0 { try budget.spend(1024, doing: "writing out a polynomial of \(count) terms") }
        }
        var constant = Number.zero
        if simpleGenerators {
            let bases = keys.map(\.base)
            let signs = keys.map { $0.inverse ? -1 : 1 }
            // With symbol or function bases (ranked below products), the canonical order of the
            // monomials (Expr+Order) is that of their exponent vectors: one-factor monomials
            // first, by generator then by decreasing exponent; then products, lexicographically on
            // (generator, decreasing exponent) pairs, a prefix first. Sorting those integer keys
            // instead of comparing expressions is most of the speed of a large expansion.
            let ordered = bases.allSatisfy(\.ranksBelowProducts)
            var rows: [(key: [UInt64], term: Term)] = []
            rows.reserveCapacity(count)
            try forEachTerm { pairs, c in
                try progress()
                if pairs.isEmpty { constant = .rational(c); return }
                var factors: [Factor] = []
                var key: [UInt64] = []
                factors.reserveCapacity(pairs.count)
                key.reserveCapacity(2 * pairs.count)
                for (i, k) in pairs {
                    let e = signs[i] * k
                    factors.append(Factor(bases[i], .integer(e)))
                    // the generator, then the exponent decreasing over the whole range of Int
                    key.append(UInt64(i))
                    key.append(~(UInt64(bitPattern: Int64(e)) ^ (1 << 63)))
                }
                rows.append((key, Term(Expr.monomial(coefficient: .one, sortedFactors: factors), .rational(c))))
            }
            guard ordered else { return Expr.sum(constant: constant, distinctTerms: rows.map(\.term)) }
            rows.sort { a, b in
                if (a.key.count == 2) != (b.key.count == 2) { return a.key.count == 2 }
                for (x, y) in zip(a.key, b.key) where x != y { return x < y }
                return a.key.count < b.key.count
            }
            return Expr.sum(constant: constant, distinctTerms: rows.map(\.term), sorted: true)
        }
        var sums: [(Expr, Number)] = []
        sums.reserveCapacity(count)
        try forEachTerm { pairs, c in
            try progress()
            var factors: [Expr] = []
            for (i, k) in pairs {
                let key = keys[i], d = denominators[key] ?? 1
                let e = (try? Rational(key.inverse ? -k : k, d)) ?? .one
                factors.append(Expr.pow(key.base, .rational(e)))
            }
            sums.append((Expr.mul(factors), .rational(c)))
        }
        return Expr.add(scaled: sums)
    }
}

/// A polynomial being built: sparse, or FLINT's after a large product or power in a small ring.
enum Poly {
    case sparse(SparsePoly)
    case dense(MPoly)

    var termCount: Int {
        switch self {
        case let .sparse(s): return s.termCount
        case let .dense(d): return d.termCount
        }
    }

    var isOne: Bool {
        switch self {
        case let .sparse(s): return s.isOne
        case let .dense(d): return d.isOne
        }
    }

    var isDense: Bool { if case .dense = self { return true } else { return false } }

    func sparse() throws -> SparsePoly {
        switch self {
        case let .sparse(s): return s
        case let .dense(d): return try SparsePoly(d)
        }
    }

    func dense(_ ring: PolyRing) -> MPoly {
        switch self {
        case let .sparse(s): return s.dense(ring)
        case let .dense(d): return d
        }
    }
}
