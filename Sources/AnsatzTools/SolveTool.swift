import AnsatzAlgebra
import AnsatzCalculus
import AnsatzCore
import AnsatzParse

/// `solve`: equations and systems, every solution checked by substitution.
enum SolveTool {
    static let equations = ToolArgument(
        "expressions", .stringList,
        "The equations, lhs = rhs (an expression alone means = 0), in the syntax of `parse`.",
        required: true, brief: "equations lhs = rhs (or expressions = 0)")
    static let unknowns = ToolArgument(
        "variables", .stringList,
        "The unknowns to solve for (on the command line --for x y); may be left out when the equations have one symbol.",
        brief: "unknowns (default: the only symbol)")

    static let listOfStrings: JSONValue = .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])

    static let tool = Tool(
        name: "solve",
        title: "Solve equations",
        description: """
        Solves equations and systems exactly: polynomials (factored over Q; radicals to degree 3, \
        certified 30-digit roots beyond), rational equations (excluded points removed), radicals \
        (extraneous roots dropped), one unknown inside exp/log/trig functions (principal solutions, \
        general form stated), linear systems with symbolic coefficients. Every solution is \
        substituted back and checked; `complete` says whether all solutions are listed. \
        Assumptions filter them. Example: {"expressions": ["E = sqrt(p^2*c^2 + m^2*c^4)"], "variables": ["p"], \
        "assume": "p > 0, c > 0, m > 0"} gives p = sqrt(E^2 - c^4*m^2)/c.
        """,
        arguments: [equations, unknowns, CommonArguments.syntax, CommonArguments.complex, CommonArguments.floatPrecision,
                    CommonArguments.functions, CommonArguments.assumptions, CommonArguments.assume,
                    CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("solutions", .object([("type", .string("array")),
                                   ("items", .object([("type", .string("object")), ("additionalProperties", .object([("type", .string("string"))]))])),
                                   ("description", .string("each solution maps every unknown to its value as text"))])),
            ("complete", .object([("type", .string("boolean")), ("description", .string("true when these are all the solutions the assumptions allow"))])),
            ("exact", .object([("type", .string("boolean")), ("description", .string("false when some values are certified decimals"))])),
            ("general", listOfStrings),
            ("conditions", .object([("type", .string("array")), ("items", .object([("type", .string("string"))])),
                                    ("description", .string("expressions assumed nonzero (divisors that depend on parameters)"))])),
            ("notes", listOfStrings),
        ],
        examples: [
            .valid(.object([("expressions", .array([.string("x^2 - 3*x + 2 = 0")]))])),
            .valid(.object([("expressions", .array([.string("E = sqrt(p^2*c^2 + m^2*c^4)")])), ("variables", .array([.string("p")])),
                            ("assume", .string("p > 0, c > 0, m > 0, E > 0"))])),
            .valid(.object([("expressions", .array([.string("a*x + b*y = 1"), .string("x - y = 2")])),
                            ("variables", .array([.string("x"), .string("y")]))])),
            .valid(.object([("expressions", .array([.string("sqrt(x + 2) = x")]))])),
            .valid(.object([("expressions", .array([.string("2*sin(x) = 1")])), ("assume", .string("x real"))])),
            .invalid(.object([("expressions", .array([.string("x*y = 1")]))]), .argsMissing),
        ],
        trailingArgument: "expressions",
        flagAliases: ["for": "variables"],
        handler: { call in
            let (parsed, warnings) = try CommonArguments.readExpressions(call) { "equation \($0 + 1)" }
            var unknowns = try CommonArguments.symbolList(call, "variables")
            if unknowns.isEmpty {
                let names = Set(parsed.flatMap(\.symbolNames)).sorted()
                guard names.count == 1 else {
                    throw ArgumentError(Diagnostic(.argsMissing, "say which symbols to solve for",
                                                   hint: "give variables (--for x y); the equations have \(names.count) symbols: \(names.joined(separator: ", "))"),
                                        argument: "variables")
                }
                unknowns = names
            }
            let result = try Solve.solve(parsed, for: unknowns, budget: call.budget)
            var lines: [String] = []
            var solutions: [JSONValue] = []
            for s in result.solutions {
                let latex = call.string("format") == "latex" && s.exact
                lines.append(zip(s.values, s.texts).map { "\($0.0.name) = \(latex ? LaTeXPrinter.print($0.0.value) : $0.1)" }
                    .joined(separator: ", "))
                solutions.append(.object(zip(s.values, s.texts).map { ($0.0.name, JSONValue.string($0.1)) }))
            }
            var text = lines.isEmpty ? (result.complete ? "no solutions" : "no solutions found") : lines.joined(separator: "\n")
            var detail: [String] = [result.complete ? "complete: these are all the solutions" : "complete: no, there may be others"]
            detail += result.general.map { "general: " + $0 }
            if !result.conditions.isEmpty { detail.append("assuming nonzero: " + result.conditions.map(\.description).joined(separator: ", ")) }
            detail += result.notes.map { "note: " + $0 }
            if call.string("format") != "json" { text += "\n" + detail.joined(separator: "\n") }
            return ToolSuccess(
                fields: [("solutions", .array(solutions)), ("complete", .bool(result.complete)),
                         ("exact", .bool(result.solutions.allSatisfy(\.exact))),
                         ("general", .array(result.general.map { .string($0) })),
                         ("conditions", .array(result.conditions.map { .string($0.description) })),
                         ("notes", .array(result.notes.map { .string($0) }))],
                text: text, detail: [], warnings: warnings)
        }
    )
}
