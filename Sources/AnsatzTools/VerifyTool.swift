import AnsatzCore
import AnsatzParse
import AnsatzVerify

/// `verify_derivation`: judges every step of a derivation (Docs/verify.md).
enum VerifyTool {
    static let derivation = ToolArgument(
        "derivation", .derivation,
        #"The derivation: an object {"symbols": [{"name": "m", "unit": "kg", "assumptions": ["positive"]}], "definitions": ["gamma = 1/sqrt(1 - v^2/c^2)"], "constraints": ["v < c"], "step_kind": "chain" or "equations", "steps": ["...", "..."]} (Docs/verify.md), or text: a LaTeX aligned block (a &= b \\ &= c), or lines of which all but the first start with =. With text, declare symbols in `symbols`."#,
        required: true, acceptsFile: true, brief: "object {symbols, steps, ...} (Docs/verify.md) or text (an aligned block)")
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
        Checks each step against the previous one: verified (the difference simplifies to 0, or \
        vanishes at 12 random points in 128-bit complex balls), refuted (a point inside the \
        assumptions and constraints where both values are proven different), dimension-error (the \
        subexpression, both dimensions) or unknown (why). Undeclared symbols are complex: declare \
        real or positive ones. Example: {"derivation": {"symbols": [{"name": "x", "assumptions": \
        ["real"]}], "steps": ["(x+1)^2", "x^2+2*x+1"]}}.
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
            try d.validate()  // again: the separate arguments may declare a name twice
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

/// `equivalent`: are two answers the same, with their units? (`\frac12`, `0.5` and `1/2` are;
/// `3 m` and `300 cm` are; `3 m` and `3 s` are not; an equation and the same equation rearranged are.)
enum EquivalentTool {
    static let other = ToolArgument(
        "other", .string(allowed: nil), "The second answer, compared with `expression`.", required: true, brief: "the second answer")

