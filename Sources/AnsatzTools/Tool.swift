import AnsatzCore

/// One argument of a tool. The same names mean the same thing in every tool, and the CLI's flags
/// are these names with `-` for `_` (`budget_ms` is `--budget-ms`).
public struct ToolArgument: Sendable {
    public enum Kind: Sendable, Equatable {
        case string(allowed: [String]?)
        case integer(minimum: Int, maximum: Int)
        case boolean
        case stringList
        /// `{"x": ["positive"], "n": ["integer", "nonzero"]}`
        case assumptionMap
        /// `{"x": "y + 1"}`: names or expressions to expressions
        case stringMap
        /// `{"m": [500, 1000], "r": [0.1, 0.2]}`: columns of numbers, all of one length, at most `maxPoints`
        case numberColumns(maxPoints: Int)
        /// Declarations as text, `'v: m/s, E: energy'`, or as an object, `{"v": "m/s", "E": "energy"}`
        /// (read as the text it stands for)
        case declarations
        /// A derivation: the documented object (Docs/verify.md), or text (a LaTeX aligned block,
        /// `=` lines, or the object as JSON text)
        case derivation
        /// A surrogate model: the documented object (Docs/surrogates.md), or its JSON text
        case model
    }

    public let name: String
    public let kind: Kind
    public let description: String
    public let required: Bool
    /// On the command line, a value `@PATH` is read from that file (rule files).
    public let acceptsFile: Bool

    /// The few words the compact schema (MCP `tools/list`) gives it, where the server's
    /// instructions already explain it (the shared arguments); nil: the full description.
    public let brief: String?

    public init(_ name: String, _ kind: Kind, _ description: String, required: Bool = false, acceptsFile: Bool = false,
                brief: String? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
        self.required = required
        self.acceptsFile = acceptsFile
        self.brief = brief
    }

    /// The JSON Schema of this argument, with the brief description.
    var compactSchema: JSONValue {
        guard case let .object(pairs) = schema else { return schema }
        guard let brief else { return schema }
        // a shared argument: its type (and choices) and the brief; bounds and item schemas are
        // checked all the same, and the server's instructions describe them
        // (the instructions give the choices of syntax and format)
        let kept = pairs.filter { $0.0 == "type" || ($0.0 == "enum" && name != "syntax" && name != "format") }
        return .object(brief.isEmpty ? kept : kept + [("description", .string(brief))])
    }

    /// The JSON Schema of this argument.
    var schema: JSONValue {
        var pairs: [(String, JSONValue)]
        switch kind {
        case let .string(allowed):
            pairs = [("type", .string("string"))]
            if let allowed { pairs.append(("enum", .array(allowed.map { .string($0) }))) }
        case let .integer(minimum, maximum):
            pairs = [("type", .string("integer")), ("minimum", .int(minimum)), ("maximum", .int(maximum))]
        case .boolean:
            pairs = [("type", .string("boolean"))]
        case .stringList:
            pairs = [("type", .string("array")), ("items", .object([("type", .string("string"))]))]
        case .stringMap:
            // values are expressions: strings, or numbers (read as the decimal they print as)
            pairs = [("type", .string("object")), ("additionalProperties", .object([("type", .array([.string("string"), .string("number")]))]))]
        case .declarations, .derivation, .model:
            pairs = [("type", .array([.string("string"), .string("object")]))]
        case .numberColumns:
            pairs = [("type", .string("object")),
                     ("additionalProperties", .object([("type", .string("array")), ("items", .object([("type", .string("number"))]))]))]
        case .assumptionMap:
            let names = Assumptions.names.map { JSONValue.string($0.0) }
            pairs = [("type", .string("object")),
                     ("additionalProperties", .object([("type", .string("array")),
                                                       ("items", .object([("type", .string("string")), ("enum", .array(names))]))]))]
        }
        pairs.append(("description", .string(description)))
        return .object(pairs)
    }
}

/// An input a tool's tests and docs use: valid ones must succeed, invalid ones must fail with `errorCode`.
public struct ToolExample: Sendable {
    public let arguments: JSONValue
    public let errorCode: String?

    public static func valid(_ arguments: JSONValue) -> ToolExample { ToolExample(arguments: arguments, errorCode: nil) }
    public static func invalid(_ arguments: JSONValue, _ code: DiagnosticCode) -> ToolExample { ToolExample(arguments: arguments, errorCode: code.rawValue) }
}

