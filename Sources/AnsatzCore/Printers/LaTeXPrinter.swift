import AnsatzNumbers

/// The LaTeX form, as a physicist would typeset it: `\frac`, `\sqrt`, Greek commands, `\mathrm`
/// units with thin spaces. Reading it back with the LaTeX front end gives the same expression for
/// everything the LaTeX grammar covers.
public enum LaTeXPrinter {
    public static func print(_ e: Expr) -> String { LargeStack.ifDeep(e.depth) { render(e).text } }

    static func render(_ e: Expr) -> (text: String, precedence: Precedence) {
        switch e.kind {
        case let .number(n):
            switch n {
            case let .rational(r):
                if r.isInteger { return (r.description, r.isNegative ? .unary : .atom) }
                let body = "\\frac{\(r.numerator.magnitude)}{\(r.denominator)}"
                return ((r.isNegative ? "-" : "") + body, r.isNegative ? .unary : .atom)
            case let .float(f):
                let text = f.description
                return (text, text.hasPrefix("-") ? .unary : .atom)
            }
        case let .symbol(s):
            return (symbol(s.name), .atom)
        case let .constant(c):
            switch c {
            case .pi: return ("\\pi", .atom)
            case .e: return ("\\mathrm{e}", .atom)
            case .i: return ("i", .atom)
            }
        case let .unit(name):
            return (unit(name), .atom)
        case let .function(f, args):
            // e^{x} is a power: a power of it needs brackets (e^{x}^{y} is not TeX)
            return (function(f, args), f == .builtin(.exp) && args.count == 1 ? .pow : .atom)
        case let .relation(op, l, r):
            let symbol = [Relation.equal: "=", .less: "<", .lessEqual: "\\le", .greater: ">", .greaterEqual: "\\ge"][op] ?? op.rawValue
            return (render(l).text + " " + symbol + " " + render(r).text, .relation)
        case let .add(c, terms):
            let parts = Expr.printedTerms(c, terms)
            var out = ""
            for (i, term) in parts.enumerated() {
                if term.isNegativeTerm {
                    out += i == 0 ? negated(wrap(-term, .mul)) : " - " + wrap(-term, .mul)
                } else {
                    out += (i == 0 ? "" : " + ") + wrap(term, .mul)
                }
            }
            return (out, .add)
        case let .pow(b, x):
            if (x.isNegativeExponent && !b.isZero) || (b.isUnit && x.rationalValue != nil) { return product(e) }
            if x.rationalValue == Rational.half { return ("\\sqrt{" + render(b).text + "}", .atom) }
            if let q = x.rationalValue, q.numerator.isOne, let n = q.denominator.intValue, n > 3 {
                return ("\\sqrt[\(n)]{" + render(b).text + "}", .atom)
            }
            if case let .function(.builtin(f), args) = b.kind, commandFunctions.contains(f), f != .exp, args.count == 1,
               let q = x.rationalValue, q.isInteger, !q.isNegative {
                // sin^2 x, the usual way
                return ("\\" + functionCommand(f) + "^{" + render(x).text + "}" + parenthesised(render(args[0]).text), .atom)
            }
            return (wrap(b, .atom) + "^{" + render(x).text + "}", .pow)
        case .mul:
            return product(e)
        }
    }

    static func wrap(_ e: Expr, _ required: Precedence) -> String {
        let (text, p) = render(e)
        return p < required ? parenthesised(text) : text
    }

    static func parenthesised(_ s: String) -> String { "\\left(" + s + "\\right)" }

    /// See `TextPrinter.negated`: a unary minus before a bracket must cover the whole product.
    static func negated(_ body: String) -> String {
        body.hasPrefix("\\left(") ? "-" + parenthesised(body) : "-" + body
    }

