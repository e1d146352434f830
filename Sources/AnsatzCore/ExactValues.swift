import AnsatzNumbers

/// Exact values the constructors know: trigonometric functions at rational multiples of π whose
/// denominators divide 12 or 10 (and their inverses at those values), exp(iπq) at the same
/// points, and square-free radicals (sqrt(8) = 2*sqrt(2)). Each is a theorem that holds for the
/// number as written, so folding it is never a guess; every entry is checked numerically in
/// ExactValueTests against MPFR at 200 bits.
enum ExactValues {
    /// q when `x` is exactly q·π (q rational, possibly 0 or 1).
    static func piMultiple(_ x: Expr) -> Rational? {
        if x == .pi { return .one }
        if case let .mul(.rational(q), factors) = x.kind, factors.count == 1,
           factors[0].base == .pi, factors[0].exponent.isOne {
            return q
        }
        return nil
    }

    static func sqrt(_ n: Int) -> Expr { Expr.pow(.integer(n), .rational(.half)) }

    /// sin(sπ) for s in [0, 1/2] with a closed form of square roots, by s.
    static let sinTable: [Rational: Expr] = {
        func r(_ p: Int, _ q: Int) -> Rational { (try? Rational(p, q)) ?? .zero }
        let quarter = Expr.rational(r(1, 4))
        return [
            .zero: .zero,
            r(1, 12): quarter * (sqrt(6) - sqrt(2)),
            r(1, 10): quarter * (sqrt(5) - .one),
            r(1, 6): .rational(.half),
            r(1, 4): sqrt(2) / .integer(2),
            r(3, 10): quarter * (sqrt(5) + .one),
            r(1, 3): sqrt(3) / .integer(2),
            r(5, 12): quarter * (sqrt(6) + sqrt(2)),
            .half: .one,
        ]
    }()

    /// sin(qπ) when it has a closed form here.
    static func sinPi(_ q: Rational) -> Expr? {
        let k = q.floor  // whole half-turns: sin((k + r)π) = (-1)^k sin(rπ)
        var r = q - Rational(k)  // in [0, 1)
        if r > .half { r = .one - r }  // sin((1 - r)π) = sin(rπ)
        guard let value = sinTable[r] else { return nil }
        return k.isOdd ? -value : value
    }

    static func cosPi(_ q: Rational) -> Expr? { sinPi(.half - q) }

    /// The value of a trigonometric function at qπ (nil: no closed form here, or a pole).
    static func trigonometric(_ f: BuiltinFunction, _ q: Rational) -> Expr? {
        switch f {
        case .sin: return sinPi(q)
        case .cos: return cosPi(q)
        case .tan, .cot, .sec, .csc:
            guard let s = sinPi(q), let c = cosPi(q) else { return nil }
            let (numerator, denominator): (Expr, Expr) = {
                switch f {
                case .tan: return (s, c)
                case .cot: return (c, s)
                case .sec: return (.one, c)
                default: return (.one, s)
                }
            }()
            if denominator.isZero { return nil }  // a pole: evaluation says so
            return numerator / denominator
        default:
            return nil
        }
    }

    /// asin and atan at the values of the tables above: value → q with f(value) = qπ, for the
    /// principal branches (asin in [-π/2, π/2], atan in (-π/2, π/2)).
    static let asinTable: [Expr: Rational] = {
        var table: [Expr: Rational] = [:]
        for (s, v) in sinTable {
            table[v] = s
            table[-v] = -s
        }
        return table
    }()

    static let atanTable: [Expr: Rational] = {
        var table: [Expr: Rational] = [:]
        for (s, _) in sinTable where s < .half {
            guard let t = trigonometric(.tan, s) else { continue }
            table[t] = s
            table[-t] = -s
        }
        return table
    }()

    static func inverse(_ f: BuiltinFunction, _ x: Expr) -> Expr? {
        switch f {
        case .asin: return asinTable[x].map { Expr.rational($0) * .pi }
        case .acos: return asinTable[x].map { Expr.rational(.half - $0) * .pi }  // acos = π/2 - asin
        case .atan: return atanTable[x].map { Expr.rational($0) * .pi }
        default: return nil
        }
    }

    /// exp(x) for x = qπi at the table's points: cos(qπ) + i sin(qπ).
    static func exponentialOfImaginary(_ x: Expr) -> Expr? {
        guard case let .mul(.rational(q), factors) = x.kind, factors.count == 2,
              factors.contains(where: { $0.base == .pi && $0.exponent.isOne }),
              factors.contains(where: { $0.base == .i && $0.exponent.isOne }),
              let c = cosPi(q), let s = sinPi(q) else { return nil }
        return c + s * .i
    }

    // MARK: radicals

    /// Small primes for pulling perfect powers out of radicals; larger factors stay inside (the
    /// form is still exact, only not fully reduced).
    static let smallPrimes: [Int] = {
        var primes: [Int] = []
        for n in 2..<1000 where primes.allSatisfy({ n % $0 != 0 }) { primes.append(n) }
        return primes
    }()

    /// n = k^q * rest with k as large as the small primes find: (k, rest).
    static func extractPower(_ n: BigInt, _ q: Int) -> (BigInt, BigInt) {
        var k = BigInt(1), rest = n
        guard q >= 2, q <= 64, n.bitWidth <= 100_000 else { return (k, rest) }
        for p in smallPrimes {
            // no prime from here on has its q-th power in what is left: nothing more comes out
            if let r = rest.intValue, r > 0, exceeds(p, q, r) { break }
            let prime = BigInt(p)
            var count = 0
            while let (quotient, remainder) = try? rest.quotientAndRemainder(dividingBy: prime), remainder.isZero {
                rest = quotient
                count += 1
            }
            if count >= q {
                let whole = count / q
                k = k * ((try? prime.power(whole)) ?? .init(1))
                rest = rest * ((try? prime.power(count - whole * q)) ?? .init(1))
            } else if count > 0 {
                rest = rest * ((try? prime.power(count)) ?? .init(1))
            }
            if rest.isOne { break }
        }
        return (k, rest)
    }

    /// p^q > r, without overflow.
    static func exceeds(_ p: Int, _ q: Int, _ r: Int) -> Bool {
        var power = 1
        for _ in 0..<q {
            let (next, overflow) = power.multipliedReportingOverflow(by: p)
            if overflow || next > r { return true }
            power = next
        }
        return false
    }

    /// (n/d)^(1/q) for positive n/d with q ≥ 2, as k * m^(1/q) with m an integer free of small
    /// q-th powers (the denominator moved up: sqrt(3/4) = sqrt(3)/2, sqrt(1/2) = sqrt(2)/2);
    /// nil when nothing comes out.
    static func simplifiedRoot(_ base: Rational, _ q: Int) -> (coefficient: Rational, radicand: BigInt)? {
        guard q >= 2, q <= 64, base.signum > 0, base.numerator.bitWidth <= 100_000, base.denominator.bitWidth <= 100_000 else { return nil }
        // (n/d)^(1/q) = (n d^(q-1))^(1/q) / d
        guard let lifted = try? base.denominator.power(q - 1) else { return nil }
        let radicand = base.numerator * lifted
        let (k, rest) = extractPower(radicand, q)
        guard let coefficient = try? Rational(k, base.denominator) else { return nil }
        if k.isOne && base.denominator.isOne { return nil }  // nothing pulled out
        return (coefficient, rest)
    }
}
