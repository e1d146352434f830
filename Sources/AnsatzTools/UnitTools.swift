import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzParse
import AnsatzUnits

/// `check_dimensions`, `convert_units`, `list_units`, `list_constants`: dimensions and units.
enum UnitTools {
    static let natural = ToolArgument(
        "natural", .boolean,
        "Natural units: ħ = c = 1, so every mechanical dimension is a power of energy (a cross section is GeV^-2, a length GeV^-1).", brief: "hbar = c = 1 (dimensions as powers of energy)")
    static let boltzmann = ToolArgument(
        "boltzmann", .boolean, "With natural units, also k_B = 1 (a temperature is an energy).", brief: "with natural: k_B = 1 too")
    static let chargeConvention = ToolArgument(
        "charge_convention", .string(allowed: NaturalUnits.ChargeConvention.allCases.map(\.rawValue)),
        "With natural units, how charge becomes a number: none (default: current keeps its dimension), heaviside_lorentz (ε₀ = 1, α = e²/4π) or gaussian (4πε₀ = 1, α = e²).", brief: "")
    static let units = ToolArgument(
        "units", .declarations,
        "Dimensions of symbols: 'v: m/s, t: s, E: energy, x: L T^-1, n: 1' — a unit expression, a dimension in base symbols (L M T I Θ N J; [T] in brackets when a lone letter is also a unit), or a kind (energy, momentum, mass, length, time, velocity, cross_section, luminosity, ...). Commas, semicolons or lines separate them; # starts a comment. From the command line, --units @FILE reads a file.",
        acceptsFile: true, brief: "'v: m/s, E: energy, x: L T^-1' (a unit, a dimension or a kind per symbol)")
    static let digits = ToolArgument(
        "digits", .integer(minimum: 1, maximum: 1000), "Significant digits of the decimal result (default 10); the exact value is given too.", brief: "significant digits (default 10)")

    static func naturalUnits(_ call: ToolCall) -> NaturalUnits? {
        let convention = call.string("charge_convention").flatMap(NaturalUnits.ChargeConvention.init(rawValue:)) ?? .none
        guard call.bool("natural") == true || call.bool("boltzmann") == true || convention != .none else { return nil }
        return NaturalUnits(boltzmannOne: call.bool("boltzmann") ?? false, charge: convention)
    }

