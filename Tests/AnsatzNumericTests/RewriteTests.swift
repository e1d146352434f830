import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzNumeric
@testable import AnsatzParse
import TestSupport

/// The named rewrites: the issue's examples, and every rewrite checked at random points — real
/// points satisfying the assumptions (MPFR, 120 bits) and, for the rewrites that hold for all
/// complex values (expand_trig, powsimp, radsimp, sqrtdenest), complex points in Arb's balls.
final class RewriteTests: XCTestCase {
    func parse(_ text: String, assume: [String: Assumptions] = [:]) throws -> Expr {
        var options = ParseOptions(syntax: .plain)
        options.assumptions = assume
        return try ExpressionParser.parse(text, options: options).expr
    }

    func testTheIssuesExamples() throws {
        let positive: [String: Assumptions] = ["x": [.positive], "y": [.positive]]
        let cases: [(RewriteMethod?, String, String)] = [
            (.expand_trig, "sin(x + y) + sin(x - y)", "2*sin(x)*cos(y)"),
            (.trigsimp, "1/cos(x)^2 - 1", "tan(x)^2"),
            (.logcombine, "log(2) + log(3)", "log(6)"),
            (.expand_log, "log(x^2)", "2*log(x)"),
            (.radsimp, "1/(1 + sqrt(2))", "sqrt(2) - 1"),
            (.radsimp, "1/(sqrt(2) + sqrt(3) + sqrt(5))", "(2*sqrt(3) + 3*sqrt(2) - sqrt(30))/12"),
            (.sqrtdenest, "sqrt(5 + 2*sqrt(6))", "sqrt(2) + sqrt(3)"),
            (.powsimp, "2^(x + 2)/4", "2^x"),
            (.powsimp, "4^x/2^x", "2^x"),
            (.powdenest, "sqrt(x^4)", "x^2"),
            (nil, "sin(x + y) + sin(x - y)", "2*sin(x)*cos(y)"),
            (nil, "log(2) + log(3)", "log(6)"),
            (nil, "1/(1 + sqrt(2))", "sqrt(2) - 1"),
            (nil, "2^(x + 2)/4", "2^x"),
            (nil, "1/cos(x)^2 - 1", "tan(x)^2"),
            (nil, "sqrt(1 + sqrt(3)) + sqrt(3 + 3*sqrt(3)) - sqrt(10 + 6*sqrt(3))", "0"),
            (nil, "sin(x)^2*cos(x)^2 + sin(x)^4 + cos(x)^2", "1"),
            (nil, "sinh(x)^4 - cosh(x)^4 + 2*cosh(x)^2", "1"),
        ]
        for (method, input, expected) in cases {
            let e = try parse(input, assume: positive)
            let result = try method.map { try $0.apply(e) } ?? Simplify.simplify(e).value
            XCTAssertEqual(result, try parse(expected, assume: positive), "\(method?.rawValue ?? "simplify")(\(input)) = \(result)")
        }
        // sqrt(x^4) needs x real, not more; without it nothing happens
        let real: [String: Assumptions] = ["x": [.real]]
        XCTAssertEqual(try RewriteMethod.powdenest.apply(try parse("sqrt(x^4)", assume: real)), try parse("x^2", assume: real))
        XCTAssertEqual(try RewriteMethod.powdenest.apply(try parse("sqrt(x^4)")), try parse("sqrt(x^4)"))
        XCTAssertEqual(try RewriteMethod.powdenest.apply(try parse("sqrt(x^2)", assume: real)), try parse("abs(x)", assume: real))
        // log(x*y) splits only over positive factors
        let onlyX: [String: Assumptions] = ["x": [.positive]]
        XCTAssertEqual(try RewriteMethod.expand_log.apply(try parse("log(2*x*y)", assume: onlyX)), try parse("log(2) + log(x) + log(y)", assume: onlyX))
        XCTAssertEqual(try RewriteMethod.expand_log.apply(try parse("log(x*y)")), try parse("log(x*y)"))
    }

