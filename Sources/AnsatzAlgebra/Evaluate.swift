import AnsatzCore
import AnsatzNumbers

/// Real evaluation with MPFR at a chosen precision: the reference the tests check rewrites with
/// (both sides of an identity must agree at random points). A value that is not real comes out
/// as NaN, unless `strict`: then the first operation that leaves the reals or overflows is an
/// error naming it (E-EVAL-DOMAIN, E-DIVISION-BY-ZERO, E-EVAL-OVERFLOW). A symbol without a
/// value, a unit, the imaginary unit or a relation is an error.
public enum Evaluator {
    public static func evaluate(_ e: Expr, at values: [String: BigFloat], precision: Int, strict: Bool = false) throws -> BigFloat {
        var memo: [Expr: BigFloat] = [:]
        let evaluator = Strictness(strict: strict)
        return try evaluator.eval(e, values, precision, &memo)
    }

    static func fail(_ message: String) -> Diagnostic {
        Diagnostic(.eval, message, hint: "give every symbol a value; units and i are not evaluated here")
    }

    /// Whether to stop at the first value that is not a finite real number.
    struct Strictness {
        let strict: Bool

        func eval(_ e: Expr, _ values: [String: BigFloat], _ p: Int, _ memo: inout [Expr: BigFloat]) throws -> BigFloat {
            if let known = memo[e] { return known }
            let result = try Evaluator.node(e, values, p, &memo, self)
            if strict, !result.isFinite { throw Evaluator.failure(at: e, values, p, &memo, self) }
            memo[e] = result
            return result
        }
    }

    /// Why `e`, whose operands all have finite values, has none.
    static func failure(at e: Expr, _ values: [String: BigFloat], _ p: Int, _ memo: inout [Expr: BigFloat],
                        _ s: Strictness) -> Diagnostic {
        func shown(_ x: Expr) -> String {
            if x.isNumber { return x.description }
            guard let v = try? s.eval(x, values, p, &memo) else { return x.description }
            return v.toString(digits: 8)
        }
        /// A power that has no value: 0 to a negative power, or a negative number to a fractional one.
        func powerFailure(_ b: Expr, _ x: Expr) -> Diagnostic? {
            guard let base = try? s.eval(b, values, p, &memo) else { return nil }
            if base.isZero {
                return Diagnostic(.divisionByZero, "division by zero: \(b) is 0 in \(e)", hint: "the expression has no value at this point")
            }
            if base.signum == -1, x.rationalValue?.isInteger != true {
                let what = b.isNumber ? "\(b)" : "\(b) = \(shown(b))"
                return Diagnostic(.evalDomain, "\(what) is negative, and a negative number to the power \(x) has no real value",
                                  hint: "the principal power of a negative number is complex: evaluate in complex mode (complex: true, --complex), or use cbrt for the real cube root")
            }
            return nil
        }
        switch e.kind {
        case let .pow(b, x):
            if let d = powerFailure(b, x) { return d }
        case let .function(.builtin(f), args):
            let arguments = args.map(shown).joined(separator: ", ")
            if [.log, .log10].contains(f), let v = try? s.eval(args[0], values, p, &memo), v.isZero {
                return Diagnostic(.evalDomain, "\(f.name)(0) is -infinity", hint: "the logarithm has no value at 0")
            }
            let overflow = [.exp, .sinh, .cosh].contains(f)
            if overflow {
                return Diagnostic(.evalOverflow, "\(f.name)(\(arguments)) is beyond the largest number MPFR represents",
                                  hint: "evaluate its logarithm instead")
            }
            let entry = f.entry
            if let xs = try? args.map({ try s.eval($0, values, p, &memo) }), xs.allSatisfy(\.isFinite) {
                switch entry.realValue(xs, precision: p, maxPrecision: max(4 * p, 4096)).1 {
                case .undefined:
                    return Diagnostic(.evalDomain, "\(f.name)(\(arguments)) is not defined: a pole or a point where \(f.name) has no value",
                                      hint: "\(f.name) is defined for \(entry.realDomain)")
                case .unresolved:
                    return Diagnostic(.eval, "\(f.name)(\(arguments)) could not be resolved to \(p) bits: the value may be exactly 0",
                                      hint: "check the value symbolically, or evaluate nearby")
                case .tooCostly:
                    return Diagnostic(.limit, "\(f.name)(\(arguments)) is not computed for \(entry.costLimit): its cost grows past any budget there",
                                      hint: "use an asymptotic form, or arguments in range")
                case .ok where entry.isSpecial:
                    // finite here but not in the product or sum around it: an overflow
                    return Diagnostic(.evalOverflow, "\(f.name)(\(arguments)) is beyond the largest number MPFR represents",
                                      hint: "evaluate its logarithm instead (loggamma for gamma)")
                default: break
                }
            }
            return Diagnostic(.evalDomain, "\(f.name)(\(arguments)) has no real value",
                              hint: "the argument is outside the function's real domain (\(entry.realDomain)); for its complex value evaluate in complex mode (complex: true, --complex)")
        default:
            break
        }
        return Diagnostic(.evalOverflow, "\(e) is not a finite real number at this point", hint: "its value is out of range or undefined")
    }

