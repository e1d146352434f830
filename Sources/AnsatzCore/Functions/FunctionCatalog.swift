import CFunctions

/// One built-in function, whole: adding a function is one `FunctionEntry` in
/// `ElementaryFunctions.swift` or `SpecialFunctions.swift`, a case in `BuiltinFunction`, and
/// its kernel in `Sources/CFunctions` (the compiler then points at the batch compiler's switch,
/// which picks a vectorised libm loop where there is one).
public struct FunctionEntry: Sendable {
    public let function: BuiltinFunction
    /// The canonical spelling, as printed (SymPy's, where SymPy has the function).
    public let name: String
    public let arity: Int
    /// What it is, in words: "the gamma function Γ(x)".
    public let about: String
    /// Other plain spellings read as this function (mpmath's, SciPy's, C's), some fixing leading
    /// arguments (`Li2(x)` is `polylog(2, x)`).
    public let aliases: [FunctionAlias]
    public let latex: LaTeXForm
    /// Where the function is real for real arguments, in words, for documentation and hints.
    public let realDomain: String
    /// The kernel id in `Sources/CFunctions` (Arb's complex balls at any precision, doubles in batch).
    public let kernel: Int32
    /// Known to be real for these arguments, wherever defined (poles aside).
    let isReal: @Sendable ([Expr]) -> Bool
    /// Known to be positive for these arguments.
    let isPositive: @Sendable ([Expr]) -> Bool
    /// ∂f/∂(argument i) for each argument, nil where no closed form is known (the order of a
    /// Bessel function); a partial by an argument that does not vary is never asked for.
    let partials: @Sendable ([Expr]) -> [Expr?]
    /// The exact value at these arguments when it is a theorem for them (`gamma(5) = 24`,
    /// `zeta(2) = pi^2/6`), or nil: the call stays as it is.
    let values: @Sendable ([Expr]) -> Expr?

    /// Real-linear (re, im, conjugate): d f(u) = f(du) by a real variable, where no complex
    /// derivative exists.
    public var isRealLinear: Bool { [.re, .im, .conjugate].contains(function) }

    /// Known to be real for these arguments (wherever defined).
    public func isKnownReal(_ args: [Expr]) -> Bool { args.count == arity && isReal(args) }
    /// Known to be positive for these arguments.
    public func isKnownPositive(_ args: [Expr]) -> Bool { args.count == arity && isPositive(args) }
    /// ∂f/∂args[i] for each i (nil: not known in closed form).
    public func partialDerivatives(_ args: [Expr]) -> [Expr?] {
        guard args.count == arity else { return args.map { _ in nil } }
        return partials(args)
    }
    /// The exact value at `args`, when there is one.
    public func exactValue(_ args: [Expr]) -> Expr? { args.count == arity ? values(args) : nil }
    /// A special function (Γ, ζ, erf, Bessel ...): valued by its Arb kernel, not by MPFR or libm.
    public var isSpecial: Bool { kernel >= ANS_FN_GAMMA }
    /// Every plain spelling: the name first.
    public var spellings: [String] { [name] + aliases.map(\.name) }
}

/// A plain spelling other than the canonical name.
public struct FunctionAlias: Sendable {
    public let name: String
    /// Arguments the spelling fixes, put before the written ones: Li2(x) is polylog(2, x).
    public let leading: [Expr]

    public init(_ name: String, leading: [Expr] = []) {
        self.name = name
        self.leading = leading
    }
}

/// How a function is written in LaTeX.
public enum LaTeXForm: Sendable {
    /// A TeX operator command, read with or without parentheses: `\sin x`, `\sinh(x)`. The
    /// parser also reads the plain names and aliases as commands (`\arcsin`, `\atan`).
    case command(String)
    /// `\operatorname{X}(args)` with X a glyph (`\Gamma`) or a name (`erf`); the parser reads
    /// X and every plain spelling inside `\operatorname{}`.
    case operatorName(String)
    /// Its own notation, printed by the LaTeX printer: |x|, e^{x}, \log_{10}, \sqrt[3]{}.
    case notation
}

public enum FunctionCatalog {
    /// Every entry, indexed by `BuiltinFunction.rawValue`.
    static let table: [FunctionEntry] = {
        var byFunction: [BuiltinFunction: FunctionEntry] = [:]
        for e in elementaryEntries + specialEntries + complexEntries { byFunction[e.function] = e }
        return BuiltinFunction.allCases.map { byFunction[$0] ?? missing($0) }
    }()

    /// The entries, in the enum's order.
    public static var all: [FunctionEntry] { table }

