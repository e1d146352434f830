import AnsatzCore
import AnsatzNumeric
import CMathVec
import Dispatch
import Foundation

/// A Gaussian process ready to predict: the training covariance factored once, the saved
/// weights checked to solve the model's own system.
final class GPPredictor: @unchecked Sendable {
    let gp: GaussianProcess
    /// training inputs divided by their length scales, one buffer per input (read-only after
    /// init, shared by the threads that predict)
    let scaled: [UnsafeMutablePointer<Double>]
    let scaledTable: UnsafeMutablePointer<UnsafePointer<Double>?>
    let factor: Cholesky
    /// L⁻¹, for the variances of a block by one triangular multiplication
    let inverseFactor: [Double]?
    let valueWeights: [Double]
    let theoryWeights: [Double]?
    let priorVariance: Double
    /// the inputs beyond the parameters, compiled
    let features: Features?
    let parameterCount: Int
    /// the fitted white noise in the transformed output: the table's scatter about a smooth
    /// function (its rounding, for a table printed to three digits), which no prediction beats
    let noiseVariance: Double

    init(_ gp: GaussianProcess) throws {
        // the shapes a saved model was checked for, checked again for one built in memory
        let n = gp.count
        guard n >= 1, gp.dims >= 1, gp.training.count == gp.dims, gp.training.allSatisfy({ $0.count == n }),
              gp.value.mean.count == gp.dims + 1, gp.value.values.count == n, gp.value.weights.count == n,
              gp.theory.map({ $0.mean.count == gp.dims + 1 && $0.values.count == n && $0.weights.count == n }) ?? true,
              gp.pointNoise.isEmpty || gp.pointNoise.count == n, n <= GaussianProcess.maxTrainingPoints else {
            throw SurrogateError("the Gaussian process's arrays do not fit together (inputs, training points, targets)")
        }
        self.gp = gp
        parameterCount = gp.inputs.prefix { $0.expression == nil }.count
        let parameterNames = gp.inputs.prefix(parameterCount).map(\.name)
        features = try Features.compile(gp.inputs.dropFirst(parameterCount).map { ($0.name, $0.expression ?? "") }, parameters: parameterNames)
        scaled = (0..<gp.dims).map { k in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: n)
            for i in 0..<n { p[i] = gp.training[k][i] / gp.inputs[k].lengthScale }
            return p
        }
        scaledTable = .allocate(capacity: gp.dims)
        for (k, p) in scaled.enumerated() { scaledTable[k] = UnsafePointer(p) }
        let matrix = gp.covariance(variance: gp.signalVariance, lengthScales: gp.inputs.map(\.lengthScale), noise: gp.noiseVariance)
        let factor = try Cholesky(matrix, n: n, fixedJitter: gp.jitter)
        self.factor = factor
        inverseFactor = factor.inverseFactor()
        // the saved weights are used (a refactorisation on another CPU differs in the last bits,
        // which an ill-conditioned covariance amplifies), once shown to solve the saved system
        try Self.check(gp.value.weights, solve: matrix, gp.value.values, jitter: factor, what: "value")
        valueWeights = gp.value.weights
        if let theory = gp.theory {
            try Self.check(theory.weights, solve: matrix, theory.values, jitter: factor, what: "theory_log_relative_uncertainty")
            theoryWeights = theory.weights
        } else {
            theoryWeights = nil
        }
        priorVariance = gp.signalVariance * gp.value.scale * gp.value.scale
        noiseVariance = gp.noiseVariance * gp.value.scale * gp.value.scale
    }

    deinit {
        scaled.forEach { $0.deallocate() }
        scaledTable.deallocate()
    }

    /// The saved weights w must solve the saved system, (K + noise + jitter) w = y, to rounding:
    /// the residual ‖A w − y‖∞ against ‖A‖∞‖w‖∞ + ‖y‖∞ is about 10⁻¹⁷ for a fitted model on any
    /// machine (a comparison with freshly solved weights is not: on an ill-conditioned covariance
    /// they differ by 10⁻⁵ between CPU types), and far larger for a damaged or edited file.
    static func check(_ w: [Double], solve matrix: [Double], _ y: [Double], jitter factor: Cholesky, what: String) throws {
        let n = y.count
        guard w.count == n, w.allSatisfy(\.isFinite) else { throw SurrogateError("the saved weights of \(what) are not \(n) finite numbers") }
        let meanDiagonal = (0..<n).reduce(0.0) { $0 + matrix[$1 * n + $1] } / Double(max(n, 1))
        var residual = 0.0, norm = 0.0
        for i in 0..<n {
            var s = -y[i], row = 0.0
            for j in 0..<n {
                let a = matrix[j * n + i] + (i == j ? factor.jitter * meanDiagonal : 0)
                s += a * w[j]
                row += abs(a)
            }
            // a NaN or an overflow fails the check (Swift's max would drop a NaN)
            if !(abs(s) <= residual) { residual = abs(s) }
            if !(row <= norm) { norm = row }
        }
        let scale = norm * (w.map(abs).max() ?? 0) + (y.map(abs).max() ?? 0)
        guard residual.isFinite, scale.isFinite, residual <= 1e-9 * scale else {
            throw SurrogateError("the saved weights of \(what) do not solve the model's own system (residual \(residual / scale) relative)",
                                 hint: "the model file was changed after fitting; fit it again")
        }
    }

    /// Work space for one thread: `rows` points at a time.
    final class Scratch {
        let z: [UnsafeMutablePointer<Double>]
        /// the features' values of a block (their inputs before transform and standardisation)
        let features: [UnsafeMutablePointer<Double>]
        let cross: UnsafeMutablePointer<Double>
        let explained: UnsafeMutablePointer<Double>
        /// Sized for the largest of `experts`, whose predictions a thread computes one after another.
        convenience init(for experts: [GPPredictor], rows: Int) {
            self.init(dims: experts.map(\.gp.dims).max() ?? 1, rows: rows, training: experts.map(\.gp.count).max() ?? 1,
                      features: experts.map { $0.gp.dims - $0.parameterCount }.max() ?? 0)
        }

        /// points per block (the cross buffer holds this many rows)
        let rows: Int

        init(dims: Int, rows: Int, training: Int, features: Int = 0) {
            self.rows = rows
            z = (0..<dims).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: rows) }
            self.features = (0..<features).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: rows) }
            cross = .allocate(capacity: rows * max(training, 1))
            explained = .allocate(capacity: rows)
        }
        deinit {
            z.forEach { $0.deallocate() }
            features.forEach { $0.deallocate() }
            cross.deallocate()
            explained.deallocate()
        }
    }

    /// In the output's transformed space, for points start..<start+n of the raw parameter columns:
    /// the predictive mean, the latent variance, the mean function, and the log relative theory
    /// uncertainty (if the model has one).
    func predict(_ raw: [UnsafePointer<Double>], start: Int, n: Int, scratch: Scratch,
                 mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>,
                 priorMean: UnsafeMutablePointer<Double>, theory: UnsafeMutablePointer<Double>?) {
        let dims = gp.dims, count = gp.count
        if let features { features.values(raw.map { $0 + start }, n: n, into: scratch.features) }
        for k in 0..<dims {
            let input = gp.inputs[k]
            let source = k < parameterCount ? raw[k] + start : UnsafePointer(scratch.features[k - parameterCount])
            let z = scratch.z[k]
            let divisor = input.scale * input.lengthScale
            switch input.transform {
            case .identity: for i in 0..<n { z[i] = (source[i] - input.shift) / divisor }
            // log of 0 or of a negative number has no prediction: NaN, not ±inf through the mean
            case .log: for i in 0..<n { z[i] = source[i] > 0 ? (Foundation.log(source[i]) - input.shift) / divisor : .nan }
            }
        }
        let zs = scratch.z.prefix(dims).map { Optional(UnsafePointer($0)) }
        zs.withUnsafeBufferPointer { points in
            ans_gp_cross(gp.kernel.code, dims, n, points.baseAddress, count, UnsafePointer(scaledTable), gp.signalVariance, scratch.cross)
        }
        // means: the kernel rows against the weights (a matrix-vector product)
        Cholesky.rowProducts(scratch.cross, rows: n, columns: count, valueWeights, into: mean)
        if let theory, let theoryWeights { Cholesky.rowProducts(scratch.cross, rows: n, columns: count, theoryWeights, into: theory) }
        for i in 0..<n {
            var m = gp.value.mean[0], t = gp.theory?.mean[0] ?? 0
            for k in 0..<dims {
                let zk = scratch.z[k][i] * gp.inputs[k].lengthScale
                m += gp.value.mean[k + 1] * zk
                if let th = gp.theory { t += th.mean[k + 1] * zk }
            }
            priorMean[i] = m
            mean[i] = m + gp.value.scale * mean[i]
            if let theory, let th = gp.theory { theory[i] = t + th.scale * theory[i] }
        }
        // variances: σ² − kᵀK⁻¹k, by one triangular multiplication (or solve) over the block,
        // always a full block: BLAS computes every column of a full block alike, while the
        // columns of a partial one may take other kernels and round differently, which made a
        // committee's point (whose mean weighs its experts by their variances) depend on the
        // size of its block. The padding rows are zeros; their results are not used.
        if n < scratch.rows { (scratch.cross + n * count).update(repeating: 0, count: (scratch.rows - n) * count) }
        factor.explainedVariance(scratch.cross, rows: scratch.rows, inverse: inverseFactor, into: scratch.explained)
        let s2 = gp.value.scale * gp.value.scale
        for i in 0..<n { variance[i] = max(gp.signalVariance - scratch.explained[i], 0) * s2 }
    }
}

