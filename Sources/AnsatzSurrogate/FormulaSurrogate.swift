import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzNumeric
import AnsatzParse
import Foundation

/// A closed-form surrogate: an expression in the parameters with named coefficients fitted by
/// least squares (Levenberg–Marquardt on the compiled expression and its symbolic gradient).
public struct FormulaSurrogate: Sendable {
    public enum Residuals: String, Sendable, CaseIterable {
        /// (f − y)
        case absolute
        /// (f − y)/y: every row counts alike however large its value
        case relative
    }

    /// the form, as written by the printer (re-read on load)
    public var expression: String
    public var coefficients: [(name: String, value: Double)]
    /// of the coefficients, from the Jacobian at the optimum, scaled by the residual variance
    public var covariance: [[Double]]
    public var residuals: Residuals
    /// root mean square residual (in the `residuals` sense): the misfit a prediction carries
    public var residualScale: Double

    var json: JSONValue {
        .object([
            ("kind", .string("formula")),
            ("expression", .string(expression)),
            ("coefficients", .array(coefficients.map { .object([("name", .string($0.name)), ("value", .double($0.value))]) })),
            ("covariance", .array(covariance.map { .array($0.map { .double($0) }) })),
            ("residuals", .string(residuals.rawValue)),
            ("residual_scale", .double(residualScale)),
        ])
    }

    /// The most coefficients a formula has (a prediction's uncertainty costs their square).
    public static let maxCoefficients = 32
    /// The longest formula read.
    public static let maxExpressionLength = 4096

    static func read(_ f: Fields, names parameters: [String]) throws -> FormulaSurrogate {
        let coefficients = try f.array("coefficients").enumerated().map { i, item -> (name: String, value: Double) in
            let c = try Fields(item, "\(f.path).coefficients[\(i)]")
            return (try c.string("name"), try c.number("value"))
        }
        guard coefficients.count <= maxCoefficients else { throw SurrogateError("\(f.path) has \(coefficients.count) coefficients; at most \(maxCoefficients)") }
        let names = coefficients.map(\.name)
        guard Set(names).count == names.count, Set(names).isDisjoint(with: parameters) else {
            throw SurrogateError("\(f.path).coefficients must have distinct names, none a parameter's")
        }
        let rows = try f.array("covariance")
        guard rows.count == coefficients.count else { throw SurrogateError("\(f.path).covariance needs one row per coefficient") }
        let covariance = try rows.enumerated().map { i, row -> [Double] in
            guard let items = row.arrayValue, items.count == coefficients.count else {
                throw SurrogateError("\(f.path).covariance[\(i)] needs one number per coefficient")
            }
            return try items.enumerated().map { try Fields.number($1, "\(f.path).covariance[\(i)][\($0)]") }
        }
        let formula = FormulaSurrogate(expression: try f.string("expression"), coefficients: coefficients, covariance: covariance,
                                       residuals: try f.choice("residuals", Residuals.self), residualScale: try f.number("residual_scale"))
        guard formula.residualScale >= 0 else { throw SurrogateError("\(f.path).residual_scale is negative") }
        // the expression must read, and mention only parameters and coefficients
        _ = try formula.compiled(parameters: parameters)
        return formula
    }

    /// The expression with the coefficients' values in it, and its gradient in the coefficients,
    /// compiled over the parameters: outputs f, ∂f/∂c₁, ….
    func compiled(parameters: [String]) throws -> BatchProgram {
        guard expression.utf8.count <= Self.maxExpressionLength else {
            throw SurrogateError("the formula is \(expression.utf8.count) bytes long; at most \(Self.maxExpressionLength) are read")
        }
        let parsed = try Self.parse(expression, parameters: parameters)
        let names = coefficients.map(\.name)
        let unknown = parsed.symbolNames.filter { !parameters.contains($0) && !names.contains($0) }
        guard unknown.isEmpty else {
            throw SurrogateError("the formula mentions \(unknown.joined(separator: ", ")), neither a parameter nor a coefficient")
        }
        var expressions = [parsed]
        // a bounded amount of differentiation: a formula from a file is untrusted
        let budget = Budget(milliseconds: 5_000, maxSteps: 2_000_000)
        for name in names { expressions.append(try Derivative.of(parsed, by: name, budget: budget)) }
        let values = try coefficients.map { c -> (Expr, Expr) in
            guard let r = Rational(String(c.value)) else { throw SurrogateError("coefficient \(c.name) is not a finite number") }
            return (Expr.symbol(c.name), Expr.rational(r))
        }
        let substituted = try expressions.map { try Substitution.apply($0, values) }
        return try BatchProgram.compile(substituted, inputs: parameters)
    }

    static func parse(_ text: String, parameters: [String]) throws -> Expr {
        var options = ParseOptions()
        options.symbols = Set(parameters)
        let result = try ExpressionParser.parse(text, options: options)
        if case .relation = result.expr.kind {
            throw SurrogateError("the formula is a relation; give the right-hand side only (an expression in the parameters)")
        }
        return result.expr
    }

