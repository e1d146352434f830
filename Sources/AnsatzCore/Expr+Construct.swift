import AnsatzNumbers

/// Limits on the arithmetic that constructors do eagerly. Anything beyond stays an unevaluated
/// (still exact) power: `2^(10^20)` is a valid expression, it is just not expanded into digits.
public enum FoldLimits {
    /// Largest integer or rational power computed on construction, in bits of the result.
    public static let maxFoldBits = 100_000
    /// Highest precision at which constructors evaluate a function or a fractional power of a
    /// float (about 79,000 digits). Above it the call stays symbolic: one MPFR exp or pow at 2^22
    /// bits takes seconds and cannot be interrupted, so it belongs to `evaluate`, which estimates
    /// each step's cost against the budget before starting it.
    public static let maxFloatFoldBits = 1 << 18
    /// Highest precision at which constructors evaluate a special function of floats (Arb's
    /// zeta or polylog at 2^18 bits takes seconds, inside the parser where no budget reaches).
    public static let maxSpecialFoldBits = 4096
    /// Number of canonicalisation rounds in one product (a product's factors can fold into new factors).
    static let maxMulRounds = 4
}

/// Keys in first-seen order with a value each, merged on repeats. Linear search while small (most
/// sums and products have a handful of parts), a hash index once large. One array of entries, so
/// that a small sum costs one allocation.
struct Collector<Value> {
    struct Entry {
        let key: Expr
        var value: Value
        /// The value combines several contributions (so it may need re-canonicalising).
        var merged: Bool
    }

    var entries: [Entry] = []
    var index: [Expr: Int]?

    init(capacity: Int) { entries.reserveCapacity(capacity) }

    mutating func merge(_ key: Expr, _ value: Value, _ combine: (Value, Value) -> Value) {
        if let index {
            if let i = index[key] {
                entries[i].value = combine(entries[i].value, value)
                entries[i].merged = true
                return
            }
        } else if let i = entries.firstIndex(where: { $0.key === key }) {
            entries[i].value = combine(entries[i].value, value)
            entries[i].merged = true
            return
        }
        entries.append(Entry(key: key, value: value, merged: false))
        if index != nil {
            index?[key] = entries.count - 1
        } else if entries.count > 16 {
            index = Dictionary(uniqueKeysWithValues: entries.indices.map { (entries[$0].key, $0) })
        }
    }
}

extension Expr {
    static let cachedZero = Expr.intern(.number(.zero))
    static let cachedOne = Expr.intern(.number(.one))
    static let cachedMinusOne = Expr.intern(.number(.minusOne))

    // MARK: Sums

    /// The canonical sum of `args`: nested sums flattened, like terms collected (`x + x = 2*x`),
    /// numbers folded, zero terms dropped, terms in canonical order.
    public static func add(_ args: [Expr]) -> Expr {
        add(scaled: args.map { ($0, Number.one) })
    }

    /// The canonical sum of `coefficient * expr` pairs: what `add` does, without first building a
    /// product node for every `- x` (the parser's fast path).
    public static func add(scaled args: [(Expr, Number)]) -> Expr {
        var constant = Number.zero
        var collected = Collector<Number>(capacity: args.count)
        for (a, k) in args {
            switch a.kind {
            case let .number(n):
                constant = constant + (k.isOne ? n : k * n)
            case let .add(c, terms):
                constant = constant + (k.isOne ? c : k * c)
                for t in terms { collected.merge(t.expr, k.isOne ? t.coefficient : k * t.coefficient, +) }
            case let .mul(c, factors) where !c.isOne:
                collected.merge(product(coefficient: .one, factors), k.isOne ? c : k * c, +)
            default:
                collected.merge(a, k, +)
            }
        }
        // sorted by position, so that the sort moves integers rather than terms (a term's
        // coefficient is an enum of big-integer enums, costly to move around)
        let entries = collected.entries
        var order: [Int] = []
        order.reserveCapacity(entries.count)
        for i in entries.indices where !entries[i].value.isZero { order.append(i) }
        if order.isEmpty { return .number(constant) }
        if constant.isZero { constant = .zero }  // a float 0.0 constant is not kept: it prints as nothing
        if order.count == 1 && constant.isZero { return scaled(entries[order[0]].key, by: entries[order[0]].value) }
        let sorted = canonicalOrder(order.map { entries[$0].key })
        return intern(.add(constant: constant, terms: sorted.map { Term(expr: entries[order[$0]].key, coefficient: entries[order[$0]].value) }))
    }

