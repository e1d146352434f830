import AnsatzNumbers
import CFunctions

/// The special functions' entries, in SymPy's spellings and conventions (mpmath's and SciPy's
/// names are aliases). Their numeric values come from Arb (`Sources/CFunctions`); derivatives
/// and exact values are the standard ones (DLMF chapters 5, 7, 8, 10, 19, 25, 4.13).
extension FunctionCatalog {
    static let specialEntries: [FunctionEntry] = {
        let two = Expr.integer(2)
        let rootPi = Expr.pow(.pi, .rational(.half))
        let realArgument: @Sendable (Expr) -> Bool = { $0.isKnownReal }
        @Sendable func digamma(_ x: Expr) -> Expr { .function(.digamma, [x]) }
        @Sendable func integer(_ x: Expr) -> Int? { x.rationalValue.flatMap { $0.isInteger ? $0.numerator.intValue : nil } }
        return [
            .unary(.gamma, "gamma", "the gamma function Γ(x)", latex: .operatorName("\\Gamma"),
                   domain: "x not 0, -1, -2, ... (poles)", kernel: ANS_FN_GAMMA, real: realArgument,
                   positive: { $0.isKnownPositive },
                   derivative: { Expr.function(.gamma, [$0]) * digamma($0) },
                   values: { x in x.rationalValue.flatMap(SpecialValues.gamma) }),
            .unary(.loggamma, "loggamma", "the logarithm of the gamma function, log Γ(x) (principal branch)",
                   aliases: ["lgamma", "gammaln"], latex: .operatorName("loggamma"), domain: "x > 0", kernel: ANS_FN_LOGGAMMA,
                   real: { $0.isKnownPositive }, derivative: { digamma($0) },
                   values: { x in
                       guard let n = integer(x), n >= 1, n <= 100, let g = SpecialValues.gamma(Rational(n)) else { return nil }
                       return Expr.function(.log, [g])
                   }),
            .unary(.digamma, "digamma", "the digamma function ψ(x) = Γ'(x)/Γ(x)", latex: .operatorName("\\psi"),
                   domain: "x not 0, -1, -2, ... (poles)", kernel: ANS_FN_DIGAMMA, real: realArgument,
                   derivative: { Expr.function(.polygamma, [.one, $0]) }),
            .binary(.polygamma, "polygamma", "the polygamma function ψ^(n)(x), the n-th derivative of digamma",
                    latex: .operatorName("polygamma"), domain: "integer n >= 0, x not 0, -1, -2, ...", kernel: ANS_FN_POLYGAMMA,
                    real: { n, x in n.isKnownInteger && n.isKnownNonnegative && x.isKnownReal },
                    partials: { n, x in (nil, Expr.function(.polygamma, [n + .one, x])) },
                    values: { n, x in
                        if n.isZero { return digamma(x) }
                        // ψ^(n)(1) = (-1)^(n+1) n! ζ(n+1)
                        guard x.isOne, let k = integer(n), k >= 1, let f = SpecialValues.factorial(k) else { return nil }
                        let sign = k % 2 == 1 ? Rational(f) : -Rational(f)
                        return Expr.rational(sign) * Expr.function(.zeta, [.integer(k + 1)])
                    }),
            .binary(.beta, "beta", "the beta function B(a, b) = Γ(a)Γ(b)/Γ(a+b)", latex: .operatorName("B"),
                    domain: "a, b not 0, -1, -2, ...", kernel: ANS_FN_BETA, real: { $0.isKnownReal && $1.isKnownReal },
                    positive: { $0.isKnownPositive && $1.isKnownPositive },
                    partials: { a, b in
                        let common = Expr.function(.beta, [a, b])
                        return (common * (digamma(a) - digamma(a + b)), common * (digamma(b) - digamma(a + b)))
                    },
                    values: { a, b in
                        if b.isOne { return Expr.pow(a, .minusOne) }
                        if a.isOne { return Expr.pow(b, .minusOne) }
                        guard let p = a.rationalValue, let q = b.rationalValue, let ga = SpecialValues.gamma(p),
                              let gb = SpecialValues.gamma(q), let gab = SpecialValues.gamma(p + q) else { return nil }
                        return ga * gb / gab
                    }),
            .unary(.factorial, "factorial", "the factorial x! = Γ(x + 1)", latex: .operatorName("factorial"),
                   domain: "x not -1, -2, ... (poles)", kernel: ANS_FN_FACTORIAL, real: realArgument,
                   positive: { $0.isKnownNonnegative },
                   derivative: { Expr.function(.factorial, [$0]) * digamma($0 + .one) },
                   values: { x in x.rationalValue.flatMap { SpecialValues.gamma($0 + .one) } }),
            .binary(.binomial, "binomial", "the binomial coefficient Γ(n+1)/(Γ(k+1)Γ(n-k+1))", aliases: [FunctionAlias("comb")],
                    latex: .operatorName("binomial"), domain: "n not a negative integer unless k is an integer",
                    kernel: ANS_FN_BINOMIAL, real: { $0.isKnownReal && $1.isKnownReal },
                    partials: { n, k in
                        let common = Expr.function(.binomial, [n, k])
                        return (common * (digamma(n + .one) - digamma(n - k + .one)),
                                common * (digamma(n - k + .one) - digamma(k + .one)))
                    },
                    values: { n, k in
                        if k.isZero { return .one }
                        if k.isOne { return n }
                        guard let p = n.rationalValue, let q = k.rationalValue, p.isInteger, q.isInteger,
                              let b = SpecialValues.binomial(p.numerator, q.numerator) else { return nil }
                        return .rational(Rational(b))
                    }),
            .unary(.zeta, "zeta", "the Riemann zeta function ζ(s)", latex: .operatorName("\\zeta"), domain: "s not 1 (a pole)",
                   kernel: ANS_FN_ZETA, real: realArgument,
                   derivative: { _ in nil }, values: { s in s.rationalValue.flatMap(SpecialValues.zeta) }),
            .binary(.hurwitzZeta, "zeta", "the Hurwitz zeta function ζ(s, a) = Σ 1/(n + a)^s", aliases: [FunctionAlias("hurwitz_zeta")],
                    latex: .operatorName("\\zeta"), domain: "s not 1, a > 0", kernel: ANS_FN_HURWITZ_ZETA,
                    real: { s, a in s.isKnownReal && a.isKnownPositive },
                    partials: { s, a in (nil, -s * Expr.function(.hurwitzZeta, [s + .one, a])) },
                    values: { s, a in a.isOne ? Expr.function(.zeta, [s]) : nil }),
            .binary(.polylog, "polylog", "the polylogarithm Li_s(x) = Σ x^k/k^s", aliases: [FunctionAlias("Li2", leading: [.integer(2)])],
                    latex: .operatorName("polylog"), domain: "x <= 1", kernel: ANS_FN_POLYLOG,
                    partials: { s, x in (nil, Expr.function(.polylog, [s - .one, x]) / x) },
                    values: { s, x in
                        if x.isZero { return .zero }
                        if s.isOne { return -Expr.function(.log, [.one - x]) }
                        if s.isZero { return x / (.one - x) }
                        if s.rationalValue == Rational(-1) { return x / Expr.pow(.one - x, two) }
                        guard let q = s.rationalValue else { return nil }
                        if x.isOne, q > .one { return Expr.function(.zeta, [s]) }
                        // Li_s(-1) = -(1 - 2^(1-s)) ζ(s)
                        if x.rationalValue == .minusOne, q.isInteger, q > .one, let k = q.numerator.intValue, k <= 64 {
                            return -(Expr.one - Expr.pow(two, .integer(1 - k))) * Expr.function(.zeta, [s])
                        }
                        // Li_2(1/2) = π²/12 - log(2)²/2
                        if q == Rational(2), x.rationalValue == .half {
                            return Expr.pow(.pi, two) / .integer(12) - Expr.pow(.function(.log, [two]), two) / two
                        }
                        return nil
                    }),
            .unary(.erf, "erf", "the error function", latex: .operatorName("erf"), domain: "all real x", kernel: ANS_FN_ERF,
                   real: realArgument, derivative: { two / rootPi * Expr.function(.exp, [-($0 * $0)]) },
                   values: { x in x.isZero ? .zero : negated(x).map { -Expr.function(.erf, [$0]) } }),
            .unary(.erfc, "erfc", "the complementary error function 1 - erf(x)", latex: .operatorName("erfc"),
                   domain: "all real x", kernel: ANS_FN_ERFC, real: realArgument, positive: realArgument,
                   derivative: { -two / rootPi * Expr.function(.exp, [-($0 * $0)]) },
                   values: { x in x.isZero ? .one : negated(x).map { two - Expr.function(.erfc, [$0]) } }),
            .unary(.erfi, "erfi", "the imaginary error function -i erf(i x)", latex: .operatorName("erfi"),
                   domain: "all real x", kernel: ANS_FN_ERFI, real: realArgument,
                   derivative: { two / rootPi * Expr.function(.exp, [$0 * $0]) },
                   values: { x in x.isZero ? .zero : negated(x).map { -Expr.function(.erfi, [$0]) } }),
            bessel(.besselj, "besselj", "the Bessel function of the first kind J_ν(x)", aliases: ["jv", "BesselJ"],
                   domain: "x > 0, or any real x for integer ν", kernel: ANS_FN_BESSEL_J,
                   derivative: { nu, x in (Expr.function(.besselj, [nu - .one, x]) - .function(.besselj, [nu + .one, x])) / two },
                   atZero: { nu in
                       // J_0(0) = I_0(0) = 1; 0 for Re ν > 0 and for negative integers (J_-n = ±J_n)
                       guard let q = nu.rationalValue else { return nil }
                       return q.isZero ? .one : (q > .zero || q.isInteger ? .zero : nil)
                   }, entire: true),
            bessel(.bessely, "bessely", "the Bessel function of the second kind Y_ν(x)", aliases: ["yv", "BesselY"],
                   domain: "x > 0", kernel: ANS_FN_BESSEL_Y,
                   derivative: { nu, x in (Expr.function(.bessely, [nu - .one, x]) - .function(.bessely, [nu + .one, x])) / two },
                   atZero: { _ in nil }),
            bessel(.besseli, "besseli", "the modified Bessel function of the first kind I_ν(x)", aliases: ["iv", "BesselI"],
                   domain: "x > 0, or any real x for integer ν", kernel: ANS_FN_BESSEL_I,
                   derivative: { nu, x in (Expr.function(.besseli, [nu - .one, x]) + .function(.besseli, [nu + .one, x])) / two },
                   atZero: { nu in
                       // J_0(0) = I_0(0) = 1; 0 for Re ν > 0 and for negative integers (J_-n = ±J_n)
                       guard let q = nu.rationalValue else { return nil }
                       return q.isZero ? .one : (q > .zero || q.isInteger ? .zero : nil)
                   }, entire: true),
            bessel(.besselk, "besselk", "the modified Bessel function of the second kind K_ν(x)", aliases: ["kv", "BesselK"],
                   domain: "x > 0", kernel: ANS_FN_BESSEL_K,
                   derivative: { nu, x in -(Expr.function(.besselk, [nu - .one, x]) + .function(.besselk, [nu + .one, x])) / two },
                   atZero: { _ in nil }, positive: { nu, x in nu.isKnownReal && x.isKnownPositive }),
            .binary(.expint, "expint", "the generalised exponential integral E_ν(x) = ∫_1^∞ e^(-x t)/t^ν dt",
                    latex: .operatorName("expint"), domain: "x > 0", kernel: ANS_FN_EXPINT,
                    positive: { nu, x in nu.isKnownReal && x.isKnownPositive },
                    partials: { nu, x in (nil, -Expr.function(.expint, [nu - .one, x])) },
                    values: { nu, x in
                        // E_ν(0) = 1/(ν - 1) for ν > 1
                        guard x.isZero, let q = nu.rationalValue, q > .one else { return nil }
                        return Expr.pow(nu - .one, .minusOne)
                    }),
            .unary(.ei, "Ei", "the exponential integral Ei(x) (principal value)", aliases: ["ei"], latex: .operatorName("Ei"),
                   domain: "x not 0", kernel: ANS_FN_EI, real: realArgument,
                   derivative: { Expr.function(.exp, [$0]) / $0 }),
            .unary(.ellipticK, "elliptic_k", "the complete elliptic integral of the first kind K(m), parameter m = k²",
                   aliases: ["ellipk"], latex: .operatorName("K"), domain: "m < 1", kernel: ANS_FN_ELLIPTIC_K,
                   derivative: { m in
                       (Expr.function(.ellipticE, [m]) - (.one - m) * .function(.ellipticK, [m])) / (two * m * (.one - m))
                   },
                   values: { $0.isZero ? Expr.pi / two : nil }),
            .unary(.ellipticE, "elliptic_e", "the complete elliptic integral of the second kind E(m), parameter m = k²",
                   aliases: ["ellipe"], latex: .operatorName("E"), domain: "m <= 1", kernel: ANS_FN_ELLIPTIC_E,
                   derivative: { m in (Expr.function(.ellipticE, [m]) - .function(.ellipticK, [m])) / (two * m) },
                   values: { m in m.isZero ? Expr.pi / two : (m.isOne ? .one : nil) }),
            .unary(.lambertw, "lambertw", "the Lambert W function, principal branch: W(x) e^W(x) = x",
                   aliases: ["LambertW"], latex: .operatorName("W"), domain: "x >= -1/e", kernel: ANS_FN_LAMBERTW,
                   derivative: { x in Expr.function(.lambertw, [x]) / (x * (.one + .function(.lambertw, [x]))) },
                   values: { x in
                       if x.isZero { return .zero }
                       if x == .e { return .one }
                       if x == -Expr.pow(.e, .minusOne) { return .minusOne }
                       return nil
                   }),
            .unary(.heaviside, "heaviside", "the Heaviside step: 0 for x < 0, 1/2 at 0, 1 for x > 0",
                   aliases: ["Heaviside"], latex: .operatorName("H"), domain: "all real x", kernel: ANS_FN_HEAVISIDE,
                   real: realArgument, derivative: { .function(.diracDelta, [$0]) },
                   values: { x in
                       if let q = x.rationalValue { return q.signum > 0 ? .one : (q.signum < 0 ? .zero : .rational(.half)) }
                       if x.isKnownPositive { return .one }
                       if x.isKnownNegative { return .zero }
                       return nil
                   }),
            .unary(.diracDelta, "dirac_delta", "the Dirac delta, a distribution: 0 away from 0, no value at 0",
                   aliases: ["DiracDelta"], latex: .operatorName("\\delta"), domain: "x not 0",
                   kernel: ANS_FN_DIRAC_DELTA, real: realArgument,
                   derivative: { _ in nil },
                   values: { x in
                       if let q = x.rationalValue, !q.isZero { return .zero }
                       if x.isKnownPositive || x.isKnownNegative { return .zero }
                       return negated(x).map { Expr.function(.diracDelta, [$0]) }  // even
                   }),
        ]
    }()

