import AnsatzNumbers

/// Real and imaginary parts, where the assumptions and the numbers tell them: z = R + I·J with
/// R and J known real. What `re`, `im`, `conjugate` and `abs` fold with, so that
/// `abs(1/(s - M^2 + I*M*G))^2` is `1/((s - M^2)^2 + M^2*G^2)` for real s, M, G.
public enum ComplexParts {
    /// (R, J) with z = R + I·J and both known real, or nil when the split is not known.
    public static func split(_ z: Expr) -> (re: Expr, im: Expr)? { split(z, depth: 0) }

    /// Nesting past which no split is tried (the constructors call this: it must stay shallow).
    static let maxDepth = 32

    static func split(_ z: Expr, depth: Int) -> (re: Expr, im: Expr)? {
        guard depth <= maxDepth else { return nil }
        if z.isKnownReal { return (z, .zero) }
        switch z.kind {
        case .constant(.i):
            return (.zero, .one)
        case let .add(c, terms):
            var re: [Expr] = [.number(c)], im: [Expr] = []
            for t in terms {
                guard let (r, j) = split(t.expr, depth: depth + 1) else { return nil }
                re.append(Expr.scaled(r, by: t.coefficient))
                im.append(Expr.scaled(j, by: t.coefficient))
            }
            return (Expr.add(re), Expr.add(im))
        case let .mul(c, factors):
            // one factor I (I^2 folds to -1), the rest real: c·I·rest
            var imaginary = false
            var rest: [Expr] = [.number(c)]
            for f in factors {
                if f.base == .i && f.exponent.isOne && !imaginary {
                    imaginary = true
                } else {
                    let factor = Expr.pow(f.base, f.exponent)
                    guard factor.isKnownReal else { return nil }
                    rest.append(factor)
                }
            }
            guard imaginary else { return nil }
            return (.zero, Expr.mul(rest))
        case let .pow(b, e) where e.rationalValue.map { $0.isInteger && $0.magnitude <= Rational(8) } == true:
            // (A + I B)^n by repeated products, then 1/(A + I B) = (A - I B)/(A^2 + B^2) for n < 0
            guard let (a, bb) = split(b, depth: depth + 1), !bb.isZero, let n = e.rationalValue?.numerator.intValue else { return nil }
            var (x, y) = (a, bb)
            for _ in 1..<abs(n) {
                (x, y) = (Expr.add([Expr.mul([x, a]), Expr.mul([.minusOne, y, bb])]), Expr.add([Expr.mul([x, bb]), Expr.mul([y, a])]))
            }
            if n > 0 { return (x, y) }
            let norm = Expr.pow(Expr.add([Expr.pow(x, .integer(2)), Expr.pow(y, .integer(2))]), .minusOne)
            return (Expr.mul([x, norm]), Expr.mul([.minusOne, y, norm]))
        case let .function(.builtin(.exp), args):
            // exp(A + I B) = exp(A) (cos B + I sin B)
            guard let (a, bb) = split(args[0], depth: depth + 1), !bb.isZero else { return nil }
            let size = Expr.function(.exp, [a])
            return (Expr.mul([size, .function(.cos, [bb])]), Expr.mul([size, .function(.sin, [bb])]))
        default:
            return nil
        }
    }

    /// (a, b) for a Gaussian rational a + b·I written as a sum (b ≠ 0).
    static func gaussian(_ z: Expr) -> (Rational, Rational)? {
        guard case let .add(.rational(a), terms) = z.kind, terms.count == 1, terms[0].expr == .i,
              case let .rational(b) = terms[0].coefficient else { return nil }
        return (a, b)
    }

    /// (a + b·I)^n exactly, nil past the size limit (n of either sign; a + b·I ≠ 0).
    static func power(_ a: Rational, _ b: Rational, _ n: Int) -> (Rational, Rational)? {
        var (x, y) = (Rational.one, Rational.zero)
        var (p, q) = (a, b)
        var k = n.magnitude
        while k > 0 {
            if k & 1 == 1 { (x, y) = (x * p - y * q, x * q + y * p) }
            (p, q) = (p * p - q * q, Rational(2) * p * q)
            k >>= 1
            let bits = max(x.numerator.bitWidth, x.denominator.bitWidth, y.numerator.bitWidth, y.denominator.bitWidth)
            guard bits <= FoldLimits.maxFoldBits else { return nil }
        }
        if n >= 0 { return (x, y) }
        // 1/(x + yI) = (x - yI)/(x^2 + y^2)
        let norm = x * x + y * y
        guard let re = try? x / norm, let im = try? (-y) / norm else { return nil }
        return (re, im)
    }
}

extension ComplexParts {
    /// For complex mode: (-r)^q = r^q·exp(iπq) for a negative rational base and a non-integer
    /// rational q, the principal branch, folded where exp(iπq) has a closed form: sqrt(-4) is
    /// 2*I, (-8)^(1/3) is 1 + sqrt(3)*I. Real mode keeps (-4)^(1/2), which has no real value.
    public static func principalRoots(_ e: Expr) -> Expr {
        var memo: [Expr: Expr] = [:]
        return rebuild(e, &memo, depth: 0)
    }

    static func negativeRoot(_ base: Expr, _ exponent: Expr) -> Expr? {
        guard let r = base.rationalValue, r.isNegative, let q = exponent.rationalValue, !q.isInteger,
              let turn = ExactValues.exponentialOfImaginary(Expr.mul([.rational(q), .pi, .i])) else { return nil }
        return Expr.mul([Expr.pow(.rational(r.magnitude), exponent), turn])
    }

    static func rebuild(_ e: Expr, _ memo: inout [Expr: Expr], depth: Int) -> Expr {
        if let known = memo[e] { return known }
        guard depth < 2048 else { return e }  // past the parser's nesting limit: left alone
        let result: Expr
        switch e.kind {
        case .number, .symbol, .constant, .unit:
            result = e
        case let .pow(b, x):
            let (b2, x2) = (rebuild(b, &memo, depth: depth + 1), rebuild(x, &memo, depth: depth + 1))
            result = negativeRoot(b2, x2) ?? Expr.pow(b2, x2)
        case let .mul(c, factors):
            result = Expr.mul([.number(c)] + factors.map { f in
                let (b2, x2) = (rebuild(f.base, &memo, depth: depth + 1), rebuild(f.exponent, &memo, depth: depth + 1))
                return negativeRoot(b2, x2) ?? Expr.pow(b2, x2)
            })
        case let .add(c, terms):
            result = Expr.add([.number(c)] + terms.map { Expr.scaled(rebuild($0.expr, &memo, depth: depth + 1), by: $0.coefficient) })
        case let .function(name, args):
            let mapped = args.map { rebuild($0, &memo, depth: depth + 1) }
            switch name {
            case let .builtin(f): result = Expr.function(f, mapped)
            case let .user(n): result = Expr.function(named: n, mapped)
            }
        case let .relation(op, l, r):
            result = Expr.relation(op, rebuild(l, &memo, depth: depth + 1), rebuild(r, &memo, depth: depth + 1))
        }
        memo[e] = result
        return result
    }
}
