import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import CFlint
import CFunctions

/// A complex ball (Arb's `acb_t`): a midpoint and a radius for the real and the imaginary part,
/// with the proven property that the true value lies inside. Owned by Swift.
public final class ComplexBall: @unchecked Sendable {
    let raw: UnsafeMutablePointer<acb_struct>

    public init() {
        raw = .allocate(capacity: 1)
        acb_init(raw)
    }

    deinit {
        acb_clear(raw)
        raw.deallocate()
    }

    /// An exact rational.
    public convenience init(_ q: Rational, precision: Int) {
        self.init()
        withFmpq(q) { acb_set_fmpq(raw, $0, precision) }
    }

    /// A rational real part plus a rational imaginary part, exactly (precision permitting).
    public convenience init(real: Rational, imaginary: Rational, precision: Int) {
        self.init()
        withFmpq(real) { arb_set_fmpq(ans_acb_real(raw), $0, precision) }
        withFmpq(imaginary) { arb_set_fmpq(ans_acb_imag(raw), $0, precision) }
    }

    public var isFinite: Bool { acb_is_finite(raw) != 0 }
    public var containsZero: Bool { acb_contains_zero(raw) != 0 }
    public var isReal: Bool { acb_is_real(raw) != 0 }
    /// The imaginary part is a ball around zero (an exact real, or a real up to rounding).
    public var mayBeReal: Bool { arb_contains_zero(ans_acb_imag(raw)) != 0 }
    /// An upper bound of |z|.
    public var magnitude: Double { ans_acb_abs_upper(raw) }
    /// A bound of the real part (the lower one unless `upper`) as sign · log(1 + |bound|): finite
    /// even where the value is past Double's range.
    public func realBoundLog1p(upper: Bool) -> Double { ans_arb_bound_log1p(raw, upper ? 1 : 0) }
    /// The magnitude fits a Double (neither 0-clamped nor infinite), so tolerances computed from
    /// it mean something.
    public var hasUsableMagnitude: Bool { let m = magnitude; return m.isFinite && m < 0x1p900 }
    /// A lower and an upper bound of the real part, as MPFR numbers of `precision` bits
    /// (rounded outward): every real number in the ball lies between them.
    public func realBounds(precision: Int) -> (lower: BigFloat, upper: BigFloat)? {
        func bound(_ upper: Bool) -> BigFloat? {
            (try? BigFloat.filled(precision: precision) { out in
                ans_arb_bound_mpfr(ans_acb_real(raw), out.assumingMemoryBound(to: __mpfr_struct.self), upper ? 1 : 0)
                return 0
            })?.0
        }
        guard isFinite, let lower = bound(false), let upper = bound(true) else { return nil }
        return (lower, upper)
    }

    /// One part's printed digits when the ball decides them.
    public struct Digits: Sendable {
        public let text: String
        public let negative: Bool
        public let isZero: Bool
        /// The text without its sign.
        public var magnitudeText: String { negative ? String(text.dropFirst()) : text }
    }

    public enum PartDigits: Sendable {
        /// Both ends of the part round to these digits (or the part is exactly 0).
        case digits(Digits)
        /// A ball around 0: |part| below this bound.
        case bound(String)
    }

    /// The real or imaginary part to `digits` significant digits, when its ball decides them;
    /// nil when it does not yet (more precision needed).
    public func partDigits(imaginary: Bool, digits: Int, precision: Int) -> PartDigits? {
        let part = imaginary ? ans_acb_imag(raw) : ans_acb_real(raw)
        if arb_is_zero(part) != 0 { return .digits(Digits(text: "0", negative: false, isZero: true)) }
        func bound(_ upper: Bool) -> BigFloat? {
            (try? BigFloat.filled(precision: precision) { out in
                ans_arb_bound_mpfr(part, out.assumingMemoryBound(to: __mpfr_struct.self), upper ? 1 : 0)
                return 0
            })?.0
        }
        guard arb_is_finite(part) != 0, let lower = bound(false), let upper = bound(true) else { return nil }
        if arb_contains_zero(part) != 0 {
            let m = max(lower.abs.doubleValue, upper.abs.doubleValue)
            // the next power of ten above |part| (from its binary exponent, rounded up)
            return .bound(m > 0 && m.isFinite ? "1e\(Int((Double(m.exponent + 1) * 0.30103).rounded(.up)))" : "2^-\(precision)")
        }
        let text = lower.toString(digits: digits)
        guard upper.toString(digits: digits) == text else { return nil }
        return .digits(Digits(text: text, negative: text.hasPrefix("-"), isZero: false))
    }

