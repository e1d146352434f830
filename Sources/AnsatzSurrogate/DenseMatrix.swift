import CLapack
import CMathVec
import Foundation

/// A symmetric positive-definite matrix and its Cholesky factor, through LAPACK (OpenBLAS).
/// Column-major, as LAPACK stores it; only the lower triangle is referenced.
struct Cholesky {
    let n: Int
    /// L with L Lᵀ = A in the lower triangle (the upper triangle holds A's leftovers)
    private(set) var factor: [Double]
    /// What was added to the diagonal before the factorisation succeeded (0 when nothing was).
    let jitter: Double

    /// OpenBLAS on one thread, once per process: results must not depend on how many threads a
    /// call happened to get (see CLapack/shim.h).
    static let singleThreaded: Void = { openblas_set_num_threads(1) }()

    /// Factors `matrix` (n×n, column-major). When it is not numerically positive definite,
    /// retries with `jitter` times the mean diagonal added to the diagonal, growing tenfold up
    /// to `maxJitter`; `fixedJitter` (from a saved model) is used as it is, once.
    init(_ matrix: [Double], n: Int, fixedJitter: Double? = nil, firstJitter: Double = 1e-10, maxJitter: Double = 1e-4) throws {
        _ = Self.singleThreaded
        guard n >= 0, n <= 46_340, matrix.count == n * n else { throw SurrogateError("internal: a \(n)×\(n) matrix with \(matrix.count) entries") }
        self.n = n
        let meanDiagonal = max((0..<n).reduce(0.0) { $0 + matrix[$1 * n + $1] } / Double(max(n, 1)), .leastNormalMagnitude)
        var tries: [Double] = []
        if let fixedJitter {
            tries = [fixedJitter]
        } else {
            tries = [0]
            var j = firstJitter
            while j <= maxJitter * 1.000001 { tries.append(j); j *= 10 }
        }
        for relative in tries {
            var a = matrix
            if relative > 0 { for i in 0..<n { a[i * n + i] += relative * meanDiagonal } }
            if Self.potrf(&a, n: n) {
                factor = a
                jitter = relative
                return
            }
        }
        throw SurrogateError("the covariance matrix is not positive definite even with \(maxJitter) times its mean diagonal added",
                             hint: "duplicate or nearly duplicate training points with too little noise; give the table's uncertainty, or remove duplicates")
    }

    private static func potrf(_ a: inout [Double], n: Int) -> Bool {
        var info: Int32 = 0
        var size = Int32(n), lda = Int32(max(n, 1))
        a.withUnsafeMutableBufferPointer { p in dpotrf_("L", &size, p.baseAddress, &lda, &info, 1) }
        return info == 0
    }

    /// A⁻¹ b
    func solve(_ b: [Double]) -> [Double] {
        var x = b
        var info: Int32 = 0
        var size = Int32(n), one: Int32 = 1, lda = Int32(max(n, 1))
        factor.withUnsafeBufferPointer { f in
            x.withUnsafeMutableBufferPointer { p in dpotrs_("L", &size, &one, f.baseAddress, &lda, p.baseAddress, &lda, &info, 1) }
        }
        return x
    }

    /// log det A = 2 Σ log L_ii
    var logDeterminant: Double {
        var s = 0.0
        for i in 0..<n { s += log(factor[i * n + i]) }
        return 2 * s
    }

    /// A⁻¹, full (both triangles), column-major
    func inverse() -> [Double] {
        var a = factor
        var info: Int32 = 0
        var size = Int32(n), lda = Int32(max(n, 1))
        a.withUnsafeMutableBufferPointer { p in dpotri_("L", &size, p.baseAddress, &lda, &info, 1) }
        for j in 0..<n { for i in 0..<j { a[j * n + i] = a[i * n + j] } }  // upper (row i < column j) from lower
        return a
    }

    /// LAPACK's estimate of 1/cond₁(L).
    var reciprocalCondition: Double {
        var rcond = 0.0, info: Int32 = 0
        var size = Int32(n), lda = Int32(max(n, 1))
        var work = [Double](repeating: 0, count: 3 * max(n, 1))
        var iwork = [Int32](repeating: 0, count: max(n, 1))
        factor.withUnsafeBufferPointer { f in dtrcon_("1", "L", "N", &size, f.baseAddress, &lda, &rcond, &work, &iwork, &info, 1, 1, 1) }
        return info == 0 ? rcond : 0
    }

