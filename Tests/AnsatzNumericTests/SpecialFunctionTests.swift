import Foundation
import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzNumeric
@testable import AnsatzParse
import TestSupport

/// The special functions' values: 50 digits against mpmath (Tests/fixtures/special-values.json,
/// made by make_special_values.py), the batch evaluator within 1 ulp of a 200-bit evaluation,
/// and derivatives against difference quotients.
final class SpecialFunctionTests: XCTestCase {
    func parse(_ text: String) throws -> Expr { try ExpressionParser.parse(text).expr }

    struct Fixture: Decodable {
        struct Case: Decodable { let expression: String; let value: String }
        let source: String
        let cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/special-values.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// A decimal as (negative, significant digits without leading zeros padded to `count`,
    /// decimal exponent of the first digit): "0.0123" and "1.23e-2" are the same.
    static func normalized(_ text: String, count: Int = 50) -> (Bool, String, Int)? {
        var s = Substring(text)
        let negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(s[s.index(after: e)...]) else { return nil }
            exponent = x
            s = s[..<e]
        }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        guard (whole + fraction).allSatisfy(\.isNumber) else { return nil }
        var digits = whole + fraction
        var point = whole.count + exponent  // digits before the decimal point
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        if digits.allSatisfy({ $0 == "0" }) { return (false, String(repeating: "0", count: count), 0) }
        digits = String(digits.prefix(count))
        digits += String(repeating: "0", count: count - digits.count)
        return (negative, digits, point - 1)
    }

    func testFiftyDigitsAgreeWithMpmath() throws {
        let fixture = try Self.fixture()
        XCTAssertGreaterThanOrEqual(fixture.cases.count, 50)
        var covered = Set<BuiltinFunction>()
        for c in fixture.cases {
            let e = try parse(c.expression)
            var stack = [e]
            while let node = stack.popLast() {
                if case let .function(.builtin(f), _) = node.kind { covered.insert(f) }
                stack += node.children
            }
            let (result, warnings) = try PointEvaluation.evaluate(e, at: [:], digits: 50)
            XCTAssertEqual(warnings.map(\.code), [], c.expression)
            guard let ours = Self.normalized(result.decimal), let theirs = Self.normalized(c.value) else {
                XCTFail("\(c.expression): unreadable \(result.decimal) or \(c.value)")
                continue
            }
            XCTAssertTrue(ours == theirs, "\(c.expression): \(result.decimal) against mpmath's \(c.value)")
        }
        // every special function has a case, but the step and the delta (exact values, folded on
        // reading) and the complex parts (ComplexModeTests)
        let special = Set(BuiltinFunction.allCases.filter { $0.entry.isSpecial })
            .subtracting([.diracDelta, .heaviside, .re, .im, .conjugate, .arg])
        XCTAssertEqual(special.subtracting(covered), [], "special functions without a 50-digit case")
    }

    /// Distance in units in the last place.
    func ulps(_ x: Double, _ exact: Double) -> Double {
        if x == exact { return 0 }
        guard x.isFinite, exact.isFinite, x.sign == exact.sign else { return .infinity }
        return abs(Double(Int64(bitPattern: x.bitPattern) - Int64(bitPattern: exact.bitPattern)))
    }

