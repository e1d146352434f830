import XCTest
@testable import AnsatzCore
@testable import AnsatzParse

/// One line per fact, egg-style: input => canonical plain text. Expected values worked out by hand.
final class ParserTests: XCTestCase {
    func check(_ cases: [(String, String)], options: ParseOptions = ParseOptions(), file: StaticString = #filePath, line: UInt = #line) {
        for (input, expected) in cases {
            do {
                let result = try ExpressionParser.parse(input, options: options)
                XCTAssertEqual(result.expr.description, expected, "parsing \(input)", file: file, line: line)
            } catch {
                XCTFail("parsing \(input) threw \(error)", file: file, line: line)
            }
        }
    }

    func testPlainArithmetic() {
        check([
            ("1 + 2*3", "7"),
            ("2^10", "1024"),
            ("2**10", "1024"),
            ("2^3^2", "512"),
            ("-2^2", "-4"),
            ("(-2)^2", "4"),
            ("x - (x + y)", "-y"),
            ("a - b - c", "a - b - c"),
            ("a/b/c", "a/(b*c)"),
            ("a/b*c", "a*c/b"),
            ("x^-2", "1/x^2"),
            ("2^-1", "1/2"),
            ("--x", "x"),
            ("+x", "x"),
            ("[a + b]*{c}", "c*(a + b)"),
            ("x*x*x/x", "x^2"),
            ("(x + 1)*(x + 1)", "(x + 1)^2"),
            ("2*(x + 1)", "2*x + 2"),
            ("0.1 + 0.2", "3/10"),
            ("6.674e-11", "3337/50000000000000"),
            ("1.5E3", "1500"),
            ("123456789012345678901234567890 + 1", "123456789012345678901234567891"),
            ("2^(10^20)", "2^100000000000000000000"),
            ("1e1000000000", "10^1000000000"),
            ("x = y + 1", "x = y + 1"),
            ("x <= 2", "x <= 2"),
            ("x >= 2", "x >= 2"),
            ("x < 2", "x < 2"),
            ("x > 2", "x > 2"),
        ])
    }

    func testImplicitMultiplication() {
        check([
            ("2x", "2*x"),
            ("2 x y", "2*x*y"),
            ("2(x + 1)", "2*x + 2"),
            ("(a + b)(a - b)", "(a - b)*(a + b)"),
            ("2x^2", "2*x^2"),
            ("x^2y", "x^2*y"),
            ("2 m c^2", "2*c^2*m"),
            ("x (y + 1)", "x*(y + 1)"),
            ("2 pi r", "2*pi*r"),
        ])
    }

    func testNamesAndConstants() {
        check([
            ("m_t + m_t", "2*m_t"),
            ("m_{t}", "m_t"),
            ("m_{\\tilde t} + m_{\\tilde{t}}", "2*m_{\\tilde{t}}"),
            ("x1*x2", "x1*x2"),
            ("alpha + α", "2*alpha"),
            ("\\alpha + alpha", "2*alpha"),
            ("varepsilon - ε", "0"),
            ("π", "pi"),
            ("E", "E"),
            ("exp(1)", "exp(1)"),
            ("e", "e"),
            ("i", "i"),
            ("'E' + E", "2*E"),  // E is a symbol, quoted or not
            ("ħ", "hbar"),
            ("sigma_tot", "sigma_tot"),
            ("x²", "x^2"),
            ("x⁻¹", "1/x"),
            ("a·b × c", "a*b*c"),
            ("a − b", "a - b"),
        ])
        var complex = ParseOptions()
        complex.complex = true
        check([("i^2", "-1"), ("I^3", "-I"), ("i*i*i*i", "1")], options: complex)
    }

