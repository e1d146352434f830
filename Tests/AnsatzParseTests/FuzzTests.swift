import XCTest
@testable import AnsatzCore
@testable import AnsatzParse
import TestSupport

/// Random input from the languages' own alphabet: every string must parse or be refused with a
/// diagnostic; none may trap. What parses must print, and the printed text must parse back to it.
final class FuzzTests: XCTestCase {
    static let pieces = ["x", "y", "2", "0", "1.5", "e", "E", "pi", "i", "m", "GeV", "fb", "s", "+", "-", "*", "/", "^",
                         "**", "(", ")", "[", "]", "{", "}", "|", ",", "=", "<", "<=", " ", "_", "_{", "sqrt(", "sin(",
                         "atan2(", "unit(", "\\frac", "\\sqrt", "\\alpha", "\\left(", "\\right)", "\\cdot", "\\mathrm{",
                         "\\tilde", "$", "'", "`53", "α", "²", "⁻", "1e999999", "0^-1", "!", "\\", "\\,", "²³"]

    func testRandomInputNeverTraps() {
        var rng = SplitMix64(state: 99)
        var parsed = 0, refused = 0
        for _ in 0..<30_000 {
            let count = 1 + rng.below(14)
            let input = (0..<count).map { _ in rng.pick(Self.pieces) }.joined()
            for syntax in [ParseOptions.Syntax.plain, .latex] {
                do {
                    let e = try ExpressionParser.parse(input, options: ParseOptions(syntax: syntax)).expr
                    parsed += 1
                    let text = e.description
                    _ = LaTeXPrinter.print(e)
                    _ = JSONPrinter.json(e).serialized()
                    do {
                        let back = try ExpressionParser.parse(text, options: ParseOptions(syntax: .plain)).expr
                        XCTAssertTrue(back === e, "\(input.debugDescription) printed as \(text), read back as \(back)")
                    } catch {
                        XCTFail("\(input.debugDescription) printed as \(text), which does not parse: \(error)")
                    }
                } catch let d as Diagnostic {
                    refused += 1
                    XCTAssertTrue(d.code.hasPrefix("E-"), d.code)
                    XCTAssertNotNil(d.span, "\(input.debugDescription): \(d.code) has no span")
                    _ = d.rendered(source: input)
                } catch {
                    XCTFail("\(input.debugDescription) threw a non-diagnostic \(error)")
                }
            }
        }
        XCTAssertGreaterThan(parsed, 500)
        XCTAssertGreaterThan(refused, 500)
    }

    func testRandomScalarsNeverTrap() {
        var rng = SplitMix64(state: 7)
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x20...0x7E, 0x391...0x3C9, 0x2070...0x209F, 0x0...0x1F, 0xA0...0x24F]
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<(1 + rng.below(20)) {
                let range = rng.pick(ranges)
                if let scalar = Unicode.Scalar(range.lowerBound + UInt32(rng.below(Int(range.upperBound - range.lowerBound) + 1))) {
                    text.unicodeScalars.append(scalar)
                }
            }
            do {
                let e = try ExpressionParser.parse(text).expr
                _ = e.description
            } catch let d as Diagnostic {
                _ = d.rendered(source: text)
            } catch {
                XCTFail("\(text.debugDescription) threw a non-diagnostic \(error)")
            }
        }
    }
}
