import AnsatzCore

/// An identifier-like token: a symbol name with its parts, as the parser needs them.
struct NameToken: Equatable {
    enum Form: Equatable {
        /// A run of letters (and, in plain syntax, digits): `x`, `m`, `GeV`, `theta`, `x1`.
        case word
        /// A Greek letter from a command or a Unicode letter: `\alpha`, `α`.
        case greek
        /// A decorated letter: `\tilde{t}`.
        case decorated
    }

    var form: Form
    /// The letters as written (`GeV`, `µm`, `Ω`): what unit lookup and LaTeX letter-splitting see.
    var raw: String
    /// Canonical base name (`theta`, `\tilde{t}`, `x1`).
    var base: String
    /// Canonical subscript, if any (`t`, `\tilde{t}`, `alpha beta`).
    var sub: String?
    /// Source offset where the subscript starts (to attach it to the last letter when splitting).
    var subStart: Int?
    /// Written as `'name'`: always a symbol.
    var quoted = false

    var canonical: String { NameToken.join(base, sub) }

    static func join(_ base: String, _ sub: String?) -> String {
        guard let sub else { return base }
        let bare = !sub.isEmpty && sub.unicodeScalars.allSatisfy { $0.isASCIIAlnum || $0 == "_" }
        return bare ? base + "_" + sub : base + "_{" + sub + "}"
    }
}

enum TokenKind: Equatable {
    case number(String)
    case name(NameToken)
    /// A LaTeX command the parser handles itself (`frac`, `sqrt`, `sin`, `mathrm`, ...), without the backslash.
    case command(String)
    case plus, minus, star, slash, caret, comma, pipe, underscore
    case open(Character)   // ( [ {  (`\{` arrives as "{" too, `\left` is dropped)
    case close(Character)
    case relation(Relation)
    /// Unicode superscript exponent: `²` is 2, `⁻¹` is -1.
    case superscript(Int)
    case unsupported(String)
    case end
}

struct Token: Equatable {
    var kind: TokenKind
    var start: Int
    var end: Int
    /// Whitespace (or a LaTeX spacing command) came right before it.
    var spaced: Bool
    /// LaTeX: a typeset space (`\,`, `\;`, `~`, `\thinspace`...) came right before it, the
    /// separator between a number and its unit (`13\,TeV`).
    var typesetSpace = false
    /// LaTeX: `\left` and nothing else came right before it (`\Gamma\left(`): as much a call as `\Gamma(`.
    var leftOnly = false
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
    var isASCIIDigit: Bool { (0x30...0x39).contains(value) }
    var isASCIIAlnum: Bool { isASCIILetter || isASCIIDigit }
    var isSpace: Bool { value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0xA0 || value == 0x2009 || value == 0x202F }
}

/// Decorations accepted on a letter, and their canonical command.
let decorations: [String: String] = [
    "tilde": "tilde", "widetilde": "tilde", "bar": "bar", "overline": "bar", "hat": "hat",
    "widehat": "hat", "vec": "vec", "dot": "dot", "ddot": "ddot", "check": "check", "breve": "breve",
]

