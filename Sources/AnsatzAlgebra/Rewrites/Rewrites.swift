import AnsatzCore
import AnsatzNumbers

/// The named rewrites, with SymPy's names: each one a transformation that holds for all values
/// the assumptions allow (checked at random points in RewriteTests), and each also a candidate
/// inside `simplify`.
public enum RewriteMethod: String, CaseIterable, Sendable {
    case trigsimp, expand_trig, expand_log, logcombine, powsimp, powdenest, radsimp, sqrtdenest

    public var summary: String {
        switch self {
        case .trigsimp: return "the smallest form through trigonometric identities (1/cos(x)^2 - 1 is tan(x)^2)"
        case .expand_trig: return "addition and multiple-angle formulas (sin(x + y), cos(2*x))"
        case .expand_log: return "log(a*b) as log(a) + log(b) and log(a^n) as n*log(a), for positive a, b"
        case .logcombine: return "sums of logarithms of positive values as one logarithm (log(2) + log(3) is log(6))"
        case .powsimp: return "powers of one base combined, numbers folded into them (2^(x+2)/4 is 2^x)"
        case .powdenest: return "powers of powers flattened where that holds (sqrt(x^4) is x^2 for real x)"
        case .radsimp: return "denominators rationalised (1/(1 + sqrt(2)) is sqrt(2) - 1)"
        case .sqrtdenest: return "nested square roots denested (sqrt(5 + 2*sqrt(6)) is sqrt(2) + sqrt(3))"
        }
    }

    public func apply(_ e: Expr, budget: Budget = .unlimited) throws -> Expr {
        switch self {
        case .trigsimp: return try Rewrites.trigsimp(e, budget: budget)
        case .expand_trig: return try Rewrites.expandTrig(e, budget: budget)
        case .expand_log: return try Rewrites.expandLog(e, budget: budget)
        case .logcombine: return try Rewrites.logcombine(e, budget: budget)
        case .powsimp: return try Rewrites.powsimp(e, budget: budget)
        case .powdenest: return try Rewrites.powdenest(e, budget: budget)
        case .radsimp: return try Rewrites.radsimp(e, budget: budget)
        case .sqrtdenest: return try Rewrites.sqrtdenest(e, budget: budget)
        }
    }
}

enum Rewrites {
    // MARK: trigonometric

    static let addition: Set<BuiltinFunction> = [.sin, .cos, .tan, .sinh, .cosh, .tanh]

    static func expandTrig(_ e: Expr, budget: Budget) throws -> Expr {
        var memo: [Expr: Expr] = [:]
        let r = try Transform.bottomUp(e, budget: budget, doing: "expanding trigonometric functions") { node in
            guard case let .function(.builtin(f), args) = node.kind, args.count == 1, addition.contains(f) else { return nil }
            return try angleSum(f, args[0], budget, &memo, depth: 0)
        }
        return try Expand.expand(r, budget: budget)
    }

