import AnsatzCore

/// Bottom-up rewriting: every node is rebuilt from its rewritten children through the canonical
/// constructors, then offered to `rule`, which returns a replacement or nil. Shared subexpressions
/// are rewritten once; each node spends from the budget; deep inputs run on a large stack.
public enum Transform {
    public static func bottomUp(_ e: Expr, budget: Budget, doing: String, _ rule: (Expr) throws -> Expr?) throws -> Expr {
        try withoutActuallyEscaping(rule) { rule in
            // the caller waits while a deep input is rewritten on a large stack: the rule and
            // whatever it captures are used by one thread at a time
            let box = Unchecked(rule)
            return try LargeStack.run(ifDeeperThan: e.depth) {
                var memo = Memo()
                return try visit(e, budget, doing, box.value, &memo)
            }
        }
    }

    struct Unchecked<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// Rewritten nodes, and rewritten factors of products: a factor such as x^2 recurs in many
    /// terms of a sum, and rewriting it means building its power node and offering it to the rule.
    struct Memo {
        var nodes: [Expr: Expr] = [:]
        var factors: [Factor: (result: Expr, changed: Bool)] = [:]
    }

    static func visit(_ e: Expr, _ budget: Budget, _ doing: String, _ rule: (Expr) throws -> Expr?,
                      _ memo: inout Memo) throws -> Expr {
        if let known = memo.nodes[e] { return known }
        try budget.spend(1, doing: doing)
        let rebuilt: Expr
        switch e.kind {
        case .number, .symbol, .constant, .unit:
            rebuilt = e
        case let .add(c, terms):
            var parts: [(Expr, Number)] = [(.number(c), .one)]
            var changed = false
            for t in terms {
                let r = try visit(t.expr, budget, doing, rule, &memo)
                changed = changed || r !== t.expr
                parts.append((r, t.coefficient))
            }
            // nothing changed: the node itself (rebuilding would sort its terms again)
            rebuilt = changed ? Expr.add(scaled: parts) : e
        case let .mul(c, factors):
            var parts: [Expr] = [.number(c)]
            var changed = false
            for f in factors {
                if let known = memo.factors[f] {
                    changed = changed || known.changed
                    parts.append(known.result)
                    continue
                }
                let base = try visit(f.base, budget, doing, rule, &memo), exponent = try visit(f.exponent, budget, doing, rule, &memo)
                let power = Expr.pow(base, exponent)
                let r = try rule(power) ?? power
                let factorChanged = base !== f.base || exponent !== f.exponent || r !== power
                memo.factors[f] = (r, factorChanged)
                changed = changed || factorChanged
                parts.append(r)
            }
            rebuilt = changed ? Expr.mul(parts) : e
        case let .pow(b, x):
            rebuilt = Expr.pow(try visit(b, budget, doing, rule, &memo), try visit(x, budget, doing, rule, &memo))
        case let .function(name, args):
            let mapped = try args.map { try visit($0, budget, doing, rule, &memo) }
            if mapped == args { rebuilt = e; break }
            switch name {
            case let .builtin(f): rebuilt = Expr.function(f, mapped)
            case let .user(n): rebuilt = Expr.function(named: n, mapped)
            }
        case let .relation(op, l, r):
            rebuilt = Expr.relation(op, try visit(l, budget, doing, rule, &memo), try visit(r, budget, doing, rule, &memo))
        }
        let result = try rule(rebuilt) ?? rebuilt
        memo.nodes[e] = result
        return result
    }
}
