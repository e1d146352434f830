import AnsatzAlgebra
import AnsatzCore
import AnsatzParse
import XCTest
@testable import AnsatzCalculus

final class LimitTests: XCTestCase {
    func limit(_ text: String, _ variable: String = "x", at point: String = "0", _ direction: Limit.Direction = .both,
               assume: String = "") throws -> String {
        var options = ParseOptions()
        if !assume.isEmpty { options.assumptions = try Self.assumptions(assume) }
        let e = try ExpressionParser.parse(text, options: options).expr
        let p: Limit.Point
        switch point {
        case "oo": p = .plusInfinity
        case "-oo": p = .minusInfinity
        default: p = .finite(try ExpressionParser.parse(point, options: options).expr)
        }
        let result = try Limit.limit(e, variable, at: p, direction: direction, budget: Budget(milliseconds: 20_000))
        XCTAssertTrue(result.checked, "\(text): \(result.check)")
        return result.value.text
    }

    static func assumptions(_ text: String) throws -> [String: Assumptions] {
        var out: [String: Assumptions] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":").map { String($0).trimmingCharacters(in: .whitespaces) }
            out[parts[0]] = Assumptions(name: parts[1])
        }
        return out
    }

    func testClassicLimits() throws {
        XCTAssertEqual(try limit("sin(x)/x"), "1")
        XCTAssertEqual(try limit("(1 + 1/x)^x", at: "oo"), "exp(1)")
        XCTAssertEqual(try limit("x*log(x)", at: "0", .right), "0")
        XCTAssertEqual(try limit("(sqrt(p^2 + m^2) - m)/p^2", "p", assume: "m: positive"), "1/(2*m)")
        XCTAssertEqual(try limit("1/x", at: "0", .right), "oo")
        XCTAssertEqual(try limit("1/x", at: "0", .left), "-oo")
        XCTAssertEqual(try limit("1/x^2"), "oo")
        XCTAssertEqual(try limit("exp(x)/x^100", at: "oo"), "oo")
        XCTAssertEqual(try limit("x^2*exp(-x)", at: "oo"), "0")
        XCTAssertEqual(try limit("log(x)/x", at: "oo"), "0")
        XCTAssertEqual(try limit("x^x", at: "0", .right), "1")
        XCTAssertEqual(try limit("(1 - cos(x))/x^2"), "1/2")
        XCTAssertEqual(try limit("atan(x)", at: "oo"), "pi/2")
        XCTAssertEqual(try limit("sqrt(x^2 + x) - x", at: "oo"), "1/2")
        XCTAssertEqual(try limit("exp(x)*(exp(1/x - exp(-x)) - exp(1/x))", at: "oo"), "-1")
    }

    func testDirectionsAtInfinity() throws {
        // oo is approached from below (-), -oo from above (+); the other side is refused
        XCTAssertEqual(try limit("atan(x)", at: "oo", .left), "pi/2")
        XCTAssertEqual(try limit("atan(x)", at: "-oo", .right), "-pi/2")
        XCTAssertThrowsError(try limit("atan(x)", at: "oo", .right))
        XCTAssertThrowsError(try limit("atan(x)", at: "-oo", .left))
    }

    func testTwoSidedLimitThatDoesNotExist() {
        XCTAssertThrowsError(try limit("1/x")) { error in
            XCTAssertEqual((error as? Diagnostic)?.kind, .limitValue)
        }
    }
}
