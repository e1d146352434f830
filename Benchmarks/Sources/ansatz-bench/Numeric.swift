import AnsatzCore
import AnsatzNumeric
import AnsatzParse
import Foundation

/// `ansatz-bench numeric N RUNS`: the batch evaluator on the surrogate-style formula of
/// Benchmarks/numeric_peers.py, on one thread and on all; median of RUNS, as JSON lines.
enum NumericBench {
    static let formula = "exp(2.1 - 1.3*log(m/1000) - 0.35*log(m/1000)^2 - 120/m)*(1 + 0.4*sqrt(r) + 0.05*r^3)"
        + "/(1 + exp((900 - m)/80))*(1 - 0.2*tanh(r - 0.5)) + 0.001*(m/1000)^(-4.2)"

    static func run(_ arguments: [String]) throws {
        let n = arguments.first.flatMap(Int.init) ?? 1_000_000
        let runs = arguments.dropFirst().first.flatMap(Int.init) ?? 9
        let text = ProcessInfo.processInfo.environment["ANSATZ_FORMULA"] ?? formula
        let program = try BatchProgram.compile([try ExpressionParser.parse(text).expr], inputs: ["m", "r"])
        let m = UnsafeMutablePointer<Double>.allocate(capacity: n), r = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let out = UnsafeMutablePointer<Double>.allocate(capacity: n)
        for i in 0..<n {
            let u = fmod(Double(i) * 0.6180339887498949, 1), v = fmod(Double(i) * 0.4142135623730951, 1)
            m[i] = 500 + 2500 * u
            r[i] = 0.01 + 0.99 * v
        }
        var evaluator = BatchEvaluator(program)
        if let block = ProcessInfo.processInfo.environment["ANSATZ_BLOCK"].flatMap(Int.init) { evaluator.blockSize = block }
        for threads in [1, BatchEvaluator.cores] {
            var times: [Double] = []
            for _ in 0..<runs {
                let start = ContinuousClock.now
                evaluator.run(inputs: [UnsafePointer(m), UnsafePointer(r)], outputs: [out], count: n, threads: threads)
                let d = ContinuousClock.now - start
                times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
            }
            times.sort()
            var sum = 0.0
            for i in 0..<n { sum += out[i] }
            let name = "Ansatz batch (\(threads) thread\(threads > 1 ? "s" : ""))"
            print("{\"name\": \"\(name)\", \"seconds\": \(times[runs / 2]), \"checksum\": \(sum), \"operations\": \(program.operationCount), \"libmvec\": \(BatchEvaluator.usesVectorFunctions)}")
        }
    }

    /// `ansatz-bench csv FILE`: the surrogate formula streamed over a CSV to /dev/null.
    static func csv(_ arguments: [String]) throws {
        guard let path = arguments.first else { return }
        let program = try BatchProgram.compile([try ExpressionParser.parse(formula).expr], inputs: ["m", "r"])
        let input = open(path, O_RDONLY), output = open("/dev/null", O_WRONLY)
        defer { close(input); close(output) }
        let s = try CSVBatch.run(BatchEvaluator(program), names: ["value"], input: input, output: output)
        print("{\"name\": \"csv\", \"rows\": \(s.rows), \"seconds\": \(s.seconds)}")
    }
}