    static let tool = Tool(
        name: "equivalent",
        title: "Are two answers equivalent?",
        description: """
        Are two answers (plain or LaTeX, with or without units) the same? Exactly, symbolically or \
        at random points; dimensions must match; equations compare as multiples; decimals are exact \
        (0.333 is not 1/3); x = 2 against 2 compares the right side. Declare units and assumptions \
        in symbols ('x: real'). Example: {"expression": "3 m", "other": "300 cm"}.
        """,
        arguments: [CommonArguments.expression, other, VerifyTool.symbols, CommonArguments.syntax, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("equivalent", .object([("type", .array([.string("boolean"), .string("null")])), ("description", .string("null when it could not be decided"))])),
            ("method", .object([("type", .string("string")), ("description", .string("symbolic, exact, randomised, counterexample, dimensions, or why undecided"))])),
            ("detail", .object([("type", .string("string"))])),
            ("evidence", .object([("type", .string("object"))])),
            ("readings", .object([("type", .string("array")), ("items", .object([("type", .string("string"))])), ("description", .string("how the inputs were read where it was a choice"))])),
            ("names", .object([("type", .string("array")), ("items", .object([("type", .string("object")), ("description", .string("{name, read_as}"))]))])),
        ],
        examples: [
            .valid(.object([("expression", .string(#"\frac12"#)), ("other", .string("0.5"))])),
            .valid(.object([("expression", .string("3 m")), ("other", .string("300 cm"))])),
            .valid(.object([("expression", .string("x + 1 = 3")), ("other", .string("2*x = 4"))])),
            .valid(.object([("expression", .string("sqrt(x^2)")), ("other", .string("abs(x)")), ("symbols", .string("x: real"))])),
            .invalid(.object([("expression", .string("x +")), ("other", .string("x"))]), .derivation),
        ],
        trailingArgument: "other",
        handler: { call in
            let a = call.string("expression") ?? "", b = call.string("other") ?? ""
            var d = Derivation(steps: [a, b])
            d.sideNames = ("the first", "the second")
            if let text = call.string("symbols") {
                do { d.symbols = try Derivation.symbols(fromText: text) } catch let e as Diagnostic { throw ArgumentError(e, argument: "symbols") }
            }
            if let s = call.string("syntax"), let syntax = ParseOptions.Syntax(rawValue: s) { d.syntax = syntax }
            // read both first: units decide whether dimensions count; relations decide the kind
            var options = ParseOptions(syntax: d.syntax)
            options.symbols = Set(d.symbols.map(\.name))
            let ea = try readAnswer(a, "expression", options, call.budget), eb = try readAnswer(b, "other", options, call.budget)
            d.withUnits = hasUnits(ea) || hasUnits(eb)
            var readings: [String] = []
            for e in [ea, eb] {
                if case let .relation(op, _, _) = e.kind, op != .equal {
                    throw ArgumentError(Diagnostic(.derivation, "inequalities and intervals are not compared yet",
                                                   hint: "compare equations or expressions"), argument: nil)
                }
            }
            switch (isRelation(ea), isRelation(eb)) {
            case (true, true):
                // the same solutions: each equation follows from the other
                d.stepKind = .equations
                d.steps = [a, b, a]
            case (true, false), (false, true):
                // `x = 2` against `2`: the value of the named thing is compared, and the answer says so
                let (relation, index, name) = isRelation(ea) ? (ea, 0, "expression") : (eb, 1, "other")
                guard case let .relation(_, lhs, rhs) = relation.kind, case .symbol = lhs.kind else {
                    throw ArgumentError(Diagnostic(.derivation, "an equation is compared with an expression",
                                                   hint: "give two expressions, two equations, or name = value against a value"), argument: nil)
                }
                // written back in the syntax the steps are read in
                d.steps[index] = d.syntax == .latex ? LaTeXPrinter.print(rhs) : TextPrinter.print(rhs)
                readings.append("\(name) '\(relation)' is read as its right side, \(rhs), to compare with a value")
            case (false, false):
                break
            }
            let report: VerificationReport
            do {
                report = try Verifier.verify(d, budget: call.budget)
            } catch let e as Diagnostic where e.kind == .derivation {
                throw ArgumentError(e, argument: nil)
            }
            let first = report.steps[0]
            let checks = Array(report.steps.dropFirst())
            // the deciding step: a failing one, else an undecided one, else the last
            let step = checks.first { $0.verdict == .refuted || $0.verdict == .dimensionError }
                ?? checks.first { $0.verdict == .unknown } ?? checks[checks.count - 1]
            let equivalent: Bool?
            switch (first.verdict, step.verdict) {
            case (.dimensionError, _): equivalent = nil
            case (_, .verified): equivalent = true
            case (_, .refuted), (_, .dimensionError): equivalent = false
            default: equivalent = nil
            }
            let detail = first.verdict == .dimensionError ? "expression: " + first.detail : step.detail
            let fields: [(String, JSONValue)] = [
                ("equivalent", equivalent.map { .bool($0) } ?? .null), ("method", .string(first.verdict == .dimensionError ? "dimensions" : step.method)),
                ("detail", .string(detail)), ("evidence", .object(first.verdict == .dimensionError ? first.evidence : step.evidence)),
                ("readings", .array(readings.map { .string($0) })),
                ("names", .array(report.names.map { .object([("name", .string($0.name)), ("read_as", .string($0.readAs))]) })),
            ]
            let head = equivalent.map { $0 ? "equivalent" : "not equivalent" } ?? "undecided"
            let text = ([head + ": " + detail] + readings).joined(separator: "\n")
            return ToolSuccess(fields: fields, text: call.string("format") == "json" ? JSONValue.object(fields).serialized() : text,
                               exitCode: equivalent.map { $0 ? 0 : 1 } ?? 3)
        }
    )

    static func readAnswer(_ text: String, _ argument: String, _ options: ParseOptions, _ budget: Budget) throws -> Expr {
        do {
            return try ExpressionParser.parse(text, options: options, budget: budget).expr
        } catch let e as Diagnostic {
            throw ArgumentError(Diagnostic(.derivation, "\(argument) does not parse: \(e.message)", span: e.span, hint: e.hint ?? ""), argument: argument)
        }
    }

    static func isRelation(_ e: Expr) -> Bool { if case .relation = e.kind { return true } else { return false } }

    static func hasUnits(_ e: Expr) -> Bool {
        if case .unit = e.kind { return true }
        return e.children.contains(where: hasUnits)
    }
}
