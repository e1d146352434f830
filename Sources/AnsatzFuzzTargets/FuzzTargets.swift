import AnsatzAlgebra
import AnsatzCore
import AnsatzNumeric
import AnsatzParse
import AnsatzServer
import AnsatzSurrogate
import AnsatzTools
import AnsatzVerify
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The fuzz targets of issue 16: each takes arbitrary bytes and drives one reader of untrusted
/// input the way the product does. A target never checks results (other tests do that); it only
/// has to return, so that a trap, a sanitizer report or a timeout is a finding.
///
/// The same functions replay the checked-in corpora (`Tests/fuzz/corpus/TARGET/`) in the unit tests,
/// so every input that ever crashed stays a regression test in the ordinary build; `ansatz-fuzz`
/// links them to libFuzzer (see `Tests/fuzz/run.sh`).
public enum FuzzTargets {
    public static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("plain", plain), ("latex", latex), ("json-ast", jsonAST), ("rules", rules),
        ("tools", tools), ("csv", csv), ("jsonrpc", jsonRPC), ("derivation", derivation), ("surrogate", surrogate),
    ]

    public static func target(named name: String) -> (@Sendable ([UInt8]) -> Void)? {
        all.first { $0.name == name }?.run
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Everything the product does with a parsed expression before it answers: print it as text,
    /// LaTeX and JSON AST, and read the AST back.
    static func render(_ e: Expr) {
        _ = TextPrinter.print(e)
        _ = LaTeXPrinter.print(e)
        let ast = JSONPrinter.json(e).serialized()
        _ = try? JSONExprReader.expr(fromJSON: ast)
    }

    /// The plain-syntax parser, with the options a tool call can set.
    static func plain(_ bytes: [UInt8]) {
        var options = ParseOptions(syntax: .plain)
        options.complex = bytes.first.map { $0 & 1 == 1 } ?? false
        options.recordSyntax = true
        if let parsed = try? ExpressionParser.parse(text(bytes), options: options) { render(parsed.expr) }
    }

    static func latex(_ bytes: [UInt8]) {
        var options = ParseOptions(syntax: .latex)
        options.recordSyntax = true
        if let parsed = try? ExpressionParser.parse(text(bytes), options: options) { render(parsed.expr) }
    }

    /// The JSON AST reader (`Docs/json-ast.md`), which an agent may send instead of text.
    static func jsonAST(_ bytes: [UInt8]) {
        if let e = try? JSONExprReader.expr(fromJSON: text(bytes)) { render(e) }
    }

    /// A rule file, then its rules applied to a fixed expression under a small budget.
    static func rules(_ bytes: [UInt8]) {
        guard let book = try? RuleBook.parse(text(bytes), origin: "fuzz"), !book.rules.isEmpty else { return }
        guard let subject = try? ExpressionParser.parse("sin(x)^2 + cos(x)^2 + f(y)*2 + exp(a*b) - log(x^3)/sqrt(y)",
                                                        options: ParseOptions(syntax: .plain, functions: ["f"])).expr else { return }
        _ = try? Rewriter.rewrite(subject, rules: book.rules, budget: Budget(milliseconds: 50, maxSteps: 20_000))
    }

    /// A tool call through the registry, as the server and the command line make it: the first
    /// byte picks the tool, the rest is its arguments as JSON (or, when that is not a JSON
    /// object, the `expression` argument). Calls run under a 300 ms budget.
    static func tools(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let tool = ToolRegistry.tools[Int(first) % ToolRegistry.tools.count]
        let rest = text(Array(bytes.dropFirst()))
        let arguments: JSONValue
        if let value = try? JSONReader.parse(rest, maxDepth: 64), case .object = value {
            arguments = value
        } else {
            arguments = .object([("expression", .string(rest))])
        }
        let response = ToolRegistry.call(tool.name, arguments: arguments, cap: 300)
        _ = response.structured.serialized()
        _ = response.contentText
    }

    /// Seeds for `tools`: every example call in the registry (the examples the tool list shows),
    /// each as its tool's index byte and the arguments' JSON.
    public static var toolSeeds: [[UInt8]] {
        ToolRegistry.tools.enumerated().flatMap { index, tool in
            tool.examples.map { [UInt8(index)] + Array($0.arguments.serialized().utf8) }
        }
    }

    /// The CSV batch reader: the bytes as the file of `ansatz eval EXPR --batch FILE`, for an
    /// expression in `m` and `r`.
    static func csv(_ bytes: [UInt8]) {
        guard let parsed = try? ExpressionParser.parse("m*exp(-r) + sqrt(m)/r - log(m)", options: ParseOptions(syntax: .plain)),
              let program = try? BatchProgram.compile([parsed.expr], inputs: ["m", "r"]) else { return }
        guard let input = memoryFile(bytes) else { return }
        defer { close(input) }
        let output = open("/dev/null", O_WRONLY)
        guard output >= 0 else { return }
        defer { close(output) }
        _ = try? CSVBatch.run(BatchEvaluator(program), names: ["y"], input: input, output: output, threads: 2)
    }

    /// The server's reading side: the bytes as standard input, split into lines (a small line cap,
    /// so that the over-long path runs too), each parsed and its envelope checked as the
    /// transport does before a request reaches a tool.
    static func jsonRPC(_ bytes: [UInt8]) {
        guard let input = memoryFile(bytes) else { return }
        defer { close(input) }
        LineTransport.readLines(from: input, maxLine: 4096, { line in
            guard let message = try? JSONReader.parse(String(decoding: line, as: UTF8.self), maxDepth: 256) else { return }
            _ = LineTransport.envelopeProblem(message)
            if let id = message["id"] { _ = LineTransport.requestKey(id) }
            _ = message.serialized()
        }, tooLong: { _ in })
    }

    /// The derivation reader (Docs/verify.md), JSON or text, then the verifier under a 200 ms budget.
    static func derivation(_ bytes: [UInt8]) {
        let text = text(bytes)
        let d: Derivation?
        if text.first == "{" {
            d = (try? JSONReader.parse(text, maxDepth: 64)).flatMap { try? Derivation.read(json: $0) }
        } else {
            d = try? Derivation.read(text: text, stepKind: bytes.count % 2 == 0 ? .chain : .equations)
        }
        guard let d else { return }
        _ = try? Verifier.verify(d, budget: Budget(milliseconds: 200))
    }

    /// Surrogates (Docs/surrogates.md): bytes starting with `{` are a model file, read, factored
    /// and evaluated at points inside, at the edges of and outside its range and over a small CSV;
    /// other bytes are a table, fitted (a short fit, under a 200 ms budget) on its first column
    /// with the last as the output.
    static func surrogate(_ bytes: [UInt8]) {
        let text = text(bytes)
        if text.first == "{" {
            guard let model = try? SurrogateModel.read(text), let predictor = try? SurrogatePredictor(model) else { return }
            let columns = model.parameters.map { p in [p.range.lowerBound, (p.range.lowerBound + p.range.upperBound) / 2, p.range.upperBound, p.range.upperBound * 2 + 1, -1] }
            _ = try? predictor.predict(columns, threads: 2)
            let header = model.parameters.map(\.name).joined(separator: ",")
            let rows = (0..<3).map { i in model.parameters.map { "\($0.range.lowerBound + Double(i))" }.joined(separator: ",") }
            _ = try? SurrogateCSV.evaluate(predictor, csv: ([header] + rows).joined(separator: "\n"), source: "fuzz", names: ["y"],
                                           eventsPerUnit: 2, threads: 1) { _ in }
            _ = try? model.eventsPerUnitOutput(luminosity: "139/fb")
        } else {
            guard let table = try? SurrogateTable.csv(text, source: "fuzz"), table.names.count >= 2 else { return }
            var request = SurrogateFitRequest(parameters: [table.names[0]], output: table.names[table.names.count - 1])
            request.gp.restarts = 1
            request.gp.maxIterations = 5
            request.experts = table.rows >= 8 && bytes.count % 2 == 0 ? 2 : 1
            if let model = try? SurrogateFitter.fit(table, request, budget: Budget(milliseconds: 200)) {
                _ = try? SurrogatePredictor(model).predict([table.columns[0]], threads: 1)
            }
        }
    }

    /// A file descriptor reading `bytes` from the start (an unlinked temporary file: no pipe
    /// buffer limit, no writer thread).
    static func memoryFile(_ bytes: [UInt8]) -> Int32? {
        guard let file = tmpfile() else { return nil }
        defer { fclose(file) }
        guard bytes.withUnsafeBytes({ fwrite($0.baseAddress, 1, $0.count, file) }) == bytes.count, fflush(file) == 0 else { return nil }
        let fd = dup(fileno(file))
        guard fd >= 0 else { return nil }
        guard lseek(fd, 0, SEEK_SET) == 0 else { close(fd); return nil }
        return fd
    }
}
