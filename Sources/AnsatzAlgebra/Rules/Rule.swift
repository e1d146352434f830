import AnsatzCore
import AnsatzParse

/// A rewrite rule: `name: pattern -> replacement if conditions`. Every symbol of the pattern is a
/// pattern variable; the replacement may use only those. Conditions say what the values bound to
/// variables must be known to satisfy (from numbers and declared assumptions), so a rule that is
/// valid only for some values applies only where it is valid.
public struct Rule: Sendable {
    public enum Condition: String, Sendable, CaseIterable {
        case positive = "> 0"
        case nonnegative = ">= 0"
        case negative = "< 0"
        case nonpositive = "<= 0"
        case nonzero = "!= 0"
        case real
        case integer

        public func holds(for e: Expr) -> Bool {
            switch self {
            case .positive: return e.isKnownPositive
            case .nonnegative: return e.isKnownNonnegative
            case .negative: return e.isKnownNegative
            case .nonpositive: return e.isKnownNonpositive
            case .nonzero: return e.isKnownNonzero
            case .real: return e.isKnownReal
            case .integer: return e.isKnownInteger
            }
        }
    }

    public let name: String
    public let set: String
    public let pattern: Expr
    public let replacement: Expr
    public let conditions: [(variable: String, condition: Condition)]
    /// Where the rule was read from (`builtin:12`, `my.rules:3`).
    public let source: String

    /// The pattern variables (every symbol of the pattern), found once.
    public let variables: Set<String>
    /// Subpatterns without variables: they match only themselves.
    let ground: Set<Expr>

    init(name: String, set: String, pattern: Expr, replacement: Expr,
         conditions: [(variable: String, condition: Condition)], source: String) {
        self.name = name
        self.set = set
        self.pattern = pattern
        self.replacement = replacement
        self.conditions = conditions
        self.source = source
        let variables = Set(pattern.symbolNames)
        self.variables = variables
        var ground = Set<Expr>()
        var stack = [pattern]
        while let node = stack.popLast() {
            if node.symbolNames.allSatisfy({ !variables.contains($0) }) {
                ground.insert(node)
                continue
            }
            switch node.kind {
            case let .add(_, terms): stack += terms.map(\.expr)
            case let .mul(_, factors): for f in factors { stack.append(f.base); stack.append(f.exponent) }
            case let .pow(b, x): stack += [b, x]
            case let .function(_, args): stack += args
            case let .relation(_, l, r): stack += [l, r]
            default: break
            }
        }
        self.ground = ground
    }

    /// The rule as it is written in a rule file.
    public var text: String {
        let condition = conditions.isEmpty ? "" : " if " + conditions.map { "\($0.variable) \($0.condition.rawValue)" }.joined(separator: ", ")
        return "\(name): \(pattern) -> \(replacement)\(condition)"
    }
}

/// Named groups of rules, read from rule files (format in Grammar/rules.ebnf).
public struct RuleBook: Sendable {
    public var sets: [(name: String, rules: [Rule])] = []

    public init() {}

    public var rules: [Rule] { sets.flatMap(\.rules) }

    public func set(named name: String) -> [Rule]? { sets.first { $0.name == name }?.rules }

    /// Reads a rule file. Errors name the line and what is wrong (E-RULES).
    public static func parse(_ text: String, origin: String) throws -> RuleBook {
        var book = RuleBook()
        var current: String?
        var names = Set<String>()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let where_ = "\(origin):\(index + 1)"
            func fail(_ message: String) -> Diagnostic {
                Diagnostic(.rules, "\(where_): \(message)", hint: "rule lines are `name: pattern -> replacement [if x > 0, n integer]` (Grammar/rules.ebnf)")
            }
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            line = line.drop { $0 == " " || $0 == "\t" }
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
            if line.isEmpty { continue }
            if line.first == "[" {
                guard line.last == "]" else { throw fail("a set header is [name]") }
                let name = String(line.dropFirst().dropLast())
                guard isName(name) else { throw fail("a set name is letters, digits and _") }
                current = name
                if !book.sets.contains(where: { $0.name == name }) { book.sets.append((name, [])) }
                continue
            }
            guard let set = current else { throw fail("a rule before any [set] header") }
            guard let colon = line.firstIndex(of: ":") else { throw fail("expected `name:` at the start") }
            let name = String(line[..<colon]).trimmingSpaces
            guard isName(name) else { throw fail("a rule name is letters, digits and _") }
            guard names.insert(name).inserted else { throw fail("a second rule named \(name)") }
            var body = String(line[line.index(after: colon)...])
            var conditionText: String?
            if let range = body.firstRange(of: " if ") {
                conditionText = String(body[range.upperBound...])
                body = String(body[..<range.lowerBound])
            }
            let sides = body.split(separator: "->", omittingEmptySubsequences: false).map(String.init)
            guard sides.count == 2 else { throw fail("expected exactly one -> between pattern and replacement") }
            let pattern: Expr, replacement: Expr
            do {
                // a name right before `(` that is not a built-in function is a declared function
                let options = ParseOptions(syntax: .plain, functions: declaredFunctions(in: body))
                pattern = try ExpressionParser.parse(sides[0], options: options).expr
                replacement = try ExpressionParser.parse(sides[1], options: options).expr
            } catch let d as Diagnostic {
                throw fail(d.message)
            }
            let variables = Set(pattern.symbolNames)
            if let stray = replacement.symbolNames.first(where: { !variables.contains($0) }) {
                throw fail("the replacement uses \(stray), which the pattern does not bind")
            }
            var conditions: [(String, Rule.Condition)] = []
            for part in (conditionText ?? "").split(separator: ",") {
                let words = part.split(separator: " ").map(String.init)
                guard let variable = words.first, variables.contains(variable) else {
                    throw fail("a condition starts with a pattern variable: `\(part.trimmingSpaces)`")
                }
                let rest = words.dropFirst().joined(separator: " ")
                guard let condition = Rule.Condition(rawValue: rest) else {
                    throw fail("unknown condition `\(rest)`; known: " + Rule.Condition.allCases.map(\.rawValue).joined(separator: ", "))
                }
                conditions.append((variable, condition))
            }
            let rule = Rule(name: name, set: set, pattern: pattern, replacement: replacement,
                            conditions: conditions.map { (variable: $0.0, condition: $0.1) }, source: where_)
            if let i = book.sets.firstIndex(where: { $0.name == set }) { book.sets[i].rules.append(rule) }
        }
        return book
    }

    static func declaredFunctions(in text: String) -> Set<String> {
        var names = Set<String>()
        var word = ""
        for ch in text {
            if ch.isLetter || ch.isNumber || ch == "_" {
                word.append(ch)
            } else {
                if ch == "(", let first = word.first, first.isLetter, !BuiltinFunction.isName(word), word != "sqrt" {
                    names.insert(word)
                }
                word = ""
            }
        }
        return names
    }

    static func isName(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
