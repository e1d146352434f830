import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzNumeric
@testable import AnsatzParse

/// Inputs a review of the special functions and rewrites found to trap or hang (integers at
/// -2^63, whose negation overflows a machine Int; a radicand with no small factor; a huge
/// exact parity): each must end with a value or a diagnostic, within its budget. And the wrong
/// readings it found, kept fixed.
final class ExtremeArgumentTests: XCTestCase {
    func parse(_ text: String, complex: Bool = false, functions: Set<String> = [], assume: [String: Assumptions] = [:],
               latex: Bool = false) throws -> Expr {
        var options = ParseOptions(syntax: latex ? .latex : .plain)
        options.complex = complex
        options.functions = functions
        options.assumptions = assume
        return try ExpressionParser.parse(text, options: options).expr
    }

    func testExtremeIntegersNeverTrap() throws {
        let inputs = [
            "(1+I)^(-9223372036854775808)", "gamma(-18446744073709551615/2)", "factorial(-18446744073709551617/2)",
            "zeta(-9223372036854775808)", "zeta(-9223372036854775807)", "binomial(-9223372036854775808, 2)",
            "binomial(-2, 9223372036854775807)", "2^(-9223372036854775808)", "x*2^(-9223372036854775808/3)",
            "exp(-9223372036854775808*x)", "gamma(x)/gamma(x + 9223372036854775808)", "1/(1 + sqrt(9223372036854775783))",
            "1/(1 + sqrt(8507059173023461586584365185794205286400))", "1 + 2^(-9223372036854775808)",
            "binomial(-1, 2.0`64^1000000000000000000)", "x^(-9223372036854775808)",
        ]
        for text in inputs {
            let clock = ContinuousClock.now
            let e = try parse(text, complex: true)
            _ = try? Simplify.simplify(e, budget: Budget(milliseconds: 5_000))
            if e.symbolNames.isEmpty {
                _ = try? PointEvaluation.evaluate(e, at: [:], budget: Budget(milliseconds: 5_000))
                _ = try? PointEvaluation.evaluate(e, at: [:], complex: true, budget: Budget(milliseconds: 5_000))
            } else {
                _ = try? Series.expand(e, in: "x", at: .one, order: 3, budget: Budget(milliseconds: 5_000))
            }
            XCTAssertLessThan(ContinuousClock.now - clock, .seconds(30), text)
        }
    }

    func testSpecialFunctionsOfFloatsFoldOnlyAtModestPrecision() throws {
        // zeta at 2^18 bits would run Arb for seconds inside the parser
        let clock = ContinuousClock.now
        let e = try parse("zeta(0.3`262144) + polylog(2.5`262144, 0.3`262144)")
        XCTAssertFalse(e.isNumber)
        XCTAssertLessThan(ContinuousClock.now - clock, .seconds(2))
        XCTAssertTrue(try parse("zeta(0.3`100)").isNumber)
    }

    func testWhatTheReviewFoundStaysFixed() throws {
        // a function declared gamma is the user's
        let declared = try parse("gamma(1/2)", functions: ["gamma"])
        guard case .function(.user("gamma"), _) = declared.kind else { return XCTFail("\(declared)") }
        // a name declared a symbol is not called
        XCTAssertThrowsError(try parse("gamma(1 - v^2)", assume: ["gamma": [.positive]]))
        // re, im, conjugate: no derivative or series by a complex variable
        XCTAssertThrowsError(try Derivative.of(try parse("re(z)"), by: "z"))
        XCTAssertEqual(try Derivative.of(try parse("re(z^2)", assume: ["z": [.real]]), by: "z"), try parse("2*z", assume: ["z": [.real]]))
        XCTAssertThrowsError(try Series.expand(try parse("im(x)"), in: "x", order: 3))
        // Re in a LaTeX formula is a product, \Re the real part
        let nusselt = try parse("0.023 Re^{0.8} Pr^{0.4}", latex: true)
        XCTAssertTrue(Set(nusselt.symbolNames).isSuperset(of: ["R", "e"]), nusselt.description)
        XCTAssertEqual(try parse("\\Re(z)", latex: true), Expr.function(.re, [.symbol("z")]))
        XCTAssertEqual(try parse("\\arg z", latex: true), Expr.function(.arg, [.symbol("z")]))
        // TeX ignores spaces: \Gamma (s) is as ambiguous as \Gamma(s)
        XCTAssertThrowsError(try parse("\\Gamma (s)", latex: true))
        XCTAssertThrowsError(try parse("\\theta \\left(x\\right)", latex: true))
        // tan at its pole is not expanded into a formula undefined everywhere
        let tangent = try parse("tan(x + pi/2)")
        XCTAssertEqual(try RewriteMethod.expand_trig.apply(tangent), tangent)
        // a symbolic denominator is not rationalised (x - sqrt(2) would vanish where the input is defined)
        let symbolic = try parse("1/(x + sqrt(2))")
        XCTAssertEqual(try RewriteMethod.radsimp.apply(symbolic), symbolic)
    }

    /// Bessel K of real order costs about a millisecond a point in Arb: a batch stops between
    /// blocks when its budget is spent, instead of running on.
    func testBatchStopsWhenItsBudgetIsSpent() throws {
        let program = try BatchProgram.compile([try parse("besselk(nu, x)")], inputs: ["nu", "x"])
        let n = 20_000
        let nu = (0..<n).map { 0.3 + Double($0 % 100) / 40 }, x = (0..<n).map { 0.5 + Double($0 % 997) / 30 }
        let clock = ContinuousClock.now
        XCTAssertThrowsError(try BatchEvaluator(program).run(columns: [nu, x], budget: Budget(milliseconds: 100))) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-BUDGET")
        }
        XCTAssertLessThan(ContinuousClock.now - clock, .seconds(3))
    }
}
