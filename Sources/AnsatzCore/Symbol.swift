/// What is known about a symbol's values. Assumptions guard every rewrite that needs them
/// (`sqrt(x^2) = x` only for `nonnegative` x). Stronger facts imply weaker ones: the set is always
/// stored closed under implication, so `positive` also answers `real`, `nonnegative` and `nonzero`.
public struct Assumptions: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let real = Assumptions(rawValue: 1 << 0)
    public static let positive = Assumptions(rawValue: 1 << 1)
    public static let nonnegative = Assumptions(rawValue: 1 << 2)
    public static let integer = Assumptions(rawValue: 1 << 3)
    public static let nonzero = Assumptions(rawValue: 1 << 4)

    /// Names as used in the input languages and the JSON AST, in a fixed order.
    public static let names: [(String, Assumptions)] = [
        ("real", .real), ("positive", .positive), ("nonnegative", .nonnegative),
        ("integer", .integer), ("nonzero", .nonzero),
    ]

    public init?(name: String) {
        guard let match = Self.names.first(where: { $0.0 == name }) else { return nil }
        self = match.1
    }

    /// The set with everything it implies added.
    public var closed: Assumptions {
        var a = self
        if a.contains(.positive) { a.formUnion([.real, .nonnegative, .nonzero]) }
        if a.contains(.nonnegative) || a.contains(.integer) { a.insert(.real) }
        return a
    }

    public var nameList: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}

/// A named variable. The name is the canonical spelling of the plain syntax (`m_t`, `alpha`,
/// `\tilde{m}_{1}`); two symbols are the same when names and assumptions are.
public struct Symbol: Hashable, Sendable {
    public let name: String
    public let assumptions: Assumptions

    public init(_ name: String, assumptions: Assumptions = []) {
        self.name = name
        self.assumptions = assumptions.closed
    }
}

/// Mathematical constants. Euler's number is written exp(1) (or \mathrm{e}); the letters `E`
/// (an energy) and `e` (the electron charge) stay ordinary symbols, and `i` an ordinary symbol
/// (an index) unless complex mode is asked for. The raw value is the JSON AST's name.
public enum Constant: String, Hashable, Sendable, CaseIterable {
    case pi
    case e = "E"
    case i = "I"
}

/// A node's relation operator.
public enum Relation: String, Hashable, Sendable, CaseIterable {
    case equal = "="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}
