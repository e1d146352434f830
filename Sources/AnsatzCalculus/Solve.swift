import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzNumeric

/// Equations and systems solved exactly where the algebra allows, every solution substituted back
/// into the equations and checked before it is returned, and the answer saying whether the
/// solutions found are all of them.
///
/// One equation in one unknown: a rational function's numerator is factored over Q (FLINT) and
/// each factor solved (degree 1 and 2 by formula, 3 by Cardano or, with three real roots, Viète's
/// cosines, x^n = a by roots of unity; beyond, certified isolating balls from Arb); radicals are
/// eliminated by resultants and the extraneous roots dropped; an unknown inside one function
/// (exp, log, sin, ...) is solved for the function's value and the function inverted, with the
/// general form of periodic solutions stated. Systems: linear ones by fraction-free (Bareiss)
/// elimination with symbolic coefficients; others by solving one equation for one unknown and
/// substituting, as far as that goes.
public enum Solve {
    public struct Solution: Sendable {
        /// The unknowns' values, in the order asked.
        public let values: [(name: String, value: Expr)]
        /// False when a value is a certified decimal (a root isolated numerically).
        public let exact: Bool
        /// The values as text: the expression, or a decimal root to its certified digits.
        public let texts: [String]
    }

    public struct Result: Sendable {
        public let solutions: [Solution]
        /// True when the solutions listed are all the solutions (for the values the assumptions allow).
        public let complete: Bool
        /// The general solution where the listed ones are principal values of periodic functions.
        public let general: [String]
        /// Expressions assumed nonzero (divisors that depend on parameters).
        public let conditions: [Expr]
        /// What was done and what was dropped (extraneous roots, excluded points).
        public let notes: [String]
    }

    static func fail(_ message: String, _ hint: String) -> Diagnostic { Diagnostic(.solve, message, hint: hint) }

    /// Largest number of unknowns and equations.
    public static let maxUnknowns = 12

    public static func solve(_ equations: [Expr], for unknowns: [String], budget: Budget = .unlimited) throws -> Result {
        guard !equations.isEmpty else { throw fail("no equations", "give at least one equation") }
        guard !unknowns.isEmpty else { throw fail("no unknowns", "say which symbols to solve for") }
        guard unknowns.count <= maxUnknowns, equations.count <= maxUnknowns else {
            throw fail("at most \(maxUnknowns) equations and unknowns", "split the system")
        }
        guard Set(unknowns).count == unknowns.count else { throw fail("an unknown is named twice", "name each unknown once") }
        var differences: [Expr] = []
        // the sides as written: l - r may cancel a term (1/(x^2 - 4) on both sides) whose poles
        // still exclude points, so each candidate is substituted into every side
        var sides: [Expr] = []
        for e in equations {
            switch e.kind {
            case let .relation(.equal, l, r):
                differences.append(l - r)
                sides += [l, r]
            case .relation: throw fail("an inequality is not an equation", "write equations with =")
            default:
                differences.append(e)  // an expression: = 0
                sides.append(e)
            }
        }
        var symbols: [Symbol] = []
        let present = Dictionary(differences.flatMap { Probe.symbols(of: $0) }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for name in unknowns {
            guard let s = present[name] else {
                throw fail("\(name) does not occur in the equations", "solve for a symbol that occurs: " + present.keys.sorted().joined(separator: ", "))
            }
            symbols.append(s)
        }
        do {
            return try solveChecked(equations: differences, sides: sides, symbols: symbols, budget: budget)
        } catch var d as Diagnostic where d.message.contains("·") {
            // an auxiliary unknown (·k2 for exp(x)) has no name the user wrote
            d.message = d.message.replacingOccurrences(of: "·", with: "an auxiliary ")
            d.hint = d.hint?.replacingOccurrences(of: "·", with: "an auxiliary ")
            throw d
        }
    }

    static func solveChecked(equations differences: [Expr], sides: [Expr], symbols: [Symbol], budget: Budget) throws -> Result {
        let (equations, unknownSymbols, writtenSides) = (differences, symbols, sides)
        return try LargeStack.run(ifDeeperThan: 0) {
            let (differences, symbols, sides) = (equations, unknownSymbols, writtenSides)
            var solver = Solver(budget: budget)
            let found = try solver.system(differences, symbols)
            // every solution substituted into every original equation
            var kept: [Solution] = []
            for candidate in found {
                if let solution = try solver.verified(candidate, differences, sides: sides, symbols) { kept.append(solution) }
            }
            var seen = Set<String>()
            kept = kept.filter { s in seen.insert(s.values.map { "\($0.value)" }.joined(separator: ";")).inserted }
            // conditions that are numbers proven nonzero (log(2)) say nothing
            var conditions: [Expr] = []
            for raw in solver.conditions {
                // the sign says nothing about vanishing: -sin(2*t) != 0 is sin(2*t) != 0
                var c = raw
                if case let .mul(k, _) = raw.kind, k.signum < 0 { c = -raw }
                if conditions.contains(c) { continue }
                if c.symbolNames.isEmpty, try Probe.zero(c, budget: budget) == .nonzero { continue }
                conditions.append(c)
            }
            return Result(solutions: kept, complete: solver.complete, general: solver.general, conditions: conditions,
                          notes: solver.notes)
        }
    }
}

/// A candidate before its check: values (possibly in terms of other unknowns until back
/// substitution ends) and whether they are exact.
struct Candidate {
    var values: [String: Expr]
    var exact: Bool
    /// Decimal texts of numeric roots, by unknown.
    var decimals: [String: String] = [:]
}

struct Solver {
    let budget: Budget
    var complete = true
    var general: [String] = []
    var conditions: [Expr] = []
    var notes: [String] = []
    var depth = 0

