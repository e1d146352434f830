import AnsatzAlgebra
import AnsatzCore
import AnsatzServer
import AnsatzTools
import ArgumentParser
import Foundation
import Logging

@main
struct Ansatz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ansatz",
        abstract: "Exact symbolic mathematics for physics: parse, simplify, differentiate, check dimensions, convert units, evaluate.",
        discussion: """
        Exit codes: 0 success, 1 the answer is "no", 2 bad input (a diagnostic is printed), 3 a budget ran out, \
        4 the output could not be written.
        Input syntax: plain (x^2 + 2*x, 91.1876 GeV) or LaTeX (\\frac{G_F^2 m_\\mu^5}{192\\pi^3}); see Grammar/.
        Every operation is a tool of the registry, run as `ansatz TOOL ...` (ansatz simplify, diff, check, \
        convert, eval, ...); `ansatz tools` lists them, `ansatz TOOL --help` describes one. \
        `ansatz eval EXPR --batch FILE.csv` evaluates over a CSV file (see `ansatz batch-eval --help`); \
        `ansatz surrogate fit|eval|combine` fits and evaluates cross-section surrogates from files.
        """,
        subcommands: [Parse.self, Print.self, Call.self, Tools.self, Serve.self, BatchEval.self, Surrogate.self]
    )

    /// Usage errors are bad input too: exit 2, never ArgumentParser's 64.
    static func main() {
        // A reader that goes away (a closed pipe, a client that quit) is an error on write, not a
        // signal that kills the process.
        signal(SIGPIPE, SIG_IGN)
        // `ansatz TOOL ...` for a registry tool without a subcommand of its own is `ansatz call TOOL ...`
        var words = Array(CommandLine.arguments.dropFirst())
        // `ansatz eval EXPR --batch FILE` streams a CSV through the compiled evaluator
        if let first = words.first, first == "eval" || first == "evaluate", words.contains("--batch") {
            words[0] = BatchEval._commandName
        }
        // `ansatz trigsimp EXPR` (any rewrite's SymPy name) is `ansatz simplify EXPR --method trigsimp`
        if let first = words.first, RewriteMethod(rawValue: first) != nil {
            words = ["call", "simplify"] + words.dropFirst() + ["--method", first]
        }
        let ownSubcommands = Set(configuration.subcommands.map { $0._commandName })
        if let first = words.first, !ownSubcommands.contains(first), ToolRegistry.tool(named: first) != nil {
            words.insert("call", at: 0)
        }
        do {
            var command = try parseAsRoot(words)
            try command.run()
            finishOutput()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                finishOutput()
                Foundation.exit(0)
            }
            if let explicit = error as? ExitCode {
                finishOutput()
                Foundation.exit(explicit.rawValue)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// The answer reached standard output, or the process says it did not: exit 4 when the output
/// could not be written (`ansatz expand ... > /dev/full` exited 0 with nothing written).
func finishOutput() {
    // fflush(nil) flushes every output stream (stdout among them) and fails if any write failed
    if fflush(nil) != 0 {
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(Data("ansatz: the result could not be written to standard output: \(reason)\n".utf8))
        Foundation.exit(4)
    }
}

/// Flags for the expression-reading arguments; their names are the tool argument names.
struct ReadingOptions: ParsableArguments {
    // Collects unrecognised words too, so that `ansatz parse -x^2` reads an expression, not an option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The expression, or - to read it from standard input.", valueName: "expression"))
    var words: [String] = []

    @Option(name: .long, help: "Read one expression per line from this file (blank lines and lines starting with # are skipped).")
    var file: String?

    @Option(name: .long, help: "Input syntax: auto, plain or latex.")
    var syntax: String?

    @Flag(name: .long, help: "Read i and I as the imaginary unit.")
    var complex = false

    @Option(name: .long, help: "Read decimals as MPFR floats of this many bits instead of exact rationals.")
    var floatPrecision: Int?

    @Option(name: .long, parsing: .upToNextOption, help: "Names to read as functions, e.g. --functions f g.")
    var functions: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Assumptions, e.g. --assumptions x:positive n:integer,nonzero.")
    var assumptions: [String] = []

    @Option(name: .long, help: "Assumptions as text, e.g. --assume 'x > 0, n integer, t real'.")
    var assume: String?

    @Option(name: .customLong("budget-ms"), help: "Time budget in milliseconds (default 60000).")
    var budgetMs: Int?

    /// The expressions to process: the argument, standard input, or every line of --file.
    func expressions() throws -> [String] {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read \(file)")
            }
            return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        }
        guard !words.isEmpty else { throw ValidationError("give an expression, - for standard input, or --file") }
        // an unknown --option is a mistake, not part of the expression (`parse x --format json`
        // was read as x + format*json); a leading single minus stays a sign (`parse -x^2`)
        if let option = words.first(where: { $0.range(of: #"^--[A-Za-z][A-Za-z0-9-]*(=.*)?$"#, options: .regularExpression) != nil }) {
            throw ValidationError("unknown option '\(option)' for this command (see --help); an expression starting with two minus signs is written -(-x)")
        }
        let expression = words.joined(separator: " ")
        if expression == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return [String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)]
        }
        return [expression]
    }

    /// The tool arguments for one expression.
    func arguments(_ expression: String, extra: [(String, JSONValue)] = []) throws -> JSONValue {
        var pairs: [(String, JSONValue)] = [("expression", .string(expression))]
        if let syntax { pairs.append(("syntax", .string(syntax))) }
        if complex { pairs.append(("complex", .bool(true))) }
        if let floatPrecision { pairs.append(("float_precision", .int(floatPrecision))) }
        if !functions.isEmpty { pairs.append(("functions", .array(functions.map { .string($0) }))) }
        if !assumptions.isEmpty {
            var table: [(String, JSONValue)] = []
            for item in assumptions {
                let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ValidationError("--assumptions takes name:assumption, got \(item)") }
                table.append((parts[0], .array(parts[1].split(separator: ",").map { .string(String($0)) })))
            }
            pairs.append(("assumptions", .object(table)))
        }
        if let assume { pairs.append(("assume", .string(assume))) }
        if let budgetMs { pairs.append(("budget_ms", .int(budgetMs))) }
        return .object(pairs + extra)
    }

    /// Calls `tool` once per expression; prints results with `show`, diagnostics with a caret to stderr.
    func run(tool: String, extra: [(String, JSONValue)] = [], show: (String, ToolResponse) -> Void) throws {
        var worst: Int32 = 0
        for expression in try expressions() {
            // at the terminal --budget-ms (default 60 s) limits a call; the server's cap is for the server
            let response = Call.run(tool, arguments: try arguments(expression, extra: extra))
            for w in response.warnings { FileHandle.standardError.write(Data(w.rendered(source: expression).utf8)) }
            if response.isError {
                FileHandle.standardError.write(Data((response.text.hasSuffix("\n") ? response.text : response.text + "\n").utf8))
                worst = max(worst, response.exitCode)
            } else {
                show(expression, response)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse an expression and print its canonical plain-text form (the `parse` tool).",
        discussion: "Example: ansatz parse 'exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)'"
    )

    @OptionGroup var input: ReadingOptions

    @Option(name: .long, help: "Output format: text, latex or json.")
    var format: String?

    func run() throws {
        try input.run(tool: "parse", extra: format.map { [("format", .string($0))] } ?? []) { _, response in print(response.text) }
    }
}

struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse an expression and print it as text, LaTeX or a JSON AST (the `parse` tool with `format`).",
        discussion: "Example: ansatz print '\\frac{G_F^2 m_\\mu^5}{192\\pi^3}' --format latex"
    )

    @OptionGroup var input: ReadingOptions

    @Option(name: .long, help: "Output format: text, latex or json.")
    var format: String = "text"

    func run() throws {
        try input.run(tool: "parse", extra: [("format", .string(format))]) { source, response in
            if input.file != nil && format == "text", let value = response.structured["value"] {
                print("\(source)\n  text:  \(value["text"]?.stringValue ?? "")\n  latex: \(value["latex"]?.stringValue ?? "")")
            } else {
                print(response.text)
            }
        }
    }
}

