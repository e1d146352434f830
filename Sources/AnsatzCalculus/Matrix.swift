import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers

/// A small matrix of exact expressions: rows of equal length.
public struct Matrix: Sendable, Equatable {
    public let rows: [[Expr]]
    public var rowCount: Int { rows.count }
    public var columnCount: Int { rows.first?.count ?? 0 }
    public var isSquare: Bool { rowCount == columnCount }

    /// Largest dimension: determinants and inverses cost n^3 exact operations on entries that grow.
    public static let maxDimension = 12

    static func fail(_ message: String, _ hint: String) -> Diagnostic { Diagnostic(.matrix, message, hint: hint) }

    public init(_ rows: [[Expr]]) throws {
        guard let width = rows.first?.count, width > 0 else { throw Matrix.fail("a matrix needs at least one entry", "write [[a, b], [c, d]]") }
        guard rows.allSatisfy({ $0.count == width }) else {
            throw Matrix.fail("the rows have different lengths (\(rows.map(\.count).map(String.init).joined(separator: ", ")))", "give every row the same number of entries")
        }
        guard rows.count <= Matrix.maxDimension, width <= Matrix.maxDimension else {
            throw Matrix.fail("matrices up to \(Matrix.maxDimension)×\(Matrix.maxDimension) are handled exactly", "work on a smaller block")
        }
        self.rows = rows
    }

    public var transposed: Matrix {
        // the shape is already valid: transposing keeps it
        (try? Matrix((0..<columnCount).map { j in rows.map { $0[j] } })) ?? self
    }

    static func simplified(_ e: Expr, _ budget: Budget) throws -> Expr {
        let cancelled = try RationalFunctions.cancel(e, budget: budget).value
        guard cancelled.treeSize(limit: 300) < 300 else { return cancelled }
        return try Simplify.simplify(cancelled, budget: budget).value
    }

    public func times(_ other: Matrix, budget: Budget = .unlimited) throws -> Matrix {
        guard columnCount == other.rowCount else {
            throw Matrix.fail("a \(rowCount)×\(columnCount) matrix times a \(other.rowCount)×\(other.columnCount) one: the inner sizes differ", "the first matrix needs as many columns as the second has rows")
        }
        var out: [[Expr]] = []
        for i in 0..<rowCount {
            var row: [Expr] = []
            for j in 0..<other.columnCount {
                try budget.spend(columnCount, doing: "multiplying matrices")
                row.append(try Matrix.simplified(Expr.add((0..<columnCount).map { Expr.mul([rows[i][$0], other.rows[$0][j]]) }), budget))
            }
            out.append(row)
        }
        return try Matrix(out)
    }

    /// Fraction-free (Bareiss) elimination: each step divides exactly by the previous pivot, so
    /// the entries stay polynomials in the entries; the last pivot is the determinant.
    public func determinant(budget: Budget = .unlimited) throws -> Expr {
        guard isSquare else { throw Matrix.fail("a \(rowCount)×\(columnCount) matrix has no determinant", "give a square matrix") }
        var m = rows
        let n = rowCount
        var sign = Expr.one
        var previous = Expr.one
        for k in 0..<(n - 1) {
            // a pivot that is not zero
            var pick: Int?
            for i in k..<n where try !(Probe.zero(m[i][k], budget: budget) == .zero) { pick = i; break }
            guard let p = pick else { return .zero }
            if p != k { m.swapAt(p, k); sign = -sign }
            for i in (k + 1)..<n {
                for j in (k + 1)..<n {
                    try budget.spend(1, doing: "a determinant")
                    let cross = Expr.mul([m[k][k], m[i][j]]) - Expr.mul([m[i][k], m[k][j]])
                    m[i][j] = try RationalFunctions.cancel(cross / previous, budget: budget).value
                }
            }
            previous = m[k][k]
        }
        return try Matrix.simplified(Expr.mul([sign, m[n - 1][n - 1]]), budget)
    }

