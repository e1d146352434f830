import TestSupport
import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzParse

/// Issue 11, class 5: the constructors know exact values, and every one they fold agrees with
/// MPFR at 200 bits (the function applied to a 200-bit π, not the closed form).
final class ExactValueTests: XCTestCase {
    /// n = k^q · rest with rest free of q-th powers of the small primes, whatever n: checked
    /// against trial division over every small prime (the search stops early once p^q passes
    /// what is left).
    func testPerfectPowersComeOutOfRadicands() {
        var rng = SplitMix64(state: 17)
        for _ in 0..<3000 {
            let q = 2 + rng.below(4)
            let n = [1 + rng.below(1_000_000), (1 + rng.below(30)) * (1 + rng.below(40)) * (1 + rng.below(50)),
                     Int(pow(Double(1 + rng.below(40)), Double(q))) * (1 + rng.below(1000))][rng.below(3)]
            let (k, rest) = ExactValues.extractPower(BigInt(n), q)
            guard let kk = k.intValue, let r = rest.intValue else { return XCTFail("\(n)") }
            var power = 1
            for _ in 0..<q { power *= kk }
            XCTAssertEqual(power * r, n, "\(n), q = \(q)")
            for p in ExactValues.smallPrimes {
                var pq = 1
                for _ in 0..<q { pq *= p }
                if pq > r { break }
                XCTAssertNotEqual(r % pq, 0, "\(n) = \(kk)^\(q) * \(r): \(p)^\(q) divides \(r)")
            }
        }
    }

    func value(_ e: Expr) throws -> BigFloat { try Evaluator.evaluate(e, at: [:], precision: 200) }

    func assertClose(_ a: BigFloat, _ b: BigFloat, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        let difference = (a - b).abs.doubleValue
        XCTAssertLessThan(difference, 1e-50, message, file: file, line: line)
    }

    /// Evaluates f(qπ) through MPFR's own function of a float argument, never through the table.
    func reference(_ f: BuiltinFunction, _ q: Rational) throws -> BigFloat {
        let x = try BigFloat(q, precision: 200) * (try BigFloat.pi(precision: 200))
        let s = x.sin, c = x.cos
        switch f {
        case .sin: return s
        case .cos: return c
        case .tan: return s / c
        case .cot: return c / s
        case .sec: return try BigFloat(1.0, precision: 200) / c
        default: return try BigFloat(1.0, precision: 200) / s
        }
    }

    func testTrigonometricValuesAtRationalMultiplesOfPi() throws {
        var folded = 0
        for n in [1, 2, 3, 4, 5, 6, 8, 10, 12] {
            for k in -30...30 {
                let q = try Rational(k, n)
                let argument = Expr.rational(q) * .pi
                for f in [BuiltinFunction.sin, .cos, .tan, .cot, .sec, .csc] {
                    let e = Expr.function(f, [argument])
                    if case .function = e.kind { continue }  // not folded (a pole, or no closed form)
                    folded += 1
                    assertClose(try value(e), try reference(f, q), "\(f)(\(q)π) = \(e)")
                }
            }
        }
        XCTAssertGreaterThan(folded, 1500)
        // the forms a reader expects
        XCTAssertEqual(try ExpressionParser.parse("sin(pi)").expr, .zero)
        XCTAssertEqual(try ExpressionParser.parse("cos(pi)").expr.description, "-1")
        XCTAssertEqual(try ExpressionParser.parse("tan(pi/6)").expr.description, "sqrt(3)/3")
        XCTAssertEqual(try ExpressionParser.parse("cos(pi/12)").expr.description, "sqrt(2)/4 + sqrt(6)/4")
        XCTAssertEqual(try ExpressionParser.parse("tan(pi/2)").expr.description, "tan(pi/2)")  // a pole stays
    }

    func testInverseFunctionsAtTheTableValues() throws {
        var checked = 0
        for (v, _) in ExactValues.asinTable {
            for f in [BuiltinFunction.asin, .acos] {
                let e = Expr.function(f, [v])
                XCTAssertNil({ if case .function = e.kind { return e } else { return nil } }(), "\(f)(\(v)) folds")
                let x = try value(v)
                assertClose(try value(e), f == .asin ? x.asin : x.acos, "\(f)(\(v)) = \(e)")
                checked += 1
            }
        }
        for (v, _) in ExactValues.atanTable {
            let e = Expr.function(.atan, [v])
            assertClose(try value(e), try value(v).atan, "atan(\(v)) = \(e)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 40)
    }

    func testRadicalsLosePerfectPowers() throws {
        var rng = SplitMix64(state: 11)
        for _ in 0..<600 {
            let base = try Rational(rng.below(2000) + 1, rng.below(300) + 1)
            let q = rng.below(4) + 2, p = rng.below(9) - 4
            guard p != 0, let exponent = try? Rational(p, q) else { continue }
            let e = Expr.pow(.rational(base), .rational(exponent))
            let reference = (try BigFloat(base, precision: 200)).power(try BigFloat(exponent, precision: 200))
            assertClose(try value(e), reference, "(\(base))^(\(exponent)) = \(e)")
            // no radicand keeps a square (cube, ...) of a small prime
            if case let .mul(_, factors) = e.kind {
                for f in factors {
                    guard let r = f.base.rationalValue, let x = f.exponent.rationalValue, !x.isInteger,
                          let d = x.denominator.intValue else { continue }
                    XCTAssertTrue(r.isInteger, "\(e): the denominator moved out of the radical")
                    for prime in [2, 3, 5, 7] {
                        let power = try BigInt(prime).power(d)
                        XCTAssertFalse(try r.numerator % power == 0, "\(e) keeps \(prime)^\(d) under the radical")
                    }
                }
            }
        }
        XCTAssertEqual(try ExpressionParser.parse("sqrt(8)").expr.description, "2*sqrt(2)")
        XCTAssertEqual(try ExpressionParser.parse("sqrt(3/4)").expr.description, "sqrt(3)/2")
        XCTAssertEqual(try ExpressionParser.parse("sqrt(1/2)").expr.description, "sqrt(2)/2")
    }

    func testExponentialOfImaginaryMultiplesOfPi() throws {
        let options = ParseOptions(complex: true)
        XCTAssertEqual(try ExpressionParser.parse("exp(I*pi)", options: options).expr.description, "-1")
        XCTAssertEqual(try ExpressionParser.parse("exp(I*pi/2)", options: options).expr.description, "I")
        XCTAssertEqual(try ExpressionParser.parse("exp(2*I*pi/3)", options: options).expr.description, "sqrt(3)*I/2 - 1/2")
    }
}
