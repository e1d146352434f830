import AnsatzCore
import AnsatzParse
import AnsatzSurrogate

/// `surrogate_fit` and `surrogate_evaluate`: cross-section surrogates (Docs/surrogates.md) with
/// inline tables and points; files are the command line's (`ansatz surrogate fit|eval|combine`).
enum SurrogateTools {
    static let maxRows = 5_000
    static let maxPoints = 100_000

    static let fit = Tool(
        name: "surrogate_fit",
        title: "Fit a surrogate model to a table",
        description: """
        Fits a surrogate of a table (a cross section against masses): a Gaussian process (one \
        length scale per parameter, by marginal likelihood) or a formula by least squares (its \
        non-parameter names are the coefficients). Returns the model for surrogate_evaluate. \
        Example: {"table": {"m": [500, 600, 700], "xsec": [27, 9.2, 3.5]}, \
        "params": ["m"], "output": "xsec"}.
        """,
        arguments: [
            ToolArgument("table", .numberColumns(maxPoints: maxRows), "The table: columns of numbers, {\"mass_GeV\": [...], \"xsec_pb\": [...]} (at most \(maxRows) rows).", required: true, brief: "max \(maxRows) rows"),
            ToolArgument("params", .stringList, "The parameter columns.", required: true, brief: ""),
            ToolArgument("output", .string(allowed: nil), "The output column.", required: true, brief: ""),
            ToolArgument("uncertainty", .string(allowed: nil), "A column of the output's tabulated (theory) uncertainty, interpolated and reported beside the prediction.", brief: "column: tabulated 1σ"),
            ToolArgument("noise", .string(allowed: nil), "A column of the output's per-point noise (1σ), in the Gaussian process's covariance.", brief: ""),
            ToolArgument("kind", .string(allowed: ["gp", "formula"]), "gp (default) or formula.", brief: ""),
            ToolArgument("formula", .string(allowed: nil), "With kind formula: the form, e.g. exp(a + b*log(m)).", brief: ""),
            ToolArgument("initial", .stringMap, "Starting values of a formula's coefficients, {\"a\": 1}.", brief: ""),
            ToolArgument("features", .stringMap, "Further inputs of the Gaussian process, expressions of the parameters: {\"d\": \"abs(log(msq/mgl))\"}.", brief: ""),
            ToolArgument("kernel", .string(allowed: ["auto", "squared_exponential", "matern52"]), "The kernel; auto (default) fits both and keeps the higher marginal likelihood.", brief: ""),
            ToolArgument("experts", .integer(minimum: 1, maximum: 256), "A committee of this many Gaussian-process experts on disjoint subsets (row r to expert r mod K).", brief: "committee size"),
            ToolArgument("units", .stringMap, "Units of the columns, {\"mass_GeV\": \"GeV\", \"xsec_pb\": \"pb\"}; an output unit makes events of a luminosity.", brief: ""),
            ToolArgument("name", .string(allowed: nil), "The model's name.", brief: ""),
            CommonArguments.format,
            CommonArguments.budgetMs,
        ],
        resultFields: [
            ("model", .object([("type", .string("object")), ("description", .string("the model (Docs/surrogates.md), for surrogate_evaluate"))])),
            ("kind", .object([("type", .string("string"))])),
        ],
        examples: [
            .valid(.object([("table", .object([("m", .array([500, 600, 700, 800, 900].map { .int($0) })),
                                               ("xsec", .array([27.0, 9.2, 3.5, 1.5, 0.68].map { .double($0) }))])),
                            ("params", .array([.string("m")])), ("output", .string("xsec"))])),
            .valid(.object([("table", .object([("m", .array([500, 600, 700, 800, 900].map { .int($0) })),
                                               ("xsec", .array([27.0, 9.2, 3.5, 1.5, 0.68].map { .double($0) }))])),
                            ("params", .array([.string("m")])), ("output", .string("xsec")), ("kind", .string("formula")),
                            ("formula", .string("exp(a + b*log(m))"))])),
            .invalid(.object([("table", .object([("m", .array([.int(1), .int(2), .int(3)])), ("y", .array([.int(1), .int(2), .int(3)]))])),
                              ("params", .array([.string("mass")])), ("output", .string("y"))]), .csv),
        ],
        handler: { call in
            guard case let .object(pairs)? = call.arguments["table"] else { throw ArgumentError(Diagnostic(.argsMissing, "give the table", hint: "columns of numbers by name"), argument: "table") }
            let table = SurrogateTable(names: pairs.map(\.0), columns: pairs.map { $0.1.arrayValue?.compactMap(number) ?? [] })
            var request = SurrogateFitRequest(parameters: call.strings("params"), output: call.string("output") ?? "")
            request.uncertainty = call.string("uncertainty")
            request.noise = call.string("noise")
            if let kind = call.string("kind") { request.kind = kind == "formula" ? .formula : .gp }
            request.formula = call.string("formula")
            request.initial = try numbers(call, "initial")
            if let kernel = call.string("kernel"), kernel != "auto" { request.gp.kernel = KernelKind(rawValue: kernel) }
            request.experts = call.integer("experts") ?? 1
            request.units = strings(call, "units")
            if case let .object(pairs)? = call.arguments["features"] {
                request.features = pairs.compactMap { k, v in v.stringValue.map { (k, $0) } }
            }
            request.name = call.string("name")
            let model = try SurrogateFitter.fit(table, request, budget: call.budget)
            return ToolSuccess(fields: [("model", model.json), ("kind", .string(model.kindName))], text: model.text)
        })

