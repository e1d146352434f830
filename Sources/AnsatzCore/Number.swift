import AnsatzNumbers

/// A numeric leaf of an expression: exact (`Rational`) unless the user asked for floating point.
///
/// Mixed arithmetic follows the usual contagion rule: an exact number meeting a float becomes a float
/// at the float's precision.
public enum Number: Hashable, Sendable {
    case rational(Rational)
    case float(BigFloat)

    public static let zero = Number.rational(.zero)
    public static let one = Number.rational(.one)
    public static let minusOne = Number.rational(.minusOne)

    public var isZero: Bool {
        switch self {
        case let .rational(r): return r.isZero
        case let .float(f): return f.isZero
        }
    }

    /// Exactly one (a float 1.0 is not: it carries a precision).
    public var isOne: Bool { if case let .rational(r) = self { return r.isOne } else { return false } }

    public var rational: Rational? { if case let .rational(r) = self { return r } else { return nil } }

    /// -1, 0, 1 (0 also for NaN).
    public var signum: Int {
        switch self {
        case let .rational(r): return r.signum
        case let .float(f): return f.signum
        }
    }

    public var isNegative: Bool { signum < 0 }

    public var doubleValue: Double {
        switch self {
        case let .rational(r): return r.doubleValue
        case let .float(f): return f.doubleValue
        }
    }

    func asFloat(precision: Int) -> BigFloat? {
        switch self {
        case let .float(f): return f
        case let .rational(r): return try? BigFloat(r, precision: precision)
        }
    }

    public static prefix func - (a: Number) -> Number {
        switch a {
        case let .rational(r): return .rational(-r)
        case let .float(f): return .float(-f)
        }
    }

    public static func + (a: Number, b: Number) -> Number {
        if case let .rational(x) = a, case let .rational(y) = b { return .rational(x + y) }  // no tuple copy
        switch (a, b) {
        case let (.rational(x), .rational(y)): return .rational(x + y)
        case let (.float(x), _): return b.asFloat(precision: x.precision).map { .float(x + $0) } ?? a
        case let (_, .float(y)): return a.asFloat(precision: y.precision).map { .float($0 + y) } ?? b
        }
    }

    public static func * (a: Number, b: Number) -> Number {
        if case let .rational(x) = a, case let .rational(y) = b { return .rational(x * y) }  // no tuple copy
        switch (a, b) {
        case let (.rational(x), .rational(y)): return .rational(x * y)
        case let (.float(x), _): return b.asFloat(precision: x.precision).map { .float(x * $0) } ?? a
        case let (_, .float(y)): return a.asFloat(precision: y.precision).map { .float($0 * y) } ?? b
        }
    }

    /// -1, 0, 1 by value; exact rationals sort before an equal float, NaN sorts last.
    static func compare(_ a: Number, _ b: Number) -> Int {
        // the exact case without the copies a switch over the tuple (a, b) makes
        if case let .rational(x) = a, case let .rational(y) = b { return Rational.compare(x, y) }
        switch (a, b) {
        case let (.rational(x), .rational(y)):
            return Rational.compare(x, y)
        case let (.float(x), .float(y)):
            if let c = BigFloat.compare(x, y), c != 0 { return c }
            if x.isNaN != y.isNaN { return x.isNaN ? 1 : -1 }
            return x.precision < y.precision ? -1 : (x.precision == y.precision ? 0 : 1)
        case let (.rational(x), .float(y)):
            guard let yq = y.exactRational else { return y.isNaN || y.signum > 0 ? -1 : 1 }
            let c = Rational.compare(x, yq)
            return c == 0 ? -1 : c
        case (.float, .rational):
            return -compare(b, a)
        }
    }
}