    /// `c * e` for a term `e` that carries no coefficient.
    public static func scaled(_ e: Expr, by c: Number) -> Expr {
        c.isOne ? e : mul([.number(c), e])
    }

    // MARK: Products

    /// The canonical product of `args`: nested products flattened, powers of equal bases combined
    /// (`x*x = x^2`, valid for every x), numbers folded into one coefficient.
    public static func mul(_ args: [Expr]) -> Expr { mul(args, round: 0) }

    static func mul(_ args: [Expr], round: Int) -> Expr {
        if args.count == 2, let fast = binaryProduct(args[0], args[1]) ?? mergedProduct(args[0], args[1]) { return fast }
        var coefficient = Number.one
        var exponents = Collector<Expr>(capacity: args.count + 2)
        let sum: (Expr, Expr) -> Expr = { add([$0, $1]) }
        for a in args {
            switch a.kind {
            case let .number(n):
                coefficient = coefficient * n
            case let .mul(c, factors):
                coefficient = coefficient * c
                for f in factors { exponents.merge(f.base, f.exponent, sum) }
            case let .pow(b, e):
                exponents.merge(b, e, sum)
            default:
                exponents.merge(a, cachedOne, sum)
            }
        }
        if case let .rational(r) = coefficient, r.isZero { return cachedZero }

        var factors: [Factor] = []
        var refolded: [Expr] = []
        factors.reserveCapacity(exponents.entries.count)
        for entry in exponents.entries {
            let base = entry.key, exponent = entry.value
            // A single contribution came from a canonical node: it is a canonical factor already.
            if !entry.merged && !base.isNumber {
                factors.append(Factor(base: base, exponent: exponent))
                continue
            }
            if exponent.isZero { continue }
            if exponent.isOne && !base.isNumber && !isFoldableBase(base) {
                factors.append(Factor(base: base, exponent: exponent))
                continue
            }
            let p = pow(base, exponent)
            switch p.kind {
            case let .number(n):
                coefficient = coefficient * n
            case let .pow(b, e) where b === base:
                factors.append(Factor(base: b, exponent: e))
            default:
                if p === base && !base.isNumber {
                    factors.append(Factor(base: base, exponent: cachedOne))
                } else if round < FoldLimits.maxMulRounds {
                    refolded.append(p)
                } else {
                    factors.append(Factor(base: base, exponent: exponent))
                }
            }
        }
        if !refolded.isEmpty {
            return mul([.number(coefficient)] + factors.map(powerNode) + refolded, round: round + 1)
        }
        if case let .rational(r) = coefficient, r.isZero { return cachedZero }
        if factors.isEmpty { return .number(coefficient) }
        if factors.count == 1 {
            if coefficient.isOne { return powerNode(factors[0]) }
            // A number times a single sum distributes: 2*(x + 1) = 2*x + 2, -(a - b) = b - a.
            if factors[0].exponent.isOne, case let .add(c, terms) = factors[0].base.kind {
                return add([.number(coefficient * c)] + terms.map { scaled($0.expr, by: coefficient * $0.coefficient) })
            }
        }
        factors.sort { compare($0.base, $1.base) < 0 }
        return intern(.mul(coefficient: coefficient, factors: factors))
    }

