import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzNumeric
import AnsatzParse
import AnsatzUnits

/// The verdict on one step, with its evidence.
public struct StepReport: Sendable {
    public enum Verdict: String, Sendable {
        case verified, refuted
        case dimensionError = "dimension-error"
        case unknown
    }

    /// 1-based, as people count steps.
    public var number: Int
    public var text: String
    public var verdict: Verdict
    /// How it was decided: `given` (the first step), `symbolic` (the difference simplifies to 0),
    /// `exact` (numbers only, compared exactly), `randomised` (random points, ball arithmetic),
    /// `counterexample`, `dimensions`, or for `unknown` what stopped it.
    public var method: String
    /// One line for people.
    public var detail: String
    /// The evidence as structured fields (points, values, precision, spans, dimensions).
    public var evidence: [(String, JSONValue)] = []
}

public struct VerificationReport: Sendable {
    public var steps: [StepReport]
    public var stepKind: Derivation.StepKind
    /// How each name was read (declared symbol, constant, unit, plain symbol).
    public var names: [(name: String, readAs: String)]

    /// `verified` when every step is; else the first failing step's verdict (`refuted` or
    /// `dimension-error`), or `unknown` when nothing failed but something could not be decided.
    public var overall: StepReport.Verdict {
        if let failing = firstFailing { return steps[failing - 1].verdict }
        return steps.allSatisfy { $0.verdict == .verified } ? .verified : .unknown
    }

    /// The number of the first refuted step or step with a dimension error.
    public var firstFailing: Int? {
        steps.first { $0.verdict == .refuted || $0.verdict == .dimensionError }?.number
    }
}

/// Judges a derivation step by step (Docs/verify.md). Each step is judged against the one before
/// it only, so a correct step after a wrong one is still correct.
///
/// A chain step is `verified` when the difference of the two steps simplifies to 0 (symbolic), or
/// when it vanishes at random points of the domain in complex ball arithmetic; `refuted` only with a
/// point where Arb proves the two sides differ, confirmed at a higher precision.
public enum Verifier {
    /// Points at which a randomised check must find both sides equal.
    public static let points = 12
    /// Working precision of the randomised check, in bits; a counterexample is confirmed at `confirmBits`.
    public static let bits = 128
    public static let confirmBits = 512

    public static func verify(_ derivation: Derivation, budget: Budget = .unlimited) throws -> VerificationReport {
        try LargeStack.run {
            let context = try Context(derivation, budget: budget)
            return try context.run()
        }
    }
}

/// Everything the steps share: how names are read, the definitions, the constraints, the domain.
struct Context {
    let derivation: Derivation
    let budget: Budget
    let options: ParseOptions
    /// True when some symbol has a unit: names then resolve to constants and units too, and every
    /// step's dimensions are checked.
    let dimensioned: Bool
    let environment: UnitEnvironment
    let declarations: [String: Derivation.SymbolDeclaration]
    /// Definitions in order: name, right side (itself with earlier definitions substituted).
    let definitions: [(name: String, value: Expr)]
    let constraints: [(relation: Relation, lhs: Expr, rhs: Expr, text: String)]
    /// Per declared symbol with a unit: the SI value of one of that unit (for showing values in
    /// it), and the scale its random values are drawn at (the unit, or a constant of the same
    /// dimension that the derivation uses: velocities next to c are drawn as fractions of c).
    let units: [String: (factor: Rational, text: String)]
    let scales: [String: Rational]

