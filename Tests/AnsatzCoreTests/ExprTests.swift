import XCTest
import Dispatch
import Synchronization
@testable import AnsatzCore
import AnsatzParse
@testable import AnsatzNumbers

final class ExprTests: XCTestCase {
    let x = Expr.symbol("x"), y = Expr.symbol("y"), z = Expr.symbol("z")

    func testStructurallyEqualExpressionsAreTheSameObject() {
        let a = Expr.add([.mul([.integer(2), x]), .pow(y, .integer(3))])
        let b = Expr.add([.pow(y, .integer(3)), .mul([x, .integer(2)])])
        XCTAssertTrue(a === b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertFalse(Expr.symbol("x", .positive) === x)
    }

    func testCanonicalConstruction() {
        XCTAssertEqual((x + x).description, "2*x")
        XCTAssertEqual((x * x).description, "x^2")
        XCTAssertEqual((x * x * x / x).description, "x^2")
        XCTAssertEqual((x - x).description, "0")
        XCTAssertEqual((Expr.integer(2) / .integer(4)).description, "1/2")
        XCTAssertEqual(Expr.pow(.integer(2), .integer(10)).description, "1024")
        XCTAssertEqual(Expr.pow(.integer(2), .integer(-3)).description, "1/8")
        XCTAssertEqual((x + y - (x + y)).description, "0")
        XCTAssertEqual((Expr.integer(3) * (x + .one)).description, "3*x + 3")
        XCTAssertEqual(Expr.pow(x, .zero).description, "1")
        XCTAssertEqual((x * .zero).description, "0")
    }

    func testPrintingDoesNotDependOnConstructionOrder() {
        let forward = Expr.add([x, y, z, .pow(x, .integer(2)), .one])
        let backward = Expr.add([.one, .pow(x, .integer(2)), z, y, x])
        XCTAssertEqual(forward.description, "x^2 + x + y + z + 1")
        XCTAssertEqual(backward.description, forward.description)
        XCTAssertEqual(Expr.mul([z, y, x]).description, "x*y*z")
    }

    func testPowersAreRewrittenOnlyWhereValidForAllValues() {
        // sqrt(x^2) is |x| for real x and not even that for complex x: it must stay.
        XCTAssertEqual(Expr.pow(.pow(x, .integer(2)), .rational(.half)).description, "sqrt(x^2)")
        let p = Expr.symbol("p", .positive)
        XCTAssertEqual(Expr.pow(.pow(p, .integer(2)), .rational(.half)).description, "p")
        // (x^a)^n = x^(a n) for integer n always
        XCTAssertEqual(Expr.pow(.pow(x, .rational(.half)), .integer(4)).description, "x^2")
        // (2x)^(1/2) = sqrt(2) sqrt(x): 2 is positive
        XCTAssertEqual(Expr.pow(.mul([.integer(2), x]), .rational(.half)).description, "sqrt(2)*sqrt(x)")
        // (-x)^(1/2) stays whole: splitting off (-1)^(1/2) is wrong for x < 0 on the principal branch
        XCTAssertEqual(Expr.pow(-x, .rational(.half)).description, "sqrt(-x)")
        XCTAssertEqual(Expr.pow(.mul([x, y]), .integer(2)).description, "x^2*y^2")
    }

    func testNumericPowersFoldExactlyAndStayExactWhenTheyCannot() throws {
        let third = try Rational(1, 3)
        XCTAssertEqual(Expr.pow(.integer(4), .rational(.half)).description, "2")
        XCTAssertEqual(Expr.pow(.integer(8), .rational(try Rational(2, 3))).description, "4")
        XCTAssertEqual(Expr.pow(.integer(2), .rational(try Rational(3, 2))).description, "2*sqrt(2)")
        XCTAssertEqual(Expr.pow(.integer(-8), .rational(third)).description, "(-8)^(1/3)")
        XCTAssertEqual((Expr.pow(.integer(2), .rational(.half)) * Expr.pow(.integer(2), .rational(.half))).description, "2")
        // 2^(10^20) would need 10^20 bits: it stays a power, and nothing aborts
        let huge = Expr.pow(.integer(2), .integer(try BigInt(10).power(20)))
        XCTAssertEqual(huge.description, "2^100000000000000000000")
        XCTAssertEqual(Expr.pow(.integer(0), .integer(-1)).description, "0^(-1)")  // undefined, kept as written
    }

    func testFunctionValuesThatHoldEverywhere() throws {
        XCTAssertEqual(Expr.function(.exp, [.one]), Expr.e)
        XCTAssertEqual(Expr.function(.log, [.e]), Expr.one)
        XCTAssertEqual(Expr.function(.sin, [.zero]), Expr.zero)
        XCTAssertEqual(Expr.function(.cos, [.zero]), Expr.one)
        XCTAssertEqual(Expr.function(.abs, [.integer(-3)]), Expr.integer(3))
        XCTAssertEqual(Expr.function(.cbrt, [.integer(-8)]), Expr.integer(-2))
        XCTAssertEqual(Expr.pow(.e, x), Expr.function(.exp, [x]))
        XCTAssertEqual(Expr.function(.exp, [.function(.log, [x])]), x)
        XCTAssertEqual(Expr.function(.log, [.function(.exp, [x])]).description, "log(exp(x))")  // not x: log is multivalued
        // floats are evaluated by MPFR: sin(0.5) at 53 bits is the double sin(0.5)
        let half = try BigFloat(parsing: "0.5", precision: 53)
        XCTAssertEqual(Expr.function(.sin, [.float(half)]).number?.doubleValue, Foundation.sin(0.5))
    }

    func testTotalOrderIsAntisymmetricAndTransitive() {
        let pool: [Expr] = [.integer(-2), .one, .rational(.half), .pi, .e, x, y, .pow(x, .integer(2)), x * y,
                            x + .one, .function(.sin, [x]), .unit("GeV"), .pow(x, .rational(.half)), .mul([.integer(3), y])]
        for a in pool {
            for b in pool {
                XCTAssertEqual(Expr.compare(a, b), -Expr.compare(b, a), "\(a) vs \(b)")
                XCTAssertEqual(Expr.compare(a, b) == 0, a === b)
                for c in pool where Expr.compare(a, b) < 0 && Expr.compare(b, c) < 0 {
                    XCTAssertLessThan(Expr.compare(a, c), 0, "\(a) < \(b) < \(c)")
                }
            }
        }
    }

    func testInternTableDoesNotLeak() {
        Expr.collectUnused()
        let before = Expr.internedCount
        do {
            var keep: [Expr] = []
            for i in 0..<5000 { keep.append(Expr.symbol("leak\(i)") + .integer(i)) }
            XCTAssertGreaterThanOrEqual(Expr.internedCount, before + 5000)
        }
        // every node made above is unreachable now; one sweep must free all of them
        Expr.collectUnused()
        XCTAssertLessThanOrEqual(Expr.internedCount, before)
    }

    func testSweepFreesDeadTreesAndKeepsLiveOnes() {
        let keep = Expr.function(.sin, [Expr.symbol("kept") + .integer(1000)])
        do {
            var chain = Expr.symbol("chainroot")
            for i in 0..<300 { chain = .function(.exp, [chain + .integer(i)]) }
            XCTAssertGreaterThan(chain.depth, 300)
        }
        let beforeSweep = Expr.internedCount
        let freed = Expr.collectUnused()
        XCTAssertGreaterThan(freed, 300)
        XCTAssertEqual(Expr.internedCount, beforeSweep - freed)
        // one sweep took the whole dead chain: a second finds nothing left
        XCTAssertEqual(Expr.collectUnused(), 0)
        // the live tree is intact and still the interned one
        XCTAssertTrue(Expr.function(.sin, [Expr.symbol("kept") + .integer(1000)]) === keep)
    }

    func testConcurrentConstructionInternsOnce() {
        let results = Mutex<[Int]>(Array(repeating: 0, count: 8))
        let keep = Expr.add([.pow(Expr.symbol("q"), .integer(3)), .symbol("r")])
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            var node: Expr = .zero
            for _ in 0..<2000 {
                node = Expr.add([.symbol("r"), .pow(Expr.symbol("q"), .integer(3))])
            }
            let id = ObjectIdentifier(node).hashValue
            results.withLock { $0[i] = id }
        }
        for id in results.withLock({ $0 }) { XCTAssertEqual(id, ObjectIdentifier(keep).hashValue) }
    }

