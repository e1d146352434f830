import AnsatzAlgebra
import Foundation
import AnsatzCore
import AnsatzNumbers
import AnsatzNumeric

/// Limits of a real variable at a point or at ±∞, one- or two-sided, by Gruntz's algorithm
/// (`Gruntz`), each answer then checked numerically at points approaching the limit point.
public enum Limit {
    public enum Direction: String, Sendable, CaseIterable {
        case right = "+"
        case left = "-"
        case both
    }

    public enum Point: Sendable, Equatable {
        case finite(Expr)
        case plusInfinity
        case minusInfinity

        public var text: String {
            switch self {
            case let .finite(a): return a.description
            case .plusInfinity: return "oo"
            case .minusInfinity: return "-oo"
            }
        }
    }

    public enum Value: Sendable, Equatable {
        case finite(Expr)
        case plusInfinity
        case minusInfinity

        /// Plain text: the expression, or oo / -oo.
        public var text: String {
            switch self {
            case let .finite(e): return e.description
            case .plusInfinity: return "oo"
            case .minusInfinity: return "-oo"
            }
        }
    }

    public struct Result: Sendable {
        public let value: Value
        /// How the answer was checked, or why it could not be.
        public let check: String
        /// False when the numeric check was inconclusive (then `check` says why).
        public let checked: Bool
    }

    static func fail(_ message: String, _ hint: String) -> Diagnostic { Diagnostic(.limitValue, message, hint: hint) }

    public static func limit(_ e: Expr, _ variable: String, at point: Point, direction: Direction = .both,
                             budget: Budget = .unlimited) throws -> Result {
        if case .relation = e.kind { throw fail("a relation has no limit", "take the limit of each side") }
        if case let .finite(a) = point, a.symbolNames.contains(variable) {
            throw fail("the limit point depends on \(variable)", "give a point free of the variable")
        }
        guard let symbol = Probe.symbols(of: e).first(where: { $0.name == variable }) else {
            return Result(value: .finite(e), check: "the expression does not depend on \(variable)", checked: true)
        }
        let v = Expr.symbol(symbol)
        if case .finite = point, direction == .both {
            let right = try oneSided(e, v, point, .right, budget)
            let left = try oneSided(e, v, point, .left, budget)
            if try same(left.value, right.value, budget) {
                return Result(value: right.value, check: right.check + "; " + left.check, checked: right.checked && left.checked)
            }
            throw fail("the limit does not exist: from the left it is \(left.value.text), from the right \(right.value.text)",
                       "ask for one side: direction + or -")
        }
        // oo is approached from below (direction -), -oo from above (+)
        if point == .plusInfinity && direction == .right || point == .minusInfinity && direction == .left {
            throw fail("\(point.text) can only be approached from \(point == .plusInfinity ? "below" : "above")",
                       "leave out the direction at an infinite point")
        }
        return try oneSided(e, v, point, direction, budget)
    }

    static func same(_ a: Value, _ b: Value, _ budget: Budget) throws -> Bool {
        switch (a, b) {
        case (.plusInfinity, .plusInfinity), (.minusInfinity, .minusInfinity): return true
        case let (.finite(p), .finite(q)):
            switch try Probe.zero(p - q, budget: budget) {
            case .zero: return true
            case .nonzero: return false
            case .unknown: throw fail("cannot tell whether the one-sided limits \(p) and \(q) are equal", "ask for one side: direction + or -")
            }
        default: return false
        }
    }

    /// The one-sided limit: x = a ± 1/t or x = ±t with t → ∞ in Gruntz's algorithm.
    static func oneSided(_ e: Expr, _ v: Expr, _ point: Point, _ direction: Direction, _ budget: Budget) throws -> Result {
        let t = Gruntz(budget: budget).x
        let approach: Expr
        switch point {
        case let .finite(a): approach = direction == .left ? a - Expr.pow(t, .minusOne) : a + Expr.pow(t, .minusOne)
        case .plusInfinity: approach = t
        case .minusInfinity: approach = -t
        }
        let value: Value
        // the algorithm's variable is t: its name in a message is put back in the user's terms
        let shownT: String
        switch point {
        case let .finite(a): shownT = a.isZero ? "1/\(v)" : "1/(\(v - a))"
        case .plusInfinity: shownT = "\(v)"
        case .minusInfinity: shownT = "(-\(v))"
        }
        do {
            let moved = try Substitution.apply(e, [(v, approach)], budget: budget)
            let raw = try LargeStack.run(ifDeeperThan: 0) { () throws -> Gruntz.Value in
                var gruntz = Gruntz(budget: budget)
                return try gruntz.limit(moved)
            }
            switch raw {
            case .plusInfinity: value = .plusInfinity
            case .minusInfinity: value = .minusInfinity
            case let .finite(c): value = .finite(try Simplify.simplify(c, budget: budget).value)
            }
        } catch var d as Diagnostic {
            if d.kind == .divisionByZero || d.kind == .evalDomain {
                d = fail("the limit could not be taken: \(d.message)", d.hint ?? "simplify the expression first")
            }
            d.message = d.message.replacingOccurrences(of: Gruntz.variableName, with: shownT)
            // the expansion's own variables (·w, ·u, ·L) have no name the user wrote
            d.message = d.message.replacingOccurrences(of: "·w", with: "w").replacingOccurrences(of: "·u", with: "u")
                .replacingOccurrences(of: "·L", with: "log(w)").replacingOccurrences(of: "·", with: "")
            throw d
        }
        let (checked, note) = try LimitCheck.check(e, v, point, direction, value, budget: budget)
        return Result(value: value, check: note, checked: checked)
    }
}

