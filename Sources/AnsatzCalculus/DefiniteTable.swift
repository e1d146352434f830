import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers

/// Definite integrals over [0, oo) (and the whole line for Gaussians) that have no elementary
/// antiderivative but a closed form, each returned only after quadrature confirms it:
///   ∫ x^p e^(-a x)       = Γ(p+1)/a^(p+1)                 (p > -1)
///   ∫ x^p e^(-a x^2)     = Γ((p+1)/2)/(2 a^((p+1)/2))     (p > -1; twice that on the line for even p)
///   ∫ x^p/(e^(a x) - 1)  = Γ(p+1) ζ(p+1)/a^(p+1)           (p > 0, Bose–Einstein)
///   ∫ x^p/(e^(a x) + 1)  = (1 - 2^-p) Γ(p+1) ζ(p+1)/a^(p+1) (p > -1, Fermi–Dirac; log(2)/a at p = 0)
/// (Gradshteyn and Ryzhik 3.381.4, 3.326.2, 3.411.1 and 3.411.3.)
enum DefiniteTable {
    static func value(_ f: Expr, _ x: String, from a: Limit.Point, to b: Limit.Point) throws -> Expr? {
        let wholeLine = a == .minusInfinity && b == .plusInfinity
        guard wholeLine || (a == .finite(.zero) && b == .plusInfinity) else { return nil }
        let factors: [(Expr, Expr)]
        switch f.kind {
        case let .mul(c, fs): factors = [(.number(c), .one)] + fs.map { ($0.base, $0.exponent) }
        default: factors = [(f, .one)]
        }
        func isX(_ e: Expr) -> Bool { if case let .symbol(s) = e.kind { return s.name == x } else { return false } }
        func free(_ e: Expr) -> Bool { !e.symbolNames.contains(x) }
        var p = Rational.zero
        var constant: [Expr] = []
        var kind: (String, Expr)?  // ("exp1" | "exp2" | "bose" | "fermi", a)
        for (base, exponent) in factors {
            let power = Expr.pow(base, exponent)
            if free(power) { constant.append(power); continue }
            if isX(base), let q = exponent.rationalValue { p = p + q; continue }
            guard kind == nil else { return nil }
            if exponent.isOne, case let .function(.builtin(.exp), args) = base.kind,
               let cs = try PolynomialView.coefficients(of: args[0], in: x), cs.allSatisfy(free), cs.first?.isZero == true {
                if cs.count == 2 { kind = ("exp1", -cs[1]) } else if cs.count == 3, cs[1].isZero { kind = ("exp2", -cs[2]) } else { return nil }
                continue
            }
            if exponent == .minusOne, case let .add(s, terms) = base.kind, terms.count == 1, terms[0].coefficient.isOne,
               case let .function(.builtin(.exp), args) = terms[0].expr.kind,
               let cs = try PolynomialView.coefficients(of: args[0], in: x), cs.count == 2, cs[0].isZero, free(cs[1]) {
                if s == .minusOne { kind = ("bose", cs[1]) } else if s == .one { kind = ("fermi", cs[1]) } else { return nil }
                continue
            }
            return nil
        }
        guard let (form, scale) = kind, scale.isKnownPositive || scale.rationalValue.map({ $0.signum > 0 }) == true else { return nil }
        let s = Expr.rational(p + Rational.one)
        let k = Expr.mul(constant)
        let value: Expr
        switch form {
        case "exp1":
            guard !wholeLine, p > Rational.minusOne else { return nil }
            value = Expr.function(.gamma, [s]) / Expr.pow(scale, s)
        case "exp2":
            guard p > Rational.minusOne else { return nil }
            let half = Expr.mul([.rational(.half), s])
            let halfLine = Expr.function(.gamma, [half]) / Expr.mul([.integer(2), Expr.pow(scale, half)])
            if wholeLine {
                guard p.isInteger else { return nil }
                let even = try p.numerator.floorDivMod(BigInt(2)).modulus.isZero
                value = even ? Expr.mul([.integer(2), halfLine]) : .zero
            } else {
                value = halfLine
            }
        case "bose":
            guard !wholeLine, p > Rational.zero else { return nil }
            value = Expr.mul([Expr.function(.gamma, [s]), Expr.function(.zeta, [s]), Expr.pow(scale, -s)])
        default:
            guard !wholeLine, p > Rational.minusOne else { return nil }
            if p.isZero { return Expr.mul([k, Expr.function(.log, [.integer(2)]), Expr.pow(scale, .minusOne)]) }
            let eta = Expr.one - Expr.pow(.integer(2), .rational(-p))
            value = Expr.mul([eta, Expr.function(.gamma, [s]), Expr.function(.zeta, [s]), Expr.pow(scale, -s)])
        }
        return Expr.mul([k, value])
    }
}
