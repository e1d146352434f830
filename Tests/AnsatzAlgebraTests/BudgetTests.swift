import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzParse

/// Operations that would explode end with E-BUDGET instead of hanging or exhausting memory. The
/// time bounds asserted here are loose (1.5 × the budget) so that they catch a hang without
/// flaking on a busy machine; Benchmarks/budget-overshoot.sh measures the real overshoot.
final class BudgetTests: XCTestCase {
    func expectBudgetError(_ milliseconds: Int, _ body: (Budget) throws -> Void, file: StaticString = #filePath, line: UInt = #line) {
        let budget = Budget(milliseconds: milliseconds)
        let start = ContinuousClock.now
        XCTAssertThrowsError(try body(budget), file: file, line: line) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-BUDGET", "\(error)", file: file, line: line)
        }
        // the work stops at its next check after the deadline; a sweep of a large intern table
        // (which runs under its lock, on whichever thread crosses the threshold) can delay that
        // check by a few hundred milliseconds on a loaded machine
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(milliseconds * 3 / 2 + 500), file: file, line: line)
    }

    func testHugePowerIsRefusedBeforeAnyWork() throws {
        let e = try ExpressionParser.parse("(x+y+z)^100000").expr
        expectBudgetError(1000) { _ = try Expand.expand(e, budget: $0) }
    }

    func testProductTooSlowForTheBudgetIsRefused() throws {
        // 10^4 terms times 10^4 terms is 10^8 term products: about a second, refused in 50 ms
        let a = try Expand.expand(try ExpressionParser.parse("(x+y+z+w+1)^15").expr)
        let b = try Expand.expand(try ExpressionParser.parse("(x-y+2*z+w+3)^15").expr)
        let product = a * (b + .symbol("u"))
        expectBudgetError(50) { _ = try Expand.expand(product, budget: $0) }
    }

    func testDerivativeOfAMillionNodesStopsAtTheDeadline() throws {
        // 100,000 terms of about ten nodes each
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        var terms: [(Expr, Number)] = []
        for k in 1...100_000 {
            let inner = Expr.mul([x, Expr.pow(y, .integer(k % 9 + 1)), Expr.integer(k)])
            terms.append((Expr.mul([Expr.function(.sin, [inner]), Expr.function(.exp, [Expr.mul([x, Expr.integer(k)])])]), .one))
        }
        let e = Expr.add(scaled: terms)
        XCTAssertGreaterThan(e.treeSize(limit: 2_000_000), 1_000_000)
        expectBudgetError(200) { _ = try Derivative.of(e, by: "x", budget: $0) }
    }

    func testLoopingUserRulesStop() throws {
        let book = try RuleBook.parse("[loop]\nthere: f(a) -> g(a)\nback: g(a) -> f(a)\n", origin: "test")
        let e = Expr.function(named: "f", [.symbol("x")])
        expectBudgetError(5000) { _ = try Simplify.simplify(e, userRules: book, budget: $0) }
    }

    func testSimplifyOfALargeExpressionStopsAtTheDeadline() throws {
        let e = try ExpressionParser.parse("((x + y)^12 - (x - y)^12)/((x+1)^6*(y-2)^7) + sin(x)^2*(x+y)^9 + cos(x)^2*(x+y)^9").expr
        expectBudgetError(20) { _ = try Simplify.simplify(e, budget: $0) }
    }
}
