import AnsatzCore
import AnsatzTools
import ArgumentParser
import Foundation

/// `ansatz call TOOL [EXPRESSION] [--argument value ...]`: any tool of the registry from the command
/// line, its flags derived from its argument names. `ansatz TOOL ...` means the same for tools that
/// have no subcommand of their own, so a tool added to the registry is on the command line at once.
struct Call: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Call any tool of the registry: ansatz call TOOL [expression] [--argument value ...].",
        discussion: """
        Flags are the tool's argument names with - for _ (budget_ms is --budget-ms); booleans take no \
        value; lists take several values (--functions f g); assumptions are name:assumption \
        (--assumptions x:positive) or text (--assume 'x > 0, n integer'). Words before the first flag \
        form the expression (- reads standard input); for tools with a trailing argument the first word \
        is the expression and the rest fill it (ansatz diff 'x^2*y' x y; ansatz subs 'x + y' x=1). \
        --json prints the structured result. `ansatz call TOOL --help` describes a tool.
        """
    )

    @Argument(help: "The tool's name (see `ansatz tools`).")
    var tool: String

    @Argument(parsing: .captureForPassthrough, help: "The expression and the tool's flags.")
    var rest: [String] = []

    func run() throws {
        guard let spec = ToolRegistry.tool(named: tool) else {
            throw ValidationError("no tool named \(tool); tools: " + ToolRegistry.tools.map(\.name).joined(separator: ", "))
        }
        if rest.contains("--help") || rest.contains("-h") {
            print(Call.help(for: spec))
            return
        }
        let (arguments, json) = try Call.arguments(for: spec, from: rest)
        let response = Call.run(spec.name, arguments: arguments)
        // warnings point into the expression; an error into the argument it names
        let expression = arguments["expression"]?.stringValue ?? ""
        for w in response.warnings { FileHandle.standardError.write(Data(w.rendered(source: w.span == nil ? "" : expression).utf8)) }
        if json {
            print(response.structured.serialized())
        } else if response.isError {
            FileHandle.standardError.write(Data((response.text.hasSuffix("\n") ? response.text : response.text + "\n").utf8))
        } else {
            print(response.text)
        }
        if response.exitCode != 0 { throw ExitCode(response.exitCode) }
    }

    /// The command line's budget when `--budget-ms` is not given: long enough for any sensible
    /// call, short enough that a runaway one ends by itself.
    static let defaultBudgetMilliseconds = 60_000

    /// Runs a tool for the command line: no server cap, `--budget-ms` or the default budget, and
    /// through the scheduler, so that a step no budget check reaches still ends at the deadline.
    static func run(_ name: String, arguments: JSONValue) -> ToolResponse {
        var arguments = arguments
        let takesBudget = ToolRegistry.tool(named: name)?.arguments.contains { $0.name == "budget_ms" } ?? false
        if takesBudget, case let .object(pairs) = arguments, !pairs.contains(where: { $0.0 == "budget_ms" }) {
            arguments = .object(pairs + [("budget_ms", .int(defaultBudgetMilliseconds))])
        }
        return CallScheduler.shared.call(name, arguments: arguments, cap: nil)
    }

    /// Tool arguments from command-line words.
    static func arguments(for tool: Tool, from words: [String]) throws -> (JSONValue, json: Bool) {
        var pairs: [(String, JSONValue)] = []
        var positional: [String] = []
        var json = false
        var i = 0
        func values() -> [String] {
            var out: [String] = []
            while i < words.count && !(words[i].hasPrefix("--") && words[i].count > 2) { out.append(words[i]); i += 1 }
            return out
        }
        while i < words.count {
            let word = words[i]
            i += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positional.append(word)
                continue
            }
            var name = String(word.dropFirst(2)).replacingOccurrences(of: "-", with: "_")
            if let canonical = tool.flagAliases[name] { name = canonical }
            if name == "json" { json = true; continue }
            guard let argument = tool.arguments.first(where: { $0.name == name }) else {
                throw ValidationError("\(tool.name) has no flag \(word); flags: "
                                      + tool.arguments.map { "--" + $0.name.replacingOccurrences(of: "_", with: "-") }.joined(separator: " "))
            }
            switch argument.kind {
            case .boolean:
                pairs.append((name, .bool(true)))
            case .string, .declarations, .derivation, .model:
                guard i < words.count else { throw ValidationError("\(word) needs a value") }
                var value = words[i]
                if argument.acceptsFile, value.hasPrefix("@") {
                    guard let file = FileHandle(forReadingAtPath: String(value.dropFirst())),
                          let text = String(data: file.readDataToEndOfFile(), encoding: .utf8) else {
                        throw ValidationError("cannot read \(value.dropFirst())")
                    }
                    value = text
                }
                pairs.append((name, .string(value)))
                i += 1
            case .integer:
                guard i < words.count, let n = Int(words[i]) else { throw ValidationError("\(word) needs an integer") }
                pairs.append((name, .int(n)))
                i += 1
            case .stringList:
                pairs.append((name, .array(values().map { .string($0) })))
            case .stringMap:
                var table: [(String, JSONValue)] = []
                for item in values().flatMap(Call.splitPairs) {
                    let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingBlanks }
                    guard parts.count == 2 else { throw ValidationError("\(word) takes name=value, got \(item)") }
                    table.append((parts[0], .string(parts[1])))
                }
                pairs.append((name, .object(table)))
            case .numberColumns:
                // --points m=500,1000 r=0.1,0.2
                var table: [(String, JSONValue)] = []
                for item in values() {
                    let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                    let numbers = parts.count == 2 ? parts[1].split(separator: ",").compactMap { Double($0) } : []
                    guard parts.count == 2, numbers.count == parts[1].split(separator: ",").count else {
                        throw ValidationError("\(word) takes name=1,2,3, got \(item)")
                    }
                    table.append((parts[0], .array(numbers.map { .double($0) })))
                }
                pairs.append((name, .object(table)))
            case .assumptionMap:
                var table: [(String, JSONValue)] = []
                for item in values() {
                    let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw ValidationError("\(word) takes name:assumption, got \(item)") }
                    table.append((parts[0], .array(parts[1].split(separator: ",").map { .string(String($0)) })))
                }
                pairs.append((name, .object(table)))
            }
        }
        // `ansatz diff EXPR x y`: the words after the expression go to the tool's trailing argument
        // (all the words, for a tool without an expression: `ansatz units energy`)
        let takesExpression = tool.arguments.contains { $0.name == "expression" }
        if tool.trailingArguments.count > 1, positional.count > (takesExpression ? 1 : 0) {
            // `ansatz limit EXPR x 0`: one word for each, the last taking the rest
            var tail = Array(positional.dropFirst(takesExpression ? 1 : 0))
            positional = takesExpression ? [positional[0]] : []
            for (k, trailing) in tool.trailingArguments.enumerated() where !tail.isEmpty {
                guard let argument = tool.arguments.first(where: { $0.name == trailing }) else { continue }
                guard !pairs.contains(where: { $0.0 == trailing }) else {
                    throw ValidationError("give \(trailing) either after the expression or as --\(trailing), not both")
                }
                let isLast = k == tool.trailingArguments.count - 1
                let words = isLast ? tail : [tail[0]]
                tail.removeFirst(words.count)
                switch argument.kind {
                case .stringList: pairs.append((trailing, .array(words.map { .string($0) })))
                case .string where words.count == 1: pairs.append((trailing, .string(words[0])))
                default: throw ValidationError("\(tool.name) takes one \(trailing) there, got \(words.joined(separator: " "))")
                }
            }
        } else if let trailing = tool.trailingArgument, positional.count > (takesExpression ? 1 : 0),
           let argument = tool.arguments.first(where: { $0.name == trailing }) {
            // all the words form the one value, or each is an item of a list (solve's equations)
            let listed = argument.kind == .stringList && !takesExpression
            let tail = takesExpression || listed ? Array(positional.dropFirst(takesExpression ? 1 : 0)) : [positional.joined(separator: " ")]
            positional = takesExpression ? [positional[0]] : []
            guard !pairs.contains(where: { $0.0 == trailing }) else {
                throw ValidationError("give \(trailing) either after the expression or as --\(trailing), not both")
            }
            switch argument.kind {
            case .stringList:
                pairs.append((trailing, .array(tail.map { .string($0) })))
            case .string where tail.count == 1:
                pairs.append((trailing, .string(tail[0])))
            case .stringMap:
                var table: [(String, JSONValue)] = []
                for item in tail.flatMap(Call.splitPairs) {
                    let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw ValidationError("\(tool.name) takes pattern=replacement after the expression, got \(item)") }
                    table.append((parts[0], .string(parts[1])))
                }
                pairs.append((trailing, .object(table)))
            default:
                throw ValidationError("\(tool.name) takes one \(trailing) after the expression")
            }
        }
        // `ansatz verify FILE` (or - for standard input): the file is the derivation
        if !positional.isEmpty, !takesExpression, let main = tool.arguments.first(where: { $0.kind == .derivation }) {
            guard positional.count == 1, !pairs.contains(where: { $0.0 == main.name }) else {
                throw ValidationError("\(tool.name) takes one FILE (- for standard input), or --\(main.name) TEXT")
            }
            let data = positional[0] == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: positional[0])
            guard let data else { throw ValidationError("cannot read \(positional[0])") }
            pairs.insert((main.name, .string(String(decoding: data, as: UTF8.self))), at: 0)
            positional = []
        }
        if !positional.isEmpty {
            guard tool.arguments.contains(where: { $0.name == "expression" }) else {
                throw ValidationError("\(tool.name) takes no expression; use its flags")
            }
            var expression = positional.joined(separator: " ")
            if expression == "-" {
                expression = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                    .trimmingCharacters(in: .newlines)
            }
            pairs.insert(("expression", .string(expression)), at: 0)
        }
        return (.object(pairs), json)
    }

    /// `x=3/2, m=173.1 GeV` as two pairs: commas outside brackets separate them.
    static func splitPairs(_ word: String) -> [String] {
        var pieces: [String] = [], current = "", depth = 0
        for ch in word {
            switch ch {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case "," where depth == 0:
                pieces.append(current)
                current = ""
                continue
            default: break
            }
            current.append(ch)
        }
        pieces.append(current)
        return pieces.map(\.trimmingBlanks).filter { !$0.isEmpty }
    }

    static func help(for tool: Tool) -> String {
        var out = "\(tool.name): \(tool.title)\n\n\(tool.description)\n\nFLAGS:\n"
        for a in tool.arguments {
            let flag = a.name == "expression" ? "<expression> (or -)" : "--" + a.name.replacingOccurrences(of: "_", with: "-")
            // the command line's own spelling of the object-valued arguments
            let cli: String
            switch a.kind {
            case .assumptionMap: cli = " On the command line: --assumptions x:positive n:integer,nonzero."
            case .stringMap: cli = " On the command line: name=value pairs."
            default: cli = ""
            }
            out += "  \(flag)\(a.required ? " (required)" : "")\n      \(a.description)\(cli)\n"
        }
        return out + "  --json\n      Print the structured result as JSON.\n"
    }
}