    /// The common products `2*x`, `x*y`, `x/y` without the general machinery; nil when the general
    /// rules may apply (numbers meeting numbers, equal bases, sums to distribute into, foldable bases).
    static func binaryProduct(_ a: Expr, _ b: Expr) -> Expr? {
        func simpleFactor(_ e: Expr) -> Factor? {
            switch e.kind {
            case .symbol, .unit, .function, .constant(.pi): return Factor(base: e, exponent: cachedOne)
            case let .pow(base, exponent):
                switch base.kind {
                case .symbol, .unit, .function, .add, .constant(.pi): return Factor(base: base, exponent: exponent)
                default: return nil
                }
            default: return nil
            }
        }
        if case let .number(n) = a.kind, case .rational = n, let f = simpleFactor(b) {
            if n.isZero { return cachedZero }
            if n.isOne { return b }
            return intern(.mul(coefficient: n, factors: [f]))
        }
        if case let .number(n) = b.kind, case .rational = n, let f = simpleFactor(a) {
            if n.isZero { return cachedZero }
            if n.isOne { return a }
            return intern(.mul(coefficient: n, factors: [f]))
        }
        guard let f = simpleFactor(a), let g = simpleFactor(b), f.base !== g.base else { return nil }
        return intern(.mul(coefficient: .one, factors: compare(f.base, g.base) < 0 ? [f, g] : [g, f]))
    }

    /// The product of two products (or powers, or atoms) whose factor bases never fold (symbols,
    /// functions, sums, units, π), by merging their sorted factor lists: what differentiation does
    /// most (`e * part` for every part of a product rule). Nil when the general rules may apply.
    static func mergedProduct(_ a: Expr, _ b: Expr) -> Expr? {
        func parts(_ e: Expr) -> (Number, [Factor])? {
            switch e.kind {
            case let .mul(c, fs): return (c, fs)
            case let .pow(base, x): return (.one, [Factor(base: base, exponent: x)])
            case .symbol, .function, .unit, .add, .constant(.pi): return (.one, [Factor(base: e, exponent: cachedOne)])
            case let .number(n): return (n, [])
            default: return nil
            }
        }
        func simple(_ f: Factor) -> Bool {
            switch f.base.kind {
            case .symbol, .function, .unit, .add, .constant(.pi): return true
            default: return false
            }
        }
        guard let (ca, fa) = parts(a), let (cb, fb) = parts(b), fa.allSatisfy(simple), fb.allSatisfy(simple) else { return nil }
        if case .float = ca { return nil }
        if case .float = cb { return nil }
        let coefficient = ca * cb
        if coefficient.isZero { return cachedZero }
        var merged: [Factor] = []
        merged.reserveCapacity(fa.count + fb.count)
        var i = 0, j = 0
        while i < fa.count || j < fb.count {
            let c = i == fa.count ? 1 : j == fb.count ? -1 : compare(fa[i].base, fb[j].base)
            if c < 0 {
                merged.append(fa[i]); i += 1
            } else if c > 0 {
                merged.append(fb[j]); j += 1
            } else {
                let exponent = add([fa[i].exponent, fb[j].exponent])
                if !exponent.isZero { merged.append(Factor(base: fa[i].base, exponent: exponent)) }
                i += 1; j += 1
            }
        }
        if merged.isEmpty { return .number(coefficient) }
        if merged.count == 1 {
            if coefficient.isOne { return powerNode(merged[0]) }
            if merged[0].exponent.isOne, case .add = merged[0].base.kind { return nil }  // distributes: general rules
        }
        return intern(.mul(coefficient: coefficient, factors: merged))
    }

    /// Bases whose power may fold into something else (so even exponent 1 goes through `pow`).
    static func isFoldableBase(_ e: Expr) -> Bool {
        switch e.kind {
        case .constant(.e), .constant(.i), .mul: return true
        default: return false
        }
    }

    /// A product node built from already-canonical factors (used to strip a coefficient).
    static func product(coefficient: Number, _ factors: [Factor]) -> Expr {
        if coefficient.isOne && factors.count == 1 { return powerNode(factors[0]) }
        return intern(.mul(coefficient: coefficient, factors: factors))
    }

    static func powerNode(_ f: Factor) -> Expr {
        f.exponent.isOne ? f.base : intern(.pow(base: f.base, exponent: f.exponent))
    }

    // MARK: Powers

