import AnsatzNumbers

/// Binding strength of printed forms, weakest first. A child is parenthesised when it binds more
/// weakly than its position requires.
enum Precedence: Int, Comparable {
    case relation, add, mul, unary, pow, atom
    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

/// A product split the way it is printed: `sign * numerator / denominator`, with units apart.
struct ProductLayout {
    var negative = false
    var numeratorCoefficient: BigInt = .one
    var denominatorCoefficient: BigInt = .one
    var floatCoefficient: BigFloat?
    var numerator: [Expr] = []
    var denominator: [Expr] = []
    /// Unit factors with rational exponents, in canonical order.
    var units: [(name: String, exponent: Rational)] = []

    init(coefficient: Number, factors: [Factor]) {
        switch coefficient {
        case let .rational(r):
            negative = r.isNegative
            numeratorCoefficient = r.numerator.magnitude
            denominatorCoefficient = r.denominator
        case let .float(f):
            negative = f.signum < 0
            floatCoefficient = f.signum < 0 ? -f : f
        }
        for f in factors {
            if case let .unit(name) = f.base.kind, let q = f.exponent.rationalValue {
                units.append((name, q))
            } else if f.exponent.isNegativeExponent && !f.base.isZero {
                denominator.append(Expr.pow(f.base, -f.exponent))
            } else {
                numerator.append(Expr.powerNode(f))
            }
        }
    }

    var hasUnitCoefficientOnly: Bool {
        floatCoefficient == nil && numerator.isEmpty && denominator.isEmpty
    }
}

extension Expr {
    /// Is this exponent printed as a reciprocal (`x^-2` as `1/x^2`)?
    var isNegativeExponent: Bool {
        switch kind {
        case let .number(n): return n.isNegative
        case let .mul(c, _): return c.isNegative
        default: return false
        }
    }

    /// The factors of this expression seen as a product (a lone power is a one-factor product).
    var asProduct: (Number, [Factor]) {
        switch kind {
        case let .mul(c, factors): return (c, factors)
        case let .pow(b, e): return (.one, [Factor(base: b, exponent: e)])
        case .unit: return (.one, [Factor(base: self, exponent: Expr.cachedOne)])
        default: return (.one, [Factor(base: self, exponent: Expr.cachedOne)])
        }
    }
}

/// The plain-text form. It round-trips: parsing the output (with the same declared functions and
/// assumptions) gives back the identical expression. Grammar/plain.ebnf is its syntax.
public enum TextPrinter {
    public static func print(_ e: Expr) -> String { LargeStack.ifDeep(e.depth) { render(e).text } }

    static func render(_ e: Expr) -> (text: String, precedence: Precedence) {
        switch e.kind {
        case let .number(n):
            return number(n)
        case let .symbol(s):
            return (needsQuotes(s.name) ? "'" + s.name + "'" : s.name, .atom)
        case let .constant(c):
            // Euler's number as exp(1): the letter E is a symbol in both input languages
            return (c == .e ? "exp(1)" : c.rawValue, .atom)
        case let .unit(name):
            return ("unit(\(name))", .atom)
        case let .function(f, args):
            return (f.name + "(" + args.map { render($0).text }.joined(separator: ", ") + ")", .atom)
        case let .relation(op, l, r):
            return (wrap(l, .add) + " " + op.rawValue + " " + wrap(r, .add), .relation)
        case let .add(c, terms):
            var out = ""
            let parts = Expr.printedTerms(c, terms)
            for (i, term) in parts.enumerated() {
                if term.isNegativeTerm {
                    // a leading minus is unary and binds tighter than '*'; a later one is binary
                    out += i == 0 ? negated(wrap(-term, .mul)) : " - " + wrap(-term, .mul)
                } else {
                    if i > 0 { out += " + " }
                    out += wrap(term, .mul)
                }
            }
            return (out, .add)
        case .pow(let b, let x):
            if case .unit = b.kind, x.rationalValue != nil { return product(e) }
            if x.isNegativeExponent && !b.isZero { return product(e) }
            if x.rationalValue == Rational.half { return ("sqrt(" + render(b).text + ")", .atom) }
            return (wrap(b, .atom) + "^" + wrap(x, .pow), .pow)  // ^ is right associative: x^y^z
        case .mul:
            return product(e)
        }
    }

    /// `-body`. A unary minus binds tighter than `*`, so `-(a + b)*c` would read back as
    /// `(-a - b)*c` (the sign distributes into the sum): a body that opens with a bracket is wrapped.
    static func negated(_ body: String) -> String {
        body.hasPrefix("(") ? "-(" + body + ")" : "-" + body
    }

    /// Names that plain syntax would read as something other than a symbol.
    static func needsQuotes(_ name: String) -> Bool {
        ["pi", "I", "sqrt", "unit"].contains(name) || BuiltinFunction.isName(name) && !BuiltinFunction.isAlsoLetter(name)
    }