    /// The sum of the radii of both parts.
    public var radius: Double { ans_acb_radius(raw) }
    /// Bits of relative accuracy (negative when the ball is wider than its value).
    public var accuracyBits: Int { acb_rel_accuracy_bits(raw) }

    /// The midpoint with `digits` significant digits: "1.5", "-0.25 + 2.0*I".
    public func decimal(digits: Int = 15) -> String {
        func part(_ x: UnsafeMutablePointer<arb_struct>) -> String {
            guard let c = ans_arb_mid_string(x, digits) else { return "?" }
            defer { flint_free(c) }
            return String(cString: c)
        }
        let re = part(ans_acb_real(raw))
        guard arb_is_zero(ans_acb_imag(raw)) == 0 else { return re }
        let im = part(ans_acb_imag(raw))
        if im == "0" || im == "-0" { return re }  // a real value whose imaginary ball only has a radius
        if arb_is_zero(ans_acb_real(raw)) != 0 { return im + "*I" }
        return im.hasPrefix("-") ? "\(re) - \(im.dropFirst())*I" : "\(re) + \(im)*I"
    }

    func copy() -> ComplexBall {
        let r = ComplexBall()
        acb_set(r.raw, raw)
        return r
    }

    func withFmpq<R>(_ q: Rational, _ body: (UnsafeMutablePointer<fmpq>) -> R) -> R {
        var c = fmpq()
        return withUnsafeMutablePointer(to: &c) { p in
            fmpq_init(p)
            defer { fmpq_clear(p) }
            q.numerator.withMPZ { fmpz_set_mpz(ans_fmpq_num(p), $0) }
            q.denominator.withMPZ { fmpz_set_mpz(ans_fmpq_den(p), $0) }
            return body(p)
        }
    }

    /// `self · other`.
    public func times(_ other: ComplexBall, precision: Int) -> ComplexBall {
        let r = ComplexBall()
        acb_mul(r.raw, raw, other.raw, precision)
        return r
    }

    /// `self^q`, principal branch (for a positive real `self`, the real power).
    public func raised(to q: Rational, precision: Int) -> ComplexBall {
        let r = ComplexBall()
        if q.isInteger, let k = q.numerator.intValue {
            acb_pow_si(r.raw, raw, k, precision)
            return r
        }
        let y = ComplexBall(q, precision: precision)
        withExtendedLifetime(y) { acb_pow(r.raw, raw, y.raw, precision) }
        return r
    }

    /// True when the ball's real part is provably positive (and its imaginary part is zero).
    public var isPositiveReal: Bool { isReal && arb_is_positive(ans_acb_real(raw)) != 0 }

    /// Compares two real balls: true when `self < other` (or `<=`) is proven, false when its
    /// negation is, nil when the balls overlap too much to tell or a value may not be real.
    public func provablyLess(than other: ComplexBall, orEqual: Bool, precision: Int) -> Bool? {
        guard mayBeReal, other.mayBeReal else { return nil }
        let d = other.minus(self, precision: precision)
        // d's C storage is read below: keep it alive past its last Swift use
        return withExtendedLifetime(d) { () -> Bool? in
            let re = ans_acb_real(d.raw)
            if orEqual {
                if arb_is_nonnegative(re) != 0 { return true }
                if arb_is_negative(re) != 0 { return false }
            } else {
                if arb_is_positive(re) != 0 { return true }
                if arb_is_nonpositive(re) != 0 { return false }
            }
            return nil
        }
    }

    /// The midpoint as exact rationals (dyadic: a mantissa times a power of 2), or nil when an
    /// exponent is past ±2^16 or a part is not finite.
    public var midpoint: (real: Rational, imaginary: Rational)? {
        func exact(_ x: UnsafeMutablePointer<arb_struct>) -> Rational? {
            guard arb_is_finite(x) != 0 else { return nil }
            var man = fmpz(), exp = fmpz()
            fmpz_init(&man)
            fmpz_init(&exp)
            defer { fmpz_clear(&man); fmpz_clear(&exp) }
            arf_get_fmpz_2exp(&man, &exp, &x.pointee.mid)
            guard fmpz_fits_si(&exp) != 0 else { return nil }
            let e = fmpz_get_si(&exp)
            guard e.magnitude <= 1 << 16, let text = fmpz_get_str(nil, 10, &man) else { return nil }
            defer { flint_free(text) }
            guard let m = BigInt(String(cString: text)), let scale = try? BigInt(1).shifted(by: abs(e)) else { return nil }
            return e >= 0 ? Rational(m * scale) : try? Rational(m, scale)
        }
        guard let re = exact(ans_acb_real(raw)), let im = exact(ans_acb_imag(raw)) else { return nil }
        return (re, im)
    }

