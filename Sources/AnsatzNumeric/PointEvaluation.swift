import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzUnits


/// One value of an expression at one point, at any precision: exact when the arithmetic is
/// (rationals, exact powers), else MPFR at the asked precision, stopping with a clear error where
/// the value leaves the reals. Values with units (`m = 173.1 GeV`) carry them to the result;
/// constants (`hbar`, `alpha`) are read by name when no value is given.
public enum PointEvaluation {
    public struct Result: Sendable {
        /// The value as a decimal with the asked number of significant digits (exact decimals in full).
        public let decimal: String
        /// The exact value, when there is one (a rational, or an exact expression such as 3*sqrt(2)
        /// is not: only numbers count).
        public let exact: Expr?
        /// The unit of the value ("" for a pure number).
        public let unit: String
        /// MPFR precision used, in bits (0 when exact).
        public let bits: Int
        /// Constants read by name.
        public let constants: [String]
        /// The expression after substituting the point, before evaluating.
        public let substituted: Expr
    }

    /// Bits for `digits` significant decimal digits, with guard bits so that the printed digits are right.
    public static func bits(forDigits digits: Int) -> Int { BigFloat.precision(forDigits: digits) + 16 }

    /// Evaluates `e` with the symbols of `values` replaced (simultaneously) by their values.
    /// `digits` significant digits; `bits` instead sets the MPFR precision. With units, the result
    /// is in `target` if given, else in the input's units when the value is a number times units,
    /// else in SI base units.
    /// `complex`: values are complex numbers (principal branches), evaluated in Arb's ball
    /// arithmetic and printed `a + b*I` with proven digits.
    public static func evaluate(_ e: Expr, at values: [String: Expr], digits: Int = 15, bits: Int? = nil,
                                target: Expr? = nil, natural: NaturalUnits? = nil, complex: Bool = false,
                                budget: Budget = .unlimited) throws -> (Result, [Diagnostic]) {
        // the evaluators recurse: a deep expression runs on a large stack, not a worker's
        try LargeStack.run(ifDeeperThan: e.depth) {
            if complex || e.mentionsImaginaryUnit || values.values.contains(where: \.mentionsImaginaryUnit) {
                return try complexHere(e, at: values, digits: digits, bits: bits, budget: budget)
            }
            return try evaluateHere(e, at: values, digits: digits, bits: bits, target: target, natural: natural, budget: budget)
        }
    }