    init(budget: Budget) { self.budget = budget }

    func mentions(_ e: Expr, _ s: Symbol) -> Bool { e.symbolNames.contains(s.name) }

    // MARK: Systems

    mutating func system(_ equations: [Expr], _ unknowns: [Symbol]) throws -> [Candidate] {
        try budget.spend(1, doing: "solving")
        depth += 1
        defer { depth -= 1 }
        guard depth < 40 else { throw Solve.fail("the system nests too deeply", "solve a smaller system") }
        // equations without unknowns hold or make the system inconsistent
        var rest: [Expr] = []
        for e in equations {
            if unknowns.contains(where: { mentions(e, $0) }) { rest.append(e); continue }
            switch try Probe.zero(e, budget: budget) {
            case .zero: continue
            case .nonzero: return []
            case .unknown:
                complete = false
                notes.append("could not decide whether \(e) = 0 holds")
            }
        }
        guard !rest.isEmpty else {
            if !unknowns.isEmpty {
                // unknowns left free: they are parameters of the solution
                notes.append("free: " + unknowns.map(\.name).joined(separator: ", ") + " (any value)")
            }
            return [Candidate(values: [:], exact: true)]
        }
        if unknowns.count == 1, let x = unknowns.first {
            // all equations in one unknown: solve the first, keep the roots the others allow
            return try univariate(rest[0], x).map { r in
                Candidate(values: [x.name: r.value], exact: r.exact, decimals: r.decimal.map { [x.name: $0] } ?? [:])
            }
        }
        if let linear = try linearSystem(rest, unknowns) { return linear }
        // an equation in one unknown: solve it, substitute each root, go on
        for (i, e) in rest.enumerated() {
            let inside = unknowns.filter { mentions(e, $0) }
            guard inside.count == 1, let x = inside.first else { continue }
            var out: [Candidate] = []
            for root in try univariate(e, x) {
                var others = rest
                others.remove(at: i)
                others = try others.map { try Substitution.apply($0, [(Expr.symbol(x), root.value)], budget: budget) }
                for sub in try system(others, unknowns.filter { $0 != x }) {
                    var values = sub.values
                    values[x.name] = root.value
                    out.append(Candidate(values: values, exact: root.exact && sub.exact))
                }
            }
            return out
        }
        // an equation linear in an unknown with a numeric coefficient: solve for it, substitute
        for (i, e) in rest.enumerated() {
            for x in unknowns where mentions(e, x) {
                guard let cs = try PolynomialView.coefficients(of: e, in: x.name, budget), cs.count == 2,
                      cs[1].isNumber, !cs[1].isZero else { continue }
                let value = try RationalFunctions.cancel(-cs[0] / cs[1], budget: budget).value
                var others = rest
                others.remove(at: i)
                others = try others.map { try Substitution.apply($0, [(Expr.symbol(x), value)], budget: budget) }
                var out: [Candidate] = []
                for sub in try system(others, unknowns.filter { $0 != x }) {
                    var values = sub.values
                    values[x.name] = try Substitution.apply(value, sub.values.map { (Expr.symbol(symbol(named: $0.key, in: unknowns)), $0.value) },
                                                            budget: budget)
                    out.append(Candidate(values: values, exact: sub.exact))
                }
                return out
            }
        }
        // two polynomial equations: eliminate an unknown by their resultant
        if rest.count >= 2 {
            for x in unknowns where mentions(rest[0], x) && mentions(rest[1], x) {
                guard let r = try PolynomialView.resultant(rest[0], rest[1], in: x.name, budget: budget) else { continue }
                let reduced = [r] + rest.dropFirst(2)
                var out: [Candidate] = []
                for sub in try system(reduced, unknowns.filter { $0 != x }) {
                    let back = sub.values.map { (Expr.symbol(symbol(named: $0.key, in: unknowns)), $0.value) }
                    let first = try Substitution.apply(rest[0], back, budget: budget)
                    for root in try univariate(first, x) {
                        var values = sub.values
                        values[x.name] = root.value
                        out.append(Candidate(values: values, exact: sub.exact && root.exact))
                    }
                }
                return out
            }
        }
        throw Solve.fail("this system is neither linear nor solvable one unknown at a time",
                         "solve one equation for one unknown, substitute, and ask again")
    }

