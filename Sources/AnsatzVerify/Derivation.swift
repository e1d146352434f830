import AnsatzCore
import AnsatzParse

/// A derivation to check (Docs/verify.md): declared symbols, definitions and constraints that hold
/// throughout, and the steps, each judged against the one before it.
public struct Derivation: Sendable {
    public struct SymbolDeclaration: Sendable, Equatable {
        public var name: String
        /// A unit expression (`kg*m/s`, `GeV^-2`, `1`, `rad`), or nil for a pure number.
        public var unit: String?
        public var assumptions: [Assumption]

        public init(name: String, unit: String? = nil, assumptions: [Assumption] = []) {
            self.name = name
            self.unit = unit
            self.assumptions = assumptions
        }
    }

    /// What may be assumed of a symbol. `negative` is the verifier's own (it samples negative
    /// values); the simplifier is told only what it implies (real, nonzero).
    public enum Assumption: String, Sendable, CaseIterable {
        case real, positive, negative, nonnegative, nonzero, integer
    }

    public enum StepKind: String, Sendable, CaseIterable {
        /// Each step is an expression equal to the one before it.
        case chain
        /// Each step is an equation that holds wherever the one before it holds.
        case equations
    }

    public var symbols: [SymbolDeclaration] = []
    /// `name = expression`: hold throughout; a step may use either side.
    public var definitions: [String] = []
    /// Relations (`v < c`) restricting the domain beyond the assumptions.
    public var constraints: [String] = []
    public var stepKind: StepKind = .chain
    public var steps: [String] = []
    public var syntax: ParseOptions.Syntax = .auto
    /// Check dimensions and read constants by name even though no symbol has a unit (answers
    /// written with units, `3 m` against `300 cm`).
    public var withUnits = false
    /// Try the simplifier before random points (off only to measure the numeric path alone).
    public var symbolic = true
    /// How the answer names the two things it compares in a step.
    public var sideNames = (before: "the previous step", after: "this step")

    public init(symbols: [SymbolDeclaration] = [], definitions: [String] = [], constraints: [String] = [],
                stepKind: StepKind = .chain, steps: [String] = [], syntax: ParseOptions.Syntax = .auto) {
        self.symbols = symbols
        self.definitions = definitions
        self.constraints = constraints
        self.stepKind = stepKind
        self.steps = steps
        self.syntax = syntax
    }

    /// Most steps a derivation may have (each is checked at up to a few dozen points).
    public static let maxSteps = 200

    static func fail(_ message: String, hint: String) -> Diagnostic {
        Diagnostic(.derivation, message, hint: hint)
    }
}

// MARK: Reading

extension Derivation {
    /// The fields of the JSON form; title and source describe the derivation for people and are
    /// not read.
    public static let knownFields = ["title", "source", "symbols", "definitions", "constraints", "step_kind", "syntax", "steps"]

