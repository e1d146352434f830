import AnsatzCore
import AnsatzNumbers

/// Reads plain syntax and LaTeX into canonical expressions. `Grammar/plain.ebnf` and
/// `Grammar/latex.ebnf` are the specification; the comments on each function name the rule.
///
/// The parser is recursive descent with an explicit depth limit (a 100,000-deep input gets
/// `E-PARSE-DEPTH`, never a stack overflow), reads tokens on demand, and builds sums and products
/// n-ary (a million-term sum is one node, built once). Every refusal is a `Diagnostic` with a span.
public enum ExpressionParser {
    public static func parse(_ text: String, options: ParseOptions = ParseOptions(),
                             budget: Budget = .unlimited) throws -> ParseResult {
        guard text.utf8.count <= options.maxInputBytes else {
            throw Diagnostic(.limitInput, "input of \(text.utf8.count) bytes is over the limit of \(options.maxInputBytes) bytes",
                             hint: "split the input")
        }
        var scalars = scalarArray(text)
        let wrapped = stripMathWrappers(&scalars)
        let latex: Bool
        switch options.syntax {
        case .plain: latex = false
        case .latex: latex = true
        case .auto: latex = wrapped || looksLikeLaTeX(scalars)
        }
        let input = scalars
        let run: @Sendable () throws -> ParseResult = {
            var parser = try ParserState(input, latex: latex, options: options, budget: budget)
            var expr = try parser.parseInput()
            // complex mode: the principal roots of negative numbers (sqrt(-4) is 2*I)
            if options.complex { expr = ComplexParts.principalRoots(expr) }
            return ParseResult(expr: expr, warnings: parser.warnings, syntax: latex ? .latex : .plain, notes: parser.notes ?? [])
        }
        return try mayNestDeeply(scalars) ? LargeStack.run(run) : run()
    }

    /// Could this input nest deep enough to need more stack than a worker thread has? (A count of
    /// the characters that open a level: cheap, and false for everyday expressions.)
    static func mayNestDeeply(_ s: [Unicode.Scalar]) -> Bool {
        var openers = 0
        for c in s {
            switch c {
            case "(", "[", "{", "^", "-", "|", "\\", "+":
                openers += 1
                if openers > 64 { return true }
            default:
                break
            }
        }
        return false
    }

    /// The input as Unicode scalars (offsets into it are the spans diagnostics report).
    static func scalarArray(_ text: String) -> [Unicode.Scalar] {
        var utf8 = text.utf8
        if let ascii = utf8.withContiguousStorageIfAvailable({ bytes -> [Unicode.Scalar]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return bytes.map { Unicode.Scalar($0) }
        }), let ascii {
            return ascii
        }
        _ = utf8.count
        return Array(text.unicodeScalars)
    }

    /// `$…$`, `$$…$$`, `\[…\]` and `\(…\)` around the whole input become spaces (offsets keep their meaning).
    @discardableResult
    static func stripMathWrappers(_ s: inout [Unicode.Scalar]) -> Bool {
        guard let first = s.firstIndex(where: { !$0.isSpace }), let last = s.lastIndex(where: { !$0.isSpace }) else { return false }
        let pairs: [([Unicode.Scalar], [Unicode.Scalar])] = [(["$", "$"], ["$", "$"]), (["$"], ["$"]),
                                                              (["\\", "["], ["\\", "]"]), (["\\", "("], ["\\", ")"])]
        for (open, close) in pairs {
            let n = open.count
            guard last - first + 1 >= 2 * n, Array(s[first..<(first + n)]) == open,
                  Array(s[(last - n + 1)...last]) == close else { continue }
            for i in first..<(first + n) { s[i] = " " }
            for i in (last - n + 1)...last { s[i] = " " }
            return true
        }
        return false
    }

    static func looksLikeLaTeX(_ s: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "$" { return true }
            if c == "^", i + 1 < s.count, s[i + 1] == "{" { return true }
            if c == "\\", i + 1 < s.count {
                var j = i + 1
                while j < s.count, s[j].isASCIILetter { j += 1 }
                let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                if name.isEmpty { return true }  // \, \{ ...
                if Greek.canonical(name) == nil && decorations[name] == nil { return true }
                i = j
                continue
            }
            i += 1
        }
        return false
    }
}

/// Units whose one-letter names are also common symbols: reading them as units earns a warning.
let ambiguousUnitNames: Set<String> = ["m", "s", "g", "K", "A", "N", "J", "W", "V", "C", "T", "F", "H", "L", "S", "h", "d", "u", "b"]

struct ParserState {
    var lexer: Lexer
    var current: Token
    let latex: Bool
    let options: ParseOptions
    let budget: Budget
    var depth = 0
    var absDepth = 0
    var tokens = 0
    var warnings: [Diagnostic] = []
    /// Names already read as plain symbols in this input (most names repeat).
    var knownSymbols: [String: Expr] = [:]
    /// The last binary operator consumed, for "expected an operand after '+'".
    var lastOperator: (text: String, span: SourceSpan)?
    /// Where the last consumed token ended (the end of the operand just read).
    var consumedEnd = 0
    /// The number about to be read is an exponent's (`x^2 m`): it takes no units.
    var numberInExponent = false
    /// Spans of the arguments of the last call read (for its note).
    var argumentStarts: [Int] = [], argumentEnds: [Int] = []
    /// The input as written, when `options.recordSyntax` asks for it.
    var notes: [SyntaxNote]?

    init(_ src: [Unicode.Scalar], latex: Bool, options: ParseOptions, budget: Budget) throws {
        self.lexer = Lexer(src, latex: latex)
        self.latex = latex
        self.options = options
        self.budget = budget
        self.current = Token(kind: .end, start: 0, end: 0, spaced: false)
        self.current = try lexer.next()
        if options.recordSyntax { notes = [] }
    }

    // MARK: Token plumbing

    mutating func advance() throws {
        tokens += 1
        if tokens & 4095 == 0 { try budget.spend(4096, doing: "parsing") }
        consumedEnd = current.end
        current = try lexer.next()
    }

    typealias Snapshot = (pos: Int, current: Token, tokens: Int, consumedEnd: Int)
    var snapshot: Snapshot { (lexer.pos, current, tokens, consumedEnd) }
    mutating func restore(_ s: Snapshot) {
        lexer.pos = s.pos
        current = s.current
        tokens = s.tokens
        consumedEnd = s.consumedEnd
    }

    /// Records what was written, when asked to (`ParseOptions.recordSyntax`).
    mutating func note(_ shape: SyntaxNote.Shape, _ operands: [SyntaxNote.Operand]) {
        guard notes != nil, let first = operands.first, let last = operands.last else { return }
        notes?.append(SyntaxNote(shape: shape, operands: operands, span: SourceSpan(first.span.start, last.span.end)))
    }