    func symbol(named name: String, in unknowns: [Symbol]) -> Symbol {
        unknowns.first { $0.name == name } ?? Symbol(name)
    }

    /// Linear equations in the unknowns (coefficients may hold other symbols), by fraction-free
    /// elimination; nil when an equation is not linear.
    mutating func linearSystem(_ equations: [Expr], _ unknowns: [Symbol]) throws -> [Candidate]? {
        // rows [a_1 ... a_n | -b]: Σ a_j x_j + b = 0, denominators cleared
        var rows: [[Expr]] = []
        for e in equations {
            let cancelled = try RationalFunctions.cancel(e, budget: budget).value
            let (num, den) = Solver.fraction(cancelled)
            if unknowns.contains(where: { mentions(den, $0) }) { return nil }
            var row: [Expr] = []
            var rest = try Expand.expand(num, budget: budget)
            for x in unknowns {
                guard let cs = try PolynomialView.coefficients(of: rest, in: x.name, budget) else { return nil }
                guard cs.count <= 2 else { return nil }
                let a = cs.count == 2 ? cs[1] : .zero
                if unknowns.contains(where: { mentions(a, $0) }) { return nil }
                row.append(a)
                rest = cs.first ?? .zero
            }
            row.append(-rest)
            rows.append(row)
        }
        let n = unknowns.count
        // Bareiss: entries stay polynomials, each step divides exactly by the previous pivot
        var m = rows
        var pivotColumns: [Int] = []
        var previous = Expr.one
        var r = 0
        for c in 0..<n where r < m.count {
            try budget.spend(m.count * (n + 1), doing: "eliminating")
            // a pivot known nonzero: a number first, else a nonzero expression (a condition)
            var pick: Int?
            for i in r..<m.count where m[i][c].isNumber && !m[i][c].isZero { pick = i; break }
            if pick == nil {
                for i in r..<m.count where !m[i][c].isZero {
                    if try Probe.zero(m[i][c], budget: budget) != .zero { pick = i; break }
                }
            }
            guard let p = pick else { continue }
            m.swapAt(r, p)
            let pivot = m[r][c]
            if !pivot.isNumber && !pivot.isKnownNonzero { conditions.append(pivot) }
            for i in 0..<m.count where i != r {
                let factor = m[i][c]
                for j in 0...n {
                    let cross = Expr.add([Expr.mul([pivot, m[i][j]]), Expr.mul([.minusOne, factor, m[r][j]])])
                    m[i][j] = try RationalFunctions.cancel(cross / previous, budget: budget).value
                }
            }
            // rows above r were already reduced by earlier pivots; only r's own scale changes
            previous = pivot
            pivotColumns.append(c)
            r += 1
        }
        // a row 0 = b with b nonzero: inconsistent
        for i in r..<m.count {
            switch try Probe.zero(m[i][n], budget: budget) {
            case .zero: continue
            case .nonzero: return []
            case .unknown: complete = false
            }
        }
        var values: [String: Expr] = [:]
        let free = (0..<n).filter { !pivotColumns.contains($0) }
        for (k, c) in pivotColumns.enumerated() {
            // m[k][c] x_c + Σ_free m[k][f] x_f = m[k][n]
            var numerator = m[k][n]
            for f in free { numerator = numerator - Expr.mul([m[k][f], .symbol(unknowns[f])]) }
            values[unknowns[c].name] = try Simplify.simplify(try RationalFunctions.cancel(numerator / m[k][c], budget: budget).value,
                                                             budget: budget).value
        }
        if !free.isEmpty { notes.append("free: " + free.map { unknowns[$0].name }.joined(separator: ", ") + " (any value)") }
        return [Candidate(values: values, exact: true)]
    }

