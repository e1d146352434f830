import AnsatzAlgebra
import AnsatzCore
import AnsatzParse

/// `series`: Taylor and Laurent expansions.
enum SeriesTool {
    static let point = ToolArgument(
        "point", .string(allowed: nil), "The point to expand around, an expression free of the variable (default 0).", brief: "expansion point (default 0)")
    static let order = ToolArgument(
        "order", .integer(minimum: 1, maximum: Series.maxOrder),
        "Terms up to (x - point)^(order - 1) are computed; the remainder is O((x - point)^order). Default 6.", brief: "terms below (x - point)^order")

    static let tool = Tool(
        name: "series",
        title: "Expand in a power series",
        description: """
        Expands an expression in a Taylor (or Laurent) series in one symbol around a point, by exact \
        power-series arithmetic (sin(x)/x at 0 expands correctly): the terms below the order and \
        O(x^order), like SymPy's series(f, x, point, order). Expansions needing log(x) or fractional \
        powers are refused (E-SERIES). Example: {"expression": "sin(x)/x", "order": 6} gives \
        1 - x^2/6 + x^4/120 + O(x^6).
        """,
        arguments: CommonArguments.reading + [CommonArguments.oneVariable, point, order, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.expression),
            ("order", .object([("type", .string("integer")), ("description", .string("the remainder is O((x - point)^order)"))])),
            ("remainder", .object([("type", .string("string")), ("description", .string("the remainder term, as text: O(x^6)"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("sin(x)/x")), ("order", .int(6))])),
            .valid(.object([("expression", .string("sqrt(1 - v^2/c^2)")), ("variables", .array([.string("v")])), ("order", .int(5))])),
            .valid(.object([("expression", .string("exp(x)")), ("point", .string("1")), ("order", .int(3))])),
            .valid(.object([("expression", .string("1/(x*(1 - x))")), ("order", .int(3))])),
            .invalid(.object([("expression", .string("log(x)"))]), .series),
            .invalid(.object([("expression", .string("x*y"))]), .argsMissing),
        ],
        trailingArgument: "variables",
        handler: { call in
            let input = try CommonArguments.readExpression(call)
            let name = try CommonArguments.singleVariable(call, of: input.expr, purpose: "expand in")
            var at = Expr.zero
            if let text = call.string("point") {
                do {
                    at = try ExpressionParser.parse(text, options: try CommonArguments.parseOptions(call), budget: call.budget).expr
                } catch let d as Diagnostic {
                    throw ArgumentError(d, argument: "point")
                }
            }
            let result = try Series.expand(input.expr, in: name, at: at, order: call.integer("order") ?? 6, budget: call.budget)
            var success = try CommonArguments.success(result.value, format: call.string("format"), warnings: input.warnings,
                                                      extra: [("order", .int(result.order)), ("remainder", .string(result.remainder))])
            switch call.string("format") {
            case "json": break
            case "latex": success.text = (result.value.isZero ? "" : success.text + " + ") + result.remainder
            default: success.text = result.text
            }
            return success
        }
    )
}
