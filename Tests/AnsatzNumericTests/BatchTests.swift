import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzNumeric
@testable import AnsatzParse
import CMathVec
import TestSupport

/// The compiled batch evaluator against the MPFR evaluator (the reference, at 200 bits).
final class BatchTests: XCTestCase {
    func parse(_ text: String) throws -> Expr { try ExpressionParser.parse(text).expr }

    /// Distance in units in the last place between a double and the exact value rounded to double.
    func ulps(_ x: Double, _ exact: Double) -> Double {
        if x == exact { return 0 }
        guard x.isFinite, exact.isFinite, x.sign == exact.sign else { return .infinity }
        return abs(Double(Int64(bitPattern: x.bitPattern) - Int64(bitPattern: exact.bitPattern)))
    }

    /// Well-conditioned formulas (no cancellation), surrogate-style: the error is the kernels' own.
    static let formulas = [
        "exp(2.1 - 1.3*log(m/1000) - 0.35*log(m/1000)^2 - 120/m)*(1 + 0.4*sqrt(r) + 0.05*r^3)/(1 + exp((900 - m)/80)) + 0.001*(m/1000)^(-4.2)",
        "sqrt(m^2 + r^2)*exp(-r/m)", "log(1 + m*r)/(1 + r^2)", "atan(r)*cosh(r/3) + tanh(m/500)", "m^(3/2)/r^(1/3) + cbrt(m*r)",
        "sin(r)^2 + cos(r)^2*m/1000", "(m/r)^2.5 + 1/sqrt(r)", "exp(-r^2/2)/sqrt(2*pi)", "atan2(r, m/1000) + asinh(r)",
        "m^7/1e21 + r^(-3)", "10^(r/4) + log10(m)",
    ]

    func testAgreesWithMPFRWithinAFewUlps() throws {
        var rng = SplitMix64(state: 2026)
        let count = 2000
        let m = (0..<count).map { _ in 500 + Double(rng.below(2_500_000)) / 1000 }
        let r = (0..<count).map { _ in 0.01 + Double(rng.below(1_000_000)) / 1_000_000 }
        var worst: [String: Double] = [:]
        for text in Self.formulas {
            let e = try parse(text)
            let program = try BatchProgram.compile([e], inputs: ["m", "r"])
            let values = BatchEvaluator(program).run(columns: [m, r])[0]
            var maximum = 0.0
            for i in stride(from: 0, to: count, by: 7) {
                let exact = try Evaluator.evaluate(e, at: ["m": BigFloat(m[i], precision: 200), "r": BigFloat(r[i], precision: 200)],
                                                   precision: 200).doubleValue
                maximum = max(maximum, ulps(values[i], exact))
            }
            worst[text] = maximum
            XCTAssertLessThanOrEqual(maximum, 16, text)
        }
        print("worst ulps:", worst.values.max() ?? 0, worst.map { "\($0.value) \($0.key.prefix(30))" }.sorted())
    }

    func testNaNAndInfinityOnlyWhereTheMathematicsPutsThem() throws {
        let program = try BatchProgram.compile([try parse("log(x)"), try parse("1/x"), try parse("sqrt(x)"), try parse("x^(1/3)"), try parse("cbrt(x)")],
                                               inputs: ["x"])
        let out = BatchEvaluator(program).run(columns: [[-8, 0, 8]])
        XCTAssertTrue(out[0][0].isNaN)
        XCTAssertEqual(out[0][1], -.infinity)
        XCTAssertEqual(out[1][1], .infinity)
        XCTAssertTrue(out[2][0].isNaN)
        XCTAssertTrue(out[3][0].isNaN)           // the principal cube root of -8 is not real
        XCTAssertEqual(out[4][0], -2, accuracy: 1e-15)  // cbrt is the real one
        XCTAssertEqual(out[3][2], 2, accuracy: 1e-15)
    }

