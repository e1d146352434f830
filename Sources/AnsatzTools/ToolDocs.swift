import AnsatzCore

/// The registry as documents: a JSON dump (`ansatz tools --json`) and Docs/tools.md.
public enum ToolDocs {
    public static func json() -> JSONValue {
        .array(ToolRegistry.tools.map { tool in
            .object([("name", .string(tool.name)), ("title", .string(tool.title)),
                     ("description", .string(tool.description)),
                     ("inputSchema", tool.inputSchema), ("outputSchema", tool.outputSchema),
                     ("examples", .array(tool.examples.map { example in
                         .object([("arguments", example.arguments), ("error", example.errorCode.map { .string($0) } ?? .null)])
                     }))])
        })
    }

    /// Docs/tools.md. A test fails when the file and this text differ: regenerate it with
    /// `swift run ansatz tools --markdown > Docs/tools.md`.
    public static func markdown() -> String {
        var out = """
        # Tools

        Generated from the registry by `ansatz tools --markdown`; do not edit by hand. The same
        operations are `ansatz` subcommands (flags are the argument names with `-` for `_`) and MCP
        tools. Every result has `ok`, `stop_reason` (`completed`, `error`, `budget`), `elapsed_ms` and
        `warnings`; a failed call has `error`, a diagnostic (`code`, `message`, `argument`, `span`,
        `hint`) listed in [diagnostics.md](diagnostics.md).

        ## What an MCP client is told once

        `ansatz serve` sends this as the server's instructions, and lists each tool with a compact
        schema (shared arguments in a few words, result fields with their types): the whole list is
        under 32 KB. `ansatz serve --tools PROFILE,NAME,...` offers a subset.

        """
        out += "\n```text\n" + ToolRegistry.instructions + "\n```\n\n| profile | tools |\n| --- | --- |\n"
        for (name, tools) in ToolRegistry.profiles.sorted(by: { $0.key < $1.key }) where name != "all" {
            out += "| `\(name)` | " + tools.map { "`\($0)`" }.joined(separator: ", ") + " |\n"
        }
        for tool in ToolRegistry.tools {
            out += "\n## `\(tool.name)`: \(tool.title)\n\n\(tool.description)\n\n"
            out += "| argument | type | required | meaning |\n| --- | --- | --- | --- |\n"
            for a in tool.arguments {
                out += "| `\(a.name)` | \(typeName(a.kind)) | \(a.required ? "yes" : "no") | \(a.description.replacingPipes) |\n"
            }
            out += "\nResult fields: " + tool.resultFields.map { "`\($0.0)`" }.joined(separator: ", ") + ".\n"
            out += "\nExamples:\n\n"
            for example in tool.examples {
                let outcome = example.errorCode.map { "fails with `\($0)`" } ?? "succeeds"
                out += "- `\(example.arguments.serialized())` \(outcome)\n"
            }
        }
        return out
    }

    static func typeName(_ kind: ToolArgument.Kind) -> String {
        switch kind {
        case let .string(allowed): return allowed.map { "one of " + $0.map { "`\($0)`" }.joined(separator: ", ") } ?? "string"
        case let .integer(minimum, maximum): return "integer, \(minimum) to \(maximum)"
        case .boolean: return "boolean"
        case .stringList: return "list of strings"
        case .assumptionMap: return "object: name → list of assumptions"
        case .stringMap: return "object: expression → expression (or number)"
        case .declarations: return "string, or object: name → unit, dimension or kind"
        case .derivation: return "object (Docs/verify.md), or text"
        case .model: return "object (Docs/surrogates.md), or its JSON text"
        case let .numberColumns(maximum): return "object: name → list of numbers (at most \(maximum) points)"
        }
    }
}

extension String {
    var replacingPipes: String {
        var out = ""
        for c in self { out += c == "|" ? "\\|" : String(c) }
        return out
    }
}
