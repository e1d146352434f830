import XCTest
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzParse

/// The function catalog: complete, every spelling read as its function, every function printed
/// in a form that reads back, and Greek names read as letters unless called.
final class FunctionCatalogTests: XCTestCase {
    func plain(_ text: String) throws -> Expr { try ExpressionParser.parse(text, options: ParseOptions(syntax: .plain)).expr }
    func latex(_ text: String) throws -> Expr { try ExpressionParser.parse(text, options: ParseOptions(syntax: .latex)).expr }

    func code(_ body: () throws -> Expr) -> String? {
        do { _ = try body(); return nil } catch let d as Diagnostic { return d.code } catch { return "\(error)" }
    }

    /// Symbolic arguments, so that nothing folds: f(x) or f(a, x).
    func call(_ f: BuiltinFunction) -> Expr {
        Expr.function(f, f.arity == 1 ? [.symbol("x")] : [.symbol("a"), .symbol("x")])
    }

    func testEveryFunctionHasAnEntryAndAKernel() throws {
        var seen = Set<String>()
        for f in BuiltinFunction.allCases {
            let e = f.entry
            XCTAssertEqual(e.function, f)
            XCTAssertFalse(e.name.hasPrefix("missing_"), "\(f) has no catalog entry")
            XCTAssertFalse(e.about.isEmpty || e.realDomain.isEmpty, "\(f)")
            XCTAssertTrue(seen.insert("\(e.name)/\(e.arity)").inserted, "\(e.name) with \(e.arity) arguments twice")
            XCTAssertEqual(e.partialDerivatives(call(f).children).count, f.arity)
            // the kernel exists and takes this many arguments (a wrong id or arity is .badKernel)
            let args = try (0..<f.arity).map { _ in try BigFloat(Rational(3, 10), precision: 64) }
            XCTAssertNotEqual(e.realValue(args, precision: 64, maxPrecision: 256).1, .badKernel, "\(f)")
        }
    }

    func testEverySpellingReadsAsItsFunction() throws {
        for f in BuiltinFunction.allCases {
            for spelling in [f.name] + f.entry.aliases.map(\.name) {
                let leading = f.entry.aliases.first { $0.name == spelling }?.leading ?? []
                let written = f.arity - leading.count
                let args = ["a", "x"].suffix(written).joined(separator: ", ")
                let e = try plain("\(spelling)(\(args))")
                guard case let .function(.builtin(g), xs) = e.kind else { XCTFail("\(spelling): \(e)"); continue }
                XCTAssertEqual(g, f, spelling)
                XCTAssertEqual(xs.count, f.arity, spelling)
            }
        }
    }

    func testEveryFunctionPrintsInAFormThatReadsBack() throws {
        for f in BuiltinFunction.allCases {
            let e = call(f)
            XCTAssertEqual(try plain(e.description), e, "text: \(e.description)")
            XCTAssertEqual(try latex(LaTeXPrinter.print(e)), e, "LaTeX: \(LaTeXPrinter.print(e))")
            XCTAssertEqual(try JSONExprReader.expr(fromJSON: JSONPrinter.json(e).serialized()), e, "JSON")
        }
        XCTAssertEqual(LaTeXPrinter.print(try plain("gamma(x)")), "\\operatorname{\\Gamma}\\left(x\\right)")
        XCTAssertEqual(LaTeXPrinter.print(try plain("zeta(s, a)")), "\\operatorname{\\zeta}\\left(s, a\\right)")
    }

    func testGreekNamesAreLettersUnlessCalled() throws {
        XCTAssertEqual(try plain("gamma"), Expr.symbol("gamma"))
        XCTAssertEqual(try plain("2*beta + zeta"), Expr.integer(2) * .symbol("beta") + .symbol("zeta"))
        XCTAssertEqual(try plain("gamma(x)"), Expr.function(.gamma, [.symbol("x")]))
        XCTAssertEqual(try plain("gamma*(x)"), Expr.symbol("gamma") * .symbol("x"))
        XCTAssertEqual(code { try plain("gamma (x)") }, "E-PARSE-AMBIGUOUS")
        XCTAssertEqual(try latex("\\zeta(3)"), Expr.function(.zeta, [.integer(3)]))
        XCTAssertEqual(try latex("\\operatorname{\\Gamma}(x)"), Expr.function(.gamma, [.symbol("x")]))
        XCTAssertEqual(try latex("\\operatorname{erf}(x) + \\operatorname{Li2}(x)"),
                       Expr.function(.erf, [.symbol("x")]) + Expr.function(.polylog, [.integer(2), .symbol("x")]))
        // \gamma(v) is a Lorentz factor as often as Γ; \Gamma(s) a width as often as the function
        XCTAssertEqual(code { try latex("\\gamma(x)") }, "E-PARSE-AMBIGUOUS")
        XCTAssertEqual(code { try latex("\\beta(a, b)") }, "E-PARSE-AMBIGUOUS")
        XCTAssertEqual(code { try latex("\\Gamma(x)") }, "E-PARSE-UNSUPPORTED-FUNCTION")
        XCTAssertEqual(code { try plain("Gamma(x)") }, "E-PARSE-UNSUPPORTED-FUNCTION")
        // \left( is as much a call as (; TeX ignores spaces, so a spaced bracket is no product either
        XCTAssertEqual(code { try latex("\\Gamma\\left(\\frac12\\right)") }, "E-PARSE-AMBIGUOUS")
        XCTAssertEqual(try latex("\\zeta\\left(3\\right)"), Expr.function(.zeta, [.integer(3)]))
        XCTAssertEqual(code { try latex("\\zeta \\left(3\\right)") }, "E-PARSE-AMBIGUOUS")
        XCTAssertEqual(try latex("x\\left(y + 1\\right)"), Expr.symbol("x") * (Expr.symbol("y") + .one))
        // so the printer writes the product of a function-like letter and a bracket with \cdot
        let product = Expr.symbol("zeta") * (Expr.symbol("x") + .one)
        XCTAssertEqual(LaTeXPrinter.print(product), "\\zeta \\cdot \\left(x + 1\\right)")
        XCTAssertEqual(try latex(LaTeXPrinter.print(product)), product)
        // a function's name alone is an error, not a symbol
        XCTAssertEqual(code { try plain("erf + 1") }, "E-PARSE-UNEXPECTED")
        XCTAssertEqual(code { try plain("besselk(1)") }, "E-PARSE-ARITY")
        XCTAssertEqual(code { try plain("zeta(1, 2, 3)") }, "E-PARSE-ARITY")
    }
}
