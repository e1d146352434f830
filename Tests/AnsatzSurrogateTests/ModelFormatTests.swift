import AnsatzCore
import AnsatzParse
@testable import AnsatzSurrogate
import Foundation
import Testing

/// The saved model: Docs/surrogate.schema.json describes what is written, a model reads back to
/// the same text and the same predictions, and a damaged file is refused with the field's name.
struct ModelFormatTests {
    static let schema: JSONValue = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/surrogate.schema.json")
        return (try? JSONReader.parse(String(contentsOf: url, encoding: .utf8))) ?? .null
    }()

    /// The rows of a small smooth table: σ(m) = 30 (m/500)^-4.5 e^{-m/2000}, tabulated theory 8%.
    static func table(rows: Int = 40) -> SurrogateTable {
        let m = (0..<rows).map { 500 + 2500 * Double($0) / Double(rows - 1) }
        let y = m.map { 30 * pow($0 / 500, -4.5) * exp(-$0 / 2000) }
        return SurrogateTable(names: ["m", "xsec", "unc"], columns: [m, y, y.map { 0.08 * $0 }])
    }

    static func models() throws -> [SurrogateModel] {
        var gp = SurrogateFitRequest(parameters: ["m"], output: "xsec")
        gp.uncertainty = "unc"
        gp.units = ["m": "GeV", "xsec": "pb"]
        gp.signalRegions = [.init(name: "SR1", efficiency: 0.25)]
        gp.process = "p p > go go"
        gp.references = ["a reference"]
        gp.gp.restarts = 2
        var committee = gp
        committee.experts = 3
        committee.features = [(name: "inverse", expression: "1000/m")]
        var formula = SurrogateFitRequest(parameters: ["m"], output: "xsec")
        formula.kind = .formula
        formula.formula = "exp(a + b*log(m) + c*m)"
        let t = table()
        return [try SurrogateFitter.fit(t, gp), try SurrogateFitter.fit(t, committee), try SurrogateFitter.fit(t, formula)]
    }

    /// A small JSON Schema check: types, required, additionalProperties, enum, const, $ref,
    /// oneOf (the branch whose `kind` matches), items.
    static func violations(_ value: JSONValue, _ schema: JSONValue, _ path: String = "model") -> [String] {
        if let ref = schema["$ref"]?.stringValue, let name = ref.split(separator: "/").last {
            return violations(value, Self.schema["$defs"]?[String(name)] ?? .null, path)
        }
        if let branches = schema["oneOf"]?.arrayValue {
            let kind = value["kind"]?.stringValue
            guard let branch = branches.first(where: { b in
                guard let name = b["$ref"]?.stringValue?.split(separator: "/").last else { return false }
                return Self.schema["$defs"]?[String(name)]?["properties"]?["kind"]?["const"]?.stringValue == kind
            }) else { return ["\(path): no branch for kind \(kind ?? "nil")"] }
            return violations(value, branch, path)
        }
        var problems: [String] = []
        if let constant = schema["const"], constant != value { problems.append("\(path): \(value.serialized()) is not \(constant.serialized())") }
        if let choices = schema["enum"]?.arrayValue, !choices.contains(value) { problems.append("\(path): \(value.serialized()) not in the enum") }
        if case let .object(pairs) = value {
            let properties = schema["properties"]
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where value[required] == nil {
                problems.append("\(path).\(required) is required by the schema but not written")
            }
            for (key, item) in pairs {
                if let sub = properties?[key] {
                    problems += violations(item, sub, "\(path).\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append("\(path).\(key) is written but not in the schema")
                }
            }
        }
        if case let .array(items) = value, let itemSchema = schema["items"] {
            for (i, item) in items.enumerated() { problems += violations(item, itemSchema, "\(path)[\(i)]") }
        }
        return problems
    }

    @Test func everyWrittenFieldIsInTheSchema() throws {
        #expect(Self.schema != .null)
        for model in try Self.models() {
            let problems = Self.violations(model.json, Self.schema)
            #expect(problems.isEmpty, "\(model.kindName): \(problems.prefix(5))")
        }
    }

    @Test func aModelReadsBackToTheSameTextAndPredictions() throws {
        let points = [[400.0, 777.7, 1234.5, 2999.0, 3500.0]]
        for model in try Self.models() {
            let again = try SurrogateModel.read(model.text)
            #expect(again.text == model.text, "\(model.kindName)")
            let a = try SurrogatePredictor(model).predict(points), b = try SurrogatePredictor(again).predict(points)
            #expect(a.value == b.value && a.uncertainty == b.uncertainty, "\(model.kindName)")
            #expect(a.outside == [1, 0, 0, 0, 1])
        }
    }

    @Test func aDamagedModelIsRefusedWithItsFieldsName() throws {
        let model = try Self.models()[0]
        var text = model.text
        // a weight changed by hand
        guard case let .gaussianProcess(gp) = model.kind else { Issue.record("not a GP"); return }
        let weight = "\(gp.value.weights[3])"
        text = text.replacingOccurrences(of: weight, with: "\(gp.value.weights[3] * 1.001)")
        #expect(throws: Diagnostic.self) { try SurrogatePredictor(try SurrogateModel.read(text)) }
        do {
            _ = try SurrogatePredictor(try SurrogateModel.read(text))
        } catch let d as Diagnostic {
            #expect(d.kind == .surrogate && d.message.contains("weights"), "\(d.message)")
        }
        // a missing field, a wrong format, a training array of the wrong length
        for (damage, expected) in [("\"signal_variance\":", "signal_variance"), ("ansatz-surrogate/1", "format")] {
            let broken = model.text.replacingOccurrences(of: damage, with: damage == "\"signal_variance\":" ? "\"signal_variancex\":" : "ansatz-surrogate/9")
            do {
                _ = try SurrogateModel.read(broken)
                Issue.record("\(damage): read")
            } catch let d as Diagnostic {
                #expect(d.kind == .surrogate && d.message.contains(expected), "\(d.message)")
            }
        }
        #expect(throws: Diagnostic.self) { try SurrogateModel.read("{\"format\": \"ansatz-surrogate/1\"}") }
        #expect(throws: Diagnostic.self) { try SurrogateModel.read("[1, 2") }
    }

    @Test func eventsAreCrossSectionTimesLuminosityExactlyConverted() throws {
        let model = try Self.models()[0]
        // 1 pb × 139 fb⁻¹ = 139 000 events
        #expect(try model.eventsPerUnitOutput(luminosity: "139/fb") == 139_000)
        #expect(try model.eventsPerUnitOutput(luminosity: "3000 fb^-1") == 3_000_000)
        #expect(throws: Diagnostic.self) { try model.eventsPerUnitOutput(luminosity: "139 GeV") }
        let p = try SurrogatePredictor(model).predict([[1000]])
        let columns = model.resultColumns(p, eventsPerUnit: 139_000)
        #expect(model.resultColumnNames(theory: true, events: true) == ["xsec", "xsec_uncertainty", "xsec_model_uncertainty", "xsec_theory_uncertainty", "events_SR1", "outside_range"])
        #expect(columns[4][0] == p.value[0] * 139_000 * 0.25)
        // the theory column interpolates the table's 8%
        let theory = try #require(p.theoryUncertainty)
        #expect(abs(theory[0] / p.value[0] - 0.08) < 1e-6)
        #expect(abs(p.uncertainty[0] - (p.modelUncertainty[0] * p.modelUncertainty[0] + theory[0] * theory[0]).squareRoot()) < 1e-15 * p.value[0])
    }
}
