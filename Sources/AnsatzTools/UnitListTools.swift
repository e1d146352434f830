import AnsatzCore
import AnsatzUnits

/// `list_units` and `list_constants`: the catalogs, filtered. Docs/units.md is generated from the same listing.
enum UnitListTools {
    static let filter = ToolArgument(
        "filter", .string(allowed: nil),
        "Only entries matching: a kind (energy, cross_section), a dimension (L^2, M L^2 T^-2), a unit of that dimension (GeV), or part of a name or title.", brief: "a name, dimension or kind to look for")

    /// Entries whose dimension matches `filter` read as a kind, dimension or unit; else whose name or
    /// title contains it (case-insensitive).
    static func matcher(_ filter: String?) -> (String, String, Dimension) -> Bool {
        guard let filter = filter?.trimmingBlanks, !filter.isEmpty else { return { _, _, _ in true } }
        if let (d, _) = try? UnitEnvironment.dimension(declaredAs: filter) {
            return { name, _, dimension in dimension == d || name == filter }
        }
        let needle = filter.lowercased()
        return { name, title, _ in name.lowercased().contains(needle) || title.lowercased().contains(needle) }
    }

    static func unitJSON(_ name: String, _ unit: UnitCatalog.Unit) -> JSONValue {
        .object([
            ("name", .string(name)), ("title", .string(UnitCatalog.titles[name] ?? "")),
            ("dimension", .string(unit.dimension.description)), ("si_unit", .string(unit.dimension.siUnitText)),
            ("si_value", .string((try? Conversion.decimal(unit.value, digits: 12)) ?? unit.value.description)),
            ("si_exact", .string(unit.value.description)), ("prefixes", .bool(UnitCatalog.takesPrefixes(name))),
        ])
    }

    static let units = Tool(
        name: "list_units",
        title: "List the units Ansatz knows",
        description: """
        Lists the units without prefixes, each with its dimension and exact SI value, and the SI \
        prefixes (q r y z a f p n u/µ m c d da h k M G T P E Z Y R Q) for the units that take them: \
        GeV, fb, mb, µm, ns, kPa, MHz are all read. Optionally filtered by a kind, a dimension, a unit \
        of the wanted dimension, or part of a name. Example: {"filter": "cross_section"} lists barn \
        (b, and with prefixes mb, fb, pb ...).
        """,
        arguments: [filter, CommonArguments.format],
        resultFields: [
            ("units", .object([("type", .string("array")), ("description", .string("name, title, dimension, si_unit, si_value, si_exact, prefixes"))])),
            ("prefixes", .object([("type", .string("object")), ("description", .string("SI prefixes and their powers of ten"))])),
        ],
        examples: [
            .valid(.object([])),
            .valid(.object([("filter", .string("energy"))])),
            .valid(.object([("filter", .string("year"))])),
            .invalid(.object([("filter", .int(3))]), .argsType),
        ],
        aliases: ["units"],
        trailingArgument: "filter",
        handler: { call in
            let matches = matcher(call.string("filter"))
            let list = UnitCatalog.unprefixed.filter { matches($0.name, UnitCatalog.titles[$0.name] ?? "", $0.unit.dimension) }
            var lines = list.map { name, unit in
                let value = (try? Conversion.decimal(unit.value, digits: 12)) ?? unit.value.description
                return "\(name)\(UnitCatalog.takesPrefixes(name) ? " (+prefixes)" : ""): \(UnitCatalog.titles[name] ?? "") = \(value) \(unit.dimension.siUnitText)  \(unit.dimension)"
            }
            if lines.isEmpty { lines = ["no unit matches '\(call.string("filter") ?? "")'"] }
            lines.append("prefixes: " + UnitCatalog.prefixes.map { "\($0.name)=1e\($0.power)" }.joined(separator: " "))
            return ToolSuccess(fields: [
                ("units", .array(list.map { unitJSON($0.name, $0.unit) })),
                ("prefixes", .object(UnitCatalog.prefixes.map { ($0.name, .int($0.power)) })),
            ], text: lines.joined(separator: "\n"))
        }
    )

    static let constants = Tool(
        name: "list_constants",
        title: "List the physical constants Ansatz knows",
        description: """
        Lists the constants read by name: the SI defining constants (exact: c, h, hbar, e, k_B, N_A, \
        ...), CODATA 2022 measured constants with their uncertainty (G, alpha, m_e, m_mu, G_F, ...) \
        and PDG 2026 masses and widths (m_W, m_Z, m_H, m_t, Gamma_Z, ...), with SI values and sources. Example: {"filter": "mass"} lists the masses.
        """,
        arguments: [filter, CommonArguments.format],
        resultFields: [
            ("constants", .object([("type", .string("array")), ("description", .string("name, title, published, si_value, si_exact, si_unit, si_uncertainty, dimension, exact, source"))])),
        ],
        examples: [
            .valid(.object([])),
            .valid(.object([("filter", .string("mass"))])),
            .invalid(.object([("filter", .array([]))]), .argsType),
        ],
        aliases: ["constants"],
        trailingArgument: "filter",
        handler: { call in
            let matches = matcher(call.string("filter"))
            let list = PhysicalConstants.all.filter { matches($0.name, $0.title, $0.quantity.dimension) }
            var lines = list.map { c in
                "\(c.name): \(c.title) = \(c.published)\(c.isExact ? " (exact)" : "")  [\(c.source.citation)]"
            }
            if lines.isEmpty { lines = ["no constant matches '\(call.string("filter") ?? "")'"] }
            return ToolSuccess(fields: [("constants", .array(list.map { UnitTools.constantJSON($0) }))],
                               text: lines.joined(separator: "\n"))
        }
    )
}
