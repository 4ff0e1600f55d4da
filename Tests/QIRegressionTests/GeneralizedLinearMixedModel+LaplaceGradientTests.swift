import Foundation
@testable import QIRegression
import Testing

/// The exact gradient of the Laplace log-likelihood against Richardson-extrapolated central
/// differences of the log-likelihood itself (4 levels from h = 1e-2, error about h⁸ plus
/// rounding ε·|ℓ|/h ≈ 1e-11), away from the optimum so that every component is large:
/// agreement to 1e-7 relative to max(1, |gradient|).
@Suite struct GeneralizedLinearMixedModelLaplaceGradientTests {
    @Test(arguments: [false, true])
    func exactGradientMatchesDifferences(poisson: Bool) throws {
        let model = try GeneralizedLinearMixedModelTests.model(poisson: poisson)
        let p = model.design.matrix.columns
        let point = [0.7] + (0..<p).map { -0.3 + 0.1 * Double($0) }
        let exact = model.laplaceEvaluation(sigma: point[0], beta: Array(point[1...]),
                                            startingModes: nil)
        #expect(abs(exact.value - model.logLikelihood(sigma: point[0], beta: Array(point[1...])))
                <= 1e-10 * abs(exact.value))
        let numeric = GeneralizedLinearMixedModel.gradient(
            { model.logLikelihood(sigma: $0[0], beta: Array($0[1...])) },
            at: point, step: 1e-2, levels: 4)
        for (k, (a, b)) in zip(exact.gradient, numeric).enumerated() {
            #expect(abs(a - b) <= 1e-7 * max(1, abs(b)), "component \(k): \(a) vs \(b)")
        }
    }
}
