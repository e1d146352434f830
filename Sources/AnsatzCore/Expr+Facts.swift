/// What the numbers, constants and declared assumptions imply about an expression's value, without
/// case analysis: a `false` means "not known", never "known false". Rewrites that hold only under
/// conditions (`sqrt(x^2) = x` for x ≥ 0) ask these.
extension Expr {
    /// Known to be real and ≥ 0.
    public var isKnownNonnegative: Bool {
        if isKnownPositive { return true }
        switch kind {
        case let .number(n): return n.signum >= 0 && !isNaNNumber
        case let .symbol(s): return s.assumptions.contains(.nonnegative)
        case let .pow(b, e): return powerIsNonnegative(b, e)
        case let .mul(c, factors):
            return c.signum > 0 && factors.allSatisfy { powerIsNonnegative($0.base, $0.exponent) }
        case let .add(c, terms):
            return c.signum >= 0 && terms.allSatisfy { $0.coefficient.signum > 0 && $0.expr.isKnownNonnegative }
        case let .function(.builtin(f), args):
            switch f {
            case .abs: return args.allSatisfy(\.isKnownReal)
            case .cosh, .exp: return args.allSatisfy(\.isKnownReal)
            default: return false
            }
        default: return false
        }
    }

    private var isNaNNumber: Bool {
        if case let .number(.float(f)) = kind { return f.isNaN }
        return false
    }

    /// b^e ≥ 0: an even integer power of a real, or a real power of a nonnegative base (0^e for
    /// e > 0 is 0; a negative e on a base that may be 0 is undefined there, not negative).
    private func powerIsNonnegative(_ b: Expr, _ e: Expr) -> Bool {
        if let q = e.rationalValue, q.isInteger, !q.numerator.isOdd { return b.isKnownReal }
        return b.isKnownNonnegative && e.isKnownReal
    }

    /// Known to be real and < 0.
    public var isKnownNegative: Bool { Expr.mul([.minusOne, self]).isKnownPositive }

    /// Known to be real and ≤ 0.
    public var isKnownNonpositive: Bool { Expr.mul([.minusOne, self]).isKnownNonnegative }

    /// Known not to be zero.
    public var isKnownNonzero: Bool {
        if isKnownPositive || isKnownNegative { return true }
        switch kind {
        case let .number(n): return !n.isZero
        case let .constant(c): return c == .i || c == .pi || c == .e
        case let .symbol(s): return s.assumptions.contains(.nonzero)
        case let .pow(b, e): return b.isKnownNonzero && e.isKnownReal
        case let .mul(c, factors): return !c.isZero && factors.allSatisfy { $0.base.isKnownNonzero && $0.exponent.isKnownReal }
        case let .function(.builtin(f), args): return (f == .exp || f == .cosh) && args.allSatisfy(\.isKnownReal)
        default: return false
        }
    }

    /// Known to be an integer.
    public var isKnownInteger: Bool {
        switch kind {
        case let .number(n): return n.rational?.isInteger == true
        case let .symbol(s): return s.assumptions.contains(.integer)
        case let .add(c, terms):
            return c.rational?.isInteger == true && terms.allSatisfy { $0.coefficient.rational?.isInteger == true && $0.expr.isKnownInteger }
        case let .mul(c, factors):
            return c.rational?.isInteger == true && factors.allSatisfy {
                $0.base.isKnownInteger && $0.exponent.rationalValue.map { $0.isInteger && !$0.isNegative } == true
            }
        case let .pow(b, e):
            return b.isKnownInteger && e.rationalValue.map { $0.isInteger && !$0.isNegative } == true
        default: return false
        }
    }
}