    /// The documented JSON form (Docs/verify.md, Docs/verify.schema.json).
    public static func read(json: JSONValue) throws -> Derivation {
        guard case let .object(pairs) = json else {
            throw fail("a derivation is a JSON object", hint: #"{"symbols": [...], "step_kind": "chain", "steps": ["...", "..."]}"#)
        }
        let known = Set(knownFields)
        if let unknown = pairs.first(where: { !known.contains($0.0) }) {
            throw fail("unknown field '\(unknown.0.prefix(40))' in the derivation", hint: "fields: " + known.sorted().joined(separator: ", "))
        }
        var d = Derivation()
        if let kind = json["step_kind"] {
            guard let text = kind.stringValue, let k = StepKind(rawValue: text) else {
                throw fail("step_kind is 'chain' or 'equations'", hint: "chain: each step equals the previous; equations: each follows from the previous")
            }
            d.stepKind = k
        }
        if let syntax = json["syntax"] {
            guard let text = syntax.stringValue, let s = ParseOptions.Syntax(rawValue: text) else {
                throw fail("syntax is 'auto', 'plain' or 'latex'", hint: "leave it out to detect LaTeX by itself")
            }
            d.syntax = s
        }
        d.steps = try strings(json["steps"], field: "steps")
        d.definitions = try strings(json["definitions"], field: "definitions")
        d.constraints = try strings(json["constraints"], field: "constraints")
        if let list = json["symbols"] {
            guard let items = list.arrayValue else { throw fail("symbols is a list of {name, unit, assumptions}", hint: #"[{"name": "m", "unit": "kg", "assumptions": ["positive"]}]"#) }
            for item in items {
                if case let .object(fields) = item, let unknown = fields.first(where: { !["name", "unit", "assumptions"].contains($0.0) }) {
                    throw fail("unknown field '\(unknown.0.prefix(40))' in a symbol", hint: "a symbol is {name, unit, assumptions}")
                }
                if let a = item["assumptions"], a.arrayValue == nil {
                    throw fail("assumptions is a list of words", hint: #"["real"], ["positive"], ["integer", "nonzero"]"#)
                }
                guard let name = item["name"]?.stringValue, isName(name) else {
                    throw fail("each symbol has a name (letters, digits and _)", hint: #"{"name": "m", "unit": "kg", "assumptions": ["positive"]}"#)
                }
                var declaration = SymbolDeclaration(name: name)
                switch item["unit"] {
                case nil, .null?: break
                case let .string(u)?: declaration.unit = u
                case let .int(n)?: declaration.unit = String(n)
                default: throw fail("the unit of \(name) is a string such as \"kg*m/s\", \"1\" or null", hint: "null for a pure number")
                }
                for a in item["assumptions"]?.arrayValue ?? [] {
                    guard let word = a.stringValue, let assumption = Assumption(rawValue: word) else {
                        throw fail("unknown assumption for \(name)", hint: "assumptions: " + Assumption.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    declaration.assumptions.append(assumption)
                }
                d.symbols.append(declaration)
            }
        }
        try d.validate()
        return d
    }

    static func strings(_ value: JSONValue?, field: String) throws -> [String] {
        guard let value else { return [] }
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw fail("\(field) is a list of strings", hint: #"["E^2 = p^2 c^2 + m^2 c^4", "..."]"#)
        }
        return items.compactMap(\.stringValue)
    }

    /// No steps, too many, or a name declared twice: E-DERIVATION.
    public func validate() throws {
        guard !steps.isEmpty else { throw Derivation.fail("the derivation has no steps", hint: "give at least two steps") }
        guard steps.count <= Derivation.maxSteps else {
            throw Derivation.fail("the derivation has \(steps.count) steps, more than \(Derivation.maxSteps)", hint: "check it in parts")
        }
        var seen = Set<String>()
        for s in symbols where !seen.insert(s.name).inserted {
            throw Derivation.fail("the symbol \(s.name) is declared twice", hint: "one declaration per name")
        }
    }

    /// Text as models write it: a LaTeX `aligned`/`align` block (`a &= b \\ &= c`), or lines
    /// of which all but the first start with `=`. In a chain each `=` starts a new step; in
    /// equations each line (row) is one equation.
    public static func read(text: String, stepKind: StepKind = .chain) throws -> Derivation {
        var body = text
        for wrapper in [#"\begin{aligned}"#, #"\end{aligned}"#, #"\begin{align*}"#, #"\end{align*}"#, #"\begin{align}"#,
                        #"\end{align}"#, #"\begin{eqnarray}"#, #"\end{eqnarray}"#, "$$", #"\["#, #"\]"#] {
            body = body.replacingOccurrences(of: wrapper, with: "\n")
        }
        let rows = body.replacingOccurrences(of: #"\\"#, with: "\n").split(separator: "\n")
            .map { $0.replacingOccurrences(of: "&", with: " ").trimmingBlanks }
            .filter { !$0.isEmpty && !$0.hasPrefix("%") }
        var d = Derivation(stepKind: stepKind)
        switch stepKind {
        case .chain:
            for row in rows { d.steps += splitAtEquals(row).filter { !$0.isEmpty } }
        case .equations:
            d.steps = rows
        }
        if d.steps.contains(where: { $0.isEmpty }) || d.steps.count < 1 {
            throw fail("no steps in the text", hint: "write `a &= b \\\\ &= c` or one step per line starting with =")
        }
        try d.validate()
        return d
    }

    /// `a = b = c` as [a, b, c]: splits at each `=` outside brackets that is not part of `<=`,
    /// `>=`, `!=` or `==`.
    static func splitAtEquals(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            switch c {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth = max(0, depth - 1)
            default: break
            }
            let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
            if c == "=", depth == 0, !"<>!=".contains(before), after != "=" {
                parts.append(current.trimmingBlanks)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current.trimmingBlanks)
        return parts
    }

    /// `--symbols 'm: kg positive, v: m/s real, n: integer'`: per name, a unit (any words that are
    /// not assumptions) and assumption words. Commas, semicolons or lines separate declarations.
    public static func symbols(fromText text: String) throws -> [SymbolDeclaration] {
        var result: [SymbolDeclaration] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
            let item = String(part).trimmingBlanks
            if item.isEmpty { continue }
            guard let colon = item.firstIndex(of: ":") else {
                throw fail("cannot read the declaration '\(item.prefix(60))'", hint: "write 'm: kg positive, v: m/s real, n: integer'")
            }
            let name = String(item[..<colon]).trimmingBlanks
            guard isName(name) else { throw fail("'\(name.prefix(40))' is not a name", hint: "names are letters, digits and _") }
            var declaration = SymbolDeclaration(name: name)
            var unitWords: [String] = []
            for word in item[item.index(after: colon)...].split(separator: " ").map(String.init) {
                if let a = Assumption(rawValue: word) { declaration.assumptions.append(a) } else { unitWords.append(word) }
            }
            if !unitWords.isEmpty { declaration.unit = unitWords.joined(separator: " ") }
            result.append(declaration)
        }
        return result
    }

    static func isName(_ text: String) -> Bool {
        let t = text.unicodeScalars
        guard let first = t.first, first.properties.isAlphabetic else { return false }
        return t.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    }
}
