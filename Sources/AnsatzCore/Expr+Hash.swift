import AnsatzNumbers

/// The structural hash of a node's shape, computed once per node.
///
/// Leaves (names, big numbers) go through Swift's seeded hasher, so their hashes are unpredictable
/// from outside the process; composite nodes mix their children's cached hashes with a cheap
/// multiply-xorshift instead of a full SipHash pass per node.
extension Kind {
    var structuralHash: Int {
        var h = Mixer(seed: tag)
        switch self {
        case let .number(n):
            h.mix(n.structuralHash)
        case let .symbol(s):
            h.mix(s.name.hashValue)
            h.mix(Int(s.assumptions.rawValue))
        case let .constant(c):
            h.mix(c.rawValue.hashValue)
        case let .unit(name):
            h.mix(name.hashValue)
        case let .add(c, terms):
            h.mix(c.structuralHash)
            for t in terms {
                h.mix(t.expr.cachedHash)
                h.mix(t.coefficient.structuralHash)
            }
        case let .mul(c, factors):
            h.mix(c.structuralHash)
            for f in factors {
                h.mix(f.base.cachedHash)
                h.mix(f.exponent.cachedHash)
            }
        case let .pow(b, e):
            h.mix(b.cachedHash)
            h.mix(e.cachedHash)
        case let .function(f, args):
            h.mix(f.name.hashValue)
            if case .user = f { h.mix(1) }
            for a in args { h.mix(a.cachedHash) }
        case let .relation(op, l, r):
            h.mix(op.rawValue.hashValue)
            h.mix(l.cachedHash)
            h.mix(r.cachedHash)
        }
        return h.value
    }

    private var tag: Int {
        switch self {
        case .number: return 1
        case .symbol: return 2
        case .constant: return 3
        case .unit: return 4
        case .add: return 5
        case .mul: return 6
        case .pow: return 7
        case .function: return 8
        case .relation: return 9
        }
    }
}

extension Number {
    var structuralHash: Int {
        switch self {
        case let .rational(r):
            if let n = r.numerator.intValue, let d = r.denominator.intValue {
                var h = Mixer(seed: 11)
                h.mix(n)
                h.mix(d)
                return h.value
            }
            return r.hashValue
        case let .float(f):
            return f.hashValue
        }
    }
}

struct Mixer {
    private var state: UInt64

    init(seed: Int) { state = UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15 }

    mutating func mix(_ x: Int) {
        state = (state ^ UInt64(bitPattern: Int64(x))) &* 0xBF58_476D_1CE4_E5B9
        state ^= state >> 29
    }

    var value: Int {
        var z = state &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(Int64(bitPattern: z))
    }
}
