import CGMP

/// An owned GMP integer. Immutable once a `BigInt` holds it, hence safe to share across threads.
final class MPZ: @unchecked Sendable {
    let ptr: UnsafeMutablePointer<__mpz_struct>

    init() {
        ptr = .allocate(capacity: 1)
        __gmpz_init(ptr)
    }

    deinit {
        __gmpz_clear(ptr)
        ptr.deallocate()
    }
}

/// An arbitrary-precision integer: a machine `Int` while it fits, a GMP `mpz_t` beyond.
///
/// The representation is canonical (a value that fits in `Int` is always `.small`), so equality and
/// hashing compare representations. Arithmetic never traps: overflow promotes to GMP, division by
/// zero and oversized results throw `NumberError`.
public struct BigInt: Sendable {
    enum Storage: Sendable {
        case small(Int)
        case big(MPZ)
    }

    let storage: Storage

    public init(_ value: Int) { storage = .small(value) }

    init(storage: Storage) { self.storage = storage }

    /// Takes ownership of `z`, demoting it to `.small` when it fits.
    init(owning z: MPZ) {
        if __gmpz_fits_slong_p(z.ptr) != 0 {
            storage = .small(__gmpz_get_si(z.ptr))
        } else {
            storage = .big(z)
        }
    }

    /// Runs `body` with a read-only `mpz_t` of this value (a stack temporary for small values).
    package func withMPZ<R>(_ body: (UnsafePointer<__mpz_struct>) throws -> R) rethrows -> R {
        switch storage {
        case let .big(z):
            return try withExtendedLifetime(z) { try body(z.ptr) }
        case let .small(v):
            var tmp = __mpz_struct()
            __gmpz_init_set_si(&tmp, v)
            defer { __gmpz_clear(&tmp) }
            return try withUnsafePointer(to: &tmp) { try body($0) }
        }
    }

    /// Builds a result with a fresh `mpz_t`.
    package static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) throws -> Void) rethrows -> BigInt {
        let z = MPZ()
        try body(z.ptr)
        return BigInt(owning: z)
    }

    static func binary(_ a: BigInt, _ b: BigInt,
                       _ op: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void) -> BigInt {
        a.withMPZ { pa in b.withMPZ { pb in make { op($0, pa, pb) } } }
    }

    public static let zero = BigInt(0)
    public static let one = BigInt(1)

    /// The value as `Int` when it fits.
    public var intValue: Int? {
        if case let .small(v) = storage { return v }
        return nil
    }

    public var signum: Int {
        switch storage {
        case let .small(v): return v.signum()
        case let .big(z): return Int(ans_mpz_sgn(z.ptr))
        }
    }

    public var isZero: Bool { if case .small(0) = storage { return true } else { return false } }
    public var isOne: Bool { if case .small(1) = storage { return true } else { return false } }
    public var isNegative: Bool { signum < 0 }
    public var isOdd: Bool {
        switch storage {
        case let .small(v): return v & 1 == 1
        case let .big(z): return ans_mpz_odd(z.ptr) != 0
        }
    }

    /// Number of bits in |self| (0 for zero).
    public var bitWidth: Int {
        switch storage {
        case let .small(v): return v == 0 ? 0 : Int.bitWidth - v.magnitude.leadingZeroBitCount
        case let .big(z): return Int(__gmpz_sizeinbase(z.ptr, 2))
        }
    }

    public var magnitude: BigInt { signum < 0 ? -self : self }

    /// Nearest `Double`, ties to even (correctly rounded through MPFR for large values).
    public var doubleValue: Double {
        switch storage {
        case let .small(v):
            return Double(v)
        case let .big(z):
            var f = __mpfr_struct()
            mpfr_init2(&f, 53)
            defer { mpfr_clear(&f) }
            mpfr_set_z(&f, z.ptr, MPFR_RNDN)
            return mpfr_get_d(&f, MPFR_RNDN)
        }
    }
}

// MARK: - Literals and strings

extension BigInt: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt: CustomStringConvertible {
    /// Parses an optionally signed integer in `radix` (2...36). Returns nil on any other character.
    public init?(_ text: String, radix: Int = 10) {
        guard (2...36).contains(radix) else { return nil }
        var body = Substring(text)
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.unicodeScalars.allSatisfy({ Self.digitValue($0) < radix }) else { return nil }
        if body.utf8.count <= 18, let v = Int(body, radix: radix) {
            self.init(negative ? -v : v)
            return
        }
        let z = MPZ()
        let status = __gmpz_set_str(z.ptr, String(body), Int32(radix))
        guard status == 0 else { return nil }
        if negative { __gmpz_neg(z.ptr, z.ptr) }
        self.init(owning: z)
    }

