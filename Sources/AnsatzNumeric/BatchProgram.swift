import AnsatzAlgebra
import AnsatzCore
import AnsatzNumbers
import CMathVec

/// One or more expressions compiled for `Double` evaluation over many points: the interned DAG
/// gives common-subexpression elimination for free (each distinct node is computed once, across
/// all the expressions), sums become fused multiply-adds, quotients one division, small integer
/// powers multiplications, and registers are reused once their value is dead, so a block of
/// points stays in cache. `BatchEvaluator` runs the program column-wise over blocks.
public struct BatchProgram: Sendable {
    /// The input columns, in order.
    public let inputs: [String]
    /// Registers holding the results, one per expression.
    let outputRegisters: [Int]
    let inputRegisters: [Int]
    /// Constants, written once per worker.
    let constants: [ans_instruction]
    /// The body, run once per block.
    let body: [ans_instruction]
    let registerCount: Int

    /// Instructions per point (the body).
    public var operationCount: Int { body.count }

    /// Compiles `expressions` over the symbols `inputs` (each must be one of them).
    public static func compile(_ expressions: [Expr], inputs: [String]) throws -> BatchProgram {
        // lowering recurses: deep expressions compile on a large stack
        try LargeStack.run(ifDeeperThan: expressions.map(\.depth).max() ?? 0) {
            var compiler = Compiler(inputs: inputs)
            let outputs = try expressions.map { try compiler.value($0) }
            return compiler.finish(outputs: outputs)
        }
    }

    /// A power already computed, by its operands' values (the nodes themselves: a key made of
    /// hash values could confuse two nodes whose hashes collide).
    struct PowerKey: Hashable {
        enum Exponent: Hashable { case symbolic(Expr), rational(Rational) }
        let base: Expr
        let exponent: Exponent
    }

    /// Lowering to virtual registers (one per value), then register allocation.
    struct Compiler {
        let inputs: [String]
        var instructions: [ans_instruction] = []
        var constantInstructions: [ans_instruction] = []
        var next = 0
        var memo: [Expr: Int] = [:]
        var constantRegisters: [UInt64: Int] = [:]
        var powers: [PowerKey: Int] = [:]
        var inputRegisters: [Int] = []
        var pinned = Set<Int>()

        init(inputs: [String]) {
            self.inputs = inputs
            for _ in inputs {
                inputRegisters.append(next)
                pinned.insert(next)
                next += 1
            }
        }

        mutating func fresh() -> Int {
            defer { next += 1 }
            return next
        }

        mutating func emit(_ op: Int32, _ a: Int = -1, _ b: Int = -1, _ c: Int = -1, constant: Double = 0) -> Int {
            let dst = fresh()
            instructions.append(ans_instruction(op: op, dst: Int32(dst), a: Int32(a), b: Int32(b), c: Int32(c), constant: constant))
            return dst
        }

        mutating func constant(_ v: Double) -> Int {
            if let r = constantRegisters[v.bitPattern] { return r }
            let r = fresh()
            constantInstructions.append(ans_instruction(op: Int32(ANS_OP_CONST), dst: Int32(r), a: -1, b: -1, c: -1, constant: v))
            constantRegisters[v.bitPattern] = r
            pinned.insert(r)
            return r
        }

        static func double(_ n: Number) -> Double {
            switch n {
            case let .rational(r): return r.doubleValue
            case let .float(f): return f.doubleValue
            }
        }

        static func op(_ code: Int) -> Int32 { Int32(code) }

        /// Symbol-free subexpressions (`(1/1000)^(4/5)`, `sqrt(2*pi)`), by node.
        var symbolFree: [Expr: Bool] = [:]

        mutating func isSymbolFree(_ e: Expr) -> Bool {
            if let known = symbolFree[e] { return known }
            let result: Bool
            switch e.kind {
            case .symbol, .unit, .relation: result = false
            case .number, .constant: result = true
            default: result = e.children.allSatisfy { isSymbolFree($0) }
            }
            symbolFree[e] = result
            return result
        }

