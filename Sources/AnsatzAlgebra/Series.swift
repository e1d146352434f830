import AnsatzCore
import AnsatzNumbers

/// Taylor (and Laurent) expansion in one symbol around a point, by arithmetic on truncated power
/// series: sums, products, quotients, powers and every core function are expanded from the series
/// of their parts, so that `sin(x)/x` at 0 works (no limits, no 0/0). Output: the terms up to
/// `(x - a)^(n-1)` and the order `n` of the remainder, as SymPy's `series(f, x, a, n)` gives them.
///
/// Not handled, with a clear error: expansions that need `log(x)` or fractional powers (Puiseux
/// series, e.g. `sqrt(x)` at 0) and essential singularities (`exp(1/x)` at 0).
public enum Series {
    public struct Result: Sendable {
        /// The truncated series, a polynomial in (x - a) (negative powers for a pole).
        public let value: Expr
        /// Terms of degree `order` and beyond are left out: the remainder is O((x - a)^order).
        public let order: Int
        /// The remainder term as text, `O(x^6)` or `O((x - 1)^6)`.
        public let remainder: String
        /// The nonzero terms in increasing powers of (x - a), as a physicist writes a series.
        public let terms: [Expr]

        /// `1 - x^2/6 + x^4/120 + O(x^6)`: the terms in increasing powers, then the remainder.
        public var text: String {
            var out = ""
            for t in terms {
                let s = t.description
                if out.isEmpty { out = s } else if s.hasPrefix("-") { out += " - " + s.dropFirst() } else { out += " + " + s }
            }
            return out.isEmpty ? remainder : out + " + " + remainder
        }
    }

    /// Largest order asked for.
    public static let maxOrder = 200

    public static func expand(_ e: Expr, in variable: String, at point: Expr = .zero, order: Int,
                              budget: Budget = .unlimited) throws -> Result {
        guard (1...maxOrder).contains(order) else {
            throw Diagnostic(.series, "the order must be between 1 and \(maxOrder)", hint: "ask for fewer terms")
        }
        if case .relation = e.kind { throw Diagnostic(.series, "a relation has no series", hint: "expand each side") }
        if point.symbolNames.contains(variable) {
            throw Diagnostic(.series, "the expansion point depends on \(variable)", hint: "expand around a number or another symbol")
        }
        return try LargeStack.run(ifDeeperThan: e.depth) {
            // work with more terms when poles eat into the order, until the result reaches it
            var working = order
            for _ in 0..<6 {
                var builder = Builder(variable: variable, point: point, working: working, budget: budget)
                let s = try builder.series(e)
                if s.order >= order || s.order >= Builder.exact {
                    return try result(s, order, variable, point, budget)
                }
                working += order - s.order + 2
                guard working <= 4 * maxOrder else { break }
            }
            throw Diagnostic(.series, "could not reach order \(order): too many terms cancel", hint: "ask for a lower order")
        }
    }

    static func result(_ s: PowerSeries, _ order: Int, _ variable: String, _ point: Expr, _ budget: Budget) throws -> Result {
        let t = Expr.add([.symbol(variable), -point])
        var terms: [Expr] = []
        for k in s.start..<min(order, s.start + s.coefficients.count) {
            let c = s.coefficients[k - s.start]
            if c.isZero { continue }
            let simplified = try RationalFunctions.cancel(c, budget: budget).value
            terms.append(Expr.mul([simplified, Expr.pow(t, .integer(k))]))
        }
        let base = point.isZero ? variable : "(\(t))"
        return Result(value: Expr.add(terms), order: order, remainder: order == 1 ? "O(\(base))" : "O(\(base)^\(order))",
                      terms: terms)
    }
}

extension Series {
    /// Thrown in Gruntz mode when a power needs t^(p/q): substitute t = u^denominator and expand again.
    public struct Ramification: Error {
        public let denominator: Int
    }

