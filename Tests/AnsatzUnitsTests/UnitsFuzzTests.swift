import XCTest
@testable import AnsatzCore
@testable import AnsatzParse
@testable import AnsatzUnits
import TestSupport

/// Checks and conversions of hostile and random inputs under a small budget: a diagnostic is a
/// fine answer, an internal error or a trap is not.
final class UnitsFuzzTests: XCTestCase {
    static let hostile: [(String, String)] = [
        ("(10 GeV)^(10^9)", "J"), ("(3 m)^(1/1000000)", "m^(1/1000000)"), ("1 m^(10^30)", "km^(10^30)"),
        ("sqrt(-1 m^2)", "m"), ("log(-1)", ""), ("1/(0 GeV)", "J"), ("exp(1 GeV)", ""), ("0 GeV", "m"),
        ("1 GeV", ""), ("e", ""), ("x", "m"), ("", "m"), ("1 m", "+"), ("1 m", "m m m m m m m m m m m"),
        ("1 GeV", "GeV^(1/0)"), ("atan2(1 m, 1 s)", ""), ("abs(-3 m)", "m"), ("cbrt(27 m^3)", "m"),
        ("1 fb^-1 * 1 fb", ""), ("(1 GeV)^(1/2)*(1 GeV)^(1/2)", "GeV"), ("1 K", "eV"), ("hbar^(10^6)", "J^(10^6) s^(10^6)"),
        (String(repeating: "(", count: 300) + "1 m" + String(repeating: ")", count: 300), "m"),
        (Array(repeating: "1 m", count: 20_000).joined(separator: " + "), "km"),
        ("1 m + 1 s", "m"), ("1 m = 1 m", "m"), ("degC", "K"), ("f(1 m)", "m"), ("1 Ohm", "Ω"), ("1 µm", "um"),
    ]

    func testHostileConversionsEndInAValueOrADiagnostic() {
        var outcomes: [String: Int] = [:]
        for natural in [nil, NaturalUnits(), NaturalUnits(boltzmannOne: true, charge: .gaussian)] {
            for (quantity, target) in Self.hostile {
                do {
                    _ = try Conversion.convert(quantity, to: target, natural: natural, digits: 30, budget: Budget(milliseconds: 500))
                    outcomes["ok", default: 0] += 1
                } catch let d as Diagnostic {
                    XCTAssertNotEqual(d.code, "E-INTERNAL", "\(quantity) -> \(target): \(d)")
                    outcomes[d.code, default: 0] += 1
                } catch {
                    XCTFail("\(quantity) -> \(target): \(error)")
                }
            }
        }
        print("conversion outcomes:", outcomes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        XCTAssertGreaterThan(outcomes["ok", default: 0], 20)
    }

    func testRandomChecksEndInAReportOrADiagnostic() throws {
        var rng = SplitMix64(state: 99)
        let atoms = ["x", "v", "t", "E", "m", "c", "hbar", "2", "1/2", "GeV", "alpha", "p"]
        let functions = ["sqrt", "exp", "log", "sin", "abs", "cbrt"]
        func expression(_ depth: Int) -> String {
            if depth == 0 || rng.next() % 3 == 0 { return rng.pick(atoms) }
            switch rng.next() % 5 {
            case 0: return "(\(expression(depth - 1)) + \(expression(depth - 1)))"
            case 1: return "\(expression(depth - 1))*\(expression(depth - 1))"
            case 2: return "\(expression(depth - 1))/\(expression(depth - 1))"
            case 3: return "(\(expression(depth - 1)))^\(rng.pick(["2", "-1", "1/2", "n", "x"]))"
            default: return "\(rng.pick(functions))(\(expression(depth - 1)))"
            }
        }
        let environment = UnitEnvironment(declared: try UnitEnvironment.declarations("x: m, v: m/s, t: s, E: energy, m: kg, p: momentum, n: 1"))
        var outcomes: [String: Int] = [:]
        for i in 0..<400 {
            let text = "\(expression(4)) = \(expression(3))"
            var env = environment
            if i % 2 == 0 { env.natural = NaturalUnits() }
            do {
                _ = try DimensionCheck.check(text, environment: env, budget: Budget(milliseconds: 500))
                outcomes["consistent", default: 0] += 1
            } catch let d as Diagnostic {
                XCTAssertNotEqual(d.code, "E-INTERNAL", "\(text): \(d)")
                if d.code == "E-DIMENSION" { XCTAssertNotNil(d.span, "\(text): \(d)") }
                outcomes[d.code, default: 0] += 1
            }
        }
        print("check outcomes:", outcomes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        XCTAssertGreaterThan(outcomes["E-DIMENSION", default: 0], 50)
    }
}