    /// A complex value: exact for Gaussian rationals, else Arb's balls at growing precision until
    /// both parts' bounds round to the same digits (each printed digit is proven).
    static func complexHere(_ e: Expr, at values: [String: Expr], digits: Int, bits: Int?,
                            budget: Budget) throws -> (Result, [Diagnostic]) {
        let rules = symbols(in: e).compactMap { symbol -> (Expr, Expr)? in
            guard case let .symbol(s) = symbol.kind, let v = values[s.name] else { return nil }
            return (symbol, v)
        }
        let substituted = try Substitution.apply(e, rules, budget: budget)
        guard substituted.symbolNames.isEmpty, !hasUnitsOrConstants(substituted) else {
            let missing = substituted.symbolNames.sorted()
            throw Diagnostic(.eval, missing.isEmpty ? "complex values with units or named constants are not evaluated"
                                                    : "no value for " + missing.map { "'\($0)'" }.joined(separator: ", "),
                             hint: missing.isEmpty ? "evaluate the number without units, or in real mode"
                                                   : "give every symbol a value: at " + missing.map { "\($0)=1.5" }.joined(separator: ", "))
        }
        let shownDigits = bits.map { max(1, Int(Double($0) * 0.30103) - 1) } ?? digits
        var warnings: [Diagnostic] = []
        if let (a, b) = ComplexParts.split(substituted), let x = a.rationalValue, let y = b.rationalValue {
            // exact: 1/2 - I/2, printed as decimals beside the exact value
            var ignored: [Diagnostic] = []
            let re = try number(.rational(x), digits: shownDigits, bits: 64, warnings: &ignored).0
            let im = try number(.rational(y.magnitude), digits: shownDigits, bits: 64, warnings: &ignored).0
            return (Result(decimal: complexText(re, y.isZero ? nil : im, negative: y.isNegative, realIsZero: x.isZero && !y.isZero),
                           exact: substituted, unit: "", bits: 0, constants: [], substituted: substituted), warnings)
        }
        var precision = bits ?? Self.bits(forDigits: shownDigits)
        let ceiling = bits.map { $0 } ?? min(maximumBits, max(1 << 14, 64 * precision))
        var clock = ContinuousClock.now
        while true {
            let z: ComplexBall
            do {
                z = try BallEvaluation.evaluate(substituted, precision: precision, budget: budget, value: { _ in nil })
            } catch let failure as BallEvaluation.Failure {
                switch failure {
                case let .undefined(m): throw Diagnostic(.evalDomain, m, hint: "the expression has no value at this point")
                case let .unsupported(m): throw Diagnostic(.eval, m, hint: "complex evaluation covers the built-in functions at numbers")
                }
            }
            let re = z.partDigits(imaginary: false, digits: shownDigits, precision: precision)
            let im = z.partDigits(imaginary: true, digits: shownDigits, precision: precision)
            if case let (.digits(r)?, .digits(i)?) = (re, im) {
                return (Result(decimal: complexText(r.text, i.isZero ? nil : i.magnitudeText, negative: i.negative, realIsZero: r.isZero && !i.isZero),
                               exact: nil, unit: "", bits: precision, constants: [], substituted: substituted), warnings)
            }
            if precision >= ceiling {
                // a part that is still a ball around 0: printed as a bound, never as digits
                func shown(_ p: ComplexBall.PartDigits?, _ imaginary: Bool) -> String {
                    switch p {
                    case let .digits(d)?: return d.text
                    case let .bound(b)?: return "(|\(imaginary ? "im" : "re")| < \(b))"
                    case nil: return "?"
                    }
                }
                warnings.append(Diagnostic(.warningEvalUnsettled, "a part did not settle up to \(precision) bits of working precision",
                                           hint: "the part may be exactly 0: simplify the expression, or check it symbolically", severity: .warning))
                return (Result(decimal: shown(re, false) + " + " + shown(im, true) + "*I", exact: nil, unit: "", bits: precision,
                               constants: [], substituted: substituted), warnings)
            }
            // the next evaluation, at twice the precision, costs about three times the last
            let elapsed = ContinuousClock.now - clock
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            try budget.check(estimatedSeconds: 3 * seconds, doing: "evaluating at \(2 * precision) bits")
            precision = min(2 * precision, ceiling)
            clock = ContinuousClock.now
        }
    }

    /// `re + im*I`, `re - im*I`, `im*I` or `re`.
    static func complexText(_ re: String, _ im: String?, negative: Bool, realIsZero: Bool) -> String {
        guard let im else { return re }
        let imaginary = (im == "1" ? "" : im + "*") + "I"
        if realIsZero { return (negative ? "-" : "") + imaginary }
        return re + (negative ? " - " : " + ") + imaginary
    }