    static func digitValue(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 48...57: return Int(s.value) - 48
        case 65...90: return Int(s.value) - 55
        case 97...122: return Int(s.value) - 87
        default: return 99
        }
    }

    public func toString(radix: Int = 10) -> String {
        switch storage {
        case let .small(v):
            // String(v) is the specialised decimal conversion; the radix initialiser is generic
            return radix == 10 ? String(v) : String(v, radix: radix)
        case let .big(z):
            let r = Int32(max(2, min(36, radix)))
            let size = __gmpz_sizeinbase(z.ptr, r) + 2
            var buffer = [CChar](repeating: 0, count: size + 1)
            _ = __gmpz_get_str(&buffer, r, z.ptr)
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    public var description: String { toString() }
}

// MARK: - Equality, order, hashing

extension BigInt: Hashable, Comparable {
    public static func == (a: BigInt, b: BigInt) -> Bool {
        if case let .small(x) = a.storage, case let .small(y) = b.storage { return x == y }
        switch (a.storage, b.storage) {
        case let (.small(x), .small(y)): return x == y
        case let (.big(x), .big(y)): return __gmpz_cmp(x.ptr, y.ptr) == 0
        default: return false  // canonical: a big value never fits in Int
        }
    }

    public static func < (a: BigInt, b: BigInt) -> Bool { compare(a, b) < 0 }

    /// -1, 0 or 1.
    public static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        if case let .small(x) = a.storage, case let .small(y) = b.storage {
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        let c = a.withMPZ { pa in b.withMPZ { pb in __gmpz_cmp(pa, pb) } }
        return c < 0 ? -1 : (c == 0 ? 0 : 1)
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case let .small(v):
            hasher.combine(v)
        case let .big(z):
            hasher.combine(ans_mpz_sgn(z.ptr))
            let limbs = __gmpz_size(z.ptr)
            for i in 0..<limbs { hasher.combine(__gmpz_getlimbn(z.ptr, mp_size_t(i))) }
        }
    }
}

// MARK: - Arithmetic

extension BigInt {
    public static prefix func - (a: BigInt) -> BigInt {
        if case let .small(v) = a.storage, v != Int.min { return BigInt(-v) }
        return a.withMPZ { pa in make { __gmpz_neg($0, pa) } }
    }

    public static func + (a: BigInt, b: BigInt) -> BigInt {
        if case let .small(x) = a.storage, case let .small(y) = b.storage {
            let (r, overflow) = x.addingReportingOverflow(y)
            if !overflow { return BigInt(r) }
        }
        return binary(a, b, __gmpz_add)
    }

    public static func - (a: BigInt, b: BigInt) -> BigInt {
        if case let .small(x) = a.storage, case let .small(y) = b.storage {
            let (r, overflow) = x.subtractingReportingOverflow(y)
            if !overflow { return BigInt(r) }
        }
        return binary(a, b, __gmpz_sub)
    }

    public static func * (a: BigInt, b: BigInt) -> BigInt {
        if case let .small(x) = a.storage, case let .small(y) = b.storage {
            let (r, overflow) = x.multipliedReportingOverflow(by: y)
            if !overflow { return BigInt(r) }
        }
        return binary(a, b, __gmpz_mul)
    }

    public static func += (a: inout BigInt, b: BigInt) { a = a + b }
    public static func -= (a: inout BigInt, b: BigInt) { a = a - b }
    public static func *= (a: inout BigInt, b: BigInt) { a = a * b }

    /// Truncating quotient and remainder (the remainder has the sign of `self`), like Swift's `Int`.
    public func quotientAndRemainder(dividingBy d: BigInt) throws -> (quotient: BigInt, remainder: BigInt) {
        guard !d.isZero else { throw NumberError.divisionByZero }
        if case let .small(x) = storage, case let .small(y) = d.storage, !(x == Int.min && y == -1) {
            return (BigInt(x / y), BigInt(x % y))
        }
        let q = MPZ(), r = MPZ()
        withMPZ { pa in d.withMPZ { pd in __gmpz_tdiv_qr(q.ptr, r.ptr, pa, pd) } }
        return (BigInt(owning: q), BigInt(owning: r))
    }

    /// Floor division: the quotient rounded toward negative infinity; the modulus has the sign of `d`.
    public func floorDivMod(_ d: BigInt) throws -> (quotient: BigInt, modulus: BigInt) {
        guard !d.isZero else { throw NumberError.divisionByZero }
        let q = MPZ(), r = MPZ()
        withMPZ { pa in d.withMPZ { pd in __gmpz_fdiv_qr(q.ptr, r.ptr, pa, pd) } }
        return (BigInt(owning: q), BigInt(owning: r))
    }

    /// Truncating division. Throws on a zero divisor instead of trapping.
    public static func / (a: BigInt, b: BigInt) throws -> BigInt { try a.quotientAndRemainder(dividingBy: b).quotient }
    /// Truncating remainder. Throws on a zero divisor instead of trapping.
    public static func % (a: BigInt, b: BigInt) throws -> BigInt { try a.quotientAndRemainder(dividingBy: b).remainder }

