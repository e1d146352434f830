import Foundation
import XCTest
@testable import AnsatzCore
@testable import AnsatzTools
@testable import AnsatzUnits

final class RegistryTests: XCTestCase {
    func testDocsAreGeneratedFromTheRegistry() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/tools.md")
        let onDisk = try String(contentsOf: docs, encoding: .utf8)
        XCTAssertEqual(onDisk, ToolDocs.markdown(),
                       "Docs/tools.md is stale: run `swift run ansatz tools --markdown > Docs/tools.md`")
    }

    func testUnitDocsAreGeneratedFromTheCatalogs() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/units.md")
        let onDisk = try String(contentsOf: docs, encoding: .utf8)
        XCTAssertEqual(onDisk, UnitDocs.markdown(),
                       "Docs/units.md is stale: run `swift run ansatz tools --units-markdown > Docs/units.md`")
        // every unit name without a prefix and every constant is listed
        for (name, _) in UnitCatalog.unprefixed { XCTAssertTrue(onDisk.contains("| `\(name)` |"), name) }
        for c in PhysicalConstants.all { XCTAssertTrue(onDisk.contains("| `\(c.name)` |"), c.name) }
    }

    func testFunctionDocsAreGeneratedFromTheCatalog() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/functions.md")
        let onDisk = try String(contentsOf: docs, encoding: .utf8)
        XCTAssertEqual(onDisk, FunctionDocs.markdown(),
                       "Docs/functions.md is stale: run `swift run ansatz tools --functions-markdown > Docs/functions.md`")
    }

    func testEveryToolIsWellFormed() {
        let snakeCase = try? NSRegularExpression(pattern: "^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
        func isSnake(_ s: String) -> Bool {
            snakeCase?.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }
        XCTAssertEqual(Set(ToolRegistry.tools.map(\.name)).count, ToolRegistry.tools.count, "tool names are unique")
        for tool in ToolRegistry.tools {
            XCTAssertTrue(isSnake(tool.name), tool.name)
            XCTAssertTrue(tool.description.contains("Example"), "\(tool.name): the description shows an example")
            XCTAssertTrue(tool.examples.contains { $0.errorCode == nil }, "\(tool.name): a valid example")
            XCTAssertTrue(tool.examples.contains { $0.errorCode != nil }, "\(tool.name): an invalid example")
            for argument in tool.arguments {
                XCTAssertTrue(isSnake(argument.name), "\(tool.name).\(argument.name)")
                XCTAssertFalse(argument.description.isEmpty)
            }
            guard case let .object(schema) = tool.inputSchema,
                  case let .object(properties)? = schema.first(where: { $0.0 == "properties" })?.1 else {
                return XCTFail("\(tool.name): input schema has no properties")
            }
            XCTAssertEqual(properties.map(\.0), tool.arguments.map(\.name))
        }
    }

    func testExamplesBehaveAsDocumented() {
        for tool in ToolRegistry.tools {
            for example in tool.examples {
                let response = ToolRegistry.call(tool.name, arguments: example.arguments)
                let label = "\(tool.name) \(example.arguments.serialized())"
                if let code = example.errorCode {
                    XCTAssertTrue(response.isError, label)
                    XCTAssertEqual(response.structured["error"]?["code"]?.stringValue, code, label)
                    XCTAssertEqual(response.structured["ok"], .bool(false), label)
                } else {
                    XCTAssertFalse(response.isError, "\(label): \(response.text)")
                    XCTAssertEqual(response.structured["ok"], .bool(true), label)
                    XCTAssertEqual(response.structured["stop_reason"]?.stringValue, "completed", label)
                }
                XCTAssertNotNil(response.structured["elapsed_ms"], label)
            }
        }
    }

    func testParseResultCarriesAllForms() {
        let r = ToolRegistry.call("parse", arguments: .object([("expression", .string("x + x"))]))
        XCTAssertEqual(r.text, "2*x")
        XCTAssertEqual(r.structured["value"]?["text"]?.stringValue, "2*x")
        XCTAssertEqual(r.structured["value"]?["latex"]?.stringValue, "2 x")
        XCTAssertEqual(r.structured["value"]?["ast"]?["type"]?.stringValue, "mul")
        XCTAssertEqual(r.structured["syntax"]?.stringValue, "plain")
        let latex = ToolRegistry.call("parse", arguments: .object([("expression", .string("x/2")), ("format", .string("latex"))]))
        XCTAssertEqual(latex.text, "\\frac{x}{2}")
    }

    func testErrorsPointIntoTheArgument() {
        let r = ToolRegistry.call("parse", arguments: .object([("expression", .string("x + * y"))]))
        XCTAssertTrue(r.isError)
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertEqual(r.structured["stop_reason"]?.stringValue, "error")
        let error = r.structured["error"]
        XCTAssertEqual(error?["argument"]?.stringValue, "expression")
        XCTAssertEqual(error?["span"]?["start"]?.intValue, 4)
        XCTAssertNotNil(error?["hint"]?.stringValue)
        XCTAssertTrue(r.text.contains("1 | x + * y"), r.text)
    }

    func testArgumentsAreValidated() {
        func code(_ args: JSONValue) -> String? {
            ToolRegistry.call("parse", arguments: args).structured["error"]?["code"]?.stringValue
        }
        XCTAssertEqual(code(.object([])), "E-ARGS-MISSING")
        XCTAssertEqual(code(.array([])), "E-ARGS-TYPE")
        XCTAssertEqual(code(.object([("expression", .string("x")), ("budget_ms", .int(0))])), "E-ARGS-VALUE")
        XCTAssertEqual(code(.object([("expression", .string("x")), ("assumptions", .object([("x", .array([.string("happy")]))]))])), "E-ARGS-TYPE")
        XCTAssertEqual(code(.object([("expression", .string("x")), ("complex", .string("yes"))])), "E-ARGS-TYPE")
        XCTAssertEqual(ToolRegistry.call("no_such_tool", arguments: .null).structured["error"]?["code"]?.stringValue, "E-TOOL-UNKNOWN")
    }

    func testBudgetRunsOutAsAResult() {
        let big = Array(repeating: "x", count: 2_000_000).joined(separator: "+")
        let r = ToolRegistry.call("parse", arguments: .object([("expression", .string(big)), ("budget_ms", .int(1))]))
        XCTAssertEqual(r.structured["error"]?["code"]?.stringValue, "E-BUDGET")
        XCTAssertEqual(r.structured["stop_reason"]?.stringValue, "budget")
        XCTAssertEqual(r.exitCode, 3)
    }

    func testAssumptionsAndWarningsReachTheResult() {
        let r = ToolRegistry.call("parse", arguments: .object([
            ("expression", .string("sqrt(p^2) + 2 m")), ("assumptions", .object([("p", .array([.string("positive")]))])),
        ]))
        XCTAssertEqual(r.text, "p + 2 m")
        XCTAssertEqual(r.structured["warnings"]?.arrayValue?.first?["code"]?.stringValue, "W-PARSE-UNIT")
        XCTAssertTrue(r.contentText.contains("W-PARSE-UNIT"))
    }
}

