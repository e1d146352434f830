import AnsatzCore
import AnsatzNumbers

/// Reads JSON text (RFC 8259) into a `JSONValue`, with a nesting limit instead of unbounded recursion.
public struct JSONReader {
    let bytes: [UInt8]
    var i = 0
    var depth = 0
    let maxDepth: Int

    public static func parse(_ text: String, maxDepth: Int = 512) throws -> JSONValue {
        var reader = JSONReader(bytes: Array(text.utf8), maxDepth: maxDepth)
        reader.skipSpace()
        let value = try reader.value()
        reader.skipSpace()
        guard reader.i == reader.bytes.count else { throw reader.fail("unexpected text after the JSON value") }
        return value
    }

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func fail(_ message: String) -> Diagnostic {
        Diagnostic(.json, message + " at byte \(i)", hint: "send valid JSON")
    }

    mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    mutating func literal(_ word: String, _ value: JSONValue) throws -> JSONValue {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail("invalid literal") }
        i += w.count
        return value
    }

    mutating func value() throws -> JSONValue {
        guard i < bytes.count else { throw fail("unexpected end of JSON") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else { throw fail("JSON nested deeper than \(maxDepth)") }
            i += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
                skipSpace()
                pairs.append((key, try value()))
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of JSON") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else { throw fail("JSON nested deeper than \(maxDepth)") }
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard i < bytes.count else { throw fail("unexpected end of JSON") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default:
            return try number()
        }
    }

    mutating func number() throws -> JSONValue {
        let start = i
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if let n = Int(text) { return .int(n) }
        if let d = Double(text) { return .double(d) }
        throw fail("invalid number")
    }

    mutating func string() throws -> String {
        i += 1
        var out = [UInt8]()
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if b < 0x20 { throw fail("control character in a string") }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw fail("invalid escape")
                }
                continue
            }
            out.append(b)
            i += 1
        }
        throw fail("unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
            throw fail("invalid \\u escape")
        }
        i += 4
        return v
    }
}

/// Builds expressions from the JSON AST (`Docs/json-ast.md`), through the same canonical
/// constructors as the parser, validating every field.
public enum JSONExprReader {
    public static func expr(fromJSON text: String, maxDepth: Int = 256) throws -> Expr {
        try expr(try JSONReader.parse(text, maxDepth: 2 * maxDepth + 8), depth: 0, maxDepth: maxDepth)
    }

    static func fail(_ message: String) -> Diagnostic {
        Diagnostic(.jsonAst, message, hint: "see Docs/json-ast.md")
    }

    public static func expr(_ v: JSONValue, depth: Int = 0, maxDepth: Int = 256) throws -> Expr {
        guard depth <= maxDepth else { throw fail("AST nested deeper than \(maxDepth)") }
        guard let type = v["type"]?.stringValue else { throw fail("node without a \"type\"") }
        func child(_ key: String) throws -> Expr {
            guard let c = v[key] else { throw fail("\(type) node without \"\(key)\"") }
            return try expr(c, depth: depth + 1, maxDepth: maxDepth)
        }
        func list(_ key: String) throws -> [Expr] {
            guard let items = v[key]?.arrayValue else { throw fail("\(type) node without a \"\(key)\" array") }
            return try items.map { try expr($0, depth: depth + 1, maxDepth: maxDepth) }
        }
        func text(_ key: String) throws -> String {
            guard let s = v[key]?.stringValue else { throw fail("\(type) node without a string \"\(key)\"") }
            return s
        }
        switch type {
        case "integer":
            guard let n = BigInt(try text("value")) else { throw fail("bad integer") }
            return .integer(n)
        case "rational":
            guard let n = BigInt(try text("numerator")), let d = BigInt(try text("denominator")),
                  let q = try? Rational(n, d) else { throw fail("bad rational") }
            return .rational(q)
        case "float":
            guard let p = v["precision"]?.intValue, let f = try? BigFloat(parsing: try text("value"), precision: p) else {
                throw fail("bad float (value and precision in bits)")
            }
            return .float(f)
        case "symbol":
            let name = try text("name")
            try validateSymbolName(name)
            var assumptions = Assumptions()
            for a in v["assumptions"]?.arrayValue ?? [] {
                guard let s = a.stringValue, let one = Assumptions(name: s) else { throw fail("unknown assumption") }
                assumptions.insert(one)
            }
            return .symbol(name, assumptions)
        case "constant":
            guard let c = Constant(rawValue: try text("name")) else { throw fail("unknown constant (pi, E, I)") }
            return .constant(c)
        case "unit":
            let name = try text("name")
            guard UnitNames.contains(name) else { throw fail("unknown unit \(name.prefix(20))") }
            return .unit(name)
        case "add":
            return Expr.add(try list("terms"))
        case "mul":
            return Expr.mul(try list("factors"))
        case "pow":
            return Expr.pow(try child("base"), try child("exponent"))
        case "function":
            let name = try text("name")
            let args = try list("args")
            if v["user"] == .bool(true) {
                try validateSymbolName(name)
                guard !args.isEmpty else { throw fail("function without arguments") }
                return .function(named: name, args)
            }
            // the canonical name (as the JSON printer writes it), with its arity
            guard let f = BuiltinFunction.allCases.first(where: { $0.name == name && $0.arity == args.count }) else {
                throw fail("unknown built-in function \(name.prefix(20)) or wrong number of arguments")
            }
            return .function(f, args)
        case "relation":
            guard let op = Relation(rawValue: try text("op")) else { throw fail("unknown relation") }
            return .relation(op, try child("lhs"), try child("rhs"))
        default:
            throw fail("unknown node type \(type.prefix(20))")
        }
    }

    /// A symbol name must be one the plain syntax reads back as that same symbol.
    static func validateSymbolName(_ name: String) throws {
        var options = ParseOptions(syntax: .plain)
        options.maxInputBytes = 4096
        guard let parsed = try? ExpressionParser.parse("'" + name + "'", options: options).expr,
              case let .symbol(s) = parsed.kind, s.name == name else {
            throw fail("\"\(name.prefix(40))\" is not a canonical symbol name")
        }
    }
}
