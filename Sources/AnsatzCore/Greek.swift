/// Greek letters and the few other named letters, shared by the parser (to read `\alpha`, `alpha`
/// and `α` as one symbol) and the LaTeX printer (to write `\alpha`).
public enum Greek {
    /// Canonical names that LaTeX spells as a command (`alpha` → `\alpha`).
    public static let names: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi",
        "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
        "Psi", "Omega", "varpi", "hbar", "ell", "nabla", "partial",
    ]

    /// LaTeX variant letters read as their plain letter: writers use them interchangeably.
    /// (`\varpi` stays its own letter: it is not a spelling of pi.)
    public static let variants: [String: String] = [
        "varepsilon": "epsilon", "vartheta": "theta", "varphi": "phi", "varrho": "rho",
        "varsigma": "sigma", "varkappa": "kappa",
    ]

    /// Unicode letters and their canonical names. Capitals that look like Latin letters map to them.
    public static let unicode: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let lower = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
                     "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma",
                     "tau", "upsilon", "phi", "chi", "psi", "omega"]  // U+03B1...U+03C9, ς is final sigma
        for (i, name) in lower.enumerated() {
            if let s = Unicode.Scalar(0x03B1 + UInt32(i)) { table[s] = name }
        }
        let upper = ["A", "B", "Gamma", "Delta", "E", "Z", "H", "Theta", "I", "K", "Lambda", "M", "N",
                     "Xi", "O", "Pi", "P", "", "Sigma", "T", "Upsilon", "Phi", "X", "Psi", "Omega"]
        for (i, name) in upper.enumerated() where !name.isEmpty {
            if let s = Unicode.Scalar(0x0391 + UInt32(i)) { table[s] = name }
        }
        let extra: [(UInt32, String)] = [(0x03F5, "epsilon"), (0x03D1, "theta"), (0x03D5, "phi"),
                                         (0x03F1, "rho"), (0x03D6, "varpi"), (0x00B5, "mu"),
                                         (0x0127, "hbar"), (0x210F, "hbar"), (0x2113, "ell"),
                                         (0x2207, "nabla"), (0x2202, "partial")]
        for (code, name) in extra { if let s = Unicode.Scalar(code) { table[s] = name } }
        return table
    }()

    /// The canonical name for a spelled-out letter (`varepsilon` → `epsilon`), or nil if not a letter name.
    public static func canonical(_ name: String) -> String? {
        let length = name.utf8.count
        guard length >= 2 && length <= 10 else { return nil }  // "mu" ... "varepsilon"
        return canonicalTable[name]
    }

    /// Letter names and variants to canonical names, in one table (one lookup per word).
    static let canonicalTable: [String: String] = {
        var table = variants
        for n in names { table[n] = n }
        return table
    }()
}

/// Names of units of measurement recognised by the input languages. The units module gives each a
/// dimension and a value; the parser only needs to know the names.
public enum UnitNames {
    static let prefixes = ["q", "r", "y", "z", "a", "f", "p", "n", "u", "µ", "μ", "m", "c", "d", "da",
                           "h", "k", "M", "G", "T", "P", "E", "Z", "Y", "R", "Q"]
    /// Units that take SI prefixes.
    static let prefixable = ["m", "g", "s", "A", "K", "mol", "cd", "Hz", "N", "Pa", "J", "W", "C", "V",
                             "F", "Ohm", "ohm", "Ω", "S", "Wb", "T", "H", "lm", "lx", "Bq", "Gy", "Sv",
                             "L", "eV", "b", "rad", "pc", "bar", "yr"]
    /// Units used only without a prefix.
    static let plain = ["min", "h", "d", "au", "ly", "Å", "angstrom", "deg", "sr", "erg", "dyn",
                        "atm", "Torr", "mmHg", "cal", "kcal", "Da", "u", "percent",
                        // spelled out
                        "barn", "fermi", "micron", "gauss", "dyne", "year", "day", "hour", "minute", "degree"]

    /// Prefixed names that mean something else: `hbar` is ħ, not a hectobar.
    static let excluded: Set<String> = ["hbar"]

    public static let all: Set<String> = {
        var names = Set(plain)
        for u in prefixable {
            names.insert(u)
            for p in prefixes where !excluded.contains(p + u) { names.insert(p + u) }
        }
        return names
    }()

    public static func contains(_ name: String) -> Bool { all.contains(name) }

    /// Does this unit take SI prefixes (`eV` does, `min` does not)?
    public static func takesPrefixes(_ name: String) -> Bool { prefixable.contains(name) }
}
