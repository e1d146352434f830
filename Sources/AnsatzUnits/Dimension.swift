import AnsatzCore
import AnsatzNumbers

/// A physical dimension: exact rational exponents over the seven SI base quantities. Angles and
/// counts are dimensionless (the radian is m/m), as in the SI. `sqrt(m*E)` has exponents ½.
public struct Dimension: Hashable, Sendable, CustomStringConvertible {
    /// The SI base quantities, in the order of the exponents, with their dimension symbols.
    public enum Base: Int, CaseIterable, Sendable {
        case length, mass, time, current, temperature, amount, luminousIntensity

        public var symbol: String {
            switch self {
            case .length: return "L"
            case .mass: return "M"
            case .time: return "T"
            case .current: return "I"
            case .temperature: return "Θ"
            case .amount: return "N"
            case .luminousIntensity: return "J"
            }
        }
    }

    public private(set) var exponents: [Rational]

    public init(_ exponents: [Base: Rational] = [:]) {
        var list = [Rational](repeating: .zero, count: Base.allCases.count)
        for (base, e) in exponents { list[base.rawValue] = e }
        self.exponents = list
    }

    public static let dimensionless = Dimension()
    public static func base(_ b: Base) -> Dimension { Dimension([b: .one]) }
    public static let length = base(.length), mass = base(.mass), time = base(.time)
    public static let current = base(.current), temperature = base(.temperature)
    public static let amount = base(.amount), luminousIntensity = base(.luminousIntensity)

    public subscript(_ b: Base) -> Rational { exponents[b.rawValue] }
    public var isDimensionless: Bool { exponents.allSatisfy(\.isZero) }

    public static func * (a: Dimension, b: Dimension) -> Dimension {
        var r = a
        for i in r.exponents.indices { r.exponents[i] = a.exponents[i] + b.exponents[i] }
        return r
    }

    public static func / (a: Dimension, b: Dimension) -> Dimension { a * b.power(.minusOne) }

    public func power(_ p: Rational) -> Dimension {
        var r = self
        for i in r.exponents.indices { r.exponents[i] = exponents[i] * p }
        return r
    }

    /// `[M L² T⁻²]`, bases in the order M L T I Θ N J (the order physicists write energy in);
    /// `[1]` for a dimensionless quantity.
    public var description: String {
        let order: [Base] = [.mass, .length, .time, .current, .temperature, .amount, .luminousIntensity]
        let parts = order.compactMap { b -> String? in
            let e = self[b]
            if e.isZero { return nil }
            return e.isOne ? b.symbol : b.symbol + Dimension.superscript(e)
        }
        return parts.isEmpty ? "[1]" : "[" + parts.joined(separator: " ") + "]"
    }

    static func superscript(_ q: Rational) -> String {
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                              "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻", "/": "ᐟ"]
        return String(q.description.map { digits[$0] ?? $0 })
    }

    /// Quantity kinds by name, for declaring a symbol's dimension without writing it out.
    /// `luminosity` is the integrated luminosity of collider physics (fb⁻¹), an inverse area.
    public static let kinds: [String: Dimension] = {
        let L = Dimension.length, M = Dimension.mass, T = Dimension.time
        let energy = M * L.power(2) / T.power(2)
        return [
            "dimensionless": .dimensionless, "length": L, "mass": M, "time": T,
            "current": .current, "temperature": .temperature, "amount": .amount,
            "velocity": L / T, "acceleration": L / T.power(2), "momentum": M * L / T,
            "force": M * L / T.power(2), "energy": energy, "power": energy / T, "action": energy * T,
            "charge": Dimension.current * T, "area": L.power(2), "volume": L.power(3),
            "cross_section": L.power(2), "luminosity": L.power(-2), "instantaneous_luminosity": L.power(-2) / T,
            "frequency": T.power(-1), "decay_width": energy, "pressure": M / L / T.power(2),
        ]
    }()

    /// Reads `L T^-1`, `M L^2 T^-2`, `L^(1/2)`, `1`: base symbols (L M T I Θ or K N J) with optional
    /// rational exponents, separated by spaces or `*`; or a quantity kind name (`energy`).
    public init(parsing text: String) throws {
        let trimmed = text.split(separator: " ").joined(separator: " ")
        if let kind = Dimension.kinds[trimmed] { self = kind; return }
        var result = Dimension.dimensionless
        for word in trimmed.split(whereSeparator: { $0 == " " || $0 == "*" }) where word != "1" {
            let pieces = word.split(separator: "^", maxSplits: 1, omittingEmptySubsequences: false)
            let symbol = String(pieces[0])
            guard let base = Base.allCases.first(where: { $0.symbol == symbol || (symbol == "K" && $0 == .temperature) }) else {
                throw Diagnostic(.dimension, "unknown dimension symbol '\(symbol)'",
                                 hint: "use L M T I Θ (or K) N J with exponents, e.g. 'M L^2 T^-2', or a kind: " + Dimension.kinds.keys.sorted().joined(separator: ", "))
            }
            var exponent = Rational.one
            if pieces.count == 2 {
                var e = String(pieces[1])
                if e.hasPrefix("("), e.hasSuffix(")") { e = String(e.dropFirst().dropLast()) }
                guard let q = Rational(e) else {
                    throw Diagnostic(.dimension, "the exponent of \(symbol) must be a rational number, not '\(e)'", hint: "write L^-1 or L^(1/2)")
                }
                exponent = q
            }
            result = result * Dimension.base(base).power(exponent)
        }
        self = result
    }

    /// With ħ = c = 1 every mechanical dimension is a power of energy: [M] = E, [L] = [T] = E⁻¹
    /// (and [Θ] = E when k_B = 1). Nil for current, amount and luminous intensity, which need
    /// further conventions (ε₀, N_A) to become powers of energy.
    public func naturalEnergyPower(boltzmannOne: Bool = false) -> Rational? {
        guard self[.current].isZero, self[.amount].isZero, self[.luminousIntensity].isZero else { return nil }
        guard boltzmannOne || self[.temperature].isZero else { return nil }
        return self[.mass] - self[.length] - self[.time] + (boltzmannOne ? self[.temperature] : .zero)
    }
}

extension Dimension {
    /// The dimension in SI base units: `kg m^2 s^-2`; "1" when dimensionless.
    public var siUnitText: String {
        let names: [(Base, String)] = [(.mass, "kg"), (.length, "m"), (.time, "s"), (.current, "A"),
                                       (.temperature, "K"), (.amount, "mol"), (.luminousIntensity, "cd")]
        let parts = names.compactMap { base, name -> String? in
            let e = self[base]
            if e.isZero { return nil }
            if e.isOne { return name }
            return name + "^" + (e.isInteger ? e.description : "(\(e))")
        }
        return parts.isEmpty ? "1" : parts.joined(separator: " ")
    }

    /// Names of the quantity kinds with this dimension (`energy`, `decay_width`), sorted.
    public var kindNames: [String] { Dimension.kinds.filter { $0.value == self }.map(\.key).sorted() }

    /// `[M L² T⁻²] (energy; kg m^2 s^-2)`: the form reports use.
    public var described: String {
        let kinds = kindNames.filter { $0 != "dimensionless" }
        let unit = isDimensionless ? "" : siUnitText
        let extra = (kinds.isEmpty ? [] : [kinds.joined(separator: ", ")]) + (unit.isEmpty ? [] : [unit])
        return description + (extra.isEmpty ? "" : " (" + extra.joined(separator: "; ") + ")")
    }
}
