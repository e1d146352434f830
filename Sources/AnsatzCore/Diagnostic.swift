/// A half-open range of Unicode scalar offsets into the input (the indexing Python and most JSON
/// consumers use for strings).
public struct SourceSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }
}

/// A user-facing problem, as data: a stable code an agent can switch on, a message saying what was
/// expected, where in the input, and how to fix it. One renderer draws it for humans.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var code: String
    public var message: String
    public var span: SourceSpan?
    public var hint: String?
    public var severity: Severity

    public init(_ code: String, _ message: String, span: SourceSpan? = nil, hint: String? = nil, severity: Severity = .error) {
        self.code = code
        self.message = message
        self.span = span
        self.hint = hint
        self.severity = severity
    }

    public var description: String { "\(severity.rawValue)[\(code)]: \(message)" }

    /// The diagnostic with the offending line of `source` and a caret under the span:
    ///
    ///     error[E-PARSE-UNEXPECTED]: expected an operand after '+'
    ///       |
    ///     1 | x + * y
    ///       |     ^
    ///       = hint: ...
    public func rendered(source: String) -> String {
        var out = "\(severity.rawValue)[\(code)]: \(message)\n"
        if let span {
            let scalars = Array(source.unicodeScalars)
            let start = min(span.start, scalars.count)
            var lineStart = start
            while lineStart > 0 && scalars[lineStart - 1] != "\n" { lineStart -= 1 }
            var lineEnd = start
            while lineEnd < scalars.count && scalars[lineEnd] != "\n" { lineEnd += 1 }
            let lineNumber = scalars[..<lineStart].filter { $0 == "\n" }.count + 1
            // Keep very long lines readable: show a window around the error.
            let windowStart = max(lineStart, start - 60)
            let windowEnd = min(lineEnd, max(start, span.end) + 60)
            var line = String(String.UnicodeScalarView(scalars[windowStart..<windowEnd]))
            var column = start - windowStart
            if windowStart > lineStart { line = "…" + line; column += 1 }
            if windowEnd < lineEnd { line += "…" }
            let gutter = String(lineNumber)
            let pad = String(repeating: " ", count: gutter.count)
            let width = max(1, min(span.end, windowEnd) - start)
            out += "\(pad) |\n\(gutter) | \(line)\n\(pad) | " + String(repeating: " ", count: column) + String(repeating: "^", count: width) + "\n"
            if let hint { out += "\(pad) = hint: \(hint)\n" }
        } else if let hint {
            out += "  = hint: \(hint)\n"
        }
        return out
    }
}

/// Several diagnostics thrown together (the first is the one to fix first).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
