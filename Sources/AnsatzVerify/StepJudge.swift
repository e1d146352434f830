import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import AnsatzNumeric
import AnsatzParse
import AnsatzUnits
#if canImport(Glibc)
import Glibc
#endif

extension Context {
    // MARK: Dimensions

    /// A dimension error in the step as written, or (in a chain) a change of dimension from the
    /// previous step; nil when the dimensions are right or the derivation has none.
    func dimensionProblem(_ step: ParsedStep, text: String, previous: ParsedStep?) throws -> (detail: String, evidence: [(String, JSONValue)])? {
        guard dimensioned else { return nil }
        do {
            _ = try DimensionCheck.check(step.parse, source: text, environment: environment, budget: budget)
        } catch let d as Diagnostic where d.kind == .dimension || d.kind == .dimensionUndeclared {
            var evidence: [(String, JSONValue)] = [("message", .string(d.message))]
            if let span = d.span {
                let scalars = Array(text.unicodeScalars)
                let lo = max(0, min(span.start, scalars.count)), hi = max(lo, min(span.end, scalars.count))
                evidence.append(("subexpression", .string(String(String.UnicodeScalarView(scalars[lo..<hi])))))
                evidence.append(("span", .object([("start", .int(span.start)), ("end", .int(span.end))])))
            }
            return (d.message, evidence)
        }
        guard derivation.stepKind == .chain, let previous else { return nil }
        // (a previous step with a dimension error of its own has no dimension to keep)
        let now = try environment.quantity(of: step.expr, values: false, budget: budget).dimension
        guard let before = try? environment.quantity(of: previous.expr, values: false, budget: budget).dimension else { return nil }
        guard environment.equivalent(now, before) else {
            let names = derivation.sideNames
            return ("\(names.after) has dimension \(environment.describe(now)), \(names.before) \(environment.describe(before))",
                    [("dimension", .string(now.description)), ("previous_dimension", .string(before.description))])
        }
        return nil
    }

    // MARK: Equality

    /// The difference that must vanish: in a chain, this step minus the previous one; for
    /// equations, lhs - rhs of one step.
    static func difference(_ e: Expr) -> Expr {
        if case let .relation(_, lhs, rhs) = e.kind { return Expr.add([lhs, Expr.mul([Expr.minusOne, rhs])]) }
        return e
    }

    func judge(_ step: ParsedStep, after previous: ParsedStep, report: StepReport) throws -> StepReport {
        var report = report
        switch derivation.stepKind {
        case .chain:
            let difference = Expr.add([step.value, Expr.mul([Expr.minusOne, previous.value])])
            return try judgeZero(difference, lhs: previous.value, rhs: step.value, report: &report)
        case .equations:
            // an identity on its own holds wherever anything does
            let now = Context.difference(step.value), before = Context.difference(previous.value)
            if let zero = try symbolicallyZero(now) {
                report.verdict = .verified
                report.method = "symbolic"
                report.detail = "the step is an identity: its two sides simplify to the same expression" + zero
                return report
            }
            // a nonzero constant multiple of the previous equation
            if !before.isZero, let ratio = try? Simplify.simplify(Expr.mul([now, Expr.pow(before, Expr.minusOne)]), budget: budget).value,
               let q = ratio.rationalValue, !q.isZero {
                report.verdict = .verified
                report.method = "symbolic"
                report.detail = "lhs - rhs is \(q) times that of \(derivation.sideNames.before)"
                return report
            }
            // the previous equation holds everywhere: this one must too
            if try symbolicallyZero(before) != nil {
                guard case let .relation(_, l, r) = step.value.kind else { return report }
                return try judgeZero(now, lhs: l, rhs: r, report: &report)
            }
            return try onSolutions(of: previous.value, step: step.value, report: &report)
        }
    }

