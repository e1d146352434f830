import AnsatzCore
import AnsatzParse

/// `parse`: read an expression and return its canonical forms.
enum ParseTool {
    static let tool = Tool(
        name: "parse",
        title: "Parse an expression",
        description: """
        Reads an expression (plain syntax or LaTeX, see the instructions) and returns its canonical \
        form as text, LaTeX and a JSON AST, with exact arithmetic (0.1 + 0.2 is 3/10, x + x is 2*x). \
        Ambiguous input (1/2x, f(x) with f undeclared) is refused with a diagnostic that says how to \
        write it. Example: {"expression": "exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)"} gives \
        sqrt(2)*exp(-theta^2/(2*sigma^2))/(2*sqrt(pi)*sigma).
        """,
        arguments: CommonArguments.reading + [CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.expression),
            ("syntax", .object([("type", .string("string")), ("enum", .array([.string("plain"), .string("latex")])),
                                ("description", .string("the input language used"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)"))])),
            .valid(.object([("expression", .string("\\frac{G_F^2 m_\\mu^5}{192\\pi^3}")), ("format", .string("latex"))])),
            .valid(.object([("expression", .string("sqrt(p^2)")), ("assumptions", .object([("p", .array([.string("positive")]))]))])),
            .invalid(.object([("expression", .string("x + * y"))]), .parseMissingOperand),
            .invalid(.object([("expression", .int(3))]), .argsType),
            .invalid(.object([("expr", .string("x"))]), .argsUnknown),
        ],
        handler: { call in
            let result = try CommonArguments.readExpression(call)
            return try CommonArguments.success(result.expr, format: call.string("format"), warnings: result.warnings,
                                           extra: [("syntax", .string(result.syntax.rawValue))])
        }
    )
}