    static func evaluateHere(_ e: Expr, at values: [String: Expr], digits: Int, bits: Int?, target: Expr?,
                             natural: NaturalUnits?, budget: Budget) throws -> (Result, [Diagnostic]) {
        let rules = symbols(in: e).compactMap { symbol -> (Expr, Expr)? in
            guard case let .symbol(s) = symbol.kind, let v = values[s.name] else { return nil }
            return (symbol, v)
        }
        let substituted = try Substitution.apply(e, rules, budget: budget)
        let precision = bits ?? Self.bits(forDigits: digits)
        let shownDigits = bits.map { max(1, Int(Double($0) * 0.30103) - 1) } ?? digits
        let missing = substituted.symbolNames.filter { PhysicalConstants.constant(named: $0) == nil && UnitCatalog.quantity(of: $0) == nil }
        guard missing.isEmpty else {
            throw Diagnostic(.eval, "no value for " + missing.map { "'\($0)'" }.joined(separator: ", "),
                             hint: "give every symbol a value: at " + missing.map { "\($0)=1.5" }.joined(separator: ", "))
        }
        if !hasUnitsOrConstants(substituted) {
            var warnings: [Diagnostic] = []
            let (decimal, exact) = try number(substituted, digits: shownDigits, bits: precision, fixedBits: bits != nil,
                                              budget: budget, warnings: &warnings)
            return (Result(decimal: decimal, exact: exact, unit: "", bits: exact == nil ? precision : 0, constants: [],
                           substituted: substituted), warnings)
        }
        // a number times units, kept in those units (m_t^2 at m_t = 173.1 GeV is 29963.61 GeV^2)
        if target == nil, case let .mul(coefficient, factors) = substituted.kind,
           factors.allSatisfy({ isUnit($0.base) && $0.exponent.isNumber }) {
            let unitPart = Expr.mul(factors.map { Expr.pow($0.base, $0.exponent) })
            var warnings: [Diagnostic] = []
            let (decimal, exact) = try number(.number(coefficient), digits: shownDigits, bits: precision, fixedBits: bits != nil,
                                              budget: budget, warnings: &warnings)
            return (Result(decimal: decimal, exact: exact, unit: unitText(unitPart), bits: exact == nil ? precision : 0,
                           constants: [], substituted: substituted), warnings)
        }
        var environment = UnitEnvironment(natural: natural ?? NaturalUnits())
        environment.bareUnits = false  // a letter left in a formula is a symbol, not a unit
        environment.naturalInSums = natural != nil
        let goal: Expr
        if let target {
            goal = target
        } else {
            let dimension = try environment.quantity(of: substituted, values: false, budget: budget).dimension
            goal = dimension.isDimensionless ? .one : siUnits(dimension)
        }
        var (conversion, warnings) = try Conversion.convert(substituted, to: goal, natural: natural, digits: shownDigits, bareUnits: false, budget: budget)
        let (decimal, exact) = try number(conversion.value, digits: shownDigits, bits: precision, fixedBits: bits != nil,
                                          budget: budget, warnings: &warnings)
        return (Result(decimal: decimal, exact: exact, unit: goal.isOne ? "" : unitText(goal), bits: exact == nil ? precision : 0,
                       constants: conversion.constants, substituted: substituted), warnings)
    }