    /// Tests an equation at points where the previous one holds: all but one variable drawn at
    /// random, that one solved for by Newton's method from random starts (in complex balls; real
    /// for a real variable), then this step's two sides compared there.
    func onSolutions(of previous: Expr, step: Expr, report: inout StepReport) throws -> StepReport {
        guard case let .relation(_, pl, pr) = previous.kind, case let .relation(_, l, r) = step.kind else { return report }
        let before = Context.difference(previous)
        let candidates = before.symbolNames.filter(isVariable)
        guard !candidates.isEmpty else {
            report.method = "no solutions to sample"
            report.detail = "the previous equation has no variables to solve for, so its solutions cannot be sampled"
            return report
        }
        // solve for a variable this step uses too, a real one when there is one
        let inStep = Set(step.symbolNames)
        func isRealVariable(_ n: String) -> Bool {
            guard let d = declarations[n] else { return false }
            return d.unit != nil || !Set(d.assumptions).isDisjoint(with: [.real, .positive, .negative, .nonnegative, .integer])
        }
        let x = candidates.sorted { a, b in
            (inStep.contains(a) ? 0 : 1, isRealVariable(a) ? 0 : 1, a) < (inStep.contains(b) ? 0 : 1, isRealVariable(b) ? 0 : 1, b)
        }[0]
        if declarations[x]?.assumptions.contains(.integer) == true {
            report.method = "unsupported"
            report.detail = "the previous equation would be solved for the integer \(x); that is not supported"
            return report
        }
        let slope = try Derivative.of(before, by: x, budget: budget)
        var sampler = Sampler(context: self, seed: UInt64(truncatingIfNeeded: report.number &* 104_729 &+ 3))
        let names = Array(Set(previous.symbolNames + step.symbolNames)).sorted().filter(isVariable)
        var agreed = 0, attempts = 0, noRoot = 0
        while agreed < Verifier.points && attempts < 40 * Verifier.points {
            attempts += 1
            try budget.spend(1, doing: "testing an equation on the previous one's solutions")
            guard let drawn = try sampler.point(names, checkConstraints: false), let start = drawn.values[x] else { continue }
            // several starts, spread in size (and in direction for a complex variable), so that
            // more than the root nearest the draw is tested: x = 1 from (x-1)(x-10) = 0 must meet x = 10
            var starts: [(real: Rational, imaginary: Rational)] = [(start.real, start.imaginary)]
            for k in [-2, 1, 4, 7] {
                let size = ((try? Rational(1 << (k + 2), 4)) ?? Rational(1)) * (scales[x] ?? Rational(1))
                if start.imaginary.isZero {
                    starts.append((start.real.signum < 0 ? -size : size, .zero))
                    if declarations[x].map({ Set($0.assumptions).isDisjoint(with: [.positive, .nonnegative]) }) ?? true { starts.append((start.real.signum < 0 ? size : -size, .zero)) }
                } else {
                    starts.append((size * Rational(k), size))
                }
            }
            var roots: [Point] = []
            for s in starts {
                var point = drawn
                guard let root = try newton(before, slope: slope, variable: x, point: &point, bits: Verifier.bits, start: s),
                      try sampler.satisfiesConstraints(point) else { continue }
                let duplicate = roots.contains { other in
                    guard let o = other.values[x] else { return false }
                    let dr = (o.real - root.real).doubleValue, di = (o.imaginary - root.imaginary).doubleValue
                    return abs(dr) + abs(di) <= 1e-20 * (abs(root.real.doubleValue) + abs(root.imaginary.doubleValue) + 1e-300)
                }
                if !duplicate { roots.append(point) }
            }
            if roots.isEmpty { noRoot += 1; continue }
            for point in roots {
            guard let root = point.values[x].map({ (real: $0.real, imaginary: $0.imaginary) }) else { continue }
            let sides: (ComplexBall, ComplexBall)
            do {
                sides = (try evaluate(l, point, bits: Verifier.bits), try evaluate(r, point, bits: Verifier.bits))
            } catch BallEvaluation.Failure.undefined {
                noRoot += 1
                continue
            } catch let BallEvaluation.Failure.unsupported(why) {
                report.method = "unsupported"
                report.detail = "cannot test numerically: \(why)"
                return report
            }
            guard sides.0.hasUsableMagnitude, sides.1.hasUsableMagnitude else { continue }
            let scale = max(sides.0.magnitude, sides.1.magnitude, 1e-300)
            let d = sides.0.minus(sides.1, precision: Verifier.bits)
            // the root is good to about 2^-100 of its size: agreement must be that close, and
            // the ball of the difference must contain 0
            if d.containsZero || d.magnitude <= scale * 0x1p-96 {
                if agreed < Verifier.points { agreed += 1 }
                continue
            }
            // refine the root at a higher precision before calling it a counterexample
            var fine = point
            guard try newton(before, slope: slope, variable: x, point: &fine, bits: Verifier.confirmBits, start: root) != nil,
                  let l2 = try? evaluate(l, fine, bits: Verifier.confirmBits), let r2 = try? evaluate(r, fine, bits: Verifier.confirmBits),
                  let pl2 = try? evaluate(pl, fine, bits: Verifier.confirmBits), let pr2 = try? evaluate(pr, fine, bits: Verifier.confirmBits) else { continue }
            let d2 = l2.minus(r2, precision: Verifier.confirmBits)
            guard !d2.containsZero, d2.magnitude > max(l2.magnitude, r2.magnitude) * 0x1p-100 else { continue }
            // the previous equation must hold there to far better than this one fails
            let p2 = pl2.minus(pr2, precision: Verifier.confirmBits)
            // (relative to the values in play and 1: one side of an equation is often 0)
            guard p2.magnitude <= max(pl2.magnitude, pr2.magnitude, l2.magnitude, r2.magnitude, 1) * 0x1p-400 else { continue }
            report.verdict = .refuted
            report.method = "counterexample"
            report.detail = "at " + fine.description(names, approximate: [x]) + " (\(x) solved from \(derivation.sideNames.before)) \(derivation.sideNames.before) holds, "
                + "\(pl2.decimal(digits: 12)) = \(pr2.decimal(digits: 12)), but \(derivation.sideNames.after) does not: \(l2.decimal(digits: 12)) against \(r2.decimal(digits: 12))"
            report.evidence = [
                ("point", .object(names.compactMap { n in fine.values[n].map { (n, .string(n == x ? $0.decimal : $0.text)) } })),
                ("solved_for", .string(x)), ("lhs", .string(l2.decimal(digits: 20))), ("rhs", .string(r2.decimal(digits: 20))),
                ("previous_lhs", .string(pl2.decimal(digits: 20))), ("previous_rhs", .string(pr2.decimal(digits: 20))),
                ("bits", .int(Verifier.confirmBits)),
                ("proof", .string("\(x) solves the previous equation to 2^-400 of its sides (Newton's method in Arb balls at \(Verifier.confirmBits) bits); this equation's two sides differ there by a ball that excludes 0")),
            ]
            if dimensioned { report.evidence.append(("units", .string("values in SI units"))) }
            return report
            }
        }
        if agreed >= Verifier.points {
            report.verdict = .verified
            report.method = "randomised"
            report.detail = "holds at \(agreed) random points where \(derivation.sideNames.before) holds (\(x) solved for by Newton's method, \(Verifier.bits)-bit complex balls)"
            report.evidence = [("points", .int(agreed)), ("solved_for", .string(x)), ("bits", .int(Verifier.bits))]
            return report
        }
        report.method = "inconclusive"
        report.detail = "found only \(agreed) points where the previous equation holds (solving for \(x) failed \(noRoot) times)"
        report.evidence = [("points", .int(agreed)), ("solved_for", .string(x))]
        return report
    }

