import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzParse
import AnsatzUnits
import Foundation

/// `ansatz-bench scaling OP SHAPE N [--runs R]`: one operation on one generated input of n terms,
/// timed (median of R runs; the input is built before the clock starts), printed as one JSON line
/// with the input's memory per term and the process's peak memory. The script
/// `run-scaling-benchmark.sh` runs each (operation, shape, n) in a process of its own, so that one
/// measurement's intern table and heap do not weigh on the next, and fits the exponents.
///
/// Shapes (every term distinct, so nothing collapses when built):
/// - `few`: Σ c_i·a^e0·b^e1·…·h^e7 over 8 symbols, the exponents the base-6 digits of i;
/// - `many`: Σ c_i·x_i^2·y_i, 2n symbols (the shape of the table);
/// - `product`: Π x_i^(1 + i mod 3), n symbols.
enum ScalingBench {
    static let letters = ["a", "b", "c", "d", "e", "f", "g", "h"]

    static func term(_ shape: String, _ i: Int) -> String {
        let c = 1 + i % 97
        switch shape {
        case "few":
            var parts = ["\(c)"]
            var k = i
            for name in letters {
                let e = k % 6
                k /= 6
                if e == 1 { parts.append(name) } else if e > 1 { parts.append("\(name)^\(e)") }
            }
            return parts.joined(separator: "*")
        case "many":
            return "\(c)*x_\(i)^2*y_\(i)"
        default:
            return i % 3 == 0 ? "x_\(i)" : "x_\(i)^\(1 + i % 3)"
        }
    }

    /// The same input built through the constructors (parsing 10^6 terms takes longer than most
    /// operations on them; the parse operation still times the parser on the text).
    static func build(_ shape: String, _ n: Int) -> Expr {
        let symbols = letters.map { Expr.symbol($0) }
        func term(_ i: Int) -> Expr {
            let c = Expr.integer(1 + i % 97)
            switch shape {
            case "few":
                var parts = [c]
                var k = i
                for s in symbols {
                    let e = k % 6
                    k /= 6
                    if e > 0 { parts.append(Expr.pow(s, .integer(e))) }
                }
                return Expr.mul(parts)
            case "many":
                return Expr.mul([c, Expr.pow(.symbol("x_\(i)"), .integer(2)), .symbol("y_\(i)")])
            default:
                return Expr.pow(.symbol("x_\(i)"), .integer(1 + i % 3))
            }
        }
        let parts = (0..<n).map(term)
        return shape == "product" ? Expr.mul(parts) : Expr.add(parts)
    }

    static func text(_ shape: String, _ n: Int) -> String {
        let separator = shape == "product" ? "*" : " + "
        return (0..<n).map { term(shape, $0) }.joined(separator: separator)
    }

    /// Units for `check_dimensions`: every symbol declared, each term of `few` and `many` an energy.
    static func environment(_ shape: String, _ n: Int) -> UnitEnvironment {
        var declared: [String: AnsatzUnits.Dimension] = [:]
        let energy = AnsatzUnits.Dimension.mass * AnsatzUnits.Dimension.length.power(Rational(2)) / AnsatzUnits.Dimension.time.power(Rational(2))
        switch shape {
        case "few":
            for name in letters { declared[name] = .dimensionless }
            return UnitEnvironment(declared: declared)
        case "many":
            for i in 0..<n {
                declared["x_\(i)"] = energy
                declared["y_\(i)"] = energy.power(Rational(-1))
            }
        default:
            for i in 0..<n { declared["x_\(i)"] = energy }
        }
        return UnitEnvironment(declared: declared)
    }

    static func residentBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func peakBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }

    static func size(_ e: Expr) -> Int {
        switch e.kind {
        case let .add(c, ts): return ts.count + (c.isZero ? 0 : 1)
        case let .mul(_, fs): return fs.count
        default: return 1
        }
    }

    static func run(_ args: [String]) throws {
        guard args.count >= 3, let n = Int(args[2]), n > 0 else {
            FileHandle.standardError.write(Data("usage: ansatz-bench scaling OP SHAPE N [--runs R]\n".utf8))
            exit(2)
        }
        let (op, shape) = (args[0], args[1])
        var runs = 3
        if let i = args.firstIndex(of: "--runs"), i + 1 < args.count, let r = Int(args[i + 1]) { runs = max(1, r) }
        let options = ParseOptions(syntax: .plain)
        let source = op == "parse" || op == "check_dimensions" ? text(shape, n) : ""
        let before = residentBytes()
        let input = build(shape, n)
        let inputBytes = max(0, residentBytes() - before)
        if n <= 10_000, !source.isEmpty, try ExpressionParser.parse(source, options: options).expr != input {
            FileHandle.standardError.write(Data("the built and the parsed input differ\n".utf8))
            exit(1)
        }
        let first = shape == "few" ? "a" : shape == "many" ? "x_1" : "x_1"
        let body: () throws -> Int
        switch op {
        case "parse":
            body = { size(try ExpressionParser.parse(source, options: options).expr) }
        case "print":
            body = { TextPrinter.print(input).utf8.count }
        case "expand":  // already expanded: the work is to see that
            body = { size(try Expand.expand(input)) }
        case "expand-mul":  // (u + v)·S with S of n/2 terms: n terms out
            let half = build(shape, max(1, n / 2))
            let product = Expr.mul([Expr.add([.symbol("u"), .symbol("v")]), half])
            body = { size(try Expand.expand(product)) }
        case "cancel":
            body = { size(try RationalFunctions.cancel(input).value) }
        case "simplify":
            body = { size(try Simplify.simplify(input).value) }
        case "differentiate":
            body = { size(try Derivative.of(input, by: first)) }
        case "substitute":
            let rule = (Expr.symbol(first), Expr.integer(2))
            body = { size(try Substitution.apply(input, [rule])) }
        case "check_dimensions":
            let environment = environment(shape, n)
            body = { try DimensionCheck.check(source, environment: environment).sides.count }
        default:
            FileHandle.standardError.write(Data("unknown operation \(op)\n".utf8))
            exit(2)
        }
        var times: [Double] = []
        var check = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            check = try body()
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        times.sort()
        let median = times[times.count / 2]
        print("{\"op\":\"\(op)\",\"shape\":\"\(shape)\",\"n\":\(n),\"seconds\":\(median),\"result_size\":\(check),"
            + "\"input_bytes_per_term\":\(Double(inputBytes) / Double(n)),\"peak_bytes\":\(peakBytes())}")
    }
}