struct Tools: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the tools of the registry (the operations the CLI and the MCP server offer)."
    )

    @Flag(name: .long, help: "Print the registry as JSON: names, descriptions, input and output schemas.")
    var json = false

    @Flag(name: .long, help: "Print Docs/tools.md.")
    var markdown = false

    @Flag(name: .long, help: "Print Docs/units.md (units, constants and conventions, from the catalogs).")
    var unitsMarkdown = false

    @Flag(name: .long, help: "Print Docs/functions.md (the built-in functions, from the function catalog).")
    var functionsMarkdown = false

    func run() throws {
        if json {
            print(ToolDocs.json().serialized())
        } else if unitsMarkdown {
            print(UnitDocs.markdown(), terminator: "")
        } else if functionsMarkdown {
            print(FunctionDocs.markdown(), terminator: "")
        } else if markdown {
            print(ToolDocs.markdown(), terminator: "")
        } else {
            for tool in ToolRegistry.tools { print("\(tool.name)\t\(tool.title)") }
        }
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the tools over MCP (JSON-RPC 2.0, one message per line) on standard input and output.",
        discussion: "Logs go to standard error. Configure an MCP host with the command `ansatz serve` (see Docs/mcp.md)."
    )

    @Option(name: .long, help: "Log level on standard error: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    @Option(name: .long, help: "The tools to offer: profiles (algebra, units, numeric, verify, all) and tool names, comma-separated (default all).")
    var tools: String = "all"

    func run() throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
        let offered: [AnsatzTools.Tool]
        do {
            offered = try ToolRegistry.selection(tools)
        } catch let d as Diagnostic {
            throw ValidationError(d.message + (d.hint.map { "; " + $0 } ?? ""))
        }
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task.detached {
            do { try await ToolServer.serve(logLevel: level, tools: offered) } catch { failure.set("\(error)") }
            done.signal()
        }
        done.wait()
        if let message = failure.get() {
            FileHandle.standardError.write(Data("ansatz serve: \(message)\n".utf8))
            throw ExitCode(2)
        }
    }
}

final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func set(_ m: String) { lock.lock(); message = m; lock.unlock() }
    func get() -> String? { lock.lock(); defer { lock.unlock() }; return message }
}
