/// A deterministic total order on expressions: it depends only on structure, never on hash seeds,
/// addresses or the order in which nodes were made, so printing is reproducible.
///
/// Every expression is compared as a power `base^exponent` (a non-power is `self^1`): bases first,
/// then higher exponents first. That keeps `x^2` next to `x` and puts it first (`x^2 + x + 1`).
extension Expr {
    // Written with one switch per node, never over a tuple of kinds: a tuple copies both payloads
    // (a retain per child array and per coefficient), and comparing is most of sorting a sum.
    public static func compare(_ a: Expr, _ b: Expr) -> Int {
        if a === b { return 0 }
        switch a.kind {  // the common cases, fast
        case let .symbol(x):
            if case let .symbol(y) = b.kind {
                if x.name != y.name { return x.name < y.name ? -1 : 1 }
                return order(x.assumptions.rawValue, y.assumptions.rawValue)
            }
        case let .number(x):
            if case let .number(y) = b.kind { return Number.compare(x, y) }  // exponents of factors
        default:
            break
        }
        // a power compares by its base, then higher exponents first; anything else is itself^1
        if case let .pow(ab, ae) = a.kind {
            if case let .pow(bb, be) = b.kind {
                let c = compare(ab, bb)
                return c != 0 ? c : compare(be, ae)
            }
            let c = compare(ab, b)
            return c != 0 ? c : compare(cachedOne, ae)
        }
        if case let .pow(bb, be) = b.kind {
            let c = compare(a, bb)
            return c != 0 ? c : compare(be, cachedOne)
        }
        return compareStructure(a, b)
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
        let ra = a.rank, rb = b.rank
        if ra != rb { return ra < rb ? -1 : 1 }
        // equal ranks: `b` has the same case as `a`
        switch a.kind {
        case let .number(x):
            guard case let .number(y) = b.kind else { return 0 }
            return Number.compare(x, y)
        case let .constant(x):
            guard case let .constant(y) = b.kind else { return 0 }
            return order(Constant.allCases.firstIndex(of: x) ?? 0, Constant.allCases.firstIndex(of: y) ?? 0)
        case let .symbol(x):
            guard case let .symbol(y) = b.kind else { return 0 }
            if x.name != y.name { return x.name < y.name ? -1 : 1 }
            return order(x.assumptions.rawValue, y.assumptions.rawValue)
        case let .unit(x):
            guard case let .unit(y) = b.kind else { return 0 }
            return x == y ? 0 : (x < y ? -1 : 1)
        case let .function(f, xs):
            guard case let .function(g, ys) = b.kind else { return 0 }
            if f.name != g.name { return f.name < g.name ? -1 : 1 }
            if case .builtin = f, case .user = g { return -1 }
            if case .user = f, case .builtin = g { return 1 }
            return lexicographic(xs, ys)
        case let .pow(b1, e1):
            guard case let .pow(b2, e2) = b.kind else { return 0 }
            let c = compare(b1, b2)
            return c != 0 ? c : compare(e2, e1)
        case let .mul(c1, f1):
            guard case let .mul(c2, f2) = b.kind else { return 0 }
            for i in 0..<min(f1.count, f2.count) {
                let x = f1[i], y = f2[i]
                if x.base !== y.base {
                    let c = compare(x.base, y.base)
                    if c != 0 { return c }
                }
                if x.exponent !== y.exponent {
                    let d = compare(y.exponent, x.exponent)
                    if d != 0 { return d }
                }
            }
            if f1.count != f2.count { return f1.count < f2.count ? -1 : 1 }
            return Number.compare(c1, c2)
        case let .add(c1, t1):
            guard case let .add(c2, t2) = b.kind else { return 0 }
            for i in 0..<min(t1.count, t2.count) {
                if t1[i].expr !== t2[i].expr {
                    let c = compare(t1[i].expr, t2[i].expr)
                    if c != 0 { return c }
                }
                let d = Number.compare(t1[i].coefficient, t2[i].coefficient)
                if d != 0 { return d }
            }
            if t1.count != t2.count { return t1.count < t2.count ? -1 : 1 }
            return Number.compare(c1, c2)
        case let .relation(r1, l1, h1):
            guard case let .relation(r2, l2, h2) = b.kind else { return 0 }
            if r1 != r2 {
                return order(Relation.allCases.firstIndex(of: r1) ?? 0, Relation.allCases.firstIndex(of: r2) ?? 0)
            }
            let c = compare(l1, l2)
            return c != 0 ? c : compare(h1, h2)
        }
    }

    static func lexicographic(_ xs: [Expr], _ ys: [Expr]) -> Int {
        for i in 0..<min(xs.count, ys.count) {
            let c = compare(xs[i], ys[i])
            if c != 0 { return c }
        }
        return order(xs.count, ys.count)
    }

    static func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
}

extension Expr: Comparable {
    public static func < (a: Expr, b: Expr) -> Bool { compare(a, b) < 0 }
}

// MARK: - Sorting the terms of a sum