    /// A number: exact when it is a rational (printed in full when its decimal terminates), else MPFR.
    /// With `fixedBits` one evaluation at that precision; otherwise Ziv's strategy: evaluate again
    /// at twice the precision until two evaluations print the same `digits` digits (cancellation
    /// and huge arguments of sin or cos eat precision: cos(10^30) needs 30 digits more than asked).
    static func number(_ e: Expr, digits: Int, bits: Int, fixedBits: Bool = false, budget: Budget = .unlimited,
                       warnings: inout [Diagnostic]) throws -> (String, Expr?) {
        if let r = e.rationalValue {
            // in full when that takes no more digits than asked (13/4 is 3.25); else rounded, the
            // exact value beside it (3^10000 is 1.63...e4771 and its 4772 digits)
            if let plain = r.terminatingDecimal(maxDigits: 21), significantDigits(plain) <= digits, plain.count <= 22 { return (plain, e) }
            return (try Conversion.decimal(e, digits: digits), e)  // 1e-40, 1.6314e4771: scientific, exact zeros trimmed
        }
        var precision = bits
        var clock = ContinuousClock.now
        var value = try evaluateChecked(e, precision: precision)
        var previous = value.toString(digits: digits)
        if fixedBits {
            // the digits asked for at this precision, checked against a wider evaluation: a
            // reduction of sin(10^30) at 53 bits gives 0.0093..., the true value is -0.0901...
            let widerBits = 2 * precision + 64
            guard widerBits <= maximumBits else { return (previous, nil) }  // too wide to check here
            let last = ContinuousClock.now - clock
            try budget.check(estimatedSeconds: 3 * (Double(last.components.seconds) + Double(last.components.attoseconds) * 1e-18),
                             doing: "checking the digits at \(widerBits) bits")
            let wider = try evaluateChecked(e, precision: widerBits)
            if wider.toString(digits: digits) != previous {
                warnings.append(Diagnostic(.warningEvalPrecision,
                                           "at \(precision) bits of working precision these digits are not established: at \(widerBits) bits the value is \(wider.toString(digits: min(digits, 20)))",
                                           hint: "leave out bits (digits alone raise the precision until the digits settle)", severity: .warning))
            }
            return (previous, nil)
        }
        var magnitudes: [BigFloat] = [value.abs]
        while precision < maximumBits {
            // the next evaluation, at twice the precision, costs about three times the last
            let last = ContinuousClock.now - clock
            let seconds = Double(last.components.seconds) + Double(last.components.attoseconds) * 1e-18
            try budget.check(estimatedSeconds: 3 * seconds, doing: "evaluating at \(2 * precision) bits")
            precision = min(2 * precision, maximumBits)
            clock = ContinuousClock.now
            value = try evaluateChecked(e, precision: precision)
            magnitudes.append(value.abs)
            let next = value.toString(digits: digits)
            // a zero proves nothing: sin(x) - x at x = 1e-30 is 0 until 300 bits, then -1.7e-91
            if next == previous, !value.isZero {
                // the proof costs about what the last evaluation did, a few times over: it is
                // skipped, and said so, when the budget has no room for that
                let elapsed = ContinuousClock.now - clock
                let lastSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                if (try? budget.check(estimatedSeconds: 6 * lastSeconds, doing: "proving the digits")) == nil {
                    warnings.append(Diagnostic(.warningEvalUnproven, "these digits agree at \(precision / 2) and \(precision) bits; the time budget left no room to prove them in ball arithmetic",
                                               hint: "raise budget_ms to have them proven", severity: .warning))
                } else if !proves(e, next, digits: digits, bits: precision, budget: budget) {
                    warnings.append(Diagnostic(.warningEvalUnproven, "these digits agree at \(precision / 2) and \(precision) bits, but ball arithmetic did not confirm them",
                                               hint: "ask for fewer digits, or check the value another way", severity: .warning))
                }
                return (next, nil)
            }
            previous = next
        }
        // Not settled: the digits are not printed, only a bound on the last two evaluations (a
        // value that is exactly 0 ends here, as does one beyond 2^20 bits of cancellation).
        let largest = magnitudes.suffix(2).max { (BigFloat.compare($0, $1) ?? 0) < 0 } ?? value.abs
        let bound = largest.isZero ? "2^-\(maximumBits)" : upperPowerOfTen(largest)
        warnings.append(Diagnostic(.warningEvalUnsettled, "the digits did not settle up to \(maximumBits) bits of working precision; |value| < \(bound)",
                                   hint: "the value may be exactly 0: simplify the expression, or check it symbolically", severity: .warning))
        return ("|value| < \(bound)", nil)
    }

    /// Do the printed digits hold? The number `e` is evaluated in Arb's ball arithmetic (proven
    /// error bounds) at `bits` and twice that: when both ends of the ball round to `decimal`, so
    /// does the exact value between them.
    static func proves(_ e: Expr, _ decimal: String, digits: Int, bits: Int, budget: Budget) -> Bool {
        for precision in [bits + 32, 2 * bits + 64] where precision <= maximumBits {
            guard let ball = try? BallEvaluation.evaluate(e, precision: precision, budget: budget, value: { _ in nil }) else { return false }
            guard ball.mayBeReal, let (lower, upper) = ball.realBounds(precision: precision) else { return false }
            if lower.toString(digits: digits) == decimal && upper.toString(digits: digits) == decimal { return true }
        }
        return false
    }

    /// MPFR evaluation that refuses a result that underflow made 0 or undefined (a tiny value is
    /// not 0). An underflow in a term that does not decide the result (1 + exp(-10^19)) is harmless.
    /// A division by zero or a domain error is believed only if it survives more precision:
    /// exp(x) - 1 at x = 1e-20 is 0 at 66 bits and 1e-20 at 264 (cancellation, not a zero).
    static func evaluateChecked(_ e: Expr, precision: Int) throws -> BigFloat {
        var bits = precision
        while true {
            do {
                return try evaluateOnce(e, precision: bits)
            } catch let d as Diagnostic where (d.kind == .divisionByZero || d.kind == .evalDomain) && bits < confirmationBits {
                bits = min(4 * bits, confirmationBits)
            }
        }
    }

    /// Precision up to which a division by zero or a domain error is re-checked before it is reported.
    static let confirmationBits = 1 << 16

