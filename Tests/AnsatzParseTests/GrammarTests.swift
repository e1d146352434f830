import Foundation
import XCTest
@testable import AnsatzCore
@testable import AnsatzParse

/// The grammar files are the specification: every example they list must hold.
final class GrammarTests: XCTestCase {
    static let grammarDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Grammar")

    /// `(*> INPUT  ==>  OUTPUT *)` lines of a grammar file.
    func examples(in file: String) throws -> [(input: String, expected: String)] {
        let text = try String(contentsOf: Self.grammarDirectory.appendingPathComponent(file), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("(*> "), line.hasSuffix(" *)") else { return nil }
            let body = line.dropFirst(4).dropLast(3)
            guard let arrow = body.range(of: "  ==>  ") else { return nil }
            return (String(body[..<arrow.lowerBound]), String(body[arrow.upperBound...]))
        }
    }

    func check(_ file: String, _ syntax: ParseOptions.Syntax) throws {
        let cases = try examples(in: file)
        XCTAssertGreaterThan(cases.count, 20, "examples in \(file)")
        for (input, expected) in cases {
            do {
                let expr = try ExpressionParser.parse(input, options: ParseOptions(syntax: syntax)).expr
                XCTAssertEqual(expr.description, expected, "\(file): \(input)")
            } catch let d as Diagnostic {
                XCTAssertEqual("error " + d.code, expected, "\(file): \(input): \(d.message)")
            }
        }
    }

    func testPlainGrammarExamples() throws { try check("plain.ebnf", .plain) }
    func testLaTeXGrammarExamples() throws { try check("latex.ebnf", .latex) }
}
