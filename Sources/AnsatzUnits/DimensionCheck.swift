import AnsatzCore
import AnsatzNumbers
import AnsatzParse

/// Checks that an expression or equation is dimensionally consistent, as written: every sum and
/// relation joins operands of one dimension, arguments of exp, log, trigonometric and hyperbolic
/// functions and all exponents are dimensionless, and a dimensioned base has a numeric exponent.
/// A mismatch is an E-DIMENSION diagnostic whose span is the offending operand in the input.
public enum DimensionCheck {
    public struct Report: Sendable {
        /// The dimension of the expression, or of each side of a relation.
        public var sides: [Dimension]
        /// Constants read by name (`c`, `hbar`), in order of appearance.
        public var constants: [String]
        /// Names written bare and read as units (`GeV` in `m/GeV`).
        public var bareUnits: [String]
        /// Declared symbols used (with their declared dimensions), and units written as units.
        public var declared: [(name: String, dimension: Dimension)] = []
        public var units: [String] = []
        /// A definition's left side (`Gamma = ...` with Gamma undeclared) takes the right side's dimension.
        public var inferred: [(name: String, dimension: Dimension)]
        /// The energy power of each side, in natural units.
        public var energyPowers: [Rational]?
        /// What the parser noticed (a one-letter unit after a number, ...).
        public var warnings: [Diagnostic] = []
    }

    /// Parses `text` (recording what was written) and checks it under `environment`.
    public static func check(_ text: String, options: ParseOptions = ParseOptions(), environment: UnitEnvironment,
                             budget: Budget = .unlimited) throws -> Report {
        if OffsetTemperature.mentioned(in: text) { throw OffsetTemperature.refusal() }
        var options = options
        options.recordSyntax = true
        options.symbols.formUnion(environment.declared.keys)  // a declared E is an energy, not Euler's number
        let parsed = try ExpressionParser.parse(text, options: options, budget: budget)
        var report = try check(parsed, source: text, environment: environment, budget: budget)
        report.warnings = parsed.warnings
        return report
    }

