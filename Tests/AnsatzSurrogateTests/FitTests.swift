import AnsatzCore
@testable import AnsatzSurrogate
import Foundation
import Testing

/// Fits against values known in advance: a formula recovers the coefficients a table was made
/// from; a Gaussian process interpolates a smooth function between its training points; a
/// committee assembled from experts fitted one at a time is the one fitted in one call.
struct FitTests {
    @Test func aFormulaRecoversTheCoefficientsItsTableWasMadeFrom() throws {
        let m = (0..<30).map { 500 + 100 * Double($0) }
        let y = m.map { exp(2.5 - 3.25 * log($0) - 0.0004 * $0) }
        var request = SurrogateFitRequest(parameters: ["m"], output: "y")
        request.kind = .formula
        request.formula = "exp(a + b*log(m) + c*m)"
        request.initial = ["a": 1, "b": -1]
        let model = try SurrogateFitter.fit(SurrogateTable(names: ["m", "y"], columns: [m, y]), request)
        guard case let .formula(f) = model.kind else { Issue.record("not a formula"); return }
        let c = Dictionary(uniqueKeysWithValues: f.coefficients.map { ($0.name, $0.value) })
        #expect(abs((c["a"] ?? 0) - 2.5) < 1e-7)
        #expect(abs((c["b"] ?? 0) + 3.25) < 1e-8)
        #expect(abs((c["c"] ?? 0) + 0.0004) < 1e-11)
        #expect(f.residuals == .relative)
        let p = try SurrogatePredictor(model).predict([[777]])
        #expect(abs(p.value[0] / exp(2.5 - 3.25 * log(777) - 0.0004 * 777) - 1) < 1e-9)
    }

    @Test func aFormulaWithoutCoefficientsOrWithTooManyIsRefused() throws {
        let t = SurrogateTable(names: ["m", "y"], columns: [[1, 2, 3, 4], [1, 4, 9, 16]])
        var request = SurrogateFitRequest(parameters: ["m"], output: "y")
        request.kind = .formula
        request.formula = "m^2"
        #expect(throws: Diagnostic.self) { try SurrogateFitter.fit(t, request) }
        request.formula = "a + b + c*m"
        do {
            _ = try SurrogateFitter.fit(t, request)
            Issue.record("a + b + c*m fitted")
        } catch let d as Diagnostic {
            #expect(d.message.contains("not determined"), "\(d.message)")
        }
    }

    @Test(arguments: KernelKind.allCases) func aGaussianProcessInterpolatesASmoothFunction(kernel: KernelKind) throws {
        // two parameters, one of which hardly matters: ARD should give it a long length scale
        var random = SplitMix64(state: 11)
        let a = (0..<80).map { _ in random.uniform(0, 3) }, b = (0..<80).map { _ in random.uniform(0, 3) }
        let f: (Double, Double) -> Double = { x, y in sin(2 * x) + 0.01 * y + 3 }
        var request = SurrogateFitRequest(parameters: ["a", "b"], output: "f")
        request.gp.kernel = kernel
        request.gp.inputTransforms = [.identity, .identity]
        request.gp.outputTransform = .identity
        let model = try SurrogateFitter.fit(SurrogateTable(names: ["a", "b", "f"], columns: [a, b, zip(a, b).map(f)]), request)
        guard case let .gaussianProcess(gp) = model.kind else { Issue.record("not a GP"); return }
        #expect(gp.inputs[1].lengthScale > 3 * gp.inputs[0].lengthScale, "\(gp.inputs.map(\.lengthScale))")
        let test = (0..<200).map { _ in (random.uniform(0.2, 2.8), random.uniform(0.2, 2.8)) }
        let p = try SurrogatePredictor(model).predict([test.map(\.0), test.map(\.1)])
        let worst = zip(test, p.value).map { abs($1 - f($0.0, $0.1)) }.max() ?? 1
        #expect(worst < (kernel == .squaredExponential ? 2e-3 : 2e-2), "worst error \(worst)")
        // the predicted 1σ is of the size of the error, not orders of magnitude off
        let meanSigma = p.modelUncertainty.reduce(0, +) / Double(p.modelUncertainty.count)
        let meanError = zip(test, p.value).map { abs($1 - f($0.0, $0.1)) }.reduce(0, +) / Double(test.count)
        #expect(meanSigma > meanError / 10 && meanSigma < meanError * 10, "σ \(meanSigma), error \(meanError)")
    }

    @Test func aCommitteeFromExpertsFittedOneByOneIsTheSameBitForBit() throws {
        let t = ModelFormatTests.table(rows: 60)
        var request = SurrogateFitRequest(parameters: ["m"], output: "xsec")
        request.uncertainty = "unc"
        request.experts = 3
        request.gp.restarts = 2
        let whole = try SurrogateFitter.fit(t, request)
        let parts = try (0..<3).reversed().map { i -> SurrogateModel in
            var r = request
            r.expert = i
            return try SurrogateModel.read(try SurrogateFitter.fit(t, r).text)
        }
        #expect(try SurrogateFitter.combine(parts).text == whole.text)
        // a part missing, or given twice
        #expect(throws: Diagnostic.self) { try SurrogateFitter.combine(Array(parts.prefix(2))) }
        #expect(throws: Diagnostic.self) { try SurrogateFitter.combine([parts[0], parts[0], parts[1]]) }
        // the committee predicts within its own band of the single process
        var single = request
        single.experts = 1
        let one = try SurrogatePredictor(try SurrogateFitter.fit(t, single)).predict([[650, 1500, 2800]])
        let many = try SurrogatePredictor(whole).predict([[650, 1500, 2800]])
        for i in 0..<3 { #expect(abs(one.value[i] - many.value[i]) < 3 * many.modelUncertainty[i] + 1e-3 * one.value[i]) }
    }

    @Test func badTablesAreRefusedWithTheRowOrColumn() throws {
        func message(_ t: SurrogateTable, _ params: [String] = ["m"], _ output: String = "y") -> String {
            do {
                _ = try SurrogateFitter.fit(t, SurrogateFitRequest(parameters: params, output: output))
                return "fitted"
            } catch let d as Diagnostic { return d.message } catch { return "\(error)" }
        }
        #expect(message(SurrogateTable(names: ["m", "y"], columns: [[1, 1, 1], [1, 2, 3]])).contains("one value throughout"))
        #expect(message(SurrogateTable(names: ["m", "y"], columns: [[1, 2, 3], [1, .nan, 3]])).contains("row 2"))
        #expect(message(SurrogateTable(names: ["m", "y"], columns: [[1], [1]])).contains("at least 2"))
        #expect(message(SurrogateTable(names: ["m", "y"], columns: [[1, 2, 3], [1, 2, 3]]), ["mass"]).contains("no column 'mass'"))
        #expect(message(SurrogateTable(names: ["m", "y"], columns: [[1, 2, 3], [1, 2, 3]]), ["y"]).contains("both a parameter and the output"))
        // duplicate rows without noise: jitter, not a crash
        let dup = SurrogateTable(names: ["m", "y"], columns: [[1, 1, 2, 3, 4], [1, 1, 4, 9, 16]])
        #expect(message(dup) == "fitted")
        // CSV text
        #expect(throws: Diagnostic.self) { try SurrogateTable.csv("", source: "t") }
        #expect(throws: Diagnostic.self) { try SurrogateTable.csv("a,b\n1,2,3\n", source: "t") }
        #expect(throws: Diagnostic.self) { try SurrogateTable.csv("a,a\n1,2\n", source: "t") }
    }
}