    /// Is the number `e` (no symbols) zero: exactly, or still 0 at every precision up to
    /// `confirmationBits` (exp(1e-80) - 1 is 0 at 256 bits and 1e-80 at 4096: not a zero)?
    public static func vanishes(_ e: Expr) -> Bool {
        if e.isZero { return true }
        if e.rationalValue != nil { return false }
        var bits = 256
        while true {
            guard let v = try? Evaluator.evaluate(e, at: [:], precision: bits, strict: true), v.isZero else { return false }
            if bits >= confirmationBits { return true }
            bits = min(4 * bits, confirmationBits)
        }
    }

    static func evaluateOnce(_ e: Expr, precision: Int) throws -> BigFloat {
        BigFloat.clearFlags()
        let value: BigFloat
        do {
            value = try Evaluator.evaluate(e, at: [:], precision: precision, strict: true)
        } catch let d as Diagnostic where BigFloat.underflowed && (d.kind == .divisionByZero || d.kind == .evalDomain) {
            throw underflow()
        }
        if BigFloat.underflowed && value.isZero { throw underflow() }
        return value
    }

    static func underflow() -> Diagnostic {
        Diagnostic(.evalUnderflow, "a step of the evaluation is smaller in magnitude than 2^\(BigFloat.minimumExponent), MPFR's smallest number, and would round to 0",
                   hint: "evaluate the logarithm of the expression instead; the value is not 0")
    }

    /// 1e-40 for 3.2e-41: the smallest power of ten above |x| (x finite, nonzero).
    static func upperPowerOfTen(_ x: BigFloat) -> String {
        let text = x.abs.toString(digits: 3)  // "3.2e-41" or "0.000123" or "123.0"
        if let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) { return "1e\(exponent + 1)" }
        // plain decimals (|x| in [1e-5, 1e21)): the exponent from the digits around the point
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        let whole = parts.first ?? "0"
        if whole != "0" { return "1e\(whole.count)" }
        let zeros = (parts.count > 1 ? parts[1] : "").prefix { $0 == "0" }.count
        return "1e-\(zeros)"
    }

    /// Digits of a plain decimal without its sign, point and leading or trailing zeros.
    static func significantDigits(_ text: String) -> Int {
        let digits = text.filter(\.isNumber).drop(while: { $0 == "0" })
        return digits.reversed().drop(while: { $0 == "0" }).count
    }

    /// The most working precision the adaptive evaluation tries (about 315,000 digits).
    public static let maximumBits = 1 << 20

    static func symbols(in e: Expr) -> [Expr] {
        var seen = Set<Expr>(), found: [Expr] = []
        var stack = [e]
        while let node = stack.popLast() {
            guard seen.insert(node).inserted else { continue }
            if case .symbol = node.kind { found.append(node) }
            stack.append(contentsOf: node.children)
        }
        return found
    }

    static func hasUnitsOrConstants(_ e: Expr) -> Bool {
        var seen = Set<Expr>()
        var stack = [e]
        while let node = stack.popLast() {
            guard seen.insert(node).inserted else { continue }
            switch node.kind {
            case .unit, .symbol: return true  // a symbol left here is a constant or a unit name
            default: stack.append(contentsOf: node.children)
            }
        }
        return false
    }

    static func isUnit(_ e: Expr) -> Bool { if case .unit = e.kind { return true } else { return false } }

    /// `kg m^2 s^-2` as units the parser reads back.
    static func siUnits(_ d: Dimension) -> Expr {
        let names: [(Dimension.Base, String)] = [(.mass, "kg"), (.length, "m"), (.time, "s"), (.current, "A"),
                                                 (.temperature, "K"), (.amount, "mol"), (.luminousIntensity, "cd")]
        return Expr.mul(names.compactMap { base, name in
            d[base].isZero ? nil : Expr.pow(.unit(name), .rational(d[base]))
        })
    }

    /// Units without the `unit(...)` wrapper the parser needs around them elsewhere.
    static func unitText(_ e: Expr) -> String {
        let text = e.description
        guard text.hasPrefix("unit("), text.hasSuffix(")"), text.dropFirst(5).firstIndex(of: "(") == nil else { return text }
        return String(text.dropFirst(5).dropLast())
    }
}