    /// Newton's method for `f(x) = 0` with the other variables of `point` fixed, from `start` or
    /// the point's own value of x; stores the root in `point` and returns it, or nil when it
    /// does not converge, leaves the variable's domain or meets a singular point.
    func newton(_ f: Expr, slope: Expr, variable x: String, point: inout Point, bits: Int,
                start: (real: Rational, imaginary: Rational)? = nil) throws -> (real: Rational, imaginary: Rational)? {
        guard let initial = point.values[x] else { return nil }
        var current = start ?? (initial.real, initial.imaginary)
        let real = initial.imaginary.isZero && start?.imaginary.isZero ?? true
        let assumptions = Set(declarations[x]?.assumptions ?? [])
        for _ in 0..<80 {
            try budget.spend(1, doing: "solving for \(x)")
            point.values[x] = initial.with(real: current.real, imaginary: current.imaginary)
            guard let value = try? evaluate(f, point, bits: bits), let derivative = try? evaluate(slope, point, bits: bits),
                  !derivative.containsZero else { return nil }
            let step = value.divided(by: derivative, precision: bits)
            guard let delta = step.midpoint else { return nil }
            var next = (real: current.real - delta.real, imaginary: real ? Rational.zero : current.imaginary - delta.imaginary)
            // keep the mantissa short: the midpoint of a ball at this precision
            if let rounded = ComplexBall(real: next.real, imaginary: next.imaginary, precision: bits + 8).midpoint { next = rounded }
            if assumptions.contains(.positive) && next.real.signum <= 0 { return nil }
            if assumptions.contains(.negative) && next.real.signum >= 0 { return nil }
            if assumptions.contains(.nonnegative) && next.real.signum < 0 { return nil }
            let size = max(abs(next.real.doubleValue) + abs(next.imaginary.doubleValue), 1e-300)
            current = next
            if step.magnitude <= size * pow(2, -Double(bits - 24)) {
                point.values[x] = initial.with(real: current.real, imaginary: current.imaginary)
                // the root must make f small, not only the step
                guard let check = try? evaluate(f, point, bits: bits), check.magnitude <= max(value.magnitude, 1) * pow(2, -Double(bits / 2)) else { return nil }
                return current
            }
        }
        return nil
    }