    /// The canonical power `base^exponent`. Every rewrite here holds for all complex values:
    /// `(x^a)^b = x^(a*b)` only for integer `b` or positive `x` with real `a`; a product is split
    /// only into factors known positive; `x^0 = 1` by the usual convention.
    public static func pow(_ base: Expr, _ exponent: Expr) -> Expr {
        if exponent.isZero, exponent.rationalValue != nil { return cachedOne }
        if exponent.isOne { return base }
        if base.isOne { return cachedOne }
        let integerExponent = exponent.rationalValue?.isInteger == true
        switch (base.kind, exponent.kind) {
        case let (.number(b), .number(e)):
            return powNumbers(b, e) ?? intern(.pow(base: base, exponent: exponent))
        case (.constant(.e), _):
            return function(.exp, [exponent])
        case let (.constant(.i), .number(.rational(q))) where q.isInteger:
            let r = (try? q.numerator.floorDivMod(BigInt(4)).modulus.intValue) ?? nil
            switch r {
            case 0: return cachedOne
            case 1: return base
            case 2: return cachedMinusOne
            case 3: return mul([cachedMinusOne, base])
            default: return intern(.pow(base: base, exponent: exponent))
            }
        case let (.pow(b, e1), _):
            if integerExponent || (b.isKnownPositive && e1.isKnownReal && exponent.isKnownReal) {
                return pow(b, mul([e1, exponent]))
            }
        case let (.mul(c, factors), _):
            if integerExponent {
                let parts = factors.map { pow($0.base, mul([$0.exponent, exponent])) }
                return mul([pow(.number(c), exponent)] + parts)
            }
            return splitPositive(c, factors, exponent) ?? intern(.pow(base: base, exponent: exponent))
        case let (.number(n), _) where n.isZero:
            if exponent.isKnownPositive { return base }
        case let (.add, .number(.rational(q))) where q.isInteger:
            // a Gaussian rational to an integer power, exactly: 1/(1 + I) = 1/2 - I/2
            if let (a, b) = ComplexParts.gaussian(base), q.numerator.magnitude <= BigInt(256), let n = q.numerator.intValue,
               let (x, y) = ComplexParts.power(a, b, n) {
                return add([.rational(x), mul([.rational(y), .i])])
            }
        default:
            break
        }
        return intern(.pow(base: base, exponent: exponent))
    }

    /// `(P*R)^e = P^e * R^e` when P is known positive (true for every complex e).
    static func splitPositive(_ c: Number, _ factors: [Factor], _ exponent: Expr) -> Expr? {
        var pulled: [Expr] = []
        var rest: [Expr] = []
        var restCoefficient = Number.one
        switch c {
        case let .rational(r) where !r.magnitude.isOne:
            pulled.append(pow(.rational(r.magnitude), exponent))
            restCoefficient = r.isNegative ? .minusOne : .one
        default:
            restCoefficient = c
        }
        for f in factors {
            if f.base.isKnownPositive && f.exponent.isKnownReal {
                pulled.append(pow(f.base, mul([f.exponent, exponent])))
            } else {
                rest.append(powerNode(f))
            }
        }
        if pulled.isEmpty { return nil }
        let remainder = mul([.number(restCoefficient)] + rest)
        return mul(pulled + [pow(remainder, exponent)])
    }

    /// Folds `b^e` for numbers, or returns nil to keep the power unevaluated.
    static func powNumbers(_ b: Number, _ e: Number) -> Expr? {
        guard case let .rational(base) = b, case let .rational(exponent) = e else {
            guard let precision = [b, e].compactMap({ n -> Int? in
                if case let .float(f) = n { return f.precision } else { return nil }
            }).max(),
                let fb = b.asFloat(precision: precision), let fe = e.asFloat(precision: precision)
            else { return nil }
            let integral = e.rational?.isInteger == true || fe.isInteger
            if fb.signum < 0 && !integral { return nil }  // principal branch is complex: keep it symbolic
            if precision > FoldLimits.maxFloatFoldBits && !integral { return nil }  // see maxFloatFoldBits
            let result = e.rational == .half ? fb.squareRoot : fb.power(fe)
            return result.isFinite ? .float(result) : nil  // an overflow stays a symbolic power
        }
        if exponent.isInteger {
            guard let n = exponent.numerator.intValue else { return nil }
            if base.isZero { return n > 0 ? cachedZero : nil }
            guard fits(base, n) else { return nil }
            return (try? base.power(n)).map { .rational($0) }
        }
        if base.isZero { return exponent.isNegative ? nil : cachedZero }
        guard !base.isNegative else { return nil }
        guard let p = exponent.numerator.intValue, let q = exponent.denominator.intValue else { return nil }
        if let root = base.exactRoot(q), fits(root, p), let value = try? root.power(p) {
            return .rational(value)
        }
        // pull perfect powers out of the radical: 8^(1/2) = 2*2^(1/2), (3/4)^(1/2) = 3^(1/2)/2;
        // the radicand left has no small q-th power, so the power below does not come back here
        if let (k, radicand) = ExactValues.simplifiedRoot(base, q), fits(k, p), let kp = try? k.power(p) {
            return mul([.rational(kp), pow(.rational(Rational(radicand)), .rational(exponent))])
        }
        // 2^(3/2) = 2 * 2^(1/2) and 2^(-1/2) = 2^(1/2)/2: keep the fractional part in [0, 1).
        let whole = exponent.floor
        guard !whole.isZero, let k = whole.intValue, fits(base, k), let integerPart = try? base.power(k) else { return nil }
        let fraction = exponent - Rational(whole)
        return mul([.rational(integerPart), intern(.pow(base: .rational(base), exponent: .rational(fraction)))])
    }

