import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzParse

/// Converts a quantity (`0.3894 mb`, `hbar*c`, `1.2 fb^-1 * 3.4 pb`) to a target unit (`GeV^-2`,
/// `MeV fm`, "" for a pure number). Exact: the result is the quantity's exact SI value over the
/// target's, times the powers of ħ and c that natural units need when the dimensions differ
/// by them, and the answer says which it inserted.
public enum Conversion {
    public struct Result: Sendable {
        /// The number of target units, exact (a rational, times powers of π where ħ entered).
        public let value: Expr
        /// The same, as a decimal.
        public let decimal: String
        /// The quantity as written, split into a number and the rest: 1 `unitPart` = `factor` target.
        public let coefficient: Expr
        public let unitPart: Expr
        public let factor: Expr
        public let factorDecimal: String
        /// The product of constants set to 1 that the number was multiplied by (`ħ^2 c^2` from
        /// GeV⁻² to mb); nil when the dimensions were the same.
        public let multipliedBy: NaturalUnits.Bridge?
        public let from: Dimension
        public let to: Dimension
        /// Constants read by name in the quantity.
        public let constants: [String]
    }

    /// Converts; `natural` allows conversions across powers of ħ, c (k_B, ε₀). Without it, a
    /// conversion that needs them still happens, with the warning `W-NATURAL-UNITS`.
    public static func convert(_ quantityText: String, to targetText: String, natural: NaturalUnits?,
                               digits: Int = 10, options: ParseOptions = ParseOptions(),
                               budget: Budget = .unlimited) throws -> (Result, [Diagnostic]) {
        for text in [quantityText, targetText] where OffsetTemperature.mentioned(in: text) {
            throw OffsetTemperature.refusal()
        }
        let parsed = try ExpressionParser.parse(quantityText, options: options, budget: budget)
        let target = targetText.trimmingBlanks.isEmpty ? Expr.one : try parseTarget(targetText, options: options, budget: budget)
        let (result, warnings) = try convert(parsed.expr, to: target, natural: natural, digits: digits, source: quantityText, budget: budget)
        // a quantity is what a conversion reads: a unit after a number (1 J) is no guess here
        return (result, parsed.warnings.filter { $0.kind != .warningParseUnit } + warnings)
    }

    /// The same on expressions (`source`, the quantity's text, locates unknown names).
    /// `bareUnits`: undeclared names in the quantity that are unit names are units (true for a
    /// conversion, whose input is a quantity; false for a formula being evaluated).
    public static func convert(_ quantity: Expr, to target: Expr, natural: NaturalUnits?, digits: Int = 10,
                               source: String = "", bareUnits: Bool = true, budget: Budget = .unlimited) throws -> (Result, [Diagnostic]) {
        var warnings: [Diagnostic] = []
        var environment = UnitEnvironment(natural: natural ?? NaturalUnits())
        environment.naturalInSums = natural != nil  // the bridge is to the target, never between terms
        environment.bareUnits = bareUnits
        let (q, usage) = try unknownNames { try DimensionCheck.located(source) { try environment.quantityAndUsage(of: quantity, budget: budget) } }
        var targetEnvironment = environment
        targetEnvironment.bareUnits = true  // a target is units by its nature
        targetEnvironment.unitsFirst = true  // `h^-1` in a target is per hour; `GeV/c^2` still has c
        let t = try unknownNames(inTarget: true) { try targetEnvironment.quantity(of: target, budget: budget) }
        var multipliedBy: NaturalUnits.Bridge?
        var ratio = Expr.mul([q.value, Expr.pow(t.value, .minusOne)])
        if q.dimension != t.dimension {
            let conventions = natural ?? NaturalUnits()
            guard let b = conventions.bridge(q.dimension / t.dimension) else {
                throw Diagnostic(.dimension, "cannot convert \(q.dimension) to \(t.dimension)",
                                 hint: "the quantity is \(q.dimension.described), the target \(t.dimension.described)"
                                     + (natural == nil ? "; even with ħ = c = 1 they differ" : "; they differ even in these natural units"))
            }
            multipliedBy = b.inverse
            ratio = Expr.mul([ratio, Expr.pow(b.quantity.value, .minusOne)])
            if natural == nil {
                warnings.append(Diagnostic(.warningNaturalUnits, "converted \(q.dimension) to \(t.dimension) with ħ = c = 1, multiplying by \(b.inverse)",
                                           hint: "pass natural units (--natural) to say this is meant", severity: .warning))
            }
        }
        guard !ratio.symbolNames.contains(where: { _ in true }) else {
            throw Diagnostic(.dimension, "the quantity has symbols without values: " + ratio.symbolNames.joined(separator: ", "),
                             hint: "convert numbers with units, such as 3 GeV or hbar*c")
        }
        let (coefficient, unitPart) = split(quantity)
        let factor = coefficient.isZero ? Expr.zero : Expr.mul([ratio, Expr.pow(coefficient, .minusOne)])
        let result = Result(value: ratio, decimal: try decimal(ratio, digits: digits), coefficient: coefficient, unitPart: unitPart,
                            factor: factor, factorDecimal: try decimal(factor, digits: digits), multipliedBy: multipliedBy,
                            from: q.dimension, to: t.dimension, constants: usage.constants)
        return (result, warnings)
    }