    static func wrap(_ e: Expr, _ required: Precedence) -> String {
        let (text, p) = render(e)
        return p < required ? "(" + text + ")" : text
    }

    static func number(_ n: Number) -> (String, Precedence) {
        switch n {
        case let .rational(r):
            if r.isInteger { return (r.description, r.isNegative ? .unary : .atom) }
            return (r.description, r.isNegative ? .unary : .mul)
        case let .float(f):
            let text = f.description + "`" + String(f.precision)
            return (text, text.hasPrefix("-") ? .unary : .atom)
        }
    }

    static func product(_ e: Expr) -> (String, Precedence) {
        let (c, factors) = e.asProduct
        let layout = ProductLayout(coefficient: c, factors: factors)
        if !layout.units.isEmpty {
            let run = unitRun(layout.units)
            if layout.hasUnitCoefficientOnly && !(layout.numeratorCoefficient.isOne && layout.denominatorCoefficient.isOne),
               let decimal = (try? Rational(layout.numeratorCoefficient, layout.denominatorCoefficient))?.terminatingDecimal() {
                return layout.negative ? ("-" + decimal + " " + run, .unary) : (decimal + " " + run, .mul)
            }
            var rest = layout
            rest.units = []
            let restText = rest.isOne ? "" : fraction(rest) + "*"
            let body = restText + "unit(" + run + ")"
            return layout.negative ? (negated(body), .unary) : (body, .mul)
        }
        let body = fraction(layout)
        return layout.negative ? (negated(body), .unary) : (body, .mul)
    }

    /// `num/den` without the sign.
    static func fraction(_ layout: ProductLayout) -> String {
        var num: [String] = []
        if let f = layout.floatCoefficient {
            num.append(number(.float(f)).0)
        } else if !layout.numeratorCoefficient.isOne || layout.numerator.isEmpty {
            num.append(layout.numeratorCoefficient.description)
        }
        num += layout.numerator.map { wrap($0, .pow) }
        var den: [String] = []
        if !layout.denominatorCoefficient.isOne { den.append(layout.denominatorCoefficient.description) }
        den += layout.denominator.map { wrap($0, .pow) }
        let top = num.joined(separator: "*")
        if den.isEmpty { return top }
        // `x/(4*(a + b))` would read back with the 4 distributed into the sum: the number goes
        // with the numerator, `(x/4)/(a + b)`, `(1/2)/(x - 1)`.
        if !layout.denominatorCoefficient.isOne, layout.denominator.count == 1, case .add = layout.denominator[0].kind {
            // ...unless the numerator is itself one sum, which the number would distribute into
            if layout.numerator.count == 1, case .add = layout.numerator[0].kind {
                return top + "/" + layout.denominatorCoefficient.description + "/" + den[1]
            }
            return "(" + top + "/" + layout.denominatorCoefficient.description + ")/" + den[1]
        }
        return top + "/" + (den.count == 1 ? den[0] : "(" + den.joined(separator: "*") + ")")
    }

    /// `kg*m/s^2`, or `fb^-1` when every exponent is negative.
    static func unitRun(_ units: [(name: String, exponent: Rational)]) -> String {
        func power(_ name: String, _ q: Rational) -> String {
            if q.isOne { return name }
            if q.isInteger { return name + "^" + q.description }
            return name + "^(" + q.description + ")"
        }
        let up = units.filter { !$0.exponent.isNegative }
        let down = units.filter { $0.exponent.isNegative }
        if up.isEmpty { return down.map { power($0.name, $0.exponent) }.joined(separator: "*") }
        return up.map { power($0.name, $0.exponent) }.joined(separator: "*")
            + down.map { "/" + power($0.name, -$0.exponent) }.joined()
    }
}

extension ProductLayout {
    /// True when nothing but a sign is left.
    var isOne: Bool {
        floatCoefficient == nil && numeratorCoefficient.isOne && denominatorCoefficient.isOne
            && numerator.isEmpty && denominator.isEmpty
    }
}

extension Expr {
    /// The terms of a sum in printing order: positive terms first, so `s - M^2` rather than
    /// `-M^2 + s` (any order reads back to the same canonical sum).
    static func printedTerms(_ c: Number, _ terms: [Term]) -> [Expr] {
        var parts = terms.map { Expr.scaled($0.expr, by: $0.coefficient) }
        if !c.isZero { parts.append(.number(c)) }
        return parts.filter { !$0.isNegativeTerm } + parts.filter(\.isNegativeTerm)
    }

    /// Printed with a leading minus in a sum (a negative number or coefficient).
    var isNegativeTerm: Bool {
        switch kind {
        case let .number(n): return n.isNegative
        case let .mul(c, _): return c.isNegative
        default: return false
        }
    }
}

extension Expr: CustomStringConvertible {
    /// The round-tripping plain-text form.
    public var description: String { TextPrinter.print(self) }
}
