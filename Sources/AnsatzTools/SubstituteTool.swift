import AnsatzAlgebra
import AnsatzCore
import AnsatzParse

/// `substitute`: replace symbols or subexpressions, all at once.
enum SubstituteTool {
    static let at = ToolArgument(
        "at", .stringMap,
        "What to replace and by what, all at once: {\"x\": \"y + 1\", \"m_t\": \"173\"}; keys are symbols or whole subexpressions, in the syntax of `expression`.",
        required: true, brief: "{\"x\": \"y + 1\"}: replaced all at once")

    static let tool = Tool(
        name: "substitute",
        title: "Substitute into an expression",
        description: """
        Replaces symbols, or subexpressions matched as a whole, by other expressions, all at once (so \
        {"x": "y", "y": "x"} swaps x and y), and returns the result in canonical form: exact arithmetic \
        folds what it can (x^2 + 1 at x = 1/2 is 5/4). Keys and values use the syntax of `parse`. \
        Example: {"expression": "m*c^2 + p^2/(2*m)", "at": {"p": "m*v"}} gives c^2*m + m*v^2/2.
        """,
        arguments: CommonArguments.reading + [at, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [("value", Schemas.expression)],
        examples: [
            .valid(.object([("expression", .string("m*c^2 + p^2/(2*m)")), ("at", .object([("p", .string("m*v"))]))])),
            .valid(.object([("expression", .string("x^2 + 1")), ("at", .object([("x", .string("1/2"))]))])),
            .valid(.object([("expression", .string("x - y")), ("at", .object([("x", .string("y")), ("y", .string("x"))]))])),
            .invalid(.object([("expression", .string("x")), ("at", .object([("x", .string("1 +"))]))]), .parseMissingOperand),
            .invalid(.object([("expression", .string("x"))]), .argsMissing),
        ],
        aliases: ["subs"],
        trailingArgument: "at",
        handler: { call in
            // a name used as a key is a symbol wherever it appears (E, e, pi: no constant, no unit)
            var options = try CommonArguments.parseOptions(call)
            if case let .object(pairs)? = call.arguments["at"] {
                for (key, _) in pairs where CommonArguments.isName(key) { options.symbols.insert(key.trimmingBlanks) }
            }
            let result: ParseResult
            do {
                result = try ExpressionParser.parse(call.string("expression") ?? "", options: options, budget: call.budget)
            } catch let d as Diagnostic {
                throw ArgumentError(d, argument: "expression")
            }
            var rules: [(Expr, Expr)] = []
            if case let .object(pairs)? = call.arguments["at"] {
                for (key, value) in pairs {
                    do {
                        let pattern = try ExpressionParser.parse(key, options: options, budget: call.budget).expr
                        guard !pattern.symbolNames.isEmpty else {
                            throw Diagnostic(.subsKey, "'\(key.prefix(40))' has no symbol: a number or constant cannot be replaced",
                                             hint: "keys are symbols (x) or subexpressions with a symbol (x^2, sin(t))")
                        }
                        let replacement = try ExpressionParser.parse(value.stringValue ?? "", options: options, budget: call.budget).expr
                        rules.append((pattern, replacement))
                    } catch let d as Diagnostic {
                        throw ArgumentError(Diagnostic(d.kind, "in at[\(key.prefix(40))]: " + d.message, span: d.span,
                                                       hint: d.hint, severity: d.severity), argument: "at")
                    }
                }
            }
            let substituted = try Substitution.apply(result.expr, rules, budget: call.budget)
            return try CommonArguments.success(substituted, format: call.string("format"), warnings: result.warnings)
        }
    )
}
