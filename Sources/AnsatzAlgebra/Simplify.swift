import AnsatzCore

/// `simplify`: tries the rule sets and the rational-function operations in a fixed order and keeps
/// the smallest result. Deterministic (same input, same output), and never unsound: rules fire
/// only where their conditions are known to hold, and cancellations are reported as conditions.
///
/// Cost (smaller is simpler): the number of nodes of the expression written out as a tree
/// by SymPy's count_ops measure (`operations`), then by tree size (every symbol, number, operator
/// and function call counts 1), then by the shorter text, then the earlier candidate. The
/// candidates, in order:
/// 1. the input;
/// 2. user rules, then the built-in sets trig_functions, radical, exp_log, trigonometric, each
///    rewritten to a fixpoint, in turn;
/// 3. of the input and of 2: cancel; factor (inputs of at most 20,000 nodes) then the trigonometric set; expand then the
///    trigonometric set (and cancel); sin_cos_normal_form (tan → sin/cos, sin² → 1 − cos²) then expand,
///    cancel and the trigonometric set.
/// 4. of the input and of 2: the named rewrites (trigsimp, expand_log, logcombine, powsimp,
///    powdenest, radsimp, sqrtdenest; see RewriteMethod) and gamma ratios, powers of integers in
///    a normal form, logarithms of perfect powers split, square roots of integers merged, each
///    also cancelled; an algebraic constant proven 0 is 0 (AlgebraicZero).
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

    /// Largest input (tree size) whose factored form is a candidate; the factor tool has no such limit.
    static let factorSizeLimit = 20_000

    public static func cost(_ e: Expr) -> Int { e.treeSize(limit: Int.max / 2) }

    /// Operations as SymPy's count_ops counts them (+, -, *, /, powers, negations, function
    /// calls; rational coefficients as a division): what "simpler" means to a reader, and so the
    /// first key of the choice between candidates (then the tree size, then the text's length).
    public static func operations(_ e: Expr) -> Int {
        var memo: [Expr: Int] = [:]
        func coefficient(_ c: Number) -> Int {
            guard let q = c.rational else { return 1 }
            if q.magnitude.isOne { return 0 }
            return (q.magnitude.numerator.isOne ? 0 : 1) + (q.denominator.isOne ? 0 : 1)
        }
        func ops(_ e: Expr) -> Int {
            if let known = memo[e] { return known }
            var n = 0
            switch e.kind {
            case let .number(c):
                n = coefficient(c) + ((c.rational?.isNegative ?? false) ? 1 : 0)
            case .symbol, .constant, .unit:
                n = 0
            case let .add(c, terms):
                n = terms.count - (c.isZero ? 1 : 0)  // a sum's constant is an operand, not an operation
                for t in terms { n += ops(t.expr) + coefficient(t.coefficient) }
            case let .mul(c, factors):
                let below = factors.filter { $0.exponent.rationalValue?.isNegative == true }.count
                let above = factors.count - below
                n = max(0, above - 1) + (below > 0 ? below : 0) + coefficient(c) + ((c.rational?.isNegative ?? false) ? 1 : 0)
                for f in factors { n += powerOps(f.base, f.exponent) }
            case let .pow(b, x):
                n = powerOps(b, x) + (x.rationalValue?.isNegative == true ? 1 : 0)
            case let .function(_, args):
                n = 1 + args.reduce(0) { $0 + ops($1) }
            case let .relation(_, l, r):
                n = 1 + ops(l) + ops(r)
            }
            memo[e] = n
            return n
        }
        /// b^x inside a product (a negative exponent's division is counted by the product)
        func powerOps(_ b: Expr, _ x: Expr) -> Int {
            if let q = x.rationalValue {
                if q.magnitude.isOne { return ops(b) }
                return 1 + ops(b)
            }
            return 1 + ops(b) + ops(x)
        }
        return ops(e)
    }

    /// The ordering of candidates: fewer operations, then a smaller tree, then shorter text.
    static func better(_ a: Result, than b: Result) -> Bool { simpler(a.value, than: b.value) }

    public static func simpler(_ a: Expr, than b: Expr) -> Bool {
        if a === b { return false }
        let (oa, ob) = (operations(a), operations(b))
        if oa != ob { return oa < ob }
        let (ca, cb) = (cost(a), cost(b))
        if ca != cb { return ca < cb }
        return a.description.utf8.count < b.description.utf8.count
    }

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
            // roots of integers multiplied out (sqrt(2)*sqrt(3) from an expansion is sqrt(6))
            if rewrites, !minimal, let merged = try? Rewrites.mergeRadicals(value, budget: budget), merged != value {
                candidates.append(Result(value: merged, applied: applied + ["merge_radicals"], conditions: conditions, cost: cost(merged)))
            }
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
        // after cancel, factor or expand: the trigonometric identities, then exp/log (cosh + sinh
        // becomes exp, and exp(y)/exp(-y) inside a log then exp(2y))
        let trig = (book.set(named: "trigonometric") ?? []) + (book.set(named: "exp_log") ?? [])
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
                // factoring a polynomial costs far more than linear time in its size (FLINT
                // proves each factor irreducible): a large input is factored only when asked
                guard cost(base) <= factorSizeLimit else { return }
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
            // internal candidates: gamma ratios, powers of integers normalised, logarithms of
            // perfect powers split, square roots of integers merged; each then cancelled
            let unnamed: [(String, (Expr, Budget) throws -> Expr)] = [
                ("gamma_ratios", Rewrites.gammaRatios), ("prime_bases", Rewrites.primeBases),
                ("numeric_logs", Rewrites.numericLogs), ("merge_radicals", Rewrites.mergeRadicals),
                ("gamma_normal", Rewrites.gammaNormal), ("exponential_powers", Rewrites.exponentialPowers),
                ("exponential_pairs", Rewrites.exponentialPairs), ("even_sine_powers", Rewrites.evenSinePowers),
            ]
            for (base, before) in bases {
                for (name, step) in unnamed {
                    try attempt {
                        let r = try step(base, budget)
                        guard r != base else { return }
                        consider(r, before + [name], [])
                        let c = try RationalFunctions.cancel(r, budget: budget)
                        consider(c.value, before + [name, "cancel"], c.conditions)
                        // and the power normal form undone where it is smaller: 2^(2x) back to 4^x
                        let p = try Rewrites.powsimp(c.value, budget: budget)
                        if p != c.value { consider(p, before + [name, "cancel", "powsimp"], c.conditions) }
                    }
                }
                for method in RewriteMethod.allCases where method != .expand_trig {
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
            if better(c, than: best) {
                best = c
            }
        }
        // each rewrite above started from the input: the winner may still improve by others
        // (1/(1 + sqrt(2)) + 2^(x+2)/4 needs radsimp and powsimp), kept one by one while smaller
        if rewrites, !minimal {
            for method in [RewriteMethod.powsimp, .powdenest, .radsimp, .sqrtdenest, .logcombine] {
                try attempt {
                    let r = try method.apply(best.value, budget: budget)
                    let candidate = Result(value: r, applied: best.applied + [method.rawValue], conditions: best.conditions, cost: cost(r))
                    if better(candidate, than: best) { best = candidate }
                }
            }
        }
        return best
    }
}