/// What a handler gets: validated arguments and the budget to run under.
public struct ToolCall: Sendable {
    public let arguments: [String: JSONValue]
    public let budget: Budget

    public func string(_ name: String) -> String? { arguments[name]?.stringValue }
    public func integer(_ name: String) -> Int? { arguments[name]?.intValue }
    public func bool(_ name: String) -> Bool? {
        if case let .bool(b)? = arguments[name] { return b }
        return nil
    }
    public func strings(_ name: String) -> [String] { arguments[name]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}

/// What a handler returns on success: the structured result (its `value` and other fields; the
/// registry adds `ok`, `stop_reason` and `elapsed_ms`) and the same result as plain text.
public struct ToolSuccess: Sendable {
    public var fields: [(String, JSONValue)]
    /// The result in the form the call asked for (what the command line prints).
    public var text: String
    /// Further lines for an agent's text content, such as the LaTeX of the result.
    public var detail: [String]
    public var warnings: [Diagnostic]
    /// For the command line: 1 when the answer is "no" (a dimension mismatch), else 0.
    public var exitCode: Int32

    public init(fields: [(String, JSONValue)], text: String, detail: [String] = [], warnings: [Diagnostic] = [],
                exitCode: Int32 = 0) {
        self.fields = fields
        self.text = text
        self.detail = detail
        self.warnings = warnings
        self.exitCode = exitCode
    }
}

/// An operation of Ansatz, as the CLI and the MCP server both offer it.
public struct Tool: Sendable {
    public let name: String
    public let title: String
    /// Written for a model: what it does, the input syntax, one example.
    public let description: String
    public let arguments: [ToolArgument]
    /// The schema of the tool's own result fields (inside `structuredContent`).
    public let resultFields: [(String, JSONValue)]
    public let examples: [ToolExample]
    /// Short names on the command line (`diff` for differentiate).
    public let aliases: [String]
    /// The arguments that take the command line's words after the expression, in order, the last
    /// one taking the rest (`ansatz diff EXPR x y` gives variables [x, y]; `ansatz limit EXPR x 0`
    /// gives variables [x] and point 0); without any, all the words form the expression.
    public let trailingArguments: [String]
    public var trailingArgument: String? { trailingArguments.first }
    /// Other spellings of flags on the command line (`--for` for `--variables` in solve).
    public let flagAliases: [String: String]
    public let handler: @Sendable (ToolCall) throws -> ToolSuccess

    public init(name: String, title: String, description: String, arguments: [ToolArgument],
                resultFields: [(String, JSONValue)], examples: [ToolExample],
                aliases: [String] = [], trailingArgument: String? = nil, trailingArguments: [String] = [],
                flagAliases: [String: String] = [:],
                handler: @escaping @Sendable (ToolCall) throws -> ToolSuccess) {
        self.aliases = aliases
        self.trailingArguments = trailingArgument.map { [$0] } ?? trailingArguments
        self.flagAliases = flagAliases
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
        self.resultFields = resultFields
        self.examples = examples
        self.handler = handler
    }