/// The columns a prediction gives, one value per point.
public struct Prediction: Sendable {
    public var value: [Double]
    /// the surrogate's own 1σ: the Gaussian process's predictive standard deviation, or a
    /// formula's fit uncertainty and residual scatter
    public var modelUncertainty: [Double]
    /// the table's theory uncertainty, interpolated; nil when the model has none
    public var theoryUncertainty: [Double]?
    /// the two in quadrature
    public var uncertainty: [Double]
    /// 1 where a parameter is outside the model's valid range
    public var outside: [UInt8]
}

/// Evaluates a surrogate model at many points, in blocks on every core.
public final class SurrogatePredictor: Sendable {
    public let model: SurrogateModel
    enum Engine: Sendable {
        case gp(GPPredictor)
        case committee(SurrogateModel.Combination, [GPPredictor])
        case formula(BatchEvaluator, FormulaSurrogate)
    }
    let engine: Engine
    /// points per block: the kernel rows of a block (rows × training points) stay in cache
    static let blockRows = 256

    public init(_ model: SurrogateModel) throws {
        self.model = model
        let names = model.parameters.map(\.name)
        switch model.kind {
        case let .gaussianProcess(gp): engine = .gp(try GPPredictor(gp))
        case let .committee(rule, experts): engine = .committee(rule, try experts.map { try GPPredictor($0) })
        case let .formula(f): engine = .formula(BatchEvaluator(try f.compiled(parameters: names)), f)
        }
    }

