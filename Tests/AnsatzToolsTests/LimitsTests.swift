import Foundation
import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzTools
@testable import AnsatzVerify

/// Docs/limits.md, row by row: each limit reached through the registry ends in its diagnostic.
final class LimitsTests: XCTestCase {
    func code(_ tool: String, _ arguments: [(String, JSONValue)]) -> String? {
        ToolRegistry.call(tool, arguments: .object(arguments), cap: nil).structured["error"]?["code"]?.stringValue
    }

    func testEachLimitEndsInItsDiagnostic() {
        XCTAssertEqual(code("parse", [("expression", .string(String(repeating: " ", count: (64 << 20) + 1)))]), "E-LIMIT-INPUT")
        XCTAssertEqual(code("parse", [("expression", .string(String(repeating: "(", count: 300) + "x" + String(repeating: ")", count: 300)))]), "E-PARSE-DEPTH")
        XCTAssertEqual(code("parse", [("expression", .string("x")), ("budget_ms", .int(0))]), "E-ARGS-VALUE")
        XCTAssertEqual(code("parse", [("expression", .string("0.5`16777217"))]), "E-PARSE-NUMBER")
        XCTAssertEqual(code("parse", [("expression", .string("x")), ("float_precision", .int(1))]), "E-ARGS-VALUE")
        XCTAssertEqual(code("evaluate", [("expression", .string("x")), ("digits", .int(100_001))]), "E-ARGS-VALUE")
        XCTAssertEqual(code("evaluate", [("expression", .string("x")), ("bits", .int((1 << 22) + 1))]), "E-ARGS-VALUE")
        XCTAssertEqual(code("evaluate", [("expression", .string("exp(exp(100))"))]), "E-EVAL-OVERFLOW")
        XCTAssertEqual(code("evaluate", [("expression", .string("exp(-exp(100))"))]), "E-EVAL-UNDERFLOW")
        XCTAssertEqual(code("evaluate", [("expression", .string("sin(2^70000)"))]), "E-LIMIT")
        XCTAssertEqual(code("expand", [("expression", .string("(x+y+z)^100000"))]), "E-BUDGET")
        // few terms, huge coefficients (found by the tools fuzz target: 7 GB before the estimate)
        XCTAssertEqual(code("expand", [("expression", .string("(e y + z)^200000"))]), "E-BUDGET")
        XCTAssertNil(code("expand", [("expression", .string("(x + 1)^2000"))]))
        XCTAssertEqual(code("series", [("expression", .string("exp(x)")), ("order", .int(201))]), "E-ARGS-VALUE")
        let points = JSONValue.array((0...EvaluateTool.maxPoints).map { .int($0) })
        XCTAssertEqual(code("evaluate", [("expression", .string("x")), ("points", .object([("x", points)]))]), "E-ARGS-VALUE")
        XCTAssertEqual(code("simplify", [("expression", .string("x")), ("rules", .string("[wrap]\nwrap: a -> f(a)\n"))]), "E-BUDGET")
        let steps = JSONValue.array((0...Derivation.maxSteps).map { .string("x + \($0) - \($0)") })
        XCTAssertEqual(code("verify_derivation", [("derivation", .object([("steps", steps)]))]), "E-DERIVATION")
        // a power past the fold limit stays exact and symbolic instead of being computed
        let huge = ToolRegistry.call("parse", arguments: .object([("expression", .string("2^(10^20)"))]), cap: nil)
        XCTAssertEqual(huge.structured["value"]?["text"]?.stringValue, "2^100000000000000000000")
        // the documented numbers are the ones in force
        XCTAssertEqual(ToolRegistry.maxBudgetMilliseconds, 10_000)
        XCTAssertEqual(CallScheduler.grace, .milliseconds(250))
        XCTAssertEqual(NumberLimits.maxBits, 1 << 27)
        XCTAssertEqual(FoldLimits.maxFoldBits, 100_000)
        XCTAssertEqual(Series.maxOrder, 200)
        XCTAssertEqual(Rewriter.maxApplications, 5_000)
        XCTAssertEqual(CommonArguments.maxResultNodes, 2_000_000)
        XCTAssertEqual(PolyForm.maxCoefficientBits, Double(1 << 30))
        XCTAssertEqual(Derivation.maxSteps, 200)
        XCTAssertEqual(Verifier.points, 12)
        XCTAssertGreaterThanOrEqual(CallScheduler.shared.workers, 4)
        XCTAssertEqual(CallScheduler.shared.maxThreads, 4 * CallScheduler.shared.workers)
    }

    /// A burst of 60 slow calls queues on the pool instead of starting 60 threads, and each is
    /// answered by its deadline (issue 16, bounded threads).
    func testABurstOfCallsQueuesOnABoundedPool() {
        let scheduler = CallScheduler(workers: 3, maxThreads: 6)
        let answered = DispatchGroup()
        let codes = ResultCodes()
        let start = ContinuousClock.now
        for i in 0..<60 {
            answered.enter()
            scheduler.submit("series", arguments: .object([("expression", .string("exp(" + String(repeating: "exp(", count: 12) + "x\(i)" + String(repeating: ")", count: 13))),
                                                          ("order", .int(12)), ("budget_ms", .int(400))]), cap: nil) { response in
                codes.add(response.structured["error"]?["code"]?.stringValue ?? "ok")
                answered.leave()
            }
        }
        XCTAssertEqual(answered.wait(timeout: .now() + 30), .success)
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(5))  // every call answered by its deadline (+ grace), not after the queue drained
        XCTAssertLessThanOrEqual(scheduler.threadCounts.peak, 6)
        XCTAssertEqual(codes.all.count, 60)
        XCTAssertTrue(codes.all.allSatisfy { $0 == "E-BUDGET" || $0 == "ok" }, "\(Set(codes.all))")
    }
}

/// A thread that ends frees FLINT's and MPFR's per-thread caches (the one-hour soak grew by 1 GB
/// before: every cancelled call's worker was replaced and the surplus thread ended holding them).
final class ThreadExitTests: XCTestCase {
    func testEndingThreadsRunTheCleanup() throws {
        let ended = ResultCodes()
        // (threads of earlier tests may end meanwhile too: the test's own thread marks itself)
        LargeStack.setThreadExitHook {
            ended.add(Thread.current.threadDictionary["test.worker"] != nil ? "test.worker" : "other")
            ThreadCaches.release()
        }
        defer { ThreadCaches.releaseOnThreadExit() }
        // a temporary large-stack thread (deep work from a thread that is not one)
        let depth = try LargeStack.run { 1 }
        XCTAssertEqual(depth, 1)
        XCTAssertGreaterThanOrEqual(ended.all.count, 1)
        // a long-lived worker thread (the scheduler's) when its loop returns, as a surplus worker's
        // does after abandoned work (when that happens depends on timing, so it is not forced here)
        LargeStack.startThread(name: "test.worker") { Thread.current.threadDictionary["test.worker"] = true }
        let deadline = Date().addingTimeInterval(10)
        while !ended.all.contains("test.worker") && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertTrue(ended.all.contains("test.worker"), "the worker thread ended through the hook: \(ended.all)")
    }
}

final class ResultCodes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
