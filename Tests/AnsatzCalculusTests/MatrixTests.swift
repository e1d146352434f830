import AnsatzAlgebra
import AnsatzCore
import AnsatzParse
import XCTest
@testable import AnsatzCalculus

final class MatrixTests: XCTestCase {
    func matrix(_ text: String) throws -> Matrix {
        var options = ParseOptions()
        options.complex = true
        return try Matrix(try MatrixReader.read(text, options: options))
    }

    func testDeterminantInverseAndSolve() throws {
        XCTAssertEqual(try matrix("[[a, b], [c, d]]").determinant().description, "a*d - b*c")
        // det [[1,2,3],[4,5,6],[7,8,10]] = 1*2 - 2*(-2) + 3*(-3) = -3
        XCTAssertEqual(try matrix("[[1, 2, 3], [4, 5, 6], [7, 8, 10]]").determinant().description, "-3")
        // a zero pivot first: rows swapped, sign kept
        XCTAssertEqual(try matrix("[[0, 1], [1, 0]]").determinant().description, "-1")
        XCTAssertEqual(try matrix("[[a, b], [c, d]]").inverse().text, "[[d/(a*d - b*c), -b/(a*d - b*c)], [-c/(a*d - b*c), a/(a*d - b*c)]]")
        // [[1,2],[3,4]] x = [5,6]: x = -4, y = 9/2
        XCTAssertEqual(try matrix("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}").solving(try matrix("[5, 6]")).text, "[[-4], [9/2]]")
        XCTAssertThrowsError(try matrix("[[1, 2], [2, 4]]").inverse())
        let a = try matrix("[[1, 2], [3, 4]]")
        XCTAssertEqual(try a.times(try a.inverse()).text, "[[1, 0], [0, 1]]")
        XCTAssertEqual(a.transposed.text, "[[1, 3], [2, 4]]")
    }

    func testEigenvalues() throws {
        let values = try matrix("[[2, 1], [1, 2]]").eigenvalues().map(\.text).sorted()
        XCTAssertEqual(values, ["1", "3"])
        let jordan = try matrix("[[1, 1], [0, 1]]").eigenvalues()
        XCTAssertEqual(jordan.count, 1)
        XCTAssertEqual(jordan.first?.multiplicity, 2)
        XCTAssertEqual(try matrix("[[0, 1], [-1, 0]]").eigenvalues().map(\.text).sorted(), ["-I", "I"])
        // Pauli matrices: eigenvalues ±1
        XCTAssertEqual(try matrix("[[0, -I], [I, 0]]").eigenvalues().map(\.text).sorted(), ["-1", "1"])
    }

    func testReaderErrorsPointIntoTheText() {
        XCTAssertThrowsError(try matrix("[[1, 2], [3, x +]]")) { error in
            XCTAssertEqual((error as? Diagnostic)?.span?.start ?? 0 >= 13, true)
        }
        XCTAssertThrowsError(try matrix("[[1, 2], [3]]")) { error in
            XCTAssertEqual((error as? Diagnostic)?.kind, .matrix)
        }
    }
}
