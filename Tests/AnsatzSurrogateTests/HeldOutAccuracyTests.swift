import AnsatzCore
@testable import AnsatzSurrogate
import Foundation
import Testing

/// The shipped examples (Examples/surrogates), fitted on part of each table and judged on the
/// rest: the accuracy goal is a worst relative error under 0.5%, and a 1σ band that
/// covers the error at about 68% of the held-out points.
struct HeldOutAccuracyTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/surrogates").standardized

    static func table(_ name: String) throws -> SurrogateTable {
        try SurrogateTable.csv(String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8), source: name)
    }

    struct Score {
        var worst = 0.0, coverage = 0.0, coverageWithNoise = 0.0, count = 0
    }

    /// Fits on the rows `train` selects, predicts the others.
    static func score(_ table: SurrogateTable, params: [String], train: (Int) -> Bool, kernel: KernelKind = .squaredExponential,
                      experts: Int = 1) throws -> (Score, SurrogateModel) {
        let keep = (0..<table.rows).filter(train), held = (0..<table.rows).filter { !train($0) }
        let sub = SurrogateTable(names: table.names, columns: table.columns.map { c in keep.map { c[$0] } })
        var request = SurrogateFitRequest(parameters: params, output: "xsec_pb")
        request.uncertainty = "unc_pb"
        request.gp.kernel = kernel
        request.experts = experts
        let model = try SurrogateFitter.fit(sub, request)
        let predictor = try SurrogatePredictor(model)
        let columns = try params.map { p in try table.column(p, role: "").enumerated().filter { !train($0.offset) }.map(\.element) }
        let truth = try table.column("xsec_pb", role: "")
        let prediction = try predictor.predict(columns)
        var s = Score()
        let noise: Double
        if case let .gaussianProcess(gp) = model.kind { noise = (gp.noiseVariance).squareRoot() * gp.value.scale } else { noise = 0 }
        for (i, row) in held.enumerated() {
            let error = abs(prediction.value[i] - truth[row])
            s.worst = max(s.worst, error / truth[row])
            if error <= prediction.modelUncertainty[i] { s.coverage += 1 }
            let withNoise = (prediction.modelUncertainty[i] * prediction.modelUncertainty[i] + noise * noise * prediction.value[i] * prediction.value[i]).squareRoot()
            if error <= withNoise { s.coverageWithNoise += 1 }
        }
        s.count = held.count
        s.coverage /= Double(held.count)
        s.coverageWithNoise /= Double(held.count)
        return (s, model)
    }

    @Test func gluinoPairEveryFourthMass() throws {
        let (s, model) = try Self.score(Self.table("gluino_pair_13TeV.csv"), params: ["mass_GeV"], train: { $0 % 4 == 0 })
        print("gluino 1-D: worst \(s.worst), coverage \(s.coverage) / \(s.coverageWithNoise) over \(s.count)", model.json["surrogate"]?["noise_variance"] ?? .null)
        #expect(s.worst < 0.005)
    }

    @Test func stopPairEveryFourthMass() throws {
        let (s, _) = try Self.score(Self.table("stop_pair_13TeV.csv"), params: ["mass_GeV"], train: { $0 % 4 == 0 })
        print("stop 1-D: worst \(s.worst), coverage \(s.coverage) / \(s.coverageWithNoise) over \(s.count)")
        #expect(s.worst < 0.005)
    }

    @Test func gluinoGridCheckerboard() throws {
        let t = try Self.table("gluino_grid_13TeV.csv")
        let ms = try t.column("msq_GeV", role: ""), mg = try t.column("mgl_GeV", role: "")
        let (s, _) = try Self.score(t, params: ["msq_GeV", "mgl_GeV"], train: { (Int(ms[$0] / 100) + Int(mg[$0] / 100)) % 2 == 0 })
        print("grid 2-D: worst \(s.worst), coverage \(s.coverage) / \(s.coverageWithNoise) over \(s.count)")
        #expect(s.worst < 0.005)
    }
}
