import QIStatistics

/// Wald inference on the standard normal scale from estimates and their standard errors:
/// z = β̂/se, two-sided p = 2(1 − Φ(|z|)) and intervals β̂ ± Φ⁻¹((1 + level)/2) se, as R's
/// `confint.default` computes them.
///
/// - Note: Wald (1943), "Tests of statistical hypotheses concerning several parameters when
///   the number of observations is large", Trans Amer Math Soc 54(3), doi:10.2307/1990256.
struct NormalWaldInference: Sendable {
    let estimates: [Double]
    let standardErrors: [Double]

    var statistics: [Double] { zip(estimates, standardErrors).map { $0 / $1 } }

    var pValues: [Double] {
        statistics.map { 2 * NormalDistribution.standard.complementaryCDF(abs($0)) }
    }

    func intervals(level: Double) -> [(lower: Double, upper: Double)] {
        let quantile = (try? NormalDistribution.standard.quantile((1 + level) / 2)) ?? .nan
        return zip(estimates, standardErrors).map { ($0 - quantile * $1, $0 + quantile * $1) }
    }
}
