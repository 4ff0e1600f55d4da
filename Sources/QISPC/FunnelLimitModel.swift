import QIStatistics
import RealModule

/// Funnel limits as a function of the denominator: what a renderer draws as the funnel.
///
/// Without an overdispersion adjustment the limits are exact: the p-quantile r_p of
/// Binomial(n, theta) (p funnels) or Poisson(n theta) (u funnels), interpolated so that the
/// limit is a smooth function of n (Spiegelhalter 2005, appendix A.1):
///
///     r_p   = smallest r with P(Y <= r) >= p          (R's qbinom / qpois)
///     alpha = (P(Y <= r_p) - p) / (P(Y <= r_p) - P(Y <= r_p - 1))
///     limit = (r_p - alpha) / n
///
/// for p = 0.025, 0.975 (95%) and 0.001, 0.999 (99.8%), then clamped to [0, 1] (p) or
/// [0, inf) (u): at small n the interpolation runs below r = 0 and would give a negative
/// lower limit. A degenerate target (theta = 0, or theta = 1 for p) gives limits equal to it.
///
/// With an adjustment the limits are normal on the variance-stabilising scale g (see
/// `FunnelChartType.transformed`), back-transformed:
///
///     multiplicative:  g^-1(g(theta) +/- z_q sqrt(phi) s(n))
///     additive:        g^-1(g(theta) +/- z_q sqrt(s(n)^2 + tau^2))
///
/// with z_q = Phi^-1(0.975) and Phi^-1(0.999) (FunnelPlotR writes them 1.959964 and 3.090232).
///
/// Source: Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance.
/// Statistics in Medicine 24(8):1185-1202, doi:10.1002/sim.1970.
public struct FunnelLimitModel: Sendable, Equatable {
    /// Which limits the model draws.
    public enum Adjustment: Sendable, Equatable {
        case exact
        case multiplicative(phi: Double)
        case additive(tau2: Double)
    }

    public var chart: FunnelChartType
    /// The target theta (the pooled rate), before `multiply`.
    public var target: Double
    public var adjustment: Adjustment
    /// Multiplies the limits returned (as `FunnelOptions.multiply`).
    public var multiply: Double

    public init(chart: FunnelChartType, target: Double, adjustment: Adjustment, multiply: Double = 1) {
        self.chart = chart
        self.target = target
        self.adjustment = adjustment
        self.multiply = multiply
    }

    static let probabilities = (lower95: 0.025, upper95: 0.975, lower998: 0.001, upper998: 0.999)

    /// The limits at denominator n, after `multiply`.
    ///
    /// - Throws: `FunnelError.invalidDenominator` unless n > 0 (and, for exact p limits, whole).
    /// - Complexity: O(1) distribution evaluations per limit (each O(sqrt(n theta)) at worst).
    public func limits(forDenominator denominator: Double) throws(FunnelError) -> FunnelLimits {
        guard denominator > 0, denominator.isFinite else {
            throw .invalidDenominator(denominator, chart: chart)
        }
        let limits: FunnelLimits
        switch adjustment {
        case .exact:
            if chart == .proportion, denominator != denominator.rounded() {
                throw .invalidDenominator(denominator, chart: chart)
            }
            let p = Self.probabilities
            limits = FunnelLimits(lower95: exactLimit(p.lower95, denominator),
                                  upper95: exactLimit(p.upper95, denominator),
                                  lower998: exactLimit(p.lower998, denominator),
                                  upper998: exactLimit(p.upper998, denominator))
        case .multiplicative(let phi):
            limits = normalLimits(halfWidth: phi.squareRoot() * chart.standardError(denominator: denominator))
        case .additive(let tau2):
            let standardError = chart.standardError(denominator: denominator)
            limits = normalLimits(halfWidth: (standardError * standardError + tau2).squareRoot())
        }
        return limits.scaled(by: multiply)
    }

    /// The limits at `count` denominators spread evenly over `range` (whole numbers only, and
    /// each once, for exact p limits): the curves of the funnel.
    ///
    /// - Throws: `FunnelError.invalidDenominator` if the range has no valid denominator;
    ///   `.invalidOption` if `count` < 2.
    public func curve(over range: ClosedRange<Double>, count: Int) throws(FunnelError) -> [FunnelCurvePoint] {
        guard count >= 2 else { throw .invalidOption("a funnel curve needs at least 2 points, not \(count).") }
        let wholeOnly = chart == .proportion && adjustment == .exact
        let lower = wholeOnly ? max(1, range.lowerBound.rounded(.up)) : range.lowerBound
        let upper = wholeOnly ? range.upperBound.rounded(.down) : range.upperBound
        guard lower > 0, lower <= upper else { throw .invalidDenominator(range.lowerBound, chart: chart) }
        var denominators: [Double] = []
        for step in 0..<count {
            var value = lower + (upper - lower) * Double(step) / Double(count - 1)
            if wholeOnly { value = value.rounded() }
            if denominators.last != value { denominators.append(value) }
        }
        var points: [FunnelCurvePoint] = []
        for denominator in denominators {
            points.append(FunnelCurvePoint(denominator: denominator, limits: try limits(forDenominator: denominator)))
        }
        return points
    }

    private func normalLimits(halfWidth: Double) -> FunnelLimits {
        let centre = chart.transformed(target)
        let z95 = Self.normalQuantile(Self.probabilities.upper95)
        let z998 = Self.normalQuantile(Self.probabilities.upper998)
        return FunnelLimits(lower95: chart.untransformed(centre - z95 * halfWidth),
                            upper95: chart.untransformed(centre + z95 * halfWidth),
                            lower998: chart.untransformed(centre - z998 * halfWidth),
                            upper998: chart.untransformed(centre + z998 * halfWidth))
    }

    private static func normalQuantile(_ probability: Double) -> Double {
        do {
            return try NormalDistribution.standard.quantile(probability)
        } catch {
            preconditionFailure("the funnel probabilities are constants in (0, 1): \(error)")
        }
    }

    /// Spiegelhalter's interpolated p-quantile of y / n, clamped to the range of the rate.
    private func exactLimit(_ probability: Double, _ denominator: Double) -> Double {
        let quantile: Int
        let atQuantile: Double
        let belowQuantile: Double
        do {
            switch chart {
            case .proportion:
                if target == 0 || target == 1 { return target }
                let distribution = try BinomialDistribution(trials: Int(denominator), probability: target)
                quantile = try distribution.quantile(probability)
                atQuantile = distribution.cdf(quantile)
                belowQuantile = distribution.cdf(quantile - 1)
            case .rate:
                if target == 0 { return 0 }
                let distribution = try PoissonDistribution(mean: denominator * target)
                quantile = Int(try distribution.quantile(probability))
                atQuantile = distribution.cdf(quantile)
                belowQuantile = distribution.cdf(quantile - 1)
            }
        } catch {
            preconditionFailure("validated target and denominator: \(error)")
        }
        let alpha = (atQuantile - probability) / (atQuantile - belowQuantile)
        let limit = max(0, (Double(quantile) - alpha) / denominator)
        return chart == .proportion ? min(limit, 1) : limit
    }
}
