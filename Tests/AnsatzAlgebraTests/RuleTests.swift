import TestSupport
import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzParse

final class RuleTests: XCTestCase {
    func testBuiltinRulesParse() throws {
        let book = try RuleBook.parse(BuiltinRules.text, origin: "builtin")
        XCTAssertGreaterThan(book.rules.count, 20)
        XCTAssertEqual(BuiltinRules.book.rules.count, book.rules.count)
        for set in Simplify.ruleSetOrder + ["sin_cos_normal_form"] { XCTAssertNotNil(book.set(named: set), set) }
    }

    /// Every built-in rule: both sides agree, to 40 digits, at random exact points that satisfy its
    /// conditions. A rule that is wrong anywhere in its domain fails here. MPFR works at 800 bits
    /// because one side may cancel catastrophically (cosh(a)^2 - sinh(a)^2 at a = 20).
    func testEveryBuiltinRuleHoldsAtRandomPoints() throws {
        var rng = SplitMix64(state: 2026)
        for rule in BuiltinRules.book.rules {
            var agreed = 0
            for _ in 0..<400 where agreed < 60 {
                var values: [(Expr, Expr)] = []
                for v in rule.variables.sorted() {
                    let conditions = Set(rule.conditions.filter { $0.variable == v }.map(\.condition))
                    values.append((Expr.symbol(v), sample(conditions, &rng)))
                }
                guard let lhs = try? Substitution.apply(rule.pattern, values),
                      let rhs = try? Substitution.apply(rule.replacement, values),
                      let l = try? Evaluator.evaluate(lhs, at: [:], precision: 800),
                      let r = try? Evaluator.evaluate(rhs, at: [:], precision: 800),
                      l.isFinite, r.isFinite else { continue }
                let one = try BigFloat(1.0, precision: 800)
                let scale = BigFloat.compare(l.abs, one) == 1 ? l.abs : one
                XCTAssertLessThan(((l - r).abs / scale).doubleValue, 1e-40,
                                  "\(rule.text) at \(values.map { "\($0.0)=\($0.1)" }): \(l) vs \(r)")
                agreed += 1
            }
            XCTAssertGreaterThanOrEqual(agreed, 60, "too few points where \(rule.name) is defined")
        }
    }

    /// A random exact value meeting the conditions: a rational with small numerator and denominator.
    func sample(_ conditions: Set<Rule.Condition>, _ rng: inout SplitMix64) -> Expr {
        if conditions.contains(.integer) { return .integer(rng.below(9) - 4) }
        let magnitude = (try? Rational(rng.below(60) + 1, rng.below(29) + 3)) ?? .one
        if conditions.contains(.positive) { return .rational(magnitude) }
        if conditions.contains(.nonnegative) { return rng.below(10) == 0 ? .zero : .rational(magnitude) }
        if conditions.contains(.negative) { return .rational(-magnitude) }
        if conditions.contains(.nonpositive) { return rng.below(10) == 0 ? .zero : .rational(-magnitude) }
        return .rational(rng.below(2) == 0 ? magnitude : -magnitude)
    }

    func testConditionalRulesNeedTheirAssumptions() throws {
        func simplified(_ s: String, _ assumptions: [String: Assumptions] = [:]) throws -> String {
            let e = try ExpressionParser.parse(s, options: ParseOptions(syntax: .plain, assumptions: assumptions)).expr
            return try Simplify.simplify(e).value.description
        }
        XCTAssertEqual(try simplified("sqrt(x^2)"), "sqrt(x^2)")  // x may be complex
        XCTAssertEqual(try simplified("sqrt(x^2)", ["x": .real]), "abs(x)")
        XCTAssertEqual(try simplified("sqrt(x^2)", ["x": .nonnegative]), "x")
        XCTAssertEqual(try simplified("log(exp(x))"), "log(exp(x))")
        XCTAssertEqual(try simplified("log(exp(x))", ["x": .real]), "x")
        XCTAssertEqual(try simplified("log(a*b) - log(a)"), "log(a*b) - log(a)")
        XCTAssertEqual(try simplified("log(a*b) - log(a)", ["a": .positive, "b": .positive]), "log(b)")
        XCTAssertEqual(try simplified("abs(x)", ["x": .real]), "abs(x)")
    }

    func testLoopingRulesEndWithBudgetError() throws {
        let book = try RuleBook.parse("[loop]\nthere: f(a) -> g(a)\nback: g(a) -> f(a)\n", origin: "test")
        let e = Expr.function(named: "f", [.symbol("x")])
        XCTAssertThrowsError(try Rewriter.rewrite(e, rules: book.rules, budget: .unlimited)) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-BUDGET")
        }
    }

    func testRuleFileErrorsNameTheLine() throws {
        let bad = ["[s]\nno_arrow: x + 1", "[s]\nunbound: x -> y", "rule: x -> x", "[s]\nc: x -> x if x > 1", "[s]\nd: x -> x\nd: y -> y"]
        for text in bad {
            XCTAssertThrowsError(try RuleBook.parse(text, origin: "f"), text) { error in
                XCTAssertEqual((error as? Diagnostic)?.code, "E-RULES")
                XCTAssertTrue((error as? Diagnostic)?.message.hasPrefix("f:") == true)
            }
        }
    }
}

/// Issue 11, class 10: a pattern matches what the user sees in the printed form: a power inside
/// a product (x^2*y), in a denominator (x/y^2, 1/sqrt(x^2)), and simplify keeps what the user's
/// own rules made even when it is not smaller.
final class PrintedFormMatchTests: XCTestCase {
    func testPowersInsideProductsAndDenominators() throws {
        let book = try RuleBook.parse("[sq]\nsq: a^2 -> g(a)\n", origin: "test")
        func simplified(_ text: String, _ assumptions: [String: Assumptions] = [:]) throws -> String {
            let e = try ExpressionParser.parse(text, options: ParseOptions(syntax: .plain, functions: ["g"], assumptions: assumptions)).expr
            return try Simplify.simplify(e, userRules: book).value.description
        }
        XCTAssertEqual(try simplified("x^2"), "g(x)")
        XCTAssertEqual(try simplified("x^2*y"), "y*g(x)")
        XCTAssertEqual(try simplified("3*x^2*y + z"), "z + 3*y*g(x)")
        XCTAssertEqual(try simplified("x/y^2"), "x/g(y)")
        XCTAssertEqual(try simplified("sin(x^2*y)"), "sin(y*g(x))")
        let plain = try ExpressionParser.parse("1/sqrt(x^2)", options: ParseOptions(syntax: .plain, assumptions: ["x": [.real]])).expr
        XCTAssertEqual(try Simplify.simplify(plain).value.description, "1/abs(x)")
    }
}

final class RewriterDepthTests: XCTestCase {
    /// A rule that wraps its own match nests without end: it must stop with E-BUDGET, not overflow the stack.
    func testSelfWrappingRuleStops() throws {
        let book = try RuleBook.parse("[wrap]\nwrap: a -> f(a)\n", origin: "test")
        XCTAssertThrowsError(try Rewriter.rewrite(.symbol("x"), rules: book.rules, budget: .unlimited)) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-BUDGET")
        }
    }
}
