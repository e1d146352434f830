import XCTest
@testable import AnsatzCore
@testable import AnsatzNumeric
@testable import AnsatzParse

final class PointEvaluationTests: XCTestCase {
    func evaluate(_ text: String, _ values: [String: String] = [:], digits: Int = 20, budget: Budget = .unlimited) throws -> PointEvaluation.Result {
        let point = try values.mapValues { try ExpressionParser.parse($0).expr }
        return try PointEvaluation.evaluate(try ExpressionParser.parse(text).expr, at: point, digits: digits, budget: budget).0
    }

    /// Ziv's loop: cancellation needs more precision than the digits asked; a zero is not settled.
    /// sin(x) - x = -x³/6 + x⁵/120 - ... = -1.6666666666666666667e-91 at x = 1e-30 (by the series).
    func testCancellationGetsThePrecisionItNeeds() throws {
        XCTAssertEqual(try evaluate("sin(x) - x", ["x": "1e-30"]).decimal, "-1.6666666666666666667e-91")
        // log(1 + y) - y = -y²/2 + y³/3 - ... at y = 1e-20: -5e-41 + 3.333...e-61 - 2.5e-81, which is
        // -4.999999999999999999966667e-41 to 25 digits (by the series)
        XCTAssertEqual(try evaluate("log(1 + y) - y", ["y": "1e-20"], digits: 25).decimal, "-4.999999999999999999966667e-41")
        // an exact result prints exactly, scientific when small
        XCTAssertEqual(try evaluate("(1 + y)^2 - 1 - 2*y", ["y": "1e-20"]).decimal, "1e-40")
    }

    func testExactAndUnits() throws {
        let r = try evaluate("(3/2)^2 + 1")
        XCTAssertEqual(r.decimal, "3.25")
        XCTAssertEqual(r.exact?.description, "13/4")
        let huge = try evaluate("3^10000", digits: 5)
        XCTAssertEqual(huge.decimal, "1.6314e4771")       // 3^10000 = 1.6313501853...e4771, rounded
        XCTAssertEqual(huge.exact?.description.count, 4772)
        let m = try evaluate("m^2", ["m": "173.1 GeV"])
        XCTAssertEqual(m.decimal, "29963.61")
        XCTAssertEqual(m.unit, "GeV^2")
    }

    func testBudgetIsCheckedBeforeEachDoubling() {
        XCTAssertThrowsError(try evaluate("exp(pi*sqrt(163))", digits: 200_000, budget: Budget(milliseconds: 50))) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-BUDGET")
        }
    }
}
