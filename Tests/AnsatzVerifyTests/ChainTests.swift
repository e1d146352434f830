import Foundation
import XCTest
@testable import AnsatzCore
@testable import AnsatzVerify
import AnsatzParse

/// Chain steps: each verdict asserted with its method. The true steps are identities checked by
/// hand; each false one has a point where it fails, found by the verifier and re-checked here
/// where cheap.
final class ChainTests: XCTestCase {
    func verdicts(_ json: String) throws -> [String] {
        let d = try Derivation.read(json: try JSONReader.parse(json))
        return try Verifier.verify(d).steps.map { "\($0.verdict.rawValue)/\($0.method)" }
    }

    func testAlgebraStepsAndAPlantedError() throws {
        XCTAssertEqual(try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["real"]}], "steps": ["(x + 1)^2", "x^2 + 2*x + 1", "x^2 + 1", "1 + x^2"]}"#),
                       ["verified/given", "verified/symbolic", "refuted/counterexample", "verified/symbolic"])
    }

    func testBranchCutsAreCaught() throws {
        // sqrt(x^2) is |x| for real x, not x
        XCTAssertEqual(try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["real"]}], "steps": ["sqrt(x^2)", "x"]}"#),
                       ["verified/given", "refuted/counterexample"])
        XCTAssertEqual(try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["positive"]}], "steps": ["sqrt(x^2)", "x"]}"#),
                       ["verified/given", "verified/symbolic"])
        // log(ab) = log a + log b needs positivity: complex a, b refute it
        XCTAssertEqual(try verdicts(#"{"symbols": [{"name": "a"}, {"name": "b"}], "steps": ["log(a*b)", "log(a) + log(b)"]}"#),
                       ["verified/given", "refuted/counterexample"])
        XCTAssertEqual(try verdicts(#"{"symbols": [{"name": "a", "assumptions": ["positive"]}, {"name": "b", "assumptions": ["positive"]}], "steps": ["log(a*b)", "log(a) + log(b)"]}"#),
                       ["verified/given", "verified/symbolic"])
        // (x^a)^b = x^(a b) fails for x = -1, a = 2, b = 1/2; with x > 0 it holds
        XCTAssertEqual(try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["real"]}], "steps": ["(x^2)^(1/2)", "x"]}"#).last, "refuted/counterexample")
    }

    func testNumericIdentitiesTheSimplifierDoesNotKnowAreVerifiedAtRandomPoints() throws {
        // Legendre's duplication formula, Γ(x)Γ(x + 1/2) = 2^(1-2x) √π Γ(2x) (DLMF 5.5.5)
        let v = try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["positive"]}], "steps": ["gamma(x)*gamma(x + 1/2)", "2^(1 - 2*x)*sqrt(pi)*gamma(2*x)"]}"#)
        XCTAssertEqual(v.last, "verified/randomised")
        // tan(x/2) = sin(x)/(1 + cos(x)), which the simplifier now proves (trigsimp)
        XCTAssertEqual(try verdicts(#"{"symbols": [{"name": "x", "assumptions": ["real"]}], "steps": ["tan(x/2)", "sin(x)/(1 + cos(x))"]}"#).last,
                       "verified/symbolic")
        // cosh^2 - sinh^2 at complex points
        XCTAssertTrue(try verdicts(#"{"symbols": [{"name": "z"}], "steps": ["cosh(z)^2", "1 + sinh(z)^2"]}"#).last!.hasPrefix("verified"))
    }

    func testExactNumbers() throws {
        XCTAssertEqual(try verdicts(#"{"steps": ["1/2 + 1/3", "5/6", "4/6"]}"#), ["verified/given", "verified/symbolic", "refuted/exact"])
    }

    func testDimensionsAsWrittenAndAcrossSteps() throws {
        let json = #"{"symbols": [{"name": "m", "unit": "kg", "assumptions": ["positive"]}, {"name": "v", "unit": "m/s", "assumptions": ["real"]}],"#
            + #" "steps": ["m*v^2/2 + m*v^2/2", "m*v^2", "m*v^2 + m*v", "m*v^2", "m*v"]}"#
        XCTAssertEqual(try verdicts(json), ["verified/given", "verified/symbolic", "dimension-error/dimensions", "unknown/no comparison", "dimension-error/dimensions"])
        let d = try Derivation.read(json: try JSONReader.parse(json))
        let report = try Verifier.verify(d)
        let mismatch = report.steps[2].evidence.first { $0.0 == "subexpression" }?.1.stringValue
        XCTAssertNotNil(mismatch, "the offending operand is named")
        XCTAssertEqual(report.firstFailing, 3)
        XCTAssertEqual(report.overall, StepReport.Verdict.dimensionError)
    }

    func testConstantsByNameAndDeclaredNamesThatShadowThem() throws {
        // c is the speed of light unless declared; E = m c^2 with E defined
        let json = #"{"symbols": [{"name": "m", "unit": "kg", "assumptions": ["positive"]}, {"name": "gamma", "unit": "1", "assumptions": ["positive"]}],"#
            + #" "steps": ["gamma*m*c^2 - m*c^2", "(gamma - 1)*m*c^2", "(gamma - 1)*m*c"]}"#
        XCTAssertEqual(try verdicts(json), ["verified/given", "verified/symbolic", "dimension-error/dimensions"])
        let shadow = #"{"symbols": [{"name": "c", "unit": "m/s", "assumptions": ["positive"]}, {"name": "e", "unit": "1", "assumptions": ["real"]}],"#
            + #" "steps": ["c^2*e", "e*c*c"]}"#
        let d = try Derivation.read(json: try JSONReader.parse(shadow))
        let report = try Verifier.verify(d)
        XCTAssertEqual(report.overall, StepReport.Verdict.verified)
        XCTAssertTrue(report.names.contains { $0.name == "c" && $0.readAs.hasPrefix("declared symbol") })
    }

    func testDefinitionsAndConstraints() throws {
        // gamma defined; v < c keeps the root real; the kinetic energy rewritten
        let json = #"{"symbols": [{"name": "m", "unit": "kg", "assumptions": ["positive"]}, {"name": "v", "unit": "m/s", "assumptions": ["real"]}],"#
            + #" "definitions": ["gamma = 1/sqrt(1 - v^2/c^2)"], "constraints": ["v^2 < c^2"],"#
            + #" "steps": ["gamma*m*c^2 - m*c^2", "m*c^2*(1/sqrt(1 - v^2/c^2) - 1)", "m*c^2*(1/sqrt(1 - v^2/c^2) + 1)"]}"#
        XCTAssertEqual(try verdicts(json).dropFirst(), ["verified/symbolic", "refuted/counterexample"])
    }

    func testCounterexamplesAreInsideTheAssumptions() throws {
        let d = try Derivation.read(json: try JSONReader.parse(#"{"symbols": [{"name": "n", "assumptions": ["integer", "positive"]}, {"name": "t", "assumptions": ["negative"]}], "steps": ["(-1)^(2*n) + t", "1 - t"]}"#))
        let step = try Verifier.verify(d).steps[1]
        XCTAssertEqual(step.verdict, StepReport.Verdict.refuted)
        let point = step.evidence.first { $0.0 == "point" }!.1
        let n = try XCTUnwrap(point["n"]?.stringValue.flatMap { Int($0) })
        XCTAssertGreaterThan(n, 0)
        XCTAssertTrue(point["t"]!.stringValue!.hasPrefix("-"), "t is negative")
    }

    func testTextForms() throws {
        let aligned = try Derivation.read(text: #"\begin{aligned} (a+b)^2 &= a^2 + 2ab + b^2 \\ &= a^2 + b^2 \end{aligned}"#)
        XCTAssertEqual(aligned.steps, ["(a+b)^2", "a^2 + 2ab + b^2", "a^2 + b^2"])
        let lines = try Derivation.read(text: "x^2 - 1\n= (x - 1)(x + 1)\n= x^2 - 1")
        XCTAssertEqual(lines.steps, ["x^2 - 1", "(x - 1)(x + 1)", "x^2 - 1"])
        XCTAssertEqual(try Derivation.symbols(fromText: "m: kg positive, v: m/s real, n: integer"),
                       [.init(name: "m", unit: "kg", assumptions: [.positive]), .init(name: "v", unit: "m/s", assumptions: [.real]),
                        .init(name: "n", unit: nil, assumptions: [.integer])])
    }

    func testBadInputIsRefusedClearly() throws {
        for bad in [#"[]"#, #"{"steps": []}"#, #"{"steps": ["x"], "color": 1}"#, #"{"steps": ["x"], "step_kind": "proof"}"#,
                    #"{"steps": ["x"], "symbols": [{"name": "x", "assumptions": ["happy"]}]}"#] {
            XCTAssertThrowsError(try Derivation.read(json: try JSONReader.parse(bad)), bad) { error in
                XCTAssertEqual((error as? Diagnostic)?.code, "E-DERIVATION", bad)
            }
        }
        // an undeclared name in a derivation with units is refused, with how to declare it
        let d = try Derivation.read(json: try JSONReader.parse(#"{"symbols": [{"name": "m", "unit": "kg"}], "steps": ["m*q", "q*m"]}"#))
        XCTAssertThrowsError(try Verifier.verify(d)) { error in
            XCTAssertTrue((error as? Diagnostic)?.message.contains("'q'") ?? false, "\(error)")
        }
    }
}

/// Docs/verify.schema.json says what the reader accepts.
final class DerivationSchemaTests: XCTestCase {
    func testTheSchemaMatchesTheReader() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/verify.schema.json")
        let schema = try JSONReader.parse(try String(contentsOf: url, encoding: .utf8))
        guard case let .object(properties)? = schema["properties"] else { return XCTFail("no properties") }
        XCTAssertEqual(Set(properties.map(\.0)), Set(Derivation.knownFields))
        let assumptions = schema["properties"]?["symbols"]?["items"]?["properties"]?["assumptions"]?["items"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        XCTAssertEqual(assumptions, Derivation.Assumption.allCases.map(\.rawValue))
        XCTAssertEqual(schema["properties"]?["step_kind"]?["enum"]?.arrayValue?.compactMap(\.stringValue), Derivation.StepKind.allCases.map(\.rawValue))
        XCTAssertEqual(schema["properties"]?["steps"]?["maxItems"]?.intValue, Derivation.maxSteps)
    }
}

/// Steps a review of the verifier found wrongly judged, each now decided right.
final class ReviewedStepTests: XCTestCase {
    func last(_ json: String) throws -> String {
        let report = try Verifier.verify(try Derivation.read(json: try JSONReader.parse(json)))
        return "\(report.steps.last!.verdict.rawValue)/\(report.steps.last!.method)"
    }

    func testTermsFarBelowTheSidesAreNotLostInRounding() throws {
        XCTAssertEqual(try last(#"{"symbols": [{"name": "m", "unit": "kg", "assumptions": ["positive"]}, {"name": "omega", "unit": "1/s", "assumptions": ["positive"]}], "steps": ["m*c^2 + hbar*omega", "m*c^2"]}"#), "refuted/counterexample")
        XCTAssertEqual(try last(#"{"steps": ["1 + exp(-100)", "1"]}"#), "refuted/counterexample")
        XCTAssertEqual(try last(#"{"steps": ["(x+1)^2", "x^2 + 2*x + 1 + 10^(-40)"]}"#), "refuted/counterexample")
    }

    func testBreakPointsOutsideTheOldSamplingBox() throws {
        XCTAssertEqual(try last(#"{"symbols": [{"name": "x", "assumptions": ["positive"]}], "steps": ["abs(x - 5)", "5 - x"]}"#), "refuted/counterexample")
        XCTAssertEqual(try last(#"{"steps": ["log(exp(z))", "z"]}"#), "refuted/counterexample")
        XCTAssertEqual(try last(#"{"symbols": [{"name": "n", "assumptions": ["integer", "positive"]}], "steps": ["abs(n - 13)", "13 - n"]}"#), "refuted/counterexample")
    }

    func testEquationsCheckEveryRootAndATightTolerance() throws {
        XCTAssertEqual(try last(#"{"symbols": [{"name": "x", "assumptions": ["positive"]}], "step_kind": "equations", "steps": ["(x-1)*(x-10) = 0", "x = 1"]}"#), "refuted/counterexample")
        XCTAssertEqual(try last(#"{"symbols": [{"name": "x", "assumptions": ["real"]}, {"name": "y", "assumptions": ["real"]}], "step_kind": "equations", "steps": ["y = x", "y = x + 10^(-20)"]}"#), "refuted/counterexample")
    }

    func testMeasuredConstantsAreNotRefutedByTheirRounding() throws {
        XCTAssertEqual(try last(#"{"symbols": [{"name": "q", "unit": "C"}], "steps": ["1/(mu_0*c^2)", "epsilon_0"]}"#), "unknown/inconclusive")
        XCTAssertEqual(try last(#"{"symbols": [{"name": "q", "unit": "C"}], "steps": ["1/(mu_0*c^2)", "2*epsilon_0"]}"#), "refuted/counterexample")
    }

    func testARefutationThatHingesOnIOrESaysHowTheyWereRead() throws {
        let report = try Verifier.verify(try Derivation.read(json: try JSONReader.parse(#"{"steps": ["exp(I*pi)", "-1"]}"#)))
        XCTAssertEqual(report.steps[1].verdict, StepReport.Verdict.refuted)
        XCTAssertTrue(report.steps[1].detail.contains("not the imaginary unit"), report.steps[1].detail)
        XCTAssertTrue(report.names.contains { $0.name == "I" && $0.readAs.contains("not the imaginary unit") })
        // written as sqrt(-1) it is not refuted (numbers only, agreeing to 512 bits: not a proof, so unknown)
        let euler = try Verifier.verify(try Derivation.read(json: try JSONReader.parse(#"{"steps": ["exp(sqrt(-1)*pi)", "-1"]}"#)))
        XCTAssertNotEqual(euler.steps[1].verdict, StepReport.Verdict.refuted)
    }

    func testDefinitionsAreCheckedForOrderDuplicatesAndAssumptions() throws {
        for bad in [#"{"definitions": ["a = b + 1", "b = 2*x"], "steps": ["a", "2*x + 1"]}"#,
                    #"{"definitions": ["E = m*c^2", "E = h*f"], "steps": ["E", "E"]}"#,
                    #"{"symbols": [{"name": "p", "assumptions": ["positive"]}], "definitions": ["p = m*v"], "steps": ["p", "m*v"]}"#,
                    #"{"symbols": [{"name": "x", "assumption": ["real"]}], "steps": ["x", "x"]}"#] {
            XCTAssertThrowsError(try Verifier.verify(try Derivation.read(json: try JSONReader.parse(bad))), bad) { error in
                XCTAssertEqual((error as? Diagnostic)?.code, "E-DERIVATION", bad)
            }
        }
    }
}
