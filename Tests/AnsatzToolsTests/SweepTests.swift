import Foundation
import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzParse
@testable import AnsatzTools

/// Issue 11, class 1: a cache keyed by the identity of a node that only the intern table holds
/// returns another node's answer once a sweep frees the node and a new one takes its address.
/// These tests sweep after every few new nodes, in the middle of every operation, on one thread
/// and with concurrent callers, and compare with the answers of a run without sweeps.
final class SweepTests: XCTestCase {
    override func tearDown() {
        Expr.stressSweep(every: 0)
        super.tearDown()
    }

    /// The review's reproduction on the library API: a rule a^2 -> f(a) over a product of 4,500
    /// squares (rewrote 5-8 of 40 wrongly with the identity-keyed memo).
    func testRuleRewritingUnderSweeps() throws {
        let book = try RuleBook.parse("[sq]\nsq: a^2 -> f(a)\n", origin: "test")
        func run() throws -> String {
            let product = Expr.mul((0..<4_500).map { Expr.pow(.symbol("x\($0)"), .integer(2)) })
            return try Rewriter.rewrite(product, rules: book.rules, budget: .unlimited).0.description
        }
        let expected = try run()
        XCTAssertTrue(expected.hasPrefix("f(x0)*f(x1)*"), String(expected.prefix(40)))
        Expr.stressSweep(every: 97)
        for round in 0..<3 {
            let got = try run()
            XCTAssertTrue(got == expected, "round \(round): \(got.prefix(120))...")
        }
    }

    /// Calls that exercise every operation's caches (rules, expansion, cancellation, factoring,
    /// derivatives, series, substitution, dimension checks, evaluation, batch compilation).
    static let calls: [(String, JSONValue)] = [
        ("simplify", ["expression": "sin(x)^2*y^2 + cos(x)^2*y^2 + log(exp(z)) + (a^2 - b^2)/(a - b)", "assume": "z real"]),
        ("expand", ["expression": "(x + y + z + 1)^6 * (x - 2*y)^3"]),
        ("cancel", ["expression": "(x^4 - y^4)/(x^2 - y^2) + (x^3 - 1)/(x - 1)"]),
        ("factor", ["expression": "x^6 - y^6 + x^3*y - x*y^3"]),
        ("apart", ["expression": "(x^4 + 1)/((x - 2)*(x - 1)^2*(x + 3))", "variables": ["x"]]),
        ("collect", ["expression": "a*x^2 + b*x^2 + c*x + d*x*y + x*y^2", "variables": ["x"]]),
        ("differentiate", ["expression": "sin(x*y)*exp(x^2)/(1 + x^2) + atan(x/y)", "variables": ["x", "x", "y"]]),
        ("series", ["expression": "exp(sin(x))/(1 - x) + log(1 + x)*cos(x)", "variables": ["x"], "order": 8]),
        ("substitute", ["expression": "m*c^2 + p^2/(2*m) + sqrt(p^2 + m^2)", "at": ["p": "m*v", "m": "q^2"]]),
        ("check_dimensions", ["expression": "E = m*c^2 + p^2/(2*m)", "units": "E: J, m: kg, p: momentum"]),
        ("evaluate", ["expression": "exp(pi*sqrt(163)) - x^3", "at": ["x": "7/3"], "digits": 40]),
        ("evaluate", ["expression": "log(m)*r + sqrt(r)*exp(-m/r) + (m/r)^2.5", "points": ["m": [1, 2, 3.5], "r": [0.5, 2, 9]]]),
        ("jacobian", ["expressions": ["r*cos(phi)*sin(theta)", "r*sin(phi)*sin(theta)", "r*cos(theta)"], "variables": ["r", "phi", "theta"]]),
    ]

    static func answers() -> [String] {
        calls.map { name, arguments in
            var result = ToolRegistry.call(name, arguments: arguments, cap: nil).structured
            if case let .object(pairs) = result { result = .object(pairs.filter { $0.0 != "elapsed_ms" }) }
            return result.serialized()
        }
    }

    /// The class closed at its root: no cache, memo or set in the sources is keyed by object
    /// identity. Keys are `Expr`s, which keep their nodes alive while the table holds the key.
    func testNoSourceKeysByObjectIdentity() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("ObjectIdentifier") || line.contains("unsafeBitCast") || line.contains("Unmanaged.passUnretained") {
                offenders.append("\(url.lastPathComponent):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        XCTAssertEqual(offenders, [], "key by the Expr itself, not by its address")
    }

    func testEveryToolAnswersTheSameUnderSweeps() throws {
        let expected = Self.answers()
        for (answer, call) in zip(expected, Self.calls) {
            XCTAssertTrue(answer.contains("\"ok\":true"), "\(call.0): \(answer.prefix(300))")
        }
        for every in [53, 331] {
            Expr.stressSweep(every: every)
            for (got, (want, call)) in zip(Self.answers(), zip(expected, Self.calls)) {
                XCTAssertEqual(got, want, "\(call.0), sweeping every \(every) nodes")
            }
        }
    }

    func testConcurrentCallersWithSweepsGetTheSameAnswers() throws {
        let expected = Self.answers()
        Expr.stressSweep(every: 211)
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<2 {
                // each caller in its own order, so different operations overlap
                let order = Array(Self.calls.indices).shuffledDeterministically(seed: worker * 7 + round)
                for i in order {
                    var result = ToolRegistry.call(Self.calls[i].0, arguments: Self.calls[i].1, cap: nil).structured
                    if case let .object(pairs) = result { result = .object(pairs.filter { $0.0 != "elapsed_ms" }) }
                    if result.serialized() != expected[i] { failures.add("\(Self.calls[i].0) on caller \(worker)") }
                }
            }
        }
        XCTAssertEqual(failures.items, [])
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
}

extension Array {
    func shuffledDeterministically(seed: Int) -> [Element] {
        var state = UInt64(truncatingIfNeeded: seed &* 2_654_435_761 &+ 1)
        var out = self
        for i in stride(from: out.count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        return out
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}
