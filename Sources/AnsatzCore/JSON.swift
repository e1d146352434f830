/// A JSON value with object keys kept in insertion order, so that output is deterministic.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    public subscript(key: String) -> JSONValue? {
        if case let .object(pairs) = self { return pairs.first(where: { $0.0 == key })?.1 }
        return nil
    }

    public var stringValue: String? { if case let .string(s) = self { return s } else { return nil } }
    public var intValue: Int? {
        switch self {
        case let .int(i): return i
        case let .double(d): return Int(exactly: d)
        default: return nil
        }
    }
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { return a } else { return nil } }

    /// Compact JSON text.
    public func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d): out += d.isFinite ? String(d) : "null"
        case let .string(s): JSONValue.writeString(s, into: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case let .object(pairs):
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(k, into: &out)
                out += ":"
                v.write(into: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// The JSON AST of an expression; `Docs/json-ast.md` is its schema. Sums list whole terms and
/// products whole factors, so a consumer needs no knowledge of the internal coefficient maps.
public enum JSONPrinter {
    public static func json(_ e: Expr) -> JSONValue { LargeStack.ifDeep(e.depth) { tree(e) } }

    static func tree(_ e: Expr) -> JSONValue {
        switch e.kind {
        case let .number(.rational(r)):
            if r.isInteger { return .object([("type", .string("integer")), ("value", .string(r.numerator.description))]) }
            return .object([("type", .string("rational")), ("numerator", .string(r.numerator.description)),
                            ("denominator", .string(r.denominator.description))])
        case let .number(.float(f)):
            return .object([("type", .string("float")), ("value", .string(f.description)), ("precision", .int(f.precision))])
        case let .symbol(s):
            var pairs: [(String, JSONValue)] = [("type", .string("symbol")), ("name", .string(s.name))]
            if !s.assumptions.isEmpty { pairs.append(("assumptions", .array(s.assumptions.nameList.map { .string($0) }))) }
            return .object(pairs)
        case let .constant(c):
            return .object([("type", .string("constant")), ("name", .string(c.rawValue))])
        case let .unit(name):
            return .object([("type", .string("unit")), ("name", .string(name))])
        case let .add(c, terms):
            var items = terms.map { tree(Expr.scaled($0.expr, by: $0.coefficient)) }
            if !c.isZero { items.append(tree(.number(c))) }
            return .object([("type", .string("add")), ("terms", .array(items))])
        case let .mul(c, factors):
            var items: [JSONValue] = c.isOne ? [] : [tree(.number(c))]
            items += factors.map { tree(Expr.powerNode($0)) }
            return .object([("type", .string("mul")), ("factors", .array(items))])
        case let .pow(b, x):
            return .object([("type", .string("pow")), ("base", tree(b)), ("exponent", tree(x))])
        case let .function(f, args):
            var pairs: [(String, JSONValue)] = [("type", .string("function")), ("name", .string(f.name))]
            if case .user = f { pairs.append(("user", .bool(true))) }
            pairs.append(("args", .array(args.map(tree))))
            return .object(pairs)
        case let .relation(op, l, r):
            return .object([("type", .string("relation")), ("op", .string(op.rawValue)), ("lhs", tree(l)), ("rhs", tree(r))])
        }
    }
}