/// Commands that are only spacing.
let spacingCommands: Set<String> = ["quad", "qquad", "enspace", "thinspace", "medspace", "thickspace", "displaystyle", "textstyle"]
/// Delimiter sizing commands: the delimiter that follows is what counts.
let sizingCommands: Set<String> = ["left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "middle"]

/// Turns the input into tokens on demand (a 10 MB input never becomes a 10 MB token array).
/// Positions are Unicode scalar offsets.
struct Lexer {
    let src: [Unicode.Scalar]
    let latex: Bool
    var pos: Int

    init(_ src: [Unicode.Scalar], latex: Bool, start: Int = 0) {
        self.src = src
        self.latex = latex
        self.pos = start
    }

    func at(_ i: Int) -> Unicode.Scalar? { i < src.count ? src[i] : nil }

    mutating func next() throws -> Token {
        let before = pos
        var token = try nextToken()
        if latex && token.spaced {
            let gap = src[before..<min(token.start, src.count)]
            token.typesetSpace = gap.contains("~") || gap.contains("\\")
            token.leftOnly = String(String.UnicodeScalarView(gap)) == "\\left"
        }
        return token
    }

    mutating func nextToken() throws -> Token {
        var spaced = false
        while true {
            guard let c = at(pos) else { return Token(kind: .end, start: pos, end: pos, spaced: spaced) }
            if c.isSpace || (latex && c == "~") {
                pos += 1; spaced = true; continue
            }
            if c == "\\", let n = at(pos + 1), ",;:! ".unicodeScalars.contains(n) {
                pos += 2; spaced = true; continue
            }
            if c == "\\", let n = at(pos + 1), n.isASCIILetter {
                let (name, end) = commandName(at: pos + 1)
                if spacingCommands.contains(name) || sizingCommands.contains(name) {
                    pos = end; spaced = true
                    if name != "left" && name != "right" && name != "middle" { continue }
                    // \left. and \right. are invisible delimiters
                    if at(pos) == "." { pos += 1 }
                    continue
                }
            }
            break
        }
        let start = pos
        guard let c = at(pos) else { return Token(kind: .end, start: pos, end: pos, spaced: spaced) }
        func tok(_ kind: TokenKind, _ length: Int = 1) -> Token {
            pos = start + length
            return Token(kind: kind, start: start, end: pos, spaced: spaced)
        }
        switch c {
        case "0"..."9", ".":
            if c == ".", !(at(pos + 1)?.isASCIIDigit ?? false) { return tok(.unsupported(".")) }
            return Token(kind: .number(lexNumber()), start: start, end: pos, spaced: spaced)
        case "+": return tok(.plus)
        case "-", "\u{2212}": return tok(.minus)
        case "*":
            return at(pos + 1) == "*" ? tok(.caret, 2) : tok(.star)
        case "\u{00B7}", "\u{22C5}", "\u{00D7}", "\u{2219}": return tok(.star)
        case "/", "\u{00F7}": return tok(.slash)
        case "^": return tok(.caret)
        case ",": return tok(.comma)
        case "|": return tok(.pipe)
        case "_": return tok(.underscore)
        case "(", "[": return tok(.open(Character(c)))
        case ")", "]": return tok(.close(Character(c)))
        case "{": return tok(.open("{"))
        case "}": return tok(.close("}"))
        case "=":
            return at(pos + 1) == "=" ? tok(.unsupported("=="), 2) : tok(.relation(.equal))
        case "<":
            return at(pos + 1) == "=" ? tok(.relation(.lessEqual), 2) : tok(.relation(.less))
        case ">":
            return at(pos + 1) == "=" ? tok(.relation(.greaterEqual), 2) : tok(.relation(.greater))
        case "\u{2264}": return tok(.relation(.lessEqual))
        case "\u{2265}": return tok(.relation(.greaterEqual))
        case "!":
            return at(pos + 1) == "=" ? tok(.unsupported("!="), 2) : tok(.unsupported("!"))
        case "\u{2260}": return tok(.unsupported("≠"))
        case "\u{207B}", "\u{00B9}", "\u{00B2}", "\u{00B3}", "\u{2070}", "\u{2074}"..."\u{2079}":
            return lexSuperscript(start: start, spaced: spaced)
        case "\\":
            return try lexCommand(start: start, spaced: spaced)
        case "'":
            return try lexQuotedName(start: start, spaced: spaced)
        default:
            if c.isASCIILetter || Greek.unicode[c] != nil || c == "Å" {
                return Token(kind: .name(try lexName()), start: start, end: pos, spaced: spaced)
            }
            return tok(.unsupported(String(c)))
        }
    }

    /// digits [. digits] [e [+-] digits] [` digits]
    mutating func lexNumber() -> String {
        let start = pos
        while at(pos)?.isASCIIDigit == true { pos += 1 }
        if at(pos) == ".", at(pos + 1) != "." {
            pos += 1
            while at(pos)?.isASCIIDigit == true { pos += 1 }
        }
        if let e = at(pos), e == "e" || e == "E" {
            var look = pos + 1
            if at(look) == "+" || at(look) == "-" { look += 1 }
            if at(look)?.isASCIIDigit == true {
                pos = look
                while at(pos)?.isASCIIDigit == true { pos += 1 }
            }
        }
        if at(pos) == "`", at(pos + 1)?.isASCIIDigit == true {
            pos += 1
            while at(pos)?.isASCIIDigit == true { pos += 1 }
        }
        return text(start, pos)
    }

    mutating func lexSuperscript(start: Int, spaced: Bool) -> Token {
        let digits: [Unicode.Scalar: Int] = ["\u{2070}": 0, "\u{00B9}": 1, "\u{00B2}": 2, "\u{00B3}": 3, "\u{2074}": 4,
                                             "\u{2075}": 5, "\u{2076}": 6, "\u{2077}": 7, "\u{2078}": 8, "\u{2079}": 9]
        var negative = false
        if at(pos) == "\u{207B}" { negative = true; pos += 1 }
        var value = 0, count = 0
        while let c = at(pos), let d = digits[c], count < 6 {
            value = value * 10 + d; pos += 1; count += 1
        }
        if count == 0 { return Token(kind: .unsupported("⁻"), start: start, end: pos, spaced: spaced) }
        return Token(kind: .superscript(negative ? -value : value), start: start, end: pos, spaced: spaced)
    }

    func commandName(at i: Int) -> (String, Int) {
        var end = i
        while at(end)?.isASCIILetter == true { end += 1 }
        return (text(i, end), end)
    }

    /// The source text between two offsets (ASCII, the common case, without transcoding).
    func text(_ start: Int, _ end: Int) -> String {
        let slice = src[start..<end]
        if slice.allSatisfy({ $0.isASCII }) {
            return String(unsafeUninitializedCapacity: slice.count) { buffer in
                for (i, s) in zip(buffer.indices, slice) { buffer[i] = UInt8(truncatingIfNeeded: s.value) }
                return slice.count
            }
        }
        return String(String.UnicodeScalarView(slice))
    }

    mutating func lexCommand(start: Int, spaced: Bool) throws -> Token {
        guard let n = at(pos + 1) else {
            pos += 1
            return Token(kind: .unsupported("\\"), start: start, end: pos, spaced: spaced)
        }
        if !n.isASCIILetter {
            pos += 2
            switch n {
            case "{": return Token(kind: .open("{"), start: start, end: pos, spaced: spaced)
            case "}": return Token(kind: .close("}"), start: start, end: pos, spaced: spaced)
            case "|": return Token(kind: .unsupported("\\|"), start: start, end: pos, spaced: spaced)
            default: return Token(kind: .unsupported("\\" + String(n)), start: start, end: pos, spaced: spaced)
            }
        }
        let (name, end) = commandName(at: pos + 1)
        func tok(_ kind: TokenKind) -> Token {
            pos = end
            return Token(kind: kind, start: start, end: end, spaced: spaced)
        }
        switch name {
        case "cdot", "times", "ast": return tok(.star)
        case "div": return tok(.slash)
        case "le", "leq", "leqslant": return tok(.relation(.lessEqual))
        case "ge", "geq", "geqslant": return tok(.relation(.greaterEqual))
        case "lt": return tok(.relation(.less))
        case "gt": return tok(.relation(.greater))
        case "lvert", "rvert", "vert": return tok(.pipe)
        case "lbrace": return tok(.open("{"))
        case "rbrace": return tok(.close("}"))
        case "neq", "ne": return tok(.unsupported("\\" + name))
        default: break
        }
        if Greek.canonical(name) != nil || decorations[name] != nil {
            return Token(kind: .name(try lexName()), start: start, end: pos, spaced: spaced)
        }
        return tok(.command(name))
    }

    // MARK: Names and subscripts

    /// `'E'`: a name that is always a symbol, never a constant, function or unit. The printer uses it
    /// for symbols such as LaTeX's energy `E`, which plain syntax would read as Euler's number.
    mutating func lexQuotedName(start: Int, spaced: Bool) throws -> Token {
        pos += 1
        guard let c = at(pos), c.isASCIILetter || Greek.unicode[c] != nil || c == "\\" else {
            throw error(.parseCharacter, "expected a name after the quote", start, start + 1, hint: "write 'E' for a symbol named E")
        }
        var name = try lexName()
        guard at(pos) == "'" else {
            throw error(.parseUnclosed, "the quoted name is never closed", start, pos, hint: "close it with '")
        }
        pos += 1
        name.quoted = true
        return Token(kind: .name(name), start: start, end: pos, spaced: spaced)
    }

    /// A letter run, Greek letter or decorated letter, with its optional subscript.
    mutating func lexName() throws -> NameToken {
        var token: NameToken
        let c = src[pos]
        if c == "\\" {
            let (name, end) = commandName(at: pos + 1)
            pos = end
            if let deco = decorations[name] {
                let inner = try decorationArgument(command: name)
                token = NameToken(form: .decorated, raw: "\\" + deco + "{" + inner + "}", base: "\\" + deco + "{" + inner + "}")
            } else {
                let canonical = Greek.canonical(name) ?? name
                token = NameToken(form: .greek, raw: canonical, base: canonical)
            }
        } else if c.isASCIILetter {
            let start = pos
            while let s = at(pos), s.isASCIILetter || (!latex && s.isASCIIDigit) { pos += 1 }
            let word = text(start, pos)
            let base = latex || pos - start < 2 ? word : (Greek.canonical(word) ?? word)
            token = NameToken(form: .word, raw: word, base: base)
        } else if (c == "µ" || c == "μ"), at(pos + 1)?.isASCIILetter == true {
            // µm, µs: a micro-prefixed unit (the parser decides if it is one)
            let start = pos
            pos += 1
            while at(pos)?.isASCIILetter == true { pos += 1 }
            let raw = text(start, pos)
            token = NameToken(form: .word, raw: raw, base: raw)
        } else if let greek = Greek.unicode[c] {
            pos += 1
            token = NameToken(form: .greek, raw: String(c), base: greek)
        } else {
            pos += 1
            token = NameToken(form: .word, raw: String(c), base: String(c))  // Å
        }
        if at(pos) == "_" {
            // plain syntax takes the identifiers of Python and the AI Feynman tables: a trailing
            // underscore is part of the name (g_), and rho_c_0 is rho with the subscript c_0
            if !latex, token.form == .word, !startsSubscript(at(pos + 1)) {
                pos += 1
                token.base += "_"
                token.raw += "_"
                return token
            }
            token.subStart = pos
            pos += 1
            token.sub = try lexSubscript()
        }
        return token
    }

    func error(_ code: DiagnosticCode, _ message: String, _ start: Int, _ end: Int, hint: String? = nil) -> Diagnostic {
        Diagnostic(code, message, span: SourceSpan(start, end), hint: hint)
    }

    /// The argument of `\tilde`: `{t}`, `{\psi}`, `t` or `\psi`.
    mutating func decorationArgument(command: String) throws -> String {
        while at(pos)?.isSpace == true { pos += 1 }
        let start = pos
        let content: String
        if at(pos) == "{" {
            let close = try matchingBrace(from: pos)
            content = try SubscriptNormalizer.normalize(src[(pos + 1)..<close], offset: pos + 1)
            pos = close + 1
        } else if at(pos) == "\\" {
            let (name, end) = commandName(at: pos + 1)
            guard let g = Greek.canonical(name) else {
                throw error(.parseUnexpected, "expected a letter after \\\(command)", start, max(end, start + 1))
            }
            pos = end
            content = g
        } else if let s = at(pos), s.isASCIILetter {
            pos += 1
            content = String(s)
        } else if let s = at(pos), let g = Greek.unicode[s] {
            pos += 1
            content = g
        } else {
            throw error(.parseUnexpected, "expected a letter after \\\(command)", start, start + 1,
                        hint: "write \\\(command){x}")
        }
        guard !content.isEmpty, !content.contains(" ") else {
            throw error(.parseUnexpected, "\\\(command) takes a single letter or name", start, pos)
        }
        return content
    }

    /// Offset of the `}` matching the `{` at `open`.
    func matchingBrace(from open: Int) throws -> Int {
        var depth = 0
        var i = open
        while i < src.count {
            if src[i] == "\\" { i += 2; continue }
            if src[i] == "{" { depth += 1 }
            if src[i] == "}" {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        throw error(.parseUnclosed, "'{' is never closed", open, open + 1, hint: "add the matching '}'")
    }

    /// After `_`: a braced group, a word (plain) or one character (LaTeX), or a Greek letter.
    /// Can a subscript start with this character (a letter, digit, brace, command or Greek letter)?
    func startsSubscript(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c.isASCIIAlnum || c == "{" || c == "\\" || c == "_" || Greek.unicode[c] != nil
    }

    mutating func lexSubscript() throws -> String {
        let start = pos
        guard let c = at(pos) else {
            throw error(.parseUnexpected, "expected a subscript after '_'", start - 1, start, hint: "write m_t or m_{...}")
        }
        if c == "{" {
            let close = try matchingBrace(from: pos)
            let content = try SubscriptNormalizer.normalize(src[(pos + 1)..<close], offset: pos + 1)
            guard !content.isEmpty else {
                throw error(.parseUnexpected, "empty subscript", start, close + 1)
            }
            pos = close + 1
            return content
        }
        if c == "\\" {
            let (name, end) = commandName(at: pos + 1)
            if let g = Greek.canonical(name) { pos = end; return g }
            if decorations[name] != nil {
                pos = end
                return "\\" + (decorations[name] ?? name) + "{" + (try decorationArgument(command: name)) + "}"
            }
            throw error(.parseUnexpected, "expected a subscript after '_'", start, max(end, start + 1),
                        hint: "put it in braces: _{...}")
        }
        if let g = Greek.unicode[c] { pos += 1; return g }
        if c.isASCIIAlnum || (!latex && c == "_") {
            if latex { pos += 1; return String(c) }
            while let s = at(pos), s.isASCIIAlnum || s == "_" { pos += 1 }
            return text(start, pos)
        }
        throw error(.parseUnexpected, "expected a subscript after '_'", start, start + 1, hint: "write x_1 or x_{...}")
    }
}

/// The canonical spelling of a subscript: words and Greek names separated by single spaces,
/// `\mathrm{..}` and `\text{..}` unwrapped, decorations as `\tilde{t}`, other commands kept.
/// Normalising its own output gives the same string, so names round-trip.
enum SubscriptNormalizer {
    static func normalize(_ s: ArraySlice<Unicode.Scalar>, offset: Int) throws -> String {
        var items: [String] = []
        var wordLike: [Bool] = []
        var i = s.startIndex
        func push(_ item: String, word: Bool) { items.append(item); wordLike.append(word) }
        while i < s.endIndex {
            let c = s[i]
            if c.isSpace || c == "~" { i += 1; continue }
            if c.isASCIIAlnum {
                var j = i
                while j < s.endIndex, s[j].isASCIIAlnum { j += 1 }
                push(String(String.UnicodeScalarView(s[i..<j])), word: true)
                i = j
                continue
            }
            if let g = Greek.unicode[c] { push(g, word: true); i += 1; continue }
            if c == "{" || c == "}" { i += 1; continue }
            if c == "\\" {
                var j = i + 1
                while j < s.endIndex, s[j].isASCIILetter { j += 1 }
                if j == i + 1 {  // \, \; etc.
                    i = min(i + 2, s.endIndex)
                    continue
                }
                let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                i = j
                if let g = Greek.canonical(name) {
                    push(g, word: true)
                } else if ["mathrm", "text", "textrm", "mathit", "rm", "mathsf", "textit", "mathbf"].contains(name) {
                    continue  // its braced content is read as plain items
                } else if let deco = decorations[name] {
                    // the next item is decorated
                    while i < s.endIndex, s[i].isSpace { i += 1 }
                    var inner = ""
                    if i < s.endIndex, s[i] == "{" {
                        var depth = 0, k = i
                        while k < s.endIndex {
                            if s[k] == "{" { depth += 1 }
                            if s[k] == "}" { depth -= 1; if depth == 0 { break } }
                            k += 1
                        }
                        guard k < s.endIndex else {
                            throw Diagnostic(.parseUnclosed, "'{' is never closed", span: SourceSpan(offset + i - s.startIndex, offset + i - s.startIndex + 1))
                        }
                        inner = try normalize(s[(i + 1)..<k], offset: offset + (i + 1 - s.startIndex))
                        i = k + 1
                    } else if i < s.endIndex, s[i].isASCIILetter {
                        inner = String(s[i]); i += 1
                    } else if i < s.endIndex, let g = Greek.unicode[s[i]] {
                        inner = g; i += 1
                    } else if i < s.endIndex, s[i] == "\\" {
                        var k = i + 1
                        while k < s.endIndex, s[k].isASCIILetter { k += 1 }
                        let n = String(String.UnicodeScalarView(s[(i + 1)..<k]))
                        inner = Greek.canonical(n) ?? n
                        i = k
                    }
                    guard !inner.isEmpty else {
                        throw Diagnostic(.parseUnexpected, "expected a letter after \\\(name)", span: SourceSpan(offset + i - s.startIndex, offset + i - s.startIndex + 1))
                    }
                    push("\\" + deco + "{" + inner + "}", word: true)
                } else {
                    push("\\" + name, word: true)
                }
                continue
            }
            if c == "$" || c == "%" || c == "#" || c == "&" {
                throw Diagnostic(.parseCharacter, "'\(c)' cannot appear in a subscript",
                                 span: SourceSpan(offset + i - s.startIndex, offset + i - s.startIndex + 1))
            }
            push(String(c), word: false)
            i += 1
        }
        var out = ""
        for (k, item) in items.enumerated() {
            if k > 0 && wordLike[k] && wordLike[k - 1] { out += " " }
            out += item
        }
        return out
    }
}