    /// " (by ...)" when `e` simplifies to 0, nil when it does not (or the budget for it ran out).
    func symbolicallyZero(_ e: Expr) throws -> String? {
        if e.isZero { return "" }
        guard derivation.symbolic else { return nil }
        do {
            let simplified = try Simplify.simplify(e, budget: budget)
            return simplified.value.isZero ? "" : nil
        } catch let d as Diagnostic where d.kind.isBudgetOrLimit && !budget.isExhausted {
            return nil  // too big for the simplifier: the random points decide
        }
    }

    /// Judges `difference == 0` on the domain: symbolic first, then exact numbers, then random points.
    func judgeZero(_ difference: Expr, lhs: Expr, rhs: Expr, report: inout StepReport) throws -> StepReport {
        // the simplified difference: 0 is a proof; otherwise it is evaluated too, because a term
        // far smaller than both sides (hbar*omega next to m*c^2) is lost in their rounding
        var reduced = difference
        if difference.isZero || derivation.symbolic {
            do {
                reduced = difference.isZero ? difference : try Simplify.simplify(difference, budget: budget).value
            } catch let d as Diagnostic where d.kind.isBudgetOrLimit && !budget.isExhausted {
                reduced = difference  // too big for the simplifier: the random points decide
            }
            if reduced.isZero {
                report.verdict = .verified
                report.method = "symbolic"
                report.detail = "the difference of the two sides simplifies to 0"
                return report
            }
        }
        let measured = measuredConstants(in: difference)
        // no symbols at all: exact numbers, compared exactly when the simplifier gives a rational
        if measured.isEmpty, difference.symbolNames.isEmpty, !dimensioned || !hasUnits(difference),
           let q = (try? Simplify.simplify(difference, budget: budget))?.value.rationalValue {
            report.verdict = q.isZero ? .verified : .refuted
            report.method = "exact"
            report.detail = q.isZero ? "both sides are the same number" : "the two sides differ by \(q) exactly"
            report.evidence = [("difference", .string(q.description))]
            return report
        }
        // only numbers, units and exact constants: their exact SI values, compared exactly (3 m and 300 cm)
        if measured.isEmpty, dimensioned, !difference.symbolNames.contains(where: isVariable),
           let l = try? environment.quantity(of: lhs, values: true, budget: budget).value,
           let r = try? environment.quantity(of: rhs, values: true, budget: budget).value,
           let q = (try? Simplify.simplify(Expr.add([r, Expr.mul([Expr.minusOne, l])]), budget: budget))?.value.rationalValue {
            report.verdict = q.isZero ? .verified : .refuted
            report.method = "exact"
            report.detail = q.isZero ? "the same quantity (exact SI values)" : "the SI values differ by \(q) exactly"
            report.evidence = [("difference_si", .string(q.description))]
            return report
        }
        return try randomised(lhs: lhs, rhs: rhs, difference: reduced, measured: measured, report: &report)
    }

    /// Constants by name whose values are measured (CODATA values with an uncertainty): a step
    /// that uses them can hold in physics while their rounded values differ.
    func measuredConstants(in e: Expr) -> [String] {
        guard dimensioned else { return [] }
        return e.symbolNames.filter { declarations[$0] == nil && (PhysicalConstants.constant(named: $0).map { !$0.isExact } ?? false) }
    }

    /// A name that takes random values: declared, or (in pure mathematics, or when it is no
    /// constant) a plain symbol.
    func isVariable(_ name: String) -> Bool {
        declarations[name] != nil || !dimensioned || environment.resolve(name) == nil
    }

    /// A unit written as a unit somewhere in `e` (each shared node visited once).
    func hasUnits(_ e: Expr) -> Bool {
        var seen = Set<Expr>()
        var stack = [e]
        while let x = stack.popLast() {
            guard seen.insert(x).inserted else { continue }
            if case .unit = x.kind { return true }
            stack.append(contentsOf: x.children)
        }
        return false
    }

