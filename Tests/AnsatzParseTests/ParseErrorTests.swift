import XCTest
@testable import AnsatzCore
@testable import AnsatzParse

/// Every refusal is a diagnostic with a stable code and a span on the offending characters.
final class ParseErrorTests: XCTestCase {
    func expect(_ input: String, _ code: String, at start: Int? = nil, options: ParseOptions = ParseOptions(),
                file: StaticString = #filePath, line: UInt = #line) {
        do {
            let result = try ExpressionParser.parse(input, options: options)
            XCTFail("\(input) parsed as \(result.expr), expected \(code)", file: file, line: line)
        } catch let d as Diagnostic {
            XCTAssertEqual(d.code, code, "\(input): \(d.message)", file: file, line: line)
            if let start { XCTAssertEqual(d.span?.start, start, "\(input): span", file: file, line: line) }
            XCTAssertFalse(d.message.isEmpty)
            XCTAssertNotNil(d.hint, "\(input) has no hint", file: file, line: line)
        } catch {
            XCTFail("\(input) threw a non-diagnostic \(error)", file: file, line: line)
        }
    }

    func testMalformedInput() {
        expect("", "E-PARSE-EMPTY")
        expect("   ", "E-PARSE-EMPTY")
        expect("x + * y", "E-PARSE-MISSING-OPERAND", at: 4)
        expect("x +", "E-PARSE-MISSING-OPERAND", at: 3)
        expect("(x + 1", "E-PARSE-UNCLOSED", at: 0)
        expect("x + 1)", "E-PARSE-UNMATCHED", at: 5)
        expect("(x + 1]", "E-PARSE-UNMATCHED", at: 6)
        expect("()", "E-PARSE-MISSING-OPERAND", at: 0)
        expect("|x", "E-PARSE-UNCLOSED", at: 0)
        expect("x $ y", "E-PARSE-CHARACTER", at: 2)
        expect("x # y", "E-PARSE-CHARACTER", at: 2)
        expect("x == y", "E-PARSE-UNEXPECTED", at: 2)
        expect("x != y", "E-PARSE-UNSUPPORTED", at: 2)
        expect("3!", "E-PARSE-UNSUPPORTED", at: 1)
        expect("x < y < z", "E-PARSE-RELATION", at: 6)
        expect("(x = 1)", "E-PARSE-RELATION", at: 3)
        expect("sin x", "E-PARSE-UNEXPECTED", at: 0)
        expect("sin(x, y)", "E-PARSE-ARITY", at: 0)
        expect("atan2(x)", "E-PARSE-ARITY", at: 0)
        expect("unit(apples)", "E-PARSE-UNKNOWN-UNIT", at: 5)
        expect("(x)_1", "E-PARSE-UNEXPECTED", at: 3)
        expect("0.1`99999999999", "E-PARSE-NUMBER", at: 0)
    }

    func testAmbiguityIsReportedNotGuessed() {
        expect("1/2x", "E-PARSE-AMBIGUOUS", at: 1)
        expect("a/b c", "E-PARSE-AMBIGUOUS", at: 1)
        expect("f(x)", "E-PARSE-AMBIGUOUS", at: 0)
        expect("x 2", "E-PARSE-AMBIGUOUS", at: 2)
        expect("2 m*c^2", "E-PARSE-AMBIGUOUS", at: 2)
        expect("x^23", "E-PARSE-AMBIGUOUS", at: 2, options: ParseOptions(syntax: .latex))
        expect("\\sin^{-1} x", "E-PARSE-AMBIGUOUS", at: 0)
        expect("\\frac{a}{b}c/d e", "E-PARSE-AMBIGUOUS")
    }

    func testLaTeXErrors() {
        expect("\\frac{1}{2", "E-PARSE-UNCLOSED", at: 8)
        expect("\\frac{1}", "E-PARSE-MISSING-OPERAND", at: 8)
        expect("\\foo x", "E-PARSE-UNKNOWN-COMMAND", at: 0)
        expect("\\sum_{i} x_i", "E-PARSE-UNSUPPORTED", at: 0)
        expect("\\infty", "E-PARSE-UNSUPPORTED", at: 0)
        expect("\\left( x", "E-PARSE-UNCLOSED", at: 5)
        expect("\\sqrt", "E-PARSE-MISSING-OPERAND", at: 5)
        expect("\\mathrm{x+y}", "E-PARSE-UNKNOWN-UNIT", at: 8)
        expect("\\frac{a}{b}}", "E-PARSE-UNMATCHED", at: 11)
        expect("m_{t", "E-PARSE-UNCLOSED", at: 2)
    }

