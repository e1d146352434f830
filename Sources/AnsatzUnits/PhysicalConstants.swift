import AnsatzCore
import AnsatzNumbers

/// A physical constant with its published value and where it was published.
public struct PhysicalConstant: Sendable {
    public enum Source: Sendable, Equatable {
        /// CODATA 2022 recommended values (NIST), by the name in its table.
        case codata2022(String)
        /// Review of Particle Physics 2026 (PDG) mass/width table: particle name, charge, column.
        case pdg2026(particle: String, charge: String, width: Bool)

        public var citation: String {
            switch self {
            case let .codata2022(name): return "CODATA 2022, \"\(name)\""
            case let .pdg2026(particle, charge, width):
                return "PDG 2026 (RPP mass and width table), \(particle)\(charge == "0" ? "" : charge) \(width ? "width" : "mass")"
            }
        }
    }

    /// The symbol name the parser gives it (`m_e`, `hbar`, `G_F`); `m_\mu` and `m_μ` read as `m_mu`.
    public let name: String
    public let title: String
    /// Exact in SI base units: a rational, or an exact expression (ħ = h/2π).
    public let quantity: Quantity
    /// Standard uncertainty in SI base units (exact, as published); nil for a value exact by definition.
    public let uncertainty: Expr?
    /// The value as published, with its unit: `1.1663787e-5 GeV^-2` (of G_F/(ħc)³).
    public let published: String
    public let source: Source

    public var isExact: Bool { uncertainty == nil }
}

