import Foundation
import XCTest

/// `ansatz surrogate fit|eval|combine` out of process: output columns, exit codes, and the
/// shipped models answering at table points.
final class SurrogateCLITests: XCTestCase {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/surrogates")

    func path(_ name: String) -> String { Self.examples.appendingPathComponent(name).path }

    func testTheShippedModelsReproduceTheirTablesWithinTheTabulatedPrecision() throws {
        // at table points the model returns the table's value to within its rounding (three
        // digits) and the tabulated uncertainty
        let r = try CLITests.run(["surrogate", "eval", path("gluino_pair_13TeV.json"), "--at", "mass_GeV=1200", "--at", "mass_GeV=2000", "--lumi", "139/fb"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(lines[0], ["mass_GeV", "xsec_pb", "xsec_pb_uncertainty", "xsec_pb_model_uncertainty", "xsec_pb_theory_uncertainty", "events", "outside_range"])
        // the table: 1200 GeV 0.0985 ± 0.0128 pb; 2000 GeV 0.00101 ± 0.000196
        for (row, value, unc) in [(1, 0.0985, 0.0128), (2, 0.00101, 0.000196)] {
            let xsec = try XCTUnwrap(Double(lines[row][1])), theory = try XCTUnwrap(Double(lines[row][4]))
            XCTAssertEqual(xsec, value, accuracy: 0.0051 * value)
            XCTAssertEqual(theory, unc, accuracy: 0.01 * unc)
            XCTAssertEqual(try XCTUnwrap(Double(lines[row][5])), xsec * 139_000, accuracy: 1e-9 * xsec * 139_000)
            XCTAssertEqual(lines[row][6], "0")
        }
    }

    func testExtrapolationIsFlaggedAndBadInputGetsExitTwo() throws {
        let outside = try CLITests.run(["surrogate", "eval", path("stop_pair_13TeV.json"), "--at", "mass_GeV=3500"])
        XCTAssertEqual(outside.status, 0)
        XCTAssertTrue(outside.stdout.hasSuffix(",1\n"), outside.stdout)
        XCTAssertTrue(outside.stderr.contains("W-SURROGATE-RANGE"), outside.stderr)
        let unknown = try CLITests.run(["surrogate", "eval", path("stop_pair_13TeV.json"), "--at", "mass=1000"])
        XCTAssertEqual(unknown.status, 2)
        let notAModel = try CLITests.run(["surrogate", "eval", path("stop_pair_13TeV.csv"), "--at", "mass_GeV=1000"])
        XCTAssertEqual(notAModel.status, 2)
        XCTAssertTrue(notAModel.stderr.contains("E-JSON"), notAModel.stderr)
        let noUnit = try CLITests.run(["surrogate", "eval", "-", "--at", "m=600", "--lumi", "139/fb"], stdin: Self.formulaModel(unit: nil))
        XCTAssertEqual(noUnit.status, 2)
        XCTAssertTrue(noUnit.stderr.contains("no unit"), noUnit.stderr)
        let badColumn = try CLITests.run(["surrogate", "fit", path("stop_pair_13TeV.csv"), "--params", "mass", "--output", "xsec_pb"])
        XCTAssertEqual(badColumn.status, 2)
        XCTAssertTrue(badColumn.stderr.contains("no column 'mass'"), badColumn.stderr)
        let full = try CLITests.run(["surrogate", "eval", "-", "--at", "m=600", "-o", "/dev/full"], stdin: Self.formulaModel(unit: "pb"))
        XCTAssertEqual(full.status, 4, full.stderr)
    }

    func testAFormulaFitAndABatchFromStandardInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ansatz-surrogate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("f.json").path
        let fit = try CLITests.run(["surrogate", "fit", path("gluino_pair_13TeV.csv"), "--params", "mass_GeV", "--output", "xsec_pb",
                               "--kind", "formula", "--formula", "exp(a + b*log(mass_GeV) + c*mass_GeV)", "--initial", "a=20,b=-3", "-o", model])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        let batch = try CLITests.run(["surrogate", "eval", model, "--batch", "-"], stdin: "id,mass_GeV\n7,1000\n8,2500\n")
        XCTAssertEqual(batch.status, 0, batch.stderr)
        let lines = batch.stdout.split(separator: "\n")
        XCTAssertEqual(lines[0], "id,mass_GeV,xsec_pb,xsec_pb_uncertainty,xsec_pb_model_uncertainty,outside_range")
        XCTAssertTrue(lines[1].hasPrefix("7,1000,"))
        // the table: 1000 GeV 0.385 pb; a three-coefficient form is within 10%
        let value = try XCTUnwrap(Double(lines[1].split(separator: ",")[2]))
        XCTAssertEqual(value, 0.385, accuracy: 0.0385)
    }

    static func formulaModel(unit: String?) -> String {
        let u = unit.map { "\"\($0)\"" } ?? "null"
        return """
        {"format": "ansatz-surrogate/1", "name": "f", "parameters": [{"name": "m", "unit": "GeV", "range": [500, 1000]}],
         "outputs": [{"name": "xsec", "unit": \(u)}],
         "surrogate": {"kind": "formula", "expression": "exp(a + b*log(m))", "coefficients": [{"name": "a", "value": 31.3}, {"name": "b", "value": -4.5}],
                       "covariance": [[1e-4, 0], [0, 1e-6]], "residuals": "relative", "residual_scale": 0.01}}
        """
    }
}
