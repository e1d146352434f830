/// A deterministic total order on expressions: it depends only on structure, never on hash seeds,
/// addresses or the order in which nodes were made, so printing is reproducible.
///
/// Every expression is compared as a power `base^exponent` (a non-power is `self^1`): bases first,
/// then higher exponents first. That keeps `x^2` next to `x` and puts it first (`x^2 + x + 1`).
extension Expr {
    public static func compare(_ a: Expr, _ b: Expr) -> Int {
        if a === b { return 0 }
        switch (a.kind, b.kind) {
        case let (.symbol(x), .symbol(y)):  // the common cases, fast
            if x.name != y.name { return x.name < y.name ? -1 : 1 }
            return order(x.assumptions.rawValue, y.assumptions.rawValue)
        case let (.number(x), .number(y)):  // exponents of factors
            return Number.compare(x, y)
        default:
            break
        }
        let (ab, ae) = a.powerKey
        let (bb, be) = b.powerKey
        if ab !== a || bb !== b {
            let c = compare(ab, bb)
            if c != 0 { return c }
            return compare(be, ae)
        }
        return compareStructure(a, b)
    }

    var powerKey: (Expr, Expr) {
        if case let .pow(b, e) = kind { return (b, e) }
        return (self, Expr.cachedOne)
    }

    var rank: Int {
        switch kind {
        case .number: return 0
        case .constant: return 1
        case .symbol: return 2
        case .unit: return 3
        case .function: return 4
        case .pow: return 5
        case .mul: return 6
        case .add: return 7
        case .relation: return 8
        }
    }

    static func compareStructure(_ a: Expr, _ b: Expr) -> Int {
        if a.rank != b.rank { return a.rank < b.rank ? -1 : 1 }
        switch (a.kind, b.kind) {
        case let (.number(x), .number(y)):
            return Number.compare(x, y)
        case let (.constant(x), .constant(y)):
            return order(Constant.allCases.firstIndex(of: x) ?? 0, Constant.allCases.firstIndex(of: y) ?? 0)
        case let (.symbol(x), .symbol(y)):
            if x.name != y.name { return x.name < y.name ? -1 : 1 }
            return order(x.assumptions.rawValue, y.assumptions.rawValue)
        case let (.unit(x), .unit(y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case let (.function(f, xs), .function(g, ys)):
            if f.name != g.name { return f.name < g.name ? -1 : 1 }
            if case .builtin = f, case .user = g { return -1 }
            if case .user = f, case .builtin = g { return 1 }
            return lexicographic(xs, ys)
        case let (.pow(b1, e1), .pow(b2, e2)):
            let c = compare(b1, b2)
            return c != 0 ? c : compare(e2, e1)
        case let (.mul(c1, f1), .mul(c2, f2)):
            for (x, y) in zip(f1, f2) {
                let c = compare(x.base, y.base)
                if c != 0 { return c }
                let d = compare(y.exponent, x.exponent)
                if d != 0 { return d }
            }
            if f1.count != f2.count { return f1.count < f2.count ? -1 : 1 }
            return Number.compare(c1, c2)
        case let (.add(c1, t1), .add(c2, t2)):
            for (x, y) in zip(t1, t2) {
                let c = compare(x.expr, y.expr)
                if c != 0 { return c }
                let d = Number.compare(x.coefficient, y.coefficient)
                if d != 0 { return d }
            }
            if t1.count != t2.count { return t1.count < t2.count ? -1 : 1 }
            return Number.compare(c1, c2)
        case let (.relation(r1, l1, h1), .relation(r2, l2, h2)):
            if r1 != r2 {
                return order(Relation.allCases.firstIndex(of: r1) ?? 0, Relation.allCases.firstIndex(of: r2) ?? 0)
            }
            let c = compare(l1, l2)
            return c != 0 ? c : compare(h1, h2)
        default:
            return 0
        }
    }

    static func lexicographic(_ xs: [Expr], _ ys: [Expr]) -> Int {
        for (x, y) in zip(xs, ys) {
            let c = compare(x, y)
            if c != 0 { return c }
        }
        return order(xs.count, ys.count)
    }

    static func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
}

extension Expr: Comparable {
    public static func < (a: Expr, b: Expr) -> Bool { compare(a, b) < 0 }
}
