import AnsatzCore
import AnsatzParse
import Foundation

func SurrogateError(_ message: String, hint: String? = nil) -> Diagnostic {
    Diagnostic(.surrogate, message, hint: hint ?? "Docs/surrogates.md describes the model file and the options of a fit")
}

/// A surrogate model as saved (Docs/surrogates.md, Docs/surrogate.schema.json): what it
/// describes, its parameters and their valid ranges, its output, and the fitted surrogate.
public struct SurrogateModel: Sendable {
    public static let format = "ansatz-surrogate/1"

    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var unit: String?
        /// the valid range: the table's extent; outside it a prediction is flagged
        public var range: ClosedRange<Double>
    }

    public struct Output: Sendable, Equatable {
        public var name: String
        public var unit: String?
    }

    /// A signal region: events = σ × L × efficiency.
    public struct SignalRegion: Sendable, Equatable {
        public var name: String
        public var efficiency: Double
        public init(name: String, efficiency: Double) {
            self.name = name
            self.efficiency = efficiency
        }
    }

    public enum Combination: String, Sendable, CaseIterable {
        /// robust Bayesian committee machine (Deisenroth and Ng 2015)
        case rbcm
        /// generalised product of experts with equal weights 1/K (Cao and Fleet 2014)
        case gpoe
    }

    public enum Kind: Sendable {
        case gaussianProcess(GaussianProcess)
        case committee(Combination, [GaussianProcess])
        case formula(FormulaSurrogate)
    }

    public var name: String
    public var process: String?
    public var collider: String?
    public var references: [String]
    public var parameters: [Parameter]
    public var output: Output
    public var signalRegions: [SignalRegion]
    public var kind: Kind
    /// how it was fitted (table, rows, options): provenance, not needed to evaluate
    public var fit: JSONValue?

    /// Rough seconds to load the model (factor, invert and check every expert's covariance:
    /// about n³ operations each, at a conservative GFLOP/s), for a budget to refuse in advance.
    public var estimatedLoadSeconds: Double {
        switch kind {
        case let .gaussianProcess(gp): Double(gp.count) * Double(gp.count) * Double(gp.count) * 1e-9
        case let .committee(_, experts): experts.reduce(0) { $0 + Double($1.count) * Double($1.count) * Double($1.count) * 1e-9 }
        case .formula: 0.01
        }
    }

    public var kindName: String {
        switch kind {
        case .gaussianProcess: "gaussian_process"
        case .committee: "committee"
        case .formula: "formula"
        }
    }
}

// MARK: - writing

extension SurrogateModel {
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("format", .string(Self.format)), ("name", .string(name))]
        if let process { pairs.append(("process", .string(process))) }
        if let collider { pairs.append(("collider", .string(collider))) }
        pairs.append(("references", .array(references.map { .string($0) })))
        pairs.append(("parameters", .array(parameters.map { p in
            .object([("name", .string(p.name)), ("unit", p.unit.map { .string($0) } ?? .null),
                     ("range", .array([.double(p.range.lowerBound), .double(p.range.upperBound)]))])
        })))
        pairs.append(("outputs", .array([.object([("name", .string(output.name)), ("unit", output.unit.map { .string($0) } ?? .null)])])))
        if !signalRegions.isEmpty {
            pairs.append(("signal_regions", .array(signalRegions.map { .object([("name", .string($0.name)), ("efficiency", .double($0.efficiency))]) })))
        }
        switch kind {
        case let .gaussianProcess(gp): pairs.append(("surrogate", gp.json))
        case let .committee(rule, experts):
            pairs.append(("surrogate", .object([("kind", .string("committee")), ("combination", .string(rule.rawValue)),
                                                ("experts", .array(experts.map(\.json)))])))
        case let .formula(f): pairs.append(("surrogate", f.json))
        }
        if let fit { pairs.append(("fit", fit)) }
        return .object(pairs)
    }

    /// The model as JSON text, one field per line at the top (diffable), numbers exact (shortest
    /// round-trip decimals).
    public var text: String {
        guard case let .object(pairs) = json else { return json.serialized() }
        return "{\n" + pairs.map { "  " + JSONValue.object([($0.0, $0.1)]).serialized().dropFirst().dropLast() }.joined(separator: ",\n") + "\n}\n"
    }
}

