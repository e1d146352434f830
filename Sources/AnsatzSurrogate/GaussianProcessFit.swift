import AnsatzCore
import Foundation

/// How to fit a Gaussian process.
public struct GPFitOptions: Sendable {
    /// nil: auto, both kernels fitted and the one of higher marginal likelihood kept
    public var kernel: KernelKind? = nil
    /// one per parameter; nil: log for a parameter that is positive throughout the table, else identity
    public var inputTransforms: [Transform]? = nil
    /// nil: log when every output value is positive, else identity
    public var outputTransform: Transform? = nil
    /// optimiser starts: the first from a fixed guess, the rest from seeded random points
    public var restarts = 5
    public var seed: UInt64 = 0x5eed
    public var maxIterations = 200
    public init() {}
}

extension GaussianProcess {
    /// Fits a Gaussian process to `parameters` (one array per parameter, the table's rows) and
    /// `output`: transforms and standardisation, a linear mean by least squares, then the kernel's
    /// hyperparameters by maximising the log marginal likelihood from several starts.
    /// `theory` (the tabulated uncertainty of the output) is carried as a second target;
    /// `noise` (the table's per-point noise of the output, one standard deviation) enters the
    /// covariance.
    public static func fit(names: [String], parameters: [[Double]], output: [Double], outputName: String,
                           theory: [Double]? = nil, noise: [Double]? = nil,
                           options: GPFitOptions = GPFitOptions(), budget: Budget = .unlimited) throws -> GaussianProcess {
        guard let kernel = options.kernel else {
            var best: GaussianProcess?
            for kernel in KernelKind.allCases {
                var o = options
                o.kernel = kernel
                let gp = try fit(names: names, parameters: parameters, output: output, outputName: outputName, theory: theory,
                                 noise: noise, options: o, budget: budget)
                if gp.logMarginalLikelihood > (best?.logMarginalLikelihood ?? -.infinity) { best = gp }
            }
            guard let best else { throw SurrogateError("no kernel could be fitted") }
            return best
        }
        let n = output.count, d = parameters.count
        guard d > 0, n >= 2 else { throw SurrogateError("a Gaussian process needs at least 2 rows and 1 parameter") }
        guard names.count == d, parameters.allSatisfy({ $0.count == n }), theory.map({ $0.count == n }) ?? true,
              noise.map({ $0.count == n }) ?? true, options.inputTransforms.map({ $0.count == d }) ?? true else {
            throw SurrogateError("the parameter, output, uncertainty and noise columns must have one length, with one name and transform per parameter")
        }
        guard n <= SurrogateFitRequest.maxPointsPerExpert else {
            throw SurrogateError("\(n) points in one Gaussian process; at most \(SurrogateFitRequest.maxPointsPerExpert)", hint: "fit a committee (--experts)")
        }
        guard (1...100).contains(options.restarts) else { throw SurrogateError("restarts must be between 1 and 100") }
        // inputs: transform and standardise
        var inputs: [GPInput] = []
        var training: [[Double]] = []
        for (k, column) in parameters.enumerated() {
            let transform = options.inputTransforms?[k] ?? (column.allSatisfy { $0 > 0 } ? .log : .identity)
            if transform == .log, let bad = column.firstIndex(where: { !($0 > 0) }) {
                throw SurrogateError("parameter \(names[k]) is \(column[bad]) at row \(bad + 1), and its transform is log",
                                     hint: "use the identity transform for a parameter that is not positive")
            }
            let t = column.map(transform.apply)
            let (shift, spread) = meanAndDeviation(t)
            guard t.allSatisfy(\.isFinite) else { throw SurrogateError("parameter \(names[k]) is not finite at every row (after its \(transform.rawValue) transform)") }
            guard spread > 0, spread.isFinite else {
                throw SurrogateError("parameter \(names[k]) has one value throughout the table", hint: "leave it out of --params")
            }
            inputs.append(GPInput(name: names[k], transform: transform, shift: shift, scale: spread, lengthScale: 1))
            training.append(t.map { ($0 - shift) / spread })
        }
        // the output
        let outputTransform = options.outputTransform ?? (output.allSatisfy { $0 > 0 } ? .log : .identity)
        if outputTransform == .log, let bad = output.firstIndex(where: { !($0 > 0) }) {
            throw SurrogateError("\(outputName) is \(output[bad]) at row \(bad + 1), and its transform is log",
                                 hint: "the log transform needs a positive output; use the identity transform")
        }
        let transformed = output.map(outputTransform.apply)
        var value = try target(transformed, training)
        var pointNoise: [Double] = []
        if let noise {
            pointNoise = try noise.enumerated().map { i, s in
                guard s >= 0, s.isFinite else { throw SurrogateError("the noise of row \(i + 1) is \(s)", hint: "noise is a standard deviation, zero or positive") }
                let inTransformed = outputTransform == .log ? s / output[i] : s
                return (inTransformed / value.scale) * (inTransformed / value.scale)
            }
        }
        var theoryTarget: GPTarget?
        if let theory {
            let relative = try theory.enumerated().map { i, u -> Double in
                guard u > 0, u.isFinite, output[i] != 0 else {
                    throw SurrogateError("the uncertainty of row \(i + 1) is \(u)", hint: "the theory uncertainty column must be positive")
                }
                return Foundation.log(u / abs(output[i]))
            }
            theoryTarget = try target(relative, training)
        }
        var gp = GaussianProcess(kernel: kernel, inputs: inputs, outputTransform: outputTransform,
                                 signalVariance: 1, noiseVariance: 1e-6, pointNoise: pointNoise, jitter: 0,
                                 training: training, value: value, theory: theoryTarget, logMarginalLikelihood: -.infinity)
        try budget.check(estimatedSeconds: Double(n * n * n) * 3e-10 * Double(options.restarts * 60), doing: "fitting a Gaussian process to \(n) points")

        // hyperparameters: θ = (log variance, log length scales, log noise)
        let lower = [Foundation.log(1e-3)] + Array(repeating: Foundation.log(1e-3), count: d) + [Foundation.log(1e-12)]
        let upper = [Foundation.log(1e3)] + Array(repeating: Foundation.log(1e3), count: d) + [Foundation.log(1.0)]
        var random = SplitMix64(state: options.seed)
        var best: (f: Double, x: [Double])?
        for start in 0..<max(1, options.restarts) {
            var x0: [Double]
            if start == 0 {
                x0 = [0] + Array(repeating: 0, count: d) + [Foundation.log(1e-6)]
            } else {
                x0 = [random.uniform(-1.5, 1.5)] + (0..<d).map { _ in random.uniform(Foundation.log(0.05), Foundation.log(5)) }
                    + [random.uniform(Foundation.log(1e-9), Foundation.log(1e-3))]
            }
            let result = try minimize(x0, lower: lower, upper: upper, maxIterations: options.maxIterations, budget: budget) { x in
                gp.negativeLogLikelihood(x)
            }
            if let result, result.f < (best?.f ?? .infinity) { best = result }
        }
        guard let best else {
            throw SurrogateError("the marginal likelihood could not be evaluated at any starting point",
                                 hint: "the covariance matrix was singular; remove duplicate rows or add noise")
        }
        gp.signalVariance = Foundation.exp(best.x[0])
        for k in 0..<d { gp.inputs[k].lengthScale = Foundation.exp(best.x[1 + k]) }
        gp.noiseVariance = Foundation.exp(best.x[d + 1])
        let factor = try Cholesky(gp.covariance(variance: gp.signalVariance, lengthScales: gp.inputs.map(\.lengthScale), noise: gp.noiseVariance), n: n)
        gp.jitter = factor.jitter
        value.weights = factor.solve(value.values)
        gp.value = value
        if var t = gp.theory {
            t.weights = factor.solve(t.values)
            gp.theory = t
        }
        gp.logMarginalLikelihood = -best.f
        return gp
    }

