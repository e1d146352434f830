import AnsatzAlgebra
import AnsatzCalculus
import AnsatzCore
import AnsatzParse

/// `integrate`: antiderivatives checked by differentiation; definite integrals checked by quadrature.
enum IntegrateTool {
    static let from = ToolArgument("from", .string(allowed: nil), "Lower bound: a number, an expression, or -oo. With `to`, the integral is definite.",
                                   brief: "lower bound (number, expression, -oo)")
    static let to = ToolArgument("to", .string(allowed: nil), "Upper bound: a number, an expression, or oo.", brief: "upper bound (oo for infinity)")
    static let digits = ToolArgument("digits", .integer(minimum: 5, maximum: 100),
                                     "Digits of the numeric value of a definite integral (default 15).", brief: "digits of a definite integral's value")

    static let tool = Tool(
        name: "integrate",
        title: "Integrate",
        description: """
        An antiderivative (no constant added) or, with from and to (oo for infinity), a definite \
        integral. Antiderivatives come from a table in linear arguments, partial fractions, parts, \
        substitution and trigonometric reductions; each is differentiated and checked before it is \
        returned. A definite integral is the antiderivative's limits at the bounds, confirmed by \
        numeric quadrature, or else the quadrature's value with its error estimate. Example: \
        {"expression": "x*exp(-x)", "from": "0", "to": "oo"} gives 1.
        """,
        arguments: CommonArguments.reading + [CommonArguments.oneVariable, from, to, digits, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.expression),
            ("decimal", Schemas.decimal),
            ("exact", .object([("type", .string("boolean")), ("description", .string("false when a definite integral is only numeric"))])),
            ("methods", .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])),
            ("check", .object([("type", .string("string")), ("description", .string("how the answer was checked"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("x^2*exp(x)"))])),
            .valid(.object([("expression", .string("1/(x^2 + 4*x + 13)"))])),
            .valid(.object([("expression", .string("x*exp(-x)")), ("from", .string("0")), ("to", .string("oo"))])),
            .valid(.object([("expression", .string("sin(x)^2")), ("from", .string("0")), ("to", .string("pi"))])),
            .invalid(.object([("expression", .string("exp(x^3)"))]), .integrate),
            .invalid(.object([("expression", .string("x*y"))]), .argsMissing),
        ],
        trailingArguments: ["variables"],
        handler: { call in
            let input = try CommonArguments.readExpression(call)
            let name = try CommonArguments.singleVariable(call, of: input.expr, purpose: "integrate by")
            let lower = try CalculusArguments.point(call, "from"), upper = try CalculusArguments.point(call, "to")
            guard (lower == nil) == (upper == nil) else {
                throw ArgumentError(Diagnostic(.argsMissing, "a definite integral needs both bounds", hint: "give from and to, or neither for an antiderivative"),
                                    argument: lower == nil ? "from" : "to")
            }
            if let lower, let upper {
                let result = try Integrate.definite(input.expr, name, from: lower, to: upper, digits: call.integer("digits") ?? 15, budget: call.budget)
                var extra: [(String, JSONValue)] = [("decimal", Schemas.decimalValue(result.decimal)), ("exact", .bool(result.value != nil)),
                                                   ("methods", .array(result.methods.map { .string($0) })), ("check", .string(result.check))]
                if let value = result.value {
                    var success = try CommonArguments.success(value, format: call.string("format"), warnings: input.warnings, extra: extra)
                    success.detail += ["≈ " + result.decimal, result.check]
                    return success
                }
                extra.insert(("value", .object([("text", .string(result.decimal))])), at: 0)
                return ToolSuccess(fields: extra, text: result.decimal, detail: [result.check], warnings: input.warnings)
            }
            let result = try Integrate.indefinite(input.expr, name, budget: call.budget)
            var success = try CommonArguments.success(result.value, format: call.string("format"), warnings: input.warnings,
                                                      extra: [("exact", .bool(true)), ("methods", .array(result.methods.map { .string($0) })),
                                                              ("check", .string("differentiated: d/d\(name) of the result is the integrand"))])
            if !result.conditions.isEmpty {
                success.detail.append("assuming nonzero: " + result.conditions.map(\.description).joined(separator: ", "))
            }
            return success
        }
    )
}