    /// The leading term c·t^k of `e` as t = `variable` → 0+, for Gruntz's algorithm: `log(t)` is
    /// written `logSymbol` in the coefficient, and `isZero` decides the coefficients that
    /// expansion leaves unsimplified. Throws `Ramification` when fractional powers of t appear.
    public static func leadingTerm(_ e: Expr, in variable: String, logSymbol: Expr, isZero: @escaping @Sendable (Expr) throws -> Bool,
                                   budget: Budget) throws -> (coefficient: Expr, exponent: Int) {
        try LargeStack.run(ifDeeperThan: e.depth) {
            var working = 3
            while true {
                var builder = Builder(variable: variable, point: .zero, working: working, budget: budget)
                builder.logSymbol = logSymbol
                builder.isZero = isZero
                let s: PowerSeries
                do {
                    s = try builder.series(e)
                } catch let d as Diagnostic where d.kind == .series && working < 48 {
                    // a part that vanishes to the working order (log(t^3) with terms to t^2) looks
                    // like a singular one: more terms first
                    working *= 2
                    continue
                }
                if let v = try builder.leading(s), v < s.order { return (s.coefficient(v), v) }
                guard working < 48 else {
                    throw Builder.fail("the expansion vanishes to order \(working): cannot find its leading term", "try a simpler form of the expression")
                }
                working *= 2
            }
        }
    }
}

/// `Σ coefficients[i] (x - a)^(start + i)`, exact up to (not including) the power `order`;
/// coefficients past the end of the array are zero.
struct PowerSeries {
    var start: Int
    var coefficients: [Expr]
    var order: Int

    func coefficient(_ k: Int) -> Expr {
        let i = k - start
        return i >= 0 && i < coefficients.count ? coefficients[i] : .zero
    }

    /// Index of the first nonzero coefficient, if any below the order.
    var valuation: Int? {
        for (i, c) in coefficients.enumerated() where !c.isZero { return start + i }
        return nil
    }
}

struct Builder {
    let variable: String
    let point: Expr
    /// Terms beyond this power are not computed.
    let working: Int
    let budget: Budget
    var memo: [Expr: PowerSeries] = [:]
    /// Gruntz mode (limits): the variable is positive and tends to 0 from above, `log` of it is
    /// this symbol, and powers of a vanishing base are allowed where the exponent comes out whole
    /// (else `Series.Ramification` asks the caller to substitute t = u^d).
    var logSymbol: Expr? = nil
    /// A stronger zero test for leading coefficients than expansion (which misses
    /// log(2*x) - log(2) - log(x)): a coefficient taken for nonzero would divide by zero.
    var isZero: (@Sendable (Expr) throws -> Bool)? = nil
    /// The order of an exact (finite) series.
    static let exact = Int.max / 8

    init(variable: String, point: Expr, working: Int, budget: Budget) {
        self.variable = variable
        self.point = point
        self.working = working
        self.budget = budget
    }

    static func fail(_ message: String, _ hint: String = "expand around another point") -> Diagnostic {
        Diagnostic(.series, message, hint: hint)
    }

    func constant(_ c: Expr) -> PowerSeries { PowerSeries(start: 0, coefficients: [c], order: Self.exact) }

    /// Coefficients normalised so that zeros are seen as zeros.
    func tidy(_ c: Expr) throws -> Expr { try Expand.expand(c, budget: budget) }

    mutating func series(_ e: Expr) throws -> PowerSeries {
        if let known = memo[e] { return known }
        try budget.spend(1, doing: "expanding in a series")
        let s: PowerSeries
        if !e.symbolNames.contains(variable) {
            s = constant(e)
        } else {
            switch e.kind {
            case .symbol:
                s = PowerSeries(start: 0, coefficients: [point, .one], order: Self.exact)
            case let .add(c, terms):
                var sum = constant(.number(c))
                for t in terms { sum = try add(sum, scale(try series(t.expr), .number(t.coefficient))) }
                s = sum
            case let .mul(c, factors):
                var product = constant(.number(c))
                for f in factors { product = try multiply(product, try power(f.base, f.exponent)) }
                s = product
            case let .pow(b, x):
                s = try power(b, x)
            case let .function(.builtin(f), args):
                s = try function(f, args)
            case let .function(.user(name), _):
                throw Self.fail("\(name) is a declared function with no known series", "expand an explicit formula")
            default:
                throw Self.fail("cannot expand \(e) in a series")
            }
        }
        memo[e] = s
        return s
    }

    // MARK: Arithmetic

    func scale(_ s: PowerSeries, _ k: Expr) throws -> PowerSeries {
        if k.isOne { return s }
        return PowerSeries(start: s.start, coefficients: try s.coefficients.map { try tidy(Expr.mul([k, $0])) }, order: s.order)
    }

