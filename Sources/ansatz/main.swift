import AnsatzCore
import AnsatzParse
import ArgumentParser
import Foundation

/// Exit codes shared by every command: 0 success, 1 the answer is "no", 2 bad input, 3 a budget ran out.
enum Exit {
    static let no: Int32 = 1
    static let badInput: Int32 = 2
    static let budget: Int32 = 3

    static func code(for d: Diagnostic) -> Int32 {
        d.code.hasPrefix("E-BUDGET") || d.code.hasPrefix("E-LIMIT") ? budget : badInput
    }
}

@main
struct Ansatz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ansatz",
        abstract: "Exact symbolic mathematics for physics: parse, print and (soon) simplify, check units, evaluate.",
        discussion: """
        Exit codes: 0 success, 1 the answer is "no", 2 bad input (a diagnostic is printed), 3 a budget ran out.
        Input syntax: plain (x^2 + 2*x, 91.1876 GeV) or LaTeX (\\frac{G_F^2 m_\\mu^5}{192\\pi^3}); see Grammar/.
        """,
        subcommands: [Parse.self, Print.self]
    )
}

/// Options every expression-reading command shares. Names match the tool server's arguments.
struct InputOptions: ParsableArguments {
    // Collects unrecognised words too, so that `ansatz parse -x^2` reads an expression, not an option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The expression, or - to read it from standard input.", valueName: "expression"))
    var words: [String] = []

    var expression: String? { words.isEmpty ? nil : words.joined(separator: " ") }

    @Option(name: .long, help: "Read one expression per line from this file (blank lines and lines starting with # are skipped).")
    var file: String?

    @Option(name: .long, help: "Input syntax: auto, plain or latex.")
    var syntax: String = "auto"

    @Flag(name: .long, help: "Read i and I as the imaginary unit.")
    var complex = false

    @Option(name: .long, help: "Read decimals as MPFR floats of this many bits instead of exact rationals.")
    var floatPrecision: Int?

    @Option(name: .long, parsing: .upToNextOption, help: "Names to read as functions, e.g. --functions f g.")
    var functions: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Assumptions, e.g. --assumptions x:positive n:integer.")
    var assumptions: [String] = []

    @Option(name: .customLong("budget-ms"), help: "Time budget in milliseconds.")
    var budgetMs: Int?

    func parseOptions() throws -> ParseOptions {
        guard let s = ParseOptions.Syntax(rawValue: syntax) else {
            throw ValidationError("--syntax must be auto, plain or latex")
        }
        var table: [String: Assumptions] = [:]
        for item in assumptions {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--assumptions takes name:assumption, got \(item)") }
            var set = table[parts[0]] ?? []
            for word in parts[1].split(separator: ",") {
                guard let a = Assumptions(name: String(word)) else {
                    throw ValidationError("unknown assumption \(word); use real, positive, nonnegative, integer, nonzero")
                }
                set.insert(a)
            }
            table[parts[0]] = set
        }
        return ParseOptions(syntax: s, complex: complex, floatPrecision: floatPrecision,
                            functions: Set(functions), assumptions: table)
    }

    /// The inputs to process: one from the argument or stdin, or every line of --file.
    func inputs() throws -> [String] {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read \(file)")
            }
            return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") }
        }
        guard let expression else { throw ValidationError("give an expression, - for standard input, or --file") }
        if expression == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return [String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)]
        }
        return [expression]
    }

    /// Parses each input and hands the result to `body`; renders diagnostics and picks the exit code.
    func run(_ body: (String, ParseResult) -> Void) throws {
        let options = try parseOptions()
        var worst: Int32 = 0
        for input in try inputs() {
            let budget = Budget(milliseconds: budgetMs)
            do {
                let result = try ExpressionParser.parse(input, options: options, budget: budget)
                for w in result.warnings { FileHandle.standardError.write(Data(w.rendered(source: input).utf8)) }
                body(input, result)
            } catch let d as Diagnostic {
                FileHandle.standardError.write(Data(d.rendered(source: input).utf8))
                worst = max(worst, Exit.code(for: d))
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}

struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse an expression and print its canonical plain-text form.",
        discussion: "Example: ansatz parse 'exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)'"
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        try input.run { _, result in print(result.expr.description) }
    }
}

struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse an expression and print it as text, LaTeX or a JSON AST (Docs/json-ast.md).",
        discussion: "Example: ansatz print '\\frac{G_F^2 m_\\mu^5}{192\\pi^3}' --format latex"
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Output format: text, latex or json.")
    var format: String = "text"

    func validate() throws {
        guard ["text", "latex", "json"].contains(format) else {
            throw ValidationError("--format must be text, latex or json")
        }
    }

    func run() throws {
        try input.run { source, result in
            switch format {
            case "latex": print(LaTeXPrinter.print(result.expr))
            case "json": print(JSONPrinter.json(result.expr).serialized())
            default:
                if input.file != nil {
                    print("\(source)\n  text:  \(result.expr)\n  latex: \(LaTeXPrinter.print(result.expr))")
                } else {
                    print(result.expr.description)
                }
            }
        }
    }
}
