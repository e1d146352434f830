import Foundation
import XCTest
@testable import AnsatzCore
@testable import AnsatzParse

/// The deepest input the parser accepts must parse, print and compare on a thread with a small
/// stack (a server's worker thread), in a debug build, where frames are largest.
final class StackTests: XCTestCase {
    func testDeepestAcceptedInputFitsInASmallStack() throws {
        let depth = ParseOptions().maxDepth - 1
        let inputs = [
            String(repeating: "(", count: depth) + "x" + String(repeating: "+1)", count: depth),
            Array(repeating: "x", count: depth).joined(separator: "^"),
            String(repeating: "sin(", count: depth - 1) + "x" + String(repeating: ")", count: depth - 1),
            String(repeating: "\\frac{1}{", count: depth / 2) + "x" + String(repeating: "}", count: depth / 2),
            String(repeating: "-", count: depth - 1) + "x",
        ]
        let done = DispatchSemaphore(value: 0)
        let results = Results()
        let thread = Thread {
            for input in inputs {
                do {
                    let e = try ExpressionParser.parse(input).expr
                    let text = e.description
                    _ = LaTeXPrinter.print(e)
                    _ = JSONPrinter.json(e).serialized()
                    let again = try ExpressionParser.parse(text, options: ParseOptions(syntax: .plain)).expr
                    results.append(again === e ? "ok" : "mismatch: \(input.prefix(20))")
                } catch {
                    results.append("error: \(error)")
                }
            }
            done.signal()
        }
        thread.stackSize = 1 << 20  // 1 MiB
        thread.start()
        done.wait()
        XCTAssertEqual(results.items, Array(repeating: "ok", count: inputs.count))
    }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ s: String) { lock.lock(); storage.append(s); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