    /// f(u) through the functions of u's parts: u = a + b, or n·x as (n - 1)·x + x (|n| ≤ 12).
    static func angleSum(_ f: BuiltinFunction, _ u: Expr, _ budget: Budget, _ memo: inout [Expr: Expr], depth: Int) throws -> Expr? {
        guard depth < 32 else { return nil }
        let key = Expr.function(f, [u])
        if let known = memo[key] { return known }
        try budget.spend(1, doing: "expanding trigonometric functions")
        let a: Expr, b: Expr
        switch u.kind {
        case let .add(c, terms):
            if !c.isZero {
                (a, b) = (.number(c), Expr.sum(constant: .zero, distinctTerms: terms, sorted: true))
            } else {
                (a, b) = (Expr.scaled(terms[0].expr, by: terms[0].coefficient),
                          Expr.sum(constant: .zero, distinctTerms: Array(terms.dropFirst()), sorted: true))
            }
        case let .mul(.rational(q), factors) where q.isInteger && q.magnitude >= Rational(2) && q.magnitude <= Rational(12):
            let x = Expr.monomial(coefficient: .one, sortedFactors: factors)
            let step: Rational = q.isNegative ? .minusOne : .one
            (a, b) = (Expr.mul([.rational(q - step), x]), Expr.mul([.rational(step), x]))
        default:
            return nil
        }
        func part(_ g: BuiltinFunction, _ v: Expr) throws -> Expr {
            // parity first: sin(-y) = -sin(y), cos(-y) = cos(y)
            if case let .mul(c, _) = v.kind, c.signum < 0 {
                let flipped = Expr.mul([.minusOne, v])
                let value = try part(g, flipped)
                return [.cos, .cosh].contains(g) ? value : -value
            }
            return try angleSum(g, v, budget, &memo, depth: depth + 1) ?? Expr.function(g, [v])
        }
        let result: Expr
        switch f {
        case .sin: result = try part(.sin, a) * part(.cos, b) + part(.cos, a) * part(.sin, b)
        case .cos: result = try part(.cos, a) * part(.cos, b) - part(.sin, a) * part(.sin, b)
        case .tan:
            let (ta, tb) = (try part(.tan, a), try part(.tan, b))
            // tan(x + pi/2): tan(pi/2) stays a call at its pole, and the formula would be undefined
            if [ta, tb].contains(where: { atPole($0, .pi) }) { return nil }
            result = (ta + tb) / (.one - ta * tb)
        case .sinh: result = try part(.sinh, a) * part(.cosh, b) + part(.cosh, a) * part(.sinh, b)
        case .cosh: result = try part(.cosh, a) * part(.cosh, b) + part(.sinh, a) * part(.sinh, b)
        case .tanh:
            let (ta, tb) = (try part(.tanh, a), try part(.tanh, b))
            if [ta, tb].contains(where: { atPole($0, Expr.i * .pi) }) { return nil }
            result = (ta + tb) / (.one + ta * tb)
        default: return nil
        }
        memo[key] = result
        return result
    }

    /// Is t a tan (tanh) left as a call at a pole, an odd multiple of period/2 (π/2; iπ/2 for tanh)?
    static func atPole(_ t: Expr, _ period: Expr) -> Bool {
        guard case let .function(.builtin(g), args) = t.kind, g == .tan || g == .tanh,
              let q = (args[0] / period).rationalValue else { return false }
        return (q - .half).isInteger
    }