    /// y when x is written -y (a negative coefficient): the odd and even functions' canonical form.
    @Sendable static func negated(_ x: Expr) -> Expr? {
        if case let .mul(c, _) = x.kind, c.signum < 0 { return Expr.mul([.minusOne, x]) }
        return nil
    }

    /// A Bessel function of order ν and argument x: real for real ν and positive x, and for
    /// integer ν and any real x when it is `entire` in x for integer orders (J and I).
    static func bessel(_ f: BuiltinFunction, _ name: String, _ about: String, aliases: [String], domain: String,
                       kernel: Int, derivative: @escaping @Sendable (Expr, Expr) -> Expr,
                       atZero: @escaping @Sendable (Expr) -> Expr?, entire: Bool = false,
                       positive: @escaping @Sendable (Expr, Expr) -> Bool = { _, _ in false }) -> FunctionEntry {
        .binary(f, name, about, aliases: aliases.map { FunctionAlias($0) }, latex: .operatorName(name), domain: domain, kernel: kernel,
                real: { nu, x in nu.isKnownReal && x.isKnownPositive || entire && nu.isKnownInteger && x.isKnownReal },
                positive: positive, partials: { nu, x in (nil, derivative(nu, x)) },
                values: { nu, x in x.isZero ? atZero(nu) : nil })
    }
}
