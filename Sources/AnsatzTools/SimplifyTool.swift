import AnsatzAlgebra
import AnsatzCore

/// `simplify`: rule sets and rational-function operations, smallest result kept.
enum SimplifyTool {
    static let rules = ToolArgument(
        "rules", .string(allowed: nil),
        "Extra rules, in the rule-file format of Grammar/rules.ebnf (`[set]` lines, then `name: pattern -> replacement if a > 0`), tried before the built-in ones. From the command line, --rules @FILE reads a file.",
        acceptsFile: true, brief: "extra rules: '[set]' lines, then 'name: pattern -> replacement if a > 0'")

    static let tool = Tool(
        name: "simplify",
        title: "Simplify an expression",
        description: """
        Simplifies with rule sets (trigonometric, exp/log, radical; a conditional rule fires only \
        when the declared assumptions imply its condition) and cancel, factor, expand; returns the \
        smallest result, the rules applied and, under `conditions`, the denominators cancelled. \
        Assumptions unlock more: sqrt(x^2) is abs(x) for real x, x for x >= 0. Example: {"expression": "sin(x)^2 + cos(x)^2 + log(exp(y))", \
        "assume": "y real"} gives y + 1.
        """,
        arguments: CommonArguments.reading + [rules, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.expression),
            ("applied", .object([("type", .string("array")), ("items", .object([("type", .string("string"))])),
                                 ("description", .string("rule names and operations (cancel, factor, expand) that produced the value"))])),
            AlgebraTools.conditionsField,
            ("cost", .object([("type", .string("integer")), ("description", .string("nodes of the result written out as a tree"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("sin(x)^2 + cos(x)^2 + log(exp(y))")), ("assume", .string("y real"))])),
            .valid(.object([("expression", .string("sqrt(x^2)")), ("assume", .string("x real"))])),
            .valid(.object([("expression", .string("(a^2 - b^2)/(a - b)"))])),
            .valid(.object([("expression", .string("log(a*b) - log(a)")), ("assume", .string("a > 0, b > 0"))])),
            .valid(.object([("expression", .string("f(x*y)")), ("functions", .array([.string("f")])),
                            ("rules", .string("[mine]\nf_split: f(a*b) -> f(a) + f(b)"))])),
            .invalid(.object([("expression", .string("x")), ("rules", .string("[s]\nbad: x -> y"))]), .rules),
        ],
        handler: { call in
            let input = try CommonArguments.readExpression(call)
            var book = RuleBook()
            if let text = call.string("rules") {
                do {
                    book = try RuleBook.parse(text, origin: "rules")
                } catch let d as Diagnostic {
                    throw ArgumentError(d, argument: "rules")
                }
            }
            let result = try Simplify.simplify(input.expr, userRules: book, budget: call.budget)
            let (fields, warnings) = AlgebraTools.conditionsResult(result.conditions)
            return try CommonArguments.success(result.value, format: call.string("format"), warnings: input.warnings + warnings,
                                               extra: [("applied", .array(result.applied.map { .string($0) }))] + fields
                                                   + [("cost", .int(result.cost))])
        }
    )
}
