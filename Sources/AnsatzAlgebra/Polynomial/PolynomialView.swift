import AnsatzCore
import AnsatzNumbers
import CFlint

/// Expressions as polynomials in one variable, for solving and integrating: the numerator and
/// denominator of a rational function, the numerator factored over Q (FLINT), and each factor's
/// coefficients as expressions in the other symbols.
public enum PolynomialView {
    /// Largest degree in the variable that is factored (FLINT's factoriser cannot be interrupted).
    public static let maxFactorDegree = 1000

    /// e = constant · Π factor^multiplicity / denominator, coprime, with each factor given by its
    /// coefficients in the variable, lowest degree first.
    public struct Factored: Sendable {
        public let constant: Expr
        public let factors: [(coefficients: [Expr], multiplicity: Int)]
        public let denominator: Expr
        /// The denominator's coefficients in the variable, lowest degree first.
        public let denominatorCoefficients: [Expr]
    }

    /// Nil when e is not a rational function of `variable` (it occurs inside a function, a
    /// fractional power or an exponent).
    public static func factored(_ e: Expr, in variable: String, budget: Budget = .unlimited) throws -> Factored? {
        var form = PolyForm(mode: .fraction, budget: budget)
        do { try form.prepare([e]) } catch is PolyForm.NotRational { return nil }
        for key in form.keys where key.base.symbolNames.contains(variable) {
            guard case let .symbol(s) = key.base.kind, s.name == variable, form.denominators[key, default: 1] == 1 else { return nil }
        }
        let (rawNum, rawDen) = try form.fraction(e)
        let (num, den) = try form.reduced(rawNum, rawDen)
        guard !num.isZero else {
            return Factored(constant: .zero, factors: [], denominator: try form.expression(den),
                            denominatorCoefficients: try coefficients(of: try form.expression(den), in: variable, budget) ?? [])
        }
        // FLINT's factorisation cannot be interrupted: x^100000 - 1 runs for minutes
        if let i = form.keys.firstIndex(where: { if case let .symbol(s) = $0.base.kind { s.name == variable } else { false } }),
           num.degrees[i] > maxFactorDegree {
            throw Diagnostic(.limit, "degree \(num.degrees[i]) in \(variable) is past the \(maxFactorDegree) factored here",
                             hint: "substitute y = \(variable)^k where the powers allow, or lower the degree")
        }
        guard let (c, parts) = try num.factored() else {
            throw Diagnostic(.limit, "FLINT could not factor the numerator", hint: "try a simpler form")
        }
        var constant = Expr.rational(c)
        var factors: [(coefficients: [Expr], multiplicity: Int)] = []
        for (p, k) in parts {
            let expr = try form.expression(p)
            guard expr.symbolNames.contains(variable) else {
                constant = Expr.mul([constant, Expr.pow(expr, .integer(k))])
                continue
            }
            guard let cs = try coefficients(of: expr, in: variable, budget) else { return nil }
            factors.append((cs, k))
        }
        let denominator = try form.expression(den)
        guard let dcs = try coefficients(of: denominator, in: variable, budget) else { return nil }
        return Factored(constant: constant, factors: factors, denominator: denominator, denominatorCoefficients: dcs)
    }

    /// The coefficients of a polynomial in `variable`, lowest degree first; nil when it is not one.
    public static func coefficients(of e: Expr, in variable: String, _ budget: Budget = .unlimited) throws -> [Expr]? {
        let expanded = try Expand.expand(e, budget: budget)
        var byDegree: [Int: [Expr]] = [:]
        let terms: [Expr]
        if case let .add(c, ts) = expanded.kind {
            terms = [.number(c)] + ts.map { Expr.scaled($0.expr, by: $0.coefficient) }
        } else {
            terms = [expanded]
        }
        for t in terms where !t.isZero {
            guard let (k, rest) = degree(of: t, in: variable) else { return nil }
            byDegree[k, default: []].append(rest)
        }
        guard let top = byDegree.keys.max() else { return [] }
        guard top <= 100_000 else { throw Diagnostic(.limit, "the degree \(top) is too high", hint: "lower the powers") }
        return (0...top).map { Expr.add(byDegree[$0] ?? []) }
    }

    /// A term as coefficient · variable^k (k a whole number ≥ 0); nil when it is not one.
    static func degree(of t: Expr, in variable: String) -> (Int, Expr)? {
        if !t.symbolNames.contains(variable) { return (0, t) }
        switch t.kind {
        case let .symbol(s) where s.name == variable:
            return (1, .one)
        case let .pow(b, p):
            guard case let .symbol(s) = b.kind, s.name == variable, let q = p.rationalValue, q.isInteger, q.signum > 0,
                  let k = q.numerator.intValue else { return nil }
            return (k, .one)
        case let .mul(c, factors):
            var k = 0
            var rest: [Expr] = [.number(c)]
            for f in factors {
                if case let .symbol(s) = f.base.kind, s.name == variable {
                    guard let q = f.exponent.rationalValue, q.isInteger, q.signum > 0, let n = q.numerator.intValue else { return nil }
                    k += n
                } else if f.base.symbolNames.contains(variable) || f.exponent.symbolNames.contains(variable) {
                    return nil
                } else {
                    rest.append(Expr.pow(f.base, f.exponent))
                }
            }
            return (k, Expr.mul(rest))
        default:
            return nil
        }
    }

    /// The resultant of two polynomials in `variable` (the other symbols as parameters): zero
    /// exactly where they have a common root. Nil when either is not a polynomial.
    public static func resultant(_ a: Expr, _ b: Expr, in variable: String, budget: Budget = .unlimited) throws -> Expr? {
        var form = PolyForm(mode: .fraction, budget: budget)
        do { try form.prepare([a, b]) } catch is PolyForm.NotRational { return nil }
        guard let i = form.keys.firstIndex(where: { key in
            if case let .symbol(s) = key.base.kind { return s.name == variable } else { return false }
        }) else { return nil }
        // other symbols may carry fractional powers (sqrt(g) is a generator like any other)
        guard form.denominators[form.keys[i], default: 1] == 1 else { return nil }
        let (pa, _) = try form.fraction(a), (pb, _) = try form.fraction(b)
        try MPoly.requireModestDegrees(pa, pb)
        let r = MPoly(form.ring)
        guard fmpq_mpoly_resultant(r.raw, pa.raw, pb.raw, i, form.ring.ctx) != 0 else { return nil }
        return try form.expression(r)
    }
}

extension PolynomialView {
    /// The greatest common divisor of two polynomials (monic in FLINT's normalisation); nil when
    /// either is not a polynomial with rational coefficients in its symbols.
    public static func gcd(_ a: Expr, _ b: Expr, budget: Budget = .unlimited) throws -> Expr? {
        var form = PolyForm(mode: .fraction, budget: budget)
        do { try form.prepare([a, b]) } catch is PolyForm.NotRational { return nil }
        for key in form.keys where form.denominators[key, default: 1] != 1 { return nil }
        let (pa, da) = try form.fraction(a), (pb, db) = try form.fraction(b)
        guard da.isConstant, db.isConstant, let g = try MPoly.gcd(pa, pb) else { return nil }
        return try form.expression(g)
    }
}
