import AnsatzNumbers

/// Exact values of the special functions that are theorems for the number as written:
/// Γ at integers and half-integers, ζ at even positive and at nonpositive integers (Bernoulli
/// numbers), the binomial coefficient at integers. Sizes are bounded so that a fold stays cheap;
/// past the bounds the call stays symbolic and evaluates numerically.
enum SpecialValues {
    /// Largest argument whose factorial a constructor writes out (1000! has 2568 digits).
    static let maxFactorial = 1000
    /// Largest |n| for ζ(2n) and ζ(-n) in closed form (B_200 has a 200-digit numerator).
    static let maxBernoulli = 200

    static func factorial(_ n: Int) -> BigInt? {
        guard n >= 0, n <= maxFactorial else { return nil }
        return try? BigInt.factorial(n)
    }

    /// Γ(q) for an integer or a half-integer q (not a pole), or nil.
    static func gamma(_ q: Rational) -> Expr? {
        if q.isInteger {
            guard let n = q.numerator.intValue, n >= 1, let f = factorial(n - 1) else { return nil }
            return .rational(Rational(f))
        }
        guard q.denominator == BigInt(2), let n2 = (q - .half).numerator.intValue, n2 >= -maxFactorial, n2 <= maxFactorial else { return nil }
        let rootPi = Expr.pow(.pi, .rational(.half))
        let n = n2  // q = n + 1/2
        if n >= 0 {
            // Γ(n + 1/2) = (2n)! / (4^n n!) √π
            guard n <= maxFactorial / 2, let top = factorial(2 * n), let bottom = factorial(n),
                  let four = try? BigInt(4).power(n), let c = try? Rational(top, four * bottom) else { return nil }
            return .rational(c) * rootPi
        }
        // Γ(1/2 - m) = (-4)^m m! / (2m)! √π
        let m = -n
        guard m <= maxFactorial / 2, let top = factorial(m), let bottom = factorial(2 * m),
              let four = try? BigInt(-4).power(m), let c = try? Rational(four * top, bottom) else { return nil }
        return .rational(c) * rootPi
    }

    /// The Bernoulli numbers B_0 ... B_n (B_1 = -1/2), by the Akiyama–Tanigawa algorithm.
    static func bernoulli(upTo n: Int) -> [Rational]? {
        guard n >= 0, n <= maxBernoulli else { return nil }
        var result: [Rational] = []
        var a: [Rational] = []
        for m in 0...n {
            a.append((try? Rational(1, m + 1)) ?? .zero)
            if m > 0 {
                for j in stride(from: m, to: 0, by: -1) {
                    a[j - 1] = Rational(j) * (a[j - 1] - a[j])
                }
            }
            result.append(a[0])  // this gives B_1 = +1/2
        }
        if n >= 1 { result[1] = -Rational.half }
        return result
    }

    /// ζ(n) for an even n ≥ 2 or an integer n ≤ 0, or nil (a pole at 1; no closed form at odd n ≥ 3).
    static func zeta(_ n: Rational) -> Expr? {
        guard n.isInteger, let k = n.numerator.intValue, k != 1, k >= -maxBernoulli, k <= maxBernoulli else { return nil }
        if k == 0 { return .rational(-Rational.half) }
        if k < 0 {
            // ζ(-m) = (-1)^m B_{m+1}/(m+1)
            let m = -k
            guard let b = bernoulli(upTo: m + 1)?.last, let c = try? b / Rational(m + 1) else { return nil }
            return .rational(m % 2 == 0 ? c : -c)
        }
        guard k % 2 == 0, let b = bernoulli(upTo: k)?.last, let f = factorial(k),
              let twoK = try? BigInt(2).power(k) else { return nil }
        // ζ(2n) = (-1)^(n+1) B_2n (2π)^2n / (2 (2n)!)
        guard let c = try? (b * Rational(twoK)) / Rational(f * BigInt(2)) else { return nil }
        let signed = (k / 2) % 2 == 1 ? c : -c
        return .rational(signed) * Expr.pow(.pi, .integer(k))
    }

    /// binomial(n, k) for integers: 0 for k < 0, (-1)^k binomial(k - n - 1, k) for n < 0.
    static func binomial(_ n: BigInt, _ k: BigInt) -> BigInt? {
        // sizes bounded first, so that k - n - 1 cannot overflow
        guard let kk = k.intValue, let nn = n.intValue, kk.magnitude <= 1 << 30, nn.magnitude <= 1 << 30 else { return nil }
        if kk < 0 { return BigInt(0) }
        if nn < 0 {
            guard let b = binomial(BigInt(kk - nn - 1), k) else { return nil }
            return kk % 2 == 0 ? b : -b
        }
        if kk > nn { return BigInt(0) }
        let r = min(kk, nn - kk)
        guard r <= 100_000, Double(r) * Double(max(1, nn).bitWidthApprox) <= Double(FoldLimits.maxFoldBits) else { return nil }
        var result = BigInt(1)
        for i in 0..<r {
            result = result * BigInt(nn - i)
            guard let q = try? result / BigInt(i + 1) else { return nil }
            result = q
        }
        return result
    }
}

private extension Int {
    var bitWidthApprox: Int { Int.bitWidth - leadingZeroBitCount }
}
