import AnsatzCore
import AnsatzParse

/// Arguments shared by the tools that read expressions. One definition each, so that every tool
/// names and documents them alike.
public enum CommonArguments {
    public static let expression = ToolArgument(
        "expression", .string(allowed: nil),
        "The expression, in plain syntax (x^2 + 2*x, sqrt(2*pi)*sigma, 91.1876 GeV) or LaTeX (\\frac{G_F^2 m_\\mu^5}{192\\pi^3}).",
        required: true, brief: "plain syntax or LaTeX")
    public static let syntax = ToolArgument(
        "syntax", .string(allowed: ParseOptions.Syntax.allCases.map(\.rawValue)),
        "Input language: auto (default: LaTeX when the input has $, ^{ or a LaTeX command), plain or latex.", brief: "")
    public static let complex = ToolArgument(
        "complex", .boolean, "Read i and I as the imaginary unit (default false: i is an ordinary symbol).", brief: "i is the imaginary unit")
    public static let floatPrecision = ToolArgument(
        "float_precision", .integer(minimum: 2, maximum: 1 << 20),
        "Read decimals as binary floats of this many bits instead of exact rationals (default: exact, 0.1 is 1/10).", brief: "decimals as floats of this many bits")
    public static let functions = ToolArgument(
        "functions", .stringList, "Names to read as functions when followed by '(' (f(x) is otherwise ambiguous).", brief: "names that are functions")
    public static let assumptions = ToolArgument(
        "assumptions", .assumptionMap,
        "What is known about symbols: {\"x\": [\"positive\"], \"n\": [\"integer\"]}. Allowed: real, positive, nonnegative, integer, nonzero.", brief: "")
    public static let assume = ToolArgument(
        "assume", .string(allowed: nil),
        "Assumptions as text, comma-separated: 'x > 0, y >= 0, z != 0, n integer, t real' (also 'x positive', 'x nonnegative', 'x nonzero'); adds to `assumptions`.", brief: "'x > 0, n integer'")
    public static let format = ToolArgument(
        "format", .string(allowed: ["text", "latex", "json"]),
        "Form of the text content: text (default), latex or json (the structured result always has all three).", brief: "")
    public static let budgetMs = ToolArgument(
        "budget_ms", .integer(minimum: 1, maximum: 86_400_000),
        "Time budget in milliseconds; the server lowers it to its cap of \(ToolRegistry.maxBudgetMilliseconds). Running out answers E-BUDGET.", brief: "")

    /// `variables` for operations in one symbol (series, apart): the same name and shape as for
    /// differentiate, jacobian and collect, with one element.
    public static let oneVariable = ToolArgument(
        "variables", .stringList,
        "The symbol to work in, as a one-element list [\"x\"]; may be left out when the expression has one symbol.",
        brief: "[x] (default: the only symbol)")

    /// The parsing arguments, in the order tools list them.
    public static let reading: [ToolArgument] = [expression, syntax, complex, floatPrecision, functions, assumptions, assume]

    /// The `assume` text as assumptions per symbol: `x > 0, n integer`.
    public static func assumptions(from text: String) throws -> [String: Assumptions] {
        var result: [String: Assumptions] = [:]
        for part in text.split(separator: ",") {
            var words = part.split(separator: " ").map(String.init)
            // `x>0` written without spaces
            if words.count == 1, let op = [">=", "!=", ">"].first(where: { words[0].contains($0) }) {
                let pieces = words[0].split(separator: Substring(op), maxSplits: 1).map(String.init)
                words = pieces.count == 2 ? [pieces[0], op, pieces[1]] : words
            }
            let fact: Assumptions?
            switch words.dropFirst().joined(separator: " ") {
            case "> 0", "positive": fact = .positive
            case ">= 0", "nonnegative": fact = .nonnegative
            case "!= 0", "nonzero": fact = .nonzero
            case "integer": fact = .integer
            case "real": fact = .real
            default: fact = nil
            }
            guard let name = words.first, let fact else {
                throw ArgumentError(Diagnostic(.argsValue, "cannot read the assumption '\(part)'",
                                               hint: "write e.g. 'x > 0, y >= 0, z != 0, n integer, t real'"), argument: "assume")
            }
            result[name, default: []].formUnion(fact)
        }
        return result
    }

    /// Parse options from a call's arguments.
    public static func parseOptions(_ call: ToolCall) throws -> ParseOptions {
        var options = ParseOptions()
        if let s = call.string("syntax"), let syntax = ParseOptions.Syntax(rawValue: s) { options.syntax = syntax }
        options.complex = call.bool("complex") ?? false
        options.floatPrecision = call.integer("float_precision")
        options.functions = Set(call.strings("functions"))
        if case let .object(pairs)? = call.arguments["assumptions"] {
            for (name, list) in pairs {
                var set = Assumptions()
                for item in list.arrayValue ?? [] {
                    if let a = item.stringValue.flatMap({ Assumptions(name: $0) }) { set.insert(a) }
                }
                options.assumptions[name] = set
            }
        }
        if let assume = call.string("assume") {
            for (name, facts) in try assumptions(from: assume) { options.assumptions[name, default: []].formUnion(facts) }
        }
        // a name the call works in is a symbol in the expression (differentiating e^n by e)
        for v in call.strings("variables") where isName(v) { options.symbols.insert(v.trimmingBlanks) }
        return options
    }

