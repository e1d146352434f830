import AnsatzCore
import CMathVec
import Foundation

/// The covariance functions a surrogate can use, with automatic relevance determination: one
/// length scale per input.
public enum KernelKind: String, Sendable, CaseIterable {
    case squaredExponential = "squared_exponential"
    case matern52 = "matern52"

    var code: Int32 { self == .squaredExponential ? 0 : 1 }
}

/// How a parameter or the output is mapped before the Gaussian process sees it.
public enum Transform: String, Sendable, CaseIterable {
    case identity
    case log

    func apply(_ x: Double) -> Double { self == .log ? Foundation.log(x) : x }
    func invert(_ x: Double) -> Double { self == .log ? Foundation.exp(x) : x }
}

/// One input of a Gaussian process: transformed, then standardised (z = (t − shift)/scale); its
/// length scale is in those standardised units. The first inputs are the model's parameters;
/// further ones are features, expressions of the parameters (`abs(log(msq_GeV/mgl_GeV))`, which
/// lets a smooth process follow a cusp along msq = mgl).
public struct GPInput: Sendable, Equatable {
    public var name: String
    /// a feature's expression in the parameters; nil for a parameter
    public var expression: String? = nil
    public var transform: Transform
    public var shift: Double
    public var scale: Double
    public var lengthScale: Double
}

/// A target the Gaussian process interpolates, on the shared covariance: the transformed value
/// minus a linear mean in the standardised inputs, divided by `scale`. The first is the output;
/// a second, when present, is the log of the tabulated relative theory uncertainty.
public struct GPTarget: Sendable, Equatable {
    /// β₀ + Σ β_k z_k
    public var mean: [Double]
    public var scale: Double
    /// standardised residuals at the training points
    public var values: [Double]
    /// K⁻¹ values, as saved; on load they must solve the model's own system to rounding
    public var weights: [Double]
}

/// A fitted Gaussian process in standardised coordinates. Prediction needs the training inputs,
/// the hyperparameters and the Cholesky factor of the training covariance, which is rebuilt (not
/// stored) when a model is loaded.
public struct GaussianProcess: Sendable {
    public var kernel: KernelKind
    public var inputs: [GPInput]
    public var outputTransform: Transform
    /// the kernel's variance (the process's prior variance, standardised units)
    public var signalVariance: Double
    /// the fitted white noise (standardised units), added on the diagonal
    public var noiseVariance: Double
    /// per-point noise from the table (standardised units), added on the diagonal; empty if none
    public var pointNoise: [Double]
    /// what was added to the diagonal for the factorisation to succeed, times its mean diagonal
    public var jitter: Double
    /// training inputs, standardised: one array per input
    public var training: [[Double]]
    public var value: GPTarget
    public var theory: GPTarget?
    public var logMarginalLikelihood: Double

    var count: Int { training.first?.count ?? 0 }
    var dims: Int { inputs.count }

    /// The training covariance with noise and jitter, column-major.
    func covariance(variance: Double, lengthScales: [Double], noise: Double) -> [Double] {
        let n = count
        let scaled = (0..<dims).map { k in training[k].map { $0 / lengthScales[k] } }
        var matrix = [Double](repeating: 0, count: n * n)
        Self.cross(kernel, scaled, scaled, variance: variance, into: &matrix)
        for i in 0..<n { matrix[i * n + i] += noise + (pointNoise.isEmpty ? 0 : pointNoise[i]) }
        return matrix
    }

    /// k(a_i, b_j) into out (row-major a.count × b.count; symmetric when a == b)
    static func cross(_ kernel: KernelKind, _ a: [[Double]], _ b: [[Double]], variance: Double, into out: inout [Double]) {
        let n = a.first?.count ?? 0, m = b.first?.count ?? 0
        withPointers(a) { pa in
            withPointers(b) { pb in
                out.withUnsafeMutableBufferPointer { o in
                    ans_gp_cross(kernel.code, a.count, n, pa, m, pb, variance, o.baseAddress)
                }
            }
        }
    }
}

/// Calls `body` with a C array of pointers to each array's storage.
func withPointers<R>(_ arrays: [[Double]], _ body: (UnsafePointer<UnsafePointer<Double>?>) -> R) -> R {
    let buffers = arrays.map { array -> UnsafeMutablePointer<Double> in
        let p = UnsafeMutablePointer<Double>.allocate(capacity: max(array.count, 1))
        array.withUnsafeBufferPointer { if let base = $0.baseAddress { p.initialize(from: base, count: array.count) } }
        return p
    }
    defer { buffers.forEach { $0.deallocate() } }
    let table = UnsafeMutablePointer<UnsafePointer<Double>?>.allocate(capacity: max(buffers.count, 1))
    defer { table.deallocate() }
    for (k, b) in buffers.enumerated() { table[k] = UnsafePointer(b) }
    return body(UnsafePointer(table))
}
