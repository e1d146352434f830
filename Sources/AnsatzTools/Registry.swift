import AnsatzCore
import AnsatzParse
import Foundation

/// A diagnostic about one argument of a call (its span points into that argument's text).
public struct ArgumentError: Error, Sendable {
    public let diagnostic: Diagnostic
    public let argument: String?

    public init(_ diagnostic: Diagnostic, argument: String?) {
        self.diagnostic = diagnostic
        self.argument = argument
    }
}

/// The answer to a call, in the forms both front ends need.
public struct ToolResponse: Sendable {
    /// `structuredContent`: `ok`, `stop_reason`, `elapsed_ms`, `warnings`, and the tool's fields or `error`.
    public let structured: JSONValue
    /// The same result as plain text (with LaTeX where there is an expression).
    public let text: String
    public let detail: [String]
    public let isError: Bool
    /// The failure, for a caret rendering against `arguments[diagnosticArgument]`.
    public let diagnostic: Diagnostic?
    public let diagnosticArgument: String?
    public let warnings: [Diagnostic]
    /// A successful answer of "no" (exit 1 on the command line).
    let answerCode: Int32

    /// The text content for an MCP client: the result, its other forms (LaTeX), then any warnings.
    public var contentText: String {
        let body = ([text] + detail).joined(separator: "\n")
        return warnings.reduce(body) { out, w in out + "\n" + w.description + (w.hint.map { " (hint: \($0))" } ?? "") }
    }

    /// Exit code for the command line: 0 success, 1 the answer is "no", 2 bad input, 3 budget or size limit.
    public var exitCode: Int32 {
        guard let diagnostic else { return answerCode }
        return diagnostic.kind.isBudgetOrLimit ? 3 : 2
    }
}

/// The one list of operations. The CLI subcommands, the MCP tools and Docs/tools.md all come from here.
public enum ToolRegistry {
    public static let tools: [Tool] = [
        ParseTool.tool, SimplifyTool.tool, AlgebraTools.expand, AlgebraTools.cancel, AlgebraTools.factor, AlgebraTools.apart, AlgebraTools.collect,
        DifferentiateTool.tool, JacobianTool.tool, SeriesTool.tool, LimitTool.tool, IntegrateTool.tool, SolveTool.tool, MatrixTool.tool, SubstituteTool.tool,
        UnitTools.check, UnitTools.convert, UnitListTools.units, UnitListTools.constants, EvaluateTool.tool,
        VerifyTool.tool, EquivalentTool.tool, SurrogateTools.fit, SurrogateTools.evaluate,
    ]

    /// Named subsets for `ansatz serve --tools`, so that a host offers a model only what its task
    /// needs (each tool listed costs context).
    public static let profiles: [String: [String]] = [
        "algebra": ["parse", "simplify", "expand", "cancel", "factor", "apart", "collect", "differentiate", "jacobian", "series", "limit", "integrate", "solve", "matrix", "substitute"],
        "calculus": ["parse", "simplify", "differentiate", "series", "limit", "integrate", "solve", "matrix", "evaluate"],
        "units": ["parse", "check_dimensions", "convert_units", "list_units", "list_constants", "evaluate"],
        "numeric": ["parse", "evaluate", "convert_units", "list_constants", "surrogate_fit", "surrogate_evaluate"],
        "verify": ["parse", "verify_derivation", "equivalent", "simplify", "substitute", "differentiate", "check_dimensions", "evaluate"],
        "all": tools.map(\.name),
    ]

