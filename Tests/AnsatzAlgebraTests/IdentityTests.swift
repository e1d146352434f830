import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzParse

/// One identity per line: `operation [assumptions]: input => expected`. The expected side is parsed
/// and compared as a canonical node, so spacing and term order do not matter. Add lines freely.
final class IdentityTests: XCTestCase {
    static let table = """
    expand: (x+1)^2 - x^2 - 2*x => 1
    expand: (a+b)^3 => a^3 + 3*a^2*b + 3*a*b^2 + b^3
    expand: (x - y)*(x + y) => x^2 - y^2
    expand: x*(1/x + 1) => x + 1
    expand: (sqrt(2) + 1)^2 => 3 + 2*sqrt(2)
    expand: (sqrt(x) + 1)*(sqrt(x) - 1) => x - 1
    expand: exp(2*(x+1)) => exp(2*x + 2)
    expand: (x+1)^2/(y+1) => x^2/(y + 1) + 2*x/(y + 1) + 1/(y + 1)
    expand: (x + 2*y)^3 => x^3 + 6*x^2*y + 12*x*y^2 + 8*y^3
    cancel: (a^2-b^2)/(a-b) => a + b
    cancel: (x^3 - 1)/(x - 1) => x^2 + x + 1
    cancel: 1/x + 1/y => (x + y)/(x*y)
    cancel: (x^2 + 2*x*y + y^2)/(x + y)^3 => 1/(x + y)
    cancel: (sin(x)^2 - 1)/(sin(x) - 1) => sin(x) + 1
    cancel: (x^2 - 1)/(2*x - 2) => x/2 + 1/2
    factor: x^2 - 1 => (x - 1)*(x + 1)
    factor: x^4 - y^4 => (x^2 + y^2)*(x - y)*(x + y)
    factor: x^3 - 6*x^2 + 11*x - 6 => (x - 1)*(x - 2)*(x - 3)
    factor: x^2*y + x*y^2 => x*y*(x + y)
    factor: 6*x^2 - 6 => 6*(x - 1)*(x + 1)
    apart: 1/(x^2 - 1) => (1/2)/(x - 1) - (1/2)/(x + 1)
    apart: (x^3 + 1)/(x^2*(x^2 + 1)) => 1/x^2 + (x - 1)/(x^2 + 1)
    apart: (x^4 + 1)/(x^2 - 3*x + 2) => x^2 + 3*x + 7 + 17/(x - 2) - 2/(x - 1)
    apart: 1/(x*(x + 1)^2) => 1/x - 1/(x + 1) - 1/(x + 1)^2
    collect: a*x^2 + b*x^2 + c*x + d*x + e => (a + b)*x^2 + (c + d)*x + e
    simplify: sqrt(x^2) => sqrt(x^2)
    simplify {x real}: sqrt(x^2) => abs(x)
    simplify {x real}: (x^2)^(1/2) => abs(x)
    simplify {x nonnegative}: sqrt(x^2) => x
    simplify {x positive}: sqrt(x^2) => x
    simplify: log(exp(x)) => log(exp(x))
    simplify {x real}: log(exp(x)) => x
    simplify: exp(log(x)) => x
    simplify: x^0 => 1
    simplify: 0^x => 0^x
    simplify: sin(x)^2 + cos(x)^2 => 1
    simplify: 3*sin(x)^2 + 3*cos(x)^2 + y => y + 3
    simplify: (a^2-b^2)/(a-b) => a + b
    simplify: 2*sin(x)*cos(x) => sin(2*x)
    simplify: cos(x)^2 - sin(x)^2 => cos(2*x)
    simplify: cos(x)^4 - sin(x)^4 => cos(2*x)
    simplify: 1/cos(x)^2 - tan(x)^2 => 1
    simplify: tan(x)*cos(x) => sin(x)
    simplify: exp(a)*exp(b)/exp(a+b) => 1
    simplify {x positive, y positive}: log(x^3/y) + log(y) => 3*log(x)
    simplify: sec(x)*cos(x) => 1
    simplify: cosh(x)^2 - sinh(x)^2 => 1
    simplify: (x+1)^2 - (x-1)^2 => 4*x
    simplify: sin(-x) + sin(x) => 0
    simplify {a positive, b positive}: log(a*b) - log(a) => log(b)
    """

    func testTable() throws {
        var checked = 0
        for line in Self.table.split(separator: "\n") {
            let (head, body) = try split(String(line), ": ")
            let (input, expected) = try split(body, " => ")
            var operation = head, assumptions: [String: Assumptions] = [:]
            if let brace = head.firstIndex(of: "{") {
                operation = String(head[..<brace]).trimmingSpaces
                for part in head[head.index(after: brace)...].dropLast().split(separator: ",") {
                    let words = part.split(separator: " ").map(String.init)
                    assumptions[words[0], default: []].insert(try XCTUnwrap(Assumptions(name: words[1])))
                }
            }
            let options = ParseOptions(syntax: .plain, assumptions: assumptions)
            let e = try ExpressionParser.parse(input, options: options).expr
            let want = try ExpressionParser.parse(expected, options: options).expr
            let got: Expr
            switch operation {
            case "expand": got = try Expand.expand(e)
            case "cancel": got = try RationalFunctions.cancel(e).value
            case "factor": got = try RationalFunctions.factor(e).value
            case "collect": got = try RationalFunctions.collect(e, by: ["x"])
            case "apart": got = try RationalFunctions.apart(e, in: "x").value
            case "simplify": got = try Simplify.simplify(e).value
            default: throw XCTSkip("unknown operation \(operation)")
            }
            XCTAssertTrue(got === want, "\(line)\n got: \(got)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 40)
    }

    func split(_ s: String, _ separator: String) throws -> (String, String) {
        let r = try XCTUnwrap(s.firstRange(of: separator), "no '\(separator)' in \(s)")
        return (String(s[..<r.lowerBound]).trimmingSpaces, String(s[r.upperBound...]).trimmingSpaces)
    }
}
