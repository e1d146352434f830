import AnsatzAlgebra
import AnsatzCalculus
import AnsatzCore
import AnsatzParse

/// `matrix`: determinant, inverse, transpose, product, linear solve, characteristic polynomial
/// and eigenvalues of small symbolic matrices.
enum MatrixTool {
    static let operations = ["determinant", "inverse", "transpose", "multiply", "solve", "charpoly", "eigenvalues"]

    static let matrix = ToolArgument(
        "expression", .string(allowed: nil),
        "The matrix: [[a, b], [c, d]] (a vector [a, b] is a column) or LaTeX \\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}.",
        required: true, brief: "[[a, b], [c, d]] or LaTeX pmatrix")
    static let operation = ToolArgument(
        "operation", .string(allowed: operations),
        "determinant (default), inverse, transpose, multiply (by other), solve (A x = other), charpoly (det(lambda*I - A)), eigenvalues.", brief: "")
    static let other = ToolArgument(
        "other", .string(allowed: nil), "The second matrix for multiply, or the right-hand side b for solve, in the same syntax.",
        brief: "second matrix (multiply) or b (solve)")

    static let tool = Tool(
        name: "matrix",
        title: "Matrix operations",
        description: """
        Exact linear algebra on small symbolic matrices (up to 12×12): determinant (fraction-free \
        elimination), inverse, transpose, multiply, solve A x = b, charpoly det(lambda*I - A), \
        eigenvalues with multiplicities (exact to degree 3, else certified decimals, each checked). \
        Example: {"expression": "[[a, b], [c, d]]", "operation": "inverse"} gives \
        [[d/(a*d - b*c), -b/(a*d - b*c)], [-c/(a*d - b*c), a/(a*d - b*c)]].
        """,
        arguments: [matrix, operation, other, CommonArguments.syntax, CommonArguments.complex, CommonArguments.floatPrecision,
                    CommonArguments.functions, CommonArguments.assumptions, CommonArguments.assume,
                    CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.expression),
            JacobianTool.matrixField,
            ("eigenvalues", .object([("type", .string("array")),
                                     ("items", .object([("type", .string("object")), ("properties", .object([
                                         ("value", .object([("type", .string("string"))])), ("multiplicity", .object([("type", .string("integer"))])),
                                         ("exact", .object([("type", .string("boolean"))])),
                                     ]))]))])),
        ],
        examples: [
            .valid(.object([("expression", .string("[[a, b], [c, d]]"))])),
            .valid(.object([("expression", .string("[[a, b], [c, d]]")), ("operation", .string("inverse"))])),
            .valid(.object([("expression", .string("[[2, 1], [1, 2]]")), ("operation", .string("eigenvalues"))])),
            .valid(.object([("expression", .string("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}")), ("operation", .string("solve")),
                            ("other", .string("[5, 6]"))])),
            .invalid(.object([("expression", .string("[[1, 2], [2, 4]]")), ("operation", .string("inverse"))]), .matrix),
            .invalid(.object([("expression", .string("[[1, 2], [3]]"))]), .matrix),
        ],
        trailingArguments: ["operation", "other"],
        handler: { call in
            let options = try CommonArguments.parseOptions(call)
            func read(_ argument: String) throws -> Matrix {
                do {
                    return try Matrix(try MatrixReader.read(call.string(argument) ?? "", options: options, budget: call.budget))
                } catch let d as Diagnostic {
                    throw ArgumentError(d, argument: argument)
                }
            }
            let a = try read("expression")
            let operation = call.string("operation") ?? "determinant"
            func otherMatrix() throws -> Matrix {
                guard call.string("other") != nil else {
                    throw ArgumentError(Diagnostic(.argsMissing, "\(operation) needs a second matrix", hint: "give other: the matrix to multiply by, or b in A x = b"),
                                        argument: "other")
                }
                return try read("other")
            }
            var result: Matrix?
            var scalar: Expr?
            switch operation {
            case "inverse": result = try a.inverse(budget: call.budget)
            case "transpose": result = a.transposed
            case "multiply": result = try a.times(try otherMatrix(), budget: call.budget)
            case "solve": result = try a.solving(try otherMatrix(), budget: call.budget)
            case "charpoly":
                let names = Set(a.rows.flatMap { $0.flatMap(\.symbolNames) })
                // a name the matrix does not use, in plain letters (λ_0 would print like lambda_0)
                let t = (["lambda", "t"] + (1...99).map { "lambda_\($0)" }).first { !names.contains($0) } ?? "lambda_100"
                scalar = try a.characteristicPolynomial(in: .symbol(t), budget: call.budget)
            case "eigenvalues":
                let values = try a.eigenvalues(budget: call.budget)
                let items: [JSONValue] = values.map {
                    .object([("value", .string($0.text)), ("multiplicity", .int($0.multiplicity)), ("exact", .bool($0.exact))])
                }
                let text = values.map { $0.multiplicity > 1 ? "\($0.text) (multiplicity \($0.multiplicity))" : $0.text }.joined(separator: "\n")
                return ToolSuccess(fields: [("eigenvalues", .array(items))], text: text.isEmpty ? "no eigenvalues" : text)
            default: scalar = try a.determinant(budget: call.budget)
            }
            if let scalar {
                return try CommonArguments.success(scalar, format: call.string("format"), warnings: [])
            }
            guard let m = result else { throw Diagnostic(.internalError, "no result", hint: "report this call") }
            var rows: [JSONValue] = []
            var warnings: [Diagnostic] = []
            for row in m.rows {
                var cells: [JSONValue] = []
                for entry in row {
                    let (forms, sizeWarnings) = try CommonArguments.forms(entry)
                    cells.append(forms)
                    warnings += sizeWarnings
                }
                rows.append(.array(cells))
            }
            let latex = "\\begin{pmatrix} " + m.rows.map { $0.map(LaTeXPrinter.print).joined(separator: " & ") }.joined(separator: " \\\\ ") + " \\end{pmatrix}"
            return ToolSuccess(fields: [("matrix", .array(rows))], text: call.string("format") == "latex" ? latex : m.text, warnings: warnings)
        }
    )
}