    static func fits(_ base: Rational, _ n: Int) -> Bool {
        let bits = Double(max(base.numerator.bitWidth, base.denominator.bitWidth)) * Double(n.magnitude)
        return bits <= Double(FoldLimits.maxFoldBits)
    }

    // MARK: Functions and relations

    /// A built-in function applied to `args`, with the exact values that hold everywhere folded
    /// (`sin(0) = 0`, `exp(1) = E`, `gamma(5) = 24`, `zeta(2) = pi^2/6`: the catalog entry's
    /// values) and calls on floats evaluated at the floats' precision.
    public static func function(_ f: BuiltinFunction, _ args: [Expr]) -> Expr {
        if args.count == f.arity, let folded = foldFunction(f, args) { return folded }
        return intern(.function(.builtin(f), args))
    }

    /// A user-declared function applied to `args` (never evaluated), whatever its name: a
    /// function the user declares as gamma is theirs, not the built-in one.
    public static func function(named name: String, _ args: [Expr]) -> Expr {
        intern(.function(.user(name), args))
    }

    static func foldFunction(_ f: BuiltinFunction, _ args: [Expr]) -> Expr? {
        if let value = f.entry.exactValue(args) { return value }
        // floats: the value at the floats' precision (rationals beside them rounded to it)
        var precision = 0
        for a in args {
            guard case let .number(n) = a.kind else { return nil }
            if case let .float(v) = n { precision = max(precision, v.precision) }
        }
        guard precision > 0, precision <= FoldLimits.maxFloatFoldBits || f == .abs else { return nil }  // see maxFloatFoldBits
        // a special function's kernel costs far more than MPFR's exp: folded on reading only at
        // modest precision (evaluate goes further, under its budget)
        if f.entry.isSpecial && precision > FoldLimits.maxSpecialFoldBits { return nil }
        var values: [BigFloat] = []
        for a in args {
            guard case let .number(n) = a.kind else { return nil }
            switch n {
            case let .float(v): values.append(v)
            case let .rational(q): guard let v = try? BigFloat(q, precision: precision) else { return nil }; values.append(v)
            }
        }
        guard let value = evaluateFloat(f, values, precision: precision), value.isFinite else { return nil }
        return .float(value)
    }

    /// f at floats: MPFR's correctly rounded function where MPFR has it, else the catalog's Arb
    /// kernel (proven to the precision); nil where the value is not real or not defined.
    static func evaluateFloat(_ f: BuiltinFunction, _ xs: [BigFloat], precision: Int) -> BigFloat? {
        if xs.count == 1 {
            let v = xs[0]
            switch f {
            case .sin: return v.sin
            case .cos: return v.cos
            case .tan: return v.tan
            case .asin: return v.asin
            case .acos: return v.acos
            case .atan: return v.atan
            case .sinh: return v.sinh
            case .cosh: return v.cosh
            case .tanh: return v.tanh
            case .exp: return v.exp
            case .log: return v.signum > 0 ? v.log : nil
            case .log10: return v.signum > 0 ? v.log10 : nil
            case .cbrt: return v.cubeRoot
            case .abs: return v.abs
            case .cot, .sec, .csc, .asinh, .acosh, .atanh, .sign, .atan2: return nil
            default: break
            }
        } else if f == .atan2 {
            return nil
        }
        return f.entry.realValue(xs, precision: precision, maxPrecision: 2 * precision + 128).0
    }