extension GaussianProcess {
    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("kind", .string("gaussian_process")),
            ("kernel", .string(kernel.rawValue)),
            ("inputs", .array(inputs.map { i in
                .object([("name", .string(i.name))] + (i.expression.map { [("expression", JSONValue.string($0))] } ?? [])
                        + [("transform", .string(i.transform.rawValue)), ("shift", .double(i.shift)),
                           ("scale", .double(i.scale)), ("length_scale", .double(i.lengthScale))])
            })),
            ("output_transform", .string(outputTransform.rawValue)),
            ("signal_variance", .double(signalVariance)),
            ("noise_variance", .double(noiseVariance)),
            ("jitter", .double(jitter)),
            ("log_marginal_likelihood", .double(logMarginalLikelihood)),
            ("training_inputs", .array(training.map { .array($0.map { .double($0) }) })),
        ]
        if !pointNoise.isEmpty { pairs.append(("point_noise", .array(pointNoise.map { .double($0) }))) }
        pairs.append(("value", value.json))
        if let theory { pairs.append(("theory_log_relative_uncertainty", theory.json)) }
        return .object(pairs)
    }
}

extension GPTarget {
    var json: JSONValue {
        .object([("mean", .array(mean.map { .double($0) })), ("scale", .double(scale)),
                 ("values", .array(values.map { .double($0) })), ("weights", .array(weights.map { .double($0) }))])
    }
}

// MARK: - reading

/// Reads fields of a JSON object, with errors that name the field's path.
struct Fields {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, _ path: String) throws {
        guard case .object = value else { throw SurrogateError("\(path) must be an object") }
        self.value = value
        self.path = path
    }

    func optional(_ key: String) -> JSONValue? {
        guard let v = value[key], v != .null else { return nil }
        return v
    }

    func required(_ key: String) throws -> JSONValue {
        guard let v = optional(key) else { throw SurrogateError("\(path).\(key) is missing") }
        return v
    }

    func string(_ key: String) throws -> String {
        guard let s = try required(key).stringValue else { throw SurrogateError("\(path).\(key) must be a string") }
        return s
    }

    func optionalString(_ key: String) throws -> String? {
        guard let v = optional(key) else { return nil }
        guard let s = v.stringValue else { throw SurrogateError("\(path).\(key) must be a string") }
        return s
    }

    func number(_ key: String) throws -> Double {
        try Self.number(required(key), "\(path).\(key)")
    }

    static func number(_ v: JSONValue, _ path: String) throws -> Double {
        switch v {
        case let .int(i): return Double(i)
        case let .double(d) where d.isFinite: return d
        default: throw SurrogateError("\(path) must be a finite number")
        }
    }

    func numbers(_ key: String, count: Int? = nil) throws -> [Double] {
        guard let items = try required(key).arrayValue else { throw SurrogateError("\(path).\(key) must be an array of numbers") }
        if let count, items.count != count {
            throw SurrogateError("\(path).\(key) has \(items.count) numbers where \(count) are needed")
        }
        return try items.enumerated().map { try Self.number($1, "\(path).\(key)[\($0)]") }
    }

    func array(_ key: String) throws -> [JSONValue] {
        guard let items = try required(key).arrayValue else { throw SurrogateError("\(path).\(key) must be an array") }
        return items
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type) throws -> T where T.RawValue == String {
        let s = try string(key)
        guard let v = T(rawValue: s) else {
            throw SurrogateError("\(path).\(key) is '\(s)'; expected one of " + T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
        }
        return v
    }
}

extension SurrogateModel {
    /// Reads and checks a saved model. Everything an evaluation depends on is checked here, so
    /// that a damaged or hand-edited file is refused with the field's name instead of predicting
    /// nonsense: array lengths, finite numbers, and for a Gaussian process that the saved weights
    /// are the ones its training data and hyperparameters give.
    public static func read(_ text: String) throws -> SurrogateModel {
        let value = try JSONReader.parse(text, maxDepth: 16)
        return try read(value)
    }

