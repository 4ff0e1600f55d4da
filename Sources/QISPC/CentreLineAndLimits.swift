import QIStatistics
import RealModule

/// Centre lines and control limits of every chart type, for the points of one part.
///
/// `baseline` holds the positions (within the part) of the baseline points that are not
/// excluded, missing ones included: a moving range next to a gap is missing, as in qicharts2.
/// The centre line and limits come from the non-missing ones among them. Formulas follow qicharts2
/// (Anhøj 2024, `qic()` in qicharts2 0.8) unless the rule set says otherwise; see
/// `Guides/RuleSets.md` and `../shared/design/spc-conventions.md` for where the tools differ.
struct CentreLineAndLimits {
    let chart: ChartType
    let rules: RuleSet
    let screenMovingRanges: Bool
    let knownCentre: Double?
    let knownSigma: Double?
    /// Plotted values (proportions for p charts, standard deviations for s charts).
    let plotted: [Double?]
    let subgroups: [Subgroup]
    let baseline: [Int]

    private var reference: [Int] { baseline.filter { plotted[$0] != nil } }

    func compute() -> [PointLimits] {
        switch chart {
        case .run: return runChart()
        case .i: return individualsChart()
        case .t: return timeBetweenEventsChart()
        case .mr: return movingRangeChart()
        case .xbar: return meansChart()
        case .cusum, .ewma:
            return subgroups.contains { ($0.size ?? 1) > 1 } ? meansChart() : individualsChart()
        case .s: return standardDeviationChart()
        case .p, .pp, .u, .up: return rateChart()
        case .np: return numberDefectiveChart()
        case .c: return countChart()
        case .g: return geometricChart()
        }
    }

    private var referenceValues: [Double] { reference.compactMap { plotted[$0] } }

    // Values reaching the chart are finite (the input layer rejects NaN and Inf), so the
    // statistics core's non-finite error cannot occur here.
    private func mean(_ values: [Double]) -> Double? {
        (try? Descriptive.mean(values, missing: .skip)) ?? nil
    }

    private func median(_ values: [Double]) -> Double? {
        (try? Descriptive.median(values, missing: .skip)) ?? nil
    }

    /// c4(n) for a subgroup size that may not be whole (a mean size); nil below 2.
    private func c4(_ size: Double) -> Double? {
        try? SubgroupConstants.c4(subgroupSize: Int(size))
    }

    private func constant(_ limits: PointLimits) -> [PointLimits] {
        Array(repeating: limits, count: plotted.count)
    }

    // Run chart: the median of the reference values, no limits.
    private func runChart() -> [PointLimits] {
        guard let median = median(referenceValues) else { return constant(.none) }
        return constant(PointLimits(centre: median))
    }

    /// Sigma of individuals from the average moving range of the reference values in order
    /// (excluded points removed first, so a moving range spans them; a gap leaves none).
    private func individualsSigma(of values: [Double?]) -> (mean: Double, sigma: Double?)? {
        let referenceSeries = baseline.map { values[$0] }
        let present = referenceSeries.compactMap { $0 }
        guard let mean = knownCentre ?? mean(present) else { return nil }
        if let knownSigma { return (mean, knownSigma) }
        guard let averageRange = MovingRanges.average(referenceSeries, screened: screenMovingRanges) else {
            return (mean, nil)
        }
        let sigma = rules == .mdc
            ? ChartConstants.makingDataCountLimitFactor * averageRange / 3
            : averageRange / ChartConstants.qicharts2MovingRangeD2
        return (mean, sigma)
    }

    private func individualsChart() -> [PointLimits] {
        guard let (mean, sigma) = individualsSigma(of: plotted) else { return constant(.none) }
        return constant(.symmetric(centre: mean, sigma: sigma))
    }