    /// Gauss–Jordan on [A | B]: A^-1 B (the inverse for B = I). Throws when A is singular.
    public func solving(_ b: Matrix, budget: Budget = .unlimited) throws -> Matrix {
        guard isSquare else { throw Matrix.fail("solving needs a square matrix, not \(rowCount)×\(columnCount)", "for other systems use solve with the equations") }
        guard b.rowCount == rowCount else {
            throw Matrix.fail("the right-hand side has \(b.rowCount) rows, the matrix \(rowCount)", "give one right-hand side row per matrix row")
        }
        let n = rowCount, width = n + b.columnCount
        var m = (0..<n).map { rows[$0] + b.rows[$0] }
        for c in 0..<n {
            var pick: Int?
            for i in c..<n where try Probe.zero(m[i][c], budget: budget) != .zero { pick = i; break }
            guard let p = pick else {
                throw Matrix.fail("the matrix is singular (its determinant is 0)", "a singular matrix has no inverse; solve the equations with solve to see the solution family")
            }
            m.swapAt(p, c)
            let pivot = m[c][c]
            for j in c..<width { m[c][j] = try RationalFunctions.cancel(m[c][j] / pivot, budget: budget).value }
            for i in 0..<n where i != c && !m[i][c].isZero {
                let factor = m[i][c]
                for j in c..<width {
                    try budget.spend(1, doing: "eliminating")
                    m[i][j] = try RationalFunctions.cancel(m[i][j] - Expr.mul([factor, m[c][j]]), budget: budget).value
                }
            }
        }
        return try Matrix(try m.map { row in try row[n...].map { try Matrix.simplified($0, budget) } })
    }

    public func inverse(budget: Budget = .unlimited) throws -> Matrix {
        let identity = try Matrix((0..<rowCount).map { i in (0..<rowCount).map { $0 == i ? Expr.one : Expr.zero } })
        return try solving(identity, budget: budget)
    }

    /// det(t I - A) in the symbol t.
    public func characteristicPolynomial(in t: Expr, budget: Budget = .unlimited) throws -> Expr {
        guard isSquare else { throw Matrix.fail("a \(rowCount)×\(columnCount) matrix has no characteristic polynomial", "give a square matrix") }
        let shifted = try Matrix(rows.enumerated().map { i, row in row.enumerated().map { j, a in i == j ? t - a : -a } })
        return try Expand.expand(try shifted.determinant(budget: budget), budget: budget)
    }

    /// The eigenvalues with their algebraic multiplicities: roots of the characteristic polynomial,
    /// exact where its factors allow (degree ≤ 3, x^n = a), else certified decimals; each checked
    /// by substitution into the polynomial.
    public func eigenvalues(budget: Budget = .unlimited) throws -> [(value: Expr, text: String, multiplicity: Int, exact: Bool)] {
        let t = Symbol("·lambda")
        let p = try characteristicPolynomial(in: .symbol(t), budget: budget)
        guard let factored = try PolynomialView.factored(p, in: t.name, budget: budget) else {
            throw Matrix.fail("the characteristic polynomial is not a polynomial in the eigenvalue", "give a matrix of expressions free of the name lambda")
        }
        var solver = Solver(budget: budget)
        var out: [(Expr, String, Int, Bool)] = []
        for (cs, k) in factored.factors {
            for root in try solver.polynomialRoots(cs, t) {
                let residual = try Substitution.apply(p, [(.symbol(t), root.value)], budget: budget)
                let ok = root.exact ? try Probe.zero(residual, budget: budget) == .zero : try Solver.numericallyZero(residual, budget)
                guard ok else { throw Diagnostic(.internalError, "an eigenvalue failed its check", hint: "please report this matrix") }
                out.append((root.value, root.decimal ?? root.value.description, k, root.exact))
            }
        }
        if !solver.complete {
            throw Matrix.fail("some eigenvalues could not be found: " + solver.notes.joined(separator: "; "), "give numeric entries for numeric eigenvalues")
        }
        return out
    }

    /// The matrix as text that reads back: [[a, b], [c, d]].
    public var text: String { "[" + rows.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]" }
}
