import Foundation
import Testing
@testable import QISimulation

/// Identities of the Bass curve: closed form limits and the analytic gradient.
struct BassModelTests {
    @Test func withoutPeerInfluenceTheCurveIsOneMinusExpMinusPT() {
        let model = BassModel(p: 0.03, q: 0)
        for t in [0.5, 3.0, 40.0] { #expect(abs(model.cumulativeShare(at: t) - (1 - exp(-0.03 * t))) < 1e-15) }
    }

    @Test func gradientMatchesCentralFiniteDifferences() {
        let model = BassModel(p: 0.012, q: 0.04)
        let h = 1e-7
        for t in [1.0, 12.0, 48.0] {
            let gradient = model.shareGradient(at: t)
            let dp = (BassModel(p: 0.012 + h, q: 0.04).cumulativeShare(at: t) - BassModel(p: 0.012 - h, q: 0.04).cumulativeShare(at: t)) / (2 * h)
            let dq = (BassModel(p: 0.012, q: 0.04 + h).cumulativeShare(at: t) - BassModel(p: 0.012, q: 0.04 - h).cumulativeShare(at: t)) / (2 * h)
            #expect(abs(gradient.p - dp) < 1e-6 * max(1, abs(dp)))
            #expect(abs(gradient.q - dq) < 1e-6 * max(1, abs(dq)))
        }
    }
}
