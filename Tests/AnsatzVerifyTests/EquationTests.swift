import XCTest
@testable import AnsatzCore
import AnsatzParse
@testable import AnsatzVerify

/// Equation steps: step k must hold wherever step k-1 holds. Right steps are the usual moves
/// (a nonzero multiple, squaring, substituting a definition); wrong ones divide by something that
/// may vanish, take a root whose sign is not fixed, or change a coefficient.
final class EquationTests: XCTestCase {
    func verdicts(_ json: String) throws -> [String] {
        let d = try Derivation.read(json: try JSONReader.parse(json))
        return try Verifier.verify(d).steps.map { "\($0.verdict.rawValue)/\($0.method)" }
    }

    func testLinearMovesAndSquaring() throws {
        let v = try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["real"]}], "step_kind": "equations","#
            + #" "steps": ["2*x + 3 = 7", "2*x = 4", "x = 2", "x^2 = 4", "x = 2"]}"#)
        // squaring follows; the square root x = 2 loses x = -2: refuted at the root x = -2
        XCTAssertEqual(v, ["verified/given", "verified/symbolic", "verified/symbolic", "verified/randomised", "refuted/counterexample"])
    }

    func testDividingByWhatMayVanish() throws {
        let v = try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["real"]}], "step_kind": "equations","#
            + #" "steps": ["x^2 = x", "x = 1"]}"#)
        XCTAssertEqual(v.last, "refuted/counterexample")
        // with x positive the division is safe
        let safe = try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["positive"]}], "step_kind": "equations","#
            + #" "steps": ["x^2 = x", "x = 1"]}"#)
        XCTAssertEqual(safe.last, "verified/randomised")
    }

    func testPhysicsRearrangementWithUnits() throws {
        // Kepler's third law from gravity = centripetal force, and a slipped factor
        let json = #"{"symbols": [{"name": "G", "unit": "m^3/(kg*s^2)", "assumptions": ["positive"]}, {"name": "M", "unit": "kg", "assumptions": ["positive"]},"#
            + #" {"name": "r", "unit": "m", "assumptions": ["positive"]}, {"name": "T", "unit": "s", "assumptions": ["positive"]}],"#
            + #" "step_kind": "equations", "steps": ["G*M/r^2 = (2*pi/T)^2*r", "T^2 = 4*pi^2*r^3/(G*M)", "T^2 = 2*pi^2*r^3/(G*M)", "T^2 = 4*pi^2*r^2/(G*M)"]}"#
        XCTAssertEqual(try verdicts(json), ["verified/given", "verified/randomised", "refuted/counterexample", "dimension-error/dimensions"])
    }

    func testTheCounterexampleSatisfiesThePreviousEquation() throws {
        let d = try Derivation.read(json: try JSONReader.parse(#"{"symbols": [{"name": "x", "assumptions": ["real"]}, {"name": "y", "assumptions": ["real"]}], "step_kind": "equations", "steps": ["x^2 + y^2 = 1", "y = sqrt(1 - x^2)"]}"#))
        let step = try Verifier.verify(d).steps[1]
        XCTAssertEqual(step.verdict, StepReport.Verdict.refuted)
        let lhs = try XCTUnwrap(step.evidence.first { $0.0 == "previous_lhs" }?.1.stringValue.flatMap(Double.init))
        let rhs = try XCTUnwrap(step.evidence.first { $0.0 == "previous_rhs" }?.1.stringValue.flatMap(Double.init))
        XCTAssertEqual(lhs, rhs, accuracy: 1e-15)
        // and this step fails there: y is the negative root
        let y = try XCTUnwrap(step.evidence.first { $0.0 == "point" }?.1["y"]?.stringValue)
        XCTAssertTrue(y.hasPrefix("-"), y)
    }
}
