import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzParse

/// Every operation on random and hostile inputs under a small budget: any diagnostic is fine, a
/// trap (which would kill the test process, and the server) is not.
final class AlgebraFuzzTests: XCTestCase {
    static let hostile = [
        "(x+1)^(10^30)", "x^(1/10^30) + x", "(x+1)^(2^62)", "1/(x+1)^(10^30) + 1", "x^(10^9) - 1",
        "(x^(10^9) - 1)/(x - 1)", "sin(x)^(10^6) + cos(x)^(10^6)", "0.1`53*(x + 1)^2 - 1/x", "x = y + 1",
        "x < 1", "(2 GeV)*(x + 1)", "f(x)*f(x + 1)", "(x + 1)^(1/2)*(x + 1)^(-1/2)", "log(0*x + 1)",
        "exp(1/x)", "x^x", "sqrt(x)", "abs(x)^3", "atan2(x, y)", "sign(x)*x", "(-8)^(1/3)*x",
        "1e-300*x + 1e300", "(x + y + z + w + 1)^30", "E^x*E^(-x)", "pi^x/pi^(x - 1)",
    ]

    func inputs() throws -> [Expr] {
        var rng = Random(state: 31337)
        var list = (0..<150).map { _ in rng.expression(depth: 3) }
        let options = ParseOptions(syntax: .plain, floatPrecision: nil, functions: ["f"])
        for text in Self.hostile { list.append(try ExpressionParser.parse(text, options: options).expr) }
        return list
    }

    func testEveryOperationEndsWithAValueOrADiagnostic() throws {
        var outcomes = [String: Int]()
        for e in try inputs() {
            let operations: [(String, (Budget) throws -> Expr)] = [
                ("expand", { try Expand.expand(e, budget: $0) }),
                ("cancel", { try RationalFunctions.cancel(e, budget: $0).value }),
                ("factor", { try RationalFunctions.factor(e, budget: $0).value }),
                ("apart", { try RationalFunctions.apart(e, in: "x", budget: $0).value }),
                ("collect", { try RationalFunctions.collect(e, by: ["x"], budget: $0) }),
                ("simplify", { try Simplify.simplify(e, budget: $0).value }),
                ("series", { try Series.expand(e, in: "x", at: .integer(1), order: 4, budget: $0).value }),
                ("diff", { try Derivative.of(e, by: ["x", "x"], budget: $0) }),
            ]
            for (name, operation) in operations {
                do {
                    _ = try operation(Budget(milliseconds: 300))
                    outcomes["\(name) ok", default: 0] += 1
                } catch let d as Diagnostic {
                    XCTAssertFalse(d.code == "E-INTERNAL", "\(name)(\(e)): \(d)")
                    outcomes["\(name) \(d.code)", default: 0] += 1
                }
            }
        }
        print("outcomes:", outcomes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        XCTAssertGreaterThan(outcomes["simplify ok", default: 0], 100)
        XCTAssertGreaterThan(outcomes["series ok", default: 0], 100)
    }
}
