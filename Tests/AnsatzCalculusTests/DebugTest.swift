import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzParse
import XCTest
@testable import AnsatzCalculus

final class DebugTests: XCTestCase {
    func testDebug() throws {
        var options = ParseOptions()
        options.assumptions = ["T": .positive, "L": .positive, "g": .positive]
        let e = try ExpressionParser.parse("T - 2*pi*sqrt(L/g)", options: options).expr
        let L = Probe.symbols(of: e).first { $0.name == "L" }!
        var solver = Solver(budget: .unlimited)
        let roots = try solver.univariate(e, L)
        for r in roots {
            print("ROOT", r.value, Probe.symbols(of: r.value).map { "\($0.name):\($0.assumptions.rawValue)" })
            let residual = try Substitution.apply(e, [(Expr.symbol(L), r.value)])
            print("RES", residual, try Probe.zero(residual, budget: .unlimited))
        }
        print(solver.notes)
    }
}
