import AnsatzCore
import AnsatzNumbers

/// Matching a rule's pattern against a canonical expression, modulo the commutativity and
/// associativity of sums and products.
///
/// - A pattern variable matches any expression (the same one at every occurrence).
/// - Inside a pattern, a product (sum) matches a whole product (sum): its non-variable factors
///   (terms) each match a distinct factor (term) of the subject, and its last bare variable takes
///   what is left (so `log(a*b)` against log(x*y*z) binds a = x, b = y*z). A numeric coefficient
///   must have the same sign as the subject's (`sin(-a)` does not match sin(x) with a = -x).
/// - At the root of a rule, a sum or product matches *part* of the subject, scaled: `sin(a)^2 +
///   cos(a)^2 -> 1` rewrites 3*sin(x)^2 + 3*cos(x)^2 + y to 3 + y.
struct Matcher {
    typealias Bindings = [String: Expr]
    let variables: Set<String>
    /// Subpatterns without variables (see `Rule.ground`).
    let ground: Set<Expr>
    /// Bounds the backtracking (a sum of n terms against a pattern of k has n^k assignments).
    var steps = 0
    static let maxSteps = 20_000

    init(variables: Set<String>, ground: Set<Expr>) {
        self.variables = variables
        self.ground = ground
    }

    func isVariable(_ e: Expr) -> String? {
        if case let .symbol(s) = e.kind, variables.contains(s.name) { return s.name }
        return nil
    }

    /// A pattern variable not bound yet.
    func isFreeVariable(_ e: Expr, _ bindings: Bindings) -> Bool {
        isVariable(e).map { bindings[$0] == nil } ?? false
    }

    /// Every way `pattern` matches all of `subject`, extending `bindings`.
    mutating func match(_ pattern: Expr, _ subject: Expr, _ bindings: Bindings) -> [Bindings] {
        steps += 1
        guard steps < Self.maxSteps else { return [] }
        if let v = isVariable(pattern) {
            if let bound = bindings[v] { return bound === subject ? [bindings] : [] }
            var b = bindings
            b[v] = subject
            return [b]
        }
        if ground.contains(pattern) {
            return pattern === subject ? [bindings] : []
        }
        switch pattern.kind {
        case let .function(name, pargs):
            guard case let .function(sname, sargs) = subject.kind, name == sname, pargs.count == sargs.count else { return [] }
            var partial = [bindings]
            for (p, s) in zip(pargs, sargs) {
                partial = partial.flatMap { match(p, s, $0) }
                if partial.isEmpty { return [] }
            }
            return partial
        case let .pow(pb, pe):
            if case let .pow(sb, se) = subject.kind {
                return match(pb, sb, bindings).flatMap { match(pe, se, $0) }
            }
            return []
        case let .mul(pc, pfactors):
            return matchProduct(pc, pfactors, subject, bindings, partial: false).map(\.bindings)
        case let .add(pc, pterms):
            return matchSum(pc, pterms, subject, bindings, partial: false).map(\.bindings)
        case let .relation(op, pl, pr):
            guard case let .relation(sop, sl, sr) = subject.kind, op == sop else { return [] }
            return match(pl, sl, bindings).flatMap { match(pr, sr, $0) }
        default:
            return []
        }
    }

    struct Partial {
        var bindings: Bindings
        /// What the matched part was scaled by (partial matches at a rule's root).
        var scale: Rational
        /// Subject parts not matched (partial matches only).
        var rest: [Expr]
    }

    static func factors(of e: Expr) -> (Rational?, [Factor]) {
        switch e.kind {
        case let .mul(c, fs): return (c.rational, fs)
        case let .number(n): return (n.rational, [])
        default: return (.one, [Factor(e, .one)])
        }
    }