        mutating func value(_ e: Expr) throws -> Int {
            if let r = memo[e] { return r }
            // a constant subexpression is computed once, with MPFR, and correctly rounded to a
            // double: not once per point, and not with a double's rounding errors
            if !e.isNumber, isSymbolFree(e) {
                let v = try Evaluator.evaluate(e, at: [:], precision: 128).doubleValue
                let r = constant(v)
                memo[e] = r
                return r
            }
            let r: Int
            switch e.kind {
            case let .number(n):
                r = constant(Self.double(n))
            case let .symbol(s):
                guard let i = inputs.firstIndex(of: s.name) else {
                    throw Diagnostic(.eval, "no column for '\(s.name)'", hint: "give values for: " + ([s.name] + inputs).joined(separator: ", "))
                }
                r = inputRegisters[i]
            case let .constant(c):
                switch c {
                case .pi: r = constant(Double.pi)
                case .e: r = constant(2.718281828459045)  // e rounded to the nearest double
                case .i: throw Diagnostic(.eval, "the imaginary unit has no real value", hint: "batch evaluation is real")
                }
            case .unit:
                throw Diagnostic(.eval, "batch evaluation takes numbers, not units", hint: "divide by the unit: use m/GeV with m in GeV")
            case .relation:
                throw Diagnostic(.eval, "a relation has no numeric value", hint: "evaluate each side")
            case let .add(c, terms):
                var acc: Int?
                for t in terms {
                    let x = try value(t.expr)
                    let k = Self.double(t.coefficient)
                    guard let sum = acc else {
                        acc = k == 1 ? x : emit(Self.op(ANS_OP_SCALE), x, constant: k)
                        continue
                    }
                    if k == 1 {
                        acc = emit(Self.op(ANS_OP_ADD), sum, x)
                    } else if k == -1 {
                        acc = emit(Self.op(ANS_OP_SUB), sum, x)
                    } else {
                        acc = emit(Self.op(ANS_OP_SCALE_ADD), x, sum, constant: k)
                    }
                }
                let total = acc ?? constant(0)
                r = c.isZero ? total : emit(Self.op(ANS_OP_ADD_CONST), total, constant: Self.double(c))
            case let .mul(c, factors):
                // numerator and denominator apart: x*y/(z*w) is one division
                var numerator: Int?, denominator: Int?
                for f in factors {
                    if let q = f.exponent.rationalValue, q.isNegative {
                        let d = try power(f.base, -q)
                        denominator = denominator.map { emit(Self.op(ANS_OP_MUL), $0, d) } ?? d
                    } else {
                        let n = try power(f.base, f.exponent)
                        numerator = numerator.map { emit(Self.op(ANS_OP_MUL), $0, n) } ?? n
                    }
                }
                let k = Self.double(c)
                var result: Int
                switch (numerator, denominator) {
                case let (n?, d?): result = emit(Self.op(ANS_OP_DIV), n, d)
                case let (n?, nil): result = n
                case let (nil, d?): result = emit(Self.op(ANS_OP_DIV), constant(k), d)
                case (nil, nil): result = constant(k)
                }
                if k != 1, numerator != nil { result = emit(Self.op(ANS_OP_SCALE), result, constant: k) }
                r = result
            case let .pow(b, x):
                r = try power(b, x)
            case let .function(.builtin(f), args):
                let xs = try args.map { try value($0) }
                r = function(f, xs)
            case let .function(.user(name), _):
                throw Diagnostic(.eval, "\(name) is a declared function without a definition", hint: "substitute its definition")
            }
            memo[e] = r
            return r
        }

        mutating func power(_ base: Expr, _ exponent: Expr) throws -> Int {
            if let q = exponent.rationalValue { return try power(base, q) }
            let key = PowerKey(base: base, exponent: .symbolic(exponent))
            if let r = powers[key] { return r }
            let b = try value(base), x = try value(exponent)
            let r = emit(Self.op(ANS_OP_POW), b, x)
            powers[key] = r
            return r
        }

        /// base^q for a rational q: multiplications for small integers, sqrt for halves, pow otherwise.
        mutating func power(_ base: Expr, _ q: Rational) throws -> Int {
            let key = PowerKey(base: base, exponent: .rational(q))
            if let r = powers[key] { return r }
            let b = try value(base)
            let r: Int
            if q.isOne {
                r = b
            } else if q.isInteger, let n = Int(exactly: q.doubleValue), n.magnitude <= 64 {
                switch n {
                case 0: r = constant(1)
                case 2: r = emit(Self.op(ANS_OP_SQUARE), b)
                case 3: r = emit(Self.op(ANS_OP_CUBE), b)
                case -1: r = emit(Self.op(ANS_OP_RECIP), b)
                default: r = emit(Self.op(ANS_OP_POWI), b, constant: Double(n))
                }
            } else if q == .half {
                r = emit(Self.op(ANS_OP_SQRT), b)
            } else if q == -Rational.half {
                r = emit(Self.op(ANS_OP_RSQRT), b)
            } else if q.denominator == 2, let n = Int(exactly: (q * Rational(2)).doubleValue), n.magnitude <= 64 {
                // x^(3/2) = x*sqrt(x): sqrt and multiplications, exact where pow is not
                let root = emit(Self.op(ANS_OP_SQRT), b)
                let whole = n > 0 ? (n - 1) / 2 : (n + 1) / 2
                let wholePower = whole == 0 ? nil : try power(base, Rational(whole))
                let product = wholePower.map { emit(Self.op(ANS_OP_MUL), $0, root) } ?? root
                r = n > 0 ? product : emit(Self.op(ANS_OP_RECIP), product)
            } else {
                r = emit(Self.op(ANS_OP_POW_CONST), b, constant: q.doubleValue)
            }
            powers[key] = r
            return r
        }