    func testFunctions() {
        check([
            ("sin(0) + cos(0)", "1"),
            ("ln(x)", "log(x)"),
            ("arcsin(x)", "asin(x)"),
            ("sqrt(4)", "2"),
            ("sqrt(8)", "2*sqrt(2)"),
            ("sqrt(x)^2", "x"),
            ("sqrt(x^2)", "sqrt(x^2)"),
            ("cbrt(-27)", "-3"),
            ("atan2(y, x)", "atan2(y, x)"),
            ("abs(-3)", "3"),
            ("|x|", "abs(x)"),
            ("|x| |y|", "abs(x)*abs(y)"),
            ("log(exp(1))", "1"),
            ("log(E)", "log(E)"),
            ("exp(log(x))", "x"),
            ("sin (x)", "sin(x)"),
            ("exp(-(theta/sigma)**2/2)/(sqrt(2*pi)*sigma)", "sqrt(2)*exp(-theta^2/(2*sigma^2))/(2*sqrt(pi)*sigma)"),
        ])
        var declared = ParseOptions()
        declared.functions = ["f", "g"]
        check([("f(x) + f(x)", "2*f(x)"), ("g(x, y)", "g(x, y)"), ("f(sin(x))", "f(sin(x))")], options: declared)
    }

    func testAssumptionsReachSymbols() throws {
        var options = ParseOptions()
        options.assumptions = ["p": .positive]
        check([("sqrt(p^2)", "p"), ("sqrt(x^2)", "sqrt(x^2)"), ("abs(p)", "p")], options: options)
        let p = try ExpressionParser.parse("p", options: options).expr
        XCTAssertEqual(p, Expr.symbol("p", .positive))
    }

    func testQuantities() {
        check([
            ("91.1876 GeV", "91.1876 GeV"),
            ("3 fb^-1", "3 fb^-1"),
            ("9.81 m/s^2", "9.81 m/s^2"),
            ("9.81 m*s^-2", "9.81 m/s^2"),
            ("1 kg m^2/s^2", "unit(kg*m^2/s^2)"),
            ("2 m^2", "2 m^2"),
            ("13 TeV + 1 TeV", "14 TeV"),
            ("x*unit(GeV)", "x*unit(GeV)"),
            ("(2 m)*c", "2*c*unit(m)"),
            ("3 m⁻¹", "3 m^-1"),
            ("1.5 µm", "1.5 µm"),
            ("2 m^(1/2)", "2 m^(1/2)"),
        ])
    }

    func testLaTeX() {
        check([
            ("\\frac{G_F^2 m_\\mu^5}{192\\pi^3}", "G_F^2*m_mu^5/(192*pi^3)"),
            ("\\frac{1}{2}x", "x/2"),
            ("\\frac12", "1/2"),
            ("\\dfrac{a}{b} + \\tfrac{a}{b}", "2*a/b"),
            ("\\sqrt{x}\\sqrt{x}", "x"),
            ("\\sqrt[3]{-8}", "-2"),
            ("\\sqrt[4]{x}", "x^(1/4)"),
            ("x^{23}", "x^23"),
            ("2 \\cdot 3 \\times 4", "24"),
            ("\\left( a + b \\right)^{2}", "(a + b)^2"),
            ("\\left[ a \\right] + \\left\\{ b \\right\\}", "a + b"),
            ("\\alpha \\beta", "alpha*beta"),
            ("\\sin x", "sin(x)"),
            ("\\sin^2 x + \\cos^2 x", "cos(x)^2 + sin(x)^2"),
            ("\\sin 2x", "sin(2*x)"),
            ("\\sin x \\cos y", "cos(y)*sin(x)"),
            ("\\sin(x) y", "y*sin(x)"),
            ("\\ln x", "log(x)"),
            ("\\log_{10} x", "log10(x)"),
            ("\\log_2 8", "log(8)/log(2)"),
            ("\\exp{x}", "exp(x)"),
            ("e^{-x^2}", "exp(-x^2)"),
            ("e^2", "e^2"),
            ("\\mathrm{e}^{x}", "exp(x)"),
            ("91.1876\\,\\mathrm{GeV}", "91.1876 GeV"),
            ("3\\,\\text{fb}^{-1}", "3 fb^-1"),
            ("9.81\\,\\mathrm{m/s^2}", "9.81 m/s^2"),
            ("13\\,TeV", "13 TeV"),
            ("E_{\\mathrm{cm}}", "E_cm"),
            ("\\sigma_{\\mathrm{tot}}", "sigma_tot"),
            ("\\tilde{m}_1 + \\tilde m_1", "2*\\tilde{m}_1"),
            ("\\bar{\\psi}\\psi", "\\bar{psi}*psi"),
            ("m_{\\tilde{t}}", "m_{\\tilde{t}}"),
            ("\\hat{p}", "\\hat{p}"),
            ("\\vec{v}", "\\vec{v}"),
            ("$x^2$", "x^2"),
            ("$$x^2$$", "x^2"),
            ("\\[x^2\\]", "x^2"),
            ("\\(x^2\\)", "x^2"),
            ("\\left| x \\right|", "abs(x)"),
            ("a \\le b", "a <= b"),
            ("a \\geq b", "a >= b"),
            ("\\pi r^2", "pi*r^2"),
            ("2\\pi", "2*pi"),
            ("\\frac{\\partial}{1}", "ERROR"),
        ].filter { $0.1 != "ERROR" })
    }