    /// Fits the coefficients of `form` (every symbol that is not a parameter) to the table.
    public static func fit(form: String, names: [String], parameters: [[Double]], output: [Double],
                           residuals: Residuals, initial: [String: Double] = [:], maxIterations: Int = 200,
                           budget: Budget = .unlimited) throws -> FormulaSurrogate {
        let expr = try parse(form, parameters: names)
        let coefficientNames = expr.symbolNames.filter { !names.contains($0) }
        guard form.utf8.count <= maxExpressionLength, coefficientNames.count <= maxCoefficients else {
            throw SurrogateError("a formula has at most \(maxCoefficients) coefficients and \(maxExpressionLength) bytes")
        }
        guard !coefficientNames.isEmpty else {
            throw SurrogateError("the formula has no coefficients to fit: every symbol in it is a parameter",
                                 hint: "write the coefficients as names, e.g. exp(a + b*log(mass_GeV))")
        }
        if let stray = initial.keys.first(where: { !coefficientNames.contains($0) }) {
            throw SurrogateError("--initial names \(stray), which is not a coefficient of the formula; its coefficients are \(coefficientNames.joined(separator: ", "))")
        }
        let n = output.count, p = coefficientNames.count
        guard n > p else { throw SurrogateError("\(n) rows cannot fit \(p) coefficients") }
        if residuals == .relative, let zero = output.firstIndex(of: 0) {
            throw SurrogateError("relative residuals divide by the output, which is 0 at row \(zero + 1)", hint: "use --residuals absolute")
        }
        // f and its gradient, with the coefficients as inputs
        let gradient = try coefficientNames.map { try Derivative.of(expr, by: $0, budget: budget) }
        let program = try BatchProgram.compile([expr] + gradient, inputs: names + coefficientNames)
        let evaluator = BatchEvaluator(program)
        let weights = output.map { residuals == .relative ? 1 / abs($0) : 1 }
        func evaluate(_ c: [Double]) -> (r: [Double], jacobian: [[Double]], cost: Double)? {
            let columns = parameters + c.map { [Double](repeating: $0, count: n) }
            let values = evaluator.run(columns: columns, threads: 1)
            let r = (0..<n).map { (values[0][$0] - output[$0]) * weights[$0] }
            let jacobian = (0..<p).map { j in (0..<n).map { values[1 + j][$0] * weights[$0] } }
            let cost = r.reduce(0) { $0 + $1 * $1 }
            guard cost.isFinite, jacobian.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return nil }
            return (r, jacobian, cost)
        }
        var c = coefficientNames.map { initial[$0] ?? 0 }
        guard var current = evaluate(c) else {
            throw SurrogateError("the formula is not finite at every row with the starting coefficients \(zip(coefficientNames, c).map { "\($0)=\($1)" }.joined(separator: ", "))",
                                 hint: "give starting values with --initial, e.g. --initial 'a=1,b=-4'")
        }
        var lambda = 1e-3
        for _ in 0..<maxIterations {
            try budget.spend(doing: "fitting the formula")
            let (normal, right) = normalEquations(current.jacobian, current.r)
            var improved = false
            for _ in 0..<30 {
                var damped = normal
                for j in 0..<p { damped[j * p + j] += lambda * max(normal[j * p + j], 1e-300) }
                guard let factor = try? Cholesky(damped, n: p, fixedJitter: 0) else { lambda *= 10; continue }
                let delta = factor.solve(right.map { -$0 })
                let candidate = (0..<p).map { c[$0] + delta[$0] }
                if let next = evaluate(candidate), next.cost <= current.cost {
                    let relativeDrop = (current.cost - next.cost) / max(current.cost, 1e-300)
                    c = candidate
                    current = next
                    lambda = max(lambda / 10, 1e-12)
                    improved = relativeDrop > 1e-14
                    break
                }
                lambda *= 10
            }
            if !improved { break }
        }
        let dof = Double(n - p)
        let residualVariance = current.cost / dof
        let (normal, _) = normalEquations(current.jacobian, current.r)
        guard let factor = try? Cholesky(normal, n: p, fixedJitter: 0) else {
            throw SurrogateError("the coefficients are not determined by the table (the Jacobian is rank deficient at the fit)",
                                 hint: "remove a coefficient that others can absorb (a + b + c*x has one too many)")
        }
        let inverse = factor.inverse()
        let covariance = (0..<p).map { i in (0..<p).map { j in inverse[j * p + i] * residualVariance } }
        return FormulaSurrogate(expression: TextPrinter.print(expr), coefficients: Array(zip(coefficientNames, c)).map { ($0.0, $0.1) },
                                covariance: covariance, residuals: residuals, residualScale: residualVariance.squareRoot())
    }
}

/// JᵀJ (column-major p×p) and Jᵀr, for J given as p columns of n.
func normalEquations(_ jacobian: [[Double]], _ r: [Double]) -> ([Double], [Double]) {
    let p = jacobian.count
    var normal = [Double](repeating: 0, count: p * p)
    var right = [Double](repeating: 0, count: p)
    for i in 0..<p {
        right[i] = dot(jacobian[i], r)
        for j in 0...i {
            let v = dot(jacobian[i], jacobian[j])
            normal[j * p + i] = v
            normal[i * p + j] = v
        }
    }
    return (normal, right)
}