    /// The ball grown by `error` (in absolute value) in both parts: a measured value's uncertainty.
    public func widened(by error: Rational, precision: Int) -> ComplexBall {
        let r = copy()
        let e = ComplexBall(error.signum < 0 ? -error : error, precision: precision)
        withExtendedLifetime(e) { acb_add_error_arb(r.raw, ans_acb_real(e.raw)) }
        return r
    }

    /// `self / other`.
    public func divided(by other: ComplexBall, precision: Int) -> ComplexBall {
        let r = ComplexBall()
        acb_div(r.raw, raw, other.raw, precision)
        return r
    }

    /// `self - other`.
    public func minus(_ other: ComplexBall, precision: Int) -> ComplexBall {
        let r = ComplexBall()
        acb_sub(r.raw, raw, other.raw, precision)
        return r
    }
}

/// Evaluates an expression in complex ball arithmetic (Arb) at a point: every symbol, constant
/// read by name and unit gets its value from `value`. Logarithms, roots and non-integer powers
/// take their principal branches, as the simplifier's rules assume for complex symbols. The
/// result is a ball that provably contains the exact value; a point where the expression is not
/// defined (a pole, log 0, a ball of infinite radius) is `.undefined`.
public enum BallEvaluation {
    public enum Failure: Error, Sendable {
        /// Not defined at this point (division by zero, log 0, 0 to a negative power) or not
        /// computable there in balls (a ball straddling a branch cut).
        case undefined(String)
        /// Something with no numeric value here: a user function, a relation, a name without a value.
        case unsupported(String)

        var message: String { switch self { case let .undefined(m), let .unsupported(m): return m } }
        var isUndefined: Bool { if case .undefined = self { return true } else { return false } }
    }

    public static func evaluate(_ e: Expr, precision: Int, budget: Budget = .unlimited,
                                value: @escaping @Sendable (Expr) -> ComplexBall?) throws -> ComplexBall {
        do {
            return try LargeStack.run(ifDeeperThan: e.depth) {
                var walker = Walker(precision: precision, budget: budget, value: value)
                do { return try walker.eval(e) } catch let failure as Failure {
                    throw Diagnostic(.eval, failure.message, hint: failure.isUndefined ? "undefined" : "unsupported")
                }
            }
        } catch let d as Diagnostic where d.kind == .eval && (d.hint == "undefined" || d.hint == "unsupported") {
            // (a failure crosses the large-stack thread as a diagnostic)
            throw d.hint == "undefined" ? Failure.undefined(d.message) : Failure.unsupported(d.message)
        }
    }

    struct Walker {
        let precision: Int
        let budget: Budget
        let value: @Sendable (Expr) -> ComplexBall?
        var cache: [Expr: ComplexBall] = [:]

        init(precision: Int, budget: Budget, value: @escaping @Sendable (Expr) -> ComplexBall?) {
            self.precision = precision
            self.budget = budget
            self.value = value
        }

        func finite(_ z: ComplexBall, _ what: @autoclosure () -> String) throws -> ComplexBall {
            guard z.isFinite else { throw Failure.undefined(what()) }
            return z
        }

        func number(_ n: Number) -> ComplexBall {
            switch n {
            case let .rational(q): return ComplexBall(q, precision: precision)
            case let .float(f):
                let z = ComplexBall()
                f.withMPFR { ans_acb_set_mpfr(z.raw, $0) }
                return z
            }
        }

        mutating func eval(_ e: Expr) throws -> ComplexBall {
            if let known = cache[e] { return known }
            try budget.spend(1, doing: "evaluating in ball arithmetic")
            let z = try evalHere(e)
            cache[e] = z
            return z
        }