    /// t chart: an individuals chart of y^(1/3.6), its centre line and limits raised back to
    /// the power 3.6; a negative transformed lower limit becomes 0 (Provost & Murray 2011).
    private func timeBetweenEventsChart() -> [PointLimits] {
        let power = ChartConstants.timeBetweenEventsPower
        let transformed = plotted.map { $0.map { Double.pow($0, 1 / power) } }
        guard let (mean, sigma) = individualsSigma(of: transformed) else { return constant(.none) }
        let onTransformedScale = PointLimits.symmetric(centre: mean, sigma: sigma)
        func back(_ value: Double?) -> Double? { value.map { $0 > 0 ? Double.pow($0, power) : 0 } }
        let centre = back(onTransformedScale.centre)
        let upper = back(onTransformedScale.upper)
        let lower = back(onTransformedScale.lower)
        let oneSigmaUp = back(onTransformedScale.centre.flatMap { c in sigma.map { c + $0 } })
        let oneSigmaDown = back(onTransformedScale.centre.flatMap { c in sigma.map { c - $0 } })
        return constant(PointLimits(centre: centre, lower: lower, upper: upper,
                                    lower95: back(onTransformedScale.lower95), upper95: back(onTransformedScale.upper95),
                                    upperSigma: zip2(oneSigmaUp, centre, -), lowerSigma: zip2(centre, oneSigmaDown, -)))
    }

    /// Moving-range chart: centre line the mean moving range of the reference points,
    /// upper limit D4(2) times it, lower limit 0, and the "95 %" line at two thirds of D4(2)
    /// times it, as qicharts2 draws them; no screening.
    private func movingRangeChart() -> [PointLimits] {
        let values = referenceValues
        guard let centre = mean(values) else { return constant(.none) }
        let upper = ChartConstants.movingRangeD4 * centre
        let sigma = (upper - centre) / 3
        return constant(PointLimits(centre: centre, lower: 0, upper: upper,
                                    lower95: 0, upper95: 2 * ChartConstants.movingRangeD4 * centre / 3,
                                    upperSigma: sigma, lowerSigma: centre / 3))
    }

    /// s-bar: the mean subgroup SD when sizes are equal, else the pooled
    /// sqrt(sum((n_i - 1) s_i^2) / sum(n_i - 1)), both without c4 (qicharts2).
    private func pooledStandardDeviation() -> Double? {
        let used = reference.filter { (subgroups[$0].size ?? 0) > 1 && subgroups[$0].standardDeviation != nil }
        guard !used.isEmpty else { return nil }
        let sizes = used.map { subgroups[$0].size! }
        let deviations = used.map { subgroups[$0].standardDeviation! }
        if Set(sizes).count == 1 { return deviations.reduce(0, +) / Double(deviations.count) }
        var weightedSquares = 0.0
        var degreesOfFreedom = 0.0
        for (size, deviation) in zip(sizes, deviations) {
            weightedSquares += (size - 1) * deviation * deviation
            degreesOfFreedom += size - 1
        }
        return (weightedSquares / degreesOfFreedom).squareRoot()
    }

    /// Xbar chart: CL = sum(n_i xbar_i)/sum(n_i); limits CL +/- A3(n_i) s-bar, so the sigma of
    /// a subgroup mean is s-bar / (c4(n_i) sqrt(n_i)); a subgroup of size 1 has no limits.
    private func meansChart() -> [PointLimits] {
        let used = reference.filter { subgroups[$0].value != nil }
        let totalSize = used.reduce(0.0) { $0 + (subgroups[$1].size ?? 1) }
        guard totalSize > 0 else { return constant(.none) }
        let centre = knownCentre ?? used.reduce(0.0) { $0 + (subgroups[$1].size ?? 1) * subgroups[$1].value! } / totalSize
        let pooled = pooledStandardDeviation()
        return subgroups.map { subgroup in
            guard let size = subgroup.size, size >= 2 else { return PointLimits(centre: centre) }
            if let knownSigma { return .symmetric(centre: centre, sigma: knownSigma / size.squareRoot()) }
            guard let pooled, let c4 = c4(size) else { return PointLimits(centre: centre) }
            return .symmetric(centre: centre, sigma: pooled / (c4 * size.squareRoot()))
        }
    }

    /// S chart: CL = s-bar; limits B3(n_i) s-bar and B4(n_i) s-bar.
    private func standardDeviationChart() -> [PointLimits] {
        guard let pooled = pooledStandardDeviation() else { return constant(.none) }
        return subgroups.map { subgroup in
            guard let size = subgroup.size, let c4 = c4(size) else { return PointLimits(centre: pooled) }
            let relativeSigma = (1 - c4 * c4).squareRoot() / c4
            return .symmetric(centre: pooled, sigma: pooled * relativeSigma, floor: 0)
        }
    }

