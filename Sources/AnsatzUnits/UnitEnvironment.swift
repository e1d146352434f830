import AnsatzCore
import AnsatzNumbers
import AnsatzParse

/// What the names in an expression mean for dimensions and values: declared symbols first, then
/// the catalog's constants (`c`, `hbar`, `G_F`, `m_mu`), then unit names written bare (`GeV^-2`).
/// In natural units, dimensions that differ by powers of ħ, c (k_B, ε₀) are the same.
public struct UnitEnvironment: Sendable {
    /// Symbols declared with a dimension (their value stays the symbol).
    public var declared: [String: Dimension] = [:]
    public var natural: NaturalUnits?

    public init(declared: [String: Dimension] = [:], natural: NaturalUnits? = nil) {
        self.declared = declared
        self.natural = natural
    }

    /// Same dimension here (in natural units: the same power of energy)?
    public func equivalent(_ a: Dimension, _ b: Dimension) -> Bool {
        a == b || (natural?.equivalent(a, b) ?? false)
    }

    public func isDimensionless(_ d: Dimension) -> Bool { equivalent(d, .dimensionless) }

    /// `[M L² T⁻²]`, or in natural units `[E¹] = [M L² T⁻²]` style: the energy power first.
    public func describe(_ d: Dimension) -> String {
        guard let natural, let p = natural.energyPower(d) else { return d.described }
        let power = p.isInteger ? p.description : "(\(p))"
        return p.isZero ? "dimensionless in natural units" : "energy^\(power) in natural units (GeV^\(power))"
    }

    /// Reads declarations: `v: m/s, t: s, E: energy, x: L T^-1, n: 1` (commas, semicolons or new
    /// lines between them; `#` starts a comment). Each is a quantity kind, a dimension in base
    /// symbols (L M T I Θ N J; in brackets, `[T]`, when a lone letter would also be a unit), or a
    /// unit expression. Returns the dimensions and warnings about ambiguous letters.
    public static func declarations(_ text: String) throws -> [String: Dimension] {
        try declarationsWithWarnings(text).0
    }

