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
        if q.isInteger && (q.signum > 0 || mode == .fraction) && isPolynomialShaped(base) { return try scan(base) }
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

    // MARK: Expressions to polynomials

    /// The polynomial of `e` (mode `.polynomial`).
    func polynomial(_ e: Expr) throws -> MPoly {
        var memo: [Expr: MPoly] = [:]
        return try polynomial(e, &memo)
    }

    private func polynomial(_ e: Expr, _ memo: inout [Expr: MPoly]) throws -> MPoly {
        if let known = memo[e] { return known }
        try budget.spend(1, doing: "expanding")
        let result: MPoly
        switch e.kind {
        case let .number(n):
            result = MPoly.constant(n.rational ?? .zero, ring)
        case let .add(c, terms):
            var sum = MPoly.constant(c.rational ?? .zero, ring)
            for t in terms { sum = sum + (try polynomial(t.expr, &memo)).scaled(by: t.coefficient.rational ?? .zero) }
            result = sum
        case let .mul(c, factors):
            var product = MPoly.constant(c.rational ?? .zero, ring)
            for f in factors { product = try multiply(product, try power(f.base, f.exponent, &memo)) }
            result = product
        case let .pow(b, x):
            result = try power(b, x, &memo)
        default:
            result = try generatorPower(e, .one).0
        }
        memo[e] = result
        return result
    }

    private func power(_ base: Expr, _ exponent: Expr, _ memo: inout [Expr: MPoly]) throws -> MPoly {
        guard let q = exponent.rationalValue else { return try generatorPower(Expr.pow(base, exponent), .one).0 }
        if q.isInteger && q.signum > 0 && isPolynomialShaped(base) {
            guard let n = q.numerator.intValue else { throw Self.powerTooLarge(q) }
            return try raise(try polynomial(base, &memo), n)
        }
        return try generatorPower(base, q).0
    }

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

    /// `p^n`, costed from a bound on the number of terms of the result.
    func raise(_ p: MPoly, _ n: Int) throws -> MPoly {
        if n == 1 || p.isConstant && p.termCount <= 1 { return n == 1 ? p : (p.power(n) ?? p) }
        let t = Double(p.termCount)
        // terms of p^n: at most C(n+t-1, t-1) (a full multinomial) and at most Π (n·deg_i + 1)
        let multinomial = exp(lgamma(Double(n) + t) - lgamma(Double(n) + 1) - lgamma(t))
        var box = 1.0
        for d in p.degrees where d > 0 { box *= Double(n) * Double(d) + 1 }
        let terms = min(multinomial, box)
        if terms > Double(Self.maxTerms) {
            throw Diagnostic(.budget, "the power would have about \(Self.approximate(terms)) terms, more than the limit of \(Self.maxTerms)",
                             hint: "expand a smaller power, or leave the power unexpanded")
        }
        // and their coefficients: each at most about n·(log2 of p's largest coefficient + log2 t) bits ((e y + z)^200000 has
        // 200,001 terms of up to 200,000 bits, 3 GB, and ran FLINT out of memory)
        let bitsEach = Double(n) * (Double(p.heightBits) + log2(t)) + 1
        let coefficientBits = terms * bitsEach
        if coefficientBits > Self.maxCoefficientBits {
            throw Diagnostic(.budget, "the power's coefficients would take up to about \(Self.approximate(coefficientBits / 8)) bytes, more than the limit of \(Int(Self.maxCoefficientBits) / (8 << 20)) MiB",
                             hint: "expand a smaller power, or leave the power unexpanded")
        }
        // a product of two coefficients of k machine words costs about k^1.6 word products
        // (Karatsuba); (x + 3y)^10000 (10,001 terms of up to 25,000 bits) takes FLINT about 2 s
        let wordCost = pow(max(1, bitsEach / 64), 1.6)
        try budget.check(estimatedSeconds: terms * t * wordCost / Self.termProductsPerSecond,
                         doing: "raising a polynomial of \(p.termCount) terms to the power \(n)")
        guard let r = p.power(n) else { throw Diagnostic(.limit, "the power is too large for a polynomial") }
        return r
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
    func expression(_ p: MPoly) throws -> Expr {
        var written = 0
        func progress() throws {
            written += 1
            if written & 1023 == 0 { try budget.spend(1024, doing: "writing out a polynomial of \(p.termCount) terms") }
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
            rows.reserveCapacity(p.termCount)
            try p.forEachTerm { exps, c in
                try progress()
                var factors: [Factor] = []
                var key: [UInt64] = []
                for (i, k) in exps.enumerated() where k != 0 {
                    let e = signs[i] * k
                    factors.append(Factor(bases[i], .integer(e)))
                    key.append(UInt64(i) << 32 | UInt64(truncatingIfNeeded: Int64(0x7fff_ffff) - Int64(e)))
                }
                if factors.isEmpty { constant = .rational(c) } else {
                    rows.append((key, Term(Expr.monomial(coefficient: .one, sortedFactors: factors), .rational(c))))
                }
            }
            guard ordered else { return Expr.sum(constant: constant, distinctTerms: rows.map(\.term)) }
            rows.sort { a, b in
                if (a.key.count == 1) != (b.key.count == 1) { return a.key.count == 1 }
                for (x, y) in zip(a.key, b.key) where x != y { return x < y }
                return a.key.count < b.key.count
            }
            return Expr.sum(constant: constant, distinctTerms: rows.map(\.term), sorted: true)
        }
        var pairs: [(Expr, Number)] = []
        pairs.reserveCapacity(p.termCount)
        try p.forEachTerm { exps, c in
            try progress()
            var factors: [Expr] = []
            for (i, k) in exps.enumerated() where k != 0 {
                let key = keys[i], d = denominators[key] ?? 1
                let e = (try? Rational(key.inverse ? -k : k, d)) ?? .one
                factors.append(Expr.pow(key.base, .rational(e)))
            }
            pairs.append((Expr.mul(factors), .rational(c)))
        }
        return Expr.add(scaled: pairs)
    }
}
