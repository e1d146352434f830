import AnsatzCore
@testable import AnsatzSurrogate
import Foundation
import Testing

/// The analytic gradient of the negative log marginal likelihood against central differences,
/// for both kernels, in two dimensions (so that ARD's per-dimension terms are exercised).
struct LikelihoodGradientTests {
    @Test(arguments: KernelKind.allCases) func gradientMatchesDifferences(kernel: KernelKind) throws {
        var random = SplitMix64(state: 7)
        let n = 30
        let x1 = (0..<n).map { _ in random.uniform(1, 3) }, x2 = (0..<n).map { _ in random.uniform(-1, 1) }
        let y = (0..<n).map { sin(3 * x1[$0]) + 0.5 * x2[$0] * x2[$0] + 2 }
        var options = GPFitOptions()
        options.kernel = kernel
        options.restarts = 1
        options.maxIterations = 0
        let gp = try GaussianProcess.fit(names: ["a", "b"], parameters: [x1, x2], output: y, outputName: "y", options: options)
        let theta = [0.3, -0.4, 0.2, log(1e-3)]
        let (_, gradient) = try #require(gp.negativeLogLikelihood(theta))
        for k in theta.indices {
            let h = 1e-5
            var up = theta, down = theta
            up[k] += h
            down[k] -= h
            let numeric = (try #require(gp.negativeLogLikelihood(up)).0 - (try #require(gp.negativeLogLikelihood(down))).0) / (2 * h)
            #expect(abs(numeric - gradient[k]) <= 1e-5 * max(1, abs(numeric)), "θ[\(k)]: analytic \(gradient[k]), differences \(numeric)")
        }
    }
}
