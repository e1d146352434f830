import AnsatzAlgebra
import AnsatzCore
import AnsatzParse

/// `expand`, `cancel`, `factor` and `collect`: the polynomial and rational-function rewrites.
enum AlgebraTools {
    /// Result field and warning for the denominators a cancellation removed.
    static let conditionsField: (String, JSONValue) = (
        "conditions",
        .object([("type", .string("array")), ("items", .object([("type", .string("string"))])),
                 ("description", .string("expressions that were denominators of the input and cancelled: the input is undefined where one is zero, the result is equal to it everywhere else"))]))

    static func conditionsResult(_ conditions: [Expr]) -> ([(String, JSONValue)], [Diagnostic]) {
        guard !conditions.isEmpty else { return ([("conditions", .array([]))], []) }
        let list = conditions.map(\.description)
        let warning = Diagnostic(.warningCancelled, "equal to the input wherever it is defined; the input is undefined where "
                                 + list.map { "\($0) = 0" }.joined(separator: " or "),
                                 hint: "keep these conditions if the points where they vanish matter", severity: .warning)
        return ([("conditions", .array(list.map { .string($0) }))], [warning])
    }

    /// The success of a rational-function operation: its value, with its conditions as a field and a warning.
    static func rationalResult(_ call: ToolCall, _ parsed: ParseResult? = nil,
                               _ operation: (Expr) throws -> RationalFunctions.Result) throws -> ToolSuccess {
        let input = try parsed ?? CommonArguments.readExpression(call)
        let result = try operation(input.expr)
        let (fields, warnings) = conditionsResult(result.conditions)
        return try CommonArguments.success(result.value, format: call.string("format"), warnings: input.warnings + warnings, extra: fields)
    }