    /// Rough seconds to predict at `points` points: the variance's triangular solve costs n² per
    /// point and expert, at a few GFLOP/s.
    public func estimatedSeconds(points: Int) -> Double {
        let perPoint: Double
        switch engine {
        case let .gp(p): perPoint = Double(p.gp.count * p.gp.count) + 20 * Double(p.gp.count)
        case let .committee(_, ps): perPoint = ps.reduce(0) { $0 + Double($1.gp.count * $1.gp.count) + 20 * Double($1.gp.count) }
        case let .formula(e, f): perPoint = Double(e.program.operationCount) * 4 + Double(f.coefficients.count * f.coefficients.count)
        }
        return Double(points) * perPoint * 3e-10
    }

    public var hasTheoryUncertainty: Bool {
        switch engine {
        case let .gp(p): p.gp.theory != nil
        case let .committee(_, ps): ps.allSatisfy { $0.gp.theory != nil }
        case .formula: false
        }
    }

    /// Predicts at `count` points: `columns[k]` holds the values of parameter k.
    public func predict(_ columns: [[Double]], threads: Int? = nil) throws -> Prediction {
        let count = columns.first?.count ?? 0
        guard columns.count == model.parameters.count, columns.allSatisfy({ $0.count == count }) else {
            throw SurrogateError("expected \(model.parameters.count) parameter columns of one length")
        }
        for (k, p) in model.parameters.enumerated() {
            if let bad = columns[k].firstIndex(where: { !$0.isFinite }) {
                throw SurrogateError("\(p.name) is \(columns[k][bad]) at point \(bad + 1)", hint: "parameters must be finite numbers")
            }
        }
        var value = [Double](repeating: 0, count: count)
        var model1 = [Double](repeating: 0, count: count)
        var theory = [Double](repeating: 0, count: count)
        let theoryWanted = hasTheoryUncertainty
        let pointers = columns.map { c -> UnsafeMutablePointer<Double> in
            let p = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
            c.withUnsafeBufferPointer { if let b = $0.baseAddress { p.initialize(from: b, count: count) } }
            return p
        }
        defer { pointers.forEach { $0.deallocate() } }
        let raw = pointers.map { UnsafePointer($0) }
        value.withUnsafeMutableBufferPointer { v in
            model1.withUnsafeMutableBufferPointer { m in
                theory.withUnsafeMutableBufferPointer { t in
                    guard let vb = v.baseAddress, let mb = m.baseAddress, let tb = t.baseAddress else { return }
                    evaluate(raw, count: count, value: vb, model: mb, theory: theoryWanted ? tb : nil, threads: threads)
                }
            }
        }
        let outside = (0..<count).map { i in
            model.parameters.indices.contains { !model.parameters[$0].range.contains(columns[$0][i]) } ? UInt8(1) : 0
        }
        let combined = (0..<count).map { i in theoryWanted ? (model1[i] * model1[i] + theory[i] * theory[i]).squareRoot() : model1[i] }
        return Prediction(value: value, modelUncertainty: model1, theoryUncertainty: theoryWanted ? theory : nil,
                          uncertainty: combined, outside: outside)
    }

