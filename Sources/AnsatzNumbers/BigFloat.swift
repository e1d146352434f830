import CGMP

/// An owned MPFR float. Immutable once a `BigFloat` holds it.
final class MPFR: @unchecked Sendable {
    let ptr: UnsafeMutablePointer<__mpfr_struct>

    init(precision: Int) {
        // MPFR's exponent range is per thread and starts at ±2^30 bits: widen it to the most MPFR
        // allows (about ±2^62) on whichever thread computes, so that exp(-10^10) is a tiny number,
        // not an underflow to 0. Two stores, next to an allocation.
        mpfr_set_emin(mpfr_get_emin_min())
        mpfr_set_emax(mpfr_get_emax_max())
        ptr = .allocate(capacity: 1)
        mpfr_init2(ptr, mpfr_prec_t(precision))
    }

    deinit {
        mpfr_clear(ptr)
        ptr.deallocate()
    }
}

/// A binary floating-point number with an explicit precision in bits, correctly rounded (to nearest,
/// ties to even) by MPFR after every operation.
///
/// Binary operations return the larger of the two precisions. Division by zero gives an infinity and
/// invalid operations a NaN, as in IEEE 754; nothing traps.
public struct BigFloat: Sendable {
    let value: MPFR

    public var precision: Int { Int(ans_mpfr_get_prec(value.ptr)) }

    /// The MPFR number, for other libraries that read MPFR (Arb's balls).
    package func withMPFR<R>(_ body: (UnsafePointer<__mpfr_struct>) throws -> R) rethrows -> R { try body(value.ptr) }

    init(value: MPFR) { self.value = value }

    /// A new number at `precision` written by `body` through its MPFR pointer (another library
    /// computing in MPFR: the function catalog's Arb kernels), with body's status.
    package static func filled(precision: Int, _ body: (UnsafeMutableRawPointer) -> Int32) throws -> (BigFloat, Int32) {
        let p = try checked(precision)
        var status: Int32 = 0
        let f = make(p) { status = body(UnsafeMutableRawPointer($0)) }
        return (f, status)
    }

    static func checked(_ precision: Int) throws -> Int {
        guard (NumberLimits.minPrecision...NumberLimits.maxPrecision).contains(precision) else {
            throw NumberError.invalidPrecision(precision)
        }
        return precision
    }

    static func make(_ precision: Int, _ body: (UnsafeMutablePointer<__mpfr_struct>) -> Void) -> BigFloat {
        let r = MPFR(precision: precision)
        body(r.ptr)
        return BigFloat(value: r)
    }

    /// Bits needed for `digits` significant decimal digits (plus guard bits).
    public static func precision(forDigits digits: Int) -> Int {
        Int((Double(max(digits, 1)) * 3.321928094887362).rounded(.up)) + 8
    }

    public init(_ x: Rational, precision: Int) throws {
        let p = try Self.checked(precision)
        self = Self.make(p) { r in x.withMPQ { q in _ = mpfr_set_q(r, q, MPFR_RNDN) } }
    }

    public init(_ x: Double, precision: Int = 53) throws {
        let p = try Self.checked(precision)
        self = Self.make(p) { _ = mpfr_set_d($0, x, MPFR_RNDN) }
    }

    /// Parses a decimal such as `3.14159`, `-1e-30`, `inf` or `nan`, rounded to `precision` bits.
    public init(parsing text: String, precision: Int) throws {
        let p = try Self.checked(precision)
        let r = MPFR(precision: p)
        var end: UnsafeMutablePointer<CChar>? = nil
        let ok: Bool = text.withCString { s in
            _ = mpfr_strtofr(r.ptr, s, &end, 10, MPFR_RNDN)
            return end.map { $0.pointee == 0 && $0 != UnsafeMutablePointer(mutating: s) } ?? false
        }
        guard ok, !text.isEmpty else { throw NumberError.invalidLiteral(text) }
        self.init(value: r)
    }

    public static func pi(precision: Int) throws -> BigFloat {
        make(try checked(precision)) { _ = mpfr_const_pi($0, MPFR_RNDN) }
    }

    /// Euler's number e.
    public static func e(precision: Int) throws -> BigFloat {
        make(try checked(precision)) { r in _ = mpfr_set_ui(r, 1, MPFR_RNDN); _ = mpfr_exp(r, r, MPFR_RNDN) }
    }

    /// The same value rounded to another precision.
    public func rounded(toPrecision p: Int) throws -> BigFloat {
        let prec = try Self.checked(p)
        return Self.make(prec) { _ = mpfr_set($0, value.ptr, MPFR_RNDN) }
    }