    func testUnitsPrintAsQuantities() throws {
        let g = Expr.mul([.rational(try Rational(981, 100)), .unit("m"), .pow(.unit("s"), .integer(-2))])
        XCTAssertEqual(g.description, "9.81 m/s^2")
        XCTAssertEqual(Expr.mul([.integer(3), .pow(.unit("fb"), .integer(-1))]).description, "3 fb^-1")
        XCTAssertEqual(Expr.mul([x, .unit("GeV")]).description, "x*unit(GeV)")
        XCTAssertEqual(Expr.mul([.rational(try Rational(1, 3)), .unit("GeV")]).description, "1/3*unit(GeV)")
        XCTAssertTrue(g.containsUnit)
    }

    func testLaTeXForms() throws {
        let gf = Expr.symbol("G_F"), mmu = Expr.symbol("m_mu")
        let width = Expr.mul([.pow(gf, .integer(2)), .pow(mmu, .integer(5)), .pow(.mul([.integer(192), .pow(.pi, .integer(3))]), .minusOne)])
        XCTAssertEqual(LaTeXPrinter.print(width), "\\frac{G_{F}^{2} m_{\\mu}^{5}}{192 \\pi^{3}}")
        XCTAssertEqual(LaTeXPrinter.print(.pow(x, .rational(.half))), "\\sqrt{x}")
        XCTAssertEqual(LaTeXPrinter.print(.symbol("\\tilde{m}_{\\tilde{t}}")), "\\tilde{m}_{\\tilde{t}}")
        XCTAssertEqual(LaTeXPrinter.print(.symbol("sigma_tot")), "\\sigma_{\\mathrm{tot}}")
        XCTAssertEqual(LaTeXPrinter.print(.function(.sin, [x]) * .function(.exp, [-x])), "\\mathrm{e}^{-x} \\sin\\left(x\\right)")
    }