    /// Exact division when `d` is known to divide `self` (faster than a general division).
    func dividedExactly(by d: BigInt) -> BigInt {
        if case let .small(x) = storage, case let .small(y) = d.storage, y != 0, !(x == Int.min && y == -1) {
            return BigInt(x / y)
        }
        return BigInt.binary(self, d, __gmpz_divexact)
    }

    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        if case let .small(x) = a.storage, case let .small(y) = b.storage, x != Int.min, y != Int.min {
            var (u, v) = (x.magnitude, y.magnitude)
            while v != 0 { (u, v) = (v, u % v) }
            return BigInt(Int(u))
        }
        return binary(a, b, __gmpz_gcd)
    }

    public static func lcm(_ a: BigInt, _ b: BigInt) -> BigInt {
        if a.isZero || b.isZero { return .zero }
        return binary(a, b, __gmpz_lcm)
    }

    /// `self` raised to a non-negative integer power, refused when the result would exceed `NumberLimits.maxBits`.
    public func power(_ exponent: Int) throws -> BigInt {
        guard exponent >= 0 else { throw NumberError.domain("negative exponent \(exponent) for an integer power") }
        if exponent == 0 { return .one }
        if isZero || isOne || exponent == 1 { return self }
        if self == BigInt(-1) { return exponent & 1 == 0 ? .one : self }
        let estimate = Double(bitWidth) * Double(exponent)
        guard estimate <= Double(NumberLimits.maxBits) else {
            throw NumberError.tooLarge(operation: "integer power", estimatedBits: estimate)
        }
        if case let .small(b) = storage {
            var result = 1, base = b, e = exponent, ok = true
            while e > 0 && ok {
                if e & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base); result = r; ok = !o
                }
                e >>= 1
                if e > 0 && ok { let (s, o) = base.multipliedReportingOverflow(by: base); base = s; ok = !o }
            }
            if ok { return BigInt(result) }
        }
        return withMPZ { pa in BigInt.make { __gmpz_pow_ui($0, pa, UInt(exponent)) } }
    }

    /// `self * 2^shift` (a negative shift divides, rounding toward negative infinity).
    public func shifted(by shift: Int) throws -> BigInt {
        if isZero || shift == 0 { return self }
        if shift > 0 {
            let estimate = Double(bitWidth) + Double(shift)
            guard estimate <= Double(NumberLimits.maxBits) else {
                throw NumberError.tooLarge(operation: "left shift", estimatedBits: estimate)
            }
            return withMPZ { pa in BigInt.make { __gmpz_mul_2exp($0, pa, UInt(shift)) } }
        }
        let amount = shift == Int.min ? UInt(Int.max) : UInt(-shift)
        return withMPZ { pa in BigInt.make { __gmpz_fdiv_q_2exp($0, pa, amount) } }
    }

    /// The integer `n`-th root, truncated toward zero, and whether it is exact.
    /// Throws for an even root of a negative number or `n < 1`.
    public func root(_ n: Int) throws -> (root: BigInt, exact: Bool) {
        guard n >= 1 else { throw NumberError.domain("root of degree \(n)") }
        guard !(isNegative && n % 2 == 0) else { throw NumberError.domain("even root of a negative number") }
        if n == 1 { return (self, true) }
        let z = MPZ()
        let exact = withMPZ { pa in __gmpz_root(z.ptr, pa, UInt(n)) } != 0
        return (BigInt(owning: z), exact)
    }

    /// n! for n up to the size limit.
    public static func factorial(_ n: Int) throws -> BigInt {
        guard n >= 0 else { throw NumberError.domain("factorial of a negative number") }
        // log2(n!) < n log2 n
        let estimate = n < 2 ? 1 : Double(n) * log2Approx(Double(n))
        guard estimate <= Double(NumberLimits.maxBits) else {
            throw NumberError.tooLarge(operation: "factorial", estimatedBits: estimate)
        }
        return make { __gmpz_fac_ui($0, UInt(n)) }
    }

    static func log2Approx(_ x: Double) -> Double {
        // exponent + mantissa bits, enough for a size estimate without Foundation
        x <= 1 ? 0 : Double(x.exponent) + (x.significand - 1) * 1.0 + 0.1
    }
}

extension BigInt {
    /// `value` as an exact integer, or nil when it is not finite or has a fractional part.
    public init?(exactly value: Double) {
        guard value.isFinite, value.rounded(.towardZero) == value else { return nil }
        if let v = Int(exactly: value) { self.init(v); return }
        let z = MPZ()
        __gmpz_set_d(z.ptr, value)
        self.init(owning: z)
    }
}
