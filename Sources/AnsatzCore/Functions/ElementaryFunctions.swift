import AnsatzNumbers
import CFunctions

/// The elementary functions' entries. Their MPFR values (correctly rounded) are in
/// `Expr.evaluateFloat` and the real evaluator; their batch loops are glibc's vectorised ones.
/// exp(a + c·log(u) + ...) = exp(a)·u^c·... for numbers c (u^c is exp(c·log u) by definition, the
/// principal power): exp(x + log(y)) is y*exp(x), exp(-log(x)) is 1/x.
@Sendable func exponentialOfLogarithms(_ x: Expr) -> Expr? {
    func logarithm(_ e: Expr) -> Expr? {
        if case let .function(.builtin(.log), inner) = e.kind { return inner[0] }
        return nil
    }
    switch x.kind {
    case let .mul(c, factors) where factors.count == 1 && factors[0].exponent.isOne:
        guard let u = logarithm(factors[0].base) else { return nil }
        return Expr.pow(u, .number(c))
    case let .add(c, terms):
        var powers: [Expr] = []
        var rest: [Expr] = [.number(c)]
        for t in terms {
            if let u = logarithm(t.expr) { powers.append(Expr.pow(u, .number(t.coefficient))) } else { rest.append(Expr.scaled(t.expr, by: t.coefficient)) }
        }
        guard !powers.isEmpty else { return nil }
        return Expr.mul([Expr.function(.exp, [Expr.add(rest)])] + powers)
    default:
        return nil
    }
}

/// y when x is I·y (the trigonometric and hyperbolic functions of imaginary arguments).
@Sendable func imaginaryPart(ofImaginary x: Expr) -> Expr? {
    guard case let .mul(c, factors) = x.kind, factors.contains(where: { $0.base == .i && $0.exponent.isOne }) else { return nil }
    return Expr.mul([.number(c)] + factors.filter { !($0.base == .i && $0.exponent.isOne) }.map { Expr.pow($0.base, $0.exponent) })
}