    func testDiagnosticRendersACaret() {
        let d = Diagnostic(.parseUnexpected, "expected an operand", span: SourceSpan(4, 5), hint: "remove it")
        XCTAssertEqual(d.rendered(source: "x + * y"), """
        error[E-PARSE-UNEXPECTED]: expected an operand
          |
        1 | x + * y
          |     ^
          = hint: remove it

        """)
    }

    func testBudgetRunsOut() {
        let budget = Budget(maxSteps: 10)
        XCTAssertNoThrow(try budget.spend(5, doing: "testing"))
        XCTAssertThrowsError(try budget.spend(6, doing: "testing")) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-BUDGET")
        }
    }
}

final class ProductFastPathTests: XCTestCase {
    /// Two-argument products take fast paths; three arguments (with a 1) take the general rules.
    /// Both must give the same node.
    func testFastProductsAreTheCanonicalNode() throws {
        var state: UInt64 = 99
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let leaves = ["x", "y", "sin(x)", "(x + 1)", "pi", "exp(y)", "2", "-1/3", "z^(1/2)", "(a + b)^(-2)", "y^n", "E", "0"]
        func product() -> String {
            (0..<(1 + next(4))).map { _ in leaves[next(leaves.count)] + (next(3) == 0 ? "^\(next(5) - 2)" : "") }.joined(separator: "*")
        }
        var compared = 0, merged = 0
        for _ in 0..<3000 {
            guard let a = try? ExpressionParser.parse(product()).expr, let b = try? ExpressionParser.parse(product()).expr else { continue }
            let fast = Expr.mul([a, b])
            let general = Expr.mul([a, b, .one])
            XCTAssertTrue(fast === general, "\(a) * \(b): \(fast) vs \(general)")
            compared += 1
            if Expr.mergedProduct(a, b) != nil { merged += 1 }
        }
        XCTAssertGreaterThan(compared, 2500)
        XCTAssertGreaterThan(merged, 1000)  // the merge path is exercised, not only the others
    }
    /// Sorting terms through integer rows for products of integer powers gives the order of
    /// `compare`: random sets of distinct products (integer, rational, symbolic and float
    /// exponents), powers, sums, functions and symbols.
    func testCanonicalOrderOfTermsIsTheOrderOfCompare() throws {
        var rng = SplitMix64(state: 5)
        let bases = ["x", "y", "z", "sin(x)", "cos(x)", "(x + 1)", "(a + b)", "pi", "exp(y)", "GeV", "w1", "w10", "w2"]
        let exponents = ["1", "2", "3", "-1", "-2", "7", "1/2", "n", "2.5", "100000000000000000000"]
        var rowsUsed = 0
        for round in 0..<300 {
            var keys = Set<Expr>()
            let count = round % 3 == 0 ? 5 + rng.below(10) : 16 + rng.below(60)
            for _ in 0..<count {
                let text = (0..<(1 + rng.below(4))).map { _ in
                    "\(rng.pick(bases))^(\(rng.below(3) == 0 ? rng.pick(exponents) : String(rng.below(4) + 1)))"
                }.joined(separator: "*")
                let e = try ExpressionParser.parse(text).expr
                // terms of a sum carry no coefficient
                if case let .mul(c, factors) = e.kind, !c.isOne {
                    keys.insert(Expr.product(coefficient: .one, factors))
                } else if !e.isNumber {
                    keys.insert(e)
                }
            }
            let list = Array(keys)
            let fast = Expr.canonicalOrder(list).map { list[$0] }
            let reference = list.sorted { Expr.compare($0, $1) < 0 }
            XCTAssertEqual(fast.map(ObjectIdentifier.init), reference.map(ObjectIdentifier.init), "\(reference)")
            if list.count >= 16 { rowsUsed += 1 }
        }
        XCTAssertGreaterThan(rowsUsed, 150)
    }
    /// A smaller row prefix means a smaller row, at the edges of what fits: ranks around 254 and
    /// exponents around ±127 (a rank of 254 once shared its code with the ones past it, and
    /// sorted v254*w after v255*w).
    func testRowPrefixesOrderAsTheRows() {
        var rng = SplitMix64(state: 11)
        func row() -> [Int] {
            (0..<rng.below(10)).flatMap { _ in
                [[0, 1, 2, 252, 253, 254, 255, 256, 300][rng.below(9)], [-200, -128, -127, -126, -1, 0, 1, 126, 127, 128, 200][rng.below(11)]]
            }
        }
        func less(_ a: [Int], _ b: [Int]) -> Bool {
            for k in stride(from: 0, to: min(a.count, b.count), by: 2) {
                if a[k] != b[k] { return a[k] < b[k] }
                if a[k + 1] != b[k + 1] { return a[k + 1] > b[k + 1] }
            }
            return a.count < b.count
        }
        for _ in 0..<200_000 {
            let a = row(), b = row()
            let (pa, pb) = (Expr.rowPrefix(a[...]), Expr.rowPrefix(b[...]))
            if pa.0 < pb.0 || pa.0 == pb.0 && pa.1 < pb.1 {
                XCTAssertTrue(less(a, b), "\(a) has the smaller prefix but sorts after \(b)")
            }
        }
    }

    /// Sums over hundreds of symbols and with exponents past what a row prefix holds sort as
    /// `compare` sorts them.
    func testLargeSumsSortAsCompareSorts() throws {
        var rng = SplitMix64(state: 3)
        for round in 0..<40 {
            let names = (0..<(200 + rng.below(200))).map { "v" + String(1000 + $0).dropFirst() }
            let terms = (0..<(50 + rng.below(300))).map { _ in
                (0..<(1 + rng.below(3))).map { _ in "\(rng.pick(names))^(\([1, 2, 127, 128, 129, 300, -1, -127, -128, -300][rng.below(10)]))" }
                    .joined(separator: "*") + (round % 2 == 0 ? "*w" : "")
            }
            let e = try ExpressionParser.parse(terms.joined(separator: " + ")).expr
            guard case let .add(_, ts) = e.kind else { continue }
            let keys = ts.map(\.expr)
            XCTAssertEqual(keys.map(ObjectIdentifier.init), keys.sorted { Expr.compare($0, $1) < 0 }.map(ObjectIdentifier.init))
        }
    }
}
