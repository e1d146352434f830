import AnsatzAlgebra
import AnsatzCalculus
import AnsatzCore
import AnsatzParse

/// `limit`: limits at a point or at ±∞, by Gruntz's algorithm, each checked numerically.
enum LimitTool {
    static let point = ToolArgument(
        "point", .string(allowed: nil),
        "Where the variable tends: a number or an expression free of it, or oo / -oo for ±infinity (also inf, \\infty, ∞). Default 0.",
        brief: "number, expression, oo or -oo (default 0)")
    static let direction = ToolArgument(
        "direction", .string(allowed: Limit.Direction.allCases.map(\.rawValue)),
        "both (default: the two one-sided limits must agree), + (from above) or - (from below).", brief: "both (default), + or -")

    static let tool = Tool(
        name: "limit",
        title: "Take a limit",
        description: """
        The limit of an expression as a real variable tends to a point or to ±infinity (oo, -oo), \
        by Gruntz's algorithm on exact series (as SymPy's limit), with log and exponential growth \
        compared exactly. Every answer is checked numerically at points approaching the limit. \
        Two-sided by default: where the sides differ the answer is an error giving both. \
        Example: {"expression": "(sqrt(p^2 + m^2) - m)/p^2", "variables": ["p"], "assume": "m > 0"} gives 1/(2*m).
        """,
        arguments: CommonArguments.reading + [CommonArguments.oneVariable, point, direction, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.expression),
            ("infinite", .object([("type", .string("string")), ("enum", .array([.string("+"), .string("-"), .string("")])),
                                  ("description", .string("+ or - when the limit is ±infinity (value is then oo or -oo), else empty"))])),
            ("check", .object([("type", .string("string")), ("description", .string("how the answer was checked numerically"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("sin(x)/x"))])),
            .valid(.object([("expression", .string("(1 + 1/x)^x")), ("point", .string("oo"))])),
            .valid(.object([("expression", .string("x*log(x)")), ("direction", .string("+"))])),
            .valid(.object([("expression", .string("(sqrt(p^2 + m^2) - m)/p^2")), ("variables", .array([.string("p")])), ("assume", .string("m > 0"))])),
            .invalid(.object([("expression", .string("1/x"))]), .limitValue),
            .invalid(.object([("expression", .string("x*y"))]), .argsMissing),
        ],
        trailingArguments: ["variables", "point"],
        handler: { call in
            let input = try CommonArguments.readExpression(call)
            let name = try CommonArguments.singleVariable(call, of: input.expr, purpose: "take the limit in")
            let at = try CalculusArguments.point(call, "point") ?? .finite(.zero)
            let direction = call.string("direction").flatMap(Limit.Direction.init(rawValue:)) ?? .both
            let result = try Limit.limit(input.expr, name, at: at, direction: direction, budget: call.budget)
            var warnings = input.warnings
            if !result.checked {
                warnings.append(Diagnostic(.warningUnchecked, "the limit is \(result.check)",
                                           hint: "check it another way (evaluate near the point)", severity: .warning))
            }
            switch result.value {
            case let .finite(v):
                var success = try CommonArguments.success(v, format: call.string("format"), warnings: warnings,
                                                          extra: [("infinite", .string("")), ("check", .string(result.check))])
                success.detail.append(result.check)
                return success
            case .plusInfinity, .minusInfinity:
                let sign = result.value == .plusInfinity ? "+" : "-"
                let text = result.value.text
                let value = JSONValue.object([("text", .string(text)), ("latex", .string(sign == "+" ? "\\infty" : "-\\infty"))])
                return ToolSuccess(fields: [("value", value), ("infinite", .string(sign)), ("check", .string(result.check))],
                                   text: call.string("format") == "latex" ? (sign == "+" ? "\\infty" : "-\\infty") : text,
                                   detail: [result.check], warnings: warnings)
            }
        }
    )
}

/// Arguments of the calculus tools.
enum CalculusArguments {
    static let infinities: [String: Limit.Point] = [
        "oo": .plusInfinity, "+oo": .plusInfinity, "inf": .plusInfinity, "+inf": .plusInfinity, "infinity": .plusInfinity,
        "\\infty": .plusInfinity, "+\\infty": .plusInfinity, "∞": .plusInfinity, "+∞": .plusInfinity,
        "-oo": .minusInfinity, "-inf": .minusInfinity, "-infinity": .minusInfinity, "-\\infty": .minusInfinity, "-∞": .minusInfinity,
    ]

    /// A point or bound: oo, -oo (and their spellings) or an expression.
    static func point(_ call: ToolCall, _ argument: String) throws -> Limit.Point? {
        guard let text = call.string(argument) else { return nil }
        let key = text.filter { !$0.isWhitespace }
        if let infinite = infinities[key] { return infinite }
        do {
            return .finite(try ExpressionParser.parse(text, options: try CommonArguments.parseOptions(call), budget: call.budget).expr)
        } catch let d as Diagnostic {
            throw ArgumentError(d, argument: argument)
        }
    }
}
