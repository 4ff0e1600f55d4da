import RealModule

/// CUSUM and EWMA statistics, with qcc's conventions (Scrucca 2004, J Stat Softw 11(2)).
///
/// Both standardise against the centre line and the sigma of each point's mean from the
/// part's baseline (individuals: average moving range / 1.128, unscreened; subgroups: the xbar
/// chart's s-bar / (c4(n_i) sqrt(n_i))).
enum CumulativeStatistics {
    /// Tabular CUSUM of z_i = (x_i - CL)/sigma_i (Page 1954; Montgomery 2019, sec. 9.1):
    /// C+_i = max(0, z_i - k + C+_(i-1)), C-_i = max(0, -z_i - k + C-_(i-1)), C_0 = head start.
    /// The decision interval is +/- h; the lower sum is reported negated, as qcc plots it.
    static func cusum(_ points: inout [ChartPoint], limits: [PointLimits], options: ChartOptions) -> [PointLimits] {
        var upperSum = options.cusumHeadStart
        var lowerSum = options.cusumHeadStart
        let h = options.cusumDecisionInterval
        for offset in points.indices {
            guard let value = points[offset].value, let centre = limits[offset].centre,
                  let sigma = limits[offset].upperSigma, sigma > 0 else { continue }
            let standardised = (value - centre) / sigma
            upperSum = max(0, standardised - options.cusumAllowance + upperSum)
            lowerSum = max(0, -standardised - options.cusumAllowance + lowerSum)
            points[offset].cusumUpper = upperSum
            points[offset].cusumLower = -lowerSum
        }
        return limits.map { _ in PointLimits(centre: 0, lower: -h, upper: h) }
    }

    /// EWMA z_i = lambda x_i + (1 - lambda) z_(i-1), z_0 = CL (Roberts 1959), with limits
    /// CL +/- L sigma_i sqrt(lambda/(2 - lambda) (1 - (1 - lambda)^(2i))).
    static func ewma(_ points: inout [ChartPoint], limits: [PointLimits], options: ChartOptions) -> [PointLimits] {
        let lambda = options.ewmaLambda
        var statistic: Double?
        var step = 0
        var result = limits
        for offset in points.indices {
            guard let centre = limits[offset].centre else { continue }
            let previous = statistic ?? centre
            guard let value = points[offset].value, let sigma = limits[offset].upperSigma else {
                result[offset] = PointLimits(centre: centre)
                continue
            }
            step += 1
            let current = lambda * value + (1 - lambda) * previous
            statistic = current
            points[offset].ewma = current
            let spread = sigma * (lambda / (2 - lambda) * (1 - Double.pow(1 - lambda, 2 * Double(step)))).squareRoot()
            result[offset] = PointLimits(centre: centre, lower: centre - options.ewmaWidth * spread,
                                         upper: centre + options.ewmaWidth * spread,
                                         lower95: centre - 2 * spread, upper95: centre + 2 * spread,
                                         upperSigma: spread, lowerSigma: spread)
        }
        return result
    }
}