    public static func read(_ value: JSONValue) throws -> SurrogateModel {
        let top = try Fields(value, "model")
        let format = try top.string("format")
        guard format == Self.format else {
            throw SurrogateError("model.format is '\(format)'; this version reads '\(Self.format)'")
        }
        let parameters = try top.array("parameters").enumerated().map { i, item -> Parameter in
            let f = try Fields(item, "model.parameters[\(i)]")
            let range = try f.numbers("range", count: 2)
            guard range[0] <= range[1] else { throw SurrogateError("model.parameters[\(i)].range is not [low, high]") }
            return Parameter(name: try f.string("name"), unit: try f.optionalString("unit"), range: range[0]...range[1])
        }
        guard !parameters.isEmpty else { throw SurrogateError("model.parameters is empty") }
        guard parameters.count <= Self.maxParameters else { throw SurrogateError("model.parameters has \(parameters.count) entries; at most \(Self.maxParameters) are read") }
        guard Set(parameters.map(\.name)).count == parameters.count else { throw SurrogateError("model.parameters has a name twice") }
        let outputs = try top.array("outputs")
        guard outputs.count == 1 else {
            throw SurrogateError("model.outputs has \(outputs.count) entries; a model has one output",
                                 hint: "signal regions share one output through signal_regions; fit other outputs as models of their own")
        }
        let o = try Fields(outputs[0], "model.outputs[0]")
        let output = Output(name: try o.string("name"), unit: try o.optionalString("unit"))
        let regions = try (top.optional("signal_regions") == nil ? [] : top.array("signal_regions")).enumerated().map { i, item -> SignalRegion in
            let f = try Fields(item, "model.signal_regions[\(i)]")
            let region = SignalRegion(name: try f.string("name"), efficiency: try f.number("efficiency"))
            guard region.efficiency >= 0 else { throw SurrogateError("model.signal_regions[\(i)].efficiency is negative") }
            return region
        }
        let references = try (top.optional("references") == nil ? [] : top.array("references")).map { r -> String in
            guard let s = r.stringValue else { throw SurrogateError("model.references must be strings") }
            return s
        }
        let s = try Fields(try top.required("surrogate"), "model.surrogate")
        let names = parameters.map(\.name)
        let kind: Kind
        switch try s.string("kind") {
        case "gaussian_process":
            kind = .gaussianProcess(try GaussianProcess.read(s, names: names))
        case "committee":
            let items = try s.array("experts")
            guard !items.isEmpty, items.count <= GaussianProcess.maxExperts else {
                throw SurrogateError("model.surrogate.experts has \(items.count) entries; a committee has 1 to \(GaussianProcess.maxExperts)")
            }
            let experts = try items.enumerated().map { i, e in
                try GaussianProcess.read(try Fields(e, "model.surrogate.experts[\(i)]"), names: names)
            }
            // one input layout and one output transform: the committee combines means of one quantity
            guard experts.allSatisfy({ $0.outputTransform == experts[0].outputTransform && $0.inputs.map(\.name) == experts[0].inputs.map(\.name)
                                       && $0.inputs.map(\.expression) == experts[0].inputs.map(\.expression) }) else {
                throw SurrogateError("the committee's experts differ in their inputs or output transform", hint: "fit every expert with the same options")
            }
            let entries = experts.reduce(0) { $0 + $1.count * $1.count }
            guard entries <= GaussianProcess.maxCovarianceEntries else {
                throw SurrogateError("the committee's experts need \(entries) covariance entries in memory; at most \(GaussianProcess.maxCovarianceEntries) are loaded",
                                     hint: "fewer or smaller experts")
            }
            kind = .committee(try s.choice("combination", Combination.self), experts)
        case "formula":
            kind = .formula(try FormulaSurrogate.read(s, names: names))
        case let other:
            throw SurrogateError("model.surrogate.kind is '\(other)'; expected 'gaussian_process', 'committee' or 'formula'")
        }
        return SurrogateModel(name: try top.string("name"), process: try top.optionalString("process"),
                              collider: try top.optionalString("collider"), references: references, parameters: parameters,
                              output: output, signalRegions: regions, kind: kind, fit: top.optional("fit"))
    }
}

extension SurrogateModel {
    /// The most parameters a model has.
    public static let maxParameters = 64
}

extension GaussianProcess {
    /// The most features (inputs beyond the parameters) a Gaussian process has.
    public static let maxFeatures = 16

    /// The largest training set a saved model may carry: its covariance has n² entries (the
    /// largest a fit makes).
    public static let maxTrainingPoints = SurrogateFitRequest.maxPointsPerExpert
    /// The most covariance entries (Σ n² over a committee's experts) a model may need: a fit
    /// refuses to make more, so every fitted model loads. Loading keeps a factor and its inverse
    /// (2 × 8 bytes an entry, 576 MB at the limit) and builds the covariance once more per expert.
    public static let maxCovarianceEntries = 4 * maxTrainingPoints * maxTrainingPoints
    /// The most experts a committee has.
    public static let maxExperts = 256
    /// The bounds of the fit's hyperparameters (standardised units), with room for rounding: a
    /// model outside them was not made by a fit.
    static let lengthScaleRange = 0.999e-3...1.001e3
    static let varianceRange = 0.999e-3...1.001e3
    static let maxNoise = 1.001
    static let maxJitter = 1.001e-4

