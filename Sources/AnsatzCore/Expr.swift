import AnsatzNumbers
import Synchronization

/// A term of a sum: `coefficient * expr`, where `expr` is neither a number nor a sum, and carries
/// no numeric coefficient of its own.
public struct Term: Hashable, Sendable {
    public let expr: Expr
    public let coefficient: Number
}

/// A factor of a product: `base ^ exponent`, where `base` is not a product and not a number folded
/// into the coefficient, and `exponent` is not zero.
public struct Factor: Hashable, Sendable {
    public let base: Expr
    public let exponent: Expr
}

/// The shape of a node. Children are `Expr`s, which compare by identity: two `Kind`s are equal
/// exactly when they are structurally equal, because children are interned.
public enum Kind: Hashable, Sendable {
    case number(Number)
    case symbol(Symbol)
    case constant(Constant)
    /// A unit of measurement by its catalog name (`GeV`, `m`, `fb`); the units module gives it meaning.
    case unit(String)
    /// `constant + Σ coefficient·term`, terms in canonical order, at least one term.
    case add(constant: Number, terms: [Term])
    /// `coefficient · Π base^exponent`, factors in canonical order; never a lone factor with coefficient 1.
    case mul(coefficient: Number, factors: [Factor])
    /// A power that does not fold: base is not a product with an integer exponent, exponent not 0 or 1.
    case pow(base: Expr, exponent: Expr)
    case function(FunctionName, [Expr])
    case relation(Relation, Expr, Expr)
}

/// An immutable, interned expression node.
///
/// Structurally equal expressions are the same object, so `==` is pointer identity and the hash is
/// computed once. The intern table sweeps out the nodes nobody else holds whenever it has doubled
/// (or on `collectUnused()`), so a long-running server does not keep every expression it ever saw.
/// It is sharded by hash, each shard with its own lock, so that threads build in parallel.
///
/// The only way to build a node is through the canonical smart constructors (`Expr.add`, `Expr.mul`,
/// `Expr.pow`, ...), which is what makes `x + x` come out as `2*x`.
public final class Expr: Sendable {
    public let kind: Kind
    let cachedHash: Int
    /// Height of the tree (a leaf is 1). Algorithms that recurse compare it with their depth budget.
    public var depth: Int { Int(storedDepth) }
    private let storedDepth: UInt32
    /// The number of nodes of the tree written out (shared subtrees counted each time they occur),
    /// saturating at `UInt32.max`: `treeSize(limit:)` without a walk.
    private let storedSize: UInt32

    private init(kind: Kind, hash: Int) {
        self.kind = kind
        self.cachedHash = hash
        var d: UInt32 = 0
        var size: UInt32 = 1
        func child(_ e: Expr) {
            d = max(d, e.storedDepth)
            let (sum, overflow) = size.addingReportingOverflow(e.storedSize)
            size = overflow ? .max : sum
        }
        switch kind {
        case .number, .symbol, .constant, .unit: break
        case let .add(_, terms): for t in terms { child(t.expr) }
        case let .mul(_, factors): for f in factors { child(f.base); child(f.exponent) }
        case let .pow(b, e): child(b); child(e)
        case let .function(_, args): for a in args { child(a) }
        case let .relation(_, l, r): child(l); child(r)
        }
        self.storedDepth = d &+ 1 == 0 ? d : d + 1  // past 2^32 - 1 levels no stack would reach
        self.storedSize = size
    }

    /// The intern table, in shards chosen by the structural hash, each behind its own lock:
    /// threads building expressions meet only when their nodes hash to the same shard.
    final class Shard: Sendable {
        let table = Mutex(InternTable())
    }
    static let shardBits = 5
    private static let shards: [Shard] = (0..<(1 << shardBits)).map { _ in Shard() }
    /// Live nodes over all shards, and the count at which the next automatic sweep runs.
    private static let liveCount = Atomic<Int>(0)
    private static let nextSweep = Atomic<Int>(InternTable.minimumSweep)
    /// One sweep at a time (a sweep visits every shard).
    private static let sweeping = Mutex(())
    /// Tests only: sweep after every this many new nodes (0: never), so that a cache keyed by
    /// something that does not keep its node alive meets reused addresses at once.
    private static let stressSweepEvery = Atomic<Int>(0)
    private static let created = Atomic<Int>(0)