    // MARK: Random points

    /// Compares the two sides at random points of the domain in complex ball arithmetic; the
    /// simplified difference is evaluated too, and every agreement is confirmed at 512 bits at
    /// the end, so that a term far below the sides' size is not lost in rounding.
    func randomised(lhs: Expr, rhs: Expr, difference: Expr, measured: [String], report: inout StepReport) throws -> StepReport {
        var sampler = Sampler(context: self, seed: UInt64(truncatingIfNeeded: report.number &* 7919 &+ 17))
        // constants read by name (c, hbar) take their values, not random ones
        let names = Array(Set(lhs.symbolNames + rhs.symbolNames)).sorted().filter { isVariable($0) }
        var agreedPoints: [Point] = []
        var undefined = 0, loose = 0, attempts = 0, withinUncertainty = 0
        var lastUndefined = ""
        func refute(_ point: Point) throws -> Bool {
            guard let l2 = try? evaluate(lhs, point, bits: Verifier.confirmBits), let r2 = try? evaluate(rhs, point, bits: Verifier.confirmBits) else { return false }
            let d2 = l2.minus(r2, precision: Verifier.confirmBits)
            let dd2 = try? evaluate(difference, point, bits: Verifier.confirmBits)
            guard !d2.containsZero || (dd2.map { !$0.containsZero } ?? false) else { return false }
            // with measured constants: a difference within their uncertainties refutes nothing
            if !measured.isEmpty, let lw = try? evaluate(lhs, point, bits: Verifier.confirmBits, widened: true),
               let rw = try? evaluate(rhs, point, bits: Verifier.confirmBits, widened: true),
               lw.minus(rw, precision: Verifier.confirmBits).containsZero {
                withinUncertainty += 1
                return false
            }
            let unit = dimensioned ? ((try? environment.quantity(of: lhs, values: false, budget: budget).dimension).map { $0.isDimensionless ? "" : " " + $0.siUnitText } ?? "") : ""
            let at = names.isEmpty ? "the two sides (no variables):" : "at " + point.description(names)
            report.verdict = .refuted
            report.method = "counterexample"
            report.detail = "\(at) \(derivation.sideNames.before) is \(l2.decimal(digits: 12))\(unit) and \(derivation.sideNames.after) \(r2.decimal(digits: 12))\(unit)"
                + (dd2.map { $0.containsZero ? "" : " (they differ by \($0.decimal(digits: 6))\(unit))" } ?? "")
            if names.contains("e") && declarations["e"] == nil {
                report.detail += " (e is read as a symbol, not Euler's number: write exp(3) for e^3)"
            }
            if let i = names.first(where: { ($0 == "i" || $0 == "I") && declarations[$0] == nil }) {
                report.detail += " (\(i) is read as a symbol, not the imaginary unit: write sqrt(-1))"
            }
            // a name on one side only is free: the step says nothing about it unless it is defined
            let lonely = names.filter { lhs.symbolNames.contains($0) != rhs.symbolNames.contains($0) }
            if !lonely.isEmpty {
                report.detail += "; " + lonely.joined(separator: ", ") + (lonely.count == 1 ? " appears" : " appear")
                    + " on one side only, as a free symbol: if the step defines it, give it under definitions (name = expression)"
            }
            report.evidence = [
                ("point", .object(names.compactMap { n in point.values[n].map { (n, .string($0.text)) } })),
                ("point_si_exact", .object(names.compactMap { n in point.values[n].map { (n, .string($0.exact)) } })),
                ("previous_value", .string(l2.decimal(digits: 20))), ("value", .string(r2.decimal(digits: 20))),
                ("bits", .int(Verifier.confirmBits)),
                ("proof", .string("the ball of the difference excludes 0 at \(Verifier.confirmBits) bits (Arb)")),
            ]
            if dimensioned { report.evidence.append(("units", .string("values in SI units"))) }
            return true
        }
        while agreedPoints.count < Verifier.points && attempts < 20 * Verifier.points {
            attempts += 1
            try budget.spend(1, doing: "testing a step at random points")
            guard let point = try sampler.point(names) else { continue }
            let l: ComplexBall, r: ComplexBall, dd: ComplexBall?
            do {
                l = try evaluate(lhs, point, bits: Verifier.bits)
                r = try evaluate(rhs, point, bits: Verifier.bits)
                dd = try? evaluate(difference, point, bits: Verifier.bits)
            } catch let BallEvaluation.Failure.undefined(why) {
                undefined += 1
                lastUndefined = why
                continue
            } catch let BallEvaluation.Failure.unsupported(why) {
                report.verdict = .unknown
                report.method = "unsupported"
                report.detail = "cannot test numerically: \(why)"
                return report
            }
            guard l.hasUsableMagnitude, r.hasUsableMagnitude else { loose += 1; continue }
            let d = l.minus(r, precision: Verifier.bits)
            if !d.containsZero || (dd.map { !$0.containsZero } ?? false) {
                if try refute(point) { return report }
                loose += 1
                continue
            }
            // equal to within the ball: the ball must be tight, or the agreement means little
            let scale = max(l.magnitude, r.magnitude, 1e-300)
            if d.radius <= scale * 0x1p-64 { agreedPoints.append(point) } else { loose += 1 }
        }
        if agreedPoints.count >= Verifier.points {
            // every agreement again at 512 bits: a difference below 2^-128 of the sides shows here
            for point in agreedPoints where try refute(point) { return report }
            report.verdict = .verified
            report.method = "randomised"
            let analytic = !hasNonAnalytic(lhs) && !hasNonAnalytic(rhs) && !names.contains { declarations[$0]?.assumptions.contains(.integer) == true }
            report.detail = names.isEmpty
                ? "the two sides agree to \(Verifier.confirmBits) bits (no variables)"
                : "equal at \(agreedPoints.count) random points of the domain (\(Verifier.bits)-bit complex balls, confirmed at \(Verifier.confirmBits))"
            report.evidence = [
                ("points", .int(agreedPoints.count)), ("bits", .int(Verifier.bits)), ("confirmed_bits", .int(Verifier.confirmBits)),
                ("skipped_undefined", .int(undefined)),
                ("error_probability", .string(analytic
                    ? "below 1e-30 for a difference that is a rational function of degree up to 100 (Schwartz-Zippel over more than 2^18 values per coordinate); a heuristic bound when functions are transcendental"
                    : "no bound: the step uses abs, sign, cbrt, atan2 or integer variables, where agreement at random points is evidence only")),
            ]
            if names.isEmpty {
                // no variables: agreement to 512 bits is not a proof
                report.verdict = .unknown
                report.method = "inconclusive"
                report.detail = "the two sides agree to \(Verifier.confirmBits) bits but could not be proven equal"
            }
            return report
        }
        report.verdict = .unknown
        report.method = "inconclusive"
        if withinUncertainty > 0 {
            report.detail = "the sides differ only within the uncertainties of measured constants (\(measured.joined(separator: ", "))): their published values are rounded; declare them as symbols to compare the algebra"
        } else {
            report.detail = undefined > attempts / 2
                ? "the steps are undefined at most random points (\(lastUndefined)); \(agreedPoints.count) agreeing points found"
                : "only \(agreedPoints.count) of \(Verifier.points) random points gave a conclusive comparison (\(loose) too imprecise, \(undefined) undefined)"
        }
        report.evidence = [("points", .int(agreedPoints.count)), ("undefined", .int(undefined)), ("imprecise", .int(loose))]
        return report
    }