    static let evaluate = Tool(
        name: "surrogate_evaluate",
        title: "Evaluate a surrogate model",
        description: """
        Evaluates a surrogate model at points: the output, its 1σ (the model's and the table's \
        theory uncertainty, in quadrature and alone), events for a luminosity, and \
        outside_range (1: extrapolated). Example: {"model": {...}, "points": {"m": [650]}, "lumi": "139/fb"}.
        """,
        arguments: [
            ToolArgument("model", .model, "The model: the object surrogate_fit returned, or its JSON text.", required: true, brief: ""),
            ToolArgument("points", .numberColumns(maxPoints: maxPoints), "The points: a column per parameter (at most \(maxPoints)).", required: true, brief: "max \(maxPoints)"),
            ToolArgument("lumi", .string(allowed: nil), "Integrated luminosity, e.g. 139/fb: adds events = σ L (× each signal region's efficiency).", brief: "e.g. 139/fb"),
            CommonArguments.format,
            CommonArguments.budgetMs,
        ],
        resultFields: [
            ("columns", .object([("type", .string("object")), ("description", .string("by name: the output, <output>_uncertainty, _model_uncertainty, _theory_uncertainty, events, outside_range"))])),
            ("outside_range", .object([("type", .string("integer")), ("description", .string("points outside the range"))])),
        ],
        examples: [
            .valid(.object([("model", exampleModel), ("points", .object([("m", .array([.int(650), .int(1200)]))])), ("lumi", .string("139/fb"))])),
            .invalid(.object([("model", .object([("format", .string("ansatz-surrogate/0"))])), ("points", .object([("m", .array([.int(1)]))]))]), .surrogate),
        ],
        handler: { call in
            let model: SurrogateModel
            switch call.arguments["model"] {
            case let .string(text)?: model = try SurrogateModel.read(text)
            case let value?: model = try SurrogateModel.read(value)
            case nil: throw ArgumentError(Diagnostic(.argsMissing, "give the model", hint: "the model surrogate_fit returned"), argument: "model")
            }
            guard case let .object(pairs)? = call.arguments["points"] else { throw ArgumentError(Diagnostic(.argsMissing, "give the points", hint: "a column of values per parameter"), argument: "points") }
            let columns = try model.parameters.map { p -> [Double] in
                guard let column = pairs.first(where: { $0.0 == p.name })?.1.arrayValue else {
                    throw ArgumentError(Diagnostic(.csv, "the points have no column '\(p.name)'; the model's parameters are " + model.parameters.map(\.name).joined(separator: ", "),
                                                   hint: "give a column of values for each parameter"), argument: "points")
                }
                return column.compactMap(number)
            }
            try call.budget.check(estimatedSeconds: model.estimatedLoadSeconds, doing: "loading the surrogate model")
            let predictor = try SurrogatePredictor(model)
            try call.budget.check(estimatedSeconds: predictor.estimatedSeconds(points: columns.first?.count ?? 0), doing: "evaluating the surrogate")
            let prediction = try predictor.predict(columns, threads: 1)
            let factor = try call.string("lumi").map { try model.eventsPerUnitOutput(luminosity: $0) }
            let names = model.resultColumnNames(theory: prediction.theoryUncertainty != nil, events: factor != nil)
            let results = model.resultColumns(prediction, eventsPerUnit: factor)
            let outside = prediction.outside.reduce(0) { $0 + Int($1) }
            let paramNames = model.parameters.map(\.name)
            var csv = (paramNames + names).joined(separator: ",") + "\n"
            for i in 0..<(columns.first?.count ?? 0) {
                csv += (columns.map { "\($0[i])" } + results.map { "\($0[i])" }).joined(separator: ",") + "\n"
            }
            var warnings: [Diagnostic] = []
            let undefined = prediction.value.filter(\.isNaN).count
            if undefined > 0 {
                warnings.append(Diagnostic(.warningSurrogateRange, "\(undefined) of \(prediction.value.count) points have no prediction (null): a parameter with a log transform is not positive there", severity: .warning))
            }
            if outside > 0 {
                warnings.append(Diagnostic(.warningSurrogateRange, "\(outside) of \(prediction.value.count) points are outside the model's valid range (" +
                    model.parameters.map { "\($0.name) \($0.range.lowerBound)…\($0.range.upperBound)" }.joined(separator: ", ") + "): extrapolated", severity: .warning))
            }
            return ToolSuccess(fields: [("columns", .object(zip(names, results).map { ($0, .array($1.map { .double($0) })) })),
                                        ("outside_range", .int(outside))],
                               text: csv, warnings: warnings)
        })

