import AnsatzCore
import AnsatzNumeric
import AnsatzParse
import AnsatzTools
import ArgumentParser
import Foundation

/// `ansatz eval EXPR --batch points.csv`: compiled evaluation over a CSV file, streamed. (Without
/// --batch, `ansatz eval` is the `evaluate` tool of the registry.) Batch files stay on the command
/// line: the MCP tool takes inline points instead.
struct BatchEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch-eval",
        abstract: "Evaluate an expression at every row of a CSV file (ansatz eval EXPR --batch FILE).",
        discussion: """
        The CSV's first line names the columns; the expression's symbols must be among them. Each \
        input line is written out with the result appended (column --name, default value). \
        Evaluation is in double precision, compiled (CSE, fused multiply-adds, libmvec with AVX2), \
        chunk by chunk on every core; NaN and infinities appear only where the mathematics puts \
        them and are counted on standard error. Use - for standard input.
        """,
        shouldDisplay: false
    )

    @Argument(help: "The expression (plain syntax or LaTeX).")
    var expression: [String] = []

    @Option(name: .long, help: "The CSV file of points (- for standard input).")
    var batch: String

    @Option(name: .long, help: "Write the result here instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Header of the result column.")
    var name: String = "value"

    @Option(name: .long, help: "Threads (default: every core).")
    var threads: Int?

    @Option(name: .long, help: "Input syntax: auto, plain or latex.")
    var syntax: String?

    func run() throws {
        let text = expression.joined(separator: " ")
        var options = ParseOptions()
        if let syntax, let s = ParseOptions.Syntax(rawValue: syntax) { options.syntax = s }
        let source = text
        do {
            let parsed = try ExpressionParser.parse(text, options: options)
            let program = try BatchProgram.compile([parsed.expr], inputs: parsed.expr.symbolNames)
            let input: Int32 = batch == "-" ? 0 : open(batch, O_RDONLY)
            guard input >= 0 else { throw ValidationError("cannot read \(batch)") }
            defer { if input > 0 { close(input) } }
            let out: Int32 = output.map { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) } ?? 1
            guard out >= 0 else { throw ValidationError("cannot write \(output ?? "")") }
            defer { if out > 1 { close(out) } }
            let s = try CSVBatch.run(BatchEvaluator(program), names: [name], input: input, output: out, threads: threads)
            let rate = s.seconds > 0 ? Double(s.rows) / s.seconds / 1e6 : 0
            let summary = String(format: "evaluated %d points in %.3f s (%.1f M points/s, %d operations per point): %d NaN, %d infinite\n",
                                 s.rows, s.seconds, rate, program.operationCount, s.nan, s.infinite)
            FileHandle.standardError.write(Data(summary.utf8))
        } catch let d as Diagnostic {
            FileHandle.standardError.write(Data(d.rendered(source: d.span == nil ? "" : source).utf8))
            throw ExitCode(d.kind.isBudgetOrLimit ? 3 : 2)
        }
    }
}
