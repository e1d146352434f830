import XCTest
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzParse
import TestSupport

/// Random expressions built through the public constructors: every shape the core can produce.
struct ExprGenerator {
    var rng: SplitMix64
    let symbols = ["x", "y", "z", "m_t", "alpha", "\\tilde{m}_1", "m_{\\tilde{t}}", "E", "x1", "sigma_tot", "theta", "rho_c_0", "g_"]
    let units = ["GeV", "m", "s", "fb", "kg", "TeV"]

    mutating func leaf() -> Expr {
        switch rng.below(10) {
        case 0: return .integer(rng.below(21) - 10)
        case 1:
            let digits = (0..<30).map { _ in String(rng.below(10)) }.joined()
            return .integer(BigInt("1" + digits) ?? .one)
        case 2: return .rational((try? Rational(rng.below(19) - 9, rng.below(9) + 1)) ?? .one)
        case 3:
            let value = Double(rng.below(2_000_001) - 1_000_000) / 997.0
            return .float((try? BigFloat(value, precision: rng.pick([53, 100]))) ?? (try? BigFloat(1.0)) ?? BigFloat.zeroForTests)
        case 4: return .constant(rng.pick([.pi, .e]))
        case 5: return .unit(rng.pick(units))
        default: return .symbol(rng.pick(symbols))
        }
    }

    func nonzero(_ e: Expr) -> Expr { e.isZero ? .integer(2) : e }

    mutating func expr(_ depth: Int) -> Expr {
        if depth == 0 || rng.below(4) == 0 { return leaf() }
        switch rng.below(9) {
        case 0, 1: return .add((0..<(2 + rng.below(3))).map { _ in expr(depth - 1) })
        case 2, 3: return .mul((0..<(2 + rng.below(2))).map { _ in expr(depth - 1) })
        // an exact zero is never divided by: the parser refuses 1/0 (E-DIVISION-BY-ZERO)
        case 4: return .pow(nonzero(expr(depth - 1)), rng.below(2) == 0 ? .integer(rng.below(7) - 3) : expr(depth - 1))
        case 5: return expr(depth - 1) / nonzero(expr(depth - 1))
        case 6: return -expr(depth - 1)
        case 7:
            let f = rng.pick(BuiltinFunction.allCases)
            return .function(f, (0..<f.arity).map { _ in expr(depth - 1) })
        default:
            return .function(named: rng.pick(["f", "g"]), (0..<(1 + rng.below(2))).map { _ in expr(depth - 1) })
        }
    }
}

extension BigFloat {
    static var zeroForTests: BigFloat { (try? BigFloat(0.0)) ?? BigFloat.zeroForTests }
}

final class RoundTripTests: XCTestCase {
    let options: ParseOptions = {
        var o = ParseOptions(syntax: .plain)
        o.functions = ["f", "g"]
        return o
    }()

    /// Counts a failure (and reports the first few) unless `encoded` reads back as the identical `e`.
    func expectRoundTrip(_ label: String, _ e: Expr, _ encoded: String, failures: inout Int,
                         _ read: (String) throws -> Expr) {
        let problem: String
        do {
            let back = try read(encoded)
            if back === e { return }
            problem = "\(encoded) came back as \(back), expected \(e)"
        } catch {
            problem = "\(encoded) did not read: \(error)"
        }
        failures += 1
        if failures < 10 { XCTFail("\(label): \(problem)") }
    }

    func testThousandsOfRandomExpressionsRoundTripThroughTextAndJSON() throws {
        var gen = ExprGenerator(rng: SplitMix64(state: 20261129))
        var failures = 0
        for i in 0..<4000 {
            var e = gen.expr(4)
            if i % 10 == 0 { e = .relation(gen.rng.pick(Relation.allCases), e, gen.expr(2)) }
            expectRoundTrip("text #\(i)", e, e.description, failures: &failures) {
                try ExpressionParser.parse($0, options: options).expr
            }
            expectRoundTrip("JSON #\(i)", e, JSONPrinter.json(e).serialized(), failures: &failures) {
                try JSONExprReader.expr(fromJSON: $0)
            }
        }
        XCTAssertEqual(failures, 0)
    }

    func testLaTeXOfRandomExpressionsReadsBack() throws {
        // LaTeX is for people, but what the printer writes the LaTeX front end must read, to the same value.
        var gen = ExprGenerator(rng: SplitMix64(state: 7))
        var failures = 0
        var latexOptions = ParseOptions(syntax: .latex)
        latexOptions.functions = ["f", "g"]
        for i in 0..<2000 {
            let e = gen.expr(3)
            if e.containsFloat { continue }  // LaTeX has no precision suffix
            expectRoundTrip("LaTeX #\(i)", e, LaTeXPrinter.print(e), failures: &failures) {
                try ExpressionParser.parse($0, options: latexOptions).expr
            }
        }
        XCTAssertEqual(failures, 0)
    }

    func testJSONReaderRejectsBadTrees() {
        for bad in ["{}", "{\"type\":\"symbol\",\"name\":\"x+y\"}", "{\"type\":\"function\",\"name\":\"sin\",\"args\":[]}",
                    "{\"type\":\"unit\",\"name\":\"apples\"}", "[1,2", String(repeating: "[", count: 100_000),
                    "{\"type\":\"rational\",\"numerator\":\"1\",\"denominator\":\"0\"}"] {
            XCTAssertThrowsError(try JSONExprReader.expr(fromJSON: bad), bad.prefix(40).description)
        }
    }
}

extension Expr {
    var containsFloat: Bool {
        switch kind {
        case .number(.float): return true
        case .number, .symbol, .constant, .unit: return false
        case let .add(c, terms):
            if case .float = c { return true }
            return terms.contains { if case .float = $0.coefficient { return true }; return $0.expr.containsFloat }
        case let .mul(c, factors):
            if case .float = c { return true }
            return factors.contains { $0.base.containsFloat || $0.exponent.containsFloat }
        case let .pow(b, e): return b.containsFloat || e.containsFloat
        case let .function(_, args): return args.contains { $0.containsFloat }
        case let .relation(_, l, r): return l.containsFloat || r.containsFloat
        }
    }
}
