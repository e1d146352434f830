import AnsatzCore
import AnsatzNumeric
import AnsatzUnits
import Dispatch
import Foundation

/// A table of numbers with named columns (a CSV file, or inline columns from a tool call).
public struct SurrogateTable: Sendable {
    public var names: [String]
    public var columns: [[Double]]
    public var rows: Int { columns.first?.count ?? 0 }

    public init(names: [String], columns: [[Double]]) {
        self.names = names
        self.columns = columns
    }

    /// The most rows a table may have (a fit reads them all into memory).
    public static let maxRows = 2_000_000

    /// Reads CSV text: a header naming the columns, then rows. Columns that are not numbers
    /// throughout are kept as NaN and refused only if a fit or an evaluation asks for them.
    public static func csv(_ text: String, source: String = "the table") throws -> SurrogateTable {
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        lines.removeAll { $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.hasPrefix("#") }
        guard let header = lines.first else {
            throw Diagnostic(.csv, "\(source) is empty", hint: "the first line names the columns: mass_GeV,xsec_pb,unc_pb")
        }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map(Self.clean)
        guard Set(names).count == names.count else { throw Diagnostic(.csv, "\(source) names a column twice: \(header)", hint: "give each column its own name") }
        guard lines.count - 1 <= maxRows else {
            throw Diagnostic(.limitInput, "\(source) has \(lines.count - 1) rows; at most \(maxRows) are read", hint: "fit on a sample, or split the table")
        }
        var columns = names.map { _ in [Double]() }
        for (r, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == names.count else {
                throw Diagnostic(.csv, "line \(r + 2) of \(source) has \(fields.count) fields; the header has \(names.count)",
                                 hint: "one field per column on every line, separated by commas")
            }
            for (k, field) in fields.enumerated() { columns[k].append(Double(Self.clean(field)) ?? .nan) }
        }
        return SurrogateTable(names: names, columns: columns)
    }

    static func clean<S: StringProtocol>(_ s: S) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { t = String(t.dropFirst().dropLast()) }
        return t
    }

    /// A column that must be numbers throughout.
    public func column(_ name: String, role: String) throws -> [Double] {
        guard let k = names.firstIndex(of: name) else {
            throw Diagnostic(.csv, "the table has no column '\(name)' (\(role)); its columns are " + names.joined(separator: ", "),
                             hint: "name columns as the table's header does")
        }
        let c = columns[k]
        if let bad = c.firstIndex(where: { !$0.isFinite }) {
            throw Diagnostic(.csv, "column '\(name)' is not a finite number at row \(bad + 1)", hint: "every row needs a number in the columns a fit uses")
        }
        return c
    }
}

/// What to fit, and what to say about it.
public struct SurrogateFitRequest: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case formula, gp }
    public var parameters: [String]
    public var output: String
    /// the tabulated (theory) uncertainty of the output, carried and interpolated
    public var uncertainty: String?
    /// the per-point noise of the output (one standard deviation), in the GP's covariance
    public var noise: String?
    public var kind: Kind = .gp
    public var formula: String?
    public var residuals: FormulaSurrogate.Residuals?
    public var initial: [String: Double] = [:]
    public var gp = GPFitOptions()
    public var experts = 1
    /// fit only this expert of the committee (0-based), for a map step on a cluster
    public var expert: Int?
    public var combination: SurrogateModel.Combination = .rbcm
    public var name: String?
    public var process: String?
    public var collider: String?
    public var references: [String] = []
    public var units: [String: String] = [:]
    public var signalRegions: [SurrogateModel.SignalRegion] = []
    /// further inputs of a Gaussian process: (name, expression in the parameters)
    public var features: [(name: String, expression: String)] = []
    /// where the table came from (a file name), for the model's provenance
    public var tableName: String?

    public init(parameters: [String], output: String) {
        self.parameters = parameters
        self.output = output
    }

    /// The largest training set of one Gaussian process a fit accepts: the likelihood costs n³.
    public static let maxPointsPerExpert = 3000
}