    static func read(_ f: Fields, names: [String]) throws -> GaussianProcess {
        let inputs = try f.array("inputs").enumerated().map { i, item -> GPInput in
            let g = try Fields(item, "\(f.path).inputs[\(i)]")
            let input = GPInput(name: try g.string("name"), expression: try g.optionalString("expression"),
                                transform: try g.choice("transform", Transform.self),
                                shift: try g.number("shift"), scale: try g.number("scale"), lengthScale: try g.number("length_scale"))
            guard input.scale > 0, input.lengthScale > 0 else { throw SurrogateError("\(g.path): scale and length_scale must be positive") }
            return input
        }
        // the parameters in order, then features (with their expressions)
        guard inputs.count >= names.count, Array(inputs.prefix(names.count).map(\.name)) == names,
              inputs.prefix(names.count).allSatisfy({ $0.expression == nil }),
              inputs.dropFirst(names.count).allSatisfy({ $0.expression != nil }) else {
            throw SurrogateError("\(f.path).inputs are \(inputs.map(\.name)); they must be the model's parameters \(names), in that order, then features with an expression")
        }
        guard inputs.count <= names.count + Self.maxFeatures else { throw SurrogateError("\(f.path) has more than \(Self.maxFeatures) features") }
        _ = try Features.compile(inputs.dropFirst(names.count).map { ($0.name, $0.expression ?? "") }, parameters: names)
        let training = try f.array("training_inputs")
        guard training.count == inputs.count else { throw SurrogateError("\(f.path).training_inputs needs one array per input") }
        let columns = try training.enumerated().map { k, column -> [Double] in
            guard let items = column.arrayValue else { throw SurrogateError("\(f.path).training_inputs[\(k)] must be an array") }
            return try items.enumerated().map { try Fields.number($1, "\(f.path).training_inputs[\(k)][\($0)]") }
        }
        let n = columns[0].count
        guard n >= 1, columns.allSatisfy({ $0.count == n }) else { throw SurrogateError("\(f.path).training_inputs must be arrays of one length, not empty") }
        guard n <= maxTrainingPoints else {
            throw SurrogateError("\(f.path) has \(n) training points; at most \(maxTrainingPoints) are read", hint: "fit a committee of experts (--experts)")
        }
        func target(_ key: String) throws -> GPTarget {
            let t = try Fields(try f.required(key), "\(f.path).\(key)")
            return GPTarget(mean: try t.numbers("mean", count: inputs.count + 1), scale: try t.number("scale"),
                            values: try t.numbers("values", count: n), weights: try t.numbers("weights", count: n))
        }
        var gp = GaussianProcess(kernel: try f.choice("kernel", KernelKind.self), inputs: inputs,
                                 outputTransform: try f.choice("output_transform", Transform.self),
                                 signalVariance: try f.number("signal_variance"), noiseVariance: try f.number("noise_variance"),
                                 pointNoise: f.optional("point_noise") == nil ? [] : try f.numbers("point_noise", count: n),
                                 jitter: try f.number("jitter"), training: columns, value: try target("value"),
                                 theory: f.optional("theory_log_relative_uncertainty") == nil ? nil : try target("theory_log_relative_uncertainty"),
                                 logMarginalLikelihood: (try? f.number("log_marginal_likelihood")) ?? -.infinity)
        guard varianceRange.contains(gp.signalVariance), (0...maxNoise).contains(gp.noiseVariance), (0...maxJitter).contains(gp.jitter),
              gp.inputs.allSatisfy({ lengthScaleRange.contains($0.lengthScale) && $0.scale > 1e-300 && $0.scale < 1e300 && abs($0.shift) < 1e300 }),
              gp.value.scale > 1e-300, gp.value.scale < 1e300, (gp.theory?.scale ?? 1) > 1e-300, (gp.theory?.scale ?? 1) < 1e300,
              gp.pointNoise.allSatisfy({ (0...1e6).contains($0) }) else {
            throw SurrogateError("\(f.path): a hyperparameter is outside the range a fit gives (length scales and signal variance in [1e-3, 1e3], noise in [0, 1], jitter in [0, 1e-4], scales positive)")
        }
        gp.logMarginalLikelihood = gp.logMarginalLikelihood.isFinite ? gp.logMarginalLikelihood : -.infinity
        return gp
    }
}