    func testCommonSubexpressionsAreComputedOnce() throws {
        let shared = try parse("exp(x*y)")
        let one = try BatchProgram.compile([try parse("exp(x*y) + exp(x*y)^2")], inputs: ["x", "y"])
        XCTAssertEqual(one.body.filter { $0.op == Int32(ANS_OP_EXP) }.count, 1)
        let two = try BatchProgram.compile([Expr.add([shared, .integer(1)]), Expr.mul([shared, .symbol("y")])], inputs: ["x", "y"])
        XCTAssertEqual(two.body.filter { $0.op == Int32(ANS_OP_EXP) }.count, 1)
        let out = BatchEvaluator(two).run(columns: [[1, 2], [0.5, 0.25]])
        XCTAssertEqual(out[0][0], exp(0.5) + 1, accuracy: 1e-15)
        XCTAssertEqual(out[1][1], exp(0.5) * 0.25, accuracy: 1e-15)
    }

    func testThreadsGiveTheSameBits() throws {
        let e = try parse(Self.formulas[0])
        let program = try BatchProgram.compile([e], inputs: ["m", "r"])
        let n = 300_001
        let m = (0..<n).map { 500 + Double($0) / 120 }, r = (0..<n).map { Double($0 % 1000) / 1000 }
        let one = BatchEvaluator(program).run(columns: [m, r], threads: 1)[0]
        let many = BatchEvaluator(program).run(columns: [m, r], threads: 4)[0]
        XCTAssertEqual(one.map(\.bitPattern), many.map(\.bitPattern))
        XCTAssertEqual(one.count, n)
    }

    func testEdgeCases() throws {
        // an output that is an input, a constant output, no points
        let program = try BatchProgram.compile([try parse("x"), try parse("2*pi")], inputs: ["x", "unused"])
        let out = BatchEvaluator(program).run(columns: [[1, 2, 3], [0, 0, 0]])
        XCTAssertEqual(out[0], [1, 2, 3])
        XCTAssertEqual(out[1], [2 * Double.pi, 2 * Double.pi, 2 * Double.pi])
        XCTAssertEqual(BatchEvaluator(program).run(columns: [[], []]), [[], []])
        XCTAssertThrowsError(try BatchProgram.compile([try parse("x + z")], inputs: ["x"]))
        XCTAssertThrowsError(try BatchProgram.compile([try parse("2 GeV")], inputs: []))
        // integer powers by multiplication, negative ones by division
        let powers = try BatchProgram.compile([try parse("x^5/y^3 - x^(-2)")], inputs: ["x", "y"])
        let p = BatchEvaluator(powers).run(columns: [[1.5], [0.5]])[0][0]
        XCTAssertEqual(p, pow(1.5, 5) / pow(0.5, 3) - 1 / (1.5 * 1.5), accuracy: 1e-12)
    }

    /// Regression (issue 16): 14,847 rows are 29 blocks; over 7 threads the old rounded-up share
    /// gave the last thread the inverted range 30..<29 and the process died. Every split of every
    /// small block count into every thread count must cover each block exactly once.
    func testWorkSplitCoversEveryBlockOnceForAnyThreadCount() throws {
        for blocks in 1...300 {
            for parts in 1...40 {
                var next = 0
                for part in 0..<parts {
                    let r = BatchEvaluator.share(of: blocks, part: part, of: parts)
                    XCTAssertEqual(r.lowerBound, next, "\(blocks) blocks, part \(part) of \(parts)")
                    XCTAssertLessThanOrEqual(r.count, blocks / parts + 1)
                    next = r.upperBound
                }
                XCTAssertEqual(next, blocks)
            }
        }
        let e = try parse("x^2 + 1")
        let program = try BatchProgram.compile([e], inputs: ["x"])
        let x = (0..<14_847).map { Double($0) }
        for threads in [1, 3, 7, 13, 64, 0, -5] {
            let values = BatchEvaluator(program).run(columns: [x], threads: threads)[0]
            XCTAssertEqual(values, x.map { $0 * $0 + 1 }, "\(threads) threads")
        }
    }
}