extension FunctionCatalog {
    static let elementaryEntries: [FunctionEntry] = {
        let two = Expr.integer(2)
        let realArgument: @Sendable (Expr) -> Bool = { $0.isKnownReal }
        /// f(qπ) from the tables, and f(0) for the odd functions.
        @Sendable func trigonometric(_ f: BuiltinFunction, at0 zero: Expr?) -> @Sendable (Expr) -> Expr? {
            { x in
                if x.isZero { return zero }  // nil at a pole (cot, csc)
                if let q = ExactValues.piMultiple(x) { return ExactValues.trigonometric(f, q) }
                return nil
            }
        }
        @Sendable func zeroAt(_ point: Rational, _ value: Expr) -> @Sendable (Expr) -> Expr? {
            { x in x.rationalValue == point ? value : nil }
        }
        @Sendable func inverse(_ f: BuiltinFunction, at0: Expr?) -> @Sendable (Expr) -> Expr? {
            { x in
                if x.isZero, let at0 { return at0 }
                return ExactValues.inverse(f, x)
            }
        }
        return [
            .unary(.sin, "sin", "the sine", latex: .command("sin"), domain: "all real x", kernel: ANS_FN_SIN, real: realArgument,
                   derivative: { .function(.cos, [$0]) },
                   values: { x in trigonometric(.sin, at0: .zero)(x) ?? imaginaryPart(ofImaginary: x).map { Expr.i * .function(.sinh, [$0]) } }),
            .unary(.cos, "cos", "the cosine", latex: .command("cos"), domain: "all real x", kernel: ANS_FN_COS, real: realArgument,
                   derivative: { -Expr.function(.sin, [$0]) },
                   values: { x in trigonometric(.cos, at0: .one)(x) ?? imaginaryPart(ofImaginary: x).map { Expr.function(.cosh, [$0]) } }),
            .unary(.tan, "tan", "the tangent", latex: .command("tan"), domain: "x not an odd multiple of pi/2", kernel: ANS_FN_TAN,
                   derivative: { Expr.pow(.function(.cos, [$0]), -two) }, values: trigonometric(.tan, at0: .zero)),
            .unary(.cot, "cot", "the cotangent", latex: .command("cot"), domain: "x not a multiple of pi", kernel: ANS_FN_COT,
                   derivative: { -Expr.pow(.function(.sin, [$0]), -two) }, values: trigonometric(.cot, at0: nil)),
            .unary(.sec, "sec", "the secant", latex: .command("sec"), domain: "x not an odd multiple of pi/2", kernel: ANS_FN_SEC,
                   derivative: { Expr.function(.sec, [$0]) * .function(.tan, [$0]) }, values: trigonometric(.sec, at0: .one)),
            .unary(.csc, "csc", "the cosecant", latex: .command("csc"), domain: "x not a multiple of pi", kernel: ANS_FN_CSC,
                   derivative: { -(Expr.function(.csc, [$0]) * .function(.cot, [$0])) }, values: trigonometric(.csc, at0: nil)),
            .unary(.asin, "asin", "the inverse sine", aliases: ["arcsin"], latex: .command("arcsin"), domain: "-1 <= x <= 1",
                   kernel: ANS_FN_ASIN, derivative: { Expr.pow(.one - $0 * $0, .rational(-Rational.half)) },
                   values: inverse(.asin, at0: .zero)),
            .unary(.acos, "acos", "the inverse cosine", aliases: ["arccos"], latex: .command("arccos"), domain: "-1 <= x <= 1",
                   kernel: ANS_FN_ACOS, derivative: { -Expr.pow(.one - $0 * $0, .rational(-Rational.half)) },
                   values: { x in x.isOne ? .zero : ExactValues.inverse(.acos, x) }),
            .unary(.atan, "atan", "the inverse tangent", aliases: ["arctan"], latex: .command("arctan"), domain: "all real x",
                   kernel: ANS_FN_ATAN, real: realArgument, derivative: { Expr.pow(.one + $0 * $0, .minusOne) },
                   values: inverse(.atan, at0: .zero)),
            .binary(.atan2, "atan2", "the angle of the point (x, y): atan2(y, x)", latex: .operatorName("atan2"),
                    domain: "(y, x) not (0, 0)", kernel: ANS_FN_ATAN2, real: { $0.isKnownReal && $1.isKnownReal },
                    partials: { y, x in (x / (x * x + y * y), -y / (x * x + y * y)) }),
            .unary(.sinh, "sinh", "the hyperbolic sine", latex: .command("sinh"), domain: "all real x", kernel: ANS_FN_SINH,
                   real: realArgument, derivative: { .function(.cosh, [$0]) },
                   values: { x in x.isZero ? .zero : imaginaryPart(ofImaginary: x).map { Expr.i * .function(.sin, [$0]) } }),
            .unary(.cosh, "cosh", "the hyperbolic cosine", latex: .command("cosh"), domain: "all real x", kernel: ANS_FN_COSH,
                   real: realArgument, positive: realArgument, derivative: { .function(.sinh, [$0]) },
                   values: { x in x.isZero ? .one : imaginaryPart(ofImaginary: x).map { Expr.function(.cos, [$0]) } }),
            .unary(.tanh, "tanh", "the hyperbolic tangent", latex: .command("tanh"), domain: "all real x", kernel: ANS_FN_TANH,
                   real: realArgument, derivative: { Expr.pow(.function(.cosh, [$0]), -two) }, values: zeroAt(.zero, .zero)),
            .unary(.asinh, "asinh", "the inverse hyperbolic sine", aliases: ["arsinh", "arcsinh"], latex: .operatorName("asinh"),
                   domain: "all real x", kernel: ANS_FN_ASINH, real: realArgument,
                   derivative: { Expr.pow($0 * $0 + .one, .rational(-Rational.half)) }, values: zeroAt(.zero, .zero)),
            .unary(.acosh, "acosh", "the inverse hyperbolic cosine", aliases: ["arcosh", "arccosh"], latex: .operatorName("acosh"),
                   domain: "x >= 1", kernel: ANS_FN_ACOSH,
                   derivative: { Expr.pow($0 - .one, .rational(-Rational.half)) * Expr.pow($0 + .one, .rational(-Rational.half)) },
                   values: zeroAt(.one, .zero)),
            .unary(.atanh, "atanh", "the inverse hyperbolic tangent", aliases: ["artanh", "arctanh"], latex: .operatorName("atanh"),
                   domain: "-1 < x < 1", kernel: ANS_FN_ATANH, derivative: { Expr.pow(.one - $0 * $0, .minusOne) },
                   values: zeroAt(.zero, .zero)),
            .unary(.exp, "exp", "the exponential", latex: .notation, domain: "all real x", kernel: ANS_FN_EXP,
                   real: realArgument, positive: realArgument, derivative: { .function(.exp, [$0]) },
                   values: { x in
                       if x.isZero { return .one }
                       if x.isOne { return .e }
                       if case let .function(.builtin(.log), inner) = x.kind, inner.count == 1 { return inner[0] }  // exp(log z) = z for every z
                       if let value = ExactValues.exponentialOfImaginary(x) { return value }
                       return exponentialOfLogarithms(x)
                   }),
            .unary(.log, "log", "the natural logarithm", aliases: ["ln"], latex: .command("ln"), domain: "x > 0", kernel: ANS_FN_LOG,
                   derivative: { Expr.pow($0, .minusOne) },
                   values: { x in
                       if x.isOne { return .zero }
                       if x == .e { return .one }
                       // log(exp(a)) = a for real a (the principal log of a positive number)
                       if case let .function(.builtin(.exp), inner) = x.kind, inner[0].isKnownReal { return inner[0] }
                       return nil
                   }),
            .unary(.log10, "log10", "the base-10 logarithm", latex: .notation, domain: "x > 0", kernel: ANS_FN_LOG10,
                   derivative: { Expr.pow($0 * .function(.log, [.integer(10)]), .minusOne) }, values: zeroAt(.one, .zero)),
            .unary(.cbrt, "cbrt", "the real cube root (cbrt(-8) = -2)", latex: .notation, domain: "all real x", kernel: ANS_FN_CBRT,
                   real: realArgument, derivative: { Expr.pow(Expr.integer(3) * Expr.pow(.function(.cbrt, [$0]), two), .minusOne) },
                   values: { x in
                       guard let q = x.rationalValue, let r = q.magnitude.exactRoot(3) else { return nil }
                       return .rational(q.isNegative ? -r : r)
                   }),
            .unary(.abs, "abs", "the absolute value", latex: .notation, domain: "all real x", kernel: ANS_FN_ABS, real: realArgument,
                   derivative: { .function(.sign, [$0]) },  // for real u; at 0 as a distribution
                   values: { x in
                       if let q = x.rationalValue { return .rational(q.magnitude) }
                       if case .function(.builtin(.abs), _) = x.kind { return x }
                       if x.isKnownPositive { return x }
                       return ComplexParts.absoluteValue(x)
                   }),
            .unary(.sign, "sign", "the sign (-1, 0 or 1; z/|z| for complex z)", aliases: ["sgn"], latex: .operatorName("sign"),
                   domain: "all real x", kernel: ANS_FN_SIGN, real: realArgument,
                   derivative: { two * .function(.diracDelta, [$0]) },
                   values: { x in
                       if let q = x.rationalValue { return .integer(q.signum) }
                       if x.isKnownPositive { return .one }
                       if x.isKnownNegative { return .minusOne }
                       // a Gaussian rational: z/|z| (sign(-2*I) is -I)
                       if let (r, j) = ComplexParts.split(x), r.isNumber, let b = j.rationalValue, !b.isZero {
                           return x / Expr.function(.abs, [x])
                       }
                       return nil
                   }),
        ]
    }()
}