    /// sin(a)^p·cos(a)^q with p > 0 > q as tan(a)^k times the rest (k = min(p, -q)): sin/cos to tan.
    static func tangents(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "writing tangents") { node in
            guard case let .mul(c, factors) = node.kind else { return nil }
            var sines: [Expr: Rational] = [:], cosines: [Expr: Rational] = [:]
            for f in factors {
                guard case let .function(.builtin(g), args) = f.base.kind, let p = f.exponent.rationalValue, p.isInteger else { continue }
                if g == .sin { sines[args[0]] = p }
                if g == .cos { cosines[args[0]] = p }
            }
            var changed = false
            var parts: [Expr] = [.number(c)]
            var used = Set<Expr>()
            for (argument, p) in sines {
                guard let q = cosines[argument], p.signum * q.signum < 0 else { continue }
                let k = p.magnitude < q.magnitude ? p.magnitude : q.magnitude
                let signed = p.isNegative ? -k : k
                parts += [Expr.pow(.function(.tan, [argument]), .rational(signed)),
                          Expr.pow(.function(.sin, [argument]), .rational(p - signed)),
                          Expr.pow(.function(.cos, [argument]), .rational(q + signed))]
                used.insert(argument)
                changed = true
            }
            guard changed else { return nil }
            for f in factors {
                if case let .function(.builtin(g), args) = f.base.kind, g == .sin || g == .cos, used.contains(args[0]),
                   f.exponent.rationalValue?.isInteger == true { continue }
                parts.append(Expr.pow(f.base, f.exponent))
            }
            return Expr.mul(parts)
        }
    }

    /// The smallest of: simplify's own result, of the addition formulas expanded then simplified,
    /// and of the sin/cos normal form (cancelled, Pythagoras applied) with tangents collected.
    static func trigsimp(_ e: Expr, budget: Budget) throws -> Expr {
        var best = e
        func consider(_ c: Expr) {
            if Simplify.simpler(c, than: best) { best = c }
        }
        func attempt(_ step: () throws -> Expr) throws {
            do { consider(try step()) } catch let d as Diagnostic {
                if budget.isExhausted { throw d }
                if d.kind.isBudgetOrLimit { return }
                throw d
            }
        }
        let simplified = try Simplify.search(e, userRules: RuleBook(), budget: budget, rewrites: false).value
        consider(simplified)
        try attempt { try tangents(simplified, budget: budget) }
        try attempt { try Simplify.search(try expandTrig(e, budget: budget), userRules: RuleBook(), budget: budget, rewrites: false).value }
        try attempt {
            let book = BuiltinRules.book
            let (sc, _) = try Rewriter.rewrite(e, rules: book.set(named: "trig_functions") ?? [], budget: budget)
            let (tanFree, _) = try Rewriter.rewrite(sc, rules: (book.set(named: "sin_cos_normal_form") ?? []).filter { $0.name == "tan_definition" },
                                                   budget: budget)
            let cancelled = try RationalFunctions.cancel(tanFree, budget: budget).value
            let (pythagoras, _) = try Rewriter.rewrite(cancelled, rules: book.set(named: "trigonometric") ?? [], budget: budget)
            return try tangents(pythagoras, budget: budget)
        }
        return best
    }

    // MARK: logarithms

    /// log(P·R) = log(P) + log(R) for P > 0, and log(b^p) = p·log(b) for b > 0 and real p.
    static func expandLog(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "expanding logarithms") { node in
            guard case let .function(.builtin(.log), args) = node.kind else { return nil }
            let u = args[0]
            switch u.kind {
            case let .pow(b, p) where b.isKnownPositive && p.isKnownReal:
                return p * Expr.function(.log, [b])
            case let .mul(c, factors):
                var terms: [Expr] = []
                var rest: [Expr] = []
                if let q = c.rational, q.signum > 0 {
                    if !q.isOne { terms.append(.function(.log, [.rational(q)])) }
                } else {
                    rest.append(.number(c))
                }
                for f in factors {
                    if f.base.isKnownPositive && f.exponent.isKnownReal {
                        terms.append(f.exponent * Expr.function(.log, [f.base]))
                    } else {
                        rest.append(Expr.pow(f.base, f.exponent))
                    }
                }
                guard terms.count + (rest.isEmpty ? 0 : 1) > 1 else { return nil }
                if !rest.isEmpty { terms.append(.function(.log, [Expr.mul(rest)])) }
                return Expr.add(terms)
            default:
                return nil
            }
        }
    }

    /// Σ c_i·log(u_i) = log(Π u_i^c_i) for positive u_i and rational c_i (two terms or more).
    static func logcombine(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "combining logarithms") { node in
            guard case let .add(c, terms) = node.kind else { return nil }
            var inside: [Expr] = []
            var others: [Expr] = [.number(c)]
            for t in terms {
                if case let .function(.builtin(.log), args) = t.expr.kind, args[0].isKnownPositive, let q = t.coefficient.rational {
                    inside.append(Expr.pow(args[0], .rational(q)))
                } else {
                    others.append(Expr.scaled(t.expr, by: t.coefficient))
                }
            }
            guard inside.count >= 2 else { return nil }
            return Expr.add(others + [Expr.function(.log, [Expr.mul(inside)])])
        }
    }

    // MARK: powers

    /// b^x with b a perfect power p^m of a positive integer written p^(m·x); numbers in a
    /// product folded into powers of their primes (2^(x+2)/4 is 2^x); equal exponents of positive
    /// numbers combined (2^x·3^x is 6^x). The smaller of the product and its rewrite is kept.
    static func powsimp(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "combining powers") { node in
            // b^(k*y) as (b^k)^y for a positive integer b and an integer k, when smaller: 2^(2x) is 4^x
            if case let .pow(b, x) = node.kind, let q = b.rationalValue, q.isInteger, q.signum > 0,
               case let .mul(.rational(k), factors) = x.kind, k.isInteger, let n = k.numerator.intValue, n >= 2, n <= 64,
               let power = try? q.power(n), power.numerator.bitWidth <= 64 {
                let recomposed = Expr.pow(.rational(power), Expr.monomial(coefficient: .one, sortedFactors: factors))
                return Simplify.simpler(recomposed, than: node) ? recomposed : nil
            }
            guard case let .mul(c, factors) = node.kind, let coefficient = c.rational else { return nil }
            var parts: [Expr] = []
            var remaining = coefficient
            var changed = false
            for f in factors {
                guard !f.exponent.isNumber, let b = f.base.rationalValue, b.isInteger, b.signum > 0, !b.isOne,
                      let n = b.numerator.intValue else {
                    parts.append(Expr.pow(f.base, f.exponent))
                    continue
                }
                // the smallest base: 8^x = 2^(3x)
                var base = n, multiple = 1
                for m in stride(from: 20, through: 2, by: -1) {
                    if let r = Rational(n).exactRoot(m), r.isInteger, let k = r.numerator.intValue, k > 1 { base = k; multiple = m; break }
                }
                var exponent = Expr.mul([.integer(multiple), f.exponent])
                if multiple > 1 { changed = true }
                // fold the coefficient's powers of this base into the exponent
                var shift = 0
                let p = Rational(base)
                while shift < 4096, isDivisible(remaining.numerator, base), let q = try? remaining / p {
                    remaining = q
                    shift += 1
                }
                while shift > -4096, isDivisible(remaining.denominator, base) {
                    remaining = remaining * p
                    shift -= 1
                }
                if shift != 0 { exponent = exponent + .integer(shift); changed = true }
                parts.append(Expr.pow(.integer(base), exponent))
            }
            guard changed else { return combineEqualExponents(node) }
            let rewritten = Expr.mul([.rational(remaining)] + parts)
            let combined = combineEqualExponents(rewritten) ?? rewritten
            return Simplify.simpler(node, than: combined) ? nil : combined
        }
    }

    static func isDivisible(_ n: BigInt, _ p: Int) -> Bool {
        guard let (_, r) = try? n.quotientAndRemainder(dividingBy: BigInt(p)) else { return false }
        return r.isZero && !n.isZero
    }

    /// a^x·b^x = (a·b)^x for positive numbers a, b.
    static func combineEqualExponents(_ e: Expr) -> Expr? {
        guard case let .mul(c, factors) = e.kind else { return nil }
        var groups: [Expr: Rational] = [:]
        var order: [Expr] = []
        var rest: [Expr] = []
        for f in factors {
            if let b = f.base.rationalValue, b.signum > 0, !f.exponent.isNumber {
                if let product = groups[f.exponent] {
                    groups[f.exponent] = product * b
                } else {
                    order.append(f.exponent)
                    groups[f.exponent] = b
                }
            } else {
                rest.append(Expr.pow(f.base, f.exponent))
            }
        }
        guard order.count < factors.count - rest.count else { return nil }  // nothing shares an exponent
        return Expr.mul([.number(c)] + rest + order.map { Expr.pow(.rational(groups[$0] ?? .one), $0) })
    }

    /// (b^p)^q where the constructors keep it: |b|^(p·q) for real b and even p (b^(p·q) when p·q
    /// is even too); b^(p·q) for b ≥ 0 and positive p, q; exp(a)^q = exp(a·q) for real a, q.
    static func powdenest(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "denesting powers") { node in
            guard case let .pow(inner, q) = node.kind else { return nil }
            switch inner.kind {
            case let .pow(b, p):
                return denest(b, p, q)
            case let .function(.builtin(.exp), args) where args[0].isKnownReal && q.isKnownReal:
                return Expr.function(.exp, [args[0] * q])
            case let .mul(c, factors) where c.rational.map { $0.signum > 0 } == true:
                // (Π b_i^p_i)^q factor by factor, when every factor denests
                var parts: [Expr] = [Expr.pow(.number(c), q)]
                for f in factors {
                    guard let d = denest(f.base, f.exponent, q) else { return nil }
                    parts.append(d)
                }
                return Expr.mul(parts)
            default:
                return nil
            }
        }
    }

    static func denest(_ b: Expr, _ p: Expr, _ q: Expr) -> Expr? {
        guard let pq = p.rationalValue, let qq = q.rationalValue else {
            if b.isKnownNonnegative && p.isKnownPositive && q.isKnownPositive { return Expr.pow(b, p * q) }
            return nil
        }
        let product = pq * qq
        if b.isKnownReal, pq.isInteger, !pq.numerator.isOdd {
            if product.isInteger, !product.numerator.isOdd { return Expr.pow(b, .rational(product)) }
            return Expr.pow(.function(.abs, [b]), .rational(product))
        }
        if b.isKnownNonnegative, pq.signum > 0, qq.signum > 0 { return Expr.pow(b, .rational(product)) }
        return nil
    }

    // MARK: radicals

    /// A term of a sum as c·√m: its factor without square roots of positive integers, and m
    /// (1 for a term without one). 3*sqrt(2)*sqrt(5)*x is (3*x, 10).
    static func radicalPart(_ term: Expr) -> (rest: Expr, radicand: BigInt) {
        func radicand(_ f: Expr) -> BigInt? {
            guard case let .pow(b, x) = f.kind, x.rationalValue == .half, let r = b.rationalValue, r.isInteger, r.signum > 0 else { return nil }
            return r.numerator
        }
        if let m = radicand(term) { return (.one, m) }
        guard case let .mul(c, factors) = term.kind else { return (term, BigInt(1)) }
        var m = BigInt(1)
        var rest: [Expr] = [.number(c)]
        for f in factors {
            let power = Expr.pow(f.base, f.exponent)
            if let r = radicand(power) { m = m * r } else { rest.append(power) }
        }
        return (Expr.mul(rest), m)
    }

    /// A divisor of some radicand of the sum's terms to split by: its smallest prime factor below
    /// 1000, else the radicand itself (any divisor d works: sqrt(m) = sqrt(d)*sqrt(m/d)); nil when
    /// no term has a root. No trial division past 1000, whatever the radicand.
    static func radicalPrime(_ d: Expr) -> BigInt? {
        guard case let .add(_, terms) = d.kind else { return nil }
        var best: BigInt?
        for t in terms {
            let m = radicalPart(t.expr).radicand
            guard !m.isOne else { continue }
            var divisor = m
            for p in smallPrimes {
                if let (_, r) = try? m.quotientAndRemainder(dividingBy: BigInt(p)), r.isZero { divisor = BigInt(p); break }
            }
            if best.map({ divisor < $0 }) ?? true { best = divisor }
        }
        return best
    }

    static let smallPrimes: [Int] = {
        var primes: [Int] = []
        for n in 2..<1000 where primes.allSatisfy({ n % $0 != 0 }) { primes.append(n) }
        return primes
    }()

    /// 1/D for D a sum over Q(√p1, ..., √pk), k ≤ 6 primes: D = A + B·√p with A, B free of √p
    /// (√m = √p·√(m/p) for p | m), times the conjugate A − B·√p, leaves A² − p·B², free of √p;
    /// one prime at a time until the denominator is rational.
    static func radsimp(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "rationalising denominators") { node in
            guard case let .pow(d, x) = node.kind, let n = x.rationalValue, n.isInteger, n.signum < 0,
                  let k = n.numerator.intValue, k >= -8, case .add = d.kind, d.symbolNames.isEmpty, radicalPrime(d) != nil else { return nil }
            // symbol-free denominators only: 1/(x + sqrt(2)) times x - sqrt(2) over x^2 - 2 would be
            // undefined at x = sqrt(2), where the input is defined
            var denominator = d
            var multiplier = Expr.one
            for _ in 0..<6 {
                guard let p = radicalPrime(denominator), case let .add(c, terms) = denominator.kind else { break }
                var a: [Expr] = [.number(c)], b: [Expr] = []
                for t in terms {
                    let (rest, m) = radicalPart(t.expr)
                    let scaled = Expr.scaled(rest, by: t.coefficient)
                    guard let (q, r) = try? m.quotientAndRemainder(dividingBy: p), r.isZero else {
                        a.append(Expr.scaled(t.expr, by: t.coefficient))
                        continue
                    }
                    b.append(scaled * Expr.pow(.rational(Rational(q)), .rational(.half)))
                }
                let (aa, bb) = (Expr.add(a), Expr.add(b))
                let root = Expr.pow(.rational(Rational(p)), .rational(.half))
                multiplier = try Expand.expand(multiplier * (aa - bb * root), budget: budget)
                denominator = try Expand.expand(aa * aa - Expr.rational(Rational(p)) * bb * bb, budget: budget)
            }
            guard radicalPrime(denominator) == nil, !denominator.isZero else { return nil }
            let numerator = try mergeRadicals(try Expand.expand(multiplier / denominator, budget: budget), budget: budget)
            return Expr.pow(numerator, .integer(-k))
        }
    }

    /// a^(p/q)·b^(r/q) = (a^p·b^r)^(1/q) for positive integers a, b, in every product:
    /// sqrt(2)*sqrt(6) is 2*sqrt(3), 2^(1/3)*4^(1/3) is 2.
    static func mergeRadicals(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "merging roots") { node in
            guard case let .mul(c, factors) = node.kind else { return nil }
            // most products have no two roots of integers to merge: said without building anything
            var radicals = 0
            for f in factors where f.base.isNumber {
                if let q = f.exponent.rationalValue, !q.isInteger { radicals += 1 }
            }
            guard radicals > 1 else { return nil }
            var byIndex: [BigInt: [(BigInt, Int)]] = [:]
            var rest: [Expr] = [.number(c)]
            for f in factors {
                if let b = f.base.rationalValue, b.isInteger, b.signum > 0, let q = f.exponent.rationalValue, !q.isInteger,
                   q.numerator.magnitude <= BigInt(64), let p = q.numerator.intValue {
                    byIndex[q.denominator, default: []].append((b.numerator, p))
                } else {
                    rest.append(Expr.pow(f.base, f.exponent))
                }
            }
            guard byIndex.values.contains(where: { $0.count > 1 }) else { return nil }
            for (q, parts) in byIndex {
                var radicand = Rational.one
                for (b, p) in parts {
                    guard let power = try? Rational(b).power(p) else { return nil }
                    radicand = radicand * power
                }
                guard max(radicand.numerator.bitWidth, radicand.denominator.bitWidth) <= 4096 else { return nil }
                rest.append(Expr.pow(.rational(radicand), .rational((try? Rational(BigInt(1), q)) ?? .one)))
            }
            let merged = Expr.mul(rest)
            return merged == node ? nil : merged
        }
    }

    /// Gamma functions in a normal form for cancelling: beta(a, b) as Γ(a)Γ(b)/Γ(a+b), and
    /// Γ(u + n) as u(u+1)...(u+n-1)·Γ(u), (u + n)! as (u+1)...(u+n)·u! for integers 0 < n ≤ 16.
    /// Γ(x + 1) - x*Γ(x) is then 0.
    static func gammaNormal(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "normalising gamma functions") { node in
            guard case let .function(.builtin(f), args) = node.kind else { return nil }
            if f == .beta {
                return Expr.function(.gamma, [args[0]]) * Expr.function(.gamma, [args[1]]) / Expr.function(.gamma, [args[0] + args[1]])
            }
            guard f == .gamma || f == .factorial, case let .add(c, _) = args[0].kind, let r = c.rational, r.isInteger,
                  let n = r.numerator.intValue, n > 0, n <= 16 else { return nil }
            let u = args[0] - .integer(n)
            let offset = f == .gamma ? 0 : 1
            return Expr.mul((0..<n).map { u + .integer($0 + offset) } + [Expr.function(f, [u])])
        }
    }

    /// exp(k·u) as exp(u)^k for integers 2 ≤ |k| ≤ 16, so that cancel sees a polynomial in
    /// exp(u): (exp(2x) - 1)/(exp(x) - 1) is exp(x) + 1.
    static func exponentialPowers(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "writing exponentials as powers") { node in
            guard case let .function(.builtin(.exp), args) = node.kind, case let .mul(.rational(k), factors) = args[0].kind,
                  k.isInteger, let n = k.numerator.intValue, (2...16).contains(n.magnitude) else { return nil }
            let u = Expr.monomial(coefficient: .one, sortedFactors: factors)
            return Expr.pow(.function(.exp, [u]), .integer(n))
        }
    }

    /// sqrt(a + b·sqrt(c)) = sqrt((a + d)/2) + sign(b)·sqrt((a - d)/2) when d = sqrt(a² - b²c) is
    /// rational (a, b, c rational, a > 0): both terms are real and ≥ 0, so this is the principal root.
    static func sqrtdenest(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "denesting square roots") { node in
            guard case let .pow(base, x) = node.kind, let q = x.rationalValue, q.denominator == BigInt(2), q.magnitude == .half,
                  case let .add(.rational(a), terms) = base.kind, terms.count == 1, a.signum > 0,
                  case let .rational(b) = terms[0].coefficient, case let .pow(cBase, half) = terms[0].expr.kind,
                  half.rationalValue == .half, let c = cBase.rationalValue, c.signum > 0 else { return nil }
            let discriminant = a * a - b * b * c
            guard discriminant.signum >= 0, let d = discriminant.exactRoot(2) else { return nil }
            guard let plus = try? (a + d) / Rational(2), let minus = try? (a - d) / Rational(2), minus.signum >= 0 else { return nil }
            let root = Expr.add([Expr.pow(.rational(plus), .rational(.half)),
                                 Expr.mul([.integer(b.signum), Expr.pow(.rational(minus), .rational(.half))])])
            return q.signum > 0 ? root : Expr.pow(root, .minusOne)
        }
    }
}

