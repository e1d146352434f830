import XCTest
@testable import AnsatzAlgebra
@testable import AnsatzCore
@testable import AnsatzNumbers
@testable import AnsatzNumeric
import AnsatzParse
import TestSupport
@testable import AnsatzVerify

/// A generated corpus (issue 12): right steps are the engine's own rewrites (simplify, expand,
/// cancel, factor) of random expressions; wrong steps are single mutations of them (a sign, a
/// factor 2, an exponent, a dropped term, sin for cos), each kept only when a point is found
/// where it differs from the original (ball arithmetic proves the difference there). No wrong
/// step may be verified; the share of right steps verified is printed for the closing note.
final class CorpusTests: XCTestCase {
    typealias Rng = SplitMix64

    /// Random expressions in x and y, as text (so that the mutations below act on what a model writes).
    static func expression(_ rng: inout Rng, depth: Int) -> String {
        if depth == 0 || rng.below(4) == 0 {
            return ["x", "y", "x", String(rng.below(7) + 1), "2*x", "(x + 1)"][rng.below(6)]
        }
        let a = expression(&rng, depth: depth - 1), b = expression(&rng, depth: depth - 1)
        switch rng.below(10) {
        case 0, 1: return "(\(a) + \(b))"
        case 2: return "(\(a) - \(b))"
        case 3, 4: return "\(a)*\(b)"
        case 5: return "\(a)/(\(b) + 3)"
        case 6: return "(\(a))^\(rng.below(3) + 2)"
        default:
            let f = ["sin", "cos", "exp", "sinh", "cosh", "log", "sqrt"][rng.below(7)]
            return "\(f)(\(a))"
        }
    }

    /// One mutation of `text`, or nil when the kind does not apply.
    static func mutate(_ text: String, _ rng: inout Rng) -> (String, String)? {
        var chars = Array(text)
        func positions(_ p: (Int) -> Bool) -> [Int] { chars.indices.filter(p) }
        switch rng.below(6) {
        case 0:  // sign: a + becomes -
            let plus = positions { chars[$0] == "+" }
            guard !plus.isEmpty else { return nil }
            chars[plus[rng.below(plus.count)]] = "-"
            return (String(chars), "sign")
        case 1:  // factor 2 on the whole first term
            return ("2*" + text, "factor-2")
        case 2:  // exponent: ^k becomes ^(k+1)
            let carets = positions { chars[$0] == "^" && $0 + 1 < chars.count && chars[$0 + 1].isNumber }
            guard !carets.isEmpty else { return nil }
            let i = carets[rng.below(carets.count)] + 1
            chars[i] = Character(String((Int(String(chars[i])) ?? 1) % 9 + 1))
            return (String(chars), "exponent")
        case 3:  // dropped term: the text after the last top-level + or - goes
            var depth = 0, cut: Int?
            for (i, c) in chars.enumerated() {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if depth == 0, i > 0, c == "+" || c == "-", chars[i - 1] == " " { cut = i }
            }
            guard let cut else { return nil }
            return (String(chars[..<cut]).trimmingBlanks, "dropped-term")
        case 4:  // wrong function
            for (from, to) in [("sin(", "cos("), ("cos(", "sin("), ("exp(", "sinh("), ("cosh(", "sinh("), ("log(", "sqrt(")] where text.contains(from) {
                return (text.replacingOccurrences(of: from, with: to), "wrong-function")
            }
            return nil
        default:  // a coefficient changed
            let digits = positions { chars[$0].isNumber && ($0 == 0 || !chars[$0 - 1].isNumber && chars[$0 - 1] != "^") }
            guard !digits.isEmpty else { return nil }
            let i = digits[rng.below(digits.count)]
            chars[i] = Character(String((Int(String(chars[i])) ?? 1) % 9 + 1))
            return (String(chars), "coefficient")
        }
    }