    @inline(__always) static func shard(of hash: Int) -> Shard {
        // the high bits of a multiplicative mix: the shard's own index uses the low bits
        shards[Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(hash)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - shardBits))]
    }

    /// The unique node of this shape.
    static func intern(_ kind: Kind) -> Expr {
        let hash = kind.structuralHash
        let every = stressSweepEvery.load(ordering: .relaxed)
        if every > 0 {
            // before the look-up and the allocation, so that a new node can take a freed one's address
            let n = created.add(1, ordering: .relaxed).newValue
            if n % every == 0 { sweepAll() }
        }
        let (node, isNew) = shard(of: hash).table.withLock { $0.node(for: kind, hash: hash) }
        if isNew {
            let live = liveCount.add(1, ordering: .relaxed).newValue
            if live >= nextSweep.load(ordering: .relaxed) {
                let after = sweepIfStillDue()
                nextSweep.store(max(InternTable.minimumSweep, 2 * after), ordering: .relaxed)
            }
        }
        return node
    }

    /// Frees every interned node that nothing outside the table uses any more; returns how many.
    /// It also runs by itself whenever the table has doubled since the last sweep.
    @discardableResult
    public static func collectUnused() -> Int { sweepAll() }

    /// Sweeps every shard (one sweeper at a time; builders go on meanwhile, each shard locked only
    /// while its nodes of one depth are looked at). Returns the number of nodes removed.
    @discardableResult
    private static func sweepAll() -> Int {
        sweeping.withLock { _ in sweepShards() }
    }

    /// The automatic sweep: skipped when another thread's sweep already brought the count down.
    /// Returns the live count after it.
    private static func sweepIfStillDue() -> Int {
        sweeping.withLock { _ in
            if liveCount.load(ordering: .relaxed) >= nextSweep.load(ordering: .relaxed) { _ = sweepShards() }
            return liveCount.load(ordering: .relaxed)
        }
    }

    /// Removes the nodes that only the table references, parents before children over all shards
    /// (by decreasing depth: a child is deeper in no parent), so that a dead tree goes in one sweep.
    /// Safe with concurrent builders: a node only the table holds can be reached by no thread
    /// except through its shard, whose lock the check holds.
    private static func sweepShards() -> Int {
        // each shard's slots by decreasing depth
        var orders: [[(slot: Int, depth: Int)]] = []
        var maxDepth = 0
        for shard in shards {
            let order = shard.table.withLock { $0.slotsByDecreasingDepth() }
            if let first = order.first { maxDepth = max(maxDepth, first.depth) }
            orders.append(order)
        }
        var cursors = [Int](repeating: 0, count: shards.count)
        var removed = 0
        var depth = maxDepth
        while depth >= 1 {
            var next = 0
            for (i, shard) in shards.enumerated() {
                let order = orders[i]
                var c = cursors[i]
                if c < order.count && order[c].depth == depth {
                    removed += shard.table.withLock { table in
                        var n = 0
                        while c < order.count && order[c].depth == depth {
                            if table.removeIfUnused(order[c].slot) { n += 1 }
                            c += 1
                        }
                        return n
                    }
                    cursors[i] = c
                }
                if c < order.count { next = max(next, order[c].depth) }
            }
            depth = next == depth ? depth - 1 : next
            if next == 0 { break }
        }
        for shard in shards { shard.table.withLock { $0.compact() } }
        liveCount.subtract(removed, ordering: .relaxed)
        return removed
    }

    /// One shard of the intern table: nodes in slots, held strongly, found through an
    /// open-addressing index on their structural hash.
    ///
    /// Why not weak references: every object with a weak reference takes Swift's slower side-table
    /// reference counting, which cost parsing a third more instructions (Benchmarks/README.md).
    struct InternTable: ~Copyable {
        var slots: [Expr?] = []
        var free: [Int] = []
        var live = 0
        /// Buckets in use: the live nodes and, until the index is rebuilt, the ones a sweep freed
        /// (a sweep releases the lock between depths, and builders insert meanwhile). Growth goes
        /// by this, so the index is never more than half full and a probe always ends.
        var used = 0
        var removedSinceIndex = 0
        /// Each bucket holds a slot number (low 32 bits) and the high 32 bits of its node's hash,
        /// so that a probe passes other nodes' buckets without loading them (at a million nodes
        /// every load is a cache miss); `empty` marks a free bucket. The count is a power of two.
        var buckets = [UInt64](repeating: InternTable.empty, count: 1 << 8)
        static let empty = UInt64.max
        static let minimumSweep = 1 << 13

        @inline(__always) static func bucket(slot: Int, hash: Int) -> UInt64 { tag(hash) | UInt64(UInt32(truncatingIfNeeded: slot)) }
        @inline(__always) static func tag(_ hash: Int) -> UInt64 { UInt64(bitPattern: Int64(hash)) & 0xFFFF_FFFF_0000_0000 }

        mutating func node(for kind: Kind, hash: Int) -> (Expr, Bool) {
            let mask = buckets.count - 1
            let tag = InternTable.tag(hash)
            var b = hash & mask
            while buckets[b] != InternTable.empty {
                let entry = buckets[b]
                if entry & 0xFFFF_FFFF_0000_0000 == tag, let candidate = slots[Int(entry & 0xFFFF_FFFF)],
                   candidate.cachedHash == hash, candidate.kind == kind {
                    return (candidate, false)
                }
                b = (b + 1) & mask
            }
            let node = Expr(kind: kind, hash: hash)
            let slot: Int
            if let reused = free.popLast() {
                slot = reused
                slots[slot] = node
            } else {
                slot = slots.count
                slots.append(node)
            }
            buckets[b] = InternTable.bucket(slot: slot, hash: hash)
            live += 1
            used += 1
            if 2 * used > buckets.count { rebuildIndex() }
            return (node, true)
        }

        /// The live slots with their depths, deepest first (a counting sort: depths are small integers).
        func slotsByDecreasingDepth() -> [(slot: Int, depth: Int)] {
            var maxDepth = 0, count = 0
            for node in slots {
                if let node { maxDepth = max(maxDepth, node.depth); count += 1 }
            }
            guard count > 0 else { return [] }
            var start = [Int](repeating: 0, count: maxDepth + 2)
            for node in slots { if let node { start[maxDepth - node.depth + 1] += 1 } }
            for d in 0...maxDepth { start[d + 1] += start[d] }
            var order = [(slot: Int, depth: Int)](repeating: (0, 0), count: count)
            for (slot, node) in slots.enumerated() {
                guard let node else { continue }
                let d = maxDepth - node.depth
                order[start[d]] = (slot, node.depth)
                start[d] += 1
            }
            return order
        }

        /// Frees the slot if only the table holds its node; its children lose this reference at
        /// once, before their turn comes.
        mutating func removeIfUnused(_ slot: Int) -> Bool {
            guard slot < slots.count, slots[slot] != nil, isKnownUniquelyReferenced(&slots[slot]) else { return false }
            slots[slot] = nil
            free.append(slot)
            live -= 1
            removedSinceIndex += 1
            return true
        }

        /// After a sweep: mostly empty after a peak (a huge expression, since dropped), the slots
        /// are compacted, so that a sweep's cost follows the live nodes, not the largest the table
        /// ever held; the index is rebuilt over what is left.
        mutating func compact() {
            guard removedSinceIndex > 0 else { return }
            if free.count > InternTable.minimumSweep / 8, 2 * free.count > slots.count {
                slots.removeAll { $0 == nil }
                free.removeAll()
            }
            removedSinceIndex = 0
            rebuildIndex()
        }

        /// A fresh index over the live slots, at most a quarter full.
        mutating func rebuildIndex() {
            var size = 1 << 8
            while size < 4 * live { size <<= 1 }
            buckets = [UInt64](repeating: InternTable.empty, count: size)
            used = live
            let mask = size - 1
            for (slot, node) in slots.enumerated() {
                guard let node else { continue }
                var b = node.cachedHash & mask
                while buckets[b] != InternTable.empty { b = (b + 1) & mask }
                buckets[b] = InternTable.bucket(slot: slot, hash: node.cachedHash)
            }
        }
    }

    /// Tests only: sweep after every `n` new nodes (0 turns it off).
    static func stressSweep(every n: Int) { stressSweepEvery.store(max(0, n), ordering: .relaxed) }

    /// Number of nodes in the intern table (live ones, and dead ones until the next sweep).
    public static var internedCount: Int { liveCount.load(ordering: .relaxed) }
}

