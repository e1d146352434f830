import TestSupport
import AnsatzNumbers
import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzParse

final class ExpandTests: XCTestCase {
    /// FLINT's expansion, written back with monomials ordered by their exponent vectors, is the
    /// very node that distributing term by term through the canonical constructors gives.
    func testFlintPathBuildsTheCanonicalNode() throws {
        var rng = SplitMix64(state: 404)
        let atoms = ["x", "y", "z", "sin(x)", "a_1", "3", "-2", "1/2", "exp(y)"]
        func poly(_ depth: Int) -> String {
            if depth == 0 || rng.below(4) == 0 { return rng.pick(atoms) }
            switch rng.below(3) {
            case 0: return "(\(poly(depth - 1)) + \(poly(depth - 1)))"
            case 1: return "(\(poly(depth - 1)))*(\(poly(depth - 1)))"
            default: return "(\(poly(depth - 1)) - \(poly(depth - 1)))^\(rng.below(2) + 2)"
            }
        }
        for _ in 0..<400 {
            let e = try ExpressionParser.parse(poly(3), options: ParseOptions(syntax: .plain)).expr
            let viaFlint = try Expand.expand(e)
            let distributed = try Expand.distribute(e, .unlimited)
            XCTAssertTrue(viaFlint === distributed, "\(e)\n flint: \(viaFlint)\n distributed: \(distributed)")
        }
    }

    /// Rings of more than 64 generators stay sparse, and a large product in a small ring goes to
    /// FLINT's dense kernel: both give the node that distributing term by term gives. An expanded
    /// input comes back as itself, and cancelling a polynomial is expanding it.
    func testSparseAndDensePathsAndExpandedInputs() throws {
        var rng = SplitMix64(state: 17)
        let names = (0..<90).map { "x_\($0)" }
        func sum(_ terms: Int) -> String {
            (0..<terms).map { _ in
                "\(rng.below(7) + 1)*\(rng.pick(names))^\(rng.below(3) + 1)*\(rng.pick(names))"
            }.joined(separator: " + ")
        }
        let parse = { try ExpressionParser.parse($0, options: ParseOptions(syntax: .plain)).expr }
        for _ in 0..<20 {
            let e = try parse("(\(sum(30)))*(\(sum(25)) - 3)")  // about 90 generators: sparse
            let expanded = try Expand.expand(e)
            XCTAssertTrue(expanded === (try Expand.distribute(e, .unlimited)), "\(e)")
            XCTAssertTrue(try Expand.expand(expanded) === expanded)
            XCTAssertTrue(try RationalFunctions.cancel(e).value === expanded)
        }
        // 165 x 165 term products in 4 generators: FLINT's multiplication
        let dense = try parse("(x + y + z + 1)^8*(x - 2*y + z/3 + w)^8")
        let viaFlint = try Expand.expand(dense)
        XCTAssertTrue(viaFlint === (try Expand.distribute(dense, .unlimited)))
        XCTAssertTrue(try Expand.expand(viaFlint) === viaFlint)
        // the square of a sum of 80 symbols: 80 squares and C(80, 2) = 3160 cross terms, each 2
        let square = try Expand.expand(try parse("(" + names.prefix(80).joined(separator: " + ") + ")^2"))
        guard case let .add(_, terms) = square.kind else { return XCTFail("\(square)") }
        XCTAssertEqual(terms.count, 80 + 3160)
        XCTAssertEqual(terms.filter { $0.coefficient == .rational(Rational(2)) }.count, 3160)
    }

    /// A sparse monomial keeps 40 bits of exponent: inputs and results past 2^40 take the general
    /// path (distribution, or FLINT's fraction path for cancel) and still come out exact and in
    /// canonical order (the order key covers every exponent an Int holds).
    func testExponentsPastTheSparseWidth() throws {
        let parse = { try ExpressionParser.parse($0, options: ParseOptions(syntax: .plain)).expr }
        // by hand: 2^40 = 1099511627776, 2^39 = 549755813888
        XCTAssertEqual(try Expand.expand(parse("x^(2^40)*(x + 1)")).description, "x^1099511627777 + x^1099511627776")
        XCTAssertEqual(try Expand.expand(parse("(x^(2^39) + 1)^2")).description, "x^1099511627776 + 2*x^549755813888 + 1")
        XCTAssertEqual(try RationalFunctions.cancel(parse("(x^(2^40) + 1)^2")).value.description,
                       "x^2199023255552 + 2*x^1099511627776 + 1")
        for text in ["(x^(2^31) + x + y)^2", "(x^(2^38) + y)^4"] {
            let e = try Expand.expand(parse(text))
            XCTAssertTrue(try parse(e.description) === e, "\(e) is not in canonical order")
            XCTAssertTrue(e === (try Expand.distribute(parse(text), .unlimited)))
        }
    }

    /// Simplify still finds a factored form for an expanded power of a few thousand terms'
    /// nodes (its factor candidate stops at 20,000 nodes).
    func testSimplifyFactorsAnExpandedPower() throws {
        let e = try Expand.expand(try ExpressionParser.parse("(a + b + c + d + e + f + g + h)^5", options: ParseOptions(syntax: .plain)).expr)
        XCTAssertGreaterThan(e.treeSize(limit: 100_000), 5_000)
        XCTAssertEqual(try Simplify.simplify(e).value.description, "(a + b + c + d + e + f + g + h)^5")
    }
}