    func add(_ a: PowerSeries, _ b: PowerSeries) throws -> PowerSeries {
        let start = min(a.start, b.start)
        let order = min(a.order, b.order)
        let natural = max(a.start + a.coefficients.count, b.start + b.coefficients.count)
        let end = min(order, working, natural)
        var cs: [Expr] = []
        if end > start {
            for k in start..<end { cs.append(try tidy(Expr.add([a.coefficient(k), b.coefficient(k)]))) }
        }
        return PowerSeries(start: start, coefficients: cs, order: truncated(order, natural))
    }

    func multiply(_ a: PowerSeries, _ b: PowerSeries) throws -> PowerSeries {
        let start = a.start + b.start
        let order = min(a.order >= Self.exact ? Self.exact : a.order + b.start,
                        b.order >= Self.exact ? Self.exact : b.order + a.start)
        let natural = a.start + a.coefficients.count + b.start + b.coefficients.count - 1
        let end = min(order, working, natural)
        var cs: [Expr] = []
        if end > start {
            for k in start..<end {
                var parts: [Expr] = []
                for (i, ca) in a.coefficients.enumerated() where !ca.isZero {
                    let cb = b.coefficient(k - a.start - i)
                    if !cb.isZero { parts.append(Expr.mul([ca, cb])) }
                }
                try budget.spend(parts.count, doing: "multiplying series")
                cs.append(try tidy(Expr.add(parts)))
            }
        }
        return PowerSeries(start: start, coefficients: cs, order: truncated(order, natural))
    }

    /// The order of a result whose terms run to `natural` (exclusive) when only those below the
    /// working order are kept.
    func truncated(_ order: Int, _ natural: Int) -> Int {
        natural > working ? min(order, working) : order
    }

    /// The series with its leading nonzero term split off: s = c0 t^v (1 + u), u of valuation ≥ 1.
    func split(_ s: PowerSeries) throws -> (c0: Expr, v: Int, u: PowerSeries) {
        guard let v = try leading(s) else {
            throw Self.fail("the series vanishes to the order computed, so it cannot be divided by or raised to a power",
                            "expand to a higher order or around another point")
        }
        let c0 = s.coefficient(v)
        let inverse = Expr.pow(c0, .minusOne)
        var cs: [Expr] = [.zero]
        if s.start + s.coefficients.count > v + 1 {
            for k in (v + 1)..<(s.start + s.coefficients.count) { cs.append(try tidy(Expr.mul([s.coefficient(k), inverse]))) }
        }
        let order = s.order >= Self.exact ? Self.exact : s.order - v
        return (c0, v, PowerSeries(start: 0, coefficients: cs, order: order))
    }

    /// The valuation, with coefficients that the zero test recognises as 0 skipped.
    func leading(_ s: PowerSeries) throws -> Int? {
        guard let isZero else { return s.valuation }
        for (i, c) in s.coefficients.enumerated() where !c.isZero {
            if try !isZero(c) { return s.start + i }
        }
        return nil
    }

    /// Σ_k a_k u^k for u of valuation ≥ 1 (a composition), to the working order.
    func compose(_ a: [Expr], _ u: PowerSeries) throws -> PowerSeries {
        var result = constant(a.first ?? .zero)
        var uk = constant(.one)
        let limit = min(working, u.order) + 1
        let upper = min(a.count, limit)
        if upper > 1 {
            for k in 1..<upper {
                uk = try multiply(uk, u)
                if !a[k].isZero { result = try add(result, try scale(uk, a[k])) }
            }
        }
        // the terms a_k u^k left out (k ≥ a.count, or beyond the working order) start at u^k
        let omitted = a.count < limit ? a.count : limit
        result.order = min(result.order, u.order, a.count == Int.max ? Self.exact : omitted)
        return result
    }

    /// How many composition coefficients are needed.
    var terms: Int { working + 1 }

    func reciprocal(_ s: PowerSeries) throws -> PowerSeries {
        let (c0, v, u) = try split(s)
        // 1/(c0 t^v (1+u)) = t^-v/c0 Σ (-u)^k
        let a = (0..<terms).map { k in k % 2 == 0 ? Expr.one : Expr.minusOne }
        let inner = try compose(a, u)
        let shifted = PowerSeries(start: inner.start - v, coefficients: inner.coefficients,
                                  order: inner.order >= Self.exact ? Self.exact : inner.order - v)
        return try scale(shifted, Expr.pow(c0, .minusOne))
    }