    /// Numerator and denominator of a cancelled expression.
    static func fraction(_ e: Expr) -> (Expr, Expr) {
        guard case let .mul(c, factors) = e.kind else {
            if case let .pow(b, p) = e.kind, let q = p.rationalValue, q.isInteger, q.signum < 0 { return (.one, Expr.pow(b, -p)) }
            return (e, .one)
        }
        var num: [Expr] = [.number(c)], den: [Expr] = []
        for f in factors {
            if let q = f.exponent.rationalValue, q.isInteger, q.signum < 0 { den.append(Expr.pow(f.base, -f.exponent)) } else { num.append(Expr.pow(f.base, f.exponent)) }
        }
        return (Expr.mul(num), Expr.mul(den))
    }

    // MARK: Checking

    /// The candidate with every unknown given, checked in every equation: nil (with a note) when
    /// it fails, is excluded (a denominator vanishes) or is outside the unknowns' assumptions.
    mutating func verified(_ c: Candidate, _ equations: [Expr], sides: [Expr], _ unknowns: [Symbol]) throws -> Solve.Solution? {
        var values: [(name: String, value: Expr)] = []
        for x in unknowns {
            guard let v = c.values[x.name] else { values.append((x.name, .symbol(x))); continue }
            values.append((x.name, v))
        }
        let shown = values.map { "\($0.name) = \(c.decimals[$0.name] ?? $0.value.description)" }.joined(separator: ", ")
        for (x, (_, v)) in zip(unknowns, values) where !allowed(v, x) {
            notes.append("dropped \(shown): outside the assumptions on \(x.name)")
            return nil
        }
        let substitution = zip(unknowns, values).map { (Expr.symbol($0.0), $0.1.value) }
        for side in sides {
            do {
                let value = try Substitution.apply(side, substitution, budget: budget)
                // a pole of a side, seen in balls (exact substitution folds only numbers)
                if value.symbolNames.isEmpty, Probe.ball(value, [:], bits: 128, budget: budget) == nil, !value.isNumber,
                   try Probe.zero(Expr.pow(value, .minusOne) , budget: budget) == .zero {
                    notes.append("dropped \(shown): a side has no value there")
                    return nil
                }
            } catch let d as Diagnostic where d.kind == .divisionByZero {
                notes.append("dropped \(shown): a denominator vanishes there")
                return nil
            }
        }
        for e in equations {
            let residual: Expr
            do {
                residual = try Substitution.apply(e, substitution, budget: budget)
            } catch let d as Diagnostic where d.kind == .divisionByZero {
                notes.append("dropped \(shown): a denominator vanishes there")
                return nil
            }
            if c.exact {
                switch try Probe.zero(residual, budget: budget) {
                case .zero: continue
                case .nonzero:
                    let parameters = Probe.symbols(of: residual).map(\.name)
                    if !parameters.isEmpty, try Probe.zeroSomewhere(residual, budget: budget) {
                        // right for some values of the parameters only: not extraneous, not general
                        notes.append("dropped \(shown): it holds only for some values of \(parameters.joined(separator: ", ")); declare their signs (assume 'a > 0') to decide")
                        complete = false
                        return nil
                    }
                    notes.append("dropped \(shown): extraneous (it does not satisfy the equation)")
                    return nil
                case .unknown:
                    notes.append("dropped \(shown): could not be checked (no value at the points tried)")
                    complete = false
                    return nil
                }
            } else if try !Solver.numericallyZero(residual, budget) {
                notes.append("dropped \(shown): the certified root does not satisfy the original equation")
                return nil
            }
        }
        return Solve.Solution(values: values, exact: c.exact, texts: values.map { c.decimals[$0.name] ?? $0.value.description })
    }