extension Factor {
    /// As for nodes: the two cached hashes mixed, without a SipHash pass per look-up.
    public func _rawHashValue(seed: Int) -> Int {
        var h = Mixer(seed: seed)
        h.mix(base.cachedHash)
        h.mix(exponent.cachedHash)
        return h.value
    }
}

extension Expr: Hashable {
    public static func == (a: Expr, b: Expr) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(cachedHash) }
    /// What sets and dictionaries of nodes use: the cached structural hash mixed with the table's
    /// seed, without a SipHash pass per look-up (a derivative's memo looks up every node it meets).
    public func _rawHashValue(seed: Int) -> Int {
        var h = Mixer(seed: seed)
        h.mix(cachedHash)
        return h.value
    }
}

// MARK: - Leaves

extension Expr {
    public static func number(_ n: Number) -> Expr {
        if case let .rational(r) = n { return rational(r) }
        return intern(.number(n))
    }
    public static func rational(_ r: Rational) -> Expr {
        if r.isInteger, let i = r.numerator.intValue, (-16...256).contains(i) { return smallIntegers[i + 16] }
        return intern(.number(.rational(r)))
    }
    public static func integer(_ i: Int) -> Expr {
        (-16...256).contains(i) ? smallIntegers[i + 16] : rational(Rational(i))
    }
    /// The small integers, made once (they are in nearly every expression).
    static let smallIntegers: [Expr] = (-16...256).map { intern(.number(.rational(Rational($0)))) }
    public static func integer(_ i: BigInt) -> Expr { rational(Rational(i)) }
    public static func float(_ f: BigFloat) -> Expr { intern(.number(.float(f))) }
    public static func symbol(_ s: Symbol) -> Expr { intern(.symbol(s)) }
    public static func symbol(_ name: String, _ assumptions: Assumptions = []) -> Expr {
        intern(.symbol(Symbol(name, assumptions: assumptions)))
    }
    public static func constant(_ c: Constant) -> Expr { intern(.constant(c)) }
    public static func unit(_ name: String) -> Expr { intern(.unit(name)) }