    static func product(_ e: Expr) -> (String, Precedence) {
        let (c, factors) = e.asProduct
        var layout = ProductLayout(coefficient: c, factors: factors)
        // A number inside a group with a sum would distribute into it when read back
        // (\frac{2 (a+b)}{c} reads as (2a + 2b)/c), so such a coefficient is written in front.
        var prefix = ""
        let hasSum = (layout.numerator + layout.denominator).contains { if case .add = $0.kind { return true } else { return false } }
        if hasSum && (layout.floatCoefficient != nil || !layout.numeratorCoefficient.isOne || !layout.denominatorCoefficient.isOne) {
            if let f = layout.floatCoefficient {
                prefix = f.description
            } else if layout.denominatorCoefficient.isOne {
                prefix = layout.numeratorCoefficient.description
            } else {
                prefix = "\\frac{\(layout.numeratorCoefficient)}{\(layout.denominatorCoefficient)}"
            }
            layout.floatCoefficient = nil
            layout.numeratorCoefficient = .one
            layout.denominatorCoefficient = .one
        }
        // A quantity's number reads best as a decimal: 91.1876\,\mathrm{GeV}.
        if !layout.units.isEmpty, prefix.isEmpty, layout.floatCoefficient == nil, !layout.denominatorCoefficient.isOne,
           let decimal = (try? Rational(layout.numeratorCoefficient, layout.denominatorCoefficient))?.terminatingDecimal() {
            prefix = decimal
            layout.numeratorCoefficient = .one
            layout.denominatorCoefficient = .one
        }
        var numerator: [String] = prefix.isEmpty ? [] : [prefix]
        if let f = layout.floatCoefficient {
            numerator.append(f.description)
        } else if !layout.numeratorCoefficient.isOne {
            numerator.append(layout.numeratorCoefficient.description)
        }
        // inside \frac{}{} a lone factor needs no brackets
        let hasFraction = !layout.denominatorCoefficient.isOne || !layout.denominator.isEmpty
        let alone = hasFraction && layout.floatCoefficient == nil && layout.numeratorCoefficient.isOne && prefix.isEmpty
            && layout.numerator.count == 1
        numerator += layout.numerator.map { alone ? render($0).text : wrap($0, .pow) }
        var denominator: [String] = []
        if !layout.denominatorCoefficient.isOne { denominator.append(layout.denominatorCoefficient.description) }
        let aloneBelow = layout.denominatorCoefficient.isOne && layout.denominator.count == 1
        denominator += layout.denominator.map { aloneBelow ? render($0).text : wrap($0, .pow) }
        var text = join(numerator)
        if !denominator.isEmpty {
            let top = join(Array(numerator.dropFirst(prefix.isEmpty ? 0 : 1)))
            text = (prefix.isEmpty ? "" : prefix + " ") + "\\frac{" + (top.isEmpty ? "1" : top) + "}{" + join(denominator) + "}"
        }
        if !layout.units.isEmpty {
            let units = layout.units.map { u -> String in
                u.exponent.isOne ? unit(u.name) : unit(u.name) + "^{" + u.exponent.description + "}"
            }.joined(separator: "\\,")
            text = text.isEmpty ? units : text + "\\," + units
        }
        if text.isEmpty { text = "1" }
        return layout.negative ? (negated(text), .unary) : (text, .mul)
    }

    /// Juxtaposition, with `\cdot` where two numbers would otherwise run together.
    /// Greek letters that are also function names or refused as calls (ζ, Γ, ψ, θ, δ ...): before
    /// a bracket, a product needs \cdot, or the parser would read (or refuse) a call.
    static let callLikeLetters: [String] = Greek.names.filter {
        BuiltinFunction.isName($0) || BuiltinFunction.knownUnsupported[$0] != nil
    }.map { "\\" + $0 }

    static func join(_ parts: [String]) -> String {
        var out = ""
        for part in parts {
            if let last = out.last, let first = part.first {
                if first.isNumber || first == "-" { out += " \\cdot " }  // 2 3 would read as one number
                // \zeta \left(x\right) renders as ζ(x), the function: a product says so
                else if part.hasPrefix("\\left("), callLikeLetters.contains(where: { out.hasSuffix($0) }) { out += " \\cdot " }
                else if last.isLetter && first.isLetter { out += " " }
                else if !out.isEmpty { out += " " }
            }
            out += part
        }
        return out
    }

