import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzNumeric

/// Antiderivatives, each differentiated and compared with the integrand before it is returned
/// (a result that fails the check is a bug, never an answer), and definite integrals.
public enum Integrate {
    public struct Antiderivative: Sendable {
        public let value: Expr
        /// The methods used, in the order they applied (table, rational, parts, substitution, ...).
        public let methods: [String]
        /// Expressions assumed nonzero (x^n/(n+1) needs n + 1 != 0).
        public let conditions: [Expr]
    }

    static func fail(_ message: String, _ hint: String) -> Diagnostic { Diagnostic(.integrate, message, hint: hint) }

    /// An antiderivative of f with respect to `variable`, checked: d/dx F - f is zero (in balls at
    /// random points, where a nonzero value is proven). Throws E-INTEGRATE when none is found.
    public static func indefinite(_ f: Expr, _ variable: String, budget: Budget = .unlimited) throws -> Antiderivative {
        if case .relation = f.kind { throw fail("a relation has no integral", "integrate each side") }
        let given = Probe.symbols(of: f).first { $0.name == variable } ?? Symbol(variable)
        // the variable of integration is real (log(exp(x)) is x), unless declared otherwise
        let x = given.assumptions.isEmpty ? Symbol(variable, assumptions: .real) : given
        let integrand = try Substitution.apply(f, [(.symbol(given), .symbol(x))], budget: budget)
        do {
            return try search(integrand, given: given, x: x, budget: budget)
        } catch var d as Diagnostic where d.message.contains("·") {
            // an auxiliary variable of a substitution has no name the user wrote
            d.message = d.message.replacingOccurrences(of: "·", with: "an auxiliary ")
            throw d
        }
    }

    static func search(_ integrand: Expr, given: Symbol, x: Symbol, budget: Budget) throws -> Antiderivative {
        try LargeStack.run(ifDeeperThan: 0) {
            let f = integrand
            var integrator = Integrator(x: x, budget: budget)
            guard let raw = try integrator.integrate(f) else {
                throw fail("no antiderivative found for \(f.description.count > 200 ? "this integrand" : f.description) in elementary functions by the methods tried",
                           "the integral may not be elementary (exp(-x^2), sin(x)/x), or need a substitution: rewrite it, or give bounds for a numeric value")
            }
            let value = try integrator.tidy(raw)
            try check(value, f, x, budget)
            // back in the caller's symbol
            let back = try Substitution.apply(value, [(.symbol(x), .symbol(given))], budget: budget)
            let conditions = try integrator.conditions.map { try Substitution.apply($0, [(.symbol(x), .symbol(given))], budget: budget) }
            return Antiderivative(value: back, methods: integrator.methods, conditions: conditions)
        }
    }

    /// d/dx F = f, or E-INTERNAL (the answer withheld).
    static func check(_ F: Expr, _ f: Expr, _ x: Symbol, _ budget: Budget) throws {
        let difference = try Derivative.of(F, by: x.name, budget: budget) - f
        if difference.isZero { return }
        switch try Probe.zero(difference, budget: budget) {
        case .zero:
            // the random points lie within a few units of 0; sqrt(cos(x)^2) = cos(x) holds there
            // but not at x = 10: the check again on x ten times as far out
            let far = try Substitution.apply(difference, [(.symbol(x), Expr.mul([.integer(10), .symbol(x)]))], budget: budget)
            if try Probe.zero(far, budget: budget) == .nonzero {
                throw Diagnostic(.internalError, "the antiderivative found, \(F), differentiates back to the integrand only near 0",
                                 hint: "please report this integral; the answer was withheld")
            }
            return
        case .nonzero:
            throw Diagnostic(.internalError, "the antiderivative found, \(F), does not differentiate back to the integrand",
                             hint: "please report this integral; the answer was withheld")
        case .unknown:
            // undefined at the random points tried: simplify the difference
            if try Simplify.simplify(difference, budget: budget).value.isZero { return }
            throw fail("the antiderivative found could not be checked (it has no value at the points tried)",
                       "give the symbols assumptions (positive, real) so that the check has points to use")
        }
    }
}

extension Integrate {
    public struct Definite: Sendable {
        /// The exact value, when an antiderivative gave one that quadrature confirmed.
        public let value: Expr?
        /// The value as a decimal (at random values of the parameters when there are any:
        /// then only the check uses it and the text says so).
        public let decimal: String
        public let methods: [String]
        public let check: String
    }

