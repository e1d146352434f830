/// A half-open range of Unicode scalar offsets into the input (the indexing Python and most JSON
/// consumers use for strings).
public struct SourceSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }
}

/// Every diagnostic code, one case each: control flow switches on these (a typo does not
/// compile); the raw value is the stable string in output and in Docs/diagnostics.md, which a
/// test holds to this list.
public enum DiagnosticCode: String, CaseIterable, Hashable, Sendable {
    case apart = "E-APART"
    case argsMissing = "E-ARGS-MISSING"
    case argsType = "E-ARGS-TYPE"
    case argsUnknown = "E-ARGS-UNKNOWN"
    case argsValue = "E-ARGS-VALUE"
    case budget = "E-BUDGET"
    case cancelled = "E-CANCELLED"
    case csv = "E-CSV"
    case derivation = "E-DERIVATION"
    case diff = "E-DIFF"
    case dimension = "E-DIMENSION"
    case dimensionUndeclared = "E-DIMENSION-UNDECLARED"
    case divisionByZero = "E-DIVISION-BY-ZERO"
    case eval = "E-EVAL"
    case evalDomain = "E-EVAL-DOMAIN"
    case evalOverflow = "E-EVAL-OVERFLOW"
    case evalUnderflow = "E-EVAL-UNDERFLOW"
    case internalError = "E-INTERNAL"
    case json = "E-JSON"
    case jsonAst = "E-JSON-AST"
    case limit = "E-LIMIT"
    case limitInput = "E-LIMIT-INPUT"
    case limitResult = "E-LIMIT-RESULT"
    case limitValue = "E-LIMIT-VALUE"
    case matrix = "E-MATRIX"
    case integrate = "E-INTEGRATE"
    case parseAmbiguous = "E-PARSE-AMBIGUOUS"
    case parseArity = "E-PARSE-ARITY"
    case parseCharacter = "E-PARSE-CHARACTER"
    case parseDepth = "E-PARSE-DEPTH"
    case parseDerivative = "E-PARSE-DERIVATIVE"
    case parseEmpty = "E-PARSE-EMPTY"
    case parseIndex = "E-PARSE-INDEX"
    case parseMissingOperand = "E-PARSE-MISSING-OPERAND"
    case parseNumber = "E-PARSE-NUMBER"
    case parseRelation = "E-PARSE-RELATION"
    case parseUnclosed = "E-PARSE-UNCLOSED"
    case parseUnexpected = "E-PARSE-UNEXPECTED"
    case parseUnknownCommand = "E-PARSE-UNKNOWN-COMMAND"
    case parseUnknownFunction = "E-PARSE-UNKNOWN-FUNCTION"
    case parseUnknownUnit = "E-PARSE-UNKNOWN-UNIT"
    case parseUnmatched = "E-PARSE-UNMATCHED"
    case parseUnsupported = "E-PARSE-UNSUPPORTED"
    case parseUnsupportedFunction = "E-PARSE-UNSUPPORTED-FUNCTION"
    case rules = "E-RULES"
    case series = "E-SERIES"
    case solve = "E-SOLVE"
    case subsKey = "E-SUBS-KEY"
    case surrogate = "E-SURROGATE"
    case toolUnknown = "E-TOOL-UNKNOWN"
    case unitOffset = "E-UNIT-OFFSET"
    case unitUnknown = "E-UNIT-UNKNOWN"
    case unitsDeclaration = "E-UNITS-DECLARATION"
    case warningCancelled = "W-CANCELLED"
    case warningDiffCondition = "W-DIFF-CONDITION"
    case warningEvalPrecision = "W-EVAL-PRECISION"
    case warningEvalUnsettled = "W-EVAL-UNSETTLED"
    case warningEvalUnproven = "W-EVAL-UNPROVEN"
    case warningUnchecked = "W-UNCHECKED"
    case warningNaturalUnits = "W-NATURAL-UNITS"
    case warningParseESymbol = "W-PARSE-E-SYMBOL"
    case warningParseEuler = "W-PARSE-EULER"
    case warningParseGreekWord = "W-PARSE-GREEK-WORD"
    case warningParseItalicUnit = "W-PARSE-ITALIC-UNIT"
    case warningParseUnit = "W-PARSE-UNIT"
    case warningResultLarge = "W-RESULT-LARGE"
    case warningSurrogateRange = "W-SURROGATE-RANGE"
    case warningUnitsAmbiguous = "W-UNITS-AMBIGUOUS"

    /// A budget or size limit ran out (exit 3, stop_reason "budget").
    public var isBudgetOrLimit: Bool { self == .budget || self == .limit || self == .limitInput || self == .limitResult }
    /// A problem reading the input text (E-PARSE-...).
    public var isParse: Bool { rawValue.hasPrefix("E-PARSE") }
}
/// A user-facing problem, as data: a stable code an agent can switch on, a message saying what was
/// expected, where in the input, and how to fix it. One renderer draws it for humans.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var kind: DiagnosticCode
    /// The stable code, as output shows it (`E-PARSE-UNEXPECTED`).
    public var code: String { kind.rawValue }
    public var message: String
    public var span: SourceSpan?
    public var hint: String?
    public var severity: Severity

    public init(_ kind: DiagnosticCode, _ message: String, span: SourceSpan? = nil, hint: String? = nil, severity: Severity = .error) {
        self.kind = kind
        self.message = message
        self.span = span
        self.hint = hint
        self.severity = severity
    }

    public var description: String { "\(severity.rawValue)[\(code)]: \(message)" }

    /// The diagnostic with the offending line of `source` and a caret under the span:
    ///
    ///     error[E-PARSE-UNEXPECTED]: expected an operand after '+'
    ///       |
    ///     1 | x + * y
    ///       |     ^
    ///       = hint: ...
    public func rendered(source: String) -> String {
        var out = "\(severity.rawValue)[\(code)]: \(message)\n"
        if let span {
            let scalars = Array(source.unicodeScalars)
            let start = min(span.start, scalars.count)
            var lineStart = start
            while lineStart > 0 && scalars[lineStart - 1] != "\n" { lineStart -= 1 }
            var lineEnd = start
            while lineEnd < scalars.count && scalars[lineEnd] != "\n" { lineEnd += 1 }
            let lineNumber = scalars[..<lineStart].filter { $0 == "\n" }.count + 1
            // Keep very long lines readable: show a window around the error.
            let windowStart = max(lineStart, start - 60)
            let windowEnd = min(lineEnd, max(start, span.end) + 60)
            var line = String(String.UnicodeScalarView(scalars[windowStart..<windowEnd]))
            var column = start - windowStart
            if windowStart > lineStart { line = "…" + line; column += 1 }
            if windowEnd < lineEnd { line += "…" }
            let gutter = String(lineNumber)
            let pad = String(repeating: " ", count: gutter.count)
            let width = max(1, min(span.end, windowEnd) - start)
            out += "\(pad) |\n\(gutter) | \(line)\n\(pad) | " + String(repeating: " ", count: column) + String(repeating: "^", count: width) + "\n"
            if let hint { out += "\(pad) = hint: \(hint)\n" }
        } else if let hint {
            out += "  = hint: \(hint)\n"
        }
        return out
    }
}

/// Several diagnostics thrown together (the first is the one to fix first).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