    mutating func matchProduct(_ pc: Number, _ pfactors: [Factor], _ subject: Expr, _ bindings: Bindings,
                               partial: Bool) -> [Partial] {
        guard let pcoefficient = pc.rational else { return [] }
        let (sc, sfactors) = Self.factors(of: subject)
        guard let scoefficient = sc, scoefficient.signum == pcoefficient.signum, !pcoefficient.isZero else { return [] }
        // a bare variable factor (exponent 1) takes the rest, when not matching partially
        var fixed = pfactors
        var restVariable: String?
        if !partial, let i = fixed.lastIndex(where: { isFreeVariable($0.base, bindings) && $0.exponent.isOne }) {
            restVariable = isVariable(fixed[i].base)
            fixed.remove(at: i)
        }
        var results: [Partial] = []
        var used = [Bool](repeating: false, count: sfactors.count)
        func assign(_ k: Int, _ b: Bindings) {
            guard steps < Self.maxSteps, results.count < 8 else { return }
            if k == fixed.count {
                let remaining = sfactors.indices.filter { !used[$0] }.map { Expr.pow(sfactors[$0].base, sfactors[$0].exponent) }
                let ratio = (try? scoefficient / pcoefficient) ?? .one
                if let v = restVariable {
                    var bb = b
                    let value = Expr.mul([.rational(ratio)] + remaining)
                    if value.isOne { return }  // log(a*b) does not match log(x) with b = 1
                    if let bound = bb[v] { if bound !== value { return } } else { bb[v] = value }
                    results.append(Partial(bindings: bb, scale: .one, rest: []))
                } else if partial {
                    results.append(Partial(bindings: b, scale: ratio, rest: remaining))
                } else if remaining.isEmpty && ratio.isOne {
                    results.append(Partial(bindings: b, scale: .one, rest: []))
                }
                return
            }
            let p = fixed[k]
            for (i, f) in sfactors.enumerated() where !used[i] {
                steps += 1
                // a bare variable takes a whole factor, power included (a in log(a*b) binds x^3)
                let candidates = isVariable(p.base) != nil && p.exponent.isOne
                    ? match(p.base, Expr.pow(f.base, f.exponent), b)
                    : match(p.base, f.base, b).flatMap({ match(p.exponent, f.exponent, $0) })
                for nb in candidates {
                    used[i] = true
                    assign(k + 1, nb)
                    used[i] = false
                }
            }
        }
        assign(0, bindings)
        return results
    }

    mutating func matchSum(_ pc: Number, _ pterms: [Term], _ subject: Expr, _ bindings: Bindings,
                           partial: Bool) -> [Partial] {
        guard let pconstant = pc.rational else { return [] }
        let sconstant: Rational?, sterms: [Term]
        switch subject.kind {
        case let .add(c, ts): (sconstant, sterms) = (c.rational, ts)
        case let .number(n): (sconstant, sterms) = (n.rational, [])
        case let .mul(c, fs) where !partial:
            (sconstant, sterms) = (.zero, [Term(Expr.mul([Expr.number(.one)] + fs.map { Expr.pow($0.base, $0.exponent) }), c)])
        default: (sconstant, sterms) = (.zero, [Term(subject, .one)])
        }
        guard let sconst = sconstant else { return [] }
        var fixed = pterms
        var restVariable: String?
        if !partial, let i = fixed.lastIndex(where: { isFreeVariable($0.expr, bindings) && $0.coefficient.isOne }) {
            restVariable = isVariable(fixed[i].expr)
            fixed.remove(at: i)
        }
        var results: [Partial] = []
        var used = [Bool](repeating: false, count: sterms.count)
        // in a partial match every term's coefficient is the pattern's times one common scale
        func assign(_ k: Int, _ b: Bindings, _ scale: Rational?) {
            guard steps < Self.maxSteps, results.count < 8 else { return }
            if k == fixed.count {
                let s = scale ?? (pconstant.isZero ? .one : ((try? sconst / pconstant) ?? .one))
                var remaining = sterms.indices.filter { !used[$0] }.map { Expr.scaled(sterms[$0].expr, by: sterms[$0].coefficient) }
                let constantLeft = pconstant.isZero ? sconst : sconst - s * pconstant
                if let v = restVariable {
                    var bb = b
                    let value = Expr.add([.rational(constantLeft)] + remaining)
                    if value.isZero { return }  // f(a + b) does not match f(x) with b = 0
                    if let bound = bb[v] { if bound !== value { return } } else { bb[v] = value }
                    if s.isOne { results.append(Partial(bindings: bb, scale: .one, rest: [])) }
                } else if partial {
                    // a constant in the pattern is matched exactly (scaled): 1 - sin(a)^2 rewrites
                    // 3 - 3*sin(x)^2 but not y - sin(x)^2, which would trade one form for another
                    if !pconstant.isZero && !(constantLeft.isZero) { return }
                    if !constantLeft.isZero { remaining.append(.rational(constantLeft)) }
                    results.append(Partial(bindings: b, scale: s, rest: remaining))
                } else if remaining.isEmpty && constantLeft.isZero && s.isOne {
                    results.append(Partial(bindings: b, scale: .one, rest: []))
                }
                return
            }
            let p = fixed[k]
            guard let pcoef = p.coefficient.rational else { return }
            for (i, t) in sterms.enumerated() where !used[i] {
                steps += 1
                guard let tcoef = t.coefficient.rational, let ratio = try? tcoef / pcoef else { continue }
                if !partial && !ratio.isOne { continue }
                if let scale, scale != ratio { continue }
                for nb in match(p.expr, t.expr, b) {
                    used[i] = true
                    assign(k + 1, nb, ratio)
                    used[i] = false
                }
            }
        }
        assign(0, bindings, nil)
        return results
    }
}
