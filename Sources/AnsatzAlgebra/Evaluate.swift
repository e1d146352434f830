import AnsatzCore
import AnsatzNumbers

/// Real evaluation with MPFR at a chosen precision: the reference the tests check rewrites with
/// (both sides of an identity must agree at random points). A value that is not real comes out
/// as NaN; a symbol without a value, a unit, the imaginary unit or a relation is an error.
public enum Evaluator {
    public static func evaluate(_ e: Expr, at values: [String: BigFloat], precision: Int) throws -> BigFloat {
        var memo: [ObjectIdentifier: BigFloat] = [:]
        return try eval(e, values, precision, &memo)
    }

    static func fail(_ message: String) -> Diagnostic {
        Diagnostic("E-EVAL", message, hint: "give every symbol a value; units and i are not evaluated here")
    }

    static func eval(_ e: Expr, _ values: [String: BigFloat], _ p: Int, _ memo: inout [ObjectIdentifier: BigFloat]) throws -> BigFloat {
        if let known = memo[ObjectIdentifier(e)] { return known }
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
            for t in terms { sum = sum + (try number(t.coefficient, p)) * (try eval(t.expr, values, p, &memo)) }
            result = sum
        case let .mul(c, factors):
            var product = try number(c, p)
            for f in factors { product = product * (try power(f.base, f.exponent, values, p, &memo)) }
            result = product
        case let .pow(b, x):
            result = try power(b, x, values, p, &memo)
        case let .function(.builtin(f), args):
            let xs = try args.map { try eval($0, values, p, &memo) }
            result = try apply(f, xs, p)
        case let .function(.user(name), _):
            throw fail("\(name) is a declared function without a definition")
        }
        memo[ObjectIdentifier(e)] = result
        return result
    }

    static func number(_ n: Number, _ p: Int) throws -> BigFloat {
        switch n {
        case let .rational(r): return try BigFloat(r, precision: p)
        case let .float(f): return try f.rounded(toPrecision: p)
        }
    }

    static func power(_ b: Expr, _ x: Expr, _ values: [String: BigFloat], _ p: Int,
                      _ memo: inout [ObjectIdentifier: BigFloat]) throws -> BigFloat {
        let base = try eval(b, values, p, &memo)
        if x.rationalValue == .half { return base.squareRoot }
        return base.power(try eval(x, values, p, &memo))
    }

    static func apply(_ f: BuiltinFunction, _ xs: [BigFloat], _ p: Int) throws -> BigFloat {
        guard let x = xs.first, xs.count == f.arity else { throw fail("\(f.rawValue) takes \(f.arity) argument(s)") }
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
        }
    }
}
