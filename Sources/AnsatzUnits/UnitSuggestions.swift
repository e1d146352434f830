import AnsatzCore

/// "Did you mean 'GeV'?": the unit and constant names closest to a name nobody knows.
public enum UnitSuggestions {
    /// Up to three names: same letters in another case first, then by edit distance (at most 2,
    /// and less than half the name's length).
    public static func suggestions(for name: String) -> [String] {
        let candidates = UnitCatalog.names + PhysicalConstants.all.map(\.name)
        let lower = name.lowercased()
        var scored: [(Int, String)] = []
        for candidate in candidates where candidate != name {
            if candidate.lowercased() == lower { scored.append((0, candidate)); continue }
            let d = distance(Array(name), Array(candidate), limit: 2)
            if d <= 2, 2 * d < name.count { scored.append((d, candidate)) }
        }
        // another case of the same letters is what was meant (Gev, GEV): only those then
        if scored.contains(where: { $0.0 == 0 }) { scored.removeAll { $0.0 != 0 } }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(3).map(\.1)
    }

    /// A hint for an unknown name; `declaring` adds how to declare a symbol's dimension.
    /// A declaration to show in a hint: the quantity a physicist most often means by the letter.
    static func exampleDeclaration(for name: String) -> String {
        let usual: [String: String] = [
            "F": "N", "g": "m/s^2", "s": "GeV^2", "t": "s", "h": "m", "m": "kg", "a": "m/s^2", "v": "m/s",
            "J": "1", "T": "K", "V": "energy", "W": "J", "P": "W", "A": "m^2", "L": "m", "N": "1",
            "B": "T", "E": "energy", "H": "energy", "S": "J/K", "R": "m",
        ]
        return usual[name] ?? "m/s"
    }

    public static func hint(for name: String, declaring: Bool = false) -> String {
        let close = suggestions(for: name)
        var parts: [String] = []
        if !close.isEmpty { parts.append("did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?") }
        if declaring { parts.append("declare it, e.g. --units '\(name): m/s' (a unit, a dimension such as 'L T^-1', or a kind such as energy)") }
        parts.append("`ansatz units` lists the units, `ansatz constants` the constants")
        return parts.joined(separator: "; ")
    }

    /// Optimal-string-alignment distance (edits, with swaps of neighbours), or `limit + 1` when the
    /// lengths alone say it is larger (names are short, so the full table is cheap).
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
