import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzParse
import TestSupport

final class DerivativeTests: XCTestCase {
    func parse(_ s: String) throws -> Expr { try ExpressionParser.parse(s, options: ParseOptions(syntax: .plain)).expr }

    /// One line per rule, worked out by hand: expression, variable => derivative.
    func testTable() throws {
        let cases: [(String, String, String)] = [
            ("x^3", "x", "3*x^2"),
            ("5", "x", "0"),
            ("y", "x", "0"),
            ("x*y", "x", "y"),
            ("sin(x)", "x", "cos(x)"),
            ("cos(2*x)", "x", "-2*sin(2*x)"),
            ("exp(x^2)", "x", "2*x*exp(x^2)"),
            ("log(x)", "x", "1/x"),
            ("sqrt(x)", "x", "1/(2*sqrt(x))"),
            ("x^y", "x", "x^(y - 1)*y"),
            ("x^y", "y", "x^y*log(x)"),
            ("1/x", "x", "-1/x^2"),
            ("atan(x)", "x", "1/(x^2 + 1)"),
            ("exp(1)^x", "x", "exp(x)"),
            ("x = y^2", "y", "0 = 2*y"),
        ]
        for (input, variable, expected) in cases {
            let e = try parse(input)
            XCTAssertEqual(try Derivative.of(e, by: variable).description, expected, "d/d\(variable) \(input)")
        }
    }

    func testHigherOrderAndMixed() throws {
        XCTAssertEqual(try Derivative.of(parse("x^5"), by: ["x", "x", "x"]).description, "60*x^2")
        XCTAssertEqual(try Derivative.of(parse("x^2*y^3"), by: ["x", "y"]).description, "6*x*y^2")
    }

    /// Terms free of the variable add nothing to a derivative, whatever their coefficients: with
    /// decimals read as floats, d/dx(x + 0.5*y*log(y)) is exactly 1, not the float 1.0 that a float
    /// 0.0 from the second term would make it.
    func testTermsFreeOfTheVariableLeaveNoFloatZero() throws {
        var options = ParseOptions(syntax: .plain)
        options.floatPrecision = 53
        for (text, expected) in [("x + 0.5*y*log(y)", "1"), ("x + 0.5*log(y)", "1"), ("0.1*y + 0.5*y*log(y)", "0"),
                                 ("0.5*log(y) + z", "0"), ("0.5*y", "0"),
                                 // integers are floats too in this mode: x^2 is x^2.0
                                 ("x^2 + 3.0/(a + n + 1.5)", "2.0`53*x^1.0`53")] {
            let e = try ExpressionParser.parse(text, options: options).expr
            XCTAssertEqual(try Derivative.of(e, by: "x").description, expected, text)
        }
        let e = try ExpressionParser.parse("1.25*x^2 + 0.75*x + 1", options: options).expr
        XCTAssertEqual(try Derivative.of(e, by: "x").description, "2.5`53*x^1.0`53 + 0.75`53")
    }

    func testRefusals() throws {
        var options = ParseOptions(syntax: .plain)
        options.functions = ["f"]
        let f = try ExpressionParser.parse("f(x)", options: options).expr
        XCTAssertThrowsError(try Derivative.of(f, by: "x")) { XCTAssertEqual(($0 as? Diagnostic)?.code, "E-DIFF") }
        XCTAssertThrowsError(try Derivative.of(parse("x < 1"), by: "x"))
        let big = try parse((0..<5000).map { "sin(x\($0)*x)" }.joined(separator: " + "))
        XCTAssertThrowsError(try Derivative.of(big, by: "x", budget: Budget(maxSteps: 100))) {
            XCTAssertEqual(($0 as? Diagnostic)?.code, "E-BUDGET")
        }
    }

