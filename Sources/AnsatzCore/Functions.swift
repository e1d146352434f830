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

extension BuiltinFunction {
    /// The built-in names, for hints: "sin cos tan ... sqrt".
    public static var namesForHints: String { (allCases.map(\.rawValue) + ["sqrt"]).joined(separator: " ") }

    /// Functions people write that are not built in (yet), by name: a call to one is refused as
    /// unsupported, with what it is, rather than read as a product or an unknown declaration.
    public static let knownUnsupported: [String: String] = [
        "zeta": "the Riemann zeta function", "gamma": "the gamma function", "Gamma": "the gamma function",
        "lgamma": "the log-gamma function", "loggamma": "the log-gamma function", "digamma": "the digamma function",
        "polygamma": "the polygamma function", "beta": "the beta function", "erf": "the error function",
        "erfc": "the complementary error function", "erfi": "the imaginary error function",
        "besselj": "a Bessel function", "bessely": "a Bessel function", "besseli": "a Bessel function",
        "besselk": "a Bessel function", "BesselJ": "a Bessel function", "jv": "a Bessel function", "kv": "a Bessel function",
        "polylog": "the polylogarithm", "Li2": "the dilogarithm", "dilog": "the dilogarithm",
        "factorial": "the factorial", "binomial": "the binomial coefficient", "comb": "the binomial coefficient",
        "ellipk": "a complete elliptic integral", "ellipe": "a complete elliptic integral", "hyp2f1": "a hypergeometric function",
        "floor": "the floor function", "ceil": "the ceiling function", "ceiling": "the ceiling function",
        "max": "the maximum", "min": "the minimum", "mod": "the remainder", "re": "the real part", "im": "the imaginary part",
        "Re": "the real part", "Im": "the imaginary part", "conj": "the complex conjugate", "arg": "the complex argument",
        "heaviside": "the Heaviside step", "Heaviside": "the Heaviside step", "theta": "the Heaviside step",
        "DiracDelta": "the Dirac delta", "delta": "the Dirac or Kronecker delta", "KroneckerDelta": "the Kronecker delta",
        "Ei": "the exponential integral", "Si": "the sine integral", "Ci": "the cosine integral", "li": "the logarithmic integral",
        "log2": "the base-2 logarithm", "exp2": "the power of 2", "expm1": "exp(x) - 1", "log1p": "log(1 + x)",
        "sinc": "sin(x)/x", "hypot": "the hypotenuse",
    ]
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