    mutating func power(_ base: Expr, _ exponent: Expr) throws -> PowerSeries {
        if exponent.symbolNames.contains(variable) {
            // b^e = exp(e log b)
            return try series(Expr.function(.exp, [Expr.mul([exponent, Expr.function(.log, [base])])]))
        }
        let b = try series(base)
        if let q = exponent.rationalValue, q.isInteger, let n = q.numerator.intValue, n.magnitude <= 4096 {
            var result = constant(.one)
            var square = n < 0 ? try reciprocal(b) : b
            var k = abs(n)
            while k > 0 {
                if k & 1 == 1 { result = try multiply(result, square) }
                k >>= 1
                if k > 0 { square = try multiply(square, square) }
            }
            return result
        }
        // (c0 t^v (1+u))^r = c0^r t^(v r) Σ binomial(r, k) u^k
        // Only where the base does not vanish (v = 0): (t^2)^(1/2) is |t|, not t, and (t^3)^(1/3) is
        // not real for t < 0, so c0^r t^(v r) would be wrong on one side of the point.
        let (c0, v, u) = try split(b)
        var shift = 0
        if v != 0, logSymbol != nil {
            // t > 0: (c0 t^v (1+u))^r = c0^r t^(v r) (1+u)^r, with t^(v r) a Laurent monomial only
            // for whole v r
            guard let r = exponent.rationalValue else {
                throw Self.fail("\(Expr.pow(base, exponent)) has a vanishing base and a symbolic exponent", "give the exponent a value")
            }
            let vr = r * Rational(v)
            guard vr.isInteger, let whole = vr.numerator.intValue else {
                throw Series.Ramification(denominator: vr.denominator.intValue ?? 0)
            }
            shift = whole
        } else if v != 0 {
            throw Self.fail("\(Expr.pow(base, exponent)) is not analytic at the point: its base vanishes there (the expansion would need |x - a| or fractional powers)",
                            "expand around a point where the base is not zero")
        }
        let s = shift
        var a: [Expr] = [.one]
        var binomial = Expr.one
        for k in 1..<terms {
            binomial = try tidy(Expr.mul([binomial, Expr.add([exponent, .integer(-(k - 1))]), .rational(try Rational(1, k))]))
            a.append(binomial)
        }
        let inner = try compose(a, u)
        let shifted = PowerSeries(start: inner.start + s, coefficients: inner.coefficients,
                                  order: inner.order >= Self.exact ? Self.exact : inner.order + s)
        return try scale(shifted, Expr.pow(c0, exponent))
    }

    // MARK: Functions