    /// The output, its model uncertainty and (when asked) its theory uncertainty, in the output's
    /// own units, for `count` points of the raw columns.
    public func evaluate(_ raw: [UnsafePointer<Double>], count: Int, value: UnsafeMutablePointer<Double>,
                         model: UnsafeMutablePointer<Double>, theory: UnsafeMutablePointer<Double>?, threads: Int? = nil) {
        guard count > 0 else { return }
        if case let .formula(evaluator, f) = engine {
            evaluateFormula(evaluator, f, raw, count: count, value: value, model: model, threads: threads)
            return
        }
        let blocks = (count + Self.blockRows - 1) / Self.blockRows
        let workers = max(1, min(threads ?? BatchEvaluator.cores, blocks))
        let addresses = (value: UInt(bitPattern: value), model: UInt(bitPattern: model), theory: theory.map { UInt(bitPattern: $0) })
        let rawAddresses = raw.map { UInt(bitPattern: $0) }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let lower = blocks * w / workers, upper = blocks * (w + 1) / workers
            guard lower < upper else { return }
            let raw = rawAddresses.compactMap { UnsafePointer<Double>(bitPattern: $0) }
            guard let value = UnsafeMutablePointer<Double>(bitPattern: addresses.value),
                  let model = UnsafeMutablePointer<Double>(bitPattern: addresses.model) else { return }
            let theory = addresses.theory.flatMap { UnsafeMutablePointer<Double>(bitPattern: $0) }
            self.work(raw, blocks: lower..<upper, count: count, value: value, model: model, theory: theory)
        }
    }

    private func work(_ raw: [UnsafePointer<Double>], blocks: Range<Int>, count: Int, value: UnsafeMutablePointer<Double>,
                      model: UnsafeMutablePointer<Double>, theory: UnsafeMutablePointer<Double>?) {
        let rows = Self.blockRows
        let experts: [GPPredictor]
        switch engine {
        case let .gp(p): experts = [p]
        case let .committee(_, ps): experts = ps
        case .formula: return
        }
        let scratch = GPPredictor.Scratch(for: experts, rows: rows)
        let k = experts.count
        // per expert: mean, variance, prior mean, theory (transformed space)
        let buffers = (0..<(4 * k)).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: rows) }
        defer { buffers.forEach { $0.deallocate() } }
        let transform = experts[0].gp.outputTransform
        // the 1σ reported is that of a new entry of the table: the process's (latent) variance
        // plus the fitted scatter of the table about it
        let noise = experts.reduce(0.0) { $0 + $1.noiseVariance } / Double(k)
        for block in blocks {
            let start = block * rows, n = min(rows, count - start)
            for (e, expert) in experts.enumerated() {
                expert.predict(raw, start: start, n: n, scratch: scratch, mean: buffers[4 * e], variance: buffers[4 * e + 1],
                               priorMean: buffers[4 * e + 2], theory: theory == nil ? nil : buffers[4 * e + 3])
            }
            for i in 0..<n {
                var mean = 0.0, variance = 0.0, logRelativeTheory = 0.0
                if k == 1 {
                    mean = buffers[0][i]
                    variance = buffers[1][i]
                    logRelativeTheory = theory == nil ? 0 : buffers[3][i]
                } else {
                    (mean, variance) = combine(experts, buffers, i)
                    if theory != nil { logRelativeTheory = (0..<k).reduce(0.0) { $0 + buffers[4 * $1 + 3][i] } / Double(k) }
                }
                let sigma = (variance + noise).squareRoot()
                let y = transform.invert(mean)
                value[start + i] = y
                // a log-transformed output: σ_y ≈ y σ_log (first order, as the relative 1σ)
                model[start + i] = transform == .log ? y * sigma : sigma
                if let theory { theory[start + i] = abs(y) * Foundation.exp(logRelativeTheory) }
            }
        }
    }

    /// The committee's mean and variance at point i from its experts' (means μ_k, variances σ_k²,
    /// prior means m_k and prior variances p_k). gPoE: β_k = 1/K, 1/σ² = Σ β_k/σ_k². rBCM:
    /// β_k = ½ log(p_k/σ_k²), and each expert's share of the prior correction uses its own prior,
    /// 1/σ² = Σ_k [β_k/σ_k² + (1/K − β_k)/p_k], μ = σ² Σ_k [β_k μ_k/σ_k² + (1/K − β_k) m_k/p_k]:
    /// every term is at least 1/(K p_k), so the precision is positive, and with equal priors this
    /// is Deisenroth and Ng's rBCM (with the prior mean, which they take as zero).
    private func combine(_ experts: [GPPredictor], _ b: [UnsafeMutablePointer<Double>], _ i: Int) -> (Double, Double) {
        guard case let .committee(rule, _) = engine else { return (b[0][i], b[1][i]) }
        let k = experts.count, share = 1 / Double(k)
        var precision = 0.0, weighted = 0.0
        for e in 0..<k {
            let prior = experts[e].priorVariance
            // a variance that rounded to 0 at a training point: a floor relative to the prior
            let variance = max(b[4 * e + 1][i], 1e-12 * prior)
            switch rule {
            case .gpoe:
                precision += share / variance
                weighted += share * b[4 * e][i] / variance
            case .rbcm:
                let beta = max(0, 0.5 * (Foundation.log(prior) - Foundation.log(variance)))
                precision += beta / variance + (share - beta) / prior
                weighted += beta * b[4 * e][i] / variance + (share - beta) * b[4 * e + 2][i] / prior
            }
        }
        guard precision > 0, precision.isFinite else { return (.nan, .nan) }
        return (weighted / precision, 1 / precision)
    }

    private func evaluateFormula(_ evaluator: BatchEvaluator, _ f: FormulaSurrogate, _ raw: [UnsafePointer<Double>], count: Int,
                                 value: UnsafeMutablePointer<Double>, model: UnsafeMutablePointer<Double>, threads: Int?) {
        let p = f.coefficients.count
        let gradients = (0..<p).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: count) }
        defer { gradients.forEach { $0.deallocate() } }
        evaluator.run(inputs: raw, outputs: [value] + gradients, count: count, threads: threads)
        for i in 0..<count {
            var variance = 0.0
            for a in 0..<p { for b in 0..<p { variance += gradients[a][i] * f.covariance[a][b] * gradients[b][i] } }
            let scatter = f.residuals == .relative ? f.residualScale * abs(value[i]) : f.residualScale
            model[i] = (max(variance, 0) + scatter * scatter).squareRoot()
        }
    }
}