// MARK: - Candidates of simplify without a SymPy name of their own

extension Rewrites {
    /// Γ(b + n)/Γ(b) = b (b + 1) ... (b + n - 1) and (b + n)!/b! = (b + 1) ... (b + n) for an
    /// integer 0 < n ≤ 16 (and their inverses); Γ(u)·Γ(1 - u) = π/sin(π u). Each holds wherever
    /// both sides are defined.
    static func gammaRatios(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "simplifying gamma functions") { node in
            guard case let .mul(c, factors) = node.kind else { return nil }
            var items: [(f: BuiltinFunction, u: Expr, p: Rational)] = []
            var rest: [Expr] = [.number(c)]
            for f in factors {
                if case let .function(.builtin(g), args) = f.base.kind, g == .gamma || g == .factorial,
                   let p = f.exponent.rationalValue, p.isInteger {
                    items.append((g, args[0], p))
                } else {
                    rest.append(Expr.pow(f.base, f.exponent))
                }
            }
            guard items.count >= 2 else { return nil }
            var used = [Bool](repeating: false, count: items.count)
            var changed = false
            for i in items.indices where !used[i] {
                for j in items.indices where j != i && !used[j] && !used[i] {
                    let (a, b) = (items[i], items[j])
                    guard a.f == b.f else { continue }
                    // reflection: Γ(u)Γ(1 - u)
                    if a.f == .gamma, a.p == b.p, a.p.signum != 0, (a.u + b.u).isOne {
                        rest.append(Expr.pow(Expr.pi / .function(.sin, [Expr.pi * a.u]), .rational(a.p)))
                        used[i] = true; used[j] = true; changed = true
                        continue
                    }
                    guard a.p == -b.p, a.p.signum > 0, let n = (a.u - b.u).rationalValue, n.isInteger,
                          let k = n.numerator.intValue, k != 0, k.magnitude <= 16 else { continue }
                    // a.u = b.u + k: f(b.u + k)/f(b.u)
                    let (low, count) = k > 0 ? (b.u, k) : (a.u, -k)
                    let offset = a.f == .gamma ? 0 : 1
                    let product = Expr.mul((0..<count).map { low + .integer($0 + offset) })
                    rest.append(Expr.pow(product, .rational(k > 0 ? a.p : -a.p)))
                    used[i] = true; used[j] = true; changed = true
                }
            }
            guard changed else { return nil }
            for i in items.indices where !used[i] {
                rest.append(Expr.pow(.function(items[i].f, [items[i].u]), .rational(items[i].p)))
            }
            return Expr.mul(rest)
        }
    }

    /// Powers of positive integers in a normal form for cancelling: the smallest base (4^x =
    /// 2^(2x)) and integer parts of exponents split off (3^(x+1) = 3·3^x). 2^(2x) - 4^x is then 0.
    static func primeBases(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "normalising powers") { node in
            guard case let .pow(b, x) = node.kind, !x.isNumber, let q = b.rationalValue, q.isInteger, q.signum > 0, !q.isOne,
                  let n = q.numerator.intValue else { return nil }
            var base = n, multiple = 1
            for m in stride(from: 20, through: 2, by: -1) {
                if let r = Rational(n).exactRoot(m), r.isInteger, let k = r.numerator.intValue, k > 1 { base = k; multiple = m; break }
            }
            var exponent = Expr.mul([.integer(multiple), x])
            var whole = Rational.zero
            if case let .add(c, _) = exponent.kind, let r = c.rational, !r.isZero, r.magnitude <= Rational(64) {
                let integerPart = Rational(r.isNegative ? -(r.magnitude.floor) : r.floor)
                if !integerPart.isZero {
                    whole = integerPart
                    exponent = exponent - .rational(integerPart)
                }
            }
            guard multiple > 1 || !whole.isZero else { return nil }
            return Expr.mul([Expr.pow(.integer(base), .rational(whole)), Expr.pow(.integer(base), exponent)])
        }
    }

    /// log(p^k) = k·log(p) for a positive integer that is a perfect power: log(8)/log(2) is 3.
    static func numericLogs(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "splitting logarithms of numbers") { node in
            guard case let .function(.builtin(.log), args) = node.kind, let q = args[0].rationalValue, q.signum > 0 else { return nil }
            func split(_ n: BigInt) -> (Int, Int)? {
                guard let v = n.intValue, v > 1 else { return nil }
                for m in stride(from: 40, through: 2, by: -1) {
                    if let r = Rational(v).exactRoot(m), r.isInteger, let k = r.numerator.intValue, k > 1 { return (k, m) }
                }
                return nil
            }
            var parts: [Expr] = []
            for (n, sign) in [(q.numerator, 1), (q.denominator, -1)] where !n.isOne {
                if let (base, m) = split(n) { parts.append(.integer(sign * m) * Expr.function(.log, [.integer(base)])) } else { parts.append(.integer(sign) * Expr.function(.log, [.rational(Rational(n))])) }
            }
            let result = Expr.add(parts)
            return result == node ? nil : result
        }
    }
}