    /// The operand just read, from `start` to the end of the last consumed token.
    func operand(_ e: Expr, from start: Int) -> SyntaxNote.Operand {
        SyntaxNote.Operand(expr: e, span: SourceSpan(start, max(consumedEnd, start + 1)))
    }

    /// The token after `current`, without consuming anything.
    mutating func peek() throws -> Token {
        let saved = lexer.pos
        let t = try lexer.next()
        lexer.pos = saved
        return t
    }

    var span: SourceSpan { SourceSpan(current.start, max(current.end, current.start + 1)) }

    func error(_ code: DiagnosticCode, _ message: String, _ span: SourceSpan, hint: String? = nil) -> Diagnostic {
        Diagnostic(code, message, span: span, hint: hint)
    }

    mutating func warn(_ code: DiagnosticCode, _ message: String, _ span: SourceSpan, hint: String? = nil) {
        if warnings.count < 20 {
            warnings.append(Diagnostic(code, message, span: span, hint: hint, severity: .warning))
        }
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "end of input"
        case .number(let s): return "number '\(s.prefix(20))'"
        case .name(let n): return "'\(n.raw)'"
        case .command(let c): return "'\\\(c)'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .caret: return "'^'"
        case .comma: return "','"
        case .pipe: return "'|'"
        case .underscore: return "'_'"
        case .open(let c): return "'\(c)'"
        case .close(let c): return "'\(c)'"
        case .relation(let r): return "'\(r.rawValue)'"
        case .superscript: return "a superscript"
        case .unsupported(let s): return "'\(s)'"
        }
    }

    // MARK: input = relation EOF

    mutating func parseInput() throws -> Expr {
        if case .end = current.kind {
            throw error(.parseEmpty, "the input is empty", SourceSpan(0, 0), hint: "give an expression such as x^2 + 1")
        }
        let lhsStart = current.start
        let lhs = try parseSum()
        let lhsOperand = operand(lhs, from: lhsStart)
        var result = lhs
        if case let .relation(op) = current.kind {
            let opSpan = span
            lastOperator = (op.rawValue, opSpan)
            try advance()
            let rhsStart = current.start
            let rhs = try parseSum()
            note(.relation(op), [lhsOperand, operand(rhs, from: rhsStart)])
            if case .relation = current.kind {
                throw error(.parseRelation, "chained relations are not supported", span,
                            hint: "split 'a < b < c' into 'a < b' and 'b < c'")
            }
            result = Expr.relation(op, lhs, rhs)
        }
        switch current.kind {
        case .end:
            return result
        case .close(let c):
            throw error(.parseUnmatched, "'\(c)' has no matching opening bracket", span, hint: "remove it or add the opening bracket")
        case .unsupported:
            throw unsupported(current)
        default:
            throw error(.parseUnexpected, "expected an operator or the end of input, found \(describe(current))", span,
                        hint: "write an explicit operator such as '*'")
        }
    }

    // MARK: sum = product { ("+" | "-") product }

    mutating func parseSum() throws -> Expr {
        let firstStart = current.start
        let first = try parseProduct()
        var terms: [(Expr, Number)]?
        var written: [SyntaxNote.Operand] = []
        if notes != nil { written.append(operand(first, from: firstStart)) }
        while true {
            let negative: Bool
            switch current.kind {
            case .plus: negative = false
            case .minus: negative = true
            default:
                if written.count > 1 { note(.sum, written) }
                return terms.map { Expr.add(scaled: $0) } ?? first
            }
            lastOperator = (negative ? "-" : "+", span)
            try advance()
            let termStart = current.start
            let term = try parseProduct()
            if notes != nil { written.append(operand(term, from: termStart)) }
            if terms == nil { terms = [(first, .one)] }
            terms?.append((term, negative ? .minusOne : .one))
        }
    }

    // MARK: product = unary { ("*" | "/" | implicit) unary }

    mutating func parseProduct() throws -> Expr {
        var factors = [try parseUnary()]
        var divisionSpan: SourceSpan?
        while true {
            switch current.kind {
            case .star:
                lastOperator = ("*", span)
                try advance()
                factors.append(try parseUnary())
                divisionSpan = nil
            case .slash:
                let s = span
                lastOperator = ("/", s)
                try advance()
                let divisorStart = current.start
                let divisor = try nonzeroDivisor(try parseUnary(), from: divisorStart)
                note(.divisor, [operand(divisor, from: divisorStart)])
                factors.append(Expr.pow(divisor, .minusOne))
                divisionSpan = s
            default:
                guard canStartImplicitOperand(current) else {
                    return factors.count == 1 ? factors[0] : Expr.mul(factors)
                }
                if let d = divisionSpan {
                    throw error(.parseAmbiguous, "implicit multiplication after a division is ambiguous",
                                SourceSpan(d.start, current.end),
                                hint: "write (a/b)*c or a/(b*c); for example 1/(2*x) or (1/2)*x")
                }
                if case .number = current.kind {
                    throw error(.parseAmbiguous, "a number right after an operand is ambiguous", span,
                                hint: "write an explicit '*' or '^', e.g. x*2 or x^2")
                }
                factors.append(try parsePower())
            }
        }
    }

    /// A divisor that is exactly zero (`1/0`, `x/(y - y)`) is an error here: there is no value
    /// for the quotient to take, and a canonical `0*0^-1` would silently fold to 0.
    func nonzeroDivisor(_ d: Expr, from start: Int) throws -> Expr {
        guard d.isZero, d.rationalValue != nil else { return d }  // a float 0.0 is a measured value: left alone
        throw error(.divisionByZero, "division by zero", SourceSpan(start, max(current.start, start + 1)),
                    hint: "the divisor is exactly 0 after exact arithmetic")
    }

    func canStartImplicitOperand(_ t: Token) -> Bool {
        switch t.kind {
        case .number, .name, .open, .command: return true
        case .pipe: return absDepth == 0
        default: return false
        }
    }

    // MARK: unary = ("-" | "+") unary | power

    mutating func parseUnary() throws -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= options.maxDepth else {
            throw error(.parseDepth, "expression nested deeper than \(options.maxDepth) levels", span,
                        hint: "flatten the expression or split it into parts")
        }
        switch current.kind {
        case .minus:
            lastOperator = ("-", span)
            try advance()
            return -(try parseUnary())
        case .plus:
            lastOperator = ("+", span)
            try advance()
            return try parseUnary()
        default:
            return try parsePower()
        }
    }

    // MARK: power = postfix [ ("^" | "**") exponent ]

    mutating func parsePower() throws -> Expr {
        let baseStart = current.start
        let base = try parsePostfix()
        guard case .caret = current.kind else { return base }
        let caretSpan = span
        let baseOperand = operand(base, from: baseStart)
        lastOperator = ("^", caretSpan)
        try advance()
        let exponentStart = current.start
        let exponent = try parseExponent()
        let exponentOperand = operand(exponent, from: exponentStart)
        let isEulerBase: Bool = { if case let .symbol(s) = base.kind { return s.name == "e" } else { return false } }()
        if !isEulerBase, isIndexSuperscript(exponent) {
            throw error(.parseIndex, "the superscript \(exponent.symbolNames.joined(separator: " ")) reads as a tensor index, and index notation is not supported yet",
                        SourceSpan(caretSpan.start, lastConsumedEnd),
                        hint: "write the contraction out (p_mu p^mu is E^2 - |p|^2, or p^2 for the invariant); if \(exponent) is a power, say so: assume '\(exponent.symbolNames.first ?? "mu") real'")
        }
        // One rule in both languages (a guess either way, so it is said with a caret on the e):
        // e to a power that is not a number is the exponential, e^{-x^2/2}; to a number, e^2 or
        // e^(-1), e stays the symbol (the charge in alpha = e^2/(4 pi)). E is always a symbol.
        let baseSpan = SourceSpan(baseStart, max(baseStart + 1, caretSpan.start))
        if case let .symbol(s) = base.kind, s.name == "e", !options.symbols.contains("e"), options.assumptions["e"] == nil {
            if exponent.rationalValue == nil {
                warn(.warningParseEuler, "e^(…) read as the exponential function exp(…)", baseSpan,
                     hint: "write exp(…) for the exponential; for the symbol e to this power, declare e a symbol")
                note(.call("exp"), [exponentOperand])
                return Expr.function(.exp, [exponent])
            }
            // e^2, e^4: the charge to a power, as in alpha = e^2/(4 pi epsilon_0 hbar c), said
            // without a warning; e^(-1), e^(1/2) are as likely Euler's number, and are flagged
            let chargePower = exponent.rationalValue.map { $0.isInteger && !$0.isNegative && !$0.isZero } ?? false
            if !chargePower {
                warn(.warningParseESymbol, "'e' is the symbol e here (with units, the elementary charge), not Euler's number", baseSpan,
                     hint: "for Euler's number write exp(\(exponent)) (\\exp or \\mathrm{e} in LaTeX)")
            }
        }
        if case let .symbol(s) = base.kind, s.name == "E", exponent.rationalValue == nil, !options.symbols.contains("E") {
            warn(.warningParseESymbol, "'E' is a symbol (an energy, say), not Euler's number", baseSpan,
                 hint: "for the exponential write exp(\(exponent))")
        }
        if base.isZero, base.rationalValue != nil, exponent.rationalValue?.isNegative == true {
            _ = try nonzeroDivisor(base, from: baseStart)
        }
        note(.power, [baseOperand, exponentOperand])
        if exponent.rationalValue?.isNegative == true { note(.divisor, [baseOperand]) }  // x^-1 divides by x
        return Expr.pow(base, exponent)
    }

    /// The exponent after `^`: a braced group in LaTeX, else a signed power (right associative).
    mutating func parseExponent() throws -> Expr {
        if latex, case let .number(raw) = current.kind, raw.count > 1, !raw.contains("`") {
            throw error(.parseAmbiguous, "in LaTeX, x^\(raw) raises x to \(raw.prefix(1)) only", span,
                        hint: "write x^{\(raw)}")
        }
        // `x^2 m` is x² times m, never x to the quantity "2 m": a number right after ^ takes no units
        var next = current
        if case .minus = next.kind { next = try peek() } else if case .plus = next.kind { next = try peek() }
        if case .number = next.kind { numberInExponent = true }
        defer { numberInExponent = false }
        return try parseUnary()
    }

    // MARK: postfix = primary { superscript }

    mutating func parsePostfix() throws -> Expr {
        var e = try parsePrimary()
        while true {
            switch current.kind {
            case let .superscript(n):
                try advance()
                e = Expr.pow(e, .integer(n))
            case .underscore:
                throw error(.parseUnexpected, "a subscript must follow a name directly", span,
                            hint: "write the subscript on the symbol: m_t, x_{1}")
            default:
                return e
            }
        }
    }

    // MARK: primary

    mutating func parsePrimary() throws -> Expr {
        switch current.kind {
        case let .number(raw):
            return try parseNumber(raw)
        case let .name(name):
            return try parseName(name)
        case let .open(c):
            return try parseGroup(c)
        case .pipe:
            let open = span
            try advance()
            absDepth += 1
            let inner = try parseSum()
            absDepth -= 1
            guard case .pipe = current.kind else {
                throw error(.parseUnclosed, "'|' is never closed", open, hint: "add the closing '|'")
            }
            try advance()
            return Expr.function(.abs, [inner])
        case let .command(name):
            return try parseCommand(name)
        default:
            throw missingOperand()
        }
    }

    mutating func missingOperand() -> Diagnostic {
        if case .unsupported = current.kind { return unsupported(current) }
        let found = describe(current)
        if let op = lastOperator, op.span.end <= current.start {
            switch current.kind {
            case .end, .close, .plus, .star, .slash, .caret, .relation, .comma, .superscript:
                return error(.parseMissingOperand, "expected an operand after '\(op.text)', found \(found)", span,
                             hint: "complete the expression or remove the '\(op.text)'")
            default: break
            }
        }
        return error(.parseMissingOperand, "expected an operand, found \(found)", span,
                     hint: "an operand is a number, a name, a function call or a bracketed expression")
    }

    func unsupported(_ t: Token) -> Diagnostic {
        let s = SourceSpan(t.start, max(t.end, t.start + 1))
        guard case let .unsupported(text) = t.kind else {
            return error(.parseUnexpected, "unexpected \(describe(t))", s)
        }
        switch text {
        case "==": return error(.parseUnexpected, "'==' is not an operator here", s, hint: "write a single '=' for an equation")
        case "!=", "≠", "\\neq", "\\ne":
            return error(.parseUnsupported, "'≠' is not a relation Ansatz can state", s, hint: "use =, <, <=, > or >=")
        case "!": return error(.parseUnsupported, "factorial is not supported", s, hint: "write gamma functions out, or the product")
        case "$": return error(.parseCharacter, "'$' may only wrap the whole input", s, hint: "remove the inner '$'")
        case "√": return error(.parseCharacter, "'√' is not read", s, hint: "write sqrt(...) (\\sqrt{...} in LaTeX)")
        case "∞": return error(.parseUnsupported, "infinity is not a value Ansatz computes with yet", s,
                               hint: "use a large finite bound")
        case ".":
            // math.sin(x), np.exp(x): a module prefix from Python
            let before = lexer.src[..<min(t.start, lexer.src.count)].reversed().prefix { $0.isASCIILetter || $0 == "_" }
            let module = String(String.UnicodeScalarView(before.reversed()))
            if ["math", "np", "numpy", "sympy", "sp", "cmath", "mpmath", "mp", "scipy", "special", "torch", "jnp"].contains(module) {
                return error(.parseCharacter, "'\(module).' is a Python module prefix", SourceSpan(t.start - module.unicodeScalars.count, s.end),
                             hint: "drop the '\(module).' prefix: write sin(x), exp(x), sqrt(x), pi")
            }
            return error(.parseCharacter, "unexpected '.'", s, hint: "a decimal point needs digits around it (0.5); names have no dots (write m_1 for m.1)")
        default: return error(.parseCharacter, "unexpected character \(text.debugDescription)", s,
                              hint: "remove it; expressions use numbers, names, + - * / ^ ( ) , = < and the functions \(BuiltinFunction.namesForHints)")
        }
    }

    /// ( sum ) | [ sum ] | { sum }
    mutating func parseGroup(_ open: Character) throws -> Expr {
        let openSpan = span
        try advance()
        if case .close = current.kind {
            throw error(.parseMissingOperand, "empty brackets", SourceSpan(openSpan.start, current.end),
                        hint: "put an expression inside the brackets")
        }
        let saved = absDepth
        absDepth = 0
        let inner = try parseSum()
        absDepth = saved
        try expectClose(open, openedAt: openSpan)
        return inner
    }

    static func closer(_ open: Character) -> Character {
        switch open {
        case "(": return ")"
        case "[": return "]"
        default: return "}"
        }
    }

    mutating func expectClose(_ open: Character, openedAt openSpan: SourceSpan) throws {
        let want = ParserState.closer(open)
        switch current.kind {
        case let .close(c) where c == want:
            try advance()
        case let .close(c):
            throw error(.parseUnmatched, "'\(c)' does not match the '\(open)' opened at offset \(openSpan.start)", span,
                        hint: "close it with '\(want)'")
        case .end:
            throw error(.parseUnclosed, "'\(open)' is never closed", openSpan, hint: "add '\(want)' at the end")
        case .relation:
            throw error(.parseRelation, "a relation cannot stand inside brackets", span,
                        hint: "write the relation at the top level: a = b")
        case .unsupported:
            throw unsupported(current)
        default:
            throw error(.parseUnexpected, "expected '\(want)' to close the '\(open)' at offset \(openSpan.start), found \(describe(current))",
                        span, hint: "add an operator or the closing '\(want)'")
        }
    }

    // MARK: numbers and quantities

    mutating func parseNumber(_ raw: String) throws -> Expr {
        let numberSpan = span
        try advance()
        let value = try numberValue(raw, numberSpan)
        if numberInExponent {
            numberInExponent = false
            return value
        }
        // LaTeX writes units upright (\mathrm{s}, \text{GeV}) or after a typeset space (13\,TeV):
        // an italic name right after a number is a symbol, as in \frac{4\pi\alpha^2}{3s}
        if latex && !current.typesetSpace {
            if case let .name(n) = current.kind, n.sub == nil, n.form != .decorated, n.raw.count > 1,
               UnitNames.contains(n.raw), !options.symbols.contains(n.raw) {
                warn(.warningParseItalicUnit, "'\(n.raw)' is italic, so it is read as letters, not the unit", span,
                     hint: "write \\mathrm{\(n.raw)} or \\text{\(n.raw)} for the unit")
            }
            return value
        }
        if let quantity = try parseQuantityUnits(after: value, numberSpan) { return quantity }
        return value
    }

    func numberValue(_ raw: String, _ s: SourceSpan) throws -> Expr {
        var literal = raw
        var precision = options.floatPrecision
        if raw.utf8.contains(UInt8(ascii: "`")), let tick = raw.firstIndex(of: "`") {
            literal = String(raw[..<tick])
            guard let p = Int(raw[raw.index(after: tick)...]) else {
                throw error(.parseNumber, "bad precision in \(raw.prefix(30))", s)
            }
            precision = p
        }
        if precision == nil, let fast = ParserState.smallDecimal(literal) { return fast }
        if let precision {
            do {
                let value = try BigFloat(parsing: literal, precision: precision)
                guard value.isFinite else {
                    throw error(.parseNumber, "\(raw.prefix(30)) is beyond the floating-point range", s,
                                hint: "write it exactly, without a precision")
                }
                return Expr.float(value)
            } catch let e as NumberError {
                throw error(.parseNumber, "\(e)", s, hint: "precision is in bits, \(NumberLimits.minPrecision) to \(NumberLimits.maxPrecision)")
            }
        }
        // 1e999999 is exact and valid, but its million digits are not worth writing out: past the
        // size the constructors fold (FoldLimits), the power of ten stays a power.
        if let e = literal.firstIndex(where: { $0 == "e" || $0 == "E" }),
           let exponent = BigInt(String(literal[literal.index(after: e)...]).replacingOccurrences(of: "+", with: "")),
           exponent.magnitude > BigInt(FoldLimits.maxFoldBits / 4) {
            guard let mantissa = try? Rational.parseDecimal(String(literal[..<e])) else {
                throw error(.parseNumber, "malformed number \(raw.prefix(30))", s)
            }
            return Expr.mul([.rational(mantissa), Expr.pow(.integer(10), .integer(exponent))])
        }
        do {
            return Expr.rational(try Rational.parseDecimal(literal))
        } catch {
            throw self.error(.parseNumber, "malformed number \(raw.prefix(30))", s)
        }
    }

    /// `42` or `91.1876` with at most 18 digits, without going through the general decimal reader.
    static func smallDecimal(_ literal: String) -> Expr? {
        var digits = 0, value = 0, scale = 0, point = false
        for b in literal.utf8 {
            if b >= 48 && b <= 57 {
                digits += 1
                guard digits <= 18 else { return nil }
                value = value * 10 + Int(b - 48)
                if point { scale += 1 }
            } else if b == 46 && !point {
                point = true
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if scale == 0 { return .integer(value) }
        var denominator = 1
        for _ in 0..<scale { denominator *= 10 }
        return (try? Rational(value, denominator)).map { .rational($0) }
    }

    /// A unit name token (not a symbol with a subscript).
    func unitName(_ t: Token) -> String? {
        guard case let .name(n) = t.kind, n.sub == nil, n.form != .decorated else { return nil }
        // a name declared a symbol (`m` a mass) is never a unit: 2m is twice m
        return UnitNames.contains(n.raw) && !options.symbols.contains(n.raw) ? n.raw : nil
    }

    /// quantity = number unit-run, when the run ends the product (see Grammar/plain.ebnf, "Quantities").
    mutating func parseQuantityUnits(after value: Expr, _ numberSpan: SourceSpan) throws -> Expr? {
        guard unitName(current) != nil else { return nil }
        let saved = snapshot
        let runStart = current.start
        let units = try parseUnitRun()
        let runSpan = SourceSpan(runStart, max(runStart + 1, lastConsumedEnd))
        switch current.kind {
        case .name, .number, .open, .command:
            restore(saved)  // `2 m c^2`: the names continue a product of symbols
            return nil
        case .star, .slash:
            // `1.2 fb^-1 * 3.4 pb`: a number after the operator starts the next quantity, whatever
            // the names were; a name or bracket could continue a product of symbols instead
            let next = try peek()
            switch next.kind {
            case .name, .open, .command, .pipe:
                throw error(.parseAmbiguous, "a unit after a number, but the product goes on", SourceSpan(runStart, next.end),
                            hint: "write (2 m)*x for a quantity, or 2*m*x for symbols")
            default:
                break
            }
        default:
            break
        }
        if units.count == 1, units[0].exponent.isOne, ambiguousUnitNames.contains(units[0].name) {
            warn(.warningParseUnit, "'\(units[0].name)' after a number is read as a unit", runSpan,
                 hint: "write 2*\(units[0].name) for a symbol named \(units[0].name)")
        }
        return Expr.mul([value] + units.map { Expr.pow(.unit($0.name), .rational($0.exponent)) })
    }

    var lastConsumedEnd: Int { lexer.pos }

    /// unit-run = unit-power { ("*" | "/" | juxtaposition) unit-power }
    mutating func parseUnitRun() throws -> [(name: String, exponent: Rational)] {
        var units: [(name: String, exponent: Rational)] = []
        var sign = Rational.one
        while true {
            guard let name = unitName(current) else {
                throw error(.parseUnknownUnit, "expected a unit name, found \(describe(current))", span,
                            hint: "units include m, s, kg, GeV, fb, pb, eV, K, mol, T, Hz, J, W, N, Pa")
            }
            try advance()
            let exponent = try parseUnitExponent()
            units.append((name, sign * exponent))
            switch current.kind {
            case .star, .slash:
                let isDivision: Bool = { if case .slash = current.kind { return true } else { return false } }()
                let next = try peek()
                guard unitName(next) != nil else { return units }
                sign = isDivision ? .minusOne : .one
                try advance()
            case .name:
                guard unitName(current) != nil, current.spaced || latex else { return units }
                sign = .one
            default:
                return units
            }
        }
    }

    /// After a unit: `^2`, `^-1`, `^(1/2)`, `^{-2}`, `²`, `⁻¹`, or nothing.
    mutating func parseUnitExponent() throws -> Rational {
        if case let .superscript(n) = current.kind {
            try advance()
            return Rational(n)
        }
        guard case .caret = current.kind else { return .one }
        let caret = span
        try advance()
        var close: Character?
        if case let .open(c) = current.kind, c == "(" || c == "{" {
            close = ParserState.closer(c)
            try advance()
        }
        var negative = false
        if case .minus = current.kind { negative = true; try advance() } else if case .plus = current.kind { try advance() }
        guard case let .number(raw) = current.kind, let n = BigInt(raw) else {
            throw error(.parseUnexpected, "a unit's exponent must be a number", SourceSpan(caret.start, current.end),
                        hint: "write m^2, s^-1 or m^(1/2)")
        }
        try advance()
        var value = Rational(n)
        if close != nil, case .slash = current.kind {
            try advance()
            guard case let .number(rawDen) = current.kind, let d = BigInt(rawDen), !d.isZero else {
                throw error(.parseUnexpected, "expected a nonzero integer denominator", span)
            }
            try advance()
            value = (try? Rational(n, d)) ?? value
        }
        if let want = close {
            guard case let .close(c) = current.kind, c == want else {
                throw error(.parseUnclosed, "expected '\(want)' after the unit exponent", span)
            }
            try advance()
        }
        return negative ? -value : value
    }

    // MARK: names, calls

    mutating func parseName(_ name: NameToken) throws -> Expr {
        let nameSpan = span
        if name.form == .greek, name.base == "partial" || name.base == "nabla" {
            throw error(.parseDerivative, "\(name.base == "partial" ? "∂ (\\partial)" : "∇ (\\nabla)") is derivative notation, which is not read yet",
                        nameSpan, hint: "take derivatives with the differentiate tool (ansatz diff EXPR x; jacobian for gradients); index notation such as \\partial_\\mu is not supported yet")
        }
        if name.quoted {
            try advance()
            return symbol(name.canonical)
        }
        if latex && name.form == .word {
            return try parseLaTeXWord(name, nameSpan)
        }
        try advance()
        let canonical = name.canonical
        let followedByParen: Bool = { if case .open("(") = current.kind { return true } else { return false } }()
        if !followedByParen, let known = knownSymbols[canonical] { return known }
        let symbol = try resolveName(name, canonical, nameSpan)
        if !followedByParen, case .symbol = symbol.kind { knownSymbols[canonical] = symbol }
        return symbol
    }

    /// What a plain-syntax name means: a unit call, a function call, a constant or a symbol.
    mutating func resolveName(_ name: NameToken, _ canonical: String, _ nameSpan: SourceSpan) throws -> Expr {
        if name.sub == nil {
            if canonical == "unit", case .open("(") = current.kind, !current.spaced {
                return try parseUnitCall()
            }
            if let call = try parseCallIfAny(canonical, nameSpan) { return call }
            if let constant = constant(named: canonical, form: name.form) { return constant }
        } else if let call = try parseCallIfAny(canonical, nameSpan) {
            return call
        }
        return Expr.symbol(Symbol(canonical, assumptions: options.assumptions[canonical] ?? []))
    }

    func constant(named name: String, form: NameToken.Form) -> Expr? {
        if options.symbols.contains(name) { return nil }
        switch name {
        case "pi": return .pi
        case "i", "I": return options.complex && (name == "i" || !latex) ? .i : nil
        default: return nil
        }
    }

    /// `f(args)` when `name` is a function; nil when it is not followed by a call.
    mutating func parseCallIfAny(_ name: String, _ nameSpan: SourceSpan) throws -> Expr? {
        let declared = options.functions.contains(name)
        // a name declared a symbol (symbols, or assumptions on it) is never the built-in function
        let symbol = options.symbols.contains(name) || options.assumptions[name] != nil
        let builtin = BuiltinFunction.isName(name) && !declared && !symbol
        let isFunction = builtin || name == "sqrt" || declared
        if latex, case .open("(") = current.kind {
            // TeX ignores spaces, and \left( is as much a call as (: ζ(s) is the zeta function only
            // when the bracket follows at once; \gamma(v), \beta(a, b), \Gamma(s), \psi(x) are
            // as often a Lorentz factor, a velocity, a width, a wave function, and \Gamma (s) or
            // \Gamma \left(s\right) render as \Gamma(s): all refused, not guessed
            let functionLetter = builtin && BuiltinFunction.isAlsoLetter(name)
            let unsupportedLetter = !isFunction && BuiltinFunction.knownUnsupported[name] != nil && !symbol
                && BuiltinFunction.isAlsoLetter(name) && (current.leftOnly || current.spaced)
            if functionLetter && (name != "zeta" || current.spaced && !current.leftOnly) || unsupportedLetter {
                throw error(.parseAmbiguous, "'\\\(name)(' could be a function or the letter \\\(name) times a bracket",
                            SourceSpan(nameSpan.start, current.end),
                            hint: (functionLetter ? "write \\operatorname{\(name)}(...) for the function (Docs/functions.md)"
                                                  : "\\\(name)(...) could be \(BuiltinFunction.knownUnsupported[name] ?? "a function")")
                                + "; \\\(name) \\cdot (...) for a product, or declare \(name) a function of your own (functions: [\"\(name)\"])")
            }
        }
        guard case .open("(") = current.kind else {
            // a function's name alone is an error, except a Greek letter's (gamma, beta, zeta): the letter
            if isFunction && !declared && !BuiltinFunction.isAlsoLetter(name) {
                throw error(.parseUnexpected, "expected '(' after the function \(name)", SourceSpan(nameSpan.start, current.end),
                            hint: "write \(name)(x)")
            }
            return nil
        }
        if builtin && BuiltinFunction.isAlsoLetter(name) && current.spaced && !latex {
            // `gamma (x + 1)`: the letter times a bracket, or the function?
            throw error(.parseAmbiguous, "'\(name)(' could be the \(name) function or the letter \(name) times a bracket",
                        SourceSpan(nameSpan.start, current.end),
                        hint: "write \(name)(...) without the space for the function, or \(name)*(...) for a product")
        }
        guard isFunction else {
            if current.spaced { return nil }  // `x (y + 1)`: a product
            if let what = BuiltinFunction.knownUnsupported[name], !options.symbols.contains(name) {
                let rewrite: [String: String] = ["log2": "log(x)/log(2)", "exp2": "2^x", "expm1": "exp(x) - 1", "log1p": "log(1 + x)",
                                                 "sinc": "sin(x)/x", "hypot": "sqrt(x^2 + y^2)"]
                throw error(.parseUnsupportedFunction, "\(name) (\(what)) is not a built-in function", SourceSpan(nameSpan.start, current.end),
                            hint: rewrite[name].map { "write \($0) instead" }
                                ?? "built in: \(BuiltinFunction.namesForHints); to keep \(name)(...) unevaluated, declare it (functions: [\"\(name)\"]): it is then carried through algebra and substitution, not differentiated or evaluated; for a product write \(name)*(...)")
            }
            throw error(.parseAmbiguous, "'\(name)(' could be a call of an undeclared function or a product",
                        SourceSpan(nameSpan.start, current.end),
                        hint: "write \(name)*(...) for a product, or declare \(name) as a function (functions: [\"\(name)\"])")
        }
        let args = try parseArguments()
        let result = try call(name, args, SourceSpan(nameSpan.start, lastConsumedEnd))
        noteCall(name, args)
        return result
    }

    /// Records a call with the spans `parseArguments` kept.
    mutating func noteCall(_ name: String, _ args: [Expr]) {
        guard notes != nil, argumentStarts.count == args.count else { return }
        note(.call(name), zip(args, zip(argumentStarts, argumentEnds)).map {
            SyntaxNote.Operand(expr: $0.0, span: SourceSpan($0.1.0, $0.1.1))
        })
    }

    /// "(" sum { "," sum } ")"
    mutating func parseArguments() throws -> [Expr] {
        var starts: [Int] = [], ends: [Int] = []
        defer { (argumentStarts, argumentEnds) = (starts, ends) }
        let openSpan = span
        try advance()
        var args: [Expr] = []
        if case .close(")") = current.kind {
            try advance()
            return args
        }
        let saved = absDepth
        absDepth = 0
        defer { absDepth = saved }
        while true {
            starts.append(current.start)
            args.append(try parseSum())
            ends.append(max(consumedEnd, starts[starts.count - 1] + 1))
            if case .comma = current.kind {
                lastOperator = (",", span)
                try advance()
                continue
            }
            try expectClose("(", openedAt: openSpan)
            return args
        }
    }

    func call(_ name: String, _ args: [Expr], _ s: SourceSpan) throws -> Expr {
        if name == "sqrt" {
            guard args.count == 1 else { throw arity("sqrt", [1], args.count, s) }
            return Expr.pow(args[0], .rational(.half))
        }
        if BuiltinFunction.isName(name) && !options.functions.contains(name) {
            guard let (f, leading) = BuiltinFunction.named(name, arguments: args.count) else {
                throw arity(name, BuiltinFunction.arities(of: name), args.count, s)
            }
            return Expr.function(f, leading + args)
        }
        guard !args.isEmpty else {
            throw error(.parseArity, "\(name)() needs at least one argument", s)
        }
        return Expr.function(named: name, args)
    }

    func arity(_ name: String, _ want: [Int], _ got: Int, _ s: SourceSpan) -> Diagnostic {
        let counts = want.map(String.init).joined(separator: " or ")
        let forms = want.map { n in "\(name)(" + ["x", "y, x", "x, y, z"][max(0, min(n, 3) - 1)] + ")" }.joined(separator: " or ")
        let last = want.last ?? 1
        return error(.parseArity, "\(name) takes \(counts) argument\(last == 1 ? "" : "s"), got \(got)", s, hint: "write \(forms)")
    }

    /// unit "(" unit-run ")": an explicit unit, the form the printer uses.
    mutating func parseUnitCall() throws -> Expr {
        let openSpan = span
        try advance()
        let units = try parseUnitRun()
        try expectClose("(", openedAt: openSpan)
        return Expr.mul(units.map { Expr.pow(.unit($0.name), .rational($0.exponent)) })
    }

    // MARK: LaTeX

    /// A letter run in LaTeX: a function name, a spelled-out Greek letter, or letters multiplied.
    mutating func parseLaTeXWord(_ name: NameToken, _ nameSpan: SourceSpan) throws -> Expr {
        let raw = name.raw
        if name.sub == nil, raw.count > 1, let f = FunctionCatalog.latexWord(raw) {
            try advance()
            return try parseTeXFunction(f, nameSpan)
        }
        if name.sub == nil, raw == "sqrt" {
            try advance()
            return try parseTeXSqrt()
        }
        try advance()
        if options.functions.contains(name.canonical), let call = try parseCallIfAny(name.canonical, nameSpan) {
            return call
        }
        if raw.count > 1, let g = Greek.canonical(raw) {
            warn(.warningParseGreekWord, "'\(raw)' read as the Greek letter \\\(g)", nameSpan, hint: "write \\\(g)")
            if g == "pi" && name.sub == nil { return .pi }
            return symbol(NameToken.join(g, name.sub))
        }
        if raw.count == 1 {
            if let c = constant(named: raw, form: .word), name.sub == nil { return c }
            let canonical = name.canonical
            if let call = try parseCallIfAny(canonical, nameSpan) { return call }
            return symbol(canonical)
        }
        // TeX semantics: `mc` is m*c. Take the first letter and read the rest again, so that a
        // power or subscript binds to the last letter only (`mc^2` is m*c^2, `ab_c` is a*b_c).
        guard let first = raw.unicodeScalars.first else { return symbol(name.canonical) }
        lexer.pos = nameSpan.start + 1
        current = try lexer.next()
        let letter = Greek.unicode[first] ?? String(first)
        return constant(named: letter, form: .word) ?? symbol(letter)
    }

    func symbol(_ name: String) -> Expr {
        Expr.symbol(Symbol(name, assumptions: options.assumptions[name] ?? []))
    }

    mutating func parseCommand(_ name: String) throws -> Expr {
        let commandSpan = span
        try advance()
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            if case let .number(raw) = current.kind, raw.count == 2, raw.allSatisfy(\.isNumber) {
                // \frac12 is 1/2
                try advance()
                let digits = raw.compactMap { $0.wholeNumberValue }
                guard digits.count == 2 else { throw error(.parseNumber, "malformed \\frac digits", span) }
                return Expr.integer(digits[0]) / Expr.integer(digits[1])
            }
            let numeratorStart = current.start
            let numerator = try parseTeXArgument(of: name)
            let denominatorStart = current.start
            let rawDenominator = try parseTeXArgument(of: name)
            // Leibniz notation: d over d is a derivative, never the symbol d cancelling itself
            // (\frac{d\sigma}{d\Omega} was sigma/Omega)
            if hasDifferential(numerator), hasDifferential(rawDenominator) {
                throw error(.parseDerivative, "\\\(name){d…}{d…} is a derivative in Leibniz notation, which is not read as a fraction",
                            SourceSpan(numeratorStart, lastConsumedEnd),
                            hint: "take the derivative with the differentiate tool (ansatz diff EXPR x); for a symbol named d, declare it (assume: 'd real')")
            }
            let denominator = try nonzeroDivisor(rawDenominator, from: denominatorStart)
            note(.divisor, [operand(denominator, from: denominatorStart)])
            return numerator / denominator
        case "sqrt":
            return try parseTeXSqrt()
        case "ln":
            return try parseTeXFunction(.log, commandSpan)
        case "lg":
            return try parseTeXFunction(.log10, commandSpan)
        case "operatorname", "mathrm", "text", "textrm", "mathit", "rm", "mathsf", "textit", "mathbf", "textbf", "mathnormal":
            return try parseTeXText(name, commandSpan)
        case "infty":
            throw error(.parseUnsupported, "infinity is not a value Ansatz computes with yet", commandSpan,
                        hint: "use a large finite bound, or state the limit in words")
        case "sum", "prod", "int", "iint", "oint", "lim", "partial", "nabla", "binom", "choose", "pm", "mp",
             "cdots", "ldots", "dots", "approx", "sim", "simeq", "propto", "to", "rightarrow", "mapsto", "equiv":
            throw error(.parseUnsupported, "\\\(name) is not supported", commandSpan,
                        hint: "rewrite without \\\(name); sums, integrals and limits are not part of the expression language yet")
        default:
            if let f = FunctionCatalog.latexCommand(name) { return try parseTeXFunction(f, commandSpan) }
            if options.functions.contains(name) {
                if let call = try parseCallIfAny(name, commandSpan) { return call }
            }
            throw error(.parseUnknownCommand, "unknown LaTeX command \\\(name)", commandSpan,
                        hint: "supported: \\frac \\sqrt \\cdot \\times \\left \\right, Greek letters, \\sin \\cos \\tan \\exp \\ln \\log, \\mathrm{unit}")
        }
    }

    /// Is the symbol d a factor of `e` (d, d^2, d*sigma), with d not declared a symbol?
    func hasDifferential(_ e: Expr) -> Bool {
        guard !options.symbols.contains("d"), options.assumptions["d"] == nil else { return false }
        func isD(_ x: Expr) -> Bool {
            switch x.kind {
            case let .symbol(s): return s.name == "d"
            case let .unit(u): return u == "d"  // \mathrm{d}, the upright differential (a day, read as a unit)
            default: return false
            }
        }
        switch e.kind {
        case .symbol: return isD(e)
        case let .pow(b, _): return isD(b)
        case let .mul(_, factors): return factors.contains { isD($0.base) }
        default: return false
        }
    }

    /// Tensor indices written as superscripts (p^\mu, \gamma^{\mu\nu}): refused until tensors
    /// are supported, rather than read as powers.
    static let indexLetters: Set<String> = ["mu", "nu", "rho", "sigma", "lambda", "kappa"]

    func isIndexSuperscript(_ exponent: Expr) -> Bool {
        func isIndex(_ x: Expr) -> Bool {
            guard case let .symbol(s) = x.kind, ParserState.indexLetters.contains(s.name) else { return false }
            return !options.symbols.contains(s.name) && options.assumptions[s.name] == nil
        }
        if isIndex(exponent) { return true }
        if case let .mul(c, factors) = exponent.kind, c.isOne { return factors.allSatisfy { isIndex($0.base) && $0.exponent.isOne } }
        return false
    }

    /// A command's argument: `{...}` or a single token.
    mutating func parseTeXArgument(of command: String) throws -> Expr {
        if case .open("{") = current.kind { return try parseGroup("{") }
        switch current.kind {
        case let .name(n) where n.form == .word && n.raw.count > 1:
            throw error(.parseAmbiguous, "\\\(command) takes one letter without braces", span,
                        hint: "put the argument in braces: \\\(command){\(n.raw)}")
        case .number, .name, .command:
            depth += 1
            defer { depth -= 1 }
            guard depth <= options.maxDepth else {
                throw error(.parseDepth, "expression nested deeper than \(options.maxDepth) levels", span)
            }
            return try parsePrimary()
        default:
            throw error(.parseMissingOperand, "\\\(command) expects an argument in braces, found \(describe(current))", span,
                        hint: "write \\\(command){...}")
        }
    }

    mutating func parseTeXSqrt() throws -> Expr {
        var degree: Expr?
        if case .open("[") = current.kind {
            let open = span
            try advance()
            degree = try parseSum()
            try expectClose("[", openedAt: open)
        }
        let radicand: Expr
        if case .open("(") = current.kind { radicand = try parseGroup("(") } else { radicand = try parseTeXArgument(of: "sqrt") }
        guard let degree else { return Expr.pow(radicand, .rational(.half)) }
        if degree.rationalValue == Rational(3) { return Expr.function(.cbrt, [radicand]) }
        return Expr.pow(radicand, Expr.pow(degree, .minusOne))
    }

    /// `\sin x`, `\sin(x)`, `\sin^2 x`, `\log_{10} x`, `\log_b x`.
    mutating func parseTeXFunction(_ f: BuiltinFunction, _ commandSpan: SourceSpan) throws -> Expr {
        var power: Expr?
        var logBase: Expr?
        if case .underscore = current.kind, f == .log {
            try advance()
            logBase = try parseTeXArgument(of: "log_")
        }
        if case .caret = current.kind {
            try advance()
            let p = try parseTeXArgument(of: "^")
            if p.rationalValue == Rational(-1) {
                throw error(.parseAmbiguous, "\\\(f.name)^{-1} could mean the inverse function or 1/\(f.name)",
                            SourceSpan(commandSpan.start, lastConsumedEnd), hint: "write \\arc\(f.name) x, or 1 over \\\(f.name) x")
            }
            power = p
        }
        var args: [Expr]
        let operandStart = current.start
        switch current.kind {
        case .open("("):
            args = try parseArguments()
        case .open("{"):
            args = [try parseGroup("{")]
            (argumentStarts, argumentEnds) = ([operandStart], [consumedEnd])
        default:
            args = [try parseFunctionOperand(commandSpan)]
            (argumentStarts, argumentEnds) = ([operandStart], [consumedEnd])
        }
        noteCall(f.name, args)
        guard args.count == f.arity else {
            throw arity(f.name, [f.arity], args.count, SourceSpan(commandSpan.start, lastConsumedEnd))
        }
        var result = Expr.function(f, args)
        if let logBase {
            if logBase.rationalValue == Rational(10) {
                result = Expr.function(.log10, args)
            } else {
                result = result / Expr.function(.log, [logBase])
            }
        }
        if let power { result = Expr.pow(result, power) }
        return result
    }

    /// The brace-less argument of `\sin`: juxtaposed factors up to an operator or the next function.
    mutating func parseFunctionOperand(_ commandSpan: SourceSpan) throws -> Expr {
        var factors: [Expr] = []
        while canStartImplicitOperand(current) {
            if !factors.isEmpty {
                if case let .command(c) = current.kind, FunctionCatalog.latexCommand(c) != nil || c == "ln" || c == "operatorname" { break }
                if case let .name(n) = current.kind, n.form == .word, n.raw.count > 1, FunctionCatalog.latexWord(n.raw) != nil { break }
            }
            factors.append(try parsePower())
        }
        guard !factors.isEmpty else {
            throw error(.parseMissingOperand, "expected an argument after the function", SourceSpan(commandSpan.start, current.end),
                        hint: "write \\sin(x) or \\sin x")
        }
        return factors.count == 1 ? factors[0] : Expr.mul(factors)
    }

    /// `\mathrm{GeV}`, `\text{m/s^2}`, `\mathrm{e}`, `\mathrm{eff}`, `\operatorname{atan2}(y, x)`.
    mutating func parseTeXText(_ command: String, _ commandSpan: SourceSpan) throws -> Expr {
        guard case .open("{") = current.kind else {
            throw error(.parseUnexpected, "\\\(command) expects {…}", span, hint: "write \\\(command){GeV}")
        }
        let open = current.start
        let close = try lexer.matchingBrace(from: open)
        let content = lexer.src[(open + 1)..<close]
        // \_ is an underscore inside a name (\mathrm{g\_}, as the LaTeX printer writes g_)
        let text = String(String.UnicodeScalarView(content)).trimmingSpaces.replacingOccurrences(of: "\\_", with: "_")
        let contentSpan = SourceSpan(open + 1, close)
        // resume after the closing brace
        lexer.pos = close + 1
        try advance()
        if command == "operatorname" {
            // \operatorname{erf}(x), \operatorname{\Gamma}(x), \operatorname{atan2}(y, x), a declared f
            if let f = FunctionCatalog.latexCommand(text), !options.functions.contains(text) { return try parseTeXFunction(f, commandSpan) }
            let glyphFunctions = FunctionCatalog.functions(forGlyph: text)
            guard BuiltinFunction.isName(text) || !glyphFunctions.isEmpty || text == "sqrt" || options.functions.contains(text) else {
                throw error(.parseUnknownFunction, "unknown function '\(text)'", contentSpan,
                            hint: "built in: \(BuiltinFunction.namesForHints); or declare it as a function (functions: [\"\(text)\"])")
            }
            guard case .open("(") = current.kind else {
                throw error(.parseUnexpected, "expected '(' after \\operatorname{\(text)}", span, hint: "write \\operatorname{\(text)}(x)")
            }
            let args = try parseArguments()
            let callSpan = SourceSpan(commandSpan.start, lastConsumedEnd)
            let result: Expr
            if !glyphFunctions.isEmpty && !options.functions.contains(text) {
                guard let f = glyphFunctions.first(where: { $0.arity == args.count }) else {
                    throw arity(glyphFunctions[0].name, glyphFunctions.map(\.arity).sorted(), args.count, callSpan)
                }
                result = Expr.function(f, args)
                noteCall(f.name, args)
            } else {
                result = try call(text, args, callSpan)
                noteCall(text, args)
            }
            return result
        }
        switch text {
        case "e": return .e
        case "i": return options.complex ? .i : symbol("i")
        case "": throw error(.parseMissingOperand, "empty \\\(command){}", contentSpan)
        default: break
        }
        // A unit run read with the plain lexer over the braces' content.
        var inner = ParserState(sub: lexer.src, range: (open + 1)..<close, options: options, budget: budget)
        if try inner.startsUnit(), let units = try? inner.parseUnitRun(), inner.atEnd {
            return Expr.mul(units.map { Expr.pow(.unit($0.name), .rational($0.exponent)) })
        }
        if let first = text.unicodeScalars.first, first.isASCIILetter, text.unicodeScalars.allSatisfy({ $0.isASCIIAlnum || $0 == "_" }) {
            return symbol(text)  // \mathrm{eff}: a name
        }
        if let number = ParserState.smallDecimal(text) { return number }  // \mathrm{2}
        throw error(.parseUnknownUnit, "\\\(command){\(text.prefix(40))} is neither a unit nor a name", contentSpan,
                    hint: "units include GeV, fb, pb, m, s, kg; a name is letters and digits")
    }

    var atEnd: Bool { if case .end = current.kind { return true } else { return false } }

    mutating func startsUnit() throws -> Bool { unitName(current) != nil }

    /// A parser over a slice of the same source (offsets stay those of the whole input).
    init(sub src: [Unicode.Scalar], range: Range<Int>, options: ParseOptions, budget: Budget) {
        self.lexer = Lexer(Array(src[..<range.upperBound]), latex: false, start: range.lowerBound)
        self.latex = false
        self.options = options
        self.budget = budget
        self.current = (try? lexer.next()) ?? Token(kind: .end, start: range.lowerBound, end: range.lowerBound, spaced: false)
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }), let last = scalars.lastIndex(where: { !$0.isSpace }) else { return "" }
        return String(scalars[first...last])
    }
}
