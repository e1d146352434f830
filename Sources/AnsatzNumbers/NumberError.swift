import Foundation

/// Why an exact-number operation refused to run. Every case is a clear error the caller can report;
/// none of these operations traps or lets GMP abort the process.
public enum NumberError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Division or reduction by zero.
    case divisionByZero
    /// The result would need more bits than `NumberLimits.maxBits` (GMP would abort or exhaust memory).
    case tooLarge(operation: String, estimatedBits: Double)
    /// A string that is not a number in the expected syntax.
    case invalidLiteral(String)
    /// An MPFR precision outside `NumberLimits.minPrecision...NumberLimits.maxPrecision`.
    case invalidPrecision(Int)
    /// An argument outside the operation's domain (negative root of even degree, ...).
    case domain(String)

    public var description: String {
        switch self {
        case .divisionByZero:
            return "division by zero"
        case let .tooLarge(operation, bits):
            let shown = bits.isFinite ? String(format: "%.3g", bits) : "unbounded"
            return "\(operation) would need about \(shown) bits, over the limit of \(NumberLimits.maxBits) bits"
        case let .invalidLiteral(text):
            return "not a number: \(text.prefix(60))"
        case let .invalidPrecision(bits):
            return "precision \(bits) bits is outside \(NumberLimits.minPrecision)...\(NumberLimits.maxPrecision)"
        case let .domain(message):
            return message
        }
    }
}

/// Hard size limits, checked before GMP or MPFR is called.
public enum NumberLimits {
    /// Largest integer result, in bits (16 MiB of limbs). GMP itself aborts near 2^37 bits;
    /// long before that a server would stall, so we refuse at this size.
    public static let maxBits = 1 << 27
    /// MPFR precision bounds for `BigFloat`, in bits.
    public static let minPrecision = 2
    public static let maxPrecision = 1 << 24
}