    /// f(u0 + w) = Σ f^(k)(u0) w^k / k!
    mutating func function(_ f: BuiltinFunction, _ args: [Expr]) throws -> PowerSeries {
        if f == .atan2 {  // atan2(y, x) = 2 atan(y / (sqrt(x^2 + y^2) + x)), valid off the negative x axis
            let (y, x) = (args[0], args[1])
            return try series(Expr.mul([.integer(2), Expr.function(.atan, [Expr.mul([y, Expr.pow(Expr.add([Expr.pow(Expr.add([Expr.mul([x, x]), Expr.mul([y, y])]), .rational(.half)), x]), .minusOne)])])]))
        }
        // a function of two arguments (besselj(nu, x), polylog(s, x)): a series in its last
        // argument, the others constant
        if f.entry.isRealLinear || f == .arg {
            throw Self.fail("\(f.name) is not analytic: it has no power series in a complex variable",
                            "expand the real and imaginary parts separately")
        }
        let leading = Array(args.dropLast())
        guard let last = args.last else { throw Self.fail("\(f.name) takes \(f.arity) argument(s)") }
        if leading.contains(where: { $0.symbolNames.contains(variable) }) {
            throw Self.fail("\(f.name) has no series here: only its last argument may depend on \(variable)",
                            "expand in the last argument, with the order a constant")
        }
        // tan, cot, sec, csc as quotients, so that a pole (tan at pi/2) gives a Laurent series
        let quotients: [BuiltinFunction: (Expr, Expr)] = [
            .tan: (Expr.function(.sin, args), Expr.function(.cos, args)), .cot: (Expr.function(.cos, args), Expr.function(.sin, args)),
            .sec: (.one, Expr.function(.cos, args)), .csc: (.one, Expr.function(.sin, args)),
        ]
        if let (numerator, denominator) = quotients[f] { return try series(numerator / denominator) }
        let s = try series(last)
        if logSymbol != nil, f == .abs || f == .sign, let expansion = try positiveVariableExpansion(f, s) { return expansion }
        if f == .abs || f == .sign {
            // |u| and sign(u) have no power series where u vanishes; elsewhere they are ±u and ±1
            let u0 = s.coefficient(0)
            guard u0.isKnownNonzero, u0.isKnownReal, s.start >= 0 else {
                throw Self.fail("\(f.name) is not analytic where its argument \(last) is 0, as it may be at the expansion point",
                                "expand where the argument is known to be nonzero, or state its sign with an assumption")
            }
        }
        if logSymbol != nil, let expansion = try positiveVariableExpansion(f, s) { return expansion }
        var w = s
        if s.start < 0 {
            // negative powers whose coefficients the zero test shows are 0 (-L - t with log t = -L
            // in Gruntz's expansions) are not a pole
            for k in s.start..<0 {
                let c = s.coefficient(k)
                if c.isZero { continue }
                guard let isZero, try isZero(c) else {
                    throw Self.fail("\(f.name) of an argument with a pole has no power series here (an essential singularity)")
                }
                w.coefficients[k - s.start] = .zero
            }
            // start at the constant term: a composition multiplies u's starts together
            w = PowerSeries(start: 0, coefficients: Array(w.coefficients.dropFirst(-w.start)), order: w.order)
        }
        let u0 = w.coefficient(0)
        if w.start <= 0 && -w.start < w.coefficients.count { w.coefficients[-w.start] = .zero }
        let a = try knownCoefficients(f, leading, at: u0) ?? derivativesOverFactorials(f, leading, at: u0)
        return try compose(a, w)
    }

    /// Gruntz mode's expansions where the argument vanishes or has a pole at t = 0+:
    /// log(c0 t^v (1+u)) = log(c0) + v log(t) + log(1+u) (t > 0), and
    /// atan(u) = sign(c0) pi/2 - atan(1/u) for a real argument with a pole.
    func positiveVariableExpansion(_ f: BuiltinFunction, _ s: PowerSeries) throws -> PowerSeries? {
        if logSymbol != nil, f == .abs || f == .sign, let v = try leading(s) {
            // a real argument with a known leading sign keeps it near t = 0+: |u| = ±u, sign(u) = ±1
            let c0 = s.coefficient(v)
            guard c0.isKnownReal, s.coefficients.allSatisfy(\.isKnownReal) else { return nil }
            let positive = c0.isKnownPositive, negative = (-c0).isKnownPositive
            guard positive || negative else { return nil }
            if f == .sign { return constant(positive ? .one : .minusOne) }
            return positive ? s : try scale(s, .minusOne)
        }
        guard let logSymbol, [.log, .atan].contains(f), let v = try leading(s), v != 0 else { return nil }
        if f == .log {
            let (c0, _, u) = try split(s)
            var a: [Expr] = [.zero]
            for k in 1..<terms { a.append(.rational(try Rational(k % 2 == 1 ? 1 : -1, k))) }
            let tail = try compose(a, u)
            return try add(tail, constant(Expr.add([Expr.function(.log, [c0]), Expr.mul([.integer(v), logSymbol])])))
        }
        guard v < 0 else { return nil }
        let c0 = s.coefficient(v)
        guard c0.isKnownReal, c0.isKnownPositive || (-c0).isKnownPositive else {
            throw Self.fail("atan of an argument with a pole whose sign is unknown (\(c0))", "declare the signs of the symbols")
        }
        let inverse = try reciprocal(s)
        var a: [Expr] = [.zero]
        for k in 1..<terms { a.append(k % 2 == 0 ? .zero : .rational(try Rational((k / 2) % 2 == 0 ? 1 : -1, k))) }
        let tail = try compose(a, inverse)
        let half = Expr.mul([.rational(c0.isKnownPositive ? .half : -Rational.half), .pi])
        return try add(constant(half), scale(tail, .minusOne))
    }