    /// Random expressions: the symbolic derivative against a central difference computed with MPFR
    /// at 200 bits (step 1e-25, so the difference is good to about 45 digits), at random points.
    func testAgreesWithNumericalDifferentiationAtRandomPoints() throws {
        var rng = Random(state: 4242)
        let p = 200
        let h = try BigFloat(parsing: "1e-25", precision: p)
        let two = try BigFloat(Rational(2), precision: p)
        var checked = 0
        for _ in 0..<600 {
            let e = rng.expression(depth: 4)
            let de = try Derivative.of(e, by: "x")
            for _ in 0..<3 {
                let point = try BigFloat(Rational(Int(rng.next() % 2000) - 1000, 337), precision: p)
                let y = try BigFloat(Rational(Int(rng.next() % 1000) + 1, 211), precision: p)
                let at = { (x: BigFloat) in ["x": x, "y": y] }
                guard let exact = try? Evaluator.evaluate(de, at: at(point), precision: p),
                      let plus = try? Evaluator.evaluate(e, at: at(point + h), precision: p),
                      let minus = try? Evaluator.evaluate(e, at: at(point - h), precision: p),
                      exact.isFinite, plus.isFinite, minus.isFinite else { continue }
                let numeric = (plus - minus) / (two * h)
                let scale = max(1.0, Swift.abs(exact.doubleValue))
                let error = Swift.abs((numeric - exact).doubleValue) / scale
                if Swift.abs(exact.doubleValue) > 1e30 { continue }  // near a pole the difference quotient means nothing
                XCTAssertLessThan(error, 1e-15, "d/dx \(e) = \(de) at x = \(point.toString(digits: 20)): \(exact.toString(digits: 20)) vs \(numeric.toString(digits: 20))")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }
}

/// Seeded random real expressions in x and y, from the functions whose derivatives are checked.
struct Random {
    var rng: SplitMix64
    init(state: UInt64) { rng = SplitMix64(state: state) }
    mutating func next() -> UInt64 { rng.next() }
    mutating func below(_ n: Int) -> Int { rng.below(n) }

    mutating func expression(depth: Int) -> Expr {
        if depth == 0 || below(4) == 0 {
            switch below(5) {
            case 0: return .integer(below(9) + 1)
            case 1: return .symbol("y")
            default: return .symbol("x")
            }
        }
        let a = expression(depth: depth - 1)
        switch below(9) {
        case 0: return a + expression(depth: depth - 1)
        case 1: return a * expression(depth: depth - 1)
        case 2: return a / (expression(depth: depth - 1) + .integer(3))
        case 3: return Expr.pow(a, .integer(below(4) + 2))
        case 4: return Expr.pow(Expr.function(.exp, [a / .integer(5)]), .symbol("y"))
        default:
            let f: [BuiltinFunction] = [.sin, .cos, .tan, .atan, .sinh, .cosh, .tanh, .exp, .asinh, .cbrt]
            return Expr.function(f[below(f.count)], [a / .integer(below(5) + 2)])
        }
    }
}

final class DerivativeMatrixTests: XCTestCase {
    /// The Hessian's off-diagonal entry is ∂²e/∂x∂y, and equals ∂²e/∂y∂x in value (mixed partials
    /// commute): checked at a random point for random expressions. The Jacobian's rows are gradients.
    func testHessianAndJacobian() throws {
        var rng = Random(state: 5150)
        var checked = 0
        for _ in 0..<200 {
            let e = rng.expression(depth: 3)
            let h = try Derivative.hessian(e, by: ["x", "y"])
            let yx = try Derivative.of(e, by: ["y", "x"])
            let point = ["x": try BigFloat(Rational(7, 5), precision: 200), "y": try BigFloat(Rational(3, 4), precision: 200)]
            guard let a = try? Evaluator.evaluate(h[0][1], at: point, precision: 200),
                  let b = try? Evaluator.evaluate(yx, at: point, precision: 200), a.isFinite, b.isFinite else { continue }
            XCTAssertTrue(h[0][1] === h[1][0])
            let scale = max(1.0, Swift.abs(a.doubleValue))
            XCTAssertLessThan(Swift.abs((a - b).doubleValue) / scale, 1e-40, "\(e)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 150)
        let j = try Derivative.jacobian([.symbol("x") * .symbol("y"), .symbol("x") + .symbol("y")], by: ["x", "y"])
        XCTAssertEqual(j.map { $0.map(\.description) }, [["y", "x"], ["1", "1"]])
    }

    /// The power rule applied to a sum of monomials at once gives what the general product rule
    /// gives term by term.
    func testMonomialSumsAgreeWithTheProductRule() throws {
        var rng = SplitMix64(state: 23)
        let names = ["x", "y", "z", "w"]
        for _ in 0..<200 {
            let text = (0..<(rng.below(12) + 1)).map { _ in
                "\(rng.below(9) + 1)/\(rng.below(3) + 1)" + (0..<rng.below(4)).map { _ in "*\(rng.pick(names))^\(rng.below(5) - 1)" }.joined()
            }.joined(separator: " + ") + " + x"
            let e = try ExpressionParser.parse(text, options: ParseOptions(syntax: .plain)).expr
            let whole = try Derivative.of(e, by: "x")
            guard case let .add(c, terms) = e.kind else { continue }
            var memo: [Expr: Expr] = [:]
            var parts: [Expr] = [try Derivative.of(.number(c), by: "x")]
            for t in terms { parts.append(Expr.mul([.number(t.coefficient), try Derivative.d(t.expr, "x", .unlimited, &memo)])) }
            XCTAssertTrue(whole === Expr.add(parts), "\(e): \(whole) vs \(Expr.add(parts))")
        }
    }
    /// The power rule on products by merging factor lists gives the nodes the general product rule
    /// gives through the canonical constructors: random products (and sums of them) of powers of
    /// symbols, functions, sums (a Gaussian rational among them), with rational, float and symbolic
    /// exponents and coefficients.
    func testProductsAgreeWithTheGeneralProductRule() throws {
        var rng = SplitMix64(state: 41)
        let bases = ["x", "y", "sin(x*y)", "cos(x*y)", "exp(x^2)", "(1+x^2)", "(1+I)", "log(x)", "(x+y)", "pi", "sqrt(x)",
                     "exp(x^2+x)", "exp(x+1)", "exp(x/3)", "exp(2*x/3)"]
        let exponents = ["1", "2", "-1", "-3", "1/2", "-5/3", "y", "x", "2.5"]
        let coefficients = ["1", "3", "-2/7", "1.5"]
        func general(_ e: Expr) throws -> Expr {
            var memo: [Expr: Expr] = [:]
            var terms: [Expr] = []
            let factors: [Factor]
            switch e.kind {
            case let .mul(_, fs): factors = fs
            case let .pow(b, v): factors = [Factor(b, v)]
            default: return try Derivative.of(e, by: "x")
            }
            for f in factors {
                for part in try Derivative.logarithmicDerivative(f.base, f.exponent, "x", .unlimited, &memo) {
                    terms.append(Expr.mul([e, part]))
                }
            }
            return Expr.add(terms)
        }
        var checked = 0
        for _ in 0..<400 {
            func randomProduct() -> String {
                ([rng.pick(coefficients)] + (0..<(rng.below(4) + 1)).map { _ in
                    "\(rng.pick(bases))^(\(rng.pick(exponents)))"
                }).joined(separator: "*")
            }
            let product = randomProduct()
            let e = try ExpressionParser.parse(product, options: ParseOptions(syntax: .plain)).expr
            XCTAssertTrue(try Derivative.of(e, by: "x") === general(e), "\(e)")
            let sum = try ExpressionParser.parse(product + " + " + randomProduct() + " + x^3*y",
                                                 options: ParseOptions(syntax: .plain)).expr
            guard case let .add(c, terms) = sum.kind else { continue }
            // terms free of x add nothing (not even a float 0.0)
            let termwise = Expr.add([try Derivative.of(.number(c), by: "x")] + (try terms.compactMap {
                let dt = try general($0.expr)
                return dt.isZero ? nil : Expr.mul([.number($0.coefficient), dt])
            }))
            XCTAssertTrue(try Derivative.of(sum, by: "x") === termwise, "\(sum)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 300)
    }
}
