import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzNumeric
@testable import AnsatzParse
import TestSupport

/// Complex mode: exact Gaussian arithmetic, re/im/conjugate/arg/abs folded under assumptions
/// (each fold checked at random points against the unfolded call's Arb kernel), and complex
/// evaluation with proven digits (against mpmath 1.3.0 at 40 digits).
final class ComplexModeTests: XCTestCase {
    func complex(_ text: String, assume: [String: Assumptions] = [:]) throws -> Expr {
        var options = ParseOptions(syntax: .plain)
        options.complex = true
        options.assumptions = assume
        return try ExpressionParser.parse(text, options: options).expr
    }

    func testExactValues() throws {
        let real: [String: Assumptions] = ["s": [.real], "M": [.real], "G": [.real], "x": [.real], "y": [.real], "w": [.real], "t": [.real]]
        let cases: [(String, String)] = [
            ("exp(i*pi)", "-1"), ("1/(1 + i)", "1/2 - i/2"), ("sqrt(-4)", "2*i"), ("abs(3 + 4*i)", "5"), ("(1 + i)^8", "16"),
            ("(-8)^(1/3)", "1 + sqrt(3)*i"), ("(2 - 3*i)^(-2)", "-5/169 + 12*i/169"),
            ("abs(1/(s - M^2 + i*M*G))^2", "1/((s - M^2)^2 + M^2*G^2)"),
            ("re(exp(i*w*t))", "cos(w*t)"), ("im(exp(i*w*t))", "sin(w*t)"), ("conjugate(x + i*y)", "x - i*y"),
            ("re((1 + 2*i)^2)", "-3"), ("im(x)", "0"), ("conjugate(conjugate(z))", "z"), ("arg(1 + i)", "pi/4"),
            ("arg(-1 - i)", "-3*pi/4"), ("arg(-2)", "pi"), ("arg(i)", "pi/2"), ("abs(i*x*y)", "abs(x)*abs(y)"),
            ("abs(exp(i*x))", "1"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(try complex(input, assume: real), try complex(expected, assume: real), input)
        }
        // exponentials paired into cos and sin by simplify (valid for every complex x)
        XCTAssertEqual(try Simplify.simplify(try complex("(exp(i*x) + exp(-i*x))/2")).value, try complex("cos(x)"))
        XCTAssertEqual(try Simplify.simplify(try complex("(exp(i*x) - exp(-i*x))/(2*i)")).value, try complex("sin(x)"))
        // without assumptions nothing is assumed real
        XCTAssertEqual(try complex("re(x + i*y)").description, "re(x + I*y)")
    }

    /// Each fold against the kernel of the unfolded call at random real points (the parts are
    /// only known for real symbols): ball evaluation of both at 128 bits must overlap.
    func testFoldsAgreeWithTheKernelsAtRandomPoints() throws {
        let real: [String: Assumptions] = ["a": [.real], "b": [.real], "c": [.real]]
        let cases: [(BuiltinFunction, String)] = [
            (.abs, "1/(a - b^2 + i*b*c)"), (.abs, "(a + i*b)^3*c"), (.abs, "exp(i*a)*b"), (.re, "exp(i*a*b)"), (.im, "exp(c + i*a)"),
            (.re, "1/(a + i*b)"), (.im, "1/(a + i*b)"), (.conjugate, "a*b + i*c"), (.conjugate, "1/(a - i*c)"), (.arg, "3 - 4*i"),
            (.abs, "(2 + i)^5"), (.re, "(a + i)^2"),
        ]
        var rng = SplitMix64(state: 77)
        for (f, text) in cases {
            let argument = try complex(text, assume: real)
            let folded = Expr.function(f, [argument])
            XCTAssertNotEqual(folded, Expr.intern(.function(.builtin(f), [argument])), "\(f.name)(\(text)) did not fold")
            let unfolded = Expr.intern(.function(.builtin(f), [argument]))
            for _ in 0..<20 {
                var drawn: [String: Rational] = [:]
                for name in ["a", "b", "c"] { drawn[name] = (try? Rational(Int(rng.below(2001)) - 1000, 97)) ?? .one }
                let point = drawn
                let value: @Sendable (Expr) -> ComplexBall? = { e in
                    guard case let .symbol(s) = e.kind, let q = point[s.name] else { return nil }
                    return ComplexBall(q, precision: 128)
                }
                guard let x = try? BallEvaluation.evaluate(unfolded, precision: 128, value: value),
                      let y = try? BallEvaluation.evaluate(folded, precision: 128, value: value) else { continue }  // a pole
                let difference = x.minus(y, precision: 128)
                XCTAssertTrue(difference.containsZero, "\(f.name)(\(text)) = \(folded) at \(point): \(x.decimal()) against \(y.decimal())")
            }
        }
    }

    func testComplexValuesAgreeWithMpmath() throws {
        // mpmath 1.3.0, mp.dps = 40
        let cases: [(String, String)] = [
            ("gamma(1 + i)", "0.4980156681183560427136911 - 0.1549498283018106851249551*I"),
            ("besselk(1, 1 + 2*i)", "-0.3003622555979414051258616 - 0.1511862121880112240333747*I"),
            ("i^i", "0.2078795763507619085469556"),
            ("log(-2)", "0.6931471805599453094172321 + 3.141592653589793238462643*I"),
            ("zeta(1/2 + i)", "0.1439364270771890603243897 - 0.7220997435316730891261751*I"),
            ("polylog(2, 2)", "2.467401100272339654708623 - 2.177586090303602130500689*I"),
            ("erf(1 + i)", "1.316151281697947644880271 + 0.1904534692378346862841089*I"),
        ]
        for (input, expected) in cases {
            let (result, warnings) = try PointEvaluation.evaluate(try complex(input), at: [:], digits: 25, complex: true)
            XCTAssertEqual(result.decimal, expected, input)
            XCTAssertEqual(warnings.map(\.code), [], input)
        }
        let (exact, _) = try PointEvaluation.evaluate(try complex("1/(1 + i)"), at: [:], complex: true)
        XCTAssertEqual(exact.decimal, "0.5 - 0.5*I")
        XCTAssertEqual(exact.exact, try complex("1/2 - i/2"))
        // a part that is 0 but not provably so is a bound with a warning, never digits
        let (unsettled, warnings) = try PointEvaluation.evaluate(try complex("exp(i*pi/7)^7"), at: [:], digits: 10, complex: true)
        XCTAssertTrue(unsettled.decimal.hasPrefix("-1.000000000 + (|im| < "), unsettled.decimal)
        XCTAssertEqual(warnings.map(\.code), ["W-EVAL-UNSETTLED"])
    }

    func testRealModeHintsAtComplexMode() throws {
        for text in ["cos(sqrt(-1))", "loggamma(-1/2)"] {
            XCTAssertThrowsError(try PointEvaluation.evaluate(try ExpressionParser.parse(text).expr, at: [:]), text) { error in
                XCTAssertTrue((error as? Diagnostic)?.hint?.contains("complex mode") == true, "\(text): \(error)")
            }
        }
    }
}