extension Rewrites {
    /// c·exp(u) + c·exp(-u) = 2c·cosh(u) and c·exp(u) - c·exp(-u) = 2c·sinh(u), for any complex u
    /// (the constructors then give cosh(I*x) = cos(x)): (exp(I*x) + exp(-I*x))/2 is cos(x).
    static func exponentialPairs(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "pairing exponentials") { node in
            guard case let .add(c, terms) = node.kind, terms.count >= 2 else { return nil }
            var used = [Bool](repeating: false, count: terms.count)
            var parts: [Expr] = [.number(c)]
            var changed = false
            for i in terms.indices where !used[i] {
                guard case let .function(.builtin(.exp), args) = terms[i].expr.kind else { continue }
                let minus = Expr.mul([.minusOne, args[0]])
                for j in terms.indices where j > i && !used[j] {
                    guard case let .function(.builtin(.exp), other) = terms[j].expr.kind, other[0] == minus else { continue }
                    let (a, b) = (Expr.number(terms[i].coefficient), Expr.number(terms[j].coefficient))
                    // the argument without a leading minus: cosh is even, sinh odd
                    var u = args[0], sign = Expr.one
                    if case let .mul(k, _) = u.kind, k.signum < 0 { u = minus; sign = .minusOne }
                    if a == b {
                        parts.append(Expr.integer(2) * a * .function(.cosh, [u]))
                    } else if a == -b {
                        parts.append(Expr.integer(2) * a * sign * .function(.sinh, [u]))
                    } else {
                        continue
                    }
                    used[i] = true; used[j] = true; changed = true
                    break
                }
            }
            guard changed else { return nil }
            for i in terms.indices where !used[i] { parts.append(Expr.scaled(terms[i].expr, by: terms[i].coefficient)) }
            return Expr.add(parts)
        }
    }
}

extension Rewrites {
    /// sin(u)^(2k) = (1 - cos(u)^2)^k and sinh(u)^(2k) = (cosh(u)^2 - 1)^k (k ≤ 8), for every
    /// complex u: the normal form in which a polynomial in sin and cos cancels
    /// (sin^2 cos^2 + sin^4 + cos^2 is 1); the rule set's sin(a)^2 does not match sin(x)^4.
    static func evenSinePowers(_ e: Expr, budget: Budget) throws -> Expr {
        try Transform.bottomUp(e, budget: budget, doing: "writing even powers of sines through cosines") { node in
            guard case let .pow(b, x) = node.kind, case let .function(.builtin(f), args) = b.kind, f == .sin || f == .sinh,
                  let q = x.rationalValue, q.isInteger, let n = q.numerator.intValue, n >= 2, n <= 16, n % 2 == 0 else { return nil }
            let square = Expr.pow(.function(f == .sin ? .cos : .cosh, args), .integer(2))
            let base = f == .sin ? Expr.one - square : square - .one
            return Expr.pow(base, .integer(n / 2))
        }
    }
}