    /// ∫_a^b f dx: the antiderivative's one-sided limits at the bounds, confirmed by
    /// double-exponential quadrature (at random values of other symbols); the quadrature alone
    /// when there is no antiderivative; an error when it diverges or nothing settles.
    public static func definite(_ f: Expr, _ variable: String, from a: Limit.Point, to b: Limit.Point, digits: Int = 15,
                                budget: Budget = .unlimited) throws -> Definite {
        if case .relation = f.kind { throw fail("a relation has no integral", "integrate each side") }
        for bound in [a, b] {
            if case let .finite(e) = bound, e.symbolNames.contains(variable) {
                throw fail("a bound depends on \(variable)", "give bounds free of the variable")
            }
        }
        if a == b { return Definite(value: .zero, decimal: "0", methods: [], check: "the bounds are equal") }
        // reversed bounds: minus the integral the other way
        if case .plusInfinity = a { return try negated(definite(f, variable, from: b, to: a, digits: digits, budget: budget)) }
        if case .minusInfinity = b { return try negated(definite(f, variable, from: b, to: a, digits: digits, budget: budget)) }
        // values for the other symbols (real, within their assumptions) for the numeric side
        var random = SplitMix64(state: 0xD1CE)
        let parameters = (Probe.symbols(of: f) + [a, b].flatMap { p -> [Symbol] in
            if case let .finite(e) = p { return Probe.symbols(of: e) } else { return [] }
        }).filter { $0.name != variable }
        var values: [String: BigFloat] = [:]
        var exactValues: [(Expr, Expr)] = []
        let bits = Int(Double(digits) * 3.33) + 32
        for s in parameters where values[s.name] == nil {
            var v = Probe.value(for: Symbol(s.name, assumptions: s.assumptions.union(.real)), &random).0
            if !s.assumptions.closed.contains(.real) { v = v.magnitude + Rational.half }  // real and positive when nothing is said
            values[s.name] = try BigFloat(v, precision: bits)
            exactValues.append((.symbol(s), .rational(v)))
        }
        func numeric(_ p: Limit.Point) throws -> BigFloat? {
            guard case let .finite(e) = p else { return nil }
            return try Evaluator.evaluate(try Substitution.apply(e, exactValues, budget: budget), at: [:], precision: bits)
        }
        let interval: Quadrature.Interval
        switch (a, b) {
        case (.minusInfinity, .plusInfinity): interval = .whole
        case (.minusInfinity, _): guard let hi = try numeric(b) else { throw fail("bad bounds", "check the bounds") }; interval = .lowerInfinite(hi)
        case (_, .plusInfinity): guard let lo = try numeric(a) else { throw fail("bad bounds", "check the bounds") }; interval = .upperInfinite(lo)
        default:
            guard let lo = try numeric(a), let hi = try numeric(b) else { throw fail("bad bounds", "check the bounds") }
            guard let order = BigFloat.compare(lo, hi) else { throw fail("a bound has no value", "check the bounds") }
            if order > 0 { return try negated(definite(f, variable, from: b, to: a, digits: digits, budget: budget)) }
            interval = .finite(lo, hi)
        }
        let quadrature = try Quadrature.integrate(f, variable, interval, values: values, digits: digits, budget: budget)
        let withParameters = !parameters.isEmpty
        // the exact value from an antiderivative
        var symbolic: Expr?
        var methods: [String] = []
        if let F = try? indefinite(f, variable, budget: budget) {
            methods = F.methods
            let upper = try? Limit.limit(F.value, variable, at: b, direction: b == .plusInfinity ? .both : .left, budget: budget)
            let lower = try? Limit.limit(F.value, variable, at: a, direction: a == .minusInfinity ? .both : .right, budget: budget)
            if let upper, let lower {
                switch (upper.value, lower.value) {
                case let (.finite(u), .finite(l)):
                    symbolic = try Simplify.simplify(u - l, budget: budget).value
                default:
                    throw fail("the integral diverges: the antiderivative \(F.value) is infinite at a bound", "check the bounds")
                }
            }
        }
        if symbolic == nil, let tabulated = try DefiniteTable.value(f, variable, from: a, to: b) {
            symbolic = try Simplify.simplify(tabulated, budget: budget).value
            methods.append("table of definite integrals")
        }
        guard let q = quadrature else {
            throw fail(symbolic == nil ? "no closed form was found (or its limits at the bounds were not) and the numeric quadrature did not converge: the integral may diverge, oscillate, or have a singularity inside the interval"
                                       : "the numeric quadrature did not settle, so the value from the antiderivative could not be confirmed",
                       "split the interval at singularities, or check that the integral converges")
        }
        let decimal = q.value.toString(digits: digits)
        if let value = symbolic {
            let at = try Evaluator.evaluate(try Substitution.apply(value, exactValues, budget: budget), at: [:], precision: bits)
            let difference = (at - q.value).abs.doubleValue
            if difference.isFinite, q.error.isFinite, difference <= max(100 * q.error, 1e-12 * max(1, q.value.abs.doubleValue)) {
                let note = withParameters ? " at random values of " + parameters.map(\.name).joined(separator: ", ") : ""
                return Definite(value: value, decimal: withParameters ? "" : at.toString(digits: digits), methods: methods,
                                check: "the antiderivative's limits at the bounds agree with numeric quadrature\(note) (difference \(String(format: "%.1e", difference)))")
            }
            // the antiderivative is discontinuous inside the interval (a branch cut, a pole of tan)
        }
        guard !withParameters else {
            throw fail("no exact value found for this definite integral", "give the symbols values for a numeric value")
        }
        return Definite(value: nil, decimal: decimal, methods: methods + ["double-exponential quadrature"],
                        check: "numeric: error estimate \(String(format: "%.1e", q.error)) (not a proof)")
    }

    static func negated(_ d: Definite) -> Definite {
        let decimal = d.decimal.isEmpty ? "" : (d.decimal.hasPrefix("-") ? String(d.decimal.dropFirst()) : "-" + d.decimal)
        return Definite(value: d.value.map { -$0 }, decimal: decimal, methods: d.methods, check: d.check)
    }
}
