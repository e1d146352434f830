import AnsatzCore

/// `simplify`: tries the rule sets and the rational-function operations in a fixed order and keeps
/// the smallest result. Deterministic (same input, same output), and never unsound: rules fire
/// only where their conditions are known to hold, and cancellations are reported as conditions.
///
/// Cost (smaller is simpler): the number of nodes of the expression written out as a tree
/// (every symbol, number, operator and function call counts 1); ties go to the shorter text, then
/// to the earlier candidate. The candidates, in order:
/// 1. the input;
/// 2. user rules, then the built-in sets trig_functions, radical, exp_log, trigonometric, each
///    rewritten to a fixpoint, in turn;
/// 3. of the input and of 2: cancel; factor then the trigonometric set; expand then the
///    trigonometric set (and cancel); sin_cos_normal_form (tan → sin/cos, sin² → 1 − cos²) then expand,
///    cancel and the trigonometric set.
/// The search stops at the first candidate of cost 1 (a number or a lone symbol); the
/// trigonometric steps run only for expressions with a trigonometric or hyperbolic function.
public enum Simplify {
    public struct Result: Sendable {
        public let value: Expr
        /// Rules and operations that produced the value, in order.
        public let applied: [String]
        /// Denominators cancelled on the way (the input is undefined where one vanishes).
        public let conditions: [Expr]
        public let cost: Int
    }

    static let ruleSetOrder = ["trig_functions", "radical", "exp_log", "trigonometric"]

    public static func cost(_ e: Expr) -> Int { e.treeSize(limit: Int.max / 2) }

    static let trigonometricFunctions: Set<BuiltinFunction> = [.sin, .cos, .tan, .cot, .sec, .csc, .sinh, .cosh, .tanh]

    static func containsTrigonometry(_ e: Expr) -> Bool {
        var seen = Set<Expr>()
        var stack = [e]
        while let node = stack.popLast() {
            guard seen.insert(node).inserted else { continue }
            switch node.kind {
            case let .function(.builtin(f), args):
                if trigonometricFunctions.contains(f) { return true }
                stack += args
            case let .function(_, args): stack += args
            case let .add(_, terms): stack += terms.map(\.expr)
            case let .mul(_, factors): for f in factors { stack.append(f.base); stack.append(f.exponent) }
            case let .pow(b, x): stack += [b, x]
            case let .relation(_, l, r): stack += [l, r]
            default: break
            }
        }
        return false
    }

    public static func simplify(_ e: Expr, userRules: RuleBook = RuleBook(), budget: Budget = .unlimited) throws -> Result {
        // one large-stack thread for the whole search (the steps would each start one otherwise)
        try LargeStack.run { try search(e, userRules: userRules, budget: budget) }
    }

