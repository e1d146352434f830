import AnsatzCore
import AnsatzNumeric
import AnsatzParse

/// Features: inputs of a Gaussian process that are expressions of the parameters, compiled once
/// and evaluated by the batch evaluator, at fit time over the table and at prediction time over
/// each block, so that both see the same numbers.
struct Features: Sendable {
    let evaluator: BatchEvaluator

    /// nil when there are no features.
    static func compile(_ features: [(name: String, expression: String)], parameters: [String]) throws -> Features? {
        guard !features.isEmpty else { return nil }
        var options = ParseOptions(syntax: .plain)
        options.symbols = Set(parameters)
        let expressions = try features.map { f -> Expr in
            let e: Expr
            do { e = try ExpressionParser.parse(f.expression, options: options).expr } catch let d as Diagnostic {
                throw SurrogateError("feature \(f.name) = \(f.expression) does not read: \(d.message)")
            }
            let unknown = e.symbolNames.filter { !parameters.contains($0) }
            guard unknown.isEmpty else {
                throw SurrogateError("feature \(f.name) = \(f.expression) mentions \(unknown.joined(separator: ", ")), not a parameter",
                                     hint: "a feature is an expression of the parameters: " + parameters.joined(separator: ", "))
            }
            return e
        }
        do {
            return Features(evaluator: BatchEvaluator(try BatchProgram.compile(expressions, inputs: parameters)))
        } catch let d as Diagnostic {
            throw SurrogateError("the features do not compile: \(d.message)")
        }
    }

    /// The features at the table's rows.
    func values(_ parameters: [[Double]]) throws -> [[Double]] {
        evaluator.run(columns: parameters, threads: 1)
    }

    /// The features at `n` points (parameter columns already at the block's start) into `out`.
    func values(_ raw: [UnsafePointer<Double>], n: Int, into out: [UnsafeMutablePointer<Double>]) {
        evaluator.run(inputs: raw, outputs: out, count: n, threads: 1)
    }
}