    /// A target: a linear mean in the standardised inputs by least squares, and the residuals
    /// divided by their standard deviation.
    static func target(_ t: [Double], _ training: [[Double]]) throws -> GPTarget {
        let n = t.count, columns = training.count + 1
        var design = [Double](repeating: 1, count: n * columns)
        for i in 0..<n { for k in 0..<training.count { design[i * columns + k + 1] = training[k][i] } }
        // fewer rows than coefficients, or collinear inputs: a constant mean
        var beta = n > columns ? leastSquares(design, rows: n, columns: columns, t) : nil
        if !(beta?.allSatisfy(\.isFinite) ?? false) {
            beta = [t.reduce(0, +) / Double(n)] + Array(repeating: 0, count: training.count)
        }
        let coefficients = beta ?? []
        let residual = (0..<n).map { i in t[i] - (0..<columns).reduce(0.0) { $0 + coefficients[$1] * design[i * columns + $1] } }
        var (_, spread) = meanAndDeviation(residual)
        if !(spread > 0) || !spread.isFinite { spread = 1 }
        return GPTarget(mean: coefficients, scale: spread, values: residual.map { $0 / spread }, weights: [])
    }

    /// −log p(y | θ) and its gradient in θ = (log variance, log length scales, log noise);
    /// nil where the covariance cannot be factored.
    func negativeLogLikelihood(_ theta: [Double]) -> (Double, [Double])? {
        let n = count, d = dims
        let variance = Foundation.exp(theta[0])
        let lengthScales = (0..<d).map { Foundation.exp(theta[1 + $0]) }
        let noise = Foundation.exp(theta[d + 1])
        let scaled = (0..<d).map { k in training[k].map { $0 / lengthScales[k] } }
        var kernelMatrix = [Double](repeating: 0, count: n * n)
        Self.cross(kernel, scaled, scaled, variance: variance, into: &kernelMatrix)
        var matrix = kernelMatrix
        for i in 0..<n { matrix[i * n + i] += noise + (pointNoise.isEmpty ? 0 : pointNoise[i]) }
        guard let factor = try? Cholesky(matrix, n: n) else { return nil }
        let y = value.values
        let alpha = factor.solve(y)
        var fit = 0.0
        for i in 0..<n { fit += y[i] * alpha[i] }
        let f = 0.5 * fit + 0.5 * factor.logDeterminant + 0.5 * Double(n) * Foundation.log(2 * Double.pi)
        guard f.isFinite else { return nil }
        // ∂f/∂θ = ½ tr((K⁻¹ − α αᵀ) ∂K/∂θ), a sum over pairs: W and ∂K are symmetric, so the
        // pairs below the diagonal count twice
        let inverse = factor.inverse()
        var gradient = [Double](repeating: 0, count: d + 2)
        var noiseTrace = 0.0
        for i in 0..<n { noiseTrace += inverse[i * n + i] - alpha[i] * alpha[i] }
        gradient[d + 1] = 0.5 * noise * noiseTrace
        let sqrt5 = 5.0.squareRoot()
        var delta2 = [Double](repeating: 0, count: d)
        inverse.withUnsafeBufferPointer { w in
            kernelMatrix.withUnsafeBufferPointer { km in
                for j in 0..<n {
                    for i in j..<n {
                        let weight = (i == j ? 0.5 : 1.0) * (w[j * n + i] - alpha[i] * alpha[j])
                        let kf = km[j * n + i]
                        var r2 = 0.0
                        for k in 0..<d {
                            let delta = scaled[k][i] - scaled[k][j]
                            delta2[k] = delta * delta
                            r2 += delta2[k]
                        }
                        // ∂k/∂log ℓ_k = radial · Δ_k²/ℓ_k²
                        let radial: Double
                        switch kernel {
                        case .squaredExponential:
                            radial = kf
                        case .matern52:
                            let r = sqrt5 * r2.squareRoot()
                            radial = kf * (5.0 / 3.0) * (1 + r) / (1 + r + r * r / 3)
                        }
                        gradient[0] += weight * kf
                        for k in 0..<d { gradient[1 + k] += weight * radial * delta2[k] }
                    }
                }
            }
        }
        return (f, gradient)
    }
}

