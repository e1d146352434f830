import AnsatzAlgebra
import AnsatzCore
import AnsatzNumeric
import AnsatzParse
import AnsatzUnits

/// `evaluate`: the value of an expression at a point, exact or with MPFR at any precision.
enum EvaluateTool {
    static let at = ToolArgument(
        "at", .stringMap,
        "Values of the symbols, replaced all at once: {\"x\": \"3/2\", \"m\": \"173.1 GeV\"}. Values are expressions (exact: 0.1 is 1/10), with units if the symbol has them. On the command line: --at 'x=3/2, m=173.1 GeV' or x=3/2 after the expression.", brief: "{\"x\": \"3/2\", \"m\": \"173.1 GeV\"}")
    static let digits = ToolArgument(
        "digits", .integer(minimum: 1, maximum: 100_000), "Significant decimal digits of the result (default 15).", brief: "significant digits (default 15)")
    static let bits = ToolArgument(
        "bits", .integer(minimum: 2, maximum: 1 << 22), "MPFR precision in bits instead of digits.", brief: "MPFR bits instead of digits")
    static let maxPoints = 100_000
    static let points = ToolArgument(
        "points", .numberColumns(maxPoints: maxPoints),
        "Evaluate at many points at once, in double precision with the compiled evaluator: columns of numbers, {\"m\": [500, 1000], \"r\": [0.1, 0.2]} (at most \(maxPoints) points; `at` may fix other symbols exactly first). Results in `values`; NaN and infinities are null, counted in `nan` and `infinite`. On the command line: --points m=500,1000 r=0.1,0.2, or a CSV file with --batch FILE.", brief: "{\"m\": [500, 1000], \"r\": [0.1, 0.2]}: double precision, compiled (max 100000)")
    static let to = ToolArgument(
        "to", .string(allowed: nil), "With units: the unit of the result (GeV, pb, s); by default the input's units, or SI base units.", brief: "unit of the result")

    static let tool = Tool(
        name: "evaluate",
        title: "Evaluate an expression at a point",
        description: """
        Evaluates an expression at values of its symbols: exactly when the arithmetic is ((3/2)^2 + 1 is \
        13/4), else with MPFR, raising the precision until the digits settle (else a bound, never \
        digits). Values may carry units (m=173.1 GeV); so does the result (in `to` if given). Evaluated \
        as written: x/x at 0 is a division by zero. Leaving the reals names the operation \
        (E-EVAL-DOMAIN). Example: {"expression": \
        "sqrt(x^2 + y^2)", "at": {"x": "3", "y": "4"}} gives 5.
        """,
        arguments: CommonArguments.reading + [at, digits, bits, to, UnitTools.natural, points, CommonArguments.format, CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.decimal),
            ("exact", .object([("type", .string("string")), ("description", .string("the exact value (a rational) when the arithmetic was exact; absent otherwise"))])),
            ("unit", .object([("type", .string("string")), ("description", .string("the unit of the value; empty for a pure number"))])),
            ("bits", .object([("type", .string("integer")), ("description", .string("MPFR precision used; 0 when exact"))])),
            ("constants", .object([("type", .string("array")), ("description", .string("constants read by name"))])),
            ("values", .object([("type", .string("array")), ("items", .object([("type", .array([.string("number"), .string("null")]))])),
                                ("description", .string("with `points`: the value at each point (null for NaN or an infinity)"))])),
            ("nan", .object([("type", .string("integer")), ("description", .string("with `points`: how many values are NaN"))])),
            ("infinite", .object([("type", .string("integer")), ("description", .string("with `points`: how many values are infinite"))])),
            ("operations", .object([("type", .string("integer")), ("description", .string("with `points`: instructions per point of the compiled program"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("sqrt(x^2 + y^2)")), ("at", .object([("x", .string("3")), ("y", .string("4"))]))])),
            .valid(.object([("expression", .string("exp(pi*sqrt(163))")), ("digits", .int(40))])),
            .valid(.object([("expression", .string("m^2")), ("at", .object([("m", .string("173.1 GeV"))]))])),
            .valid(.object([("expression", .string("hbar/Gamma")), ("at", .object([("Gamma", .string("2.9959836e-19 GeV"))])), ("to", .string("us")), ("natural", .bool(true))])),
            .invalid(.object([("expression", .string("log(x)")), ("at", .object([("x", .string("-2"))]))]), .evalDomain),
            .invalid(.object([("expression", .string("1/(x - 1)")), ("at", .object([("x", .string("1"))]))]), .divisionByZero),
            .invalid(.object([("expression", .string("x + y")), ("at", .object([("x", .string("1"))]))]), .eval),
            .valid(.object([("expression", .string("log(m)*r")), ("points", .object([("m", .array([.int(1), .double(2.5), .int(-1)])),
                                                                                     ("r", .array([.int(1), .int(2), .int(3)]))]))])),
            .invalid(.object([("expression", .string("x*y")), ("points", .object([("x", .array([.int(1)]))]))]), .eval),
        ],
        aliases: ["eval"],
        trailingArgument: "at",
        handler: { call in
            // a name given a value is a symbol even where a unit would fit: 2m at m = 3 is 6
            var options = try CommonArguments.parseOptions(call)
            for argument in ["at", "points"] {
                if case let .object(pairs)? = call.arguments[argument] { options.symbols.formUnion(pairs.map(\.0)) }
            }
            let input: ParseResult
            do {
                var written = options
                written.recordSyntax = true  // the divisors as written
                input = try ExpressionParser.parse(call.string("expression") ?? "", options: written, budget: call.budget)
            } catch let d as Diagnostic {
                throw ArgumentError(d, argument: "expression")
            }
            options.symbols = []
            var values: [String: Expr] = [:]
            if case let .object(pairs)? = call.arguments["at"] {
                for (name, value) in pairs {
                    do {
                        values[name] = try ExpressionParser.parse(value.stringValue ?? "", options: options, budget: call.budget).expr
                    } catch let d as Diagnostic {
                        throw ArgumentError(Diagnostic(d.kind, "in at[\(name.prefix(40))]: " + d.message, hint: d.hint), argument: "at")
                    }
                }
            }
            if case let .object(columns)? = call.arguments["points"] {
                return try batch(input.expr, values, columns, warnings: input.warnings, budget: call.budget)
            }
            try checkDivisors(input, values, budget: call.budget)
            var target: Expr?
            if let text = call.string("to") {
                do {
                    target = text.trimmingBlanks.isEmpty ? .one : try ExpressionParser.parse(text, options: options, budget: call.budget).expr
                } catch let d as Diagnostic {
                    throw ArgumentError(d, argument: "to")
                }
            }
            let (r, warnings) = try PointEvaluation.evaluate(
                input.expr, at: values, digits: call.integer("digits") ?? 15, bits: call.integer("bits"), target: target,
                natural: call.bool("natural") == true ? NaturalUnits() : nil, complex: options.complex, budget: call.budget)
            var lines = [r.decimal + (r.unit.isEmpty ? "" : " " + r.unit)]
            if let exact = r.exact, exact.description != r.decimal, exact.description.count <= 200 { lines.append("  exact: \(exact)") }
            let constants = r.constants.compactMap(PhysicalConstants.constant(named:))
            for c in constants { lines.append("  \(c.name): \(c.title), \(c.published) (\(c.source.citation))") }
            var fields: [(String, JSONValue)] = [("value", Schemas.decimalValue(r.decimal))]
            if let exact = r.exact { fields.append(("exact", .string(exact.description))) }
            fields += [("unit", .string(r.unit)), ("bits", .int(r.bits)), ("constants", .array(constants.map { UnitTools.constantJSON($0) }))]
            return ToolSuccess(fields: fields, text: lines.joined(separator: "\n"), warnings: input.warnings + warnings)
        }
    )