    /// A point where `a` and `b` provably differ, or nil.
    static func differ(_ a: Expr, _ b: Expr, _ rng: inout Rng) -> Bool {
        for _ in 0..<8 {
            func q(_ d: Int) -> Rational { (try? Rational(rng.below(4000) - 2000, d)) ?? .zero }
            let x = ComplexBall(real: q(997), imaginary: q(991), precision: 128)
            let y = ComplexBall(real: q(983), imaginary: q(977), precision: 128)
            let value: @Sendable (Expr) -> ComplexBall? = { e in
                if case let .symbol(s) = e.kind { return s.name == "x" ? x : s.name == "y" ? y : nil }
                return nil
            }
            guard let va = try? BallEvaluation.evaluate(a, precision: 128, value: value),
                  let vb = try? BallEvaluation.evaluate(b, precision: 128, value: value) else { continue }
            if !va.minus(vb, precision: 128).containsZero { return true }
        }
        return false
    }

    func testWrongStepsAreNeverVerifiedAndRightOnesAre() throws {
        var rng = Rng(state: 2026)
        let options = ParseOptions(syntax: .plain)
        var right: [(String, String)] = [], wrong: [(String, String, String)] = []
        var attempts = 0
        while (right.count < 220 || wrong.count < 220) && attempts < 5000 {
            attempts += 1
            let text = Self.expression(&rng, depth: 3)
            guard let e = try? ExpressionParser.parse(text, options: options).expr else { continue }
            let rewrites: [(Expr) throws -> Expr] = [
                { try Simplify.simplify($0, budget: Budget(milliseconds: 500)).value },
                { try Expand.expand($0, budget: Budget(milliseconds: 500)) },
                { try RationalFunctions.cancel($0, budget: Budget(milliseconds: 500)).value },
                { try RationalFunctions.factor($0, budget: Budget(milliseconds: 500)).value },
            ]
            guard let r = try? rewrites[rng.below(rewrites.count)](e), r != e else { continue }
            let rewritten = TextPrinter.print(r)
            guard rewritten.count < 400 else { continue }
            if right.count < 220 { right.append((text, rewritten)) }
            if wrong.count < 220, let (mutated, kind) = Self.mutate(rewritten, &rng),
               let m = try? ExpressionParser.parse(mutated, options: options).expr, Self.differ(m, r, &rng) {
                wrong.append((text, mutated, kind))
            }
        }
        XCTAssertGreaterThanOrEqual(right.count, 200)
        XCTAssertGreaterThanOrEqual(wrong.count, 200)

        var verified = 0, methods: [String: Int] = [:], unverified: [String] = []
        for (a, b) in right {
            let step = try Verifier.verify(Derivation(steps: [a, b])).steps[1]
            methods[step.method, default: 0] += 1
            if step.verdict == .verified { verified += 1 } else { unverified.append("\(a) -> \(b): \(step.verdict.rawValue) \(step.detail)") }
        }
        // the numeric path alone: the same right steps with the simplifier switched off
        var numeric = 0, numericMethods: [String: Int] = [:]
        for (a, b) in right {
            var d = Derivation(steps: [a, b])
            d.symbolic = false
            let step = try Verifier.verify(d).steps[1]
            numericMethods[step.method, default: 0] += 1
            if step.verdict == .verified { numeric += 1 }
        }
        var falselyVerified: [String] = [], outcomes: [String: Int] = [:]
        for (a, b, kind) in wrong {
            for symbolic in [true, false] {
                var d = Derivation(steps: [a, b])
                d.symbolic = symbolic
                let step = try Verifier.verify(d).steps[1]
                if symbolic { outcomes["\(kind) \(step.verdict.rawValue)", default: 0] += 1 }
                if step.verdict == .verified { falselyVerified.append("\(a) -> \(b) (\(kind)): \(step.detail)") }
            }
        }
        XCTAssertEqual(falselyVerified, [], "wrong steps verified")
        let share = Double(verified) / Double(right.count)
        print("CORPUS right: \(verified)/\(right.count) verified (\(String(format: "%.1f", 100 * share))%), methods \(methods.sorted { $0.key < $1.key })")
        print("CORPUS right, random points only: \(numeric)/\(right.count) verified, methods \(numericMethods.sorted { $0.key < $1.key })")
        print("CORPUS wrong: \(wrong.count) steps, outcomes \(outcomes.sorted { $0.key < $1.key })")
        XCTAssertGreaterThanOrEqual(Double(numeric) / Double(right.count), 0.95)
        for u in unverified.prefix(10) { print("CORPUS unverified right step:", u) }
        XCTAssertGreaterThanOrEqual(share, 0.98, unverified.prefix(5).joined(separator: "\n"))
    }
}
