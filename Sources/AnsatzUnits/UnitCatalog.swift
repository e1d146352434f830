import AnsatzCore
import AnsatzNumbers

/// Every unit name the input languages read (`UnitNames`), with its dimension and its exact value
/// in SI base units. Values are exact where the SI defines them (the eV through the exact
/// elementary charge, the astronomical unit, the Julian year); π enters through degrees and the
/// parsec, so a value is an expression (rational times a power of π), never a float.
public enum UnitCatalog {
    public struct Unit: Sendable {
        public let dimension: Dimension
        /// The unit in SI base units (kg, m, s, A, K, mol, cd): exact.
        public let value: Expr
    }

    static func q(_ text: String) -> Rational { Rational(text) ?? .zero }
    static func ten(_ k: Int) -> Rational { (try? Rational(10).power(k)) ?? .one }

    static let L = Dimension.length, M = Dimension.mass, T = Dimension.time, I = Dimension.current
    static let energy = M * L.power(2) / T.power(2)

    /// Units without prefixes, by name.
    static let base: [String: Unit] = {
        func u(_ d: Dimension, _ v: Rational) -> Unit { Unit(dimension: d, value: .rational(v)) }
        let joule = energy, watt = energy / T, volt = watt / I, ohm = volt / I
        let electronvolt = q("1.602176634e-19")  // exact: e is a defining constant of the SI
        let au = Rational(149_597_870_700)  // IAU 2012, exact
        let julianYear = Rational(31_557_600)  // 365.25 d
        let lightYear = Rational(299_792_458) * julianYear
        var t: [String: Unit] = [
            "m": u(L, 1), "g": u(M, ten(-3)), "s": u(T, 1), "A": u(I, 1), "K": u(.temperature, 1),
            "mol": u(.amount, 1), "cd": u(.luminousIntensity, 1),
            "Hz": u(T.power(-1), 1), "N": u(M * L / T.power(2), 1), "Pa": u(M / L / T.power(2), 1),
            "J": u(joule, 1), "W": u(watt, 1), "C": u(I * T, 1), "V": u(volt, 1),
            "F": u(I / volt * T, 1), "Ohm": u(ohm, 1), "ohm": u(ohm, 1), "Ω": u(ohm, 1), "S": u(ohm.power(-1), 1),
            "Wb": u(volt * T, 1), "T": u(volt * T / L.power(2), 1), "H": u(volt * T / I, 1),
            "lm": u(.luminousIntensity, 1), "lx": u(Dimension.luminousIntensity / L.power(2), 1),
            "Bq": u(T.power(-1), 1), "Gy": u(joule / M, 1), "Sv": u(joule / M, 1),
            "L": u(L.power(3), ten(-3)), "eV": u(joule, electronvolt), "b": u(L.power(2), ten(-28)),
            "rad": u(.dimensionless, 1), "sr": u(.dimensionless, 1), "bar": u(M / L / T.power(2), ten(5)),
            "yr": u(T, julianYear), "min": u(T, 60), "h": u(T, 3600), "d": u(T, 86400),
            "au": u(L, au), "ly": u(L, lightYear), "Å": u(L, ten(-10)), "angstrom": u(L, ten(-10)),
            "erg": u(joule, ten(-7)), "dyn": u(M * L / T.power(2), ten(-5)),
            "atm": u(M / L / T.power(2), 101_325), "Torr": u(M / L / T.power(2), (try? Rational(101_325, 760)) ?? .one),
            "mmHg": u(M / L / T.power(2), q("133.322387415")),  // conventional: 13595.1 kg/m³ × g_n × 1 mm
            "cal": u(joule, q("4.184")), "kcal": u(joule, 4184),  // thermochemical calorie
            "Da": u(M, q("1.66053906892e-27")), "u": u(M, q("1.66053906892e-27")),  // CODATA 2022 (measured)
            "percent": u(.dimensionless, ten(-2)),
            // spelled-out names
            "barn": u(L.power(2), ten(-28)), "fermi": u(L, ten(-15)), "micron": u(L, ten(-6)),
            "gauss": u(volt * T / L.power(2), ten(-4)), "dyne": u(M * L / T.power(2), ten(-5)),
            "year": u(T, julianYear), "day": u(T, 86400), "hour": u(T, 3600), "minute": u(T, 60),
        ]
        let pi = Expr.pi
        t["deg"] = Unit(dimension: .dimensionless, value: pi / .integer(180))
        t["degree"] = t["deg"]
        // the parsec: the distance at which 1 au subtends one arcsecond, 648000/π au (IAU 2015)
        t["pc"] = Unit(dimension: L, value: Expr.rational(au * 648_000) / pi)
        return t
    }()

