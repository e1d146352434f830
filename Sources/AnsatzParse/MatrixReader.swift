import AnsatzCore

/// Matrices as text: plain `[[a, b], [c, d]]` (a vector `[a, b]` is one column) or LaTeX
/// `\begin{pmatrix} a & b \\ c & d \end{pmatrix}` (also bmatrix, Bmatrix, vmatrix, matrix). Each
/// entry is read by the expression parser; an error in an entry points into the whole text.
public enum MatrixReader {
    public static func read(_ text: String, options: ParseOptions = ParseOptions(), budget: Budget = .unlimited) throws -> [[Expr]] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count <= options.maxInputBytes else {
            throw Diagnostic(.limitInput, "input of \(scalars.count) characters is over the limit", hint: "give a smaller matrix")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("\\begin{") { return try latex(scalars, options, budget) }
        return try plain(scalars, options, budget)
    }

    static func fail(_ message: String, _ at: Int, _ hint: String) -> Diagnostic {
        Diagnostic(.parseUnexpected, message, span: SourceSpan(at, at + 1), hint: hint)
    }

    /// One entry, its errors moved to where it sits in the text.
    static func entry(_ scalars: [Unicode.Scalar], _ range: Range<Int>, _ options: ParseOptions, _ budget: Budget) throws -> Expr {
        let piece = String(String.UnicodeScalarView(scalars[range]))
        guard !piece.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw fail("an empty entry", range.lowerBound, "give every entry a value")
        }
        do {
            return try ExpressionParser.parse(piece, options: options, budget: budget).expr
        } catch var d as Diagnostic {
            if let span = d.span { d.span = SourceSpan(span.start + range.lowerBound, span.end + range.lowerBound) }
            throw d
        }
    }

    static func plain(_ s: [Unicode.Scalar], _ options: ParseOptions, _ budget: Budget) throws -> [[Expr]] {
        var i = 0
        func skip() { while i < s.count, s[i].properties.isWhitespace { i += 1 } }
        skip()
        guard i < s.count, s[i] == "[" else { throw fail("a matrix opens with [", i, "write [[a, b], [c, d]]") }
        i += 1
        skip()
        var rows: [[Expr]] = []
        let nested = i < s.count && s[i] == "["
        /// Entries up to the closing bracket at depth 0, split at depth-0 commas.
        func entries() throws -> [Expr] {
            var out: [Expr] = []
            var start = i, depth = 0
            while i < s.count {
                let c = s[i]
                if c == "(" || c == "[" || c == "{" { depth += 1 }
                if c == ")" || c == "}" { depth -= 1 }
                if c == "]" {
                    if depth == 0 {
                        out.append(try entry(s, start..<i, options, budget))
                        i += 1
                        return out
                    }
                    depth -= 1
                }
                if c == ",", depth == 0 {
                    out.append(try entry(s, start..<i, options, budget))
                    start = i + 1
                }
                i += 1
            }
            throw Diagnostic(.parseUnclosed, "the bracket is never closed", span: SourceSpan(max(0, start - 1), start), hint: "close it with ]")
        }
        if !nested {
            // a vector: one column
            return try entries().map { [$0] }
        }
        while true {
            skip()
            guard i < s.count, s[i] == "[" else { throw fail("expected a row [ ... ]", i, "write each row in brackets: [[a, b], [c, d]]") }
            i += 1
            rows.append(try entries())
            skip()
            guard i < s.count else { throw Diagnostic(.parseUnclosed, "the matrix is never closed", span: SourceSpan(0, 1), hint: "close it with ]") }
            if s[i] == "," { i += 1; continue }
            if s[i] == "]" { i += 1; break }
            throw fail("expected , or ] after a row", i, "separate rows with commas")
        }
        skip()
        guard i == s.count else { throw fail("text after the matrix", i, "give one matrix") }
        return rows
    }

    static func latex(_ s: [Unicode.Scalar], _ options: ParseOptions, _ budget: Budget) throws -> [[Expr]] {
        let text = String(String.UnicodeScalarView(s))
        let environments = ["pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "matrix"]
        guard let env = environments.first(where: { text.contains("\\begin{\($0)}") }),
              let open = text.range(of: "\\begin{\(env)}"), let close = text.range(of: "\\end{\(env)}", range: open.upperBound..<text.endIndex) else {
            throw fail("a LaTeX matrix is \\begin{pmatrix} ... \\end{pmatrix}", 0, "use pmatrix or bmatrix, with & between entries and \\\\ between rows")
        }
        let bodyStart = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: open.upperBound)
        let bodyEnd = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: close.lowerBound)
        var options = options
        options.syntax = .latex
        var rows: [[Expr]] = []
        var row: [Expr] = []
        var start = bodyStart, depth = 0, i = bodyStart
        while i < bodyEnd {
            let c = s[i]
            if c == "{" { depth += 1 }
            if c == "}" { depth -= 1 }
            if depth == 0, c == "&" {
                row.append(try entry(s, start..<i, options, budget))
                start = i + 1
            } else if depth == 0, c == "\\", i + 1 < bodyEnd, s[i + 1] == "\\" {
                row.append(try entry(s, start..<i, options, budget))
                rows.append(row)
                row = []
                i += 2
                start = i
                continue
            }
            i += 1
        }
        let last = String(String.UnicodeScalarView(s[start..<bodyEnd]))
        if !last.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            row.append(try entry(s, start..<bodyEnd, options, budget))
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }
}