public enum SurrogateFitter {
    public static func fit(_ table: SurrogateTable, _ request: SurrogateFitRequest, budget: Budget = .unlimited) throws -> SurrogateModel {
        guard !request.parameters.isEmpty else { throw SurrogateError("give the parameters (--params)") }
        guard Set(request.parameters + request.features.map(\.name)).count == request.parameters.count + request.features.count else {
            throw SurrogateError("a parameter or feature is named twice")
        }
        guard request.features.isEmpty || request.kind == .gp else { throw SurrogateError("features are inputs of a Gaussian process (--kind gp)") }
        guard !request.parameters.contains(request.output) else { throw SurrogateError("\(request.output) is both a parameter and the output") }
        guard table.columns.count == table.names.count, table.columns.allSatisfy({ $0.count == table.rows }) else {
            throw Diagnostic(.csv, "the table's columns differ in length", hint: "give every column the same number of rows")
        }
        let parameters = try request.parameters.map { try table.column($0, role: "a parameter") }
        let output = try table.column(request.output, role: "the output")
        let theory = try request.uncertainty.map { try table.column($0, role: "the uncertainty") }
        let noise = try request.noise.map { try table.column($0, role: "the noise") }
        guard table.rows >= 2 else { throw SurrogateError("the table has \(table.rows) rows; a fit needs at least 2") }
        for (name, unit) in request.units where name != request.output && !request.parameters.contains(name) {
            throw SurrogateError("--units names \(name) (as \(unit)), which is neither a parameter nor the output")
        }
        let ranges = parameters.map { ($0.min() ?? 0)...($0.max() ?? 0) }
        var provenance: [(String, JSONValue)] = []
        if let t = request.tableName { provenance.append(("table", .string(t))) }
        // the numbers the fit read: experts fitted from different tables do not combine
        let used = parameters + [output] + (theory.map { [$0] } ?? []) + (noise.map { [$0] } ?? [])
        provenance += [("table_digest", .string(Self.digest(used))), ("rows", .int(table.rows)), ("parameters", .array(request.parameters.map { .string($0) })),
                       ("output", .string(request.output))]
        if let u = request.uncertainty { provenance.append(("uncertainty", .string(u))) }
        if let u = request.noise { provenance.append(("noise", .string(u))) }

        let kind: SurrogateModel.Kind
        switch request.kind {
        case .formula:
            guard let form = request.formula else { throw SurrogateError("a formula fit needs --formula 'EXPR'", hint: "e.g. --formula 'exp(a + b*log(mass_GeV))'") }
            guard request.uncertainty == nil, request.noise == nil else {
                throw SurrogateError("a formula model does not carry a tabulated uncertainty or noise",
                                     hint: "fit a Gaussian process (--kind gp) to carry it, or fit the uncertainty as a formula of its own")
            }
            guard request.experts == 1 else { throw SurrogateError("--experts is for Gaussian processes") }
            let residuals = request.residuals ?? (output.allSatisfy { $0 > 0 } ? .relative : .absolute)
            kind = .formula(try FormulaSurrogate.fit(form: form, names: request.parameters, parameters: parameters, output: output,
                                                     residuals: residuals, initial: request.initial, budget: budget))
            provenance += [("kind", .string("formula")), ("form", .string(form))]
        case .gp:
            guard request.formula == nil else { throw SurrogateError("--formula is for --kind formula") }
            let k = request.experts
            let most = min(table.rows / 2, GaussianProcess.maxExperts)
            guard k >= 1, k <= most else { throw SurrogateError("--experts must be between 1 and \(most) (half the rows, at most \(GaussianProcess.maxExperts))") }
            if let e = request.expert, !(0..<k).contains(e) { throw SurrogateError("--expert must be between 0 and \(k - 1)") }
            // what the model will need to load: n ≤ 3000 per expert and Σ n² within the limit
            let sizes = (0..<k).map { (table.rows - $0 + k - 1) / k }
            let entries = sizes.reduce(0) { $0 + $1 * $1 }
            guard sizes[0] <= SurrogateFitRequest.maxPointsPerExpert, entries <= GaussianProcess.maxCovarianceEntries else {
                // the fewest experts with n ≤ 3000 and N²/K within the limit
                let needed = max((table.rows + SurrogateFitRequest.maxPointsPerExpert - 1) / SurrogateFitRequest.maxPointsPerExpert,
                                 (table.rows * table.rows + GaussianProcess.maxCovarianceEntries - 1) / GaussianProcess.maxCovarianceEntries)
                throw SurrogateError("\(table.rows) rows in \(k) experts make experts of \(sizes[0]) points and \(entries) covariance entries; a model holds at most \(SurrogateFitRequest.maxPointsPerExpert) points per expert and \(GaussianProcess.maxCovarianceEntries) entries",
                                     hint: needed <= most ? "use --experts \(needed) or more" : "fit on a sample of the table")
            }
            // features: expressions of the parameters, computed as the predictor will compute them
            let featureColumns = try Features.compile(request.features, parameters: request.parameters)
                .map { try $0.values(parameters) } ?? []
            for (f, column) in zip(request.features, featureColumns) {
                if let bad = column.firstIndex(where: { !$0.isFinite }) {
                    throw SurrogateError("feature \(f.name) = \(f.expression) is \(column[bad]) at row \(bad + 1)", hint: "a feature must be finite at every row")
                }
            }
            let inputs = parameters + featureColumns
            let inputNames = request.parameters + request.features.map(\.name)
            // transforms are decided on the whole table, so every expert uses the same
            var options = request.gp
            options.inputTransforms = (options.inputTransforms ?? parameters.map { $0.allSatisfy { $0 > 0 } ? .log : .identity })
                + featureColumns.map { _ in .identity }
            options.outputTransform = options.outputTransform ?? (output.allSatisfy { $0 > 0 } ? .log : .identity)
            let which = request.expert.map { [$0] } ?? Array(0..<k)
            var experts = try fitExperts(which, of: k, names: inputNames, parameters: inputs, output: output,
                                         outputName: request.output, theory: theory, noise: noise, options: options, budget: budget)
            for e in experts.indices {
                for (j, f) in request.features.enumerated() { experts[e].inputs[request.parameters.count + j].expression = f.expression }
            }
            kind = k == 1 ? .gaussianProcess(experts[0]) : .committee(request.combination, experts)
            if !request.features.isEmpty {
                provenance.append(("features", .object(request.features.map { ($0.name, .string($0.expression)) })))
            }
            provenance += [("kind", .string("gp")), ("kernel", .string(options.kernel?.rawValue ?? "auto")), ("restarts", .int(options.restarts)),
                           ("transforms", .array((options.inputTransforms ?? []).map { .string($0.rawValue) }
                                                 + [.string((options.outputTransform ?? .identity).rawValue)])),
                           ("seed", .int(Int(truncatingIfNeeded: options.seed)))]
            if k > 1 {
                provenance += [("experts", .int(k)), ("partition", .string("row r (from 0, in table order) to expert r mod \(k)"))]
                if let e = request.expert { provenance.append(("expert", .int(e))) }
            }
        }
        return SurrogateModel(
            name: request.name ?? request.output, process: request.process, collider: request.collider, references: request.references,
            parameters: zip(request.parameters, ranges).map { .init(name: $0, unit: request.units[$0], range: $1) },
            output: .init(name: request.output, unit: request.units[request.output]), signalRegions: request.signalRegions,
            kind: kind, fit: .object(provenance))
    }

