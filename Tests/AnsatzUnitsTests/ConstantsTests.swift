import Foundation
import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzUnits

/// Every constant of the catalog against the published tables copied in Docs/data.
final class ConstantsTests: XCTestCase {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Docs/data")

    func lines(_ file: String) throws -> [String] {
        try String(contentsOf: Self.data.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// A CODATA number as written ("6.674 30 e-11", "1.054 571 817... e-34") without its spaces and dots.
    func codataNumber(_ text: String) -> (value: String, truncated: Bool) {
        let truncated = text.contains("...")
        return (text.replacingOccurrences(of: "...", with: "").replacingOccurrences(of: " ", with: ""), truncated)
    }

    func value(_ e: Expr) throws -> Double { try Evaluator.evaluate(e, at: [:], precision: 200).doubleValue }

    func testCODATAEntries() throws {
        let table = try lines("codata2022_allascii.txt")
        var checked = 0
        for constant in PhysicalConstants.all {
            guard case let .codata2022(name) = constant.source else { continue }
            let line = try XCTUnwrap(table.first { $0.hasPrefix(name + "  ") }, name)
            // columns: name (60), value (25), uncertainty (25), unit
            let scalars = Array(line)
            func column(_ from: Int, _ to: Int) -> String {
                guard from < scalars.count else { return "" }
                return String(scalars[from..<min(to, scalars.count)]).trimmingCharacters(in: .whitespaces)
            }
            let (published, truncated) = codataNumber(column(60, 85))
            let uncertainty = column(85, 110)
            let unit = column(110, 200)
            if truncated {
                // an exact value the table cuts short (ħ, σ_SB): ours must start with its digits
                let ours = try value(constant.quantity.value)
                let theirs = try XCTUnwrap(Double(published))
                XCTAssertEqual(ours / theirs, 1, accuracy: 1e-9, name)
                XCTAssertTrue(constant.isExact, name)
            } else {
                XCTAssertTrue(constant.published.hasPrefix(published + (unit.isEmpty ? "" : " ")) || constant.published == published,
                              "\(name): catalog \(constant.published), CODATA \(published) \(unit)")
                if uncertainty == "(exact)" {
                    XCTAssertNil(constant.uncertainty, name)
                } else {
                    let sigma = try XCTUnwrap(constant.uncertainty, name)
                    let (u, _) = codataNumber(uncertainty)
                    // relative uncertainty, unit-free
                    let ours = try value(sigma) / value(constant.quantity.value)
                    XCTAssertEqual(ours / (try XCTUnwrap(Double(u)) / (try XCTUnwrap(Double(published)))), 1, accuracy: 1e-12, name)
                }
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 24)
    }

    /// PDG masses and widths (GeV): columns 34-51 mass, 53-60 error, 71-88 width, 90-97 error.
    func testPDGEntries() throws {
        let table = try lines("mass_width_2026.txt").filter { !$0.hasPrefix("*") }
        var checked = 0
        for constant in PhysicalConstants.all {
            guard case let .pdg2026(particle, charge, width) = constant.source else { continue }
            let line = try XCTUnwrap(table.first { line in
                let name = line.dropFirst(107).split(separator: " ").map(String.init)
                return name.first == particle && name.last == charge
            }, particle)
            let chars = Array(line)
            func column(_ from: Int, _ to: Int) -> Double? {
                Double(String(chars[(from - 1)..<min(to, chars.count)]).trimmingCharacters(in: .whitespaces))
            }
            let published = try XCTUnwrap(width ? column(71, 88) : column(34, 51), particle)
            let error = try XCTUnwrap(width ? column(90, 97) : column(53, 60), particle)
            let text = try XCTUnwrap(Double(String(constant.published.split(separator: " ")[0])))
            XCTAssertEqual(text, published, accuracy: published * 1e-12, constant.name)
            // the SI value is the GeV value (over c² for a mass)
            let gev = try Conversion.convert(constant.name, to: width ? "GeV" : "GeV/c^2", natural: nil, digits: 15).0
            XCTAssertEqual(try value(gev.value), published, accuracy: published * 1e-12, constant.name)
            let sigma = try XCTUnwrap(constant.uncertainty)
            XCTAssertEqual(try value(sigma) / value(constant.quantity.value), error / published, accuracy: 1e-12 * error / published, constant.name)
            checked += 1
        }
        XCTAssertEqual(checked, 7)
    }

    /// Relations the SI fixes exactly, and ones CODATA's values satisfy within their uncertainty.
    func testRelations() throws {
        func q(_ name: String) throws -> Expr { try XCTUnwrap(PhysicalConstants.constant(named: name)).quantity.value }
        // ħ = h/2π exactly
        XCTAssertEqual(Expr.mul([try q("hbar"), .integer(2), .pi]), try q("h"))
        // μ₀ ε₀ c² = 1 (CODATA adjusts both from α: relative agreement far below their 1.6e-10 uncertainty)
        XCTAssertEqual(try value(Expr.mul([try q("mu_0"), try q("epsilon_0"), Expr.pow(try q("c"), .integer(2))])), 1, accuracy: 1e-10)
        // α = e²/(4π ε₀ ħ c)
        let alpha = Expr.mul([Expr.pow(try q("e"), .integer(2)), Expr.pow(Expr.mul([.integer(4), .pi, try q("epsilon_0"), try q("hbar"), try q("c")]), .minusOne)])
        XCTAssertEqual(try value(alpha) / value(try q("alpha")), 1, accuracy: 1e-9)
        for constant in PhysicalConstants.all {
            XCTAssertNotNil(UnitEnvironment().resolve(constant.name), constant.name)
        }
    }
}