    public static var zero: Expr { cachedZero }
    public static var one: Expr { cachedOne }
    public static var minusOne: Expr { cachedMinusOne }
    public static var pi: Expr { constant(.pi) }
    public static var e: Expr { constant(.e) }
    public static var i: Expr { constant(.i) }
}

// MARK: - Queries

extension Expr {
    public var number: Number? { if case let .number(n) = kind { return n } else { return nil } }
    public var rationalValue: Rational? { number?.rational }
    public var isNumber: Bool { number != nil }
    public var isZero: Bool { number?.isZero == true }
    public var isOne: Bool { number?.isOne == true }

    /// True when the value is known to be a positive real number, from numbers, constants and
    /// assumptions only (no case analysis).
    public var isKnownPositive: Bool {
        switch kind {
        case let .number(n): return n.signum > 0
        case let .constant(c): return c != .i
        case let .symbol(s): return s.assumptions.contains(.positive)
        case let .pow(b, e): return b.isKnownPositive && e.isKnownReal
        case let .mul(c, factors): return c.signum > 0 && factors.allSatisfy { $0.base.isKnownPositive && $0.exponent.isKnownReal }
        case let .add(c, terms): return c.signum >= 0 && terms.allSatisfy { $0.coefficient.signum > 0 && $0.expr.isKnownPositive }
        case let .function(.builtin(f), args):
            return f.entry.isKnownPositive(args)
        default: return false
        }
    }

