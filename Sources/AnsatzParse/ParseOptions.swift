import AnsatzCore

/// How to read an input. Every field has the default a physicist would expect.
public struct ParseOptions: Sendable {
    public enum Syntax: String, Sendable, CaseIterable {
        /// LaTeX when the input has `$`, `^{` or a LaTeX command other than a Greek letter or a
        /// decoration (those are plain syntax too); plain otherwise.
        case auto
        case plain
        case latex
    }

    public var syntax: Syntax = .auto
    /// Read `i` (and `I`) as the imaginary unit. Off by default: `i` is an index in most physics.
    public var complex = false
    /// Read decimals as MPFR floats of this many bits instead of exact rationals.
    public var floatPrecision: Int?
    /// Names to read as functions when followed by `(`: `f(x)` with `f` declared.
    public var functions: Set<String> = []
    /// Names to read as ordinary symbols where they would name a constant or a unit: `E` (else
    /// Euler's number in plain syntax) when it is declared an energy, `m` in `2m` when it is a mass.
    public var symbols: Set<String> = []
    /// Assumptions for named symbols (`x` positive, ...).
    public var assumptions: [String: Assumptions] = [:]
    /// Deepest nesting of brackets, signs and powers accepted.
    public var maxDepth = 256
    /// Largest input accepted, in bytes of UTF-8.
    public var maxInputBytes = 64 << 20
    /// Keep `SyntaxNote`s of the input as written (for checks that canonical forms would hide).
    public var recordSyntax = false

    public init(syntax: Syntax = .auto, complex: Bool = false, floatPrecision: Int? = nil,
                functions: Set<String> = [], assumptions: [String: Assumptions] = [:]) {
        self.syntax = syntax
        self.complex = complex
        self.floatPrecision = floatPrecision
        self.functions = functions
        self.assumptions = assumptions
    }
}

/// A parsed expression with what the parser noticed but did not refuse.
public struct ParseResult: Sendable {
    public var expr: Expr
    public var warnings: [Diagnostic]
    /// The syntax actually used (resolves `.auto`).
    public var syntax: ParseOptions.Syntax
    /// The input's sums, relations, powers and calls as written, innermost first; empty unless
    /// `ParseOptions.recordSyntax` was set.
    public var notes: [SyntaxNote] = []
}
