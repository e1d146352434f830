import AnsatzAlgebra
import AnsatzCalculus
import AnsatzCore
import AnsatzParse

/// `jacobian`: gradient, Jacobian and Hessian matrices.
enum JacobianTool {
    static let expressions = ToolArgument(
        "expressions", .stringList,
        "The expressions (one for a gradient or a Hessian, any number for a Jacobian), in the syntax of `parse`.",
        required: true, brief: "the expressions (one for gradient or hessian)")
    static let variables = ToolArgument(
        "variables", .stringList, "The symbols to differentiate by, in column order.", required: true)
    static let kind = ToolArgument(
        "kind", .string(allowed: ["jacobian", "gradient", "hessian"]),
        "jacobian (default): J[i][j] = d e_i/d v_j; gradient: the row of d e/d v_j; hessian: H[i][j] = d²e/dv_i dv_j.", brief: "")

    static let matrixField: (String, JSONValue) = (
        "matrix",
        .object([("type", .string("array")),
                 ("items", .object([("type", .string("array")), ("items", Schemas.expression)])),
                 ("description", .string("rows of entries, each an expression in its forms (text, latex, ast)"))]))

    static let tool = Tool(
        name: "jacobian",
        title: "Gradient, Jacobian or Hessian",
        description: """
        The matrix of first or second partial derivatives: the Jacobian of a list of expressions, the \
        gradient or the Hessian of one, by the given symbols. Entries are exact and canonical, as \
        `differentiate` gives them. Example: {"expressions": ["r*cos(phi)", "r*sin(phi)"], \
        "variables": ["r", "phi"]} gives [[cos(phi), -r*sin(phi)], [sin(phi), r*cos(phi)]].
        """,
        arguments: [expressions, variables, kind, CommonArguments.syntax, CommonArguments.complex, CommonArguments.floatPrecision,
                    CommonArguments.functions, CommonArguments.assumptions, CommonArguments.assume,
                    CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [matrixField, ("determinant", Schemas.expression), ("conditions", .object([("type", .string("array")), ("description", .string("where the derivatives hold only off a set: u != 0 for each abs(u) of the variables"))]))],
        examples: [
            .valid(.object([("expressions", .array([.string("r*cos(phi)"), .string("r*sin(phi)")])),
                            ("variables", .array([.string("r"), .string("phi")]))])),
            .valid(.object([("expressions", .array([.string("x^2*y + exp(x*y)")])),
                            ("variables", .array([.string("x"), .string("y")])), ("kind", .string("hessian"))])),
            .valid(.object([("expressions", .array([.string("sqrt(x^2 + y^2 + z^2)")])),
                            ("variables", .array([.string("x"), .string("y"), .string("z")])), ("kind", .string("gradient"))])),
            .invalid(.object([("expressions", .array([.string("x"), .string("y")])), ("variables", .array([.string("x")])),
                              ("kind", .string("hessian"))]), .argsValue),
        ],
        handler: { call in
            let read = try CommonArguments.readExpressions(call) { "expressions[\($0)]" }
            let parsed = read.exprs
            var warnings = read.warnings
            let by = try CommonArguments.symbolList(call, "variables")
            let kind = call.string("kind") ?? "jacobian"
            guard !parsed.isEmpty, !by.isEmpty, kind == "jacobian" || parsed.count == 1 else {
                throw ArgumentError(Diagnostic(.argsValue, "a \(kind) takes \(kind == "jacobian" ? "at least one expression" : "exactly one expression") and at least one variable",
                                               hint: "for several expressions ask for the jacobian"), argument: "expressions")
            }
            let matrix: [[Expr]]
            switch kind {
            case "gradient": matrix = [try Derivative.gradient(parsed[0], by: by, budget: call.budget)]
            case "hessian": matrix = try Derivative.hessian(parsed[0], by: by, budget: call.budget)
            default: matrix = try Derivative.jacobian(parsed, by: by, budget: call.budget)
            }
            var rows: [JSONValue] = []
            var texts: [String] = []
            for row in matrix {
                var cells: [JSONValue] = []
                for entry in row {
                    let (forms, sizeWarnings) = try CommonArguments.forms(entry)
                    cells.append(forms)
                    warnings += sizeWarnings
                }
                rows.append(.array(cells))
                texts.append("[" + row.map { call.string("format") == "latex" ? LaTeXPrinter.print($0) : $0.description }.joined(separator: ", ") + "]")
            }
            var arguments: [Expr] = []
            for e in parsed { for u in Derivative.conditions(of: e, by: by) where !arguments.contains(u) { arguments.append(u) } }
            let (conditionFields, conditionWarnings) = DifferentiateTool.conditions(arguments)
            var fields: [(String, JSONValue)] = [("matrix", .array(rows))] + conditionFields
            var detail: [String] = []
            // a square Jacobian or Hessian: its determinant too (the Jacobian of a change of variables)
            if kind != "gradient", matrix.count == by.count, matrix.count <= Matrix.maxDimension {
                let determinant = try Matrix(matrix).determinant(budget: call.budget)
                let (forms, sizeWarnings) = try CommonArguments.forms(determinant)
                fields.append(("determinant", forms))
                warnings += sizeWarnings
                detail.append("determinant: " + determinant.description)
            }
            return ToolSuccess(fields: fields, text: "[" + texts.joined(separator: ", ") + "]", detail: detail,
                               warnings: warnings + conditionWarnings)
        }
    )
}
