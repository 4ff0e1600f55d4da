import RealModule
import Testing
@testable import QIStatistics

/// Loader's Stirling-error term against its definition through log-gamma.
struct SaddlePointExpansionTests {
    @Test func stirlingErrorMatchesLogGammaAcrossTheSeriesSwitch() {
        for n in [0.5, 3, 15, 15.5, 36, 81, 501, 1e4] {
            let direct = Double.logGamma(n + 1) - (n + 0.5) * Double.log(n) + n
                - SaddlePointExpansion.logSquareRootTwoPi
            let tolerance = 1e-16 * Double.logGamma(n + 1) * 8 + 1e-15
            #expect(abs(SaddlePointExpansion.stirlingError(n) - direct) <= tolerance, "n = \(n)")
        }
    }
}
