import AnsatzNumeric
import AnsatzSurrogate
import Foundation

/// The Gaussian-process surrogate, in process (Benchmarks/run-surrogate-benchmark.sh):
///
/// `ansatz-bench surrogate fit TABLE.csv PARAMS OUTPUT KERNEL RESTARTS RUNS MODEL.json NAME`
///   fits with `SurrogateFitter.fit` (the kernel fixed, RESTARTS optimiser starts) RUNS times and
///   prints the median time, the log marginal likelihood and the hyperparameters; writes the model.
/// `ansatz-bench surrogate predict MODEL.json N RUNS NAME`
///   evaluates the model at N points (`SurrogatePredictor.evaluate`: the cross section and its
///   model uncertainty) on one thread and on every core, median of RUNS, with checksums: the sum
///   of the predicted log cross sections and the sum of the model uncertainties.
///
/// The points are the ones Benchmarks/surrogate_peers.py makes: parameter k of point i is
/// lo_k + (hi_k − lo_k)·frac(i·c_k) over the model's valid range (the same doubles in both).
enum SurrogateBench {
    static let strides = [0.6180339887498949, 0.4142135623730951, 0.7320508075688772]

    static func run(_ arguments: [String]) throws {
        switch arguments.first {
        case "fit": try fit(Array(arguments.dropFirst()))
        case "predict": try predict(Array(arguments.dropFirst()))
        default:
            FileHandle.standardError.write(Data("usage: ansatz-bench surrogate fit TABLE PARAMS OUTPUT KERNEL RESTARTS RUNS MODEL NAME | predict MODEL N RUNS NAME\n".utf8))
            exit(2)
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func fit(_ a: [String]) throws {
        guard a.count == 8, let kernel = KernelKind(rawValue: a[3]), let restarts = Int(a[4]), let runs = Int(a[5]) else {
            throw SurrogateBenchError("fit TABLE PARAMS OUTPUT KERNEL RESTARTS RUNS MODEL NAME")
        }
        let table = try SurrogateTable.csv(try String(contentsOfFile: a[0], encoding: .utf8), source: a[0])
        var request = SurrogateFitRequest(parameters: a[1].split(separator: ",").map(String.init), output: a[2])
        request.gp.kernel = kernel
        request.gp.restarts = restarts
        var times: [Double] = []
        var model: SurrogateModel?
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            model = try SurrogateFitter.fit(table, request)
            times.append(seconds(ContinuousClock.now - start))
        }
        guard let model, case let .gaussianProcess(gp) = model.kind else { throw SurrogateBenchError("not a Gaussian process") }
        try model.text.write(toFile: a[6], atomically: true, encoding: .utf8)
        times.sort()
        let scales = gp.inputs.map { String($0.lengthScale) }.joined(separator: ", ")
        print("{\"name\": \"\(a[7])\", \"stage\": \"fit\", \"seconds\": \(times[times.count / 2]), \"points\": \(table.rows), "
            + "\"restarts\": \(restarts), \"lml\": \(gp.logMarginalLikelihood), \"signal_variance\": \(gp.signalVariance), "
            + "\"length_scales\": [\(scales)], \"noise_variance\": \(gp.noiseVariance)}")
    }

    static func predict(_ a: [String]) throws {
        guard a.count == 4, let n = Int(a[1]), let runs = Int(a[2]) else { throw SurrogateBenchError("predict MODEL N RUNS NAME") }
        let model = try SurrogateModel.read(try String(contentsOfFile: a[0], encoding: .utf8))
        let predictor = try SurrogatePredictor(model)
        let columns = model.parameters.enumerated().map { k, p -> UnsafeMutablePointer<Double> in
            let column = UnsafeMutablePointer<Double>.allocate(capacity: n)
            let lo = p.range.lowerBound, hi = p.range.upperBound
            for i in 0..<n { column[i] = lo + (hi - lo) * fmod(Double(i) * strides[k], 1) }
            return column
        }
        let value = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let uncertainty = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer {
            columns.forEach { $0.deallocate() }
            value.deallocate()
            uncertainty.deallocate()
        }
        let raw = columns.map { UnsafePointer($0) }
        for threads in [1, BatchEvaluator.cores] {
            var times: [Double] = []
            for _ in 0..<max(1, runs) {
                let start = ContinuousClock.now
                predictor.evaluate(raw, count: n, value: value, model: uncertainty, theory: nil, threads: threads)
                times.append(seconds(ContinuousClock.now - start))
            }
            times.sort()
            var logSum = 0.0, uncertaintySum = 0.0
            for i in 0..<n {
                logSum += log(value[i])
                uncertaintySum += uncertainty[i]
            }
            let name = "\(a[3]) (\(threads) thread\(threads > 1 ? "s" : ""))"
            print("{\"name\": \"\(name)\", \"stage\": \"predict\", \"threads\": \(threads), \"seconds\": \(times[times.count / 2]), "
                + "\"points\": \(n), \"checksum\": \(logSum), \"uncertainty_checksum\": \(uncertaintySum)}")
        }
    }
}

struct SurrogateBenchError: Error, CustomStringConvertible {
    let description: String
    init(_ usage: String) { description = "usage: ansatz-bench surrogate " + usage }
}
