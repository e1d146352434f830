import AnsatzCore

/// Simultaneous substitution: every occurrence of each pattern (a symbol, or a subexpression as a
/// whole node) is replaced at once, so `{x: y, y: x}` swaps. The result is rebuilt through the
/// canonical constructors, so it comes out simplified as far as construction goes.
public enum Substitution {
    public static func apply(_ e: Expr, _ rules: [(Expr, Expr)], budget: Budget = .unlimited) throws -> Expr {
        let table = Dictionary(rules.map { ($0.0, $0.1) }, uniquingKeysWith: { _, last in last })
        return try LargeStack.run(ifDeeperThan: e.depth) {
            var memo: [Expr: Expr] = [:]
            return try replace(e, table, budget, &memo)
        }
    }

    static func replace(_ e: Expr, _ table: [Expr: Expr], _ budget: Budget,
                        _ memo: inout [Expr: Expr]) throws -> Expr {
        if let hit = table[e] { return hit }
        if let known = memo[e] { return known }
        try budget.spend(1, doing: "substituting")
        let result: Expr
        switch e.kind {
        case .number, .symbol, .constant, .unit:
            result = e
        case let .add(c, terms):
            var parts: [(Expr, Number)] = [(.number(c), .one)]
            for t in terms { parts.append((try replace(t.expr, table, budget, &memo), t.coefficient)) }
            result = Expr.add(scaled: parts)
        case let .mul(c, factors):
            var parts: [Expr] = [.number(c)]
            for f in factors {
                parts.append(try Checked.pow(try replace(f.base, table, budget, &memo), try replace(f.exponent, table, budget, &memo)))
            }
            result = Expr.mul(parts)
        case let .pow(b, x):
            result = try Checked.pow(try replace(b, table, budget, &memo), try replace(x, table, budget, &memo))
        case let .function(.builtin(f), args):
            result = Expr.function(f, try args.map { try replace($0, table, budget, &memo) })
        case let .function(.user(name), args):
            result = Expr.function(named: name, try args.map { try replace($0, table, budget, &memo) })
        case let .relation(op, l, r):
            result = Expr.relation(op, try replace(l, table, budget, &memo), try replace(r, table, budget, &memo))
        }
        memo[e] = result
        return result
    }
}

/// Constructors that refuse what has no value instead of folding it away.
enum Checked {
    /// `base^exponent`, or E-DIVISION-BY-ZERO for an exact zero to a negative power (which a
    /// product would otherwise fold: 0 * 0^-1 is 0 in canonical arithmetic).
    static func pow(_ base: Expr, _ exponent: Expr) throws -> Expr {
        if base.isZero, base.rationalValue != nil, exponent.rationalValue?.isNegative == true {
            throw Diagnostic(.divisionByZero, "division by zero: the base of \(Expr.pow(base, exponent)) became 0",
                             hint: "substitute values at which the expression is defined, or take a limit")
        }
        return Expr.pow(base, exponent)
    }
}
