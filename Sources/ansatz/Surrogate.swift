import AnsatzCore
import AnsatzSurrogate
import ArgumentParser
import Foundation

/// `ansatz surrogate fit|eval|combine`: the surrogate_fit and surrogate_evaluate tools on files
/// (tables and scans of any size; the MCP tools take inline tables up to a limit).
struct Surrogate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit, evaluate and combine surrogate models of tabulated cross sections (Docs/surrogates.md).",
        discussion: """
        Example: ansatz surrogate fit Examples/surrogates/gluino_pair_13TeV.csv --params mass_GeV --output xsec_pb \
        --uncertainty unc_pb -o gluino.json && ansatz surrogate eval gluino.json --at mass_GeV=1200 --lumi 139/fb
        """,
        subcommands: [SurrogateFit.self, SurrogateEval.self, SurrogateCombine.self]
    )
}

/// Runs `body`, printing a diagnostic (exit 2, or 3 for a budget) instead of a Swift error.
func reportingDiagnostics(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let d as Diagnostic {
        FileHandle.standardError.write(Data(d.rendered(source: "").utf8))
        throw ExitCode(d.kind.isBudgetOrLimit ? 3 : 2)
    }
}

func readText(_ path: String) throws -> String {
    if path == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
    // a FileHandle reads pipes too (a shell's <(...) is /dev/fd/N)
    guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
    defer { try? handle.close() }
    return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
}

/// Where a command's output goes: standard output, or a file. A regular file (or a new one) is
/// written beside its path and renamed into place once complete, so that a failure leaves no
/// partial file; a device or a pipe (/dev/full, /dev/stdout) is written in place, never replaced.
final class OutputFile {
    let fd: Int32
    let path: String?
    let temporary: String?

    init(_ path: String?) throws {
        guard let path, path != "-" else {
            (fd, self.path, temporary) = (1, nil, nil)
            return
        }
        var info = stat()
        let isSpecial = stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
        let target = isSpecial ? path : path + ".partial-\(getpid())"
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            FileHandle.standardError.write(Data("ansatz: cannot write \(path): \(String(cString: strerror(errno)))\n".utf8))
            throw ExitCode(4)
        }
        (self.fd, self.path, temporary) = (fd, path, isSpecial ? nil : target)
    }

    /// Writes every byte, or throws exit 4.
    func write(_ bytes: [UInt8]) throws {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { p in Foundation.write(fd, p.baseAddress.map { $0 + written }, bytes.count - written) }
            guard n > 0 else { try fail() }
            written += n
        }
    }

    /// Closes the file and moves it into place.
    func commit() throws {
        guard path != nil else { return }
        guard close(fd) == 0 else { try fail() }
        if let temporary, let path, rename(temporary, path) != 0 { try fail() }
    }

    /// Closes and removes the unfinished file.
    func abandon() {
        guard path != nil else { return }
        close(fd)
        if let temporary { unlink(temporary) }
    }

    private func fail() throws -> Never {
        let reason = String(cString: strerror(errno))
        abandon()
        FileHandle.standardError.write(Data("ansatz: cannot write \(path ?? "standard output"): \(reason)\n".utf8))
        throw ExitCode(4)
    }
}

func writeText(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
        print(text, terminator: "")
        return
    }
    let file = try OutputFile(path)
    do {
        try file.write(Array(text.utf8))
        try file.commit()
    } catch {
        file.abandon()
        throw error
    }
}

func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

/// `name=value` pairs, comma-separated.
func pairs(_ text: String, _ flag: String) throws -> [(String, String)] {
    try text.split(separator: ",").map { item in
        let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("\(flag) takes name=value pairs separated by commas, got '\(item)'") }
        return (parts[0], parts[1])
    }
}

