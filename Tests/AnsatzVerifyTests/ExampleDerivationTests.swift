import Foundation
import XCTest
@testable import AnsatzCore
import AnsatzParse
@testable import AnsatzVerify

/// Examples/derivations: twelve textbook derivations, each valid (every step verified), and
/// copies with one planted error each (sign, factor 2, exponent, dropped term, wrong chain rule,
/// unit mismatch, branch cut), whose verdicts are asserted step by step. Steps are judged locally,
/// so a correct step after a wrong one is refuted when it does not follow from the wrong one.
final class ExampleDerivationTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/derivations")

    static let expected: [(String, [String])] = [
        ("breit_wigner", ["verified", "verified", "verified", "verified"]),
        ("breit_wigner.planted-branch-cut", ["verified", "verified", "verified", "refuted"]),
        ("compton", ["verified", "verified", "verified", "verified"]),
        ("compton.planted-factor-2", ["verified", "verified", "verified", "refuted"]),
        ("de_broglie", ["verified", "verified", "verified"]),
        ("de_broglie.planted-dropped-term", ["verified", "dimension-error", "unknown"]),
        ("ee_mumu", ["verified", "verified", "verified"]),
        ("ee_mumu.planted-unit-mismatch", ["verified", "dimension-error", "dimension-error"]),
        ("energy_momentum", ["verified", "verified", "verified", "verified", "verified"]),
        ("energy_momentum.planted-dropped-term", ["verified", "verified", "verified", "refuted", "refuted"]),
        ("energy_momentum.planted-sign", ["verified", "verified", "refuted", "refuted", "verified"]),
        ("escape_velocity", ["verified", "verified", "verified"]),
        ("escape_velocity.planted-branch-cut", ["verified", "verified", "refuted"]),
        ("kepler", ["verified", "verified", "verified"]),
        ("kepler.planted-factor-2", ["verified", "verified", "refuted"]),
        ("muon_lifetime", ["verified", "verified"]),
        ("muon_lifetime.planted-factor-2", ["verified", "refuted"]),
        ("oscillator_energy", ["verified", "verified", "verified"]),
        ("oscillator_energy.planted-chain-rule", ["verified", "dimension-error", "unknown"]),
        ("rutherford", ["verified", "verified", "verified"]),
        ("rutherford.planted-exponent", ["verified", "verified", "refuted"]),
        ("thomson", ["verified", "verified", "verified"]),
        ("thomson.planted-factor-2", ["verified", "verified", "refuted"]),
        ("two_body_decay", ["verified", "verified", "verified"]),
        ("two_body_decay.planted-sign", ["verified", "verified", "refuted"]),
    ]

    func testEveryExampleStepHasItsVerdict() throws {
        for (name, verdicts) in Self.expected {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".json"), encoding: .utf8)
            let report = try Verifier.verify(try Derivation.read(json: try JSONReader.parse(text)))
            XCTAssertEqual(report.steps.map(\.verdict.rawValue), verdicts, name)
            // a refutation carries its point; a dimension error its dimensions or operand
            for step in report.steps where step.verdict == .refuted {
                XCTAssertTrue(step.evidence.contains { $0.0 == "point" || $0.0 == "difference" || $0.0 == "difference_si" }, "\(name) step \(step.number)")
            }
        }
    }

    func testTheFolderHoldsExactlyTheListedExamples() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }
        XCTAssertEqual(Set(files.map { String($0.dropLast(5)) }), Set(Self.expected.map(\.0)))
        let valid = Self.expected.filter { !$0.0.contains(".planted-") }
        XCTAssertGreaterThanOrEqual(valid.count, 12)
        for (name, verdicts) in valid {
            XCTAssertTrue(verdicts.allSatisfy { $0 == "verified" }, name)
            XCTAssertTrue(Self.expected.contains { $0.0.hasPrefix(name + ".planted-") }, "\(name) has a planted copy")
        }
    }
}