    /// In a conversion every name must be a unit or a constant: an unknown one is E-UNIT-UNKNOWN.
    static func unknownNames<T>(inTarget: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var d as Diagnostic where d.kind == .dimensionUndeclared {
            let quoted = d.message.split(separator: "'", omittingEmptySubsequences: false)
            let name = quoted.count > 2 ? String(quoted[1]) : "?"
            d.kind = .unitUnknown
            d.message = (inTarget ? "in the target unit: " : "") + "'\(name)' is neither a unit nor a constant"
            d.hint = UnitSuggestions.hint(for: name)
            if inTarget { d.span = nil }
            throw d
        }
    }

    /// The target unit: bare names are units (`GeV^-2`, `MeV fm`, `m/s`).
    static func parseTarget(_ text: String, options: ParseOptions, budget: Budget) throws -> Expr {
        do {
            return try ExpressionParser.parse(text, options: options, budget: budget).expr
        } catch var d as Diagnostic {
            d.message = "in the target unit: " + d.message
            throw d
        }
    }

    /// `0.3894 mb` as (0.3894, mb); `hbar*c` as (1, c*hbar).
    static func split(_ e: Expr) -> (Expr, Expr) {
        if case let .mul(coefficient, factors) = e.kind {
            return (.number(coefficient), Expr.mul(factors.map { Expr.pow($0.base, $0.exponent) }))
        }
        if e.isNumber { return (e, .one) }
        return (.one, e)
    }

    /// `digits` significant decimal digits, computed with MPFR (a few guard digits more).
    /// An exact value that needs no more digits prints without padding zeros (4080, 1e-7, 140.39).
    public static func decimal(_ e: Expr, digits: Int) throws -> String {
        let bits = BigFloat.precision(forDigits: digits + 10)
        let v = try LargeStack.run(ifDeeperThan: e.depth) { try Evaluator.evaluate(e, at: [:], precision: bits) }
        guard v.isFinite else {
            throw Diagnostic(.eval, "the value is not a finite real number", hint: "check the quantity for a negative root or a division by zero")
        }
        let text = v.toString(digits: digits)
        guard let r = e.rationalValue, let plain = r.terminatingDecimal(maxDigits: 400),
              plain.filter(\.isNumber).drop(while: { $0 == "0" }).reversed().drop(while: { $0 == "0" }).count <= digits else { return text }
        // exact in `digits` digits: the zeros MPFR pads with say nothing
        var mantissa = text, exponent = ""
        if let e = text.firstIndex(of: "e") { (mantissa, exponent) = (String(text[..<e]), String(text[e...])) }
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return mantissa + exponent
    }
}
