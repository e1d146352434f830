import AnsatzAlgebra
import AnsatzCore

/// `differentiate`: derivatives, partial and of higher order.
enum DifferentiateTool {
    static let variables = ToolArgument(
        "variables", .stringList,
        "Symbols to differentiate by, in turn: [\"x\"] for d/dx, [\"x\", \"x\", \"y\"] for d³/dx²dy. May be left out when the expression has one symbol.", brief: "symbols, in order: [x, x, y] is d3/dx2dy")

    static let tool = Tool(
        name: "differentiate",
        title: "Differentiate an expression",
        description: """
        Differentiates an expression symbolically by one or more symbols in turn (partial derivatives, \
        higher orders), through every built-in function and symbolic exponents; exact, in canonical \
        form. Declared functions f(x) have no known derivative and are refused. Example: {"expression": "exp(-x^2/(2*sigma^2))", "variables": ["x"]} gives \
        -x*exp(-x^2/(2*sigma^2))/sigma^2.
        """,
        arguments: CommonArguments.reading + [variables, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.expression),
            ("variables", .object([("type", .string("array")), ("items", .object([("type", .string("string"))])),
                                   ("description", .string("the symbols differentiated by, in order"))])),
            ("conditions", .object([("type", .string("array")), ("description", .string("where the derivative holds only off a set: u != 0 for each abs(u) of the variables"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("exp(-x^2/(2*sigma^2))")), ("variables", .array([.string("x")]))])),
            .valid(.object([("expression", .string("x^3*y^2")), ("variables", .array([.string("x"), .string("x"), .string("y")]))])),
            .valid(.object([("expression", .string("sin(theta)^2"))])),
            .invalid(.object([("expression", .string("x*y"))]), .argsMissing),
            .invalid(.object([("expression", .string("f(x)")), ("functions", .array([.string("f")]))]), .diff),
            .invalid(.object([("expression", .string("x^2")), ("variables", .string("x"))]), .argsType),
        ],
        aliases: ["diff"],
        trailingArgument: "variables",
        handler: { call in
            let result = try CommonArguments.readExpression(call)
            var by = try CommonArguments.symbolList(call, "variables")
            if by.isEmpty { by = [try CommonArguments.symbol(call, "variables", of: result.expr, purpose: "differentiate by")] }
            let derivative = try Derivative.of(result.expr, by: by, budget: call.budget)
            let (conditionFields, conditionWarnings) = DifferentiateTool.conditions(Derivative.conditions(of: result.expr, by: by))
            return try CommonArguments.success(derivative, format: call.string("format"), warnings: result.warnings + conditionWarnings,
                                           extra: [("variables", .array(by.map { .string($0) }))] + conditionFields)
        }
    )

    /// `conditions` (each u with u ≠ 0 required) and the warning that says so.
    static func conditions(_ arguments: [Expr]) -> ([(String, JSONValue)], [Diagnostic]) {
        guard !arguments.isEmpty else { return ([("conditions", .array([]))], []) }
        let list = arguments.map { "\($0) != 0" }
        let warning = Diagnostic(.warningDiffCondition, "valid for real arguments where " + list.joined(separator: " and ")
                                 + ": abs is not differentiable where its argument is 0",
                                 hint: "as distributions the derivative of abs(u) is sign(u) u' everywhere (and of sign(u), 2 dirac_delta(u) u')", severity: .warning)
        return ([("conditions", .array(list.map { .string($0) }))], [warning])
    }
}