    init(_ d: Derivation, budget: Budget) throws {
        derivation = d
        self.budget = budget
        var declarations: [String: Derivation.SymbolDeclaration] = [:]
        var options = ParseOptions(syntax: d.syntax)
        var declared: [String: Dimension] = [:]
        for s in d.symbols {
            declarations[s.name] = s
            options.symbols.insert(s.name)  // a declared h, c, e, E, T, N is that symbol
            var facts = Assumptions()
            for a in s.assumptions {
                switch a {
                case .real: facts.insert(.real)
                case .positive: facts.insert(.positive)
                case .negative: facts.formUnion([.real, .nonzero])
                case .nonnegative: facts.insert(.nonnegative)
                case .nonzero: facts.insert(.nonzero)
                case .integer: facts.insert(.integer)
                }
            }
            // a physical quantity (one with a unit) is real
            if s.unit != nil { facts.insert(.real) }
            if !facts.isEmpty { options.assumptions[s.name] = facts.closed }
            if let unit = s.unit {
                do {
                    declared[s.name] = try UnitEnvironment.dimension(declaredAs: unit).0
                } catch let e as Diagnostic {
                    throw Derivation.fail("the unit of \(s.name), '\(unit.prefix(40))', does not read: \(e.message)", hint: e.hint ?? "write a unit expression such as kg*m/s, GeV^-2 or 1")
                }
            }
        }
        self.declarations = declarations
        dimensioned = d.withUnits || d.symbols.contains { $0.unit != nil }
        var environment = UnitEnvironment(declared: declared)
        // steps are formulas: a bare letter is a symbol, not a unit (F = m a is not about farads);
        // in pure mathematics no constants by name either (c is a symbol, not the speed of light)
        environment.bareUnits = false
        environment.naturalInSums = false
        environment.constantsAllowed = dimensioned

        // a defined name is a symbol, even where a constant has it (E = gamma m c^2 defines E)
        for text in d.definitions {
            if let eq = text.firstIndex(of: "=") {
                let name = String(text[..<eq]).trimmingBlanks
                if Derivation.isName(name) { options.symbols.insert(name) }
            }
        }
        guard d.definitions.count <= 100, d.constraints.count <= 100 else {
            throw Derivation.fail("more than 100 definitions or constraints", hint: "check the derivation in parts")
        }
        var definitions: [(String, Expr)] = []
        for text in d.definitions {
            let parsed: Expr
            do { parsed = try ExpressionParser.parse(text, options: options, budget: budget).expr } catch let e as Diagnostic {
                throw Derivation.fail("the definition '\(text.prefix(60))' does not parse: \(e.message)", hint: "write name = expression")
            }
            guard case let .relation(.equal, lhs, rhs) = parsed.kind, case let .symbol(s) = lhs.kind else {
                throw Derivation.fail("the definition '\(text.prefix(60))' is not name = expression", hint: "e.g. gamma = 1/sqrt(1 - v^2/c^2)")
            }
            guard !rhs.symbolNames.contains(s.name) else {
                throw Derivation.fail("\(s.name) is defined in terms of itself", hint: "a definition's right side may use only other names")
            }
            guard !definitions.contains(where: { $0.0 == s.name }) else {
                throw Derivation.fail("\(s.name) is defined twice", hint: "one definition per name; a second relation between them is a step")
            }
            if let declared = declarations[s.name], !declared.assumptions.isEmpty {
                throw Derivation.fail("\(s.name) is defined, so its assumptions (\(declared.assumptions.map(\.rawValue).joined(separator: ", "))) cannot be imposed",
                                      hint: "declare the assumptions on the names its definition uses, or add a constraint")
            }
            // a definition may use only names defined before it (in order)
            let later = d.definitions.compactMap { t -> String? in
                guard let eq = t.firstIndex(of: "=") else { return nil }
                let n = String(t[..<eq]).trimmingBlanks
                return Derivation.isName(n) ? n : nil
            }
            if let forward = rhs.symbolNames.first(where: { n in later.contains(n) && !definitions.contains { $0.0 == n } }) {
                throw Derivation.fail("the definition of \(s.name) uses \(forward), which is defined after it", hint: "list definitions so that each uses only those before it")
            }
            let value = try Context.substitute(rhs, definitions, budget: budget)
            guard value.depth <= Context.maxDepth else {
                throw Derivation.fail("the definitions nest deeper than \(Context.maxDepth) levels once substituted", hint: "use fewer or flatter definitions")
            }
            definitions.append((s.name, value))
            if dimensioned, declared[s.name] == nil {
                environment.declared[s.name] = try environment.quantity(of: value, values: false, budget: budget).dimension
            }
        }
        self.definitions = definitions
        self.environment = environment
        self.options = options

        var constraints: [(Relation, Expr, Expr, String)] = []
        for text in d.constraints {
            let parsed: Expr
            do { parsed = try ExpressionParser.parse(text, options: options, budget: budget).expr } catch let e as Diagnostic {
                throw Derivation.fail("the constraint '\(text.prefix(60))' does not parse: \(e.message)", hint: "write a relation such as v < c")
            }
            guard case let .relation(op, lhs, rhs) = parsed.kind, op != .equal else {
                throw Derivation.fail("the constraint '\(text.prefix(60))' is not an inequality", hint: "use <, <=, > or >=; an equality is a definition")
            }
            constraints.append((op, try Context.substitute(lhs, definitions, budget: budget),
                                try Context.substitute(rhs, definitions, budget: budget), text))
        }
        self.constraints = constraints

        // the units' SI factors, and the constants the derivation uses by name
        var units: [String: (Rational, String)] = [:]
        var unitsOnly = UnitEnvironment()
        unitsOnly.constantsAllowed = false
        for s in d.symbols {
            guard let text = s.unit, let e = try? ExpressionParser.parse(text, options: ParseOptions(syntax: .plain)).expr,
                  let q = try? unitsOnly.quantity(of: e, values: true, budget: budget),
                  let factor = (try? Simplify.simplify(q.value, budget: budget))?.value.rationalValue, factor.signum > 0 else { continue }
            units[s.name] = (factor, text)
        }
        var constants: [Dimension: Rational] = [:]
        if dimensioned {
            var names = Set<String>()
            for text in d.steps + d.definitions + d.constraints {
                for piece in Derivation.splitAtEquals(text) {
                    if let e = try? ExpressionParser.parse(piece, options: options, budget: budget).expr { names.formUnion(e.symbolNames) }
                }
            }
            for n in names.sorted() where declarations[n] == nil {
                guard let (q, isConstant) = environment.resolve(n), isConstant, !q.dimension.isDimensionless,
                      let value = q.value.rationalValue, value.signum > 0 else { continue }
                constants[q.dimension] = value
            }
        }
        var scales: [String: Rational] = [:]
        for (name, dimension) in environment.declared where declarations[name] != nil {
            scales[name] = constants[dimension] ?? units[name]?.0 ?? Rational(1)
        }
        self.units = units
        self.scales = scales
    }