extension RegistryTests {
    func testHugeResultsLeaveOutTheirLargerForms() {
        let sum = (0..<120_000).map { "x\($0 + 1_000_000)" }.joined(separator: " + ")
        let r = ToolRegistry.call("parse", arguments: .object([("expression", .string(sum))]))
        XCTAssertFalse(r.isError, r.text.prefix(200).description)
        XCTAssertNil(r.structured["value"]?["latex"])
        XCTAssertNil(r.structured["value"]?["ast"])
        XCTAssertGreaterThan(r.structured["value"]?["text"]?.stringValue?.utf8.count ?? 0, CommonArguments.largeResult)
        XCTAssertEqual(r.warnings.map(\.code), ["W-RESULT-LARGE"])
    }
}

extension RegistryTests {
    func testResultsTooLargeToWriteOutAreRefusedBeforePrinting() {
        // a 40-node DAG that stands for a tree of 2^40 nodes
        var e = Expr.symbol("x")
        for _ in 0..<40 { e = Expr.function(.sin, [e]) + Expr.function(.cos, [e]) }
        XCTAssertEqual(e.treeSize(limit: 1000), 1000)
        XCTAssertEqual(Expr.symbol("x").treeSize(limit: 1000), 1)
        XCTAssertThrowsError(try CommonArguments.forms(e)) { error in
            XCTAssertEqual((error as? Diagnostic)?.code, "E-LIMIT-RESULT")
        }
    }

    /// Issue 11, one vocabulary: on every valid example of every tool, `value` (where there is one)
    /// is an object with `text`; `format: json` gives JSON text; numbers are accepted where
    /// expressions are (`at`), and declarations as an object (`units`).
    func testOneShapeForValuesAndFormatsAcrossTools() throws {
        for tool in ToolRegistry.tools {
            for example in tool.examples where example.errorCode == nil {
                let r = ToolRegistry.call(tool.name, arguments: example.arguments, cap: nil)
                XCTAssertFalse(r.isError, "\(tool.name): \(r.text)")
                if let value = r.structured["value"] {
                    XCTAssertNotNil(value["text"]?.stringValue, "\(tool.name): value is \(value.serialized().prefix(80))")
                }
                XCTAssertFalse(r.text.contains("unit("), "\(tool.name): internal notation in \(r.text.prefix(120))")
                XCTAssertFalse(r.structured.serialized().contains("unit("), "\(tool.name): internal notation in the result")
            }
            XCTAssertTrue(tool.arguments.contains { $0.name == "format" }, "\(tool.name) takes format")
            XCTAssertFalse(tool.arguments.contains { $0.name == "variable" }, "\(tool.name): variables, not variable")
        }
        let numbers = ToolRegistry.call("evaluate", arguments: .object([("expression", .string("x^2 + y")),
                                                                        ("at", .object([("x", .double(0.1)), ("y", .int(2))]))]), cap: nil)
        XCTAssertEqual(numbers.structured["value"]?["text"]?.stringValue, "2.01")
        let declared = ToolRegistry.call("check_dimensions", arguments: .object([("expression", .string("F = m*a")),
                                                                                 ("units", .object([("m", .string("kg")), ("a", .string("m/s^2"))]))]), cap: nil)
        XCTAssertEqual(declared.structured["consistent"], .bool(true))
        let json = ToolRegistry.call("convert_units", arguments: .object([("expression", .string("1 GeV^-2")), ("to", .string("mb")),
                                                                          ("natural", .bool(true)), ("format", .string("json"))]), cap: nil)
        XCTAssertTrue(json.text.hasPrefix("{\"value\":{\"text\":\"0.3893793722\""), json.text)
    }

    /// Issue 16: codes are a typed enumeration; Docs/diagnostics.md lists exactly its cases.
    func testDiagnosticsDocListsEveryCode() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/diagnostics.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for code in DiagnosticCode.allCases {
            XCTAssertTrue(text.contains("`\(code.rawValue)`"), "Docs/diagnostics.md does not list \(code.rawValue)")
        }
        let regex = try NSRegularExpression(pattern: "`([EW]-[A-Z0-9-]+)`")
        let listed = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
        let known = Set(DiagnosticCode.allCases.map(\.rawValue))
        for code in Set(listed) { XCTAssertTrue(known.contains(code), "Docs/diagnostics.md lists \(code), which no code path emits") }
    }
}