    /// Functions where agreement at random points says less (not analytic, or defined piecewise).
    func hasNonAnalytic(_ e: Expr) -> Bool {
        var seen = Set<Expr>()
        var stack = [e]
        while let x = stack.popLast() {
            guard seen.insert(x).inserted else { continue }
            if case let .function(.builtin(f), _) = x.kind, [.abs, .sign, .cbrt, .atan2].contains(f) { return true }
            stack.append(contentsOf: x.children)
        }
        return false
    }

    /// `e` at `point` in complex balls: symbols from the point, constants and units as their SI
    /// values times the point's random base units.
    /// `widened`: measured constants as balls three standard uncertainties wide, instead of their
    /// published values (to tell a wrong step from constants whose rounded values disagree).
    func evaluate(_ e: Expr, _ point: Point, bits: Int, widened: Bool = false) throws -> ComplexBall {
        let balls = point.balls(bits: bits)
        let units = point.unitBalls(bits: bits, environment: environment, dimensioned: dimensioned, widened: widened)
        return try BallEvaluation.evaluate(e, precision: bits, budget: budget) { x in
            switch x.kind {
            case let .symbol(s): return balls[s.name] ?? units(s.name)
            case let .unit(name): return units(name)
            default: return nil
            }
        }
    }
}

/// A point of the domain: an exact value for each symbol (a rational, or a Gaussian rational for
/// a symbol with no assumptions), in SI units, and the values of the seven base units (1: SI).
struct Point {
    struct Value {
        /// The value in SI units.
        let real: Rational
        let imaginary: Rational
        let dimension: Dimension?
        /// The symbol's declared unit, its values are shown in: SI value of one unit, and its text.
        var unit: (factor: Rational, text: String)? = nil