    public var isNaN: Bool { mpfr_nan_p(value.ptr) != 0 }
    public var isInfinite: Bool { mpfr_inf_p(value.ptr) != 0 }
    public var isFinite: Bool { mpfr_number_p(value.ptr) != 0 }
    public var isZero: Bool { mpfr_zero_p(value.ptr) != 0 }
    public var signum: Int { isNaN ? 0 : Int(ans_mpfr_sgn(value.ptr)) }
    /// e with |x| in [2^(e-1), 2^e), for a finite nonzero x; 0 otherwise.
    /// Whether the value is an integer (MPFR decides without building it).
    public var isInteger: Bool { isFinite && mpfr_integer_p(value.ptr) != 0 }

    public var binaryExponent: Int { isFinite && !isZero ? Int(mpfr_get_exp(value.ptr)) : 0 }

    /// Nearest `Double`, correctly rounded.
    public var doubleValue: Double { mpfr_get_d(value.ptr, MPFR_RNDN) }

    /// The exact rational value of a finite float; nil for NaN and infinities.
    /// The exact value as a rational; nil for infinities, NaN, and values whose integer part would
    /// need more than `NumberLimits.maxBits` bits (1e1000000000000`53 is a fine float, but GMP
    /// would abort building it as an integer).
    public var exactRational: Rational? {
        guard isFinite, binaryExponent <= NumberLimits.maxBits else { return nil }
        var q = __mpq_struct()
        return withUnsafeMutablePointer(to: &q) { p in
            __gmpq_init(p)
            defer { __gmpq_clear(p) }
            // mpfr_get_q is exact for finite values
            mpfr_get_q(p, value.ptr)
            return Rational.fromMPQ(p)
        }
    }
}

// MARK: - Arithmetic and functions

extension BigFloat {
    static func binary(_ a: BigFloat, _ b: BigFloat,
                       _ op: (UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, mpfr_rnd_t) -> Int32) -> BigFloat {
        make(max(a.precision, b.precision)) { r in
            withExtendedLifetime((a.value, b.value)) { _ = op(r, a.value.ptr, b.value.ptr, MPFR_RNDN) }
        }
    }

    func unary(_ op: (UnsafeMutablePointer<__mpfr_struct>, UnsafePointer<__mpfr_struct>, mpfr_rnd_t) -> Int32) -> BigFloat {
        Self.make(precision) { r in withExtendedLifetime(value) { _ = op(r, value.ptr, MPFR_RNDN) } }
    }

    public static func + (a: BigFloat, b: BigFloat) -> BigFloat { binary(a, b, mpfr_add) }
    public static func - (a: BigFloat, b: BigFloat) -> BigFloat { binary(a, b, mpfr_sub) }
    public static func * (a: BigFloat, b: BigFloat) -> BigFloat { binary(a, b, mpfr_mul) }
    public static func / (a: BigFloat, b: BigFloat) -> BigFloat { binary(a, b, mpfr_div) }
    public static prefix func - (a: BigFloat) -> BigFloat { a.unary(mpfr_neg) }
    public func power(_ e: BigFloat) -> BigFloat { Self.binary(self, e, mpfr_pow) }

    public var squareRoot: BigFloat { unary(mpfr_sqrt) }
    public var cubeRoot: BigFloat { unary(mpfr_cbrt) }
    public var exp: BigFloat { unary(mpfr_exp) }
    public var log: BigFloat { unary(mpfr_log) }
    public var log10: BigFloat { unary(mpfr_log10) }
    public var sin: BigFloat { unary(mpfr_sin) }
    public var cos: BigFloat { unary(mpfr_cos) }
    public var tan: BigFloat { unary(mpfr_tan) }
    public var asin: BigFloat { unary(mpfr_asin) }
    public var acos: BigFloat { unary(mpfr_acos) }
    public var atan: BigFloat { unary(mpfr_atan) }
    public var sinh: BigFloat { unary(mpfr_sinh) }
    public var cosh: BigFloat { unary(mpfr_cosh) }
    public var tanh: BigFloat { unary(mpfr_tanh) }
    public var abs: BigFloat { unary(mpfr_abs) }
    public var asinh: BigFloat { unary(mpfr_asinh) }
    public var acosh: BigFloat { unary(mpfr_acosh) }
    public var atanh: BigFloat { unary(mpfr_atanh) }
    /// atan2(self, x): the angle of the point (x, self).
    public func atan2(_ x: BigFloat) -> BigFloat { Self.binary(self, x, mpfr_atan2) }
}

// MARK: - Equality, order, hashing

extension BigFloat: Hashable {
    /// Structural equality: same precision and same value (NaN equals NaN here, so that a float can
    /// be an expression node; use `compare` for IEEE comparisons).
    public static func == (a: BigFloat, b: BigFloat) -> Bool {
        guard a.precision == b.precision else { return false }
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return mpfr_equal_p(a.value.ptr, b.value.ptr) != 0 && a.signum == b.signum
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(precision)
        hasher.combine(isNaN ? Double.nan.bitPattern : doubleValue.bitPattern)
    }