    public static func check(_ parsed: ParseResult, source: String, environment: UnitEnvironment,
                             budget: Budget = .unlimited) throws -> Report {
        var environment = environment
        var inferred: [(String, Dimension)] = []
        // `Gamma = G_F^2 m_mu^5/(192 pi^3)`: an undeclared name alone on the left is being defined
        if case let .relation(_, lhs, rhs) = parsed.expr.kind, case let .symbol(s) = lhs.kind,
           environment.resolve(s.name) == nil, !rhs.symbolNames.contains(s.name) {
            let d = try located(source) { try environment.quantity(of: rhs, values: false, budget: budget).dimension }
            environment.declared[s.name] = d
            inferred.append((s.name, d))
        }
        let scalars = Array(source.unicodeScalars)
        func text(_ span: SourceSpan) -> String {
            guard span.start >= 0, span.end <= scalars.count, span.start < span.end else { return "?" }
            let s = String(String.UnicodeScalarView(scalars[span.start..<span.end])).trimmingBlanks
            return s.count > 40 ? String(s.prefix(37)) + "..." : s
        }
        var dimensions: [Expr: Dimension] = [:]
        func dimension(_ operand: SyntaxNote.Operand) throws -> Dimension {
            if let d = dimensions[operand.expr] { return d }
            let d = try located(source, fallback: operand.span) {
                try environment.quantity(of: operand.expr, values: false, budget: budget).dimension
            }
            dimensions[operand.expr] = d
            return d
        }
        func mismatch(_ message: String, _ span: SourceSpan, hint: String) -> Diagnostic {
            Diagnostic(.dimension, message, span: span, hint: hint)
        }
        for note in parsed.notes {
            switch note.shape {
            case .sum, .relation:
                // an exact 0 fits any dimension (x - x + p is p)
                let operands = note.operands.filter { !($0.expr.isZero && $0.expr.rationalValue != nil) }
                guard let first = operands.first else { continue }
                let d0 = try dimension(first)
                for other in operands.dropFirst() {
                    let d = try dimension(other)
                    guard environment.equivalent(d, d0) else {
                        let what = note.shape == .sum ? "cannot add" : "the two sides differ:"
                        let joiner = note.shape == .sum ? "and" : "vs"
                        throw mismatch("\(what) \(text(first.span)) \(d0) \(joiner) \(text(other.span)) \(d)", other.span,
                                       hint: "terms of a sum and sides of an equation need one dimension; \(text(other.span)) is \(environment.describe(d)), \(text(first.span)) is \(environment.describe(d0))")
                    }
                }
            case .power:
                let base = note.operands[0], exponent = note.operands[1]
                let dx = try dimension(exponent)
                guard environment.isDimensionless(dx) else {
                    throw mismatch("the exponent \(text(exponent.span)) has dimension \(dx)", exponent.span,
                                   hint: "an exponent must be a pure number")
                }
                let db = try dimension(base)
                if !environment.isDimensionless(db), exponent.expr.rationalValue == nil, !exponent.expr.isNumber {
                    throw mismatch("\(text(base.span)) has dimension \(db) but its exponent \(text(exponent.span)) is not a known number",
                                   exponent.span, hint: "the result would have no fixed dimension; give a numeric exponent or divide the base by a reference value")
                }
            case .divisor:
                continue  // products cannot hide a mismatch: dimensions divide
            case let .call(name):
                let f = BuiltinFunction.named(name, arguments: note.operands.count)?.function
                switch f {
                case .abs?, .sign?, .cbrt?, nil:
                    continue  // any dimension (sqrt, abs); a declared function fails below, in the walk
                case .atan2?:
                    let dy = try dimension(note.operands[0]), dx = try dimension(note.operands[1])
                    guard environment.equivalent(dy, dx) else {
                        throw mismatch("atan2 needs two arguments of one dimension: \(dy) and \(dx)", note.operands[1].span,
                                       hint: "both arguments must have the same dimension")
                    }
                default:
                    for argument in note.operands {
                        let d = try dimension(argument)
                        guard environment.isDimensionless(d) else {
                            throw mismatch("the argument of \(name), \(text(argument.span)), has dimension \(d)", argument.span,
                                           hint: "\(name) takes a pure number: divide by a reference value of dimension \(d)")
                        }
                    }
                }
            }
        }
        // the whole, as parsed: every check above passed, so this finds the dimensions (and any
        // problem only the canonical form shows, such as an undeclared name)
        let sides: [Expr]
        if case let .relation(_, l, r) = parsed.expr.kind { sides = [l, r] } else { sides = [parsed.expr] }
        var report = Report(sides: [], constants: [], bareUnits: [], inferred: inferred)
        var all = UnitEnvironment.Usage()
        let inferredNames = Set(inferred.map(\.0))
        for side in sides {
            let (q, usage) = try located(source) { try environment.quantityAndUsage(of: side, values: false, budget: budget) }
            report.sides.append(q.dimension)
            for c in usage.constants { all.noteConstant(c) }
            for u in usage.bareUnits { all.noteBareUnit(u) }
            for u in usage.units { all.noteUnit(u) }
            for n in usage.declared where !inferredNames.contains(n) { all.noteDeclared(n) }
        }
        report.constants = all.constants
        report.bareUnits = all.bareUnits
        report.units = all.units
        report.declared = all.declared.compactMap { n in environment.declared[n].map { (n, $0) } }
        if sides.count == 2, !environment.equivalent(report.sides[0], report.sides[1]), !sides.contains(where: \.isZero) {
            throw Diagnostic(.dimension, "the two sides differ: \(report.sides[0]) vs \(report.sides[1])",
                             hint: "left is \(environment.describe(report.sides[0])), right is \(environment.describe(report.sides[1]))")
        }
        if let natural = environment.natural {
            let powers = report.sides.compactMap { natural.energyPower($0) }
            report.energyPowers = powers.count == report.sides.count ? powers : nil
        }
        return report
    }

    /// Runs `body`; a diagnostic without a span gets the span of the name it is about, found in
    /// the source (undeclared symbols), else `fallback`.
    static func located<T>(_ source: String, fallback: SourceSpan? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var d as Diagnostic {
            if d.span == nil {
                // the name a message is about is its first quoted word: "'t' has no declared dimension"
                let quoted = d.message.split(separator: "'", omittingEmptySubsequences: false)
                if quoted.count > 2, let span = wordSpan(String(quoted[1]), in: source) {
                    d.span = span
                } else {
                    d.span = fallback
                }
            }
            throw d
        }
    }

    /// The first whole-word occurrence of `word` in `source`, as a span of scalar offsets.
    static func wordSpan(_ word: String, in source: String) -> SourceSpan? {
        let s = Array(source.unicodeScalars), w = Array(word.unicodeScalars)
        guard !w.isEmpty, s.count >= w.count else { return nil }
        func isWordScalar(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" }
        for start in 0...(s.count - w.count) where Array(s[start..<(start + w.count)]) == w {
            let before = start == 0 || !isWordScalar(s[start - 1])
            let after = start + w.count == s.count || !isWordScalar(s[start + w.count])
            if before && after { return SourceSpan(start, start + w.count) }
        }
        return nil
    }
}