extension SurrogateModel {
    /// The names of the result columns, in order: the output, its combined 1σ, the model's own
    /// and the theory part, events (per signal region) when a luminosity is given, and the flag
    /// for points outside the valid range.
    public func resultColumnNames(theory: Bool, events: Bool) -> [String] {
        var names = [output.name, output.name + "_uncertainty", output.name + "_model_uncertainty"]
        if theory { names.append(output.name + "_theory_uncertainty") }
        if events { names += signalRegions.isEmpty ? ["events"] : signalRegions.map { "events_" + $0.name } }
        names.append("outside_range")
        return names
    }

    /// The result columns of `prediction` (see `resultColumnNames`); `eventsPerUnit` from
    /// `eventsPerUnitOutput(luminosity:)`.
    public func resultColumns(_ p: Prediction, eventsPerUnit: Double?) -> [[Double]] {
        var columns = [p.value, p.uncertainty, p.modelUncertainty]
        if let t = p.theoryUncertainty { columns.append(t) }
        if let factor = eventsPerUnit {
            let efficiencies = signalRegions.isEmpty ? [1.0] : signalRegions.map(\.efficiency)
            for e in efficiencies { columns.append(p.value.map { $0 * factor * e }) }
        }
        columns.append(p.outside.map { Double($0) })
        return columns
    }
}