    static func dimensionJSON(_ d: Dimension, _ environment: UnitEnvironment) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("dimension", .string(d.description)), ("si_unit", .string(d.siUnitText)),
                                            ("kinds", .array(d.kindNames.map { .string($0) }))]
        if let natural = environment.natural, let p = natural.energyPower(d) { pairs.append(("energy_power", .string(p.description))) }
        return .object(pairs)
    }

    static func constantJSON(_ c: PhysicalConstant, digits: Int = 10) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .string(c.name)), ("title", .string(c.title)), ("published", .string(c.published)),
            ("si_value", .string((try? Conversion.decimal(c.quantity.value, digits: digits)) ?? c.quantity.value.description)),
            ("si_exact", .string(c.quantity.value.description)), ("si_unit", .string(c.quantity.dimension.siUnitText)),
            ("dimension", .string(c.quantity.dimension.description)), ("exact", .bool(c.isExact)),
            ("source", .string(c.source.citation)),
        ]
        if let u = c.uncertainty { pairs.append(("si_uncertainty", .string((try? Conversion.decimal(u, digits: 2)) ?? u.description))) }
        return .object(pairs)
    }

    /// The `names` field and its text lines: how each name of the input was read.
    static func names(_ readings: [UnitEnvironment.NameReading], _ environment: UnitEnvironment) -> (JSONValue, [String]) {
        var items: [JSONValue] = []
        var lines: [String] = []
        for r in readings {
            var pairs: [(String, JSONValue)] = [("name", .string(r.name)), ("read_as", .string(r.kind.rawValue))]
            if let d = r.dimension { pairs.append(("dimension", .string(d.description))) }
            if !r.detail.isEmpty { pairs.append(("detail", .string(r.detail))) }
            items.append(.object(pairs))
            let dimension = r.dimension.map { environment.describe($0) } ?? ""
            switch r.kind {
            case .defined: lines.append("  \(r.name) (defined here): \(dimension)")
            case .declared: lines.append("  \(r.name): declared, \(dimension)")
            case .constant: lines.append("  \(r.name): \(r.detail)")
            case .unit: lines.append("  \(r.name): unit, \(r.detail)")
            case .bareUnit: lines.append("  \(r.name): unit written bare, \(r.detail)")
            case .undeclared: lines.append("  \(r.name): symbol without a dimension")
            }
        }
        return (.array(items), lines)
    }

    // MARK: check_dimensions

    static let check = Tool(
        name: "check_dimensions",
        title: "Check the dimensions of an equation or expression",
        description: """
        Checks that an equation or expression is dimensionally consistent as written: terms of a sum \
        and both sides have one dimension; function arguments and exponents are dimensionless. Symbols get dimensions from `units`; an undeclared name is a constant by name \
        (c, hbar, G_F, m_mu...; see list_constants) or alone on the left of = (defined by the right), \
        else an error naming it (a letter is never a unit: F = m*a is a force). Returns consistent, \
        each side's dimension and `names` (how each name was read), or `mismatch` (its span). Example: {"expression": "E = m*c^2 + p*c", "units": "E: J, m: kg, p: momentum"}.
        """,
        arguments: [CommonArguments.expression, CommonArguments.syntax, units, natural, boltzmann, chargeConvention, CommonArguments.format,
                    CommonArguments.budgetMs],
        resultFields: [
            ("consistent", .object([("type", .string("boolean")), ("description", .string("false when a mismatch was found; see mismatch"))])),
            ("sides", .object([("type", .string("array")), ("description", .string("dimension of the expression, or of each side of the relation: dimension, si_unit, kinds, energy_power (natural units)"))])),
            ("mismatch", Schemas.diagnostic),
            ("constants", .object([("type", .string("array")), ("description", .string("constants read by name, with values and sources"))])),
            ("units_read", .object([("type", .string("array")), ("description", .string("names written bare and read as units"))])),
            ("names", .object([("type", .string("array")), ("description", .string("how each name was read: name, read_as (declared symbol, defined by the equation, constant, unit), dimension, detail (a constant's value and source)"))])),
            ("inferred", .object([("type", .string("object")), ("description", .string("names defined by the equation, with the dimension they took"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("E = m*c^2 + p*c")), ("units", .string("E: J, m: kg, p: momentum"))])),
            .valid(.object([("expression", .string("E = m*c^2 + p")), ("units", .string("E: J, m: kg, p: momentum"))])),
            .valid(.object([("expression", .string("Gamma = G_F^2*m_mu^5/(192*pi^3)")), ("natural", .bool(true))])),
            .valid(.object([("expression", .string("x = A*exp(-t/tau)*cos(w*t)")), ("units", .string("x: m, A: m, t: s, tau: s, w: Hz"))])),
            .invalid(.object([("expression", .string("v*t"))]), .dimensionUndeclared),
            .invalid(.object([("expression", .string("T + 20 degC")), ("units", .string("T: K"))]), .unitOffset),
        ],
        aliases: ["check"],
        handler: { call in
            let source = call.string("expression") ?? ""
            let (declared, declarationWarnings): ([String: Dimension], [Diagnostic])
            do {
                (declared, declarationWarnings) = try UnitEnvironment.declarationsWithWarnings(call.string("units") ?? "")
            } catch let d as Diagnostic {
                throw ArgumentError(d, argument: "units")
            }
            var environment = UnitEnvironment(declared: declared, natural: naturalUnits(call))
            environment.bareUnits = false  // a letter in a formula is a symbol (F = m*a is no farad)
            environment.naturalInSums = environment.natural != nil
            var options = try CommonArguments.parseOptions(call)
            options.recordSyntax = true
            options.symbols.formUnion(declared.keys)
            let report: DimensionCheck.Report
            do {
                report = try DimensionCheck.check(source, options: options, environment: environment, budget: call.budget)
            } catch let d as Diagnostic where d.kind == .dimension {
                // a finding, not a failure: consistent = false, and the command line exits 1
                let parsed = try? ExpressionParser.parse(source, options: options, budget: call.budget).expr
                let (namesJSON, nameLines) = names(parsed.map { environment.readings(of: $0) } ?? [], environment)
                return ToolSuccess(fields: [("consistent", .bool(false)), ("mismatch", d.json(argument: "expression")), ("names", namesJSON)],
                                   text: (["inconsistent", d.rendered(source: source).trimmingBlanks] + nameLines).joined(separator: "\n"),
                                   warnings: declarationWarnings, exitCode: 1)
            } catch let d as Diagnostic {
                throw ArgumentError(d, argument: d.kind.isParse || d.span != nil ? "expression" : nil)
            }
            let sideNames = report.sides.count == 2 ? ["left", "right"] : ["expression"]
            var lines = ["consistent" + (environment.natural == nil ? "" : " in natural units (ħ = c = 1\(environment.natural?.boltzmannOne == true ? ", k_B = 1" : ""))")]
            for (name, d) in zip(sideNames, report.sides) { lines.append("  \(name): \(environment.describe(d))") }
            let constants = report.constants.compactMap(PhysicalConstants.constant(named:))
            var defined: [String: Dimension] = [:]
            for (name, d) in report.inferred { defined[name] = d }
            let parsed = try ExpressionParser.parse(source, options: options, budget: call.budget).expr
            let (namesJSON, nameLines) = names(environment.readings(of: parsed, defined: defined), environment)
            lines += nameLines
            return ToolSuccess(fields: [
                ("consistent", .bool(true)),
                ("names", namesJSON),
                ("sides", .array(report.sides.map { dimensionJSON($0, environment) })),
                ("constants", .array(constants.map { constantJSON($0) })),
                ("units_read", .array(report.bareUnits.map { .string($0) })),
                ("inferred", .object(report.inferred.map { ($0.name, dimensionJSON($0.dimension, environment)) })),
            ], text: lines.joined(separator: "\n"), warnings: declarationWarnings + report.warnings)
        }
    )

    // MARK: convert_units

    /// Is this a product of powers of units only (`mb`, `pb/fb`), the case where "1 mb = ..." reads well?
    static func isUnitsOnly(_ e: Expr) -> Bool {
        switch e.kind {
        case .unit: return true
        case let .pow(base, exponent): return exponent.isNumber && isUnitsOnly(base)
        case let .mul(coefficient, factors):
            return coefficient.isOne && factors.allSatisfy { $0.exponent.isNumber && isUnitsOnly($0.base) }
        default: return false
        }
    }

    /// `unit(kg m^2)` as `kg m^2`: units alone read better without the wrapper the parser needs.
    static func unitText(_ text: String) -> String {
        guard text.hasPrefix("unit("), text.hasSuffix(")"), text.dropFirst(5).firstIndex(of: "(") == nil else { return text }
        return String(text.dropFirst(5).dropLast())
    }

    static let to = ToolArgument(
        "to", .string(allowed: nil),
        "The target unit: GeV^-2, fm, MeV fm, m/s, pb; \"\" for a pure number (an event count); left out, SI base units.", brief: "the target unit (GeV^-2, pb, m/s)")

    static let convert = Tool(
        name: "convert_units",
        title: "Convert a quantity to other units",
        description: """
        Converts a quantity (0.3894 mb, hbar*c, 1.2 fb^-1 * 3.4 pb, constants by name) to a target \
        unit, exactly (measured constants at their CODATA 2022 / PDG 2026 values). Where the \
        dimensions differ by powers of hbar and c (GeV^-2 to mb) it multiplies by them and says so \
        (`multiplied_by`; W-NATURAL-UNITS unless natural=true). Returns the decimal, exact value, factor. \
        Example: {"expression": "1 GeV^-2", "to": "mb", "natural": true} gives 0.3893793722.
        """,
        arguments: [CommonArguments.expression, to, natural, boltzmann, chargeConvention, digits, CommonArguments.syntax, CommonArguments.format,
                    CommonArguments.budgetMs],
        resultFields: [
            ("value", Schemas.decimal),
            ("exact", .object([("type", .string("string")), ("description", .string("the same number exactly (rationals, powers of π)"))])),
            ("unit", .object([("type", .string("string")), ("description", .string("the target unit"))])),
            ("multiplied_by", .object([("type", .string("string")), ("description", .string("powers of ħ, c (k_B, ε₀) multiplied in; absent when the dimensions were equal"))])),
            ("factor", .object([("type", .string("object")), ("description", .string("one unit of the input (its non-numeric part) in target units: unit, value, exact"))])),
            ("dimensions", .object([("type", .string("object")), ("description", .string("from and to"))])),
            ("constants", .object([("type", .string("array")), ("description", .string("constants read by name, with values and sources"))])),
        ],
        examples: [
            .valid(.object([("expression", .string("1 GeV^-2")), ("to", .string("mb")), ("natural", .bool(true))])),
            .valid(.object([("expression", .string("hbar*c")), ("to", .string("MeV fm"))])),
            .valid(.object([("expression", .string("1.2 fb^-1 * 3.4 pb")), ("to", .string(""))])),
            .valid(.object([("expression", .string("192*pi^3/(G_F^2*m_mu^5)")), ("to", .string("us")), ("natural", .bool(true))])),
            .invalid(.object([("expression", .string("1 kg")), ("to", .string("mol"))]), .dimension),
            .invalid(.object([("expression", .string("20 degC")), ("to", .string("K"))]), .unitOffset),
            .invalid(.object([("expression", .string("3 GeV")), ("to", .string("Gev"))]), .unitUnknown),
        ],
        aliases: ["convert"],
        trailingArgument: "to",
        handler: { call in
            let source = call.string("expression") ?? ""
            let digits = call.integer("digits") ?? 10
            var options = ParseOptions()
            if let s = call.string("syntax"), let syntax = ParseOptions.Syntax(rawValue: s) { options.syntax = syntax }
            let environment = UnitEnvironment(natural: naturalUnits(call) ?? NaturalUnits())
            var target = call.string("to")
            if target == nil {
                // SI base units of the quantity's dimension
                let parsed = try? ExpressionParser.parse(source, options: options, budget: call.budget)
                if let parsed, let q = try? environment.quantity(of: parsed.expr, values: false, budget: call.budget) {
                    target = q.dimension.isDimensionless ? "" : "unit(\(q.dimension.siUnitText))"
                }
            }
            let unit = target ?? ""
            let (r, warnings): (Conversion.Result, [Diagnostic])
            do {
                (r, warnings) = try Conversion.convert(source, to: unit, natural: naturalUnits(call), digits: digits,
                                                       options: options, budget: call.budget)
            } catch let d as Diagnostic {
                let inTarget = d.message.hasPrefix("in the target unit")
                throw ArgumentError(d, argument: inTarget ? "to" : (d.span != nil ? "expression" : nil))
            }
            let shownUnit = unitText(unit.trimmingBlanks)
            let unitSuffix = shownUnit.isEmpty ? "" : " " + shownUnit
            var lines = ["\(source.trimmingBlanks) = \(r.decimal)\(unitSuffix)"]
            let exact = r.value.description
            // a long exact value (a 100-digit rational) stays in the structured result
            if exact != r.decimal, exact.count <= 100 { lines.append("  exact: \(exact)") }
            if let b = r.multipliedBy { lines.append("  multiplied by \(b) (natural units: ħ = c = 1)") }
            if !r.unitPart.isOne, !r.coefficient.isOne, isUnitsOnly(r.unitPart) {
                lines.append("  factor: 1 \(unitText(r.unitPart.description)) = \(r.factorDecimal)\(unitSuffix)")
            }
            let constants = r.constants.compactMap(PhysicalConstants.constant(named:))
            for c in constants { lines.append("  \(c.name): \(c.title), \(c.published) (\(c.source.citation))") }
            var fields: [(String, JSONValue)] = [("value", Schemas.decimalValue(r.decimal)), ("exact", .string(exact)), ("unit", .string(shownUnit))]
            if let b = r.multipliedBy { fields.append(("multiplied_by", .string(b.description))) }
            fields.append(("factor", .object([("unit", .string(unitText(r.unitPart.description))), ("value", .string(r.factorDecimal)),
                                              ("exact", .string(r.factor.description))])))
            fields.append(("dimensions", .object([("from", .string(r.from.description)), ("to", .string(r.to.description))])))
            fields.append(("constants", .array(constants.map { constantJSON($0) })))
            return ToolSuccess(fields: fields, text: lines.joined(separator: "\n"), warnings: warnings)
        }
    )
}