    /// Sums of the counts and of the sizes over the reference subgroups that have both, in
    /// time order (the pooled numerator and denominator of the p, np, u and Laney charts).
    private func countsAndSizes() -> (counts: Double, sizes: Double) {
        var counts = 0.0
        var sizes = 0.0
        for index in reference {
            guard let count = subgroups[index].value, let size = subgroups[index].size, size > 0 else { continue }
            counts += count
            sizes += size
        }
        return (counts, sizes)
    }

    /// p and u charts: CL = sum(y)/sum(n); sigma_i = sqrt(CL(1 - CL)/n_i) (p) or sqrt(CL/n_i)
    /// (u). Laney's p' and u' (Laney 2002, Qual Eng 14:531) multiply sigma_i by sigma_z, the
    /// moving-range sigma of the standardised values z_i = (y_i - CL)/sigma_i.
    private func rateChart() -> [PointLimits] {
        let (events, exposure) = countsAndSizes()
        guard exposure > 0 else { return constant(.none) }
        let centre = events / exposure
        let isProportion = chart == .p || chart == .pp
        func sigma(_ size: Double?) -> Double? {
            guard let size, size > 0 else { return nil }
            return (isProportion ? centre * (1 - centre) / size : centre / size).squareRoot()
        }
        var laneyFactor = 1.0
        if chart == .pp || chart == .up {
            let standardised: [Double?] = plotted.indices.map { index in
                guard let value = plotted[index], let sigma = sigma(subgroups[index].size), sigma > 0 else { return nil }
                return (value - centre) / sigma
            }
            let referenceSeries = baseline.map { standardised[$0] }
            if let averageRange = MovingRanges.average(referenceSeries, screened: screenMovingRanges) {
                laneyFactor = averageRange / ChartConstants.qicharts2MovingRangeD2
            }
        }
        return subgroups.map { subgroup in
            .symmetric(centre: centre, sigma: sigma(subgroup.size).map { $0 * laneyFactor },
                       floor: 0, cap: isProportion ? 1 : nil)
        }
    }

    /// np chart: CL_i = n_i p-bar; limits n_i p-bar +/- 3 sqrt(n_i p-bar (1 - p-bar)) in [0, n_i].
    private func numberDefectiveChart() -> [PointLimits] {
        let (events, trials) = countsAndSizes()
        guard trials > 0 else { return constant(.none) }
        let proportion = events / trials
        return subgroups.map { subgroup in
            guard let size = subgroup.size, size > 0 else { return .none }
            return .symmetric(centre: size * proportion, sigma: (size * proportion * (1 - proportion)).squareRoot(),
                              floor: 0, cap: size)
        }
    }

    /// c chart: CL = mean count; limits CL +/- 3 sqrt(CL), the lower floored at 0.
    private func countChart() -> [PointLimits] {
        guard let centre = mean(referenceValues) else { return constant(.none) }
        return constant(.symmetric(centre: centre, sigma: centre.squareRoot(), floor: 0))
    }

    /// g chart (Benneyan 2001, Health Care Manag Sci 4:305): limits from the mean g-bar,
    /// g-bar +/- 3 sqrt(g-bar (g-bar + 1)), lower floored at 0; the centre line drawn is the
    /// median of the reference values, as qicharts2 draws it.
    private func geometricChart() -> [PointLimits] {
        let values = referenceValues
        guard let mean = mean(values), let median = median(values) else { return constant(.none) }
        let sigma = (mean * (mean + 1)).squareRoot()
        var limits = PointLimits.symmetric(centre: mean, sigma: sigma, floor: 0)
        // Zones run from the drawn (median) centre line to the limits around the mean.
        limits.centre = median
        limits.upperSigma = (mean + 3 * sigma - median) / 3
        limits.lowerSigma = (median - (mean - 3 * sigma)) / 3
        return constant(limits)
    }
}

private func zip2(_ first: Double?, _ second: Double?, _ combine: (Double, Double) -> Double) -> Double? {
    guard let first, let second else { return nil }
    return combine(first, second)
}
