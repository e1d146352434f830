import AnsatzCore
import AnsatzNumbers

/// Applies rules bottom-up until none applies (a fixpoint), under a budget: a rule set that loops
/// (a -> b, b -> a) ends with E-BUDGET after `maxApplications`, never hangs.
public enum Rewriter {
    public static let maxApplications = 5_000

    /// `e` rewritten to a fixpoint of `rules`, with the names of the rules that fired (in order of
    /// first use).
    public static func rewrite(_ e: Expr, rules: [Rule], budget: Budget) throws -> (Expr, applied: [String]) {
        // on a large stack: rewriting recurses as deep as the expression, up to State.maxDepth
        try LargeStack.run {
            let state = State(rules: rules, budget: budget)
            let result = try state.visit(e)
            return (result, state.applied)
        }
    }

    final class State {
        let rules: [Rule]
        let budget: Budget
        var applied: [String] = []
        var applications = 0
        var memo: [Expr: Expr] = [:]
        /// Each factor of a product visited as its power node, by factor: x^2 recurs in many terms
        /// of a sum, and each time would build its power node again.
        var factorMemo: [Factor: (power: Expr, visited: Expr)] = [:]
        /// Nesting of `visit`: rules that wrap their match (a -> f(a)) would otherwise recurse
        /// until the stack ran out.
        var depth = 0
        static let maxDepth = 1_000

        init(rules: [Rule], budget: Budget) {
            self.rules = rules
            self.budget = budget
        }

        func visit(_ e: Expr) throws -> Expr {
            if let known = memo[e] { return known }
            try budget.spend(1, doing: "rewriting with rules")
            depth += 1
            defer { depth -= 1 }
            guard depth <= State.maxDepth else {
                throw Diagnostic(.budget, "rewriting nested deeper than \(State.maxDepth) levels: a rule keeps wrapping its own result",
                                 hint: "check rules of the form a -> f(a)")
            }
            // children first; then rules at this node until none applies (a loop, not recursion,
            // so that long chains of rewrites do not deepen the stack)
            var current = try children(of: e)
            var changed = true
            while changed {
                changed = false
                for rule in rules {
                    guard let next = try Rewriter.apply(rule, to: current, budget: budget), next !== current else { continue }
                    applications += 1
                    guard applications <= Rewriter.maxApplications else {
                        throw Diagnostic(.budget, "rules were applied \(Rewriter.maxApplications) times without reaching a fixpoint (last: \(rule.name))",
                                         hint: "the rule set loops or the expression is very large")
                    }
                    if !applied.contains(rule.name) { applied.append(rule.name) }
                    current = try children(of: next)
                    changed = true
                    break
                }
            }
            memo[e] = current
            return current
        }

        /// `Rebuild.children` with `visit`, the factors of a product through `factorMemo`.
        func children(of e: Expr) throws -> Expr {
            guard case let .mul(c, factors) = e.kind else { return try Rebuild.children(of: e) { try visit($0) } }
            var mapped: [Expr] = [.number(c)]
            mapped.reserveCapacity(factors.count + 1)
            var changed = false
            for f in factors {
                let known: (power: Expr, visited: Expr)
                if let seen = factorMemo[f] {
                    known = seen
                } else {
                    let power = Expr.pow(f.base, f.exponent)
                    known = (power, try visit(power))
                    factorMemo[f] = known
                }
                changed = changed || known.visited !== known.power
                mapped.append(known.visited)
            }
            return changed ? Expr.mul(mapped) : e
        }
    }

    /// The rewritten node, or nil when the rule does not match or its conditions are not known to hold.
    static func apply(_ rule: Rule, to e: Expr, budget: Budget) throws -> Expr? {
        var matcher = Matcher(variables: rule.variables, ground: rule.ground)
        func admissible(_ b: Matcher.Bindings) -> Bool {
            rule.conditions.allSatisfy { c in b[c.variable].map { c.condition.holds(for: $0) } ?? false }
        }
        func instantiate(_ b: Matcher.Bindings) -> Expr? {
            let pairs = b.map { (Expr.symbol($0.key), $0.value) }
            return try? Substitution.apply(rule.replacement, pairs, budget: budget)
        }
        switch rule.pattern.kind {
        case let .add(c, terms):
            for m in matcher.matchSum(c, terms, e, [:], partial: true) where admissible(m.bindings) {
                guard let r = instantiate(m.bindings) else { continue }
                return Expr.add([Expr.mul([.rational(m.scale), r])] + m.rest)
            }
        case let .mul(c, factors):
            for m in matcher.matchProduct(c, factors, e, [:], partial: true) where admissible(m.bindings) {
                guard let r = instantiate(m.bindings) else { continue }
                return Expr.mul([.rational(m.scale), r] + m.rest)
            }
        default:
            for b in matcher.match(rule.pattern, e, [:]) where admissible(b) {
                if let r = instantiate(b) { return r }
            }
        }
        return nil
    }
}

extension Rebuild {
    /// The node rebuilt through the canonical constructors with `f` applied to each child.
    static func children(of e: Expr, _ f: (Expr) throws -> Expr) throws -> Expr {
        switch e.kind {
        case .number, .symbol, .constant, .unit:
            return e
        case let .add(c, terms):
            let mapped = try terms.map { try f($0.expr) }
            // nothing changed: the node itself (rebuilding would sort its terms again)
            if zip(mapped, terms).allSatisfy({ $0 === $1.expr }) { return e }
            return Expr.add(scaled: [(Expr.number(c), Number.one)] + zip(mapped, terms).map { ($0, $1.coefficient) })
        case let .mul(c, factors):
            // each factor as a whole power, so that rules about powers (sqrt(a^2)) see it (a
            // factor in the denominator is visited as the power it is; see the .pow case)
            let powers = factors.map { Expr.pow($0.base, $0.exponent) }
            let mapped = try powers.map(f)
            if zip(mapped, powers).allSatisfy({ $0 === $1 }) { return e }
            return Expr.mul([.number(c)] + mapped)
        case let .pow(b, x):
            if let q = x.rationalValue, q.isNegative {
                // a denominator is seen as it prints (y^2 in x/y^2, sqrt(x^2) in 1/sqrt(x^2)),
                // then inverted; the rules still see the reciprocal at this node afterwards
                // (1/a patterns), and an inverted 0 is a division by zero, not a node
                return try Checked.pow(try f(Expr.pow(b, .rational(-q))), .minusOne)
            }
            return try Checked.pow(try f(b), try f(x))
        case let .function(name, args):
            let mapped = try args.map(f)
            if mapped == args { return e }
            switch name {
            case let .builtin(g): return Expr.function(g, mapped)
            case let .user(n): return Expr.function(named: n, mapped)
            }
        case let .relation(op, l, r):
            return Expr.relation(op, try f(l), try f(r))
        }
    }
}