        mutating func evalHere(_ e: Expr) throws -> ComplexBall {
            let p = precision
            switch e.kind {
            case let .number(n):
                return number(n)
            case .symbol, .unit:
                guard let v = value(e) else { throw Failure.unsupported("no value for '\(e)'") }
                return v
            case let .constant(c):
                if let v = value(e) { return v }
                let z = ComplexBall()
                switch c {
                case .pi: acb_const_pi(z.raw, p)
                case .e: acb_one(z.raw); acb_exp(z.raw, z.raw, p)
                case .i: acb_onei(z.raw)
                }
                return z
            case let .add(constant, terms):
                let sum = number(constant)
                for term in terms {
                    let t = try eval(term.expr), c = number(term.coefficient)
                    withExtendedLifetime((t, c)) { acb_addmul(sum.raw, t.raw, c.raw, p) }
                }
                return try finite(sum, "a sum is not finite")
            case let .mul(coefficient, factors):
                let product = number(coefficient)
                for factor in factors {
                    let f = try power(try eval(factor.base), factor.exponent)
                    withExtendedLifetime(f) { acb_mul(product.raw, product.raw, f.raw, p) }
                }
                return try finite(product, "a product is not finite")
            case let .pow(base, exponent):
                return try power(try eval(base), exponent)
            case let .function(.builtin(f), args):
                return try function(f, args)
            case let .function(.user(name), _):
                throw Failure.unsupported("the function \(name) has no numeric value")
            case .relation:
                throw Failure.unsupported("a relation has no numeric value")
            }
        }

        /// `base^exponent`, principal branch: exact integer powers; square roots by `acb_sqrt`;
        /// other exponents as exp(exponent·log base).
        mutating func power(_ base: ComplexBall, _ exponent: Expr) throws -> ComplexBall {
            let p = precision
            let r = ComplexBall()
            if let q = exponent.rationalValue {
                if q.isInteger {
                    if q.signum < 0 && base.containsZero { throw Failure.undefined("division by zero") }
                    guard let k = q.numerator.intValue, k.magnitude <= 1 << 20 else {
                        throw Failure.unsupported("the exponent \(q) is too large to evaluate")
                    }
                    acb_pow_si(r.raw, base.raw, k, p)
                    return try finite(r, "a power is not finite")
                }
                if acb_is_zero(base.raw) != 0 {
                    guard q.signum > 0 else { throw Failure.undefined("0 to a negative power") }
                    return r  // 0
                }
                let half = q.denominator == BigInt(2) && q.numerator.magnitude.isOne
                if half && q.signum > 0 {
                    acb_sqrt(r.raw, base.raw, p)
                    return try finite(r, "a square root is not defined in balls here (a branch cut)")
                }
                if half {
                    acb_rsqrt(r.raw, base.raw, p)
                    return try finite(r, "a square root is not defined in balls here (a branch cut)")
                }
            }
            let y = try eval(exponent)
            if acb_is_zero(base.raw) != 0 {
                // 0^y = 0 for Re y > 0, undefined otherwise
                guard arb_is_positive(ans_acb_real(y.raw)) != 0 else { throw Failure.undefined("0 to a power whose real part is not positive") }
                return r
            }
            if base.containsZero { throw Failure.undefined("a power of a base that may be zero") }
            withExtendedLifetime(y) { acb_pow(r.raw, base.raw, y.raw, p) }
            return try finite(r, "a power is not defined in balls here (a branch cut)")
        }

        /// f(args) by the catalog's Arb kernel.
        mutating func function(_ f: BuiltinFunction, _ args: [Expr]) throws -> ComplexBall {
            guard args.count == f.arity else { throw Failure.unsupported("\(f.name) takes \(f.arity) argument(s)") }
            let xs = try args.map { try eval($0) }
            // the kernel reads an array of acb_struct: copy the arguments' structs (shallow,
            // owned by `xs`, kept alive until the call returns)
            let r = ComplexBall()
            let status = withExtendedLifetime(xs) { () -> Int32 in
                var structs = xs.map { $0.raw.pointee }
                return structs.withUnsafeMutableBufferPointer { buffer in
                    ans_fn_acb(Int32(f.entry.kernel), UnsafeMutableRawPointer(r.raw), UnsafeRawPointer(buffer.baseAddress), buffer.count, precision)
                }
            }
            switch KernelOutcome(rawValue: status) ?? .badKernel {
            case .ok: return r
            case .undefined: throw Failure.undefined("\(f.name) is not finite or not defined here")
            case .unsupported: throw Failure.unsupported("\(f.name) is not defined for these arguments (\(f.entry.realDomain) for real ones)")
            case .tooCostly: throw Failure.unsupported("\(f.name) is not computed for \(f.entry.costLimit): its cost grows past any budget there")
            default: throw Failure.unsupported("\(f.name) could not be evaluated here")
            }
        }
    }
}