    func testDepthLimitInsteadOfStackOverflow() {
        let deep = 100_000
        for input in [String(repeating: "(", count: deep) + "x" + String(repeating: ")", count: deep),
                      String(repeating: "-", count: deep) + "x",
                      Array(repeating: "x", count: deep).joined(separator: "^"),
                      String(repeating: "\\frac{1}{", count: deep) + "x" + String(repeating: "}", count: deep),
                      String(repeating: "{", count: deep) + "x" + String(repeating: "}", count: deep),
                      String(repeating: "sqrt(", count: deep) + "x" + String(repeating: ")", count: deep),
                      String(repeating: "|", count: deep) + "x" + String(repeating: "|", count: deep)] {
            expect(input, "E-PARSE-DEPTH")
        }
    }

    func testDepthAtTheLimitParses() throws {
        var options = ParseOptions()
        options.maxDepth = 256
        let input = String(repeating: "(", count: 200) + "x" + String(repeating: "+1)", count: 200)
        XCTAssertEqual(try ExpressionParser.parse(input, options: options).expr.description, "x + 200")
        let tower = Array(repeating: "x", count: 200).joined(separator: "^")
        XCTAssertEqual(try ExpressionParser.parse(tower, options: options).expr.depth, 200)
    }

    func testWideInputsAreLinear() throws {
        // 10^5 terms and factors: one n-ary node each, built once
        let n = 100_000
        let sum = (0..<n).map { "x\($0)" }.joined(separator: " + ")
        guard case let .add(_, terms) = try ExpressionParser.parse(sum).expr.kind else { return XCTFail("not a sum") }
        XCTAssertEqual(terms.count, n)
        let ones = Array(repeating: "1", count: n).joined(separator: "+")
        XCTAssertEqual(try ExpressionParser.parse(ones).expr.description, "\(n)")
        let product = Array(repeating: "x", count: n).joined(separator: "*")
        XCTAssertEqual(try ExpressionParser.parse(product).expr.description, "x^\(n)")
    }

    func testBudgetStopsALongParse() {
        let sum = Array(repeating: "x", count: 400_000).joined(separator: "+")
        XCTAssertThrowsError(try ExpressionParser.parse(sum, budget: Budget(maxSteps: 10_000))) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-BUDGET")
        }
    }

    func testInputSizeLimit() {
        var options = ParseOptions()
        options.maxInputBytes = 1000
        XCTAssertThrowsError(try ExpressionParser.parse(String(repeating: "x+", count: 600) + "x", options: options)) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-LIMIT-INPUT")
        }
    }

    /// Issue 11, class 8: every hint is one a caller can act on in one retry, and none points to
    /// files an agent cannot read.
    func testHintsAreActionable() {
        func hint(_ input: String) -> String {
            do {
                _ = try ExpressionParser.parse(input)
                return "parsed"
            } catch let d as Diagnostic {
                return d.code + ": " + (d.hint ?? "")
            } catch {
                return "\(error)"
            }
        }
        XCTAssertTrue(hint("math.sin(x)").contains("drop the 'math.' prefix"), hint("math.sin(x)"))
        XCTAssertTrue(hint("np.exp(x)").contains("drop the 'np.' prefix"), hint("np.exp(x)"))
        XCTAssertTrue(hint("√2").contains("sqrt("), hint("√2"))
        XCTAssertTrue(hint("floor(x)").hasPrefix("E-PARSE-UNSUPPORTED-FUNCTION"), hint("floor(x)"))
        XCTAssertTrue(hint("floor(x)").contains("sin cos tan"), hint("floor(x)"))
        XCTAssertTrue(hint("log2(x)").contains("log(x)/log(2)"), hint("log2(x)"))
        for input in ["x @ y", "a ? b", "x # 2", "m.1", "floor(x)", "√2", "math.sin(x)", "x!"] {
            XCTAssertFalse(hint(input).contains("Grammar/"), "\(input): \(hint(input))")
        }
    }
}