extension Expr {
    /// The positions of `keys` (distinct nodes) in canonical order: what sorting by `compare`
    /// gives, faster for the common large sum.
    ///
    /// Products of integer powers (most terms of a polynomial, a series, a derivative) compare
    /// factor by factor: base, then higher exponent first. Their distinct bases are ranked once,
    /// and each product becomes a row of (base rank, exponent) integers, so that sorting them
    /// compares integers instead of walking nodes. The other terms are sorted by `compare` and
    /// the two runs merged by it.
    static func canonicalOrder(_ keys: [Expr]) -> [Int] {
        var positions = Array(keys.indices)
        if keys.count < 16 {
            positions.sort { compare(keys[$0], keys[$1]) < 0 }
            return positions
        }
        var products: [Int] = []
        var others: [Int] = []
        var baseIDs: [Expr: Int] = [:]
        var bases: [Expr] = []
        // each product's row: (base id, exponent) pairs in its factor order, rows back to back
        var rows: [Int] = []
        var rowStart = [Int](repeating: 0, count: keys.count)
        var rowEnd = [Int](repeating: 0, count: keys.count)
        for (p, key) in keys.enumerated() {
            guard case let .mul(c, factors) = key.kind, c.isOne else {
                others.append(p)
                continue
            }
            rowStart[p] = rows.count
            guard appendIntegerPowers(factors, to: &rows, &baseIDs, &bases) else {
                rows.removeSubrange(rowStart[p]...)
                others.append(p)
                continue
            }
            rowEnd[p] = rows.count
            products.append(p)
        }
        if products.count < 2 {
            positions.sort { compare(keys[$0], keys[$1]) < 0 }
            return positions
        }
        // rank the bases; nodes that compare equal share a rank, as `compare` treats them
        let byOrder = bases.indices.sorted { compare(bases[$0], bases[$1]) < 0 }
        var rank = [Int](repeating: 0, count: bases.count)
        for (k, id) in byOrder.enumerated() {
            rank[id] = k > 0 && compare(bases[byOrder[k - 1]], bases[id]) == 0 ? rank[byOrder[k - 1]] : k
        }
        for k in stride(from: 0, to: rows.count, by: 2) { rows[k] = rank[rows[k]] }
        // rows compare as (base rank ascending, exponent descending) pairs, a shorter row first
        // when it is the other's beginning (fewer factors first; the coefficients are all 1)
        func rowOrder(_ a: Int, _ b: Int) -> Bool {
            var i = rowStart[a], j = rowStart[b]
            let iEnd = rowEnd[a], jEnd = rowEnd[b]
            while i < iEnd && j < jEnd {
                if rows[i] != rows[j] { return rows[i] < rows[j] }
                if rows[i + 1] != rows[j + 1] { return rows[i + 1] > rows[j + 1] }
                i += 2; j += 2
            }
            return iEnd - rowStart[a] < jEnd - rowStart[b]
        }
        // sorted first by a 128-bit prefix of each row that orders as the rows do, so that most
        // comparisons read two integers side by side instead of two rows far apart in memory
        var keyed = products.map { p in
            let (high, low) = rowPrefix(rows[rowStart[p]..<rowEnd[p]])
            return (high: high, low: low, position: p)
        }
        keyed.sort { a, b in
            if a.high != b.high { return a.high < b.high }
            if a.low != b.low { return a.low < b.low }
            return rowOrder(a.position, b.position)
        }
        products = keyed.map(\.position)
        if others.isEmpty { return products }
        others.sort { compare(keys[$0], keys[$1]) < 0 }
        var merged: [Int] = []
        merged.reserveCapacity(keys.count)
        var i = 0, j = 0
        while i < products.count || j < others.count {
            if j == others.count || (i < products.count && compare(keys[products[i]], keys[others[j]]) < 0) {
                merged.append(products[i]); i += 1
            } else {
                merged.append(others[j]); j += 1
            }
        }
        return merged
    }

    /// Appends a product's factors as (base id, exponent) pairs when every exponent is an integer
    /// that fits in `Int` (false otherwise, part of the row perhaps appended); bases get ids in
    /// first-seen order.
    private static func appendIntegerPowers(_ factors: [Factor], to rows: inout [Int], _ ids: inout [Expr: Int],
                                            _ bases: inout [Expr]) -> Bool {
        for f in factors {
            guard case let .number(.rational(r)) = f.exponent.kind, r.isInteger, let n = r.numerator.intValue else { return false }
            let id: Int
            if let known = ids[f.base] {
                id = known
            } else {
                id = bases.count
                ids[f.base] = id
                bases.append(f.base)
            }
            rows.append(id)
            rows.append(n)
        }
        return true
    }

    /// Up to eight (rank, exponent) pairs of a row in 16 bits each, as a 128-bit number (high
    /// word first), so that a smaller prefix means a smaller row. A pair is rank + 1 (0 marks the
    /// row's end, so that a shorter row comes first) and 127 - exponent (higher exponents first).
    /// A pair that does not fit (rank above 253, exponent outside -127...127) is written saturated
    /// and ends the prefix: a rank that does not fit as 0xFFFF, above every pair that does; an
    /// exponent above 127 as 0 (tying only with exponent 127, which the row order puts after it),
    /// one below -127 as 255 (which no exponent that fits reaches). Saturated pairs tie, and a tie
    /// leaves the order to the whole rows.
    static func rowPrefix(_ row: ArraySlice<Int>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        var pair = 0
        var i = row.startIndex
        while i < row.endIndex && pair < 8 {
            let rank = row[i], exponent = row[i + 1]
            let code: UInt64
            var last = false
            if rank > 253 {
                code = 0xFFFF
                last = true
            } else if exponent > 127 {
                code = UInt64(rank + 1) << 8
                last = true
            } else if exponent < -127 {
                code = UInt64(rank + 1) << 8 | 0xFF
                last = true
            } else {
                code = UInt64(rank + 1) << 8 | UInt64(127 - exponent)
            }
            let bits = code << UInt64(48 - 16 * (pair % 4))
            if pair < 4 { words.0 |= bits } else { words.1 |= bits }
            if last { break }
            i += 2
            pair += 1
        }
        return words
    }
}