    /// True when the value is known to be real.
    public var isKnownReal: Bool {
        switch kind {
        case .number: return true
        case let .constant(c): return c != .i
        case let .symbol(s): return s.assumptions.contains(.real)
        case let .pow(b, e):
            // real wherever defined: a positive base, or an integer power of a real one
            return isKnownPositive || (e.rationalValue?.isInteger == true && b.isKnownReal)
        case let .mul(_, factors): return factors.allSatisfy { f in
            f.base.isKnownReal && (f.exponent.rationalValue?.isInteger == true || f.base.isKnownPositive && f.exponent.isKnownReal)
        }
        case let .add(_, terms): return terms.allSatisfy { $0.expr.isKnownReal }
        case let .function(.builtin(f), args):
            return f.entry.isKnownReal(args)
        default: return false
        }
    }

    /// Number of nodes when written out as a tree (shared subexpressions counted every time they
    /// occur), or `limit` if that is reached first: what printing would cost, found without printing.
    public func treeSize(limit: Int) -> Int {
        if storedSize < UInt32.max { return max(1, min(limit, Int(storedSize))) }
        // past 2^32 - 1 nodes (a tree of heavily shared subtrees): counted by a walk
        var memo: [Expr: Int] = [:]
        func size(_ e: Expr) -> Int {
            if e.storedSize < UInt32.max { return Int(e.storedSize) }
            if let known = memo[e] { return known }
            var total = 1
            for child in e.children where total < limit {
                let (sum, overflow) = total.addingReportingOverflow(size(child))
                total = overflow ? limit : min(limit, sum)
            }
            memo[e] = total
            return total
        }
        return max(1, min(limit, size(self)))
    }

    /// The operands of this node: terms, factors' bases and exponents, arguments, sides.
    public var children: [Expr] {
        switch kind {
        case .number, .symbol, .constant, .unit: return []
        case let .add(_, terms): return terms.map(\.expr)
        case let .mul(_, factors): return factors.flatMap { [$0.base, $0.exponent] }
        case let .pow(b, x): return [b, x]
        case let .function(_, args): return args
        case let .relation(_, l, r): return [l, r]
        }
    }

    /// Names of the symbols in this expression, sorted.
    public var symbolNames: [String] { leafNames { if case let .symbol(s) = $0 { s.name } else { nil } } }

    /// Names of the units written as units in this expression, sorted.
    public var unitNames: [String] { leafNames { if case let .unit(u) = $0 { u } else { nil } } }

    /// The names `pick` finds in the nodes, sorted; each shared node is looked at once.
    func leafNames(_ pick: (Kind) -> String?) -> [String] {
        var names = Set<String>()
        var seen = Set<Expr>()
        var stack: [Expr] = [self]
        while let e = stack.popLast() {
            guard seen.insert(e).inserted else { continue }
            if let name = pick(e.kind) { names.insert(name) }
            stack += e.children
        }
        return names.sorted()
    }

    /// Does any unit node occur in this expression?
    public var containsUnit: Bool {
        switch kind {
        case .unit: return true
        case .number, .symbol, .constant: return false
        case let .add(_, terms): return terms.contains { $0.expr.containsUnit }
        case let .mul(_, factors): return factors.contains { $0.base.containsUnit || $0.exponent.containsUnit }
        case let .pow(b, e): return b.containsUnit || e.containsUnit
        case let .function(_, args): return args.contains { $0.containsUnit }
        case let .relation(_, l, r): return l.containsUnit || r.containsUnit
        }
    }
}
