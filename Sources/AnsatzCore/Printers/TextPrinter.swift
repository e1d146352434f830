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
    /// The factors above the line, as they are in the product (a power node for each is built
    /// only when asked for: printing a sum of 10^6 terms looked each one up in the intern table).
    var numeratorFactors: [Factor] = []
    var numerator: [Expr] { numeratorFactors.map(Expr.powerNode) }
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
                numeratorFactors.append(f)
            }
        }
    }

    var hasUnitCoefficientOnly: Bool {
        floatCoefficient == nil && numeratorFactors.isEmpty && denominator.isEmpty
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
            // positive terms first (see Expr.printedTerms), each printed from its coefficient
            // and factors: building the node c*term to print it cost an intern per term
            var out = ""
            var first = true
            func append(_ k: Number, _ term: Expr?) {
                defer { first = false }
                let magnitude = k.isNegative ? -k : k
                if let term, let coefficient = magnitude.rational, coefficient.isInteger, isPlainMonomial(term) {
                    // the common case written straight into the text (no bracket can open it)
                    out += k.isNegative ? (first ? "-" : " - ") : (first ? "" : " + ")
                    appendPlainMonomial(&out, coefficient, term)
                    return
                }
                if k.isNegative {
                    // a leading minus is unary and binds tighter than '*'; a later one is binary
                    let body = termText(magnitude, term)
                    out += first ? negated(body) : " - " + body
                } else {
                    if !first { out += " + " }
                    out += termText(k, term)
                }
            }
            for t in terms where !t.coefficient.isNegative { append(t.coefficient, t.expr) }
            if !c.isZero && !c.isNegative { append(c, nil) }
            for t in terms where t.coefficient.isNegative { append(t.coefficient, t.expr) }
            if c.isNegative { append(c, nil) }
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
    static func needsQuotes(_ name: String) -> Bool { quotedNames.contains(name) }

    /// Names quoted when printed: the reserved words and the functions' names that are not also
    /// letters (one set, looked up once per symbol printed).
    static let quotedNames: Set<String> = Set(["pi", "I", "sqrt", "unit"])
        .union(FunctionCatalog.spellings.keys.filter { !BuiltinFunction.isAlsoLetter($0) })

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

    /// `k*term` (k not negative) as a term of a sum prints it: what `wrap(Expr.scaled(term, by: k), .mul)`
    /// gives, without building that node. A term carries no coefficient of its own, so the
    /// scaled node is the product of k and the term's factors.
    static func termText(_ k: Number, _ term: Expr?) -> String {
        guard let term else {
            let (text, p) = number(k)
            return p < .mul ? "(" + text + ")" : text
        }
        if k.isOne { return wrap(term, .mul) }
        let (text, p) = product(coefficient: k, factors: term.asProduct.1)
        return p < .mul ? "(" + text + ")" : text
    }

    static func product(_ e: Expr) -> (String, Precedence) {
        let (c, factors) = e.asProduct
        return product(coefficient: c, factors: factors)
    }

    static func product(coefficient c: Number, factors: [Factor]) -> (String, Precedence) {
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
        } else if !layout.numeratorCoefficient.isOne || layout.numeratorFactors.isEmpty {
            num.append(layout.numeratorCoefficient.description)
        }
        num += layout.numeratorFactors.map(factorText)
        var den: [String] = []
        if !layout.denominatorCoefficient.isOne { den.append(layout.denominatorCoefficient.description) }
        den += layout.denominator.map { wrap($0, .pow) }
        let top = num.joined(separator: "*")
        if den.isEmpty { return top }
        // `x/(4*(a + b))` would read back with the 4 distributed into the sum: the number goes
        // with the numerator, `(x/4)/(a + b)`, `(1/2)/(x - 1)`.
        if !layout.denominatorCoefficient.isOne, layout.denominator.count == 1, case .add = layout.denominator[0].kind {
            // ...unless the numerator is itself one sum, which the number would distribute into
            if layout.numeratorFactors.count == 1, layout.numeratorFactors[0].exponent.isOne, case .add = layout.numeratorFactors[0].base.kind {
                return top + "/" + layout.denominatorCoefficient.description + "/" + den[1]
            }
            return "(" + top + "/" + layout.denominatorCoefficient.description + ")/" + den[1]
        }
        return top + "/" + (den.count == 1 ? den[0] : "(" + den.joined(separator: "*") + ")")
    }

    /// A symbol, a symbol to a positive integer power, or a product of those (coefficient 1).
    static func isPlainMonomial(_ e: Expr) -> Bool {
        func plain(_ base: Expr, _ exponent: Expr) -> Bool {
            guard case .symbol = base.kind, case let .number(.rational(k)) = exponent.kind else { return false }
            return k.isInteger && k.signum > 0
        }
        switch e.kind {
        case .symbol: return true
        case let .pow(b, x): return plain(b, x)
        case let .mul(c, factors): return c.isOne && factors.allSatisfy { plain($0.base, $0.exponent) }
        default: return false
        }
    }

    /// `k*monomial` for a positive integer k and a plain monomial, as `termText` would write it.
    static func appendPlainMonomial(_ out: inout String, _ k: Rational, _ e: Expr) {
        var needsStar = false
        if !k.isOne {
            out += k.description
            needsStar = true
        }
        func factor(_ base: Expr, _ exponent: Expr) {
            if needsStar { out += "*" }
            needsStar = true
            guard case let .symbol(s) = base.kind else { return }
            if needsQuotes(s.name) { out += "'" + s.name + "'" } else { out += s.name }
            if case let .number(.rational(q)) = exponent.kind, !q.isOne {
                out += "^"
                out += q.description
            }
        }
        switch e.kind {
        case .symbol: factor(e, .one)
        case let .pow(b, x): factor(b, x)
        case let .mul(_, factors): for f in factors { factor(f.base, f.exponent) }
        default: break
        }
    }

    /// A factor of a numerator as `wrap(Expr.powerNode(f), .pow)` prints it; a symbol to a
    /// positive integer power (most factors of a polynomial) without building the node.
    static func factorText(_ f: Factor) -> String {
        if case let .symbol(s) = f.base.kind, case let .number(.rational(k)) = f.exponent.kind, k.isInteger, k.signum > 0 {
            let name = needsQuotes(s.name) ? "'" + s.name + "'" : s.name
            return k.isOne ? name : name + "^" + k.description
        }
        return wrap(Expr.powerNode(f), .pow)
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
            && numeratorFactors.isEmpty && denominator.isEmpty
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