    /// Deepest expression the verifier takes after definitions are substituted (the parser's own
    /// limit is 256 per expression; substitution can stack them).
    static let maxDepth = 2_000

    /// `e` with every defined name replaced by its definition.
    static func substitute(_ e: Expr, _ definitions: [(String, Expr)], budget: Budget) throws -> Expr {
        guard !definitions.isEmpty else { return e }
        let names = e.symbolNames
        let rules = definitions.filter { names.contains($0.0) }.map { (Expr.symbol($0.0), $0.1) }
        guard !rules.isEmpty else { return e }
        // a defined symbol may carry assumptions from the declarations: match by name
        var replaced = e
        for (name, value) in rules.map({ ($0.0.description, $0.1) }) {
            let targets = symbols(named: name, in: replaced)
            replaced = try Substitution.apply(replaced, targets.map { ($0, value) }, budget: budget)
        }
        return replaced
    }

    static func symbols(named name: String, in e: Expr) -> [Expr] {
        var found: [Expr] = []
        var seen = Set<Expr>()
        func walk(_ x: Expr) {
            guard seen.insert(x).inserted else { return }
            if case let .symbol(s) = x.kind, s.name == name { found.append(x) }
            for c in x.children { walk(c) }
        }
        walk(e)
        return found
    }

    func run() throws -> VerificationReport {
        var reports: [StepReport] = []
        var previous: ParsedStep?
        var names: [String: String] = [:]
        for (i, text) in derivation.steps.enumerated() {
            try budget.spend(1, doing: "checking step \(i + 1)")
            var report = StepReport(number: i + 1, text: text, verdict: .unknown, method: "", detail: "")
            let step: ParsedStep
            do {
                step = try parse(text)
            } catch let e as Diagnostic where e.kind.isParse {
                report.method = "unreadable"
                report.detail = "the step does not parse: \(e.message)"
                report.evidence = [("error", .object([("code", .string(e.code)), ("message", .string(e.message))]))]
                reports.append(report)
                previous = nil
                continue
            }
            for n in step.expr.symbolNames where names[n] == nil { names[n] = reading(n) }
            if let problem = try dimensionProblem(step, text: text, previous: previous) {
                report.verdict = .dimensionError
                report.method = "dimensions"
                report.detail = problem.detail
                report.evidence = problem.evidence
            } else if previous != nil, reports.last?.verdict == .dimensionError {
                report.method = "no comparison"
                report.detail = "the previous step has a dimension error, so there is no value to compare with"
            } else if let previous {
                report = try judge(step, after: previous, report: report)
            } else if i == 0 {
                report.verdict = .verified
                report.method = "given"
                report.detail = "the starting point"
            } else {
                report.method = "no comparison"
                report.detail = "the previous step could not be read, so there is nothing to compare with"
            }
            reports.append(report)
            previous = step
        }
        return VerificationReport(steps: reports, stepKind: derivation.stepKind,
                                  names: names.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    func reading(_ name: String) -> String {
        if let d = declarations[name] {
            return "declared symbol" + (d.unit.map { " (\($0))" } ?? "") + (d.assumptions.isEmpty ? "" : ", " + d.assumptions.map(\.rawValue).joined(separator: ", "))
        }
        if definitions.contains(where: { $0.name == name }) { return "defined" }
        if dimensioned, let (q, isConstant) = environment.resolve(name) {
            return isConstant ? "constant (\(PhysicalConstants.constant(named: name)?.title ?? name))" : "unit (\(q.dimension.siUnitText))"
        }
        // e to a number is the symbol e (the charge squared is e^2); say so where it decides
        if name == "e" { return "symbol e, no assumptions (complex), not Euler's number: write exp(3) for e^3" }
        if name == "i" || name == "I" { return "symbol \(name), no assumptions (complex), not the imaginary unit: write sqrt(-1)" }
        return "symbol, no assumptions (complex)"
    }

    struct ParsedStep {
        let expr: Expr
        /// After substituting the definitions: what is compared.
        let value: Expr
        let parse: ParseResult
    }

    func parse(_ text: String) throws -> ParsedStep {
        var o = options
        o.recordSyntax = true
        let parsed = try ExpressionParser.parse(text, options: o, budget: budget)
        if dimensioned {
            // a name that is neither declared, defined, a constant nor a unit cannot be judged
            for n in parsed.expr.symbolNames where declarations[n] == nil && !definitions.contains(where: { $0.name == n }) && environment.resolve(n) == nil {
                throw Derivation.fail("'\(n)' in step '\(text.prefix(60))' is not declared", hint: "declare it in symbols, with its unit (or unit null for a pure number)")
            }
        }
        if derivation.stepKind == .chain, case .relation = parsed.expr.kind {
            throw Derivation.fail("step '\(text.prefix(60))' is a relation, but the steps form a chain of expressions",
                                  hint: "use step_kind equations, or split a = b = c into steps a, b, c")
        }
        if derivation.stepKind == .equations {
            guard case .relation(.equal, _, _) = parsed.expr.kind else {
                throw Derivation.fail("step '\(text.prefix(60))' is not an equation", hint: "with step_kind equations every step is lhs = rhs")
            }
        }
        let value = try Context.substitute(parsed.expr, definitions, budget: budget)
        guard value.depth <= Context.maxDepth else {
            throw Derivation.fail("step '\(text.prefix(60))' nests deeper than \(Context.maxDepth) levels once the definitions are substituted", hint: "use flatter definitions")
        }
        return ParsedStep(expr: parsed.expr, value: value, parse: parsed)
    }
}
