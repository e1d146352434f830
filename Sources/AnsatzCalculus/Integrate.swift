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
        let x = Probe.symbols(of: f).first { $0.name == variable } ?? Symbol(variable)
        return try LargeStack.run(ifDeeperThan: 0) {
            var integrator = Integrator(x: x, budget: budget)
            guard let raw = try integrator.integrate(f) else {
                throw fail("no antiderivative found for \(f.description.count > 200 ? "this integrand" : f.description) in elementary functions by the methods tried",
                           "the integral may not be elementary (exp(-x^2), sin(x)/x), or need a substitution: rewrite it, or give bounds for a numeric value")
            }
            let value = try integrator.tidy(raw)
            try check(value, f, x, budget)
            return Antiderivative(value: value, methods: integrator.methods, conditions: integrator.conditions)
        }
    }

    /// d/dx F = f, or E-INTERNAL (the answer withheld).
    static func check(_ F: Expr, _ f: Expr, _ x: Symbol, _ budget: Budget) throws {
        let difference = try Derivative.of(F, by: x.name, budget: budget) - f
        if difference.isZero { return }
        switch try Probe.zero(difference, budget: budget) {
        case .zero: return
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