    static let prefixValues: [String: Int] = [
        "q": -30, "r": -27, "y": -24, "z": -21, "a": -18, "f": -15, "p": -12, "n": -9, "u": -6, "µ": -6, "μ": -6,
        "m": -3, "c": -2, "d": -1, "da": 1, "h": 2, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
        "Z": 21, "Y": 24, "R": 27, "Q": 30,
    ]

    /// The unit of this name: an exact name first (`cd` is the candela, `min` the minute, `T` the
    /// tesla), else an SI prefix and a unit that takes prefixes (`mb`, `fb`, `GeV`, `kcal`...).
    public static func unit(named name: String) -> Unit? {
        if let u = base[name], UnitNames.contains(name) { return u }
        guard UnitNames.contains(name) else { return nil }
        for (prefix, power) in prefixValues.sorted(by: { $0.key.count > $1.key.count }) where name.hasPrefix(prefix) {
            let rest = String(name.dropFirst(prefix.count))
            if let u = base[rest], UnitNames.takesPrefixes(rest) {
                return Unit(dimension: u.dimension, value: Expr.mul([.rational(ten(power)), u.value]))
            }
        }
        return nil
    }
}

extension UnitCatalog {
    /// The unit as an exact SI quantity.
    public static func quantity(of name: String) -> Quantity? {
        unit(named: name).map { Quantity($0.value, $0.dimension) }
    }

    /// A product of units as the published tables write them: `m^3 kg^-1 s^-2`, `J Hz^-1`, or ""
    /// for a pure number. Nil if a name is unknown.
    static func quantity(ofUnitText text: String) -> Quantity? {
        var q = Quantity.number(.one)
        for word in text.split(separator: " ") {
            let pieces = word.split(separator: "^", maxSplits: 1)
            guard let base = quantity(of: String(pieces[0])) else { return nil }
            guard pieces.count == 2 else { q = q * base; continue }
            guard let e = Rational(String(pieces[1])) else { return nil }
            q = q * base.power(e)
        }
        return q
    }

    /// Every unit name, for listings and suggestions: names without prefixes, then prefixed ones.
    public static var names: [String] { UnitNames.all.sorted() }
}

extension UnitCatalog {
    /// What each unit is, for listings (Docs/units.md, `ansatz units`).
    public static let titles: [String: String] = [
        "m": "metre", "g": "gram", "s": "second", "A": "ampere", "K": "kelvin", "mol": "mole", "cd": "candela",
        "Hz": "hertz", "N": "newton", "Pa": "pascal", "J": "joule", "W": "watt", "C": "coulomb", "V": "volt",
        "F": "farad", "Ohm": "ohm", "ohm": "ohm", "Ω": "ohm", "S": "siemens", "Wb": "weber", "T": "tesla",
        "H": "henry", "lm": "lumen (cd sr)", "lx": "lux", "Bq": "becquerel", "Gy": "gray", "Sv": "sievert",
        "L": "litre", "eV": "electronvolt (e × 1 V, exact)", "b": "barn", "barn": "barn", "rad": "radian (dimensionless)",
        "sr": "steradian (dimensionless)", "bar": "bar", "yr": "Julian year (365.25 d)", "year": "Julian year (365.25 d)",
        "min": "minute", "minute": "minute", "h": "hour", "hour": "hour", "d": "day", "day": "day",
        "au": "astronomical unit (IAU 2012)", "ly": "light year (c × Julian year)", "pc": "parsec (648000/π au, IAU 2015)",
        "Å": "ångström", "angstrom": "ångström", "erg": "erg (CGS)", "dyn": "dyne (CGS)", "dyne": "dyne (CGS)",
        "atm": "standard atmosphere", "Torr": "torr (atm/760)", "mmHg": "conventional millimetre of mercury",
        "cal": "thermochemical calorie", "kcal": "thermochemical kilocalorie", "Da": "dalton (CODATA 2022)",
        "u": "unified atomic mass unit (CODATA 2022)", "percent": "percent (1/100)", "deg": "degree of arc (π/180)",
        "degree": "degree of arc (π/180)", "fermi": "fermi (fm)", "micron": "micron (µm)", "gauss": "gauss (CGS, 1e-4 T)",
    ]

    /// The units without prefixes, by name.
    public static var unprefixed: [(name: String, unit: Unit)] { base.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// Does this unit take SI prefixes?
    public static func takesPrefixes(_ name: String) -> Bool { UnitNames.takesPrefixes(name) }

    /// The SI prefixes with their powers of ten, largest first (`u` and `µ` both mean micro).
    public static var prefixes: [(name: String, power: Int)] {
        prefixValues.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