struct SurrogateFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a surrogate model to a CSV table and write it as JSON (the surrogate_fit tool).",
        discussion: """
        A Gaussian process (default; --kernel auto tries squared_exponential and matern52 and keeps \
        the higher marginal likelihood) or a formula (--kind formula --formula 'exp(a + b*log(mass_GeV))'). \
        --experts K fits a committee on disjoint subsets (row r to expert r mod K); --expert i fits \
        only expert i, for `ansatz surrogate combine` (the same model, bit for bit).
        """
    )

    @Argument(help: "The table: a CSV file whose first line names the columns (- for standard input).")
    var table: String

    @Option(name: .long, help: "The parameter columns, comma-separated.")
    var params: String

    @Option(name: .long, help: "The output column.")
    var output: String

    @Option(name: .long, help: "A column of the output's tabulated (theory) uncertainty: interpolated and reported.")
    var uncertainty: String?

    @Option(name: .long, help: "A column of the output's per-point noise (1σ), in the Gaussian process's covariance.")
    var noise: String?

    @Option(name: .long, help: "gp (default) or formula.")
    var kind: String = "gp"

    @Option(name: .long, help: "With --kind formula: the form; every name that is not a parameter is a coefficient.")
    var formula: String?

    @Option(name: .long, help: "Starting values of the formula's coefficients, e.g. 'a=1,b=-4' (default 0).")
    var initial: String?

    @Option(name: .long, help: "Formula residuals: relative (default for a positive output) or absolute.")
    var residuals: String?

    @Option(name: .long, help: "auto (default), squared_exponential or matern52.")
    var kernel: String = "auto"

    @Option(name: .long, help: "A further input of the Gaussian process, an expression of the parameters: 'd=abs(log(msq_GeV/mgl_GeV))' (repeatable).")
    var feature: [String] = []

    @Option(name: .long, help: "Transforms of the parameters, e.g. 'mass_GeV=log' (log or identity; default log for a positive parameter).")
    var inputTransform: String?

    @Option(name: .long, help: "Transform of the output: log or identity (default log for a positive output).")
    var outputTransform: String?

    @Option(name: .long, help: "Optimiser starts per kernel (default 5).")
    var restarts: Int = 5

    @Option(name: .long, help: "Experts of a committee (default 1: one Gaussian process).")
    var experts: Int = 1

    @Option(name: .long, help: "Fit only this expert (0-based) of the committee.")
    var expert: Int?

    @Option(name: .long, help: "How a committee combines its experts: rbcm (default) or gpoe.")
    var combination: String = "rbcm"

    @Option(name: .long, help: "Units of the columns, e.g. 'mass_GeV=GeV,xsec_pb=pb'.")
    var units: String?

    @Option(name: .long, help: "Signal regions sharing the model, with efficiencies: 'SR1=0.12,SR2=0.03'.")
    var regions: String?

    @Option(name: .long, help: "The model's name (default: the output column).")
    var name: String?

    @Option(name: .long, help: "The process, e.g. 'p p > go go'.")
    var process: String?

    @Option(name: .long, help: "The collider, e.g. 'pp, 13 TeV'.")
    var collider: String?

    @Option(name: .long, help: "A reference for the table (repeatable).")
    var reference: [String] = []

    @Option(name: .shortAndLong, help: "Write the model here (default: standard output).")
    var out: String?

    func run() throws {
        try reportingDiagnostics {
            let table = try SurrogateTable.csv(try readText(self.table), source: self.table)
            var request = SurrogateFitRequest(parameters: params.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, output: output)
            request.uncertainty = uncertainty
            request.noise = noise
            guard let kind = SurrogateFitRequest.Kind(rawValue: kind) else { throw ValidationError("--kind is gp or formula") }
            request.kind = kind
            request.formula = formula
            if let residuals {
                guard let r = FormulaSurrogate.Residuals(rawValue: residuals) else { throw ValidationError("--residuals is relative or absolute") }
                request.residuals = r
            }
            for (k, v) in try initial.map({ try pairs($0, "--initial") }) ?? [] {
                guard let d = Double(v) else { throw ValidationError("--initial: \(k)=\(v) is not a number") }
                request.initial[k] = d
            }
            if kernel != "auto" {
                guard let k = KernelKind(rawValue: kernel) else { throw ValidationError("--kernel is auto, squared_exponential or matern52") }
                request.gp.kernel = k
            }
            if let inputTransform {
                let given = Dictionary(try pairs(inputTransform, "--input-transform"), uniquingKeysWith: { a, _ in a })
                let columns = try request.parameters.map { try table.column($0, role: "a parameter") }
                request.gp.inputTransforms = try zip(request.parameters, columns).map { name, column in
                    guard let t = given[name] else { return column.allSatisfy { $0 > 0 } ? .log : .identity }
                    guard let transform = Transform(rawValue: t) else { throw ValidationError("--input-transform: \(name)=\(t); log or identity") }
                    return transform
                }
                if let stray = given.keys.first(where: { !request.parameters.contains($0) }) { throw ValidationError("--input-transform names \(stray), not a parameter") }
            }
            if let outputTransform {
                guard let t = Transform(rawValue: outputTransform) else { throw ValidationError("--output-transform is log or identity") }
                request.gp.outputTransform = t
            }
            guard restarts >= 1, restarts <= 100 else { throw ValidationError("--restarts must be between 1 and 100") }
            request.gp.restarts = restarts
            request.experts = experts
            request.expert = expert
            guard let rule = SurrogateModel.Combination(rawValue: combination) else { throw ValidationError("--combination is rbcm or gpoe") }
            request.combination = rule
            request.units = Dictionary(try units.map { try pairs($0, "--units") } ?? [], uniquingKeysWith: { a, _ in a })
            request.signalRegions = try (regions.map { try pairs($0, "--regions") } ?? []).map { name, value in
                guard let e = Double(value), e >= 0, e.isFinite else { throw ValidationError("--regions: \(name)=\(value) is not an efficiency") }
                return .init(name: name, efficiency: e)
            }
            request.features = try feature.map { item in
                guard let eq = item.firstIndex(of: "="), !item[..<eq].trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("--feature takes NAME=EXPRESSION, got '\(item)'")
                }
                return (item[..<eq].trimmingCharacters(in: .whitespaces), String(item[item.index(after: eq)...]))
            }
            request.name = name
            request.process = process
            request.collider = collider
            request.references = reference
            request.tableName = self.table == "-" ? nil : URL(fileURLWithPath: self.table).lastPathComponent
            let start = ContinuousClock.now
            let model = try SurrogateFitter.fit(table, request)
            try writeText(model.text, to: out)
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            let what = expert.map { "expert \($0) of \(experts) (\(plural((table.rows - $0 + experts - 1) / experts, "row")) of \(table.rows))" }
                ?? "a \(model.kindName.replacingOccurrences(of: "_", with: " ")) to \(plural(table.rows, "row"))"
            FileHandle.standardError.write(Data(("fitted " + what + String(format: " in %.2f s\n", seconds)).utf8))
        }
    }
}