    func testAlgebraicZeroIsProvenOrLeftOpen() throws {
        XCTAssertEqual(AlgebraicZero.isZero(try parse("sqrt(1 + sqrt(3)) + sqrt(3 + 3*sqrt(3)) - sqrt(10 + 6*sqrt(3))")), true)
        XCTAssertEqual(AlgebraicZero.isZero(try parse("sqrt(5 + 2*sqrt(6)) - sqrt(2) - sqrt(3)")), true)
        XCTAssertEqual(AlgebraicZero.isZero(try parse("(7 + 5*sqrt(2))^(1/3) - 1 - sqrt(2)")), true)
        XCTAssertEqual(AlgebraicZero.isZero(try parse("sqrt(2) + sqrt(3) - sqrt(10)")), false)  // -0.0166...
        XCTAssertEqual(AlgebraicZero.isZero(try parse("sqrt(1000001) - 1000 - 1/2000")), false)  // 1.2e-10
        XCTAssertNil(AlgebraicZero.isZero(try parse("pi - 355/113")))  // not algebraic
        XCTAssertNil(AlgebraicZero.isZero(try parse("x - x + sqrt(x)")))
    }

    // MARK: random points

    /// Random expressions each rewrite acts on, with the assumptions they need.
    func corpus(_ method: RewriteMethod, _ rng: inout SplitMix64) -> String {
        func int(_ a: Int, _ b: Int) -> Int { a + Int(rng.below(b - a + 1)) }
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.below(xs.count))] }
        func angle() -> String { "\(int(-3, 3))*x + \(int(-2, 2))*y + \(pick(["0", "pi/4", "pi/3", "1/2"]))" }
        switch method {
        case .trigsimp, .expand_trig:
            return (0..<int(1, 3)).map { _ in "\(int(-3, 3))*\(pick(["sin", "cos", "tan", "sinh", "cosh", "sec"]))(\(angle()))^\(int(1, 3))" }
                .joined(separator: " + ") + " + \(pick(["1", "cos(x)^2", "1/cos(x)^2", "sin(2*x)"]))"
        case .expand_log, .logcombine:
            return (0..<int(2, 4)).map { _ in "\(int(-2, 3))*log(\(int(1, 9))*x^\(int(-2, 3))*\(pick(["y", "y^2", "1", "(x + y)"])))" }
                .joined(separator: " + ")
        case .powsimp:
            return "\(int(1, 5))/\(int(1, 9))*\(pick(["2", "4", "8", "3", "9", "6"]))^(\(pick(["x", "x + 1", "2*x - y"])))*\(pick(["2", "3", "4"]))^(\(pick(["x", "y", "-x"])))"
        case .powdenest:
            return "(\(pick(["x", "y", "x*y", "3*x^2"]))^\(pick(["2", "4", "6", "3"])))^(\(pick(["1/2", "1/4", "3/2", "1/3"])))"
        case .radsimp:
            return "\(int(1, 5))/(\(int(-3, 3)) + \(int(1, 4))*sqrt(\(pick(["2", "3", "5", "6"]))) + \(int(-2, 2))*sqrt(\(pick(["2", "7", "10"]))))"
        case .sqrtdenest:
            let (p, q) = (int(1, 6), int(1, 6))  // (p + q*sqrt(r))^2 = p^2 + q^2 r + 2 p q sqrt(r)
            let r = pick([2, 3, 5, 6, 7])
            return "sqrt(\(p * p + q * q * r) + \(pick([2, -2]) * p * q)*sqrt(\(r)))"
        }
    }

    func testEveryRewriteKeepsValuesAtRandomRealPoints() throws {
        var rng = SplitMix64(state: 1414)
        let assumptions: [String: Assumptions] = ["x": [.positive], "y": [.positive]]
        var checked = 0, changed = 0
        for method in RewriteMethod.allCases {
            for _ in 0..<40 {
                let text = corpus(method, &rng)
                guard let e = try? parse(text, assume: assumptions) else { continue }
                let r = try method.apply(e, budget: Budget(milliseconds: 20_000))
                if r != e { changed += 1 }
                for _ in 0..<3 {
                    let point = ["x": try BigFloat(Rational(Int(rng.below(290)) + 10, 100), precision: 120),
                                 "y": try BigFloat(Rational(Int(rng.below(290)) + 10, 100), precision: 120)]
                    guard let a = try? Evaluator.evaluate(e, at: point, precision: 120, strict: true),
                          let b = try? Evaluator.evaluate(r, at: point, precision: 120, strict: true) else { continue }
                    let scale = max(1, abs(a.doubleValue))
                    XCTAssertLessThan(abs((a - b).doubleValue), 1e-25 * scale, "\(method.rawValue)(\(text)) = \(r) at \(point)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 600)
        XCTAssertGreaterThan(changed, 150, "the corpus should exercise the rewrites")
    }

    /// expand_trig, powsimp, radsimp and sqrtdenest hold for complex values: checked at complex
    /// points (symbols declared nothing) in Arb's balls.
    func testComplexValidRewritesAtRandomComplexPoints() throws {
        var rng = SplitMix64(state: 2718)
        for method in [RewriteMethod.expand_trig, .powsimp, .radsimp, .sqrtdenest] {
            for _ in 0..<30 {
                let text = corpus(method, &rng)
                guard let e = try? parse(text) else { continue }
                let r = try method.apply(e, budget: Budget(milliseconds: 20_000))
                for _ in 0..<3 {
                    let point: [String: (Rational, Rational)] = [
                        "x": ((try? Rational(Int(rng.below(401)) - 200, 100)) ?? .one, (try? Rational(Int(rng.below(401)) - 200, 100)) ?? .one),
                        "y": ((try? Rational(Int(rng.below(401)) - 200, 100)) ?? .one, (try? Rational(Int(rng.below(401)) - 200, 100)) ?? .one),
                    ]
                    let value: @Sendable (Expr) -> ComplexBall? = { e in
                        guard case let .symbol(s) = e.kind, let (re, im) = point[s.name] else { return nil }
                        return ComplexBall(real: re, imaginary: im, precision: 160)
                    }
                    guard let a = try? BallEvaluation.evaluate(e, precision: 160, value: value),
                          let b = try? BallEvaluation.evaluate(r, precision: 160, value: value) else { continue }
                    XCTAssertTrue(a.minus(b, precision: 160).containsZero, "\(method.rawValue)(\(text)) = \(r) at \(point): \(a.decimal()) against \(b.decimal())")
                }
            }
        }
    }

    /// The built-in rules without conditions claim all complex values (RuleTests checks them at
    /// real points): both sides at random complex points in Arb's balls must overlap.
    func testUnconditionalRulesHoldAtComplexPoints() throws {
        var rng = SplitMix64(state: 31)
        for rule in BuiltinRules.book.rules where rule.conditions.isEmpty {
            var agreed = 0
            for _ in 0..<200 where agreed < 20 {
                var point: [String: (Rational, Rational)] = [:]
                for v in rule.variables {
                    point[v] = ((try? Rational(Int(rng.below(401)) - 200, 97)) ?? .one, (try? Rational(Int(rng.below(401)) - 200, 97)) ?? .one)
                }
                let fixed = point
                let value: @Sendable (Expr) -> ComplexBall? = { e in
                    guard case let .symbol(s) = e.kind, let (re, im) = fixed[s.name] else { return nil }
                    return ComplexBall(real: re, imaginary: im, precision: 200)
                }
                guard let l = try? BallEvaluation.evaluate(rule.pattern, precision: 200, value: value),
                      let r = try? BallEvaluation.evaluate(rule.replacement, precision: 200, value: value) else { continue }
                XCTAssertTrue(l.minus(r, precision: 200).containsZero, "\(rule.text) at \(point): \(l.decimal()) against \(r.decimal())")
                agreed += 1
            }
            XCTAssertGreaterThanOrEqual(agreed, 20, "too few complex points where \(rule.name) is defined")
        }
    }
}