    /// The tools a selection names: profiles and tool names (or aliases), comma-separated, in
    /// registry order; an unknown word is an error that lists what there is.
    public static func selection(_ spec: String) throws -> [Tool] {
        var names = Set<String>()
        for word in spec.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) where !word.isEmpty {
            if let profile = profiles[word] {
                names.formUnion(profile)
            } else if let tool = tool(named: word) {
                names.insert(tool.name)
            } else {
                throw Diagnostic(.argsValue, "'\(word.prefix(40))' is neither a profile nor a tool",
                                 hint: "profiles: " + profiles.keys.sorted().joined(separator: ", ") + "; tools: " + tools.map(\.name).joined(separator: ", "))
            }
        }
        return tools.filter { names.contains($0.name) }
    }

    /// The tool of this name or command-line alias.
    public static func tool(named name: String) -> Tool? { tools.first { $0.name == name || $0.aliases.contains(name) } }

    /// What every tool shares, said once: the MCP server sends it as its instructions (so the
    /// tool list can describe shared arguments in a few words), and Docs/tools.md opens with it.
    public static var instructions: String {
        """
        Ansatz: exact symbolic mathematics for physics. Shared by every tool:
        - expression: plain syntax (x^2 + 2*x, sqrt(2*pi)*sigma, 91.1876 GeV, m_t, alpha) or LaTeX \
        (\\frac{G_F^2 m_\\mu^5}{192\\pi^3}); syntax auto|plain|latex. Numbers are exact (0.1 is 1/10). \
        Letters are symbols: E and e too (Euler's number is exp(1); e^(-x) with a non-numeric power is \
        read as exp(-x), with a warning). A unit is read only after a number (3 s, 13 TeV) or upright \
        in LaTeX (\\mathrm{s}). Functions (SymPy's names; gamma, beta, zeta are letters unless called): \
        \(BuiltinFunction.namesForHints). Not read yet (refused with a hint): sums, integrals, limits, \
        tensor indices (p^\\mu), derivative notation (use differentiate).
        - assume: 'x > 0, n integer, t real' (or assumptions {"x": ["positive"]}); every rewrite holds \
        for all values the assumptions allow. functions: names read as functions (f(x)). complex: i is \
        the imaginary unit. float_precision: decimals as binary floats of that many bits.
        - format: text|latex|json for the text content. budget_ms: time budget (the server caps it at \
        \(maxBudgetMilliseconds) ms); running out answers E-BUDGET.
        - Result (structuredContent): ok, stop_reason (completed|error|budget), elapsed_ms, warnings, \
        and the tool's fields; an expression is {text, latex, ast}. A failure has error {code, message, \
        argument, span, hint}: the hint says how to retry.
        """
    }

    /// The server's cap: no call through it runs longer than this, whatever its `budget_ms` says.
    public static let maxBudgetMilliseconds = 10_000

    /// Validates `arguments` against the tool's schema, runs it under a budget (`budget_ms`, lowered
    /// to `cap`; the command line passes no cap), and wraps the result.
    /// `arrival` is when the request came in (the budget and `elapsed_ms` count from it); `budget`,
    /// when given, is the one the call runs under (the scheduler keeps it to cancel the work).
    public static func call(_ name: String, arguments: JSONValue, cap: Int? = maxBudgetMilliseconds,
                            budget given: Budget? = nil, arrival: ContinuousClock.Instant = .now) -> ToolResponse {
        let start = arrival
        guard let tool = tool(named: name) else {
            return failure(Diagnostic(.toolUnknown, "no tool named '\(name.prefix(60))'",
                                      hint: "tools: " + tools.map(\.name).joined(separator: ", ")), nil, start)
        }
        do {
            let values = try validate(arguments, for: tool)
            let budget = given ?? Budget(deadline: deadline(arguments, cap: cap, arrival: arrival))
            let success = try tool.handler(ToolCall(arguments: values, budget: budget))
            var fields: [(String, JSONValue)] = [("ok", .bool(true)), ("stop_reason", .string("completed")),
                                                 ("elapsed_ms", .double(milliseconds(since: start)))]
            fields.append(("warnings", .array(success.warnings.map { $0.json(argument: "expression") })))
            fields += success.fields
            // format json on a tool whose result is not one expression: the result's fields
            var text = success.text
            if values["format"]?.stringValue == "json", !tool.resultFields.contains(where: { $0.0 == "value" && $0.1 == Schemas.expression }) {
                text = JSONValue.object(success.fields).serialized()
            }
            return ToolResponse(structured: .object(fields), text: text, detail: success.detail, isError: false,
                                diagnostic: nil, diagnosticArgument: nil, warnings: success.warnings, answerCode: success.exitCode)
        } catch let e as ArgumentError {
            return failure(e.diagnostic, e.argument, start, source: e.argument.flatMap { arguments[$0]?.stringValue })
        } catch let d as Diagnostic {
            return failure(d, nil, start)
        } catch {
            return failure(Diagnostic(.internalError, "\(error)", hint: "report this call"), nil, start)
        }
    }

    /// When a call's time runs out: `budget_ms`, lowered to `cap`, after its arrival (nil: never).
    public static func deadline(_ arguments: JSONValue, cap: Int?, arrival: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        // clamped to the schema's range: the deadline is computed before validation refuses it
        let limit = [arguments["budget_ms"]?.intValue, cap].compactMap { $0 }.min()
        return limit.map { arrival.advanced(by: .milliseconds(min(max(0, $0), 86_400_000))) }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
    }

    static func failure(_ d: Diagnostic, _ argument: String?, _ start: ContinuousClock.Instant, source: String? = nil) -> ToolResponse {
        let stop = d.kind.isBudgetOrLimit ? "budget" : "error"
        let structured = JSONValue.object([("ok", .bool(false)), ("stop_reason", .string(stop)),
                                           ("elapsed_ms", .double(milliseconds(since: start))),
                                           ("error", d.json(argument: argument))])
        let text = source.map { d.rendered(source: $0) } ?? (d.description + (d.hint.map { "\nhint: \($0)" } ?? ""))
        return ToolResponse(structured: structured, text: text, detail: [], isError: true, diagnostic: d,
                            diagnosticArgument: argument, warnings: [], answerCode: 0)
    }

    /// Checks names, types and ranges; returns the arguments by name.
    static func validate(_ arguments: JSONValue, for tool: Tool) throws -> [String: JSONValue] {
        let pairs: [(String, JSONValue)]
        switch arguments {
        case let .object(p): pairs = p
        case .null: pairs = []
        default:
            throw ArgumentError(Diagnostic(.argsType, "arguments must be a JSON object",
                                           hint: "send {\"expression\": \"x^2\"}"), argument: nil)
        }
        var values: [String: JSONValue] = [:]
        for (name, value) in pairs {
            guard let spec = tool.arguments.first(where: { $0.name == name }) else {
                throw ArgumentError(Diagnostic(.argsUnknown, "\(tool.name) has no argument '\(name.prefix(40))'",
                                               hint: "arguments: " + tool.arguments.map(\.name).joined(separator: ", ")), argument: nil)
            }
            try check(value, against: spec, tool: tool.name)
            values[name] = normalized(value, spec.kind)
        }
        for spec in tool.arguments where spec.required && values[spec.name] == nil {
            throw ArgumentError(Diagnostic(.argsMissing, "\(tool.name) needs the argument '\(spec.name)'",
                                           hint: spec.description), argument: nil)
        }
        return values
    }

    /// One shape for handlers whatever the caller sent: numbers in an expression map as the
    /// decimals they print as (0.1 is 1/10, as written), declarations as their text.
    static func normalized(_ value: JSONValue, _ kind: ToolArgument.Kind) -> JSONValue {
        switch (kind, value) {
        case let (.stringMap, .object(pairs)):
            return .object(pairs.map { name, v in
                switch v {
                case let .int(i): return (name, .string(String(i)))
                case let .double(d): return (name, .string(d.description))
                default: return (name, v)
                }
            })
        case let (.declarations, .object(pairs)):
            return .string(pairs.map { "\($0.0): \($0.1.stringValue ?? "")" }.joined(separator: ", "))
        default:
            return value
        }
    }

    static func check(_ value: JSONValue, against spec: ToolArgument, tool: String) throws {
        func wrong(_ expected: String) -> ArgumentError {
            ArgumentError(Diagnostic(.argsType, "'\(spec.name)' must be \(expected)", hint: spec.description), argument: nil)
        }
        switch spec.kind {
        case let .string(allowed):
            guard let s = value.stringValue else { throw wrong("a string") }
            if let allowed, !allowed.contains(s) {
                throw ArgumentError(Diagnostic(.argsValue, "'\(spec.name)' must be one of \(allowed.joined(separator: ", "))",
                                               hint: spec.description), argument: nil)
            }
        case let .integer(minimum, maximum):
            guard let i = value.intValue else { throw wrong("an integer") }
            guard (minimum...maximum).contains(i) else {
                throw ArgumentError(Diagnostic(.argsValue, "'\(spec.name)' must be between \(minimum) and \(maximum)",
                                               hint: spec.description), argument: nil)
            }
        case .boolean:
            guard case .bool = value else { throw wrong("true or false") }
        case .stringList:
            guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else { throw wrong("a list of strings") }
        case .stringMap:
            func isExpression(_ v: JSONValue) -> Bool {
                switch v {
                case .string: return true
                case let .double(d): return d.isFinite
                case .int: return true
                default: return false
                }
            }
            guard case let .object(pairs) = value, pairs.allSatisfy({ isExpression($0.1) }) else {
                throw wrong("an object of names to expressions (strings or numbers), like {\"x\": \"y + 1\", \"m\": 173.1}")
            }
        case .derivation:
            guard value.stringValue != nil || { if case .object = value { return true } else { return false } }() else {
                throw wrong("a derivation object (Docs/verify.md) or its text")
            }
        case .model:
            guard value.stringValue != nil || { if case .object = value { return true } else { return false } }() else {
                throw wrong("a surrogate model object (Docs/surrogates.md) or its JSON text")
            }
        case .declarations:
            if case .string = value { break }
            guard case let .object(pairs) = value, pairs.allSatisfy({ $0.1.stringValue != nil }) else {
                throw wrong("a string like 'v: m/s, E: energy' or an object like {\"v\": \"m/s\", \"E\": \"energy\"}")
            }
        case let .numberColumns(maximum):
            guard case let .object(columns) = value else { throw wrong("an object of names to lists of numbers") }
            var length: Int?
            for (name, column) in columns {
                guard let items = column.arrayValue, items.allSatisfy({ if case .int = $0 { return true }; if case .double = $0 { return true }; return false }) else {
                    throw wrong("an object of names to lists of numbers, like {\"m\": [500, 1000]}; '\(name.prefix(40))' is not")
                }
                guard length == nil || length == items.count else { throw wrong("columns of one length") }
                length = items.count
                guard items.count <= maximum else {
                    throw ArgumentError(Diagnostic(.argsValue, "'\(spec.name)' has \(items.count) points, more than \(maximum)",
                                                   hint: "evaluate larger batches from the command line: ansatz eval EXPR --batch FILE.csv"), argument: nil)
                }
            }
        case .assumptionMap:
            guard case let .object(pairs) = value else { throw wrong("an object of symbol names to lists of assumptions") }
            for (_, list) in pairs {
                guard let items = list.arrayValue,
                      items.allSatisfy({ $0.stringValue.flatMap { Assumptions(name: $0) } != nil }) else {
                    throw wrong("an object like {\"x\": [\"positive\"]}; assumptions are real, positive, nonnegative, integer, nonzero")
                }
            }
        }
    }
}