    /// A decimal root's residual: zero to well within the root's 30 digits (relative to the size
    /// of the equation's terms at the point, which balls cannot see: an absolute bound of 1e-20).
    static func numericallyZero(_ e: Expr, _ budget: Budget) throws -> Bool {
        var random = SplitMix64(state: 7)
        var values: [String: (Rational, Rational)] = [:]
        for s in Probe.symbols(of: e) { values[s.name] = Probe.value(for: s, &random) }
        guard let z = Probe.ball(e, values, bits: 256, budget: budget), z.isFinite else { return false }
        return z.magnitude < 1e-20
    }

    /// Is v a value the unknown's assumptions allow? Refused only when certainly not.
    mutating func allowed(_ v: Expr, _ x: Symbol) -> Bool {
        let a = x.assumptions.closed
        if a.isEmpty { return true }
        if !v.symbolNames.isEmpty {
            // symbolic: drop only what is certainly outside (a root -sqrt(...)/c for x > 0)
            if a.contains(.positive) || a.contains(.nonnegative), Solver.certainlyNonpositiveRealPart(v) {
                return a.contains(.nonnegative) && v.isZero
            }
            // or outside at every sample of the parameters within their assumptions (a complex
            // cube root of a positive number; -sqrt(R*g/sin(2*t)), negative or imaginary): a value
            // inside at some samples only holds under conditions, and stays
            return (try? sometimesAllowed(v, a, shown: "\(x.name) = \(v)")) ?? true
        }
        guard let z = Probe.ball(v, [:], bits: 128, budget: budget), z.isFinite else { return true }
        if a.contains(.real) || a.contains(.positive) || a.contains(.nonnegative) || a.contains(.integer) {
            if !z.mayBeReal { return false }
        }
        if a.contains(.positive), let bounds = z.realBounds(precision: 128), bounds.upper.signum <= 0 { return false }
        if a.contains(.nonnegative), let bounds = z.realBounds(precision: 128), bounds.upper.signum < 0 { return false }
        if a.contains(.nonzero), v.isZero { return false }
        if a.contains(.integer), let q = v.rationalValue, !q.isInteger { return false }
        return true
    }

    /// Is v within the assumptions a at some of 12 random samples of its symbols (nil: never
    /// decidable)? False only when every decidable sample is certainly outside.
    mutating func sometimesAllowed(_ v: Expr, _ a: Assumptions, shown: String) throws -> Bool {
        var random = SplitMix64(state: 0xB0B)
        let names = Probe.symbols(of: v)
        var outside = 0, inside = 0
        for k in 0..<12 {
            var values: [String: (Rational, Rational)] = [:]
            // symbols without assumptions: real values first (a parameter is usually real;
            // sqrt(a) is then real for a > 0), complex ones after
            for s in names {
                let real = k < 6 && s.assumptions.isEmpty
                values[s.name] = Probe.value(for: real ? Symbol(s.name, assumptions: .real) : s, &random)
            }
            guard let z = Probe.ball(v, values, bits: 128, budget: budget), z.isFinite else { continue }
            let notReal = !z.mayBeReal
            var notSigned = false
            if !notReal, let bounds = z.realBounds(precision: 64) {
                if a.contains(.positive) { notSigned = bounds.upper.signum <= 0 }
                if a.contains(.nonnegative) { notSigned = bounds.upper.signum < 0 }
            }
            if notReal && (a.contains(.real) || a.contains(.positive) || a.contains(.nonnegative) || a.contains(.integer)) || notSigned {
                outside += 1
            } else if z.isReal || z.mayBeReal {
                inside += 1
            }
        }
        if inside > 0 && outside > 0 {
            notes.append("\(shown) satisfies the assumptions on the unknown only for some values of the parameters")
        }
        return inside > 0 || outside == 0
    }

    /// Re(v) ≤ 0 for all values of its symbols: minus (a positive coefficient times) a product of
    /// positive symbols and principal square roots (whose real part is never negative).
    static func certainlyNonpositiveRealPart(_ v: Expr) -> Bool {
        func nonnegativeRealPart(_ e: Expr) -> Bool {
            if e.isKnownPositive { return true }
            switch e.kind {
            case let .pow(_, p): return p.rationalValue == .half
            case let .mul(c, factors):
                guard c.signum > 0 else { return false }
                var roots = 0
                for f in factors {
                    if f.base.isKnownPositive && f.exponent.isKnownReal { continue }
                    if f.exponent.rationalValue == .half { roots += 1; continue }
                    return false
                }
                return roots <= 1
            default: return false
            }
        }
        return nonnegativeRealPart(-v)
    }
}