/// The numeric check of a limit: the expression at points approaching the limit point, in balls at
/// high precision with random values of the other symbols, must approach the answer (or grow past
/// every bound with its sign). Two ladders of points, x = a ± 1/t (or ±t at infinity) with
/// t = 16, 64, ..., 4096 (near enough that exp(-t) beside 1 stays within the precision) and
/// t = 10^4, 10^8, ..., 10^64 and 10^16, ..., 10^4096 (far enough for slow logarithms): the
/// answer stands when one agrees, and is withheld when every ladder that could be evaluated
/// disagrees.
enum LimitCheck {
    static let ladders: [(name: String, points: [Expr])] = [
        ("t = 16 ... 4096", (2...6).map { Expr.pow(.integer(4), .integer($0)) }),
        ("t = 10^4 ... 10^64", (0..<5).map { Expr.pow(.integer(10), .integer(4 << $0)) }),
        ("t = 10^16 ... 10^4096", (0..<5).map { Expr.pow(.integer(10), .integer(16 << (2 * $0))) }),
    ]

    static func check(_ e: Expr, _ v: Expr, _ point: Limit.Point, _ direction: Limit.Direction, _ value: Limit.Value,
                      budget: Budget) throws -> (Bool, String) {
        var random = SplitMix64(state: 0xC0FFEE)
        var values: [String: (Rational, Rational)] = [:]
        guard case let .symbol(variable) = v.kind else { return (false, "not checked") }
        for s in Probe.symbols(of: e) where s.name != variable.name { values[s.name] = Probe.value(for: s, &random) }
        for s in Probe.symbols(of: pointExpr(point)) where values[s.name] == nil { values[s.name] = Probe.value(for: s, &random) }
        var disagreement: String?
        var weak: String?
        for ladder in ladders {
            var samples: [ComplexBall] = []
            for t in ladder.points {
                try budget.spend(1, doing: "checking a limit")
                let at: Expr
                switch point {
                case let .finite(a): at = direction == .left ? a - Expr.pow(t, .minusOne) : a + Expr.pow(t, .minusOne)
                case .plusInfinity: at = t
                case .minusInfinity: at = -t
                }
                let here = try Substitution.apply(e, [(v, at)], budget: budget)
                for bits in [1024, 8192] {
                    if let z = Probe.ball(here, values, bits: bits, budget: budget), z.isFinite, z.accuracyBits >= 64 || z.radius < 1e-60 {
                        samples.append(z)
                        break
                    }
                }
            }
            guard samples.count >= 3 else { continue }
            switch try verdict(samples, value, values, budget) {
            case .agrees:
                return (true, "checked numerically at \(ladder.name) (x = \(pointExpr(point).description) ± 1/t, or ±t at infinity)")
            case let .weak(why): weak = why
            case let .disagrees(why): disagreement = why
            }
        }
        // a ladder that disagrees outweighs one that is merely slow
        if let disagreement {
            throw Diagnostic(.internalError, "the limit found, \(value.text), disagrees with the values near the point (\(disagreement))",
                             hint: "please report this expression; the answer was withheld")
        }
        if let weak { return (false, "not confirmed numerically: the values near the point approach it too slowly to tell (\(weak))") }
        return (false, "not checked numerically: the expression could not be evaluated near the point")
    }

    enum Verdict {
        case agrees
        /// moving the right way, too slowly to confirm (iterated logarithms)
        case weak(String)
        case disagrees(String)
    }

    /// Whether the samples (in order of approach) bear the value out.
    static func verdict(_ samples: [ComplexBall], _ value: Limit.Value, _ values: [String: (Rational, Rational)],
                        _ budget: Budget) throws -> Verdict {
        switch value {
        case let .finite(l):
            guard let limit = Probe.ball(l, values, bits: 1024, budget: budget), limit.isFinite else { return .weak("the limit has no value at the points tried") }
            let d = samples.map { $0.minus(limit, precision: 1024).magnitude }
            let shown = "distances " + d.map { String(format: "%.2g", $0) }.joined(separator: ", ")
            if let last = d.last, last < 1e-30 * max(1, limit.magnitude) { return .agrees }
            // the envelope shrinks (an oscillation such as sin(x)/x need not shrink at every step)
            let early = d.prefix(2).max() ?? 0, late = d.suffix(2).max() ?? 0
            guard let first = d.first, let last = d.last, last < first, late < early else { return .disagrees(shown) }
            return late <= 0.5 * early ? .agrees : .weak(shown)
        case .plusInfinity, .minusInfinity:
            let sign: Double = value == .plusInfinity ? 1 : -1
            // sign * value on a log scale (the values may be past Double's range: exp(10^32))
            var growth: [Double] = []
            for z in samples {
                guard z.mayBeReal else { return .disagrees("the values are not real") }
                growth.append(sign * z.realBoundLog1p(upper: sign < 0))
            }
            let shown = "sizes " + growth.map { String(format: "%.3g", $0) }.joined(separator: ", ")
            // eventually increasing (exp(x)/x^100 falls until x = 100), past every earlier value
            let lastThree = Array(growth.suffix(3))
            guard zip(lastThree, lastThree.dropFirst()).allSatisfy({ $1 > $0 }), let last = growth.last,
                  let earlier = growth.dropLast().max(), last > earlier, let first = growth.first else { return .disagrees(shown) }
            return last > first + 0.5 ? .agrees : .weak(shown)
        }
    }

    static func pointExpr(_ p: Limit.Point) -> Expr {
        if case let .finite(a) = p { return a }
        return .zero
    }
}