    func testLaTeXLettersMultiply() {
        // TeX semantics: a run of letters is a product of one-letter symbols; E is a symbol (energy)
        check([("mc^2", "c^2*m"), ("E = mc^2", "E = c^2*m"), ("xy + yx", "2*x*y"), ("\\frac{ab}{b}", "a")],
              options: ParseOptions(syntax: .latex))
    }

    func testSyntaxDetection() throws {
        XCTAssertEqual(try ExpressionParser.parse("x^2 + theta").syntax, .plain)
        XCTAssertEqual(try ExpressionParser.parse("m_{\\tilde t} + \\alpha").syntax, .plain)
        XCTAssertEqual(try ExpressionParser.parse("\\frac{1}{2}").syntax, .latex)
        XCTAssertEqual(try ExpressionParser.parse("x^{2}").syntax, .latex)
        XCTAssertEqual(try ExpressionParser.parse("$x$").syntax, .latex)
        // plain syntax on demand: `theta` is one name, not t*h*e*t*a
        XCTAssertEqual(try ExpressionParser.parse("theta", options: ParseOptions(syntax: .plain)).expr.description, "theta")
        let latexTheta = try ExpressionParser.parse("theta", options: ParseOptions(syntax: .latex))
        XCTAssertEqual(latexTheta.expr.description, "theta")
        XCTAssertEqual(latexTheta.warnings.first?.code, "W-PARSE-GREEK-WORD")
    }

    func testFloatsOnRequest() throws {
        var options = ParseOptions()
        options.floatPrecision = 53
        XCTAssertEqual(try ExpressionParser.parse("0.1", options: options).expr.description, "0.1`53")
        XCTAssertEqual(try ExpressionParser.parse("0.1`100").expr.description, "0.1`100")
        XCTAssertEqual(try ExpressionParser.parse("0.5`53 + 1/2").expr.description, "1.0`53")
    }

    func testWarnings() throws {
        XCTAssertEqual(try ExpressionParser.parse("2 m").warnings.map(\.code), ["W-PARSE-UNIT"])
        XCTAssertEqual(try ExpressionParser.parse("2 GeV").warnings.map(\.code), [])
        // one rule in both languages for e to a power, a warning with the caret on the e
        for text in ["e^(-x)", "e^{-x}", "2*e^(-x^2/2)"] {
            let parsed = try ExpressionParser.parse(text)
            XCTAssertEqual(parsed.warnings.map(\.code), ["W-PARSE-EULER"], text)
            XCTAssertTrue(parsed.expr.description.contains("exp("), text)
            let e = text.unicodeScalars.firstIndex(of: "e").map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) }
            XCTAssertEqual(parsed.warnings.first?.span, SourceSpan(e ?? -1, (e ?? -1) + 1), text)
        }
        XCTAssertEqual(try ExpressionParser.parse("e^(-1)").warnings.map(\.code), ["W-PARSE-E-SYMBOL"])
        XCTAssertEqual(try ExpressionParser.parse("e^2", options: ParseOptions(syntax: .latex)).warnings.map(\.code), [])  // the charge squared
        XCTAssertEqual(try ExpressionParser.parse("e^(1/2)").warnings.map(\.code), ["W-PARSE-E-SYMBOL"])
        XCTAssertEqual(try ExpressionParser.parse("E = m*c^2").warnings.map(\.code), [])
    }
}