    /// -1, 0, 1, or nil when either side is NaN.
    public static func compare(_ a: BigFloat, _ b: BigFloat) -> Int? {
        if a.isNaN || b.isNaN { return nil }
        let c = mpfr_cmp(a.value.ptr, b.value.ptr)
        return c < 0 ? -1 : (c == 0 ? 0 : 1)
    }
}

// MARK: - Range

extension BigFloat {
    /// Clears this thread's MPFR flags; `underflowed` then says whether a result since was too
    /// small for the exponent range (rounded to 0, though the true value is not 0).
    public static func clearFlags() { mpfr_clear_flags() }
    public static var underflowed: Bool { mpfr_underflow_p() != 0 }
    /// The smallest binary exponent a value can have (about -2^62).
    public static var minimumExponent: Int { Int(mpfr_get_emin_min()) }
}

// MARK: - Strings

extension BigFloat: CustomStringConvertible {
    /// Shortest decimal that reads back to this exact value at this precision.
    public var description: String { toString(digits: nil) }

    /// The fewest significant digits whose decimal reads back to this exact value at this precision.
    /// The search doubles up from one digit, then bisects, so its cost follows the answer's length,
    /// not the precision: `0.1` at 2^24 bits needs a few short probes, where bisecting from
    /// `mpfr_get_str_ndigits` (five million digits) took 92 s.
    func shortestRoundTripDigits() -> Int {
        let bound = Int(mpfr_get_str_ndigits(10, mpfr_prec_t(precision)))
        let probe = MPFR(precision: precision)
        func roundTrips(_ n: Int) -> Bool {
            var exp: mpfr_exp_t = 0
            guard let raw = mpfr_get_str(nil, &exp, 10, n, value.ptr, MPFR_RNDN) else { return false }
            // raw holds the mantissa digits as an integer: |value| ~ digits * 10^(exp - n)
            let digits = String(cString: raw).drop(while: { $0 == "-" })
            mpfr_free_str(raw)
            _ = mpfr_set_str(probe.ptr, digits + "e" + String(Int(exp) - n), 10, MPFR_RNDN)
            return mpfr_cmpabs(probe.ptr, value.ptr) == 0
        }
        // Past a few thousand bits a value is either short (0.1`100000) or needs about all of
        // `bound` digits (sqrt(2.0`100000)): probe up to 64 digits, then take the bound, which
        // always round-trips (the caller drops its trailing zeros).
        let longest = precision > 4096 ? min(bound, 64) : bound
        var low = 1, high = 1
        while high < longest && !roundTrips(high) {
            low = high + 1
            high = min(longest, 2 * high)
        }
        if high == longest && longest < bound && !roundTrips(high) { return bound }
        while low < high {
            let mid = (low + high) / 2
            if roundTrips(mid) { high = mid } else { low = mid + 1 }
        }
        return high
    }

    /// Scientific or plain decimal with `digits` significant digits (nil: enough to round-trip).
    public func toString(digits: Int?) -> String {
        if isNaN { return "nan" }
        if isInfinite { return signum < 0 ? "-inf" : "inf" }
        if isZero { return signum < 0 || mpfr_signbit(value.ptr) != 0 ? "-0.0" : "0.0" }
        let n = max(1, digits ?? shortestRoundTripDigits())
        var exp: mpfr_exp_t = 0
        guard let raw = mpfr_get_str(nil, &exp, 10, n, value.ptr, MPFR_RNDN) else { return "nan" }
        defer { mpfr_free_str(raw) }
        var mantissa = String(cString: raw)
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        if digits == nil {  // drop trailing zeros that carry no information
            // on the bytes, in one pass: String.count is linear, and 2^(900`200000) has 60,000
            // digits, most of them trailing zeros (the loop on count took 9 s; fuzzing found it)
            var bytes = Array(mantissa.utf8)
            while bytes.count > 1, bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
            mantissa = String(decoding: bytes, as: UTF8.self)
        }
        let e = Int(exp)  // value = 0.mantissa * 10^e
        let sign = negative ? "-" : ""
        // zeros padded past the digits asked for would read as exact (1 J in eV is not
        // 6241509074000000000.0): such values go scientific, 6.241509074e18
        let padded = digits != nil && mantissa.count < e
        if e >= -5 && e <= 21 && !padded {
            if e <= 0 {
                return sign + "0." + String(repeating: "0", count: -e) + mantissa
            }
            if mantissa.count <= e {
                return sign + mantissa + String(repeating: "0", count: e - mantissa.count) + ".0"
            }
            let cut = mantissa.index(mantissa.startIndex, offsetBy: e)
            return sign + mantissa[..<cut] + "." + mantissa[cut...]
        }
        let first = mantissa.prefix(1)
        let rest = mantissa.dropFirst()
        return sign + first + (rest.isEmpty ? ".0" : "." + rest) + "e" + String(e - 1)
    }
}