    /// Taylor coefficients known in closed form where the derivatives have removable
    /// singularities: Li_s(u) = Σ u^k/k^s and W(u) = Σ (-k)^(k-1) u^k/k! at u = 0.
    func knownCoefficients(_ f: BuiltinFunction, _ leading: [Expr], at u0: Expr) throws -> [Expr]? {
        guard u0.isZero else { return nil }
        switch f {
        case .polylog:
            guard let s = leading.first else { return nil }
            return try (0..<terms).map { k in k == 0 ? .zero : try tidy(Expr.pow(.integer(k), Expr.mul([.minusOne, s]))) }
        case .lambertw:
            return try (0..<terms).map { k in
                guard k > 0 else { return .zero }
                let factorial = try BigInt.factorial(k)
                return try tidy(Expr.pow(.integer(-k), .integer(k - 1)) / .rational(Rational(factorial)))
            }
        default:
            return nil
        }
    }

    /// Does `e` call a special function at numbers where it has no value (gamma(0), zeta(1))?
    static func hasPole(_ e: Expr) -> Bool {
        var stack = [e]
        var seen = Set<Expr>()
        while let node = stack.popLast(), seen.count < 10_000 {
            guard seen.insert(node).inserted else { continue }
            if case let .function(.builtin(f), args) = node.kind, f.entry.isSpecial, args.allSatisfy({ $0.symbolNames.isEmpty }),
               let xs = try? args.map({ try Evaluator.evaluate($0, at: [:], precision: 64) }),
               f.entry.realValue(xs, precision: 64, maxPrecision: 256).1 == .undefined {
                return true
            }
            stack += node.children
        }
        return false
    }

    /// f^(k)(u0)/k! for k < terms.
    func derivativesOverFactorials(_ f: BuiltinFunction, _ leading: [Expr], at u0: Expr) throws -> [Expr] {
        var a: [Expr] = []
        var factorial = Rational.one
        func push(_ k: Int, _ value: Expr) throws {
            if k > 0 { factorial = factorial * Rational(k) }
            a.append(try tidy(Expr.mul([value, .rational(try Rational.one / factorial)])))
        }
        switch f {
        case .exp:
            let value = Expr.function(.exp, [u0])
            for k in 0..<terms { try push(k, value) }
        case .sin, .cos:
            let cycle = f == .sin
                ? [Expr.function(.sin, [u0]), Expr.function(.cos, [u0]), -Expr.function(.sin, [u0]), -Expr.function(.cos, [u0])]
                : [Expr.function(.cos, [u0]), -Expr.function(.sin, [u0]), -Expr.function(.cos, [u0]), Expr.function(.sin, [u0])]
            for k in 0..<terms { try push(k, cycle[k % 4]) }
        case .sinh, .cosh:
            let pair = f == .sinh ? [Expr.function(.sinh, [u0]), Expr.function(.cosh, [u0])]
                                  : [Expr.function(.cosh, [u0]), Expr.function(.sinh, [u0])]
            for k in 0..<terms { try push(k, pair[k % 2]) }
        case .log:
            guard !u0.isZero else {
                throw Self.fail("log of an argument that vanishes at the point: the expansion has a log term, not a power series")
            }
            try push(0, Expr.function(.log, [u0]))
            // d^k/du^k log u = (-1)^(k-1) (k-1)! / u^k
            var falling = Rational.one
            for k in 1..<terms {
                if k > 1 { falling = falling * Rational(k - 1) }
                let sign: Rational = k % 2 == 1 ? .one : .minusOne
                try push(k, Expr.mul([.rational(sign * falling), Expr.pow(u0, .integer(-k))]))
            }
        default:
            // the k-th derivative of f(y), symbolically, at y = u0
            let y = "·y"
            var derivative = Expr.function(f, leading + [.symbol(y)])
            for k in 0..<terms {
                if k > 0 { derivative = try Derivative.of(derivative, by: y, budget: budget) }
                let value: Expr
                do {
                    value = try Substitution.apply(derivative, [(.symbol(y), u0)], budget: budget)
                } catch let d as Diagnostic where d.kind == .divisionByZero {
                    throw Self.fail("\(f.name) is not analytic at \(u0): its derivative there is undefined")
                }
                // a special function at a pole stays a call (gamma(0)): no series there
                if Self.hasPole(value) {
                    throw Self.fail("\(f.name) is not analytic at \(u0): a pole", "expand at another point")
                }
                try push(k, value)
            }
        }
        return a
    }
}