    public static func declarationsWithWarnings(_ text: String) throws -> ([String: Dimension], [Diagnostic]) {
        var result: [String: Dimension] = [:]
        var warnings: [Diagnostic] = []
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == ";" || $0 == "," }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingBlanks.isEmpty else { continue }
            let parts = line.split(separator: ":", maxSplits: 1).map { String($0).trimmingBlanks }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw Diagnostic(.unitsDeclaration, "cannot read the declaration '\(line.trimmingBlanks.prefix(60))'",
                                 hint: "write name: unit-or-dimension, e.g. 'v: m/s, t: s, E: energy, x: L T^-1, n: 1'")
            }
            var options = ParseOptions()
            options.symbols = [parts[0]]
            let name = try? ExpressionParser.parse(parts[0], options: options).expr
            guard let name, case let .symbol(symbol) = name.kind else {
                throw Diagnostic(.unitsDeclaration, "'\(parts[0].prefix(40))' is not a symbol name",
                                 hint: "declare names such as v, E, E_k, m_mu")
            }
            let (d, warning) = try dimension(declaredAs: parts[1])
            result[symbol.name] = d
            if let warning { warnings.append(warning) }
        }
        return (result, warnings)
    }

    /// A kind (`energy`), a dimension (`L T^-1`, `[T]`) or a unit expression (`m/s`, `GeV^-2`, `fb^-1`).
    /// A lone letter that is both a unit and a dimension symbol (N, J, T, L) is the unit, with a warning.
    public static func dimension(declaredAs raw: String) throws -> (Dimension, Diagnostic?) {
        var text = raw.trimmingBlanks
        if text.hasPrefix("["), text.hasSuffix("]") {
            text = String(text.dropFirst().dropLast())
            return (try Dimension(parsing: text), nil)
        }
        let asDimension = try? Dimension(parsing: text)
        // T (tesla or time) and L (litre or length) are both; N and J are the newton and the joule
        let isLoneUnitLetter = ["T", "L", "N", "J"].contains(text)
        if let asDimension, !isLoneUnitLetter { return (asDimension, nil) }
        let parsed: Expr
        do {
            var options = ParseOptions()
            options.syntax = .plain
            parsed = try ExpressionParser.parse(text, options: options).expr
        } catch let d as Diagnostic {
            throw Diagnostic(.unitsDeclaration, "cannot read '\(text.prefix(40))' as a unit, a dimension or a kind: \(d.message)",
                             hint: "kinds: " + Dimension.kinds.keys.sorted().joined(separator: ", ") + "; dimensions like 'M L^2 T^-2'; units like m/s")
        }
        var unitsOnly = UnitEnvironment()
        unitsOnly.constantsAllowed = false
        let d: Dimension
        do {
            d = try unitsOnly.quantity(of: parsed, values: false).dimension
        } catch var diagnostic as Diagnostic {
            diagnostic.message = "in the declaration '\(text.prefix(40))': " + diagnostic.message
            throw diagnostic
        }
        guard text == "T" || text == "L", let asDimension else { return (d, nil) }
        let warning = Diagnostic(.warningUnitsAmbiguous, "'\(text)' read as the unit \(UnitCatalog.titles[text] ?? text) \(d), not the dimension \(asDimension)",
                                 hint: "for the dimension write [\(text)] or the kind \(text == "T" ? "time" : "length")",
                                 severity: .warning)
        return (d, warning)
    }

    /// Constants by name are allowed (off when reading a declaration, which must be units).
    public var constantsAllowed = true
    /// Unit names before constant names: in a target unit `h` is the hour, not Planck's constant.
    public var unitsFirst = false
    /// Undeclared names that are unit names read as units. True where the input is a unit
    /// expression by its nature (a conversion's quantity and target, a declaration); false for a
    /// formula (check, evaluate), where a bare letter is a symbol: `F = m*a` is not about farads.
    public var bareUnits = true
    /// Terms of a sum may differ by powers of ħ and c only when natural units were asked for:
    /// a conversion bridges the quantity to its target, never `1 m + 1 s` inside it.
    public var naturalInSums = true

    /// What a walk used: constants read by name and bare names read as units.
    public struct Usage: Sendable {
        public var constants: [String] = []
        public var bareUnits: [String] = []
        /// Declared symbols met, and units written as units (`3 GeV`, `\mathrm{s}`).
        public var declared: [String] = []
        public var units: [String] = []
        /// What the lists hold, by list, so that noting a name costs O(1) (a sum of 10^5 terms
        /// over as many symbols took quadratic time with array look-ups).
        private var seen: [Set<String>] = [[], [], [], []]

        mutating func noteConstant(_ name: String) { if seen[0].insert(name).inserted { constants.append(name) } }
        mutating func noteBareUnit(_ name: String) { if seen[1].insert(name).inserted { bareUnits.append(name) } }
        mutating func noteDeclared(_ name: String) { if seen[2].insert(name).inserted { declared.append(name) } }
        mutating func noteUnit(_ name: String) { if seen[3].insert(name).inserted { units.append(name) } }
    }

    /// The dimension (and with `values`, the exact SI value) of an expression. Values of declared
    /// symbols stay symbolic. Throws E-DIMENSION for a mismatch (no span: the canonical form has
    /// none; `DimensionCheck` finds spans from what was written).
    public func quantity(of e: Expr, values: Bool = true, budget: Budget = .unlimited) throws -> Quantity {
        try quantityAndUsage(of: e, values: values, budget: budget).0
    }

    /// Like `quantity(of:)`, also saying which constants and bare units it read.
    public func quantityAndUsage(of e: Expr, values: Bool = true, budget: Budget = .unlimited) throws -> (Quantity, Usage) {
        let environment = self
        return try LargeStack.run(ifDeeperThan: e.depth) {
            var walker = Walker(environment: environment, values: values, budget: budget)
            let q = try walker.walk(e)
            return (q, walker.usage)
        }
    }

    /// How a name of a formula was read, for the answer's list of names: an agent sees at once
    /// whether `s` was the Mandelstam variable or the second.
    public struct NameReading: Sendable {
        public enum Kind: String, Sendable { case declared = "declared symbol", defined = "defined by the equation",
                                             constant, unit, bareUnit = "unit (written bare)", undeclared = "symbol without a dimension" }
        public let name: String
        public let kind: Kind
        public let dimension: Dimension?
        /// The constant's value and source, or the unit's title.
        public let detail: String
    }

    /// How each symbol and unit of `e` reads here (symbols first, in name order, then units).
    public func readings(of e: Expr, defined: [String: Dimension] = [:]) -> [NameReading] {
        var out: [NameReading] = []
        for name in e.symbolNames {
            if let d = defined[name] {
                out.append(NameReading(name: name, kind: .defined, dimension: d, detail: ""))
            } else if let d = declared[name] {
                out.append(NameReading(name: name, kind: .declared, dimension: d, detail: ""))
            } else if let (q, isConstant) = resolve(name) {
                if isConstant, let c = PhysicalConstants.constant(named: name) {
                    out.append(NameReading(name: name, kind: .constant, dimension: q.dimension,
                                           detail: "\(c.title), \(c.published) (\(c.source.citation))"))
                } else {
                    out.append(NameReading(name: name, kind: .bareUnit, dimension: q.dimension, detail: UnitCatalog.titles[name] ?? name))
                }
            } else {
                out.append(NameReading(name: name, kind: .undeclared, dimension: nil, detail: ""))
            }
        }
        for name in e.unitNames {
            out.append(NameReading(name: name, kind: .unit, dimension: UnitCatalog.quantity(of: name)?.dimension,
                                   detail: UnitCatalog.titles[name] ?? name))
        }
        return out
    }

    /// The meaning of a symbol, or nil when it has none here.
    public func resolve(_ name: String) -> (Quantity, isConstant: Bool)? {
        if let d = declared[name] { return (Quantity(.symbol(name), d), false) }
        if unitsFirst, bareUnits, let u = UnitCatalog.quantity(of: name) { return (u, false) }
        if constantsAllowed, let c = PhysicalConstants.constant(named: name) { return (c.quantity, true) }
        if bareUnits, let u = UnitCatalog.quantity(of: name) { return (u, false) }
        return nil
    }

    struct Walker {
        let environment: UnitEnvironment
        let values: Bool
        let budget: Budget
        var memo: [Expr: Quantity] = [:]
        var usage = Usage()
        var steps = 0

        init(environment: UnitEnvironment, values: Bool, budget: Budget) {
            self.environment = environment
            self.values = values
            self.budget = budget
        }

        mutating func walk(_ e: Expr) throws -> Quantity {
            if let known = memo[e] { return known }
            steps += 1
            if steps & 1023 == 0 { try budget.spend(1024, doing: "checking dimensions") }
            let q = try node(e)
            memo[e] = q
            return q
        }

        /// The value when values are wanted, else a placeholder that costs nothing.
        func value(_ make: @autoclosure () -> Expr) -> Expr { values ? make() : .zero }

        mutating func node(_ e: Expr) throws -> Quantity {
            switch e.kind {
            case .number:
                return .number(e)
            case let .constant(c):
                guard c != .i else { throw Diagnostic(.dimension, "the imaginary unit has no place in a unit conversion") }
                return .number(e)
            case let .unit(name):
                guard let q = UnitCatalog.quantity(of: name) else {
                    throw Diagnostic(.unitUnknown, "unknown unit '\(name)'", hint: UnitSuggestions.hint(for: name))
                }
                usage.noteUnit(name)
                return q
            case let .symbol(s):
                if OffsetTemperature.isOffsetName(s.name) { throw OffsetTemperature.refusal(s.name) }
                guard let (q, isConstant) = environment.resolve(s.name) else {
                    if let unit = UnitCatalog.quantity(of: s.name) {
                        // a letter is a symbol: the unit of that name is read only when written as one
                        let title = UnitCatalog.titles[s.name].map { "the \($0)" } ?? "the unit \(s.name)"
                        throw Diagnostic(.dimensionUndeclared,
                                         "'\(s.name)' is a symbol without a declared dimension (it is not read as \(title) \(unit.dimension.described))",
                                         hint: "give it a dimension (units '\(s.name): \(UnitSuggestions.exampleDeclaration(for: s.name))') or a value (\(s.name)=...); for \(title), write it after a number (1 \(s.name)) or upright in LaTeX (\\mathrm{\(s.name)})")
                    }
                    throw Diagnostic(.dimensionUndeclared, "'\(s.name)' is a symbol without a declared dimension, and no constant has that name",
                                     hint: UnitSuggestions.hint(for: s.name, declaring: true))
                }
                if isConstant { usage.noteConstant(s.name) }
                if environment.declared[s.name] != nil { usage.noteDeclared(s.name) }
                if !isConstant, environment.declared[s.name] == nil { usage.noteBareUnit(s.name) }
                return q
            case let .add(constant, terms):
                var parts: [Quantity] = []
                if !constant.isZero { parts.append(.number(.number(constant))) }
                for t in terms {
                    let q = try walk(t.expr)
                    parts.append(Quantity(value(Expr.mul([.number(t.coefficient), q.value])), q.dimension))
                }
                let first = parts[0]
                var sum: [Expr] = [first.value]
                for p in parts.dropFirst() {
                    guard environment.naturalInSums ? environment.equivalent(p.dimension, first.dimension) : p.dimension == first.dimension else {
                        throw Diagnostic(.dimension, "cannot add \(first.dimension) and \(p.dimension)")
                    }
                    sum.append(value(Expr.mul([p.value, self.bridgeValue(from: p.dimension, to: first.dimension)])))
                }
                return Quantity(value(Expr.add(sum)), first.dimension)
            case let .mul(coefficient, factors):
                var q = Quantity.number(.number(coefficient))
                for f in factors {
                    let p = try power(f.base, f.exponent)
                    q = Quantity(value(Expr.mul([q.value, p.value])), q.dimension * p.dimension)
                }
                return q
            case let .pow(base, exponent):
                return try power(base, exponent)
            case let .function(.builtin(f), args):
                let qs = try args.map { try walk($0) }
                return try function(f, qs)
            case let .function(.user(name), _):
                throw Diagnostic(.dimension, "\(name)(…) is a declared function: its dimension is unknown",
                                 hint: "substitute its definition, or check the parts separately")
            case .relation:
                throw Diagnostic(.dimension, "a relation inside an expression has no dimension")
            }
        }

        /// `ħ^a c^b …` turning a quantity of dimension `from` into one of dimension `to` (1 in SI).
        func bridgeValue(from: Dimension, to: Dimension) -> Expr {
            guard from != to, let natural = environment.natural, let b = natural.bridge(from / to) else { return .one }
            return Expr.pow(b.quantity.value, .minusOne)
        }

        /// The quantity as a pure number, when it is one here: in natural units `s/m^2` (an energy
        /// squared over a mass squared) is one once multiplied by the right powers of ħ and c.
        func pure(_ q: Quantity) -> Quantity? {
            guard environment.isDimensionless(q.dimension) else { return nil }
            return Quantity(value(Expr.mul([q.value, bridgeValue(from: q.dimension, to: .dimensionless)])), .dimensionless)
        }

        mutating func power(_ base: Expr, _ exponent: Expr) throws -> Quantity {
            let b = try walk(base)
            if exponent.rationalValue == .one { return b }
            let walked = try walk(exponent)
            guard let x = pure(walked) else {
                throw Diagnostic(.dimension, "an exponent must be dimensionless, not \(walked.dimension)")
            }
            if let p = exponent.rationalValue {
                return Quantity(value(Expr.pow(b.value, exponent)), b.dimension.power(p))
            }
            guard let number = pure(b) else {
                throw Diagnostic(.dimension, "the exponent \(exponent) is not a known number, so \(base)^\(exponent) has no fixed dimension",
                                 hint: "a base of dimension \(b.dimension) needs a numeric exponent; divide it by a reference value to make it dimensionless")
            }
            return Quantity(value(Expr.pow(number.value, x.value)), .dimensionless)
        }

        func function(_ f: BuiltinFunction, _ qs: [Quantity]) throws -> Quantity {
            switch f {
            case .abs:
                return Quantity(value(Expr.function(f, [qs[0].value])), qs[0].dimension)
            case .sign:
                return Quantity(value(Expr.function(f, [qs[0].value])), .dimensionless)
            case .cbrt:
                return Quantity(value(Expr.function(f, [qs[0].value])), qs[0].dimension.power((try? Rational(1, 3)) ?? .one))
            case .atan2:
                guard environment.equivalent(qs[0].dimension, qs[1].dimension) else {
                    throw Diagnostic(.dimension, "atan2 needs two arguments of one dimension, not \(qs[0].dimension) and \(qs[1].dimension)")
                }
                let x = value(Expr.mul([qs[1].value, bridgeValue(from: qs[1].dimension, to: qs[0].dimension)]))
                return Quantity(value(Expr.function(f, [qs[0].value, x])), .dimensionless)
            default:
                var numbers: [Expr] = []
                for q in qs {
                    guard let n = pure(q) else {
                        throw Diagnostic(.dimension, "the argument of \(f.name) must be dimensionless, not \(q.dimension)",
                                         hint: "divide it by a reference value of the same dimension")
                    }
                    numbers.append(n.value)
                }
                return Quantity(value(Expr.function(f, numbers)), .dimensionless)
            }
        }
    }
}

/// °C and °F are scales with an offset (0 °C = 273.15 K), not units a product can carry: a
/// temperature in °C is not "a number times the unit °C". Refused, with the conversion to write.
public enum OffsetTemperature {
    static let names: Set<String> = ["degC", "degF", "celsius", "Celsius", "fahrenheit", "Fahrenheit", "oC", "oF"]
    static func isOffsetName(_ name: String) -> Bool { names.contains(name) }

    /// Does the raw text use °C or °F (which the parser does not read)?
    public static func mentioned(in text: String) -> Bool {
        text.contains("°C") || text.contains("°F") || text.contains("℃") || text.contains("℉")
            || text.split(whereSeparator: { !$0.isLetter }).contains { names.contains(String($0)) }
    }

    public static func refusal(_ name: String = "°C") -> Diagnostic {
        Diagnostic(.unitOffset, "\(name) is an offset temperature scale, not a unit: 0 °C is 273.15 K, so a temperature in °C is not a multiple of a unit",
                   hint: "convert the temperature yourself: T/K = t/°C + 273.15 (T/K = (t/°F + 459.67)·5/9); a temperature difference in °C is the same number in K")
    }
}