        init(real: Rational, imaginary: Rational, dimension: Dimension?, unit: (factor: Rational, text: String)? = nil) {
            self.real = real
            self.imaginary = imaginary
            self.dimension = dimension
            self.unit = unit
        }

        func with(real: Rational, imaginary: Rational) -> Value {
            Value(real: real, imaginary: imaginary, dimension: dimension, unit: unit)
        }

        /// A decimal, in the declared unit when there is one.
        var decimal: String {
            let ball = ComplexBall(real: real, imaginary: imaginary, precision: 256)
            guard let unit else { return ball.decimal(digits: 12) + siSuffix }
            return ball.divided(by: ComplexBall(unit.factor, precision: 256), precision: 256).decimal(digits: 12) + " " + unit.text
        }

        var siSuffix: String { dimension.map { $0.isDimensionless ? "" : " " + $0.siUnitText } ?? "" }

        /// Exact when it is short (a drawn value), else a decimal; in the declared unit.
        var text: String {
            if unit != nil || real.description.count > 24 || imaginary.description.count > 24 { return decimal }
            guard !imaginary.isZero else { return real.description + siSuffix }
            let im = imaginary.signum < 0 ? "- \(-imaginary)*I" : "+ \(imaginary)*I"
            return (real.isZero ? (imaginary.signum < 0 ? "-\(-imaginary)*I" : "\(imaginary)*I") : "\(real) \(im)") + siSuffix
        }

        /// The exact SI value as text (for the evidence).
        var exact: String {
            guard !imaginary.isZero else { return real.description }
            return "\(real) + (\(imaginary))*I"
        }
    }

    var values: [String: Value] = [:]
    var base: [Rational] = []

    /// `x = 3/4 kg, y = 1.2345...`: exact values, and decimals for the names in `approximate`
    /// (found numerically, with long binary fractions).
    func description(_ names: [String], approximate: Set<String> = []) -> String {
        names.compactMap { n in values[n].map { v in "\(n) = \(approximate.contains(n) ? v.decimal : v.text)" } }.joined(separator: ", ")
    }

    /// The base units' product for a dimension, as a ball.
    func monomial(_ d: Dimension, bits: Int) -> ComplexBall {
        var product = ComplexBall(Rational(1), precision: bits)
        for b in Dimension.Base.allCases where !d[b].isZero {
            product = product.times(ComplexBall(base[b.rawValue], precision: bits).raised(to: d[b], precision: bits), precision: bits)
        }
        return product
    }

    func balls(bits: Int) -> [String: ComplexBall] {
        values.mapValues { v in
            let number = ComplexBall(real: v.real, imaginary: v.imaginary, precision: bits)
            guard let d = v.dimension, !d.isDimensionless else { return number }
            return number.times(monomial(d, bits: bits), precision: bits)
        }
    }

    /// Constants and units by name: their exact SI value times the base units' product.
    func unitBalls(bits: Int, environment: UnitEnvironment, dimensioned: Bool, widened: Bool = false) -> @Sendable (String) -> ComplexBall? {
        guard dimensioned else { return { _ in nil } }
        let point = self
        return { name in
            guard let q = environment.resolve(name)?.0 ?? UnitCatalog.quantity(of: name),
                  var value = try? BallEvaluation.evaluate(q.value, precision: bits, value: { _ in nil }) else { return nil }
            // a measured constant is its published value give or take three standard uncertainties
            if widened, environment.declared[name] == nil, let c = PhysicalConstants.constant(named: name), let u = c.uncertainty?.rationalValue {
                value = value.widened(by: u * Rational(3), precision: bits)
            }
            return value.times(point.monomial(q.dimension, bits: bits), precision: bits)
        }
    }
}

/// Draws points of the domain: each symbol by its assumptions, then the constraints checked
/// (a point that does not satisfy them, or where they cannot be decided, is drawn again).
struct Sampler {
    let context: Context
    var random: SplitMix64