func meanAndDeviation(_ x: [Double]) -> (Double, Double) {
    guard !x.isEmpty else { return (0, 0) }
    let mean = x.reduce(0, +) / Double(x.count)
    let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
    return (mean, variance.squareRoot())
}

/// Minimises f on the box [lower, upper] by limited-memory BFGS with a backtracking (Armijo) line
/// search, projecting onto the box; gradient components that push out of the box at a bound are
/// dropped from the search direction. nil when f cannot be evaluated at the start.
func minimize(_ start: [Double], lower: [Double], upper: [Double], maxIterations: Int, budget: Budget,
              _ f: ([Double]) -> (Double, [Double])?) throws -> (f: Double, x: [Double])? {
    let m = start.count
    func project(_ x: [Double]) -> [Double] { (0..<m).map { min(max(x[$0], lower[$0]), upper[$0]) } }
    var x = project(start)
    guard var (fx, g) = f(x) else { return nil }
    var history: [(s: [Double], y: [Double], rho: Double)] = []
    for _ in 0..<max(0, maxIterations) {
        try budget.spend(doing: "fitting a Gaussian process")
        // free variables: not held at a bound by the gradient
        let free = (0..<m).map { k in !((x[k] <= lower[k] && g[k] > 0) || (x[k] >= upper[k] && g[k] < 0)) }
        var q = (0..<m).map { free[$0] ? g[$0] : 0 }
        guard q.contains(where: { abs($0) > 1e-10 }) else { break }
        // two-loop recursion
        var alphas: [Double] = []
        for h in history.reversed() {
            let a = h.rho * dot(h.s, q)
            alphas.append(a)
            for k in 0..<m { q[k] -= a * h.y[k] }
        }
        if let last = history.last { let gamma = dot(last.s, last.y) / dot(last.y, last.y); q = q.map { $0 * gamma } }
        for (h, a) in zip(history, alphas.reversed()) {
            let b = h.rho * dot(h.y, q)
            for k in 0..<m { q[k] += h.s[k] * (a - b) }
        }
        var direction = (0..<m).map { free[$0] ? -q[$0] : 0 }
        if dot(direction, g) >= 0 { direction = (0..<m).map { free[$0] ? -g[$0] : 0 }; history.removeAll() }
        // at most a unit step in any log-hyperparameter
        var step = min(1.0, 1.0 / max(direction.map(abs).max() ?? 1, 1e-300))
        var accepted: (x: [Double], f: Double, g: [Double])?
        for _ in 0..<40 {
            try budget.spend(doing: "fitting a Gaussian process")
            let candidate = project((0..<m).map { x[$0] + step * direction[$0] })
            let decrease = dot(g, (0..<m).map { candidate[$0] - x[$0] })
            if let (fc, gc) = f(candidate), fc <= fx + 1e-4 * decrease {
                accepted = (candidate, fc, gc)
                break
            }
            step *= 0.5
        }
        guard let next = accepted else { break }
        let s = (0..<m).map { next.x[$0] - x[$0] }, y = (0..<m).map { next.g[$0] - g[$0] }
        let sy = dot(s, y)
        if sy > 1e-12 {
            history.append((s, y, 1 / sy))
            if history.count > 8 { history.removeFirst() }
        }
        let change = abs(fx - next.f)
        x = next.x
        fx = next.f
        g = next.g
        if change <= 1e-12 * max(1, abs(fx)) || (s.map(abs).max() ?? 0) < 1e-9 { break }
    }
    return (fx, x)
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for k in 0..<a.count { s += a[k] * b[k] }
    return s
}