    /// Each special function over random points of its real domain: the batch value (Arb, point
    /// by point) within 1 ulp of the 200-bit value rounded to double.
    func testBatchWithinOneUlp() throws {
        var rng = SplitMix64(state: 14)
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(rng.below(1 << 40)) / Double(1 << 40) }
        // (expression in a and x, range of a, range of x)
        let cases: [(String, ClosedRange<Double>, ClosedRange<Double>)] = [
            ("gamma(x)", 0...0, -20.5...60), ("loggamma(x)", 0...0, 0.01...1e4), ("digamma(x)", 0...0, -10.5...100),
            ("polygamma(a, x)", 1...4, 0.1...50), ("beta(a, x)", 0.1...20, 0.1...20), ("factorial(x)", 0...0, 0...40),
            ("binomial(a, x)", 0...30, 0...15), ("zeta(x)", 0...0, -20...40), ("zeta(a, x)", 1.5...6, 0.1...10),
            ("polylog(a, x)", -2...4, -10...0.99), ("erf(x)", 0...0, -6...6), ("erfc(x)", 0...0, -3...26),
            ("erfi(x)", 0...0, -5...5), ("besselj(a, x)", -3...6, 0.01...60), ("bessely(a, x)", -3...6, 0.01...60),
            ("besseli(a, x)", -3...6, 0.01...60), ("besselk(a, x)", -3...6, 0.01...60), ("expint(a, x)", 0...5, 0.01...40),
            ("Ei(x)", 0...0, -40...40), ("elliptic_k(x)", 0...0, -50...0.999), ("elliptic_e(x)", 0...0, -50...1),
            ("lambertw(x)", 0...0, -0.36...1e6), ("heaviside(x)", 0...0, -1...1),
        ]
        var worst = 0.0
        for (text, aRange, xRange) in cases {
            let e = try parse(text)
            let n = 300
            // integer orders for polygamma, binomial's n and k left real
            let a = (0..<n).map { _ in text.hasPrefix("polygamma") ? uniform(aRange.lowerBound, aRange.upperBound).rounded() : uniform(aRange.lowerBound, aRange.upperBound) }
            let x = (0..<n).map { _ in uniform(xRange.lowerBound, xRange.upperBound) }
            let program = try BatchProgram.compile([e], inputs: ["a", "x"])
            let values = BatchEvaluator(program).run(columns: [a, x])[0]
            var maximum = 0.0
            for i in 0..<n {
                let exact = try? Evaluator.evaluate(e, at: ["a": BigFloat(a[i], precision: 200), "x": BigFloat(x[i], precision: 200)],
                                                    precision: 200, strict: true)
                guard let exact, exact.isFinite else {
                    XCTAssertTrue(values[i].isNaN || values[i].isInfinite, "\(text) at a=\(a[i]) x=\(x[i]): \(values[i]) where there is no finite real value")
                    continue
                }
                let u = ulps(values[i], exact.doubleValue)
                maximum = max(maximum, u)
                XCTAssertLessThanOrEqual(u, 1, "\(text) at a=\(a[i]) x=\(x[i]): \(values[i]) against \(exact.doubleValue)")
            }
            worst = max(worst, maximum)
        }
        print("special functions, batch: worst \(worst) ulps")
    }

    /// Each derivative in the catalog against a central difference at 200 bits.
    func testDerivativesAgreeWithDifferenceQuotients() throws {
        let cases: [(String, Double)] = [
            ("gamma(x)", 2.3), ("loggamma(x)", 4.1), ("digamma(x)", 1.7), ("polygamma(2, x)", 2.2), ("beta(x, 3/2)", 0.8),
            ("beta(5/2, x)", 1.9), ("factorial(x)", 3.3), ("binomial(x, 5/2)", 7.1), ("binomial(9/2, x)", 1.6),
            ("zeta(5/2, x)", 1.4), ("polylog(3, x)", 0.4), ("polylog(1/2, x)", -2.5), ("erf(x)", 0.6), ("erfc(x)", 1.2),
            ("erfi(x)", 0.9), ("besselj(1/3, x)", 2.5), ("bessely(2, x)", 3.5), ("besseli(3/2, x)", 1.1), ("besselk(1, x)", 0.7),
            ("expint(5/2, x)", 1.3), ("Ei(x)", -1.6), ("elliptic_k(x)", 0.3), ("elliptic_e(x)", -0.7), ("lambertw(x)", 2.6),
            ("heaviside(x^2 - 1)", 3),
        ]
        for (text, point) in cases {
            let e = try parse(text)
            let d = try Derivative.of(e, by: "x")
            let p = 200
            let h = try BigFloat(Rational(BigInt(1), try BigInt(10).power(20)), precision: p)
            let x0 = try BigFloat(point, precision: p)
            let up = try Evaluator.evaluate(e, at: ["x": x0 + h], precision: p, strict: true)
            let down = try Evaluator.evaluate(e, at: ["x": x0 - h], precision: p, strict: true)
            let two = try BigFloat(Rational(2), precision: p)
            let quotient = (up - down) / (two * h)
            let symbolic = try Evaluator.evaluate(d, at: ["x": x0], precision: p, strict: true)
            let scale = max(1, abs(symbolic.doubleValue))
            XCTAssertEqual(quotient.doubleValue, symbolic.doubleValue, accuracy: 1e-30 * scale, "\(text): d/dx = \(d)")
        }
        // no closed form by an order: refused, not guessed
        XCTAssertThrowsError(try Derivative.of(try parse("besselj(x, 1)"), by: "x"))
        XCTAssertThrowsError(try Derivative.of(try parse("zeta(x)"), by: "x"))
    }

    /// Every exact value the catalog folds is the kernel's value at 200 bits: the folds are
    /// theorems, not the tables' typos.
    func testExactValuesAreTheKernelsValues() throws {
        let cases: [(BuiltinFunction, [String])] = [
            (.gamma, ["5"]), (.gamma, ["1/2"]), (.gamma, ["-3/2"]), (.gamma, ["7/2"]), (.gamma, ["-11/2"]), (.loggamma, ["5"]),
            (.polygamma, ["1", "1"]), (.polygamma, ["4", "1"]), (.polygamma, ["0", "3"]), (.beta, ["2", "3"]),
            (.beta, ["1/2", "1/2"]), (.beta, ["7/3", "1"]), (.factorial, ["5"]), (.factorial, ["1/2"]), (.binomial, ["10", "3"]),
            (.binomial, ["-1", "2"]), (.binomial, ["-5", "3"]), (.binomial, ["4", "7"]), (.binomial, ["7/3", "1"]),
            (.zeta, ["2"]), (.zeta, ["4"]), (.zeta, ["12"]), (.zeta, ["30"]), (.zeta, ["0"]), (.zeta, ["-1"]), (.zeta, ["-2"]),
            (.zeta, ["-7"]), (.hurwitzZeta, ["3", "1"]), (.polylog, ["2", "1"]), (.polylog, ["2", "-1"]), (.polylog, ["5", "-1"]),
            (.polylog, ["2", "1/2"]), (.polylog, ["1", "1/3"]), (.polylog, ["0", "1/3"]), (.polylog, ["-1", "1/3"]),
            (.polylog, ["4", "1"]), (.erf, ["0"]), (.erfc, ["0"]), (.erfi, ["0"]), (.besselj, ["0", "0"]), (.besselj, ["2", "0"]),
            (.besselj, ["3/2", "0"]), (.besseli, ["0", "0"]), (.expint, ["3", "0"]), (.ellipticK, ["0"]), (.ellipticE, ["0"]),
            (.ellipticE, ["1"]), (.lambertw, ["0"]), (.lambertw, ["exp(1)"]), (.heaviside, ["2"]), (.heaviside, ["0"]),
            (.heaviside, ["-1/3"]), (.diracDelta, ["3"]),
        ]
        let p = 200
        for (f, texts) in cases {
            let args = try texts.map { try parse($0) }
            let call = "\(f.name)(\(texts.joined(separator: ", ")))"
            guard let folded = f.entry.exactValue(args) else {
                XCTFail("\(call) has no exact value")
                continue
            }
            let xs = try args.map { try Evaluator.evaluate($0, at: [:], precision: p) }
            let (kernel, outcome) = f.entry.realValue(xs, precision: p, maxPrecision: 4 * p)
            guard let kernel else {
                XCTFail("\(call): the kernel says \(outcome)")
                continue
            }
            let exact = try Evaluator.evaluate(folded, at: [:], precision: p)
            let difference = (kernel - exact).abs.doubleValue
            XCTAssertLessThanOrEqual(difference, 1e-55 * max(1, abs(exact.doubleValue)), "\(call) = \(folded)")
        }
    }

    /// Arguments outside the real domain are refused with the function's domain, not NaN.
    func testOutsideTheRealDomainIsAnError() throws {
        for text in ["loggamma(-1/2)", "gamma(-2)", "polylog(2, 3)", "besselk(1, -2)", "elliptic_k(2)", "lambertw(-1)", "dirac_delta(0)",
                     "zeta(1)"] {
            XCTAssertThrowsError(try PointEvaluation.evaluate(try parse(text), at: [:]), text) { error in
                let d = error as? Diagnostic
                XCTAssertEqual(d?.code, "E-EVAL-DOMAIN", text)
                XCTAssertNotNil(d?.hint, text)
            }
        }
    }

    /// A settled value is confirmed by ball arithmetic: right digits are proven, wrong ones are not.
    func testDigitsAreProvenByBalls() throws {
        let e = try parse("zeta(3) + gamma(1/3)")
        XCTAssertTrue(PointEvaluation.proves(e, "3.880995437867342", digits: 16, bits: 80, budget: .unlimited))
        XCTAssertFalse(PointEvaluation.proves(e, "3.880995437867343", digits: 16, bits: 80, budget: .unlimited))
        // and the evaluator says nothing when they are
        let (result, warnings) = try PointEvaluation.evaluate(try parse("exp(pi*sqrt(163)) - 262537412640768744"), at: [:], digits: 20)
        XCTAssertEqual(warnings.map(\.code), [])
        XCTAssertEqual(result.decimal, "-7.4992740280181431112e-13")
    }

    /// Series where they follow, against the textbook expansions (DLMF 10.2.2, 10.25.2, 25.12.10,
    /// 4.13.5, 7.6.1, 5.7.3) and the poles refused.
    func testSeries() throws {
        let cases: [(String, String)] = [
            ("besselj(0, x)", "1 - x^2/4 + x^4/64"), ("besseli(1, x)", "x/2 + x^3/16"),
            ("polylog(2, x)", "x + x^2/4 + x^3/9 + x^4/16"), ("lambertw(x)", "x - x^2 + 3*x^3/2 - 8*x^4/3"),
            ("erf(x)", "2*x/sqrt(pi) - 2*x^3/(3*sqrt(pi))"),
            ("1/gamma(1 + x)", "1 - x*digamma(1) + x^2*(digamma(1)^2/2 - pi^2/12) + x^3*(zeta(3)/3 + pi^2*digamma(1)/12 - digamma(1)^3/6) + x^4*(pi^4/1440 + digamma(1)^4/24 - pi^2*digamma(1)^2/24 - zeta(3)*digamma(1)/3)"),
        ]
        for (input, expected) in cases {
            let s = try Series.expand(try parse(input), in: "x", order: 5)
            let difference = try Expand.expand(s.value - (try parse(expected)))
            XCTAssertTrue(difference.isZero, "\(input): \(s.value), not \(expected)")
        }
        for pole in ["gamma(x)", "zeta(1 + x)", "digamma(x)"] {
            XCTAssertThrowsError(try Series.expand(try parse(pole), in: "x", order: 3), pole)
        }
        XCTAssertThrowsError(try Series.expand(try parse("besselj(x, 1)"), in: "x", order: 3))  // in the order: refused
    }
}
