import AnsatzAlgebra
import AnsatzCore

/// `simplify`: rule sets and rational-function operations, smallest result kept.
enum SimplifyTool {
    static let rules = ToolArgument(
        "rules", .string(allowed: nil),
        "Extra rules, in the rule-file format of Grammar/rules.ebnf (`[set]` lines, then `name: pattern -> replacement if a > 0`), tried before the built-in ones. From the command line, --rules @FILE reads a file.",
        acceptsFile: true, brief: "extra rules: '[set]' lines, then 'name: pattern -> replacement if a > 0'")

    static let method = ToolArgument(
        "method", .string(allowed: RewriteMethod.allCases.map(\.rawValue)),
        "Apply one named rewrite (SymPy's names) instead of the whole search: "
            + RewriteMethod.allCases.map { "\($0.rawValue), \($0.summary)" }.joined(separator: "; ")
            + ". Each is also tried by the search. From the command line, `ansatz trigsimp EXPR` is `ansatz simplify EXPR --method trigsimp`.",
        brief: "one SymPy-named rewrite")

    static let tool = Tool(
        name: "simplify",
        title: "Simplify an expression",
        description: """
        Simplifies with rule sets (a conditional rule fires only when the assumptions imply it), \
        cancel, factor, expand and the rewrites of `method`; returns the smallest result, what was \
        applied and, under `conditions`, the denominators cancelled. sqrt(x^2) is abs(x) for real x, \
        x for x >= 0. Example: {"expression": "sin(x)^2 + cos(x)^2 + log(exp(y))", "assume": "y real"} \
        gives y + 1.
        """,
        arguments: CommonArguments.reading + [method, rules, CommonArguments.format, CommonArguments.budgetMs],
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
            .valid(.object([("expression", .string("1/cos(x)^2 - 1")), ("method", .string("trigsimp"))])),
            .valid(.object([("expression", .string("sqrt(5 + 2*sqrt(6))")), ("method", .string("sqrtdenest"))])),
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
            if let name = call.string("method"), let method = RewriteMethod(rawValue: name) {
                let value = try method.apply(input.expr, budget: call.budget)
                return try CommonArguments.success(value, format: call.string("format"), warnings: input.warnings,
                                                   extra: [("applied", .array([.string(method.rawValue)])), ("conditions", .array([])),
                                                           ("cost", .int(Simplify.cost(value)))])
            }
            let result = try Simplify.simplify(input.expr, userRules: book, budget: call.budget)
            let (fields, warnings) = AlgebraTools.conditionsResult(result.conditions)
            return try CommonArguments.success(result.value, format: call.string("format"), warnings: input.warnings + warnings,
                                               extra: [("applied", .array(result.applied.map { .string($0) }))] + fields
                                                   + [("cost", .int(result.cost))])
        }
    )
}