    static func unit(_ name: String) -> String {
        let shown = name.replacingOccurrences(of: "µ", with: "\\mu ").replacingOccurrences(of: "μ", with: "\\mu ")
            .replacingOccurrences(of: "Ω", with: "\\Omega").replacingOccurrences(of: "Å", with: "\\AA")
        return "\\mathrm{" + shown + "}"
    }

    /// The TeX command of a function printed as one (`sin`, `arcsin`, `ln`), from the catalog.
    static func functionCommand(_ f: BuiltinFunction) -> String {
        if case let .command(c) = f.entry.latex { return c }
        return f.name
    }

    static let commandFunctions: Set<BuiltinFunction> = Set(BuiltinFunction.allCases.filter {
        if case .command = $0.entry.latex { return true } else { return false }
    })

    static func function(_ f: FunctionName, _ args: [Expr]) -> String {
        let inner = args.map { render($0).text }.joined(separator: ", ")
        switch f {
        case .builtin(.abs):
            return "\\left|" + inner + "\\right|"
        case .builtin(.exp) where args.count == 1:
            return "\\mathrm{e}^{" + inner + "}"
        case .builtin(.log10):
            return "\\log_{10}" + parenthesised(inner)
        case .builtin(.cbrt):
            return "\\sqrt[3]{" + inner + "}"
        case let .builtin(b) where commandFunctions.contains(b):
            return "\\" + functionCommand(b) + parenthesised(inner)
        case let .builtin(b):
            // \operatorname{\Gamma}, \operatorname{erf}: the parser reads both back
            if case let .operatorName(x) = b.entry.latex { return "\\operatorname{" + x + "}" + parenthesised(inner) }
            return "\\operatorname{" + b.name + "}" + parenthesised(inner)
        case let .user(name):
            return symbol(name) + parenthesised(inner)
        }
    }

    /// `m_t` → `m_{t}`, `alpha` → `\alpha`, `\tilde{m}_{1}` → `\tilde{m}_{1}`, `sigma_tot` → `\sigma_{\mathrm{tot}}`.
    public static func symbol(_ name: String) -> String {
        let (base, sub) = splitSubscript(name)
        if sub?.isEmpty == true || base.isEmpty {
            // an identifier with an underscore and no subscript after it (g_): upright, escaped
            return "\\mathrm{" + name.replacingOccurrences(of: "_", with: "\\_") + "}"
        }
        var out = word(base)
        if let sub {
            out += "_{" + subscriptContent(sub) + "}"
        }
        return out
    }

    /// Splits at the first `_` outside braces; a braced subscript loses its braces.
    static func splitSubscript(_ name: String) -> (String, String?) {
        var depth = 0
        for (i, ch) in zip(name.indices, name) {
            if ch == "{" { depth += 1 } else if ch == "}" { depth -= 1 }
            else if ch == "_" && depth == 0 {
                var sub = String(name[name.index(after: i)...])
                if sub.hasPrefix("{") && sub.hasSuffix("}") { sub = String(sub.dropFirst().dropLast()) }
                return (String(name[..<i]), sub)
            }
        }
        return (name, nil)
    }

    static func word(_ w: String) -> String {
        if w.hasPrefix("\\") {
            // \tilde{m} or \bar{psi}: decorate the LaTeX of the inner word
            if let open = w.firstIndex(of: "{"), w.hasSuffix("}") {
                let command = w[..<open]
                let inner = String(w[w.index(after: open)..<w.index(before: w.endIndex)])
                return command + "{" + word(inner) + "}"
            }
            return w
        }
        if Greek.names.contains(w) { return "\\" + w }
        if w.count <= 1 { return w }
        return "\\mathrm{" + w + "}"
    }

    static func subscriptContent(_ s: String) -> String {
        s.split(separator: " ", omittingEmptySubsequences: true).map { part -> String in
            let p = String(part)
            if p.hasPrefix("\\") { return word(p) }
            if p.allSatisfy({ $0.isLetter || $0.isNumber }) { return p.count > 1 && !p.allSatisfy(\.isNumber) ? word(p) : p }
            return p
        }.joined(separator: " ")
    }
}

extension Expr {
    var isUnit: Bool { if case .unit = kind { return true } else { return false } }
}