    /// A plain identifier (letters, digits, underscores, starting with a letter): `E`, `m_t`, `rho_c_0`.
    public static func isName(_ text: String) -> Bool {
        let t = text.trimmingBlanks.unicodeScalars
        guard let first = t.first, first.properties.isAlphabetic else { return false }
        return t.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Parses the `expression` argument; a parse error becomes an error about that argument.
    public static func readExpression(_ call: ToolCall) throws -> ParseResult {
        let text = call.string("expression") ?? ""
        let options = try parseOptions(call)
        do {
            return try ExpressionParser.parse(text, options: options, budget: call.budget)
        } catch let d as Diagnostic {
            throw ArgumentError(d, argument: "expression")
        }
    }

    /// Parses each string of the list argument `expressions`; an error names the item it is in
    /// (`label(k)`, counting from 0) and points into it.
    public static func readExpressions(_ call: ToolCall, label: (Int) -> String) throws -> (exprs: [Expr], warnings: [Diagnostic]) {
        let options = try parseOptions(call)
        var parsed: [Expr] = []
        var warnings: [Diagnostic] = []
        for text in call.strings("expressions") {
            do {
                let result = try ExpressionParser.parse(text, options: options, budget: call.budget)
                parsed.append(result.expr)
                warnings += result.warnings
            } catch let d as Diagnostic {
                throw ArgumentError(Diagnostic(d.kind, "in \(label(parsed.count)): " + d.message, span: d.span,
                                               hint: d.hint, severity: d.severity), argument: "expressions")
            }
        }
        return (parsed, warnings)
    }

    /// Past this many characters of plain text, a result leaves out its LaTeX and JSON AST (which
    /// are several times larger) so that a reply stays a size a client can take.
    public static let largeResult = 1 << 20
    /// Results larger than this, as trees, are refused (E-LIMIT-RESULT) rather than printed.
    public static let maxResultNodes = 2_000_000

    /// An expression in its three forms, for structured results (the text alone when very large,
    /// with a warning saying so).
    public static func forms(_ e: Expr) throws -> (JSONValue, [Diagnostic]) {
        // a small DAG can stand for an astronomically large tree (a tenth derivative): measure first
        guard e.treeSize(limit: maxResultNodes + 1) <= maxResultNodes else {
            throw Diagnostic(.limitResult, "the result written out would have more than \(maxResultNodes) nodes",
                             hint: "ask for less (a lower order, fewer variables) or simplify the input first")
        }
        let text = e.description
        if text.utf8.count > largeResult {
            let warning = Diagnostic(.warningResultLarge, "the result has \(text.utf8.count) characters: its LaTeX and JSON AST are left out",
                                     hint: "work on smaller parts, or use the text form", severity: .warning)
            return (.object([("text", .string(text))]), [warning])
        }
        return (.object([("text", .string(text)), ("latex", .string(LaTeXPrinter.print(e))), ("ast", JSONPrinter.json(e))]), [])
    }
}

extension CommonArguments {
    /// The success of a tool whose result is one expression: `value` in its forms, the text in the
    /// requested `format`, the other forms as detail lines.
    public static func success(_ e: Expr, format: String?, warnings: [Diagnostic],
                               extra: [(String, JSONValue)] = []) throws -> ToolSuccess {
        let (value, sizeWarnings) = try forms(e)
        let plain = value["text"]?.stringValue ?? ""
        let latex = value["latex"]?.stringValue
        let text: String, detail: [String]
        switch format {
        case "latex": (text, detail) = (latex ?? plain, ["text: " + plain])
        case "json": (text, detail) = (value["ast"]?.serialized() ?? plain, ["text: " + plain] + (latex.map { ["latex: " + $0] } ?? []))
        default: (text, detail) = (plain, latex.map { ["latex: " + $0] } ?? [])
        }
        return ToolSuccess(fields: [("value", value)] + extra, text: text, detail: detail, warnings: warnings + sizeWarnings)
    }
}

extension CommonArguments {
    /// The symbols named by a list argument (`variables`), each read as the expression reads
    /// names (alpha, \alpha and α are one symbol); anything but a symbol is refused, never
    /// taken as a name nobody wrote (diff by x + 1 was 0).
    public static func symbolList(_ call: ToolCall, _ argument: String) throws -> [String] {
        try call.strings(argument).map { try symbolName($0, call, argument) }
    }

    static func symbolName(_ text: String, _ call: ToolCall, _ argument: String) throws -> String {
        var options = (try? parseOptions(call)) ?? ParseOptions()
        if isName(text) { options.symbols.insert(text.trimmingBlanks) }  // E, pi, i as names
        guard let e = try? ExpressionParser.parse(text, options: options).expr, case let .symbol(s) = e.kind else {
            throw ArgumentError(Diagnostic(.argsValue, "'\(text.prefix(40))' in \(argument) is not a symbol",
                                           hint: "\(argument) are symbol names, such as x, m_t or alpha"), argument: argument)
        }
        return s.name
    }

    /// The one symbol of `variables`, else the expression's only symbol.
    public static func singleVariable(_ call: ToolCall, of e: Expr, purpose: String) throws -> String {
        let given = try symbolList(call, "variables")
        guard given.count <= 1 else {
            throw ArgumentError(Diagnostic(.argsValue, "this operation works in one variable, not \(given.count)",
                                           hint: "give variables: [\"\(given[0])\"]"), argument: "variables")
        }
        if let only = given.first { return only }
        return try symbol(call, "variables", of: e, purpose: purpose)
    }

    /// The symbol an operation works in: the argument `argument` when given, else the
    /// expression's only symbol, else E-ARGS-MISSING saying what to give.
    public static func symbol(_ call: ToolCall, _ argument: String, of e: Expr, purpose: String) throws -> String {
        if let name = call.string(argument) { return try symbolName(name, call, argument) }
        let names = e.symbolNames
        guard names.count == 1, let only = names.first else {
            throw ArgumentError(Diagnostic(.argsMissing, "say which symbol to \(purpose)",
                                           hint: "give \(argument), e.g. \"x\"; the expression has \(names.count) symbols"),
                                argument: argument)
        }
        return only
    }
}