    static let expand = Tool(
        name: "expand",
        title: "Expand products and powers",
        description: """
        Multiplies out products of sums and whole powers of sums everywhere (also inside function \
        arguments and under roots) and collects like terms exactly (FLINT); a result past the budget \
        or 2,000,000 terms is refused with E-BUDGET before any work. exp(a+b) and log(a*b) stay \
        (see simplify's methods). \
        Example: {"expression": "(x + 2*y)^3"} gives x^3 + 6*x^2*y + 12*x*y^2 + 8*y^3.
        """,
        arguments: CommonArguments.reading + [CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [("value", Schemas.expression)],
        examples: [
            .valid(.object([("expression", .string("(x + 2*y)^3"))])),
            .valid(.object([("expression", .string("(a + b)*(a - b) + sin((x + 1)^2)"))])),
            .valid(.object([("expression", .string("(sqrt(x) + 1)^2/x"))])),
            .invalid(.object([("expression", .string("(x + y + z)^100000"))]), .budget),
        ],
        handler: { call in
            let input = try CommonArguments.readExpression(call)
            let value = try Expand.expand(input.expr, budget: call.budget)
            return try CommonArguments.success(value, format: call.string("format"), warnings: input.warnings)
        }
    )

    static let cancel = Tool(
        name: "cancel",
        title: "Cancel to one fraction",
        description: """
        Brings a rational expression to one fraction num/den over the rationals, with the greatest \
        common divisor of numerator and denominator divided out (multivariate GCD by FLINT); function \
        calls and roots count as variables. Result field `conditions` lists the cancelled denominators: \
        the input is undefined where one vanishes, the result equals it elsewhere. \
        Example: {"expression": "(a^2 - b^2)/(a - b)"} gives a + b with conditions ["a - b"].
        """,
        arguments: CommonArguments.reading + [CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [("value", Schemas.expression), conditionsField],
        examples: [
            .valid(.object([("expression", .string("(a^2 - b^2)/(a - b)"))])),
            .valid(.object([("expression", .string("1/x + 1/y"))])),
            .valid(.object([("expression", .string("(x^2 - 1)/(2*x - 2)"))])),
            .invalid(.object([("expression", .string("x/(y - y)"))]), .divisionByZero),
        ],
        aliases: ["together"],
        handler: { call in try rationalResult(call) { try RationalFunctions.cancel($0, budget: call.budget) } }
    )

    static let factor = Tool(
        name: "factor",
        title: "Factor over the rationals",
        description: """
        Factors numerator and denominator into irreducible polynomials over Q (multivariate, with \
        multiplicities; FLINT), after cancelling common factors. Integers are not split into primes; \
        a number times one sum prints distributed (2*x + 2). \
        Example: {"expression": "x^3 - x^2*y - x*y^2 + y^3"} gives (x + y)*(x - y)^2.
        """,
        arguments: CommonArguments.reading + [CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [("value", Schemas.expression), conditionsField],
        examples: [
            .valid(.object([("expression", .string("x^3 - x^2*y - x*y^2 + y^3"))])),
            .valid(.object([("expression", .string("(x^4 - 1)/(x^2 + 2*x + 1)"))])),
            .invalid(.object([("expression", .string("x^2 -"))]), .parseMissingOperand),
        ],
        handler: { call in try rationalResult(call) { try RationalFunctions.factor($0, budget: call.budget) } }
    )

    static let apart = Tool(
        name: "apart",
        title: "Partial fractions",
        description: """
        Decomposes a rational function of one symbol with rational coefficients into partial \
        fractions over Q: a polynomial part plus c(x)/f(x)^k for each irreducible factor f of the \
        denominator, deg c < deg f. Other symbols are refused with E-APART. Example: \
        {"expression": "1/(x^2 - 1)"} gives (1/2)/(x - 1) - (1/2)/(x + 1).
        """,
        arguments: CommonArguments.reading + [CommonArguments.oneVariable, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [("value", Schemas.expression), conditionsField],
        examples: [
            .valid(.object([("expression", .string("1/(x^2 - 1)"))])),
            .valid(.object([("expression", .string("(x^3 + 1)/(x^2*(x^2 + 1))"))])),
            .valid(.object([("expression", .string("1/(s*(s + 1)^2)")), ("variables", .array([.string("s")]))])),
            .invalid(.object([("expression", .string("1/(x^2 - a^2)")), ("variables", .array([.string("x")]))]), .apart),
        ],
        trailingArgument: "variables",
        handler: { call in
            let input = try CommonArguments.readExpression(call)
            let name = try CommonArguments.singleVariable(call, of: input.expr, purpose: "decompose in")
            return try rationalResult(call, input) { try RationalFunctions.apart($0, in: name, budget: call.budget) }
        }
    )

    static let variables = ToolArgument(
        "variables", .stringList, "Symbols whose powers the terms are grouped by: [\"x\"], or [\"x\", \"y\"] for monomials in both.",
        required: true, brief: "symbols to collect in")

    static let collect = Tool(
        name: "collect",
        title: "Collect terms by powers of symbols",
        description: """
        Expands the expression, then groups its terms by their monomial in the given symbols, each \
        with the sum of its coefficients. Example: {"expression": "a*x + b*x + x^2*y + c", \
        "variables": ["x"]} gives x*(a + b) + x^2*y + c.
        """,
        arguments: CommonArguments.reading + [variables, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [("value", Schemas.expression)],
        examples: [
            .valid(.object([("expression", .string("a*x + b*x + x^2*y + c")), ("variables", .array([.string("x")]))])),
            .valid(.object([("expression", .string("(x + y + 1)^2")), ("variables", .array([.string("x"), .string("y")]))])),
            .invalid(.object([("expression", .string("x"))]), .argsMissing),
        ],
        trailingArgument: "variables",
        handler: { call in
            let input = try CommonArguments.readExpression(call)
            let value = try RationalFunctions.collect(input.expr, by: Set(try CommonArguments.symbolList(call, "variables")), budget: call.budget)
            return try CommonArguments.success(value, format: call.string("format"), warnings: input.warnings)
        }
    )
}