    /// L⁻¹ (lower triangle, column-major), for `explainedVariance`, when L is well enough
    /// conditioned that multiplying by the explicit inverse keeps the variances to 10⁻⁸
    /// (cond₁(L) ≤ 10⁶: against scikit-learn's solve, the 1-D squared-exponential gluino model at
    /// cond₁(L) = 5.4·10⁵ agreed to 5·10⁻⁹; a Matérn one at cond₂(K) = 2.6·10¹⁰ only to 5·10⁻⁵;
    /// Tests/e2e/test_surrogate_sklearn.py checks both); nil otherwise, or if LAPACK fails: the
    /// variances then come from the triangular solve.
    func inverseFactor() -> [Double]? {
        guard reciprocalCondition >= 1e-6 else { return nil }
        var a = factor
        var info: Int32 = 0
        var size = Int32(n), lda = Int32(max(n, 1))
        a.withUnsafeMutableBufferPointer { p in dtrtri_("L", "N", &size, p.baseAddress, &lda, &info, 1, 1) }
        return info == 0 ? a : nil
    }

    /// For each of `rows` rows of `cross` (row-major rows × n, the covariances of points with the
    /// training points), the squared norm of L⁻¹ k: kᵀ A⁻¹ k, the variance the data explain.
    /// The rows are overwritten. With `inverse` (L⁻¹ from `inverseFactor`) by a triangular
    /// multiplication, 2.2 to 2.8 times faster than the triangular solve for 126 to 338 training
    /// points (both N² per point; dtrmm runs nearer the machine's peak), with the same forward
    /// error bound, cond(L) times the rounding unit (checked against scikit-learn's solve in
    /// Tests/e2e/test_surrogate_sklearn.py).
    func explainedVariance(_ cross: UnsafeMutablePointer<Double>, rows: Int, inverse: [Double]?, into result: UnsafeMutablePointer<Double>) {
        guard rows > 0, n > 0 else {
            for i in 0..<rows { result[i] = 0 }
            return
        }
        // row-major rows × n is column-major n × rows: V = L⁻¹ Kᵀ in place
        var m = Int32(n), columns = Int32(rows), lda = Int32(n), ldb = Int32(n), one = 1.0
        if let inverse {
            inverse.withUnsafeBufferPointer { f in
                dtrmm_("L", "L", "N", "N", &m, &columns, &one, f.baseAddress, &lda, cross, &ldb, 1, 1, 1, 1)
            }
        } else {
            factor.withUnsafeBufferPointer { f in
                dtrsm_("L", "L", "N", "N", &m, &columns, &one, f.baseAddress, &lda, cross, &ldb, 1, 1, 1, 1)
            }
        }
        ans_row_sumsq(cross, rows, n, result)
    }

    /// out = A w for A `rows` × `columns` row-major (a block's kernel rows against weights), each
    /// row summed in one order whatever the block (see ans_row_dot).
    static func rowProducts(_ a: UnsafePointer<Double>, rows: Int, columns: Int, _ w: [Double], into out: UnsafeMutablePointer<Double>) {
        guard rows > 0, columns > 0 else { return }
        w.withUnsafeBufferPointer { wp in ans_row_dot(a, rows, columns, wp.baseAddress, out) }
    }
}

/// Solves the small least-squares problem min ‖A x − b‖ (A: rows × columns, row-major) by the
/// normal equations, for the handful of columns of a mean function; nil when A is rank deficient.
func leastSquares(_ a: [Double], rows: Int, columns: Int, _ b: [Double]) -> [Double]? {
    var normal = [Double](repeating: 0, count: columns * columns)
    var right = [Double](repeating: 0, count: columns)
    for r in 0..<rows {
        for i in 0..<columns {
            right[i] += a[r * columns + i] * b[r]
            for j in 0..<columns { normal[j * columns + i] += a[r * columns + i] * a[r * columns + j] }
        }
    }
    guard let c = try? Cholesky(normal, n: columns, fixedJitter: 0) else { return nil }
    return c.solve(right)
}
