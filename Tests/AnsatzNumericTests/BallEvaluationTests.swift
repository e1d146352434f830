import XCTest
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzNumeric
import AnsatzParse

/// Complex ball evaluation (Arb): principal branches, exact inputs, undefined points. Expected
/// values are by hand or from mpmath (mp.dps = 30), as noted.
final class BallEvaluationTests: XCTestCase {
    func value(_ text: String, _ point: [String: Rational] = [:], precision: Int = 128) throws -> ComplexBall {
        let e = try ExpressionParser.parse(text, options: ParseOptions(syntax: .plain, functions: ["f"])).expr
        let balls = point.mapValues { ComplexBall($0, precision: precision) }
        return try BallEvaluation.evaluate(e, precision: precision) { x in
            if case let .symbol(s) = x.kind { return balls[s.name] }
            return nil
        }
    }

    func testPrincipalBranches() throws {
        XCTAssertEqual(try value("log(-1)").decimal(digits: 20), "3.1415926535897932385*I")
        XCTAssertEqual(try value("sqrt(-4)").decimal(digits: 10), "2.000000000*I")
        // (-8)^(1/3) = 2 exp(i pi/3) = 1 + sqrt(3) i (principal); cbrt is the real root
        XCTAssertEqual(try value("(-8)^(1/3)", precision: 200).decimal(digits: 15), "1.00000000000000 + 1.73205080756888*I")
        XCTAssertEqual(try value("cbrt(x)", ["x": Rational(-8)]).decimal(digits: 10), "-2.000000000")
        // mpmath: atan2(-1, -1) = -2.35619449019234492884698253745962716
        XCTAssertEqual(try value("atan2(-1, -1)").decimal(digits: 20), "-2.3561944901923449288")
        // log(a*b) and log(a) + log(b) differ by 2 pi i at a = b = -1
        let lhs = try value("log(a*b)", ["a": -1, "b": -1]), rhs = try value("log(a) + log(b)", ["a": -1, "b": -1])
        XCTAssertFalse(lhs.minus(rhs, precision: 128).containsZero)
        XCTAssertEqual(rhs.decimal(digits: 10), "6.283185307*I")
    }

    func testExactPointsGiveTightBalls() throws {
        // mpmath: sin(1/3) = 0.327194696796152244173344085267620606
        let s = try value("sin(x)", ["x": try Rational(1, 3)])
        XCTAssertEqual(s.decimal(digits: 25), "0.3271946967961522441733441")
        XCTAssertGreaterThan(s.accuracyBits, 120)
        XCTAssertTrue(try value("x^2 - 2*x + 1 - (x - 1)^2", ["x": try Rational(7, 3)]).containsZero)
    }

    func testUndefinedPointsAreReported() throws {
        for (text, x) in [("1/(x - 1)", Rational(1)), ("log(x)", Rational(0)), ("x^(-1/2)", Rational(0)), ("atan2(x, x)", Rational(0))] {
            XCTAssertThrowsError(try value(text, ["x": x]), text) { error in
                guard case BallEvaluation.Failure.undefined = error else { return XCTFail("\(text): \(error)") }
            }
        }
        XCTAssertThrowsError(try value("f(x)", ["x": 1])) { error in
            guard case BallEvaluation.Failure.unsupported = error else { return XCTFail("\(error)") }
        }
    }
}