struct SurrogateEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a surrogate model at points; CSV to standard output (the surrogate_evaluate tool).",
        discussion: """
        Columns: the inputs, then the output (named as in the model), <output>_uncertainty (the \
        model's and the theory 1σ in quadrature), <output>_model_uncertainty, \
        <output>_theory_uncertainty (when the model carries one), events (or events_<region>) with \
        --lumi, and outside_range (1 where a parameter leaves the fitted range).
        """
    )

    @Argument(help: "The model (JSON), as `ansatz surrogate fit` wrote it.")
    var model: String

    @Option(name: .long, help: "One point, e.g. 'mass_GeV=1200' or 'msq_GeV=1500,mgl_GeV=1200' (repeatable).")
    var at: [String] = []

    @Option(name: .long, help: "A CSV file of points whose header names the parameters (- for standard input).")
    var batch: String?

    @Option(name: .long, help: "Integrated luminosity, e.g. 139/fb: adds events = σ L (× each signal region's efficiency).")
    var lumi: String?

    @Option(name: .long, help: "Threads (default: every core).")
    var threads: Int?

    @Option(name: .shortAndLong, help: "Write the CSV here (default: standard output).")
    var out: String?

    func run() throws {
        try reportingDiagnostics {
            let model = try SurrogateModel.read(try readText(self.model))
            let predictor = try SurrogatePredictor(model)
            let factor = try lumi.map { try model.eventsPerUnitOutput(luminosity: $0) }
            let names = model.resultColumnNames(theory: predictor.hasTheoryUncertainty, events: factor != nil)
            let parameterNames = model.parameters.map(\.name)
            guard (batch == nil) != at.isEmpty else { throw ValidationError("give --at POINT or --batch FILE") }
            let start = ContinuousClock.now
            var rows = 0, outside = 0, undefined = 0
            if let batch {
                let text = try readText(batch)
                let file = try OutputFile(out)
                do {
                    (rows, outside, undefined) = try SurrogateCSV.evaluate(predictor, csv: text, source: batch, names: names,
                                                                          eventsPerUnit: factor, threads: threads) { try file.write($0) }
                    try file.commit()
                } catch {
                    file.abandon()
                    throw error
                }
            } else {
                let points = try at.map { Dictionary(try pairs($0, "--at"), uniquingKeysWith: { a, _ in a }) }
                let columns = try parameterNames.map { name in
                    try points.map { point -> Double in
                        guard let text = point[name] else { throw ValidationError("--at needs a value of \(name) (the model's parameters: \(parameterNames.joined(separator: ", ")))") }
                        guard let v = Double(text) else { throw ValidationError("--at: \(name)=\(text) is not a number") }
                        return v
                    }
                }
                if let stray = points.flatMap(\.keys).first(where: { !parameterNames.contains($0) }) {
                    throw ValidationError("--at names \(stray), not a parameter of the model (\(parameterNames.joined(separator: ", ")))")
                }
                let prediction = try predictor.predict(columns, threads: threads)
                let results = model.resultColumns(prediction, eventsPerUnit: factor)
                var csv = (parameterNames + names).joined(separator: ",") + "\n"
                for i in 0..<points.count {
                    csv += (columns.map { SurrogateCSV.format($0[i]) } + results.map { SurrogateCSV.format($0[i]) }).joined(separator: ",") + "\n"
                }
                try writeText(csv, to: out)
                rows = points.count
                outside = prediction.outside.reduce(0) { $0 + Int($1) }
                undefined = prediction.value.filter(\.isNaN).count
            }
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            var summary = "evaluated \(plural(rows, "point")) in " + String(format: "%.3f s", seconds)
            if outside > 0 {
                summary += "; warning[W-SURROGATE-RANGE]: \(outside) outside the valid range (" +
                    model.parameters.map { "\($0.name) \(SurrogateCSV.format($0.range.lowerBound))…\(SurrogateCSV.format($0.range.upperBound))" }.joined(separator: ", ") + "), flagged in outside_range"
            }
            if undefined > 0 {
                summary += "; warning[W-SURROGATE-RANGE]: \(plural(undefined, "point")) without a prediction (nan): a parameter with a log transform is not positive there"
            }
            if batch != nil || outside > 0 || undefined > 0 { FileHandle.standardError.write(Data((summary + "\n").utf8)) }
        }
    }
}

struct SurrogateCombine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "combine",
        abstract: "Assemble a committee from experts fitted one by one (fit --experts K --expert i).",
        discussion: "Example: ansatz surrogate combine part_*.json -o model.json"
    )

    @Argument(help: "The experts' model files.")
    var parts: [String]

    @Option(name: .shortAndLong, help: "Write the model here (default: standard output).")
    var out: String?

    func run() throws {
        try reportingDiagnostics {
            let models = try parts.map { try SurrogateModel.read(try readText($0)) }
            try writeText(try SurrogateFitter.combine(models, names: parts).text, to: out)
        }
    }
}