        mutating func function(_ f: BuiltinFunction, _ xs: [Int]) -> Int {
            let x = xs[0]
            switch f {
            case .sin: return emit(Self.op(ANS_OP_SIN), x)
            case .cos: return emit(Self.op(ANS_OP_COS), x)
            case .tan: return emit(Self.op(ANS_OP_TAN), x)
            case .cot: return emit(Self.op(ANS_OP_RECIP), emit(Self.op(ANS_OP_TAN), x))
            case .sec: return emit(Self.op(ANS_OP_RECIP), emit(Self.op(ANS_OP_COS), x))
            case .csc: return emit(Self.op(ANS_OP_RECIP), emit(Self.op(ANS_OP_SIN), x))
            case .asin: return emit(Self.op(ANS_OP_ASIN), x)
            case .acos: return emit(Self.op(ANS_OP_ACOS), x)
            case .atan: return emit(Self.op(ANS_OP_ATAN), x)
            case .atan2: return emit(Self.op(ANS_OP_ATAN2), x, xs[1])
            case .sinh: return emit(Self.op(ANS_OP_SINH), x)
            case .cosh: return emit(Self.op(ANS_OP_COSH), x)
            case .tanh: return emit(Self.op(ANS_OP_TANH), x)
            case .asinh: return emit(Self.op(ANS_OP_ASINH), x)
            case .acosh: return emit(Self.op(ANS_OP_ACOSH), x)
            case .atanh: return emit(Self.op(ANS_OP_ATANH), x)
            case .exp: return emit(Self.op(ANS_OP_EXP), x)
            case .log: return emit(Self.op(ANS_OP_LOG), x)
            case .log10: return emit(Self.op(ANS_OP_LOG10), x)
            case .cbrt: return emit(Self.op(ANS_OP_CBRT), x)
            case .abs: return emit(Self.op(ANS_OP_ABS), x)
            case .sign: return emit(Self.op(ANS_OP_SIGN), x)
            case .gamma, .loggamma, .digamma, .polygamma, .beta, .factorial, .binomial, .zeta, .hurwitzZeta, .polylog,
                 .erf, .erfc, .erfi, .besselj, .bessely, .besseli, .besselk, .expint, .ei, .ellipticK, .ellipticE,
                 .lambertw, .heaviside, .diracDelta, .re, .im, .conjugate, .arg:
                // Arb point by point (within 1 ulp); libm has fast versions of a few (tgamma,
                // erf), but not to a bound we state
                return emit(Self.op(ANS_OP_SPECIAL), x, xs.count > 1 ? xs[1] : -1, constant: Double(f.entry.kernel))
            }
        }

        /// Physical registers: a value's register is free again after its last use; inputs,
        /// constants and outputs keep theirs.
        func finish(outputs: [Int]) -> BatchProgram {
            var lastUse: [Int: Int] = [:]
            for (i, ins) in instructions.enumerated() {
                for operand in [ins.a, ins.b, ins.c] where operand >= 0 { lastUse[Int(operand)] = i }
            }
            let kept = pinned.union(outputs)
            var physical: [Int: Int] = [:]
            var count = 0
            for v in pinned.sorted() {
                physical[v] = count
                count += 1
            }
            var free: [Int] = []
            var body: [ans_instruction] = []
            for (i, ins) in instructions.enumerated() {
                var out = ins
                for (keyPath, operand) in [(\ans_instruction.a, ins.a), (\ans_instruction.b, ins.b), (\ans_instruction.c, ins.c)] where operand >= 0 {
                    out[keyPath: keyPath] = Int32(physical[Int(operand)] ?? 0)
                }
                // the result never shares a register with an operand (the kernel's loops assume no overlap)
                let dst: Int
                if let reused = free.popLast() {
                    dst = reused
                } else {
                    dst = count
                    count += 1
                }
                physical[Int(ins.dst)] = dst
                out.dst = Int32(dst)
                body.append(out)
                for operand in Set([ins.a, ins.b, ins.c]) where operand >= 0 {
                    let v = Int(operand)
                    if lastUse[v] == i, !kept.contains(v), let p = physical[v] { free.append(p) }
                }
                // a value never used (and not an output) frees its register at once
                if lastUse[Int(ins.dst)] == nil, !kept.contains(Int(ins.dst)) { free.append(dst) }
            }
            let constants = constantInstructions.map { ins -> ans_instruction in
                var out = ins
                out.dst = Int32(physical[Int(ins.dst)] ?? 0)
                return out
            }
            return BatchProgram(inputs: inputs, outputRegisters: outputs.map { physical[$0] ?? 0 },
                                inputRegisters: inputRegisters.map { physical[$0] ?? 0 },
                                constants: constants, body: body, registerCount: max(count, 1))
        }
    }
}