/// The constants the checker and converter know by name: the seven SI defining constants (exact),
/// CODATA 2022 measured constants, and PDG 2026 electroweak masses and widths. Each value was
/// copied from Docs/data (the published tables, cited there); a test compares every entry with them.
public enum PhysicalConstants {
    public static let all: [PhysicalConstant] = {
        var list: [PhysicalConstant] = []
        var byName: [String: Quantity] = [:]
        /// `value unit` as published; `scale` turns the published quantity into the SI one (a mass
        /// published as GeV/c² is scaled by c⁻²).
        func add(_ name: String, _ title: String, _ value: String, _ uncertainty: String?, _ unit: String,
                 _ source: PhysicalConstant.Source, scale: Quantity = .number(.one), publishedUnit: String? = nil) {
            guard let v = Rational(value), let base = UnitCatalog.quantity(ofUnitText: unit) else { return }
            let q = Quantity.number(.rational(v)) * base * scale
            var sigma: Expr?
            if let uncertainty {
                guard let u = Rational(uncertainty) else { return }
                sigma = Expr.mul([.rational(u), (base * scale).value])
            }
            let shown = value + (unit.isEmpty ? "" : " " + (publishedUnit ?? unit))
            list.append(PhysicalConstant(name: name, title: title, quantity: q, uncertainty: sigma, published: shown, source: source))
            byName[name] = q
        }
        func codata(_ name: String, _ title: String, _ value: String, _ uncertainty: String?, _ unit: String) {
            add(name, title, value, uncertainty, unit, .codata2022(title))
        }
        // The SI defining constants (SI Brochure, 9th edition): exact.
        codata("Delta_nu_Cs", "hyperfine transition frequency of Cs-133", "9192631770", nil, "Hz")
        codata("c", "speed of light in vacuum", "299792458", nil, "m s^-1")
        codata("h", "Planck constant", "6.62607015e-34", nil, "J Hz^-1")
        codata("e", "elementary charge", "1.602176634e-19", nil, "C")
        codata("k_B", "Boltzmann constant", "1.380649e-23", nil, "J K^-1")
        codata("N_A", "Avogadro constant", "6.02214076e23", nil, "mol^-1")
        codata("K_cd", "luminous efficacy", "683", nil, "lm W^-1")
        // Exact consequences, kept exact with π: ħ = h/2π, σ_SB = 2π⁵k⁴/(15h³c²).
        if let h = byName["h"], let c = byName["c"], let k = byName["k_B"] {
            let twoPi = Quantity.number(Expr.mul([.integer(2), .pi]))
            let hbar = h / twoPi
            list.append(PhysicalConstant(name: "hbar", title: "reduced Planck constant", quantity: hbar, uncertainty: nil,
                                         published: "h/(2π) = 1.054571817...e-34 J s", source: .codata2022("reduced Planck constant")))
            byName["hbar"] = hbar
            let sigma = Quantity.number(Expr.mul([.integer(2), Expr.pow(.pi, .integer(5))])) * k.power(4)
                / (Quantity.number(.integer(15)) * h.power(3) * c.power(2))
            list.append(PhysicalConstant(name: "sigma_SB", title: "Stefan-Boltzmann constant", quantity: sigma, uncertainty: nil,
                                         published: "2π⁵k_B⁴/(15h³c²) = 5.670374419...e-8 W m^-2 K^-4",
                                         source: .codata2022("Stefan-Boltzmann constant")))
        }
        // Measured (CODATA 2022), value and standard uncertainty as published.
        codata("G", "Newtonian constant of gravitation", "6.67430e-11", "0.00015e-11", "m^3 kg^-1 s^-2")
        codata("alpha", "fine-structure constant", "7.2973525643e-3", "0.0000000011e-3", "")
        codata("epsilon_0", "vacuum electric permittivity", "8.8541878188e-12", "0.0000000014e-12", "F m^-1")
        codata("mu_0", "vacuum mag. permeability", "1.25663706127e-6", "0.00000000020e-6", "N A^-2")
        codata("m_e", "electron mass", "9.1093837139e-31", "0.0000000028e-31", "kg")
        codata("m_mu", "muon mass", "1.883531627e-28", "0.000000042e-28", "kg")
        codata("m_p", "proton mass", "1.67262192595e-27", "0.00000000052e-27", "kg")
        codata("m_n", "neutron mass", "1.67492750056e-27", "0.00000000085e-27", "kg")
        codata("a_0", "Bohr radius", "5.29177210544e-11", "0.00000000082e-11", "m")
        codata("r_e", "classical electron radius", "2.8179403205e-15", "0.0000000013e-15", "m")
        codata("sigma_T", "Thomson cross section", "6.6524587051e-29", "0.0000000062e-29", "m^2")
        codata("mu_B", "Bohr magneton", "9.2740100657e-24", "0.0000000029e-24", "J T^-1")
        codata("R_inf", "Rydberg constant", "10973731.568157", "0.000012", "m^-1")
        codata("m_u", "atomic mass constant", "1.66053906892e-27", "0.00000000052e-27", "kg")
        // G_F is published as G_F/(ħc)³ in GeV⁻²; the constant itself is that times (ħc)³.
        if let hbar = byName["hbar"], let c = byName["c"] {
            add("G_F", "Fermi coupling constant", "1.1663787e-5", "0.0000006e-5", "GeV^-2",
                .codata2022("Fermi coupling constant"), scale: (hbar * c).power(3), publishedUnit: "GeV^-2 (G_F/(ħc)³)")
            // PDG masses in GeV (that is GeV/c²) and widths in GeV.
            let perC2 = c.power(-2)
            func pdg(_ name: String, _ title: String, _ particle: String, _ charge: String, _ value: String, _ error: String, width: Bool = false) {
                add(name, title, value, error, "GeV", .pdg2026(particle: particle, charge: charge, width: width),
                    scale: width ? .number(.one) : perC2, publishedUnit: width ? "GeV" : "GeV/c²")
            }
            pdg("m_W", "W boson mass", "W", "+", "80.362", "0.008")
            pdg("Gamma_W", "W boson width", "W", "+", "2.14", "0.05", width: true)
            pdg("m_Z", "Z boson mass", "Z", "0", "91.1879", "0.002")
            pdg("Gamma_Z", "Z boson width", "Z", "0", "2.4955", "0.0023", width: true)
            pdg("m_H", "Higgs boson mass", "H", "0", "125.13", "0.11")
            pdg("m_t", "top quark mass", "t", "+2/3", "172.60", "0.27")
            pdg("m_tau", "tau mass", "tau", "-", "1.77693", "0.00009")
        }
        return list
    }()

    static let table: [String: PhysicalConstant] = {
        var t: [String: PhysicalConstant] = [:]
        for c in all { t[c.name] = c }
        return t
    }()

    public static func constant(named name: String) -> PhysicalConstant? { table[name] }

    /// The SI quantity of a constant the catalog is known to define (used for ħ, c, k_B, ε₀).
    static func value(_ name: String) -> Quantity { table[name]?.quantity ?? .number(.one) }
}