    /// JSON Schema of the arguments.
    public var inputSchema: JSONValue {
        .object([
            ("type", .string("object")),
            ("properties", .object(arguments.map { ($0.name, $0.schema) })),
            ("required", .array(arguments.filter(\.required).map { .string($0.name) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// The input schema as MCP clients get it: shared arguments in a few words (the server's
    /// instructions explain them once), so that the whole tool list stays small in a model's context.
    public var compactInputSchema: JSONValue {
        .object([
            ("type", .string("object")),
            ("properties", .object(arguments.map { ($0.name, $0.compactSchema) })),
            ("required", .array(arguments.filter(\.required).map { .string($0.name) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    /// The output schema as MCP clients get it: the envelope and this tool's fields with their
    /// types (the descriptions are in Docs/tools.md and `ansatz tools --json`).
    public var compactOutputSchema: JSONValue {
        func typeOnly(_ schema: JSONValue) -> JSONValue {
            guard let t = schema["type"] else { return .object([]) }
            return .object([("type", t)])
        }
        // the envelope (ok, stop_reason, elapsed_ms, warnings, error), always present, is in the
        // instructions (and in the full schema of Docs/tools.md)
        return .object([
            ("type", .string("object")),
            ("properties", .object(resultFields.map { ($0.0, typeOnly($0.1)) })),
        ])
    }

    /// JSON Schema of `structuredContent`: the common envelope and this tool's fields.
    public var outputSchema: JSONValue {
        .object([
            ("type", .string("object")),
            ("properties", .object([
                ("ok", .object([("type", .string("boolean")), ("description", .string("false when the call failed; then `error` says why"))])),
                ("stop_reason", .object([("type", .string("string")), ("enum", .array(["completed", "error", "budget"].map { .string($0) }))])),
                ("elapsed_ms", .object([("type", .string("number")), ("description", .string("server time spent on the call"))])),
                ("warnings", .object([("type", .string("array")), ("items", Schemas.diagnostic)])),
                ("error", Schemas.diagnostic),
            ] + resultFields)),
            ("required", .array(["ok", "stop_reason", "elapsed_ms"].map { .string($0) })),
        ])
    }
}

/// Schemas shared by tools.
public enum Schemas {
    public static let diagnostic: JSONValue = .object([
        ("type", .string("object")),
        ("description", .string("a problem with a stable code, a message, where in the argument it is, and how to fix it")),
        ("properties", .object([
            ("code", .object([("type", .string("string"))])),
            ("message", .object([("type", .string("string"))])),
            ("argument", .object([("type", .string("string")), ("description", .string("the argument the span points into"))])),
            ("span", .object([("type", .string("object")), ("properties", .object([
                ("start", .object([("type", .string("integer"))])), ("end", .object([("type", .string("integer"))])),
            ]))])),
            ("hint", .object([("type", .string("string"))])),
            ("severity", .object([("type", .string("string")), ("enum", .array([.string("error"), .string("warning")]))])),
        ])),
        ("required", .array([.string("code"), .string("message")])),
    ])

    /// A decimal value in the shape of an expression's: text and LaTeX.
    public static let decimal: JSONValue = .object([
        ("type", .string("object")),
        ("properties", .object([
            ("text", .object([("type", .string("string")), ("description", .string("the decimal, or a bound '|value| < 1e-N' when the digits did not settle"))])),
            ("latex", .object([("type", .string("string"))])),
        ])),
        ("required", .array([.string("text")])),
    ])

    /// `{"text": "6.241509074e18", "latex": "6.241509074 \\times 10^{18}"}`.
    public static func decimalValue(_ text: String) -> JSONValue {
        var latex = text.replacingOccurrences(of: "|value| < ", with: "|x| < ")
        if let e = latex.firstIndex(of: "e") {  // scientific: 6.2e18 is 6.2 \times 10^{18}, 1e-40 is 10^{-40}
            let mantissa = latex[..<e], exponent = latex[latex.index(after: e)...]
            let bare = mantissa == "1" || mantissa.hasSuffix("< 1")
            latex = (bare ? String(mantissa.dropLast()) : mantissa + " \\times ") + "10^{" + exponent + "}"
        }
        return .object([("text", .string(text)), ("latex", .string(latex))])
    }

    /// An expression in its three forms.
    public static let expression: JSONValue = .object([
        ("type", .string("object")),
        ("properties", .object([
            ("text", .object([("type", .string("string")), ("description", .string("canonical plain text; parses back to the same expression"))])),
            ("latex", .object([("type", .string("string")), ("description", .string("left out (with warning W-RESULT-LARGE) past 1 MiB of text"))])),
            ("ast", .object([("type", .string("object")), ("description", .string("JSON AST, see Docs/json-ast.md; left out like latex"))])),
        ])),
        ("required", .array([.string("text")])),
    ])
}

extension Diagnostic {
    /// The diagnostic as a JSON object; `argument` names the tool argument its span points into.
    public func json(argument: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("code", .string(code)), ("message", .string(message))]
        if let argument { pairs.append(("argument", .string(argument))) }
        if let span { pairs.append(("span", .object([("start", .int(span.start)), ("end", .int(span.end))]))) }
        if let hint { pairs.append(("hint", .string(hint))) }
        pairs.append(("severity", .string(severity.rawValue)))
        return .object(pairs)
    }
}
