import CFunctions

/// The built-in functions: the keys of the function catalog (`BuiltinFunction.entry`), where each
/// one's names, arity, LaTeX form, real domain, exact values, derivative and numeric kernel live.
/// `sqrt` is not among them: `sqrt(x)` is `x^(1/2)`, the principal root. `cbrt` is the real cube
/// root (`cbrt(-8) = -2`), which is what physicists mean by it.
public enum BuiltinFunction: UInt8, Hashable, Sendable, CaseIterable {
    case sin, cos, tan, cot, sec, csc
    case asin, acos, atan, atan2
    case sinh, cosh, tanh, asinh, acosh, atanh
    case exp, log, log10, cbrt, abs, sign
    case gamma, loggamma, digamma, polygamma, beta, factorial, binomial
    case zeta, hurwitzZeta, polylog
    case erf, erfc, erfi
    case besselj, bessely, besseli, besselk
    case expint, ei, ellipticK, ellipticE, lambertw
    case heaviside, diracDelta
    case re, im, conjugate, arg

    /// The catalog entry: everything the engine knows about the function.
    public var entry: FunctionEntry { FunctionCatalog.table[Int(rawValue)] }

    /// The canonical name, as printed (`zeta` for both the Riemann and the Hurwitz zeta).
    public var name: String { entry.name }
    public var arity: Int { entry.arity }
}

extension BuiltinFunction {
    /// The function a plain name denotes with this many arguments (`zeta(s)` and `zeta(s, a)`
    /// are two functions), with any arguments the name fixes (`Li2(x)` is `polylog(2, x)`).
    public static func named(_ name: String, arguments: Int) -> (function: BuiltinFunction, leading: [Expr])? {
        guard let spellings = FunctionCatalog.spellings[name] else { return nil }
        return spellings.first { $0.function.arity == arguments + $0.leading.count }.map { ($0.function, $0.leading) }
    }

    /// Is `name` a plain spelling of a built-in function (with some number of arguments)?
    public static func isName(_ name: String) -> Bool { FunctionCatalog.spellings[name] != nil }

    /// The arities a name takes, for arity errors: [1, 2] for zeta.
    public static func arities(of name: String) -> [Int] {
        Array(Set((FunctionCatalog.spellings[name] ?? []).map { $0.function.arity - $0.leading.count })).sorted()
    }

    /// Is `name` also a Greek letter's name (gamma, beta, zeta) or a common symbol (Re, the
    /// Reynolds number; im)? Then it is the function only when called, `gamma(x)`, and the
    /// symbol otherwise.
    public static func isAlsoLetter(_ name: String) -> Bool { Greek.canonical(name) != nil || symbolNames.contains(name) }

    static let symbolNames: Set<String> = ["re", "im", "Re", "Im", "arg", "conj"]

    /// The built-in names, for hints: "sin cos tan ... sqrt".
    public static var namesForHints: String {
        var seen = Set<String>()
        return (allCases.map(\.name).filter { seen.insert($0).inserted } + ["sqrt"]).joined(separator: " ")
    }

    /// Functions people write that are not built in (yet), by name: a call to one is refused as
    /// unsupported, with what it is, rather than read as a product or an unknown declaration.
    /// A name that is ambiguous between notations (Γ(s), a width; θ(x), a step or an angle) is
    /// here with the spelling to use.
    public static let knownUnsupported: [String: String] = [
        "Gamma": "the gamma function or a function Γ of your own (a width Γ(s)); for the gamma function write gamma(x)",
        "hyp2f1": "a hypergeometric function", "hyp1f1": "a hypergeometric function",
        "floor": "the floor function", "ceil": "the ceiling function", "ceiling": "the ceiling function",
        "max": "the maximum", "min": "the minimum", "mod": "the remainder",
        "theta": "the Heaviside step or a function θ of your own; for the step write heaviside(x)",
        "delta": "the Dirac or Kronecker delta; for the Dirac delta write dirac_delta(x)",
        "KroneckerDelta": "the Kronecker delta",
        "Si": "the sine integral", "Ci": "the cosine integral", "li": "the logarithmic integral",
        "log2": "the base-2 logarithm", "exp2": "the power of 2", "expm1": "exp(x) - 1", "log1p": "log(1 + x)",
        "sinc": "sin(x)/x", "hypot": "the hypotenuse", "psi": "the digamma function or a wave function ψ; for digamma write digamma(x), polygamma(n, x)",
        "spence": "SciPy's spence(z), which is Li2(1 - z); write polylog(2, 1 - z)",
    ]
}

/// A function head: built in, or declared by the user (`f(x)` with `f` declared a function).
public enum FunctionName: Hashable, Sendable {
    case builtin(BuiltinFunction)
    case user(String)

    public var name: String {
        switch self {
        case let .builtin(f): return f.name
        case let .user(n): return n
        }
    }
}