    /// One rule for removable singularities: the input is evaluated as written, so a divisor
    /// written in it that is 0 at the point makes the value undefined there, even where the
    /// canonical form cancelled it (x/x at x = 0, (x - 1)/(x - 1) at x = 1), exactly as for
    /// (x^2 - 1)/(x - 1) at x = 1, whose divisor stays. The limit is another question (a tool of
    /// its own).
    static func checkDivisors(_ input: ParseResult, _ values: [String: Expr], budget: Budget) throws {
        let rules = values.map { (Expr.symbol($0.key), $0.value) }
        for note in input.notes where note.shape == .divisor {
            guard let written = note.operands.first, !written.expr.isNumber else { continue }
            let divisor = try Substitution.apply(written.expr, rules, budget: budget)
            guard divisor.symbolNames.isEmpty, !divisor.containsUnit else { continue }
            let isZero = PointEvaluation.vanishes(divisor)
            if isZero {
                throw ArgumentError(Diagnostic(.divisionByZero, "division by zero: the divisor \(written.expr) is 0 at this point",
                                               span: written.span,
                                               hint: "the input as written is undefined here, even where it cancels (x/x at x = 0); its limit may exist"),
                                    argument: "expression")
            }
        }
    }

    /// `points`: substitute `at`, compile over the point columns, run.
    static func batch(_ e: Expr, _ values: [String: Expr], _ columns: [(String, JSONValue)], warnings: [Diagnostic],
                      budget: Budget) throws -> ToolSuccess {
        let rules = values.map { (Expr.symbol($0.key), $0.value) }
        let fixed = try Substitution.apply(e, rules)
        let names = columns.map(\.0)
        let program = try BatchProgram.compile([fixed], inputs: names)
        let data = columns.map { column in (column.1.arrayValue ?? []).map { item -> Double in
            switch item {
            case let .int(i): return Double(i)
            case let .double(d): return d
            default: return .nan
            }
        } }
        let result = try BatchEvaluator(program).run(columns: data, budget: budget)[0]
        let nan = result.filter(\.isNaN).count, infinite = result.filter(\.isInfinite).count
        let shown = result.prefix(20).map { $0.isNaN ? "nan" : $0.description }.joined(separator: ", ")
        let text = "\(result.count) values: [\(shown)\(result.count > 20 ? ", ..." : "")]" + (nan + infinite > 0 ? " (\(nan) NaN, \(infinite) infinite)" : "")
        return ToolSuccess(fields: [("values", .array(result.map { $0.isFinite ? .double($0) : .null })), ("nan", .int(nan)),
                                    ("infinite", .int(infinite)), ("operations", .int(program.operationCount))],
                           text: text, warnings: warnings)
    }
}
