import AnsatzAlgebra
import AnsatzCore
import AnsatzParse
import XCTest
@testable import AnsatzCalculus

final class SolveTests: XCTestCase {
    func solve(_ equations: [String], _ unknowns: [String], assume: [String: Assumptions] = [:]) throws -> Solve.Result {
        var options = ParseOptions()
        options.assumptions = assume
        let parsed = try equations.map { try ExpressionParser.parse($0, options: options).expr }
        return try Solve.solve(parsed, for: unknowns, budget: Budget(milliseconds: 20_000))
    }

    /// The solutions as sorted texts "x = v, y = w".
    func texts(_ r: Solve.Result) -> [String] {
        r.solutions.map { s in zip(s.values, s.texts).map { "\($0.0.name) = \($0.1)" }.joined(separator: ", ") }.sorted()
    }

    func testPolynomials() throws {
        XCTAssertEqual(texts(try solve(["x^2 - 3*x + 2 = 0"], ["x"])), ["x = 1", "x = 2"])
        XCTAssertEqual(texts(try solve(["x^2 + 1"], ["x"])), ["x = -I", "x = I"])
        XCTAssertEqual(texts(try solve(["x^2 + 1"], ["x"], assume: ["x": .real])), [])
        XCTAssertEqual(texts(try solve(["x^4 - 5*x^2 + 6"], ["x"])).count, 4)
        // three real roots in cosines (Viète): 2 cos(2 pi/9) is a root of x^3 - 3x + 1
        XCTAssertTrue(texts(try solve(["x^3 - 3*x + 1"], ["x"])).contains("x = 2*cos(2*pi/9)"))
        // degree 5, not solvable in radicals: the real root to 30 digits (1.1673039782614186842560458998610 by mpmath)
        let quintic = try solve(["x^5 - x - 1"], ["x"], assume: ["x": .real])
        XCTAssertEqual(texts(quintic), ["x = 1.16730397826141868425604589986"])
        XCTAssertFalse(quintic.solutions[0].exact)
        XCTAssertTrue(quintic.complete)
    }

    func testExcludedAndExtraneous() throws {
        // x = 1 makes the denominators vanish
        XCTAssertEqual(texts(try solve(["x/(x - 1) = 1/(x - 1)"], ["x"])), [])
        // squaring gives x = -1 too, which does not satisfy sqrt(x + 2) = x
        let r = try solve(["sqrt(x + 2) = x"], ["x"])
        XCTAssertEqual(texts(r), ["x = 2"])
        XCTAssertTrue(r.complete)
        XCTAssertEqual(texts(try solve(["sqrt(x) + sqrt(x + 5) = 5"], ["x"])), ["x = 4"])
    }

    /// Found wrong by the corpus's checks (helper's review, 2026-11-30), kept right here.
    func testExcludedPointsOfCancelledTermsAndRootsOutsideAssumptions() throws {
        // 1/(x^2 - 4) on both sides cancels in l - r, but x = ±2 still makes the sides undefined
        XCTAssertEqual(texts(try solve(["x^2 - 1/(x^2 - 4) = 4 - 1/(x^2 - 4)"], ["x"])), [])
        XCTAssertEqual(texts(try solve(["x + 1/x = 1/x"], ["x"])), [])
        let positive: Assumptions = .positive
        // the complex cube roots of a positive number are not positive
        let kepler = try solve(["T^2 = 4*pi^2*a^3/(G*M)"], ["a"], assume: ["T": positive, "a": positive, "G": positive, "M": positive])
        XCTAssertEqual(kepler.solutions.count, 1)
        // -sqrt(R*g/sin(2*theta)) is negative or imaginary, never positive
        let range = try solve(["R = v^2*sin(2*theta)/g"], ["v"], assume: ["R": positive, "g": positive, "theta": positive, "v": positive])
        XCTAssertEqual(texts(range), ["v = sqrt(R)*sqrt(g)/sqrt(sin(2*theta))"])
        // T - 2 pi sqrt(L/g) = 0 with T complex: L = T^2 g/(4 pi^2) holds only for Re(T) > 0
        let pendulum = try solve(["T = 2*pi*sqrt(L/g)"], ["L"])
        XCTAssertFalse(pendulum.complete)
    }

    func testPhysicsFormulaUnderAssumptions() throws {
        let positive: Assumptions = .positive
        let r = try solve(["E = sqrt(p^2*c^2 + m^2*c^4)"], ["p"], assume: ["p": positive, "c": positive, "m": positive, "E": positive])
        XCTAssertEqual(texts(r), ["p = sqrt(E^2 - c^4*m^2)/c"])
    }

    func testFunctionsInverted() throws {
        XCTAssertEqual(texts(try solve(["exp(2*x) - 3*exp(x) + 2"], ["x"], assume: ["x": .real])), ["x = 0", "x = log(2)"])
        let sine = try solve(["2*sin(x) = 1"], ["x"], assume: ["x": .real])
        XCTAssertEqual(texts(sine), ["x = 5*pi/6", "x = pi/6"])
        XCTAssertFalse(sine.complete)
        XCTAssertEqual(sine.general.count, 1)
        XCTAssertEqual(texts(try solve(["log(x) = 2"], ["x"])), ["x = exp(2)"])
    }

    func testSystems() throws {
        XCTAssertEqual(texts(try solve(["a*x + b*y = 1", "x - y = 2"], ["x", "y"])), ["x = (2*b + 1)/(a + b), y = (1 - 2*a)/(a + b)"])
        XCTAssertEqual(texts(try solve(["x + y + z = 6", "x - y = 0", "2*x + z = 5"], ["x", "y", "z"])), [])
        XCTAssertEqual(texts(try solve(["x + y = 3", "x - y = 1", "z = x*y"], ["x", "y", "z"])), ["x = 2, y = 1, z = 2"])
        XCTAssertEqual(texts(try solve(["x*y = 1", "x + y = 3"], ["x", "y"])).count, 2)
    }

    func testRefusals() {
        XCTAssertThrowsError(try solve(["x + 1"], ["y"]))
        XCTAssertThrowsError(try solve(["sin(x) + x = 1"], ["x"])) { error in
            XCTAssertEqual((error as? Diagnostic)?.kind, .solve)
        }
    }
}