    /// A small formula model (σ = e^a m^b), as surrogate_fit returns one, for the examples.
    static let exampleModel: JSONValue = .object([
        ("format", .string("ansatz-surrogate/1")), ("name", .string("example")),
        ("parameters", .array([.object([("name", .string("m")), ("unit", .string("GeV")), ("range", .array([.int(500), .int(1000)]))])])),
        ("outputs", .array([.object([("name", .string("xsec")), ("unit", .string("pb"))])])),
        ("surrogate", .object([("kind", .string("formula")), ("expression", .string("exp(a + b*log(m))")),
                               ("coefficients", .array([.object([("name", .string("a")), ("value", .double(31.3))]),
                                                        .object([("name", .string("b")), ("value", .double(-4.5))])])),
                               ("covariance", .array([.array([.double(1e-4), .int(0)]), .array([.int(0), .double(1e-6)])])),
                               ("residuals", .string("relative")), ("residual_scale", .double(0.01))])),
    ])

    static func number(_ v: JSONValue) -> Double? {
        switch v {
        case let .int(i): Double(i)
        case let .double(d): d
        default: nil
        }
    }

    static func strings(_ call: ToolCall, _ name: String) -> [String: String] {
        guard case let .object(pairs)? = call.arguments[name] else { return [:] }
        return Dictionary(pairs.compactMap { k, v in (v.stringValue ?? number(v).map { "\($0)" }).map { (k, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    static func numbers(_ call: ToolCall, _ name: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for (k, v) in strings(call, name) {
            guard let d = Double(v) else { throw ArgumentError(Diagnostic(.argsValue, "\(name).\(k) must be a number, not \(v)", hint: "starting values are numbers"), argument: name) }
            out[k] = d
        }
        return out
    }
}