    /// `rewrites`: also try the named rewrites (trigsimp, powsimp, radsimp, ...) as candidates;
    /// off when a rewrite itself searches (trigsimp calls this).
    static func search(_ e: Expr, userRules: RuleBook, budget: Budget, rewrites: Bool = true) throws -> Result {
        if case let .relation(op, l, r) = e.kind {
            let (a, b) = (try search(l, userRules: userRules, budget: budget), try search(r, userRules: userRules, budget: budget))
            let value = Expr.relation(op, a.value, b.value)
            return Result(value: value, applied: a.applied + b.applied.filter { !a.applied.contains($0) },
                          conditions: a.conditions + b.conditions, cost: cost(value))
        }
        let book = BuiltinRules.book
        // The caller's own rules are instructions, not candidates: the search starts from what
        // they made (g(x)*y from x^2*y with a^2 -> g(a)), which a smaller-is-better choice
        // would otherwise throw away for the input.
        var start = e
        var userApplied: [String] = []
        for rules in userRules.sets.map(\.rules) {
            let (r, names) = try Rewriter.rewrite(start, rules: rules, budget: budget)
            if !names.isEmpty {
                start = r
                userApplied += names
            }
        }
        let e = start
        var candidates: [Result] = [Result(value: e, applied: userApplied, conditions: [], cost: cost(e))]
        // a number or a lone symbol cannot be beaten: the first one found ends the search
        var minimal = false
        func consider(_ value: Expr, _ applied: [String], _ conditions: [Expr]) {
            candidates.append(Result(value: value, applied: applied, conditions: conditions, cost: cost(value)))
            if candidates[candidates.count - 1].cost <= 1 { minimal = true }
        }
        /// Runs one step; a step refused for size (E-LIMIT, or a cost estimate over the limit) is
        /// skipped, but running out of time ends the whole call.
        func attempt(_ step: () throws -> Void) throws {
            guard !minimal else { return }
            do { try step() } catch let d as Diagnostic {
                if budget.isExhausted { throw d }
                if d.kind.isBudgetOrLimit { return }
                throw d
            }
        }

        var current = e
        var applied: [String] = userApplied
        let sets = ruleSetOrder.compactMap { book.set(named: $0) }
        for rules in sets {
            let (r, names) = try Rewriter.rewrite(current, rules: rules, budget: budget)
            if !names.isEmpty {
                current = r
                applied += names
            }
        }
        if applied.count > userApplied.count { consider(current, applied, []) }
        let trig = book.set(named: "trigonometric") ?? []
        let substitution = book.set(named: "sin_cos_normal_form") ?? []
        let hasTrig = containsTrigonometry(e) || containsTrigonometry(current)

        // the operations, from the input and from its rewritten form (the rules may have
        // contracted what expanding would have cancelled: 2*sin(x)*cos(x) -> sin(2*x))
        let bases: [(Expr, [String])] = current === e ? [(e, userApplied)] : [(e, userApplied), (current, applied)]
        for (base, before) in bases {
            try attempt {
                let c = try RationalFunctions.cancel(base, budget: budget)
                consider(c.value, before + ["cancel"], c.conditions)
            }
            try attempt {
                let f = try RationalFunctions.factor(base, budget: budget)
                let (r, names) = hasTrig ? try Rewriter.rewrite(f.value, rules: trig, budget: budget) : (f.value, [])
                consider(r, before + ["factor"] + names, f.conditions)
                guard !names.isEmpty else { return }
                let (r2, more) = try Rewriter.rewrite(try Expand.expand(r, budget: budget), rules: trig, budget: budget)
                consider(r2, before + ["factor"] + names + ["expand"] + more, f.conditions)
            }
            try attempt {
                let x = try Expand.expand(base, budget: budget)
                let (r, names) = hasTrig ? try Rewriter.rewrite(x, rules: trig, budget: budget) : (x, [])
                consider(r, before + ["expand"] + names, [])
                let c = try RationalFunctions.cancel(r, budget: budget)
                consider(c.value, before + ["expand"] + names + ["cancel"], c.conditions)
            }
            try attempt {
                guard hasTrig else { return }
                let (p, names) = try Rewriter.rewrite(base, rules: substitution, budget: budget)
                guard !names.isEmpty else { return }
                let c = try RationalFunctions.cancel(try Expand.expand(p, budget: budget), budget: budget)
                let (r, more) = try Rewriter.rewrite(c.value, rules: trig, budget: budget)
                consider(r, before + names + ["expand", "cancel"] + more, c.conditions)
            }
        }
        if rewrites {
            // an algebraic constant that is provably 0 (a separation bound and Arb's balls)
            if e.symbolNames.isEmpty, AlgebraicZero.isZero(e) == true { consider(.zero, ["algebraic_zero"], []) }
            for (base, before) in bases {
                for method in RewriteMethod.allCases where method != .expand_log && method != .expand_trig {
                    if method == .trigsimp && !hasTrig { continue }
                    try attempt {
                        let r = try method.apply(base, budget: budget)
                        guard r != base else { return }
                        consider(r, before + [method.rawValue], [])
                        // a rewrite can open the way for cancelling (radsimp, sqrtdenest)
                        let c = try RationalFunctions.cancel(r, budget: budget)
                        consider(c.value, before + [method.rawValue, "cancel"], c.conditions)
                    }
                }
            }
        }
        var best = candidates[0]
        for c in candidates.dropFirst() {
            if c.cost < best.cost || (c.cost == best.cost && c.value.description.utf8.count < best.value.description.utf8.count) {
                best = c
            }
        }
        return best
    }
}