    /// Plain spelling → the functions it names (several when arities differ: zeta).
    static let spellings: [String: [(function: BuiltinFunction, leading: [Expr])]] = {
        var result: [String: [(function: BuiltinFunction, leading: [Expr])]] = [:]
        for e in table {
            result[e.name, default: []].append((e.function, []))
            for a in e.aliases { result[a.name, default: []].append((e.function, a.leading)) }
        }
        return result
    }()

    /// What `\operatorname{X}` prints for functions whose X is not a plain spelling (`\Gamma`,
    /// `B`, `K`), by X.
    static let glyphs: [String: [BuiltinFunction]] = {
        var result: [String: [BuiltinFunction]] = [:]
        for e in table {
            if case let .operatorName(g) = e.latex, spellings[g] == nil { result[g, default: []].append(e.function) }
        }
        return result
    }()

    /// The functions an X of `\operatorname{X}` that is not a plain spelling names (`\Gamma` →
    /// gamma, `\zeta` → the two zetas), or [].
    public static func functions(forGlyph glyph: String) -> [BuiltinFunction] { glyphs[glyph] ?? [] }

    /// A placeholder that only a missing entry would produce; CatalogTests checks there is none.
    static func missing(_ f: BuiltinFunction) -> FunctionEntry {
        FunctionEntry(function: f, name: "missing_\(f.rawValue)", arity: 1, about: "", aliases: [], latex: .notation,
                      realDomain: "", kernel: 0, isReal: { _ in false }, isPositive: { _ in false },
                      partials: { $0.map { _ in nil } }, values: { _ in nil })
    }

    /// LaTeX commands read as functions (`\\sin`, `\\arcsin`, `\\atan2`): the elementary
    /// functions' spellings. The special functions are read inside `\\operatorname{}` only
    /// (`\\gamma` and `\\beta` are letters).
    static let latexCommands: [String: BuiltinFunction] = {
        var result: [String: BuiltinFunction] = [:]
        for e in table {
            if !e.isSpecial { for name in e.spellings { result[name] = e.function } }
            if case let .command(c) = e.latex { result[c] = e.function }  // \Re, \Im too
        }
        return result
    }()

    /// The function a LaTeX command names, or nil.
    public static func latexCommand(_ name: String) -> BuiltinFunction? { latexCommands[name] }

    /// The function a bare LaTeX word names (`sin x`, `arcsin`): the elementary functions'
    /// spellings only; `Re` in a formula is the Reynolds number (write \Re for the real part).
    public static func latexWord(_ name: String) -> BuiltinFunction? {
        guard let f = latexCommands[name], !f.entry.isSpecial else { return nil }
        return f
    }

    /// The functions a plain spelling denotes, for documentation: "zeta" → [zeta, hurwitzZeta].
    public static func functions(spelled name: String) -> [BuiltinFunction] { (spellings[name] ?? []).map(\.function) }
}

// MARK: - Helpers for the entries

extension FunctionEntry {
    /// An entry of one argument.
    static func unary(_ f: BuiltinFunction, _ name: String, _ about: String, aliases: [String] = [], latex: LaTeXForm,
                      domain: String, kernel: Int, real: @escaping @Sendable (Expr) -> Bool = { _ in false },
                      positive: @escaping @Sendable (Expr) -> Bool = { _ in false },
                      derivative: @escaping @Sendable (Expr) -> Expr?,
                      values: @escaping @Sendable (Expr) -> Expr? = { _ in nil }) -> FunctionEntry {
        FunctionEntry(function: f, name: name, arity: 1, about: about, aliases: aliases.map { FunctionAlias($0) }, latex: latex,
                      realDomain: domain, kernel: Int32(kernel), isReal: { real($0[0]) }, isPositive: { positive($0[0]) },
                      partials: { [derivative($0[0])] }, values: { values($0[0]) })
    }

    /// An entry of two arguments.
    static func binary(_ f: BuiltinFunction, _ name: String, _ about: String, aliases: [FunctionAlias] = [], latex: LaTeXForm,
                       domain: String, kernel: Int, real: @escaping @Sendable (Expr, Expr) -> Bool = { _, _ in false },
                       positive: @escaping @Sendable (Expr, Expr) -> Bool = { _, _ in false },
                       partials: @escaping @Sendable (Expr, Expr) -> (Expr?, Expr?),
                       values: @escaping @Sendable (Expr, Expr) -> Expr? = { _, _ in nil }) -> FunctionEntry {
        FunctionEntry(function: f, name: name, arity: 2, about: about, aliases: aliases, latex: latex,
                      realDomain: domain, kernel: Int32(kernel), isReal: { real($0[0], $0[1]) }, isPositive: { positive($0[0], $0[1]) },
                      partials: { let (a, b) = partials($0[0], $0[1]); return [a, b] }, values: { values($0[0], $0[1]) })
    }
}
