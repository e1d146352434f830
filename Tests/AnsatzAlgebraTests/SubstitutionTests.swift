import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzParse

final class SubstitutionTests: XCTestCase {
    func parse(_ s: String) throws -> Expr { try ExpressionParser.parse(s, options: ParseOptions(syntax: .plain)).expr }

    func testTable() throws {
        let cases: [(String, [(String, String)], String)] = [
            ("x^2 + 1", [("x", "1/2")], "5/4"),
            ("x - y", [("x", "y"), ("y", "x")], "y - x"),
            ("m*c^2 + p^2/(2*m)", [("p", "m*v")], "c^2*m + m*v^2/2"),
            ("sin(a) + sin(a)^2", [("sin(a)", "s")], "s^2 + s"),
            ("exp(x*y)", [("x", "0")], "1"),
            ("x + 1 = y", [("y", "x + 1")], "x + 1 = x + 1"),
            ("sqrt(x)", [("x", "4")], "2"),
        ]
        for (input, rules, expected) in cases {
            let parsed = try rules.map { (try parse($0.0), try parse($0.1)) }
            XCTAssertEqual(try Substitution.apply(parse(input), parsed).description, expected, input)
        }
    }

    /// Substituting a number for x and then evaluating is evaluating at that number.
    func testAgreesWithEvaluationAtRandomPoints() throws {
        var rng = Random(state: 77)
        var checked = 0
        for _ in 0..<500 {
            let e = rng.expression(depth: 3)
            let q = try Rational(Int(rng.next() % 200) - 100, 37)
            let y = try BigFloat(Rational(3, 2), precision: 120)
            let substituted = try Substitution.apply(e, [(Expr.symbol("x"), Expr.rational(q))])
            guard let direct = try? Evaluator.evaluate(e, at: ["x": try BigFloat(q, precision: 120), "y": y], precision: 120),
                  let viaSubstitution = try? Evaluator.evaluate(substituted, at: ["y": y], precision: 120),
                  direct.isFinite, viaSubstitution.isFinite else { continue }
            let scale = max(1.0, Swift.abs(direct.doubleValue))
            XCTAssertLessThan(Swift.abs((direct - viaSubstitution).doubleValue) / scale, 1e-30, "\(e) at x = \(q)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 300)
    }
}
