import TestSupport
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
}