    public static func relation(_ op: Relation, _ lhs: Expr, _ rhs: Expr) -> Expr {
        intern(.relation(op, lhs, rhs))
    }

    // MARK: Operators

    public static func + (a: Expr, b: Expr) -> Expr { add([a, b]) }
    public static func - (a: Expr, b: Expr) -> Expr { add([a, mul([cachedMinusOne, b])]) }
    public static func * (a: Expr, b: Expr) -> Expr { mul([a, b]) }
    public static func / (a: Expr, b: Expr) -> Expr { mul([a, pow(b, cachedMinusOne)]) }
    public static prefix func - (a: Expr) -> Expr { mul([cachedMinusOne, a]) }
}

// MARK: - Bulk construction for algebra kernels

extension Factor {
    package init(_ base: Expr, _ exponent: Expr) { self.init(base: base, exponent: exponent) }
}

extension Term {
    package init(_ expr: Expr, _ coefficient: Number) { self.init(expr: expr, coefficient: coefficient) }
}

extension Expr {
    /// `coefficient * Π factors` from factors that are canonical already: distinct bases that are
    /// symbols, functions, π, units or sums, with nonzero integer exponents, in canonical order.
    /// What a polynomial kernel produces, built without re-canonicalising each monomial.
    package static func monomial(coefficient: Number, sortedFactors factors: [Factor]) -> Expr {
        if coefficient.isZero { return cachedZero }
        if factors.isEmpty { return .number(coefficient) }
        if factors.count == 1 && coefficient.isOne { return powerNode(factors[0]) }
        if factors.count == 1, factors[0].exponent.isOne, case .add = factors[0].base.kind {
            return mul([.number(coefficient), factors[0].base])  // distributes the number
        }
        return intern(.mul(coefficient: coefficient, factors: factors))
    }

    /// The sum of terms with pairwise distinct, coefficient-free parts (as a polynomial kernel
    /// gives them), sorted here unless `sorted` says they are in canonical order already; zero
    /// coefficients are left out.
    package static func sum(constant: Number, distinctTerms: [Term], sorted: Bool = false) -> Expr {
        var terms = distinctTerms
        if terms.contains(where: { $0.coefficient.isZero }) { terms.removeAll { $0.coefficient.isZero } }
        if terms.isEmpty { return .number(constant) }
        if terms.count == 1 && constant.isZero { return scaled(terms[0].expr, by: terms[0].coefficient) }
        if !sorted { terms = canonicalOrder(terms.map(\.expr)).map { terms[$0] } }
        return intern(.add(constant: constant, terms: terms))
    }

    /// Ranks below that of a product: bases whose monomials order like their exponent vectors
    /// (see `PolyForm.expression`).
    package var ranksBelowProducts: Bool {
        switch kind {
        case .mul, .add, .relation: return false
        default: return true
        }
    }
}

extension Expr {
    /// This node rebuilt through the canonical constructors from its children mapped by `f`
    /// (terms keep their coefficients, factors their structure).
    public func rebuilt(mapping f: (Expr) throws -> Expr) rethrows -> Expr {
        switch kind {
        case .number, .symbol, .constant, .unit:
            return self
        case let .add(c, terms):
            var parts: [(Expr, Number)] = [(.number(c), .one)]
            for t in terms { parts.append((try f(t.expr), t.coefficient)) }
            return Expr.add(scaled: parts)
        case let .mul(c, factors):
            var parts: [Expr] = [.number(c)]
            for factor in factors { parts.append(Expr.pow(try f(factor.base), try f(factor.exponent))) }
            return Expr.mul(parts)
        case let .pow(b, x):
            return Expr.pow(try f(b), try f(x))
        case let .function(.builtin(g), args):
            return Expr.function(g, try args.map(f))
        case let .function(.user(name), args):
            return Expr.function(named: name, try args.map(f))
        case let .relation(op, l, r):
            return Expr.relation(op, try f(l), try f(r))
        }
    }
}
