import AnsatzAlgebra
import AnsatzCore
import AnsatzParse
import Foundation

/// The algebra cases of issue 4, each timed as the median of `runs` runs (one run = `reps`
/// repetitions, enough to be timeable), printed as JSON lines:
/// {"tool":"ansatz","case":"expand1","seconds":..}. Each result is checked (term counts, values).
enum AlgebraBench {
    struct Case {
        let name: String
        let reps: Int
        let setup: () throws -> () throws -> Int  // returns a check value (terms, or nodes)
        let expected: Int?
    }

    static func parse(_ s: String) throws -> Expr { try ExpressionParser.parse(s, options: ParseOptions(syntax: .plain)).expr }

    static func terms(_ e: Expr) -> Int {
        if case let .add(c, ts) = e.kind { return ts.count + (c.isZero ? 0 : 1) }
        return 1
    }

    static let identities: [(String, [String: Assumptions])] = [
        ("sin(theta)^2 + cos(theta)^2", [:]),
        ("cosh(eta)^2 - sinh(eta)^2", [:]),
        ("(m^2 - 2*m*M + M^2)/(m - M)", [:]),
        ("(1 - cos(x)^2)/sin(x)", [:]),
        ("2*sin(x)*cos(x)/sin(2*x)", [:]),
        ("(x^3 + 3*x^2*y + 3*x*y^2 + y^3)/(x + y)^2", [:]),
        ("tan(x)*cos(x)", [:]),
        ("(s - m^2)^2 + 2*m^2*(s - m^2) - s^2 + m^4", [:]),
        ("sqrt(p^2)", ["p": .positive]),
        ("log(a*b) - log(a) - log(b)", ["a": .positive, "b": .positive]),
    ]

    static var cases: [Case] {
        [
            Case(name: "expand (x+y+z+w+1)^15", reps: 5, setup: {
                let e = try parse("(x+y+z+w+1)^15")
                return { terms(try Expand.expand(e)) }
            }, expected: 3876),
            Case(name: "expand (x+y+z+w+1)^20", reps: 3, setup: {
                let e = try parse("(x+y+z+w+1)^20")
                return { terms(try Expand.expand(e)) }
            }, expected: 10626),
            Case(name: "e=(x+y+z+1)^20: expand e*(e+w)", reps: 2, setup: {
                let e = try Expand.expand(try parse("(x+y+z+1)^20"))
                let product = e * (e + .symbol("w"))
                return { terms(try Expand.expand(product)) }
            }, expected: 14112),
            Case(name: "expand (x+2*y)^6000", reps: 2, setup: {
                let e = try parse("(x+2*y)^6000")
                return { terms(try Expand.expand(e)) }
            }, expected: 6001),
            Case(name: "10th x-derivative of sin(x*y)*exp(x^2)/(1+x^2)", reps: 5, setup: {
                let e = try parse("sin(x*y)*exp(x^2)/(1+x^2)")
                // the check is the number of terms (the tree size, once measured here, is
                // not work a peer does)
                return { terms(try Derivative.of(e, by: Array(repeating: "x", count: 10))) }
            }, expected: nil),
            Case(name: "simplify 10 identities", reps: 5, setup: {
                let inputs = try identities.map { try ExpressionParser.parse($0.0, options: ParseOptions(syntax: .plain, assumptions: $0.1)).expr }
                return {
                    var simplified = 0
                    for e in inputs where try Simplify.simplify(e).value.treeSize(limit: 100) <= 4 { simplified += 1 }
                    return simplified
                }
            }, expected: 10),
        ]
    }

    static func run(runs: Int, only: String?) throws {
        for c in cases where only.map({ c.name.contains($0) }) ?? true {
            let body = try c.setup()
            let check = try body()  // warm-up and correctness
            if let expected = c.expected, check != expected {
                FileHandle.standardError.write(Data("\(c.name): got \(check), expected \(expected)\n".utf8))
                exit(1)
            }
            var times: [Double] = []
            for _ in 0..<runs {
                let start = ContinuousClock.now
                for _ in 0..<c.reps { _ = try body() }
                let elapsed = ContinuousClock.now - start
                times.append((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) / Double(c.reps))
                Expr.collectUnused()
            }
            times.sort()
            let median = times[times.count / 2]
            print("{\"tool\":\"ansatz\",\"case\":\"\(c.name)\",\"seconds\":\(median),\"check\":\(check)}")
        }
    }
}
