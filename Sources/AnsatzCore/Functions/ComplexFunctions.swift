import AnsatzNumbers
import CFunctions

/// re, im, conjugate and arg: their exact values come from `ComplexParts.split` (z = R + I·J
/// with R, J known real); for a real argument they are x, 0, x and 0 or π.
extension FunctionCatalog {
    static let complexEntries: [FunctionEntry] = {
        let always: @Sendable (Expr) -> Bool = { _ in true }
        return [
            .unary(.re, "re", "the real part", aliases: ["Re"], latex: .command("Re"), domain: "all x", kernel: ANS_FN_RE,
                   real: always, derivative: { _ in nil }, values: { ComplexParts.split($0)?.re }),
            .unary(.im, "im", "the imaginary part", aliases: ["Im"], latex: .command("Im"), domain: "all x", kernel: ANS_FN_IM,
                   real: always, derivative: { _ in nil }, values: { ComplexParts.split($0)?.im }),
            .unary(.conjugate, "conjugate", "the complex conjugate", aliases: ["conj"], latex: .operatorName("conj"),
                   domain: "all x", kernel: ANS_FN_CONJUGATE, real: { $0.isKnownReal }, derivative: { _ in nil },
                   values: { z in
                       if case let .function(.builtin(.conjugate), inner) = z.kind { return inner[0] }
                       // conjugate(exp(w)) = exp(conjugate(w)): exp(-I*x) rather than cos(x) - I*sin(x)
                       if case let .function(.builtin(.exp), inner) = z.kind, ComplexParts.split(inner[0]) != nil {
                           return Expr.function(.exp, [Expr.function(.conjugate, [inner[0]])])
                       }
                       guard let (r, j) = ComplexParts.split(z) else { return nil }
                       return Expr.add([r, Expr.mul([.minusOne, .i, j])])
                   }),
            .unary(.arg, "arg", "the principal argument, in (-pi, pi]", latex: .command("arg"), domain: "x not 0",
                   kernel: ANS_FN_ARG, real: always, derivative: { _ in nil }, values: argument),
        ]
    }()

    /// arg z where the parts are known: 0 or π on the real line, ±π/2 on the imaginary one,
    /// atan(J/R) (± π) for rational parts.
    @Sendable static func argument(_ z: Expr) -> Expr? {
        if z.isKnownPositive { return .zero }
        if z.isKnownNegative { return .pi }
        guard let (r, j) = ComplexParts.split(z), let a = r.rationalValue, let b = j.rationalValue, !b.isZero else { return nil }
        if a.isZero { return b.signum > 0 ? Expr.pi / .integer(2) : -Expr.pi / .integer(2) }
        guard let ratio = try? b / a else { return nil }
        let angle = Expr.function(.atan, [.rational(ratio)])
        if a.signum > 0 { return angle }
        return b.signum > 0 ? angle + .pi : angle - .pi
    }
}

extension ComplexParts {
    /// |z| where the imaginary unit appears: |a·b| = |a||b|, |u^n| = |u|^n for real n, and
    /// |R + I·J| = sqrt(R² + J²). Real arguments keep their own rules (abs(x) stays abs(x)).
    static func absoluteValue(_ z: Expr) -> Expr? {
        guard z.mentionsImaginaryUnit else { return nil }
        switch z.kind {
        case let .mul(c, factors):
            guard factors.allSatisfy({ $0.exponent.isKnownReal }) else { break }
            return Expr.mul([Expr.function(.abs, [.number(c)])] + factors.map { Expr.pow(.function(.abs, [$0.base]), $0.exponent) })
        case let .pow(b, e) where e.isKnownReal:
            return Expr.pow(.function(.abs, [b]), e)
        case let .function(.builtin(.exp), args):
            // |exp(A + I B)| = exp(A)
            if let (a, _) = split(args[0]) { return Expr.function(.exp, [a]) }
        default:
            break
        }
        guard let (r, j) = split(z), !j.isZero else { return nil }
        return Expr.pow(Expr.add([Expr.pow(r, .integer(2)), Expr.pow(j, .integer(2))]), .rational(.half))
    }
}

extension Expr {
    /// Does I occur in the expression (looked for up to a bounded number of nodes)?
    public var mentionsImaginaryUnit: Bool {
        var stack = [self]
        var seen = Set<Expr>()
        while let node = stack.popLast(), seen.count < 4096 {
            guard seen.insert(node).inserted else { continue }
            if node == .i { return true }
            stack += node.children
        }
        return false
    }
}