    static func node(_ e: Expr, _ values: [String: BigFloat], _ p: Int, _ memo: inout [Expr: BigFloat],
                     _ s: Strictness) throws -> BigFloat {
        let result: BigFloat
        switch e.kind {
        case let .number(n):
            result = try number(n, p)
        case let .symbol(s):
            guard let v = values[s.name] else { throw fail("no value for \(s.name)") }
            result = try v.rounded(toPrecision: p)
        case let .constant(c):
            switch c {
            case .pi: result = try BigFloat.pi(precision: p)
            case .e: result = try BigFloat.e(precision: p)
            case .i: throw fail("the imaginary unit has no real value")
            }
        case .unit:
            throw fail("units are not evaluated numerically")
        case .relation:
            throw fail("a relation has no numeric value")
        case let .add(c, terms):
            var sum = try number(c, p)
            for t in terms { sum = sum + (try number(t.coefficient, p)) * (try s.eval(t.expr, values, p, &memo)) }
            result = sum
        case let .mul(c, factors):
            var product = try number(c, p)
            for f in factors { product = product * (try power(f.base, f.exponent, values, p, &memo, s)) }
            result = product
        case let .pow(b, x):
            result = try power(b, x, values, p, &memo, s)
        case let .function(.builtin(f), args):
            let xs = try args.map { try s.eval($0, values, p, &memo) }
            result = try apply(f, xs, p)
        case let .function(.user(name), _):
            throw fail("\(name) is a declared function without a definition")
        }
        return result
    }

    static func number(_ n: Number, _ p: Int) throws -> BigFloat {
        switch n {
        case let .rational(r): return try BigFloat(r, precision: p)
        case let .float(f): return try f.rounded(toPrecision: p)
        }
    }

    static func power(_ b: Expr, _ x: Expr, _ values: [String: BigFloat], _ p: Int,
                      _ memo: inout [Expr: BigFloat], _ s: Strictness) throws -> BigFloat {
        let base = try s.eval(b, values, p, &memo)
        let power = x.rationalValue == .half ? base.squareRoot : base.power(try s.eval(x, values, p, &memo))
        if s.strict, !power.isFinite { throw failure(at: Expr.pow(b, x), values, p, &memo, s) }
        return power
    }

    /// Past this many bits of magnitude, reducing a trigonometric argument mod 2π would take about
    /// as many bits of π: a long uninterruptible MPFR call, refused instead.
    public static let maxTrigonometricExponent = 1 << 16

    static func apply(_ f: BuiltinFunction, _ xs: [BigFloat], _ p: Int) throws -> BigFloat {
        guard let x = xs.first, xs.count == f.arity else { throw fail("\(f.name) takes \(f.arity) argument(s)") }
        if [.sin, .cos, .tan, .cot, .sec, .csc].contains(f), x.binaryExponent > maxTrigonometricExponent {
            throw Diagnostic(.limit, "\(f.name) of a number near 2^\(x.binaryExponent): reducing it mod 2π needs that many bits of π",
                             hint: "the argument is beyond 2^\(maxTrigonometricExponent); its sine and cosine are not worth computing")
        }
        let one = try BigFloat(Rational.one, precision: p)
        switch f {
        case .sin: return x.sin
        case .cos: return x.cos
        case .tan: return x.tan
        case .cot: return one / x.tan
        case .sec: return one / x.cos
        case .csc: return one / x.sin
        case .asin: return x.asin
        case .acos: return x.acos
        case .atan: return x.atan
        case .atan2: return x.atan2(xs.count > 1 ? xs[1] : one)
        case .sinh: return x.sinh
        case .cosh: return x.cosh
        case .tanh: return x.tanh
        case .asinh: return x.asinh
        case .acosh: return x.acosh
        case .atanh: return x.atanh
        case .exp: return x.exp
        case .log: return x.log
        case .log10: return x.log10
        case .cbrt: return x.cubeRoot
        case .abs: return x.abs
        case .sign: return try BigFloat(Rational(x.signum), precision: p)
        default:
            // the special functions: Arb's balls, rounded once their bits are proven; NaN where
            // there is no real value (the strict evaluation says why)
            guard xs.allSatisfy(\.isFinite), let value = f.entry.realValue(xs, precision: p, maxPrecision: max(4 * p, 4096)).0 else {
                return try BigFloat(parsing: "nan", precision: p)
            }
            return value
        }
    }
}