    /// Fits the experts `which` of `k` (rows r with r mod k == expert), in parallel. Expert e
    /// starts its optimiser from seed + e, so the same expert fitted alone is the same bit for bit.
    static func fitExperts(_ which: [Int], of k: Int, names: [String], parameters: [[Double]], output: [Double], outputName: String,
                           theory: [Double]?, noise: [Double]?, options: GPFitOptions, budget: Budget) throws -> [GaussianProcess] {
        let results = ResultBox<GaussianProcess>(count: which.count)
        let workers = min(which.count, BatchEvaluator.cores)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var slot = w
            while slot < which.count {
                let e = which[slot]
                let rows = Array(stride(from: e, to: output.count, by: k))
                var o = options
                o.seed = options.seed &+ UInt64(e)
                let result = Result {
                    try GaussianProcess.fit(names: names, parameters: parameters.map { c in rows.map { c[$0] } },
                                            output: rows.map { output[$0] }, outputName: outputName,
                                            theory: theory.map { t in rows.map { t[$0] } }, noise: noise.map { s in rows.map { s[$0] } },
                                            options: o, budget: budget)
                }
                results.set(slot, result)
                slot += workers
            }
        }
        return try results.values()
    }

    /// Assembles a committee from experts fitted one by one (`fit ... --expert i`): the same
    /// model, bit for bit, as fitting all of them in one process.
    public static func combine(_ parts: [SurrogateModel], names: [String]? = nil) throws -> SurrogateModel {
        guard let first = parts.first else { throw SurrogateError("give the expert files to combine") }
        func label(_ i: Int) -> String { names.map { i < $0.count ? $0[i] : "part \(i + 1)" } ?? "part \(i + 1)" }
        var byIndex: [Int: GaussianProcess] = [:]
        var total: Int?
        for (i, part) in parts.enumerated() {
            guard case let .committee(rule, experts) = part.kind, experts.count == 1,
                  let index = part.fit?["expert"]?.intValue, let k = part.fit?["experts"]?.intValue else {
                throw SurrogateError("\(label(i)) is not one expert of a committee (fit it with --experts K --expert i)")
            }
            guard case let .committee(firstRule, _) = first.kind, rule == firstRule else { throw SurrogateError("the parts use different combination rules") }
            guard (1...GaussianProcess.maxExperts).contains(k), (0..<k).contains(index) else {
                throw SurrogateError("\(label(i)) says it is expert \(index) of \(k); a committee has 1 to \(GaussianProcess.maxExperts) experts, numbered from 0")
            }
            if let total, total != k { throw SurrogateError("the parts come from committees of \(total) and \(k) experts") }
            total = k
            guard byIndex[index] == nil else { throw SurrogateError("expert \(index) is given twice (\(label(i)))") }
            byIndex[index] = experts[0]
            // everything but the expert itself must agree
            var a = part, b = first
            a.kind = first.kind
            a.fit = withoutExpert(part.fit)
            b.fit = withoutExpert(first.fit)
            guard a.json == b.json else {
                throw SurrogateError("\(label(i)) was fitted from another table or with other options than \(label(0)) (their descriptions or table digests differ)")
            }
        }
        guard let k = total, byIndex.count == k else {
            let missing = (0..<(total ?? 0)).filter { byIndex[$0] == nil }.map(String.init).joined(separator: ", ")
            throw SurrogateError("the committee has \(total ?? 0) experts; missing: \(missing)")
        }
        guard case let .committee(rule, _) = first.kind else { throw SurrogateError("not a committee") }
        let entries = byIndex.values.reduce(0) { $0 + $1.count * $1.count }
        guard entries <= GaussianProcess.maxCovarianceEntries else {
            throw SurrogateError("the experts together need \(entries) covariance entries; a model holds at most \(GaussianProcess.maxCovarianceEntries)")
        }
        var model = first
        model.kind = .committee(rule, (0..<k).compactMap { byIndex[$0] })
        model.fit = withoutExpert(first.fit)
        return model
    }

    /// FNV-1a (64 bits) of the columns' bit patterns, in order, as 16 hex digits.
    static func digest(_ columns: [[Double]]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for column in columns {
            for v in column {
                var bits = v.bitPattern
                for _ in 0..<8 {
                    h = (h ^ (bits & 0xff)) &* 0x0000_0100_0000_01b3
                    bits >>= 8
                }
            }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func withoutExpert(_ fit: JSONValue?) -> JSONValue? {
        guard case let .object(pairs)? = fit else { return fit }
        return .object(pairs.filter { $0.0 != "expert" })
    }
}


/// Results written by concurrent workers, one slot each.
final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<T, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func values() throws -> [T] {
        lock.lock(); defer { lock.unlock() }
        return try slots.map { slot in
            guard let slot else { throw SurrogateError("an expert was not fitted") }
            return try slot.get()
        }
    }
}

extension SurrogateModel {
    /// Events per unit of the output for an integrated luminosity (`139/fb`): the luminosity
    /// times one output unit, as a pure number, exactly converted.
    public func eventsPerUnitOutput(luminosity: String) throws -> Double {
        guard let unit = output.unit else {
            throw SurrogateError("the model's output \(output.name) has no unit, so a luminosity cannot make events of it",
                                 hint: "fit with --units '\(output.name)=pb'")
        }
        // the unit alone must be a unit of positive size (a unit text such as "pb) * (0" or
        // "0*pb" would otherwise change the product below)
        let (own, _) = try Conversion.convert("1 \(unit)", to: unit, natural: nil, digits: 17)
        guard Double(own.decimal) == 1 else { throw SurrogateError("the model's output unit '\(unit)' is not a unit") }
        let (result, _) = try Conversion.convert("(\(luminosity)) * (1 \(unit))", to: "", natural: nil, digits: 17)
        guard result.multipliedBy == nil, let value = Double(result.decimal), value.isFinite, value >= 0 else {
            throw SurrogateError("\(luminosity) times \(unit) is not a pure number",
                                 hint: "give an integrated luminosity, an inverse area such as 139/fb or 3000 fb^-1")
        }
        return value
    }
}
