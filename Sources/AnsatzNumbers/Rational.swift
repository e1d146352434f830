import CGMP

/// An exact rational number, always canonical: the denominator is positive and coprime to the
/// numerator, so equal values have equal representations (and equal hashes).
///
/// Values whose parts fit in `Int` take a machine fast path (which promotes on overflow); anything
/// larger goes through GMP's `mpq_t` arithmetic.
public struct Rational: Sendable, Hashable {
    public let numerator: BigInt
    public let denominator: BigInt

    /// Trusted: the caller guarantees canonical parts.
    init(canonical numerator: BigInt, _ denominator: BigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(_ integer: BigInt) { self.init(canonical: integer, .one) }
    public init(_ integer: Int) { self.init(canonical: BigInt(integer), .one) }

    /// `numerator / denominator` in lowest terms. Throws on a zero denominator.
    public init(_ numerator: BigInt, _ denominator: BigInt) throws {
        guard !denominator.isZero else { throw NumberError.divisionByZero }
        var n = numerator, d = denominator
        if d.isNegative { n = -n; d = -d }
        let g = BigInt.gcd(n, d)
        if !g.isOne && !g.isZero {
            n = n.dividedExactly(by: g)
            d = d.dividedExactly(by: g)
        }
        self.init(canonical: n, d)
    }

    public init(_ numerator: Int, _ denominator: Int) throws {
        try self.init(BigInt(numerator), BigInt(denominator))
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)
    public static let minusOne = Rational(-1)
    public static let half = Rational(canonical: BigInt(1), BigInt(2))

    public var isInteger: Bool { denominator.isOne }
    public var isZero: Bool { numerator.isZero }
    public var isOne: Bool { numerator.isOne && denominator.isOne }
    public var isNegative: Bool { numerator.isNegative }
    public var signum: Int { numerator.signum }
    public var magnitude: Rational { isNegative ? -self : self }

    var isSmall: Bool { numerator.intValue != nil && denominator.intValue != nil }

    // MARK: mpq bridge

    func withMPQ<R>(_ body: (UnsafePointer<__mpq_struct>) -> R) -> R {
        var q = __mpq_struct()
        return withUnsafeMutablePointer(to: &q) { p in
            __gmpq_init(p)
            defer { __gmpq_clear(p) }
            numerator.withMPZ { __gmpz_set(ans_mpq_num(p), $0) }
            denominator.withMPZ { __gmpz_set(ans_mpq_den(p), $0) }
            return body(UnsafePointer(p))
        }
    }

    static func fromMPQ(_ p: UnsafeMutablePointer<__mpq_struct>) -> Rational {
        let n = MPZ(), d = MPZ()
        __gmpz_set(n.ptr, ans_mpq_num(p))
        __gmpz_set(d.ptr, ans_mpq_den(p))
        return Rational(canonical: BigInt(owning: n), BigInt(owning: d))
    }

    static func viaMPQ(_ a: Rational, _ b: Rational,
                       _ op: (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void) -> Rational {
        a.withMPQ { pa in
            b.withMPQ { pb in
                var r = __mpq_struct()
                return withUnsafeMutablePointer(to: &r) { pr in
                    __gmpq_init(pr)
                    defer { __gmpq_clear(pr) }
                    op(pr, pa, pb)
                    return fromMPQ(pr)
                }
            }
        }
    }
}

// MARK: - Arithmetic

extension Rational {
    public static prefix func - (a: Rational) -> Rational { Rational(canonical: -a.numerator, a.denominator) }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.isInteger && b.isInteger { return Rational(a.numerator + b.numerator) }
        guard a.isSmall && b.isSmall else { return viaMPQ(a, b, __gmpq_add) }
        // Henrici's trick: only the gcd of the denominators can cancel.
        let g = BigInt.gcd(a.denominator, b.denominator)
        if g.isOne {
            return Rational(canonical: a.numerator * b.denominator + b.numerator * a.denominator,
                            a.denominator * b.denominator)
        }
        let t = a.numerator * b.denominator.dividedExactly(by: g) + b.numerator * a.denominator.dividedExactly(by: g)
        let g2 = BigInt.gcd(t, g)
        if t.isZero { return .zero }
        return Rational(canonical: t.dividedExactly(by: g2),
                        a.denominator.dividedExactly(by: g) * b.denominator.dividedExactly(by: g2))
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static func * (a: Rational, b: Rational) -> Rational {
        if a.isInteger && b.isInteger { return Rational(a.numerator * b.numerator) }
        if a.isZero || b.isZero { return .zero }
        guard a.isSmall && b.isSmall else { return viaMPQ(a, b, __gmpq_mul) }
        let g1 = BigInt.gcd(a.numerator, b.denominator)
        let g2 = BigInt.gcd(b.numerator, a.denominator)
        return Rational(canonical: a.numerator.dividedExactly(by: g1) * b.numerator.dividedExactly(by: g2),
                        a.denominator.dividedExactly(by: g2) * b.denominator.dividedExactly(by: g1))
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func *= (a: inout Rational, b: Rational) { a = a * b }

    /// 1/self; throws for zero.
    public func reciprocal() throws -> Rational {
        guard !isZero else { throw NumberError.divisionByZero }
        return isNegative ? Rational(canonical: -denominator, -numerator) : Rational(canonical: denominator, numerator)
    }

    /// Exact quotient; throws on a zero divisor instead of trapping.
    public static func / (a: Rational, b: Rational) throws -> Rational { a * (try b.reciprocal()) }

    /// `self^exponent` for any integer exponent, refused beyond `NumberLimits.maxBits`.
    public func power(_ exponent: Int) throws -> Rational {
        if exponent == 0 { return .one }
        let e = exponent == Int.min ? Int.max : abs(exponent)  // Int.min is far past any size limit anyway
        let base = exponent < 0 ? try reciprocal() : self
        return Rational(canonical: try base.numerator.power(e), try base.denominator.power(e))
    }

    /// The exact `n`-th root when it is rational, nil otherwise (or when an even root of a negative number).
    public func exactRoot(_ n: Int) -> Rational? {
        guard n >= 1, !(isNegative && n % 2 == 0) else { return nil }
        guard let p = try? numerator.root(n), p.exact, let q = try? denominator.root(n), q.exact else { return nil }
        return Rational(canonical: p.root, q.root)
    }

    /// Largest integer not above the value.
    public var floor: BigInt {
        (try? numerator.floorDivMod(denominator).quotient) ?? numerator
    }

    /// Smallest integer not below the value.
    public var ceiling: BigInt { -((-self).floor) }

    /// Nearest `Double`, correctly rounded (ties to even).
    public var doubleValue: Double {
        if isInteger { return numerator.doubleValue }
        if let n = numerator.intValue, let d = denominator.intValue,
           n.magnitude <= 1 << 53, d <= 1 << 53 {
            return Double(n) / Double(d)  // both exact, so IEEE division rounds once
        }
        var f = __mpfr_struct()
        mpfr_init2(&f, 53)
        defer { mpfr_clear(&f) }
        withMPQ { q in _ = mpfr_set_q(&f, q, MPFR_RNDN) }
        return mpfr_get_d(&f, MPFR_RNDN)
    }
}

extension Rational: Comparable {
    public static func < (a: Rational, b: Rational) -> Bool { compare(a, b) < 0 }

    public static func compare(_ a: Rational, _ b: Rational) -> Int {
        if a.isInteger && b.isInteger { return BigInt.compare(a.numerator, b.numerator) }
        return BigInt.compare(a.numerator * b.denominator, b.numerator * a.denominator)
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

// MARK: - Strings

extension Rational: CustomStringConvertible {
    /// `p` or `p/q`.
    public var description: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// Parses `p`, `p/q`, or a decimal with optional exponent (`-1.25e-3`), exactly.
    public init?(_ text: String) {
        if let slash = text.firstIndex(of: "/") {
            guard let n = BigInt(String(text[..<slash])), let d = BigInt(String(text[text.index(after: slash)...])),
                  let r = try? Rational(n, d) else { return nil }
            self = r
            return
        }
        guard let r = try? Rational.parseDecimal(text) else { return nil }
        self = r
    }

    /// Exact value of a decimal literal such as `91.1876`, `6.674e-11` or `-3`.
    /// Throws `invalidLiteral` on bad syntax and `tooLarge` when the decimal exponent is beyond the size limit.
    public static func parseDecimal(_ text: String) throws -> Rational {
        var digits = ""
        var exponent = 0
        var seenPoint = false, seenDigit = false
        var negative = false
        var chars = Substring(text)
        if chars.first == "-" || chars.first == "+" { negative = chars.first == "-"; chars = chars.dropFirst() }
        var exponentPart: Substring?
        for (offset, c) in zip(chars.indices, chars) {
            if c.isASCII && c.isNumber {
                digits.append(c); seenDigit = true
                if seenPoint { exponent -= 1 }
            } else if c == "." && !seenPoint {
                seenPoint = true
            } else if (c == "e" || c == "E") && seenDigit {
                exponentPart = chars[chars.index(after: offset)...]
                break
            } else {
                throw NumberError.invalidLiteral(text)
            }
        }
        guard seenDigit else { throw NumberError.invalidLiteral(text) }
        if let part = exponentPart {
            guard let e = Int(part) else {
                // a well-formed but astronomically large exponent is a size problem, not a syntax one
                let body = part.drop(while: { $0 == "+" || $0 == "-" })
                if !body.isEmpty && body.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    throw NumberError.tooLarge(operation: "decimal exponent", estimatedBits: .infinity)
                }
                throw NumberError.invalidLiteral(text)
            }
            let (sum, overflow) = exponent.addingReportingOverflow(e)
            guard !overflow else { throw NumberError.tooLarge(operation: "decimal exponent", estimatedBits: .infinity) }
            exponent = sum
        }
        guard var mantissa = BigInt(digits) else { throw NumberError.invalidLiteral(text) }
        if negative { mantissa = -mantissa }
        if mantissa.isZero { return .zero }
        let scale = try BigInt(10).power(exponent.magnitude > Int.max / 2 ? Int.max / 2 : abs(exponent))
        return exponent >= 0 ? Rational(mantissa * scale) : try Rational(mantissa, scale)
    }

    /// The value as a terminating decimal (`9.81`, `-0.125`) when its denominator is 2^a 5^b and the
    /// digits stay short; nil otherwise.
    public func terminatingDecimal(maxDigits: Int = 40) -> String? {
        if isInteger { return numerator.description }
        var d = denominator
        var twos = 0, fives = 0
        while !d.isOdd { d = d.dividedExactly(by: 2); twos += 1 }
        while (try? d % 5)?.isZero == true { d = d.dividedExactly(by: 5); fives += 1 }
        guard d.isOne else { return nil }
        let places = max(twos, fives)
        guard places <= maxDigits, let scale = try? BigInt(10).power(places) else { return nil }
        let scaled = (numerator.magnitude * scale).dividedExactly(by: denominator)
        var text = scaled.description
        if text.count <= places { text = String(repeating: "0", count: places - text.count + 1) + text }
        text.insert(".", at: text.index(text.endIndex, offsetBy: -places))
        return (isNegative ? "-" : "") + text
    }
}