    init(context: Context, seed: UInt64) {
        self.context = context
        random = SplitMix64(state: seed)
    }

    mutating func next() -> UInt64 { random.next() }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double { random.unit() }

    /// `x` as a rational with denominator 2^16 (at least 1/65536 in magnitude).
    func rational(_ x: Double) -> Rational {
        let scaled = Int((x * 65536).rounded())
        return (try? Rational(scaled == 0 ? (x < 0 ? -1 : 1) : scaled, 65536)) ?? Rational(1)
    }

    /// A magnitude drawn log-uniformly from 2^-4 to 2^6, so that values far from 1 (where
    /// abs(x - 5) = 5 - x breaks, or the second root of an equation lies) are met too.
    mutating func magnitude() -> Rational { rational(pow(2, -4 + 10 * unit())) }

    mutating func integer(_ lo: Int, _ hi: Int) -> Rational {
        Rational(lo + Int(next() % UInt64(hi - lo + 1)))
    }

    mutating func value(for name: String) -> Point.Value {
        let declaration = context.declarations[name]
        let dimension: Dimension? = context.environment.declared[name]
        let a = Set(declaration?.assumptions ?? [])
        let physical = declaration?.unit != nil
        if a.contains(.integer) {
            let v: Rational
            if a.contains(.positive) { v = integer(1, 40) }
            else if a.contains(.negative) { v = integer(-40, -1) }
            else if a.contains(.nonnegative) { v = integer(0, 40) }
            else if a.contains(.nonzero) { v = next() % 2 == 0 ? integer(1, 40) : integer(-40, -1) }
            else { v = integer(-40, 40) }
            return Point.Value(real: v, imaginary: .zero, dimension: dimension)
        }
        // drawn at the symbol's scale (its unit, or a constant of its dimension), shown in its unit
        let scale = context.scales[name] ?? Rational(1)
        let unit = context.units[name]
        func real(_ v: Rational) -> Point.Value { Point.Value(real: v * scale, imaginary: .zero, dimension: dimension, unit: unit) }
        if a.contains(.positive) { return real(magnitude()) }
        if a.contains(.negative) { return real(-magnitude()) }
        if a.contains(.nonnegative) { return real(next() % 16 == 0 ? .zero : magnitude()) }
        if a.contains(.real) || physical {
            if !a.contains(.nonzero) && next() % 16 == 0 { return real(.zero) }
            let v = magnitude()
            return real(next() % 2 == 0 ? v : -v)
        }
        // not known to be real: a complex number of any argument, so that branch cuts are met
        let r = pow(2, -3 + 7 * self.unit()), theta = Double.pi * (2 * self.unit() - 1)
        return Point.Value(real: rational(r * cos(theta)) * scale, imaginary: rational(r * sin(theta)) * scale, dimension: dimension, unit: unit)
    }

    /// A point for `names`, or nil when the drawn one breaks a constraint.
    mutating func point(_ names: [String], checkConstraints: Bool = true) throws -> Point? {
        var p = Point()
        // values in SI units: once the dimension check has passed, both sides carry the same
        // units, so their values in any one system decide the equality
        p.base = (0..<Dimension.Base.allCases.count).map { _ in Rational(1) }
        // every symbol the constraints mention too, so that they can be checked
        var all = Set(names)
        for c in context.constraints { all.formUnion(c.lhs.symbolNames + c.rhs.symbolNames) }
        for n in all.sorted() where context.isVariable(n) { p.values[n] = value(for: n) }
        guard checkConstraints else { return p }
        return try satisfiesConstraints(p) ? p : nil
    }

    /// Every constraint provably holds at `p`.
    func satisfiesConstraints(_ p: Point) throws -> Bool {
        for c in context.constraints {
            let l = try? context.evaluate(c.lhs, p, bits: Verifier.bits), r = try? context.evaluate(c.rhs, p, bits: Verifier.bits)
            guard let l, let r else { return false }
            let holds: Bool?
            switch c.relation {
            case .less: holds = l.provablyLess(than: r, orEqual: false, precision: Verifier.bits)
            case .lessEqual: holds = l.provablyLess(than: r, orEqual: true, precision: Verifier.bits)
            case .greater: holds = r.provablyLess(than: l, orEqual: false, precision: Verifier.bits)
            case .greaterEqual: holds = r.provablyLess(than: l, orEqual: true, precision: Verifier.bits)
            default: holds = nil
            }
            guard holds == true else { return false }
        }
        return true
    }
}
