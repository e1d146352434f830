/// The built-in functions. `sqrt` is not among them: `sqrt(x)` is `x^(1/2)`, the principal root.
/// `cbrt` is the real cube root (`cbrt(-8) = -2`), which is what physicists mean by it.
public enum BuiltinFunction: String, Hashable, Sendable, CaseIterable {
    case sin, cos, tan, cot, sec, csc
    case asin, acos, atan, atan2
    case sinh, cosh, tanh, asinh, acosh, atanh
    case exp, log, log10, cbrt, abs, sign

    public var arity: Int { self == .atan2 ? 2 : 1 }

    /// Accepted spellings, mapped to their canonical function. `log` is the natural logarithm.
    public static let aliases: [String: BuiltinFunction] = {
        var table: [String: BuiltinFunction] = [:]
        for f in allCases { table[f.rawValue] = f }
        table["ln"] = .log
        table["arcsin"] = .asin; table["arccos"] = .acos; table["arctan"] = .atan
        table["arsinh"] = .asinh; table["arcosh"] = .acosh; table["artanh"] = .atanh
        table["arcsinh"] = .asinh; table["arccosh"] = .acosh; table["arctanh"] = .atanh
        table["sgn"] = .sign
        return table
    }()
}

/// A function head: built in, or declared by the user (`f(x)` with `f` declared a function).
public enum FunctionName: Hashable, Sendable {
    case builtin(BuiltinFunction)
    case user(String)

    public var name: String {
        switch self {
        case let .builtin(f): return f.rawValue
        case let .user(n): return n
        }
    }
}
