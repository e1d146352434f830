import AnsatzCore
import AnsatzParse
import AnsatzVerify

/// `verify_derivation`: judges every step of a derivation (Docs/verify.md).
enum VerifyTool {
    static let derivation = ToolArgument(
        "derivation", .derivation,
        #"The derivation: an object {"symbols": [{"name": "m", "unit": "kg", "assumptions": ["positive"]}], "definitions": ["gamma = 1/sqrt(1 - v^2/c^2)"], "constraints": ["v < c"], "step_kind": "chain" or "equations", "steps": ["...", "..."]} (Docs/verify.md), or text: a LaTeX aligned block (a &= b \\ &= c), or lines of which all but the first start with =. With text, declare symbols in `symbols`."#,
        required: true, acceptsFile: true, brief: "object {symbols, definitions, constraints, step_kind, steps}, or text: a LaTeX aligned block or = lines")
    static let symbols = ToolArgument(
        "symbols", .string(allowed: nil),
        "For a derivation given as text: 'm: kg positive, v: m/s real, n: integer' — per name a unit (or none for a pure number) and assumptions (real, positive, negative, nonnegative, nonzero, integer).",
        brief: "with text: 'm: kg positive, v: m/s real'")
    static let definitions = ToolArgument(
        "definitions", .stringList, "For text: definitions that hold throughout, 'gamma = 1/sqrt(1 - v^2/c^2)'.", brief: "with text: 'name = expression', ...")
    static let constraints = ToolArgument(
        "constraints", .stringList, "For text: inequalities restricting the domain, 'v < c'.", brief: "with text: 'v < c', ...")
    static let stepKind = ToolArgument(
        "step_kind", .string(allowed: Derivation.StepKind.allCases.map(\.rawValue)),
        "For text: chain (default: each step equals the previous) or equations (each follows from the previous).", brief: "with text: chain or equations")

    static let tool = Tool(
        name: "verify_derivation",
        title: "Check a derivation step by step",
        description: """
        Judges each step against the one before it: verified (the difference simplifies to 0, or \
        vanishes at 12 random points of the domain in 128-bit complex ball arithmetic), refuted \
        (with a point inside the assumptions and constraints where both steps' values are given and \
        proven different), dimension-error (the offending subexpression and the two dimensions), or \
        unknown (with the reason). Symbols without assumptions are complex, so branch cuts count: \
        declare real or positive what is. A declared name is that symbol even where a constant has \
        the name (c, h, e, E). Example: {"derivation": {"symbols": [{"name": "x", "unit": null, \
        "assumptions": ["real"]}], "steps": ["(x + 1)^2", "x^2 + 2*x + 1", "x^2 + 1"]}} verifies \
        step 2 and refutes step 3 at a point.
        """,
        arguments: [derivation, symbols, definitions, constraints, stepKind, CommonArguments.syntax, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("verdict", .object([("type", .string("string")), ("enum", .array(["verified", "refuted", "dimension-error", "unknown"].map { .string($0) })),
                                 ("description", .string("verified when every step is; else the first failing step's verdict, or unknown"))])),
            ("first_failing_step", .object([("type", .array([.string("integer"), .string("null")])), ("description", .string("number of the first refuted step or step with a dimension error"))])),
            ("steps", .object([("type", .string("array")), ("items", .object([("type", .string("object")), ("description", .string("{number, text, verdict, method, detail, evidence}"))]))])),
            ("names", .object([("type", .string("array")), ("items", .object([("type", .string("object")), ("description", .string("{name, read_as}: how each name was read"))]))])),
        ],
        examples: [
            .valid(.object([("derivation", .object([
                ("symbols", .array([.object([("name", .string("x")), ("unit", .null), ("assumptions", .array([.string("real")]))])])),
                ("steps", .array(["(x + 1)^2", "x^2 + 2*x + 1", "x^2 + 1"].map { .string($0) })),
            ]))])),
            .valid(.object([("derivation", .string(#"E^2 &= (p c)^2 + (m c^2)^2 \\ &= p^2 c^2 + m^2 c^4"#)),
                            ("symbols", .string("E: J, p: kg*m/s, m: kg positive"))])),
            .invalid(.object([("derivation", .object([("steps", .array([]))]))]), .derivation),
        ],
        aliases: ["verify"],
        handler: { call in
            let d = try read(call)
            let report = try Verifier.verify(d, budget: call.budget)
            return result(report, format: call.string("format"))
        }
    )

    static func read(_ call: ToolCall) throws -> Derivation {
        do {
            var d: Derivation
            switch call.arguments["derivation"] {
            case let .object(pairs)?:
                d = try Derivation.read(json: .object(pairs))
            case let .string(text)?:
                let trimmed = text.trimmingBlanks
                if trimmed.hasPrefix("{") {
                    let json: JSONValue
                    do { json = try JSONReader.parse(trimmed, maxDepth: 64) } catch let e as Diagnostic {
                        throw Diagnostic(.derivation, "the derivation looks like JSON but does not parse: \(e.message)", hint: "see Docs/verify.md")
                    }
                    d = try Derivation.read(json: json)
                } else {
                    let kind = call.string("step_kind").flatMap(Derivation.StepKind.init(rawValue:)) ?? .chain
                    d = try Derivation.read(text: text, stepKind: kind)
                }
            default:
                throw Diagnostic(.derivation, "no derivation", hint: "give derivation as an object or as text")
            }
            // the separate arguments add to what the derivation itself declares
            if let text = call.string("symbols") { d.symbols += try Derivation.symbols(fromText: text) }
            d.definitions += call.strings("definitions")
            d.constraints += call.strings("constraints")
            if let s = call.string("syntax"), let syntax = ParseOptions.Syntax(rawValue: s) { d.syntax = syntax }
            return d
        } catch let e as Diagnostic where e.kind == .derivation {
            throw ArgumentError(e, argument: "derivation")
        }
    }

    static func result(_ report: VerificationReport, format: String?) -> ToolSuccess {
        let steps: [JSONValue] = report.steps.map { s in
            .object([("number", .int(s.number)), ("text", .string(s.text)), ("verdict", .string(s.verdict.rawValue)),
                     ("method", .string(s.method)), ("detail", .string(s.detail)), ("evidence", .object(s.evidence))])
        }
        let names: [JSONValue] = report.names.map { .object([("name", .string($0.name)), ("read_as", .string($0.readAs))]) }
        let fields: [(String, JSONValue)] = [
            ("verdict", .string(report.overall.rawValue)),
            ("first_failing_step", report.firstFailing.map { .int($0) } ?? .null),
            ("steps", .array(steps)), ("names", .array(names)),
        ]
        var lines: [String] = []
        let width = report.steps.map(\.text.count).max().map { min($0, 48) } ?? 0
        for s in report.steps {
            let shown = s.text.count > 48 ? String(s.text.prefix(45)) + "..." : s.text
            lines.append("step \(s.number)  \(shown.padding(toLength: width, withPad: " ", startingAt: 0))  \(s.verdict.rawValue): \(s.detail)")
        }
        let overall = report.overall
        lines.append(overall == .verified ? "verified: every step holds"
                     : report.firstFailing.map { "\(overall.rawValue): step \($0) fails" } ?? "unknown: not every step could be decided")
        if !report.names.isEmpty {
            lines.append("names: " + report.names.map { "\($0.name) (\($0.readAs))" }.joined(separator: "; "))
        }
        let exit: Int32 = overall == .verified ? 0 : (overall == .unknown ? 3 : 1)
        return ToolSuccess(fields: fields, text: lines.joined(separator: "\n"), exitCode: exit)
    }
}
