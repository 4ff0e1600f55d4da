/// A pooled ratio across replicates with its Monte Carlo standard error.
///
///     rho  = sum(n_r) / sum(d_r)
///     z_r  = (n_r - rho d_r) / mean(d)
///     MCSE = sqrt(sum(z_r^2) / (R (R - 1)))             (linearised, delta method)
///     95% interval rho +/- 1.96 MCSE
///
/// For d_r = N (a mean share) this MCSE is exactly sd / sqrt(R). Quantities that do not exist
/// (no eligible practices, fewer than 2 replicates) are nil, written as null.
///
/// Citation: Koehler, E., Brown, E. & Haneuse, S. J.-P. A. (2009). On the assessment of Monte
/// Carlo error in simulation-based statistical analyses. The American Statistician
/// 63(2):155-162. doi:10.1198/tast.2009.0030.
public struct RatioEstimate: Sendable, Hashable {
    public let pooled: Double?
    public let mcse: Double?
    public let lower95: Double?
    public let upper95: Double?

    /// The normal 97.5% point used for the intervals, as the specification writes it.
    public static let intervalMultiplier = 1.96

    init(pooled: Double?, mcse: Double?) {
        self.pooled = pooled
        self.mcse = mcse
        if let pooled, let mcse {
            lower95 = pooled - Self.intervalMultiplier * mcse
            upper95 = pooled + Self.intervalMultiplier * mcse
        } else {
            lower95 = nil
            upper95 = nil
        }
    }
}

/// A mean share per month across replicates, with its MCSE and the 2.5 and 97.5 percentiles
/// across replicates (CCGs).
public struct MonthlyShare: Sendable, Hashable {
    public let month: Int
    public let mean: Double
    public let mcse: Double?
    public let percentile2_5: Double
    public let percentile97_5: Double
}

/// A scenario minus the reference on one quantity, with common-random-number errors.
///
///     difference      = rho_a - rho_b
///     paired MCSE     = sd(z_a - z_b) / sqrt(R)   (the same replicates, so common random numbers)
///     independent MCSE = sqrt(MCSE_a^2 + MCSE_b^2) (what independent sampling would give)
///     variance-reduction factor = independent MCSE^2 / paired MCSE^2
public struct Contrast: Sendable, Hashable {
    public let quantity: String
    public let difference: Double?
    public let pairedMCSE: Double?
    public let independentMCSE: Double?
    public let varianceReductionFactor: Double?
    public let lower95: Double?
    public let upper95: Double?
}

/// The summaries of one scenario.
public struct ScenarioSummary: Sendable, Hashable {
    public let id: String
    public let replicates: Int
    public let adoptedShare: [MonthlyShare]
    public let sustainingShare: [MonthlyShare]
    public let successPerStarted: RatioEstimate
    public let dropoutPerStarted: RatioEstimate
    /// "Share of successes sustained", keyed like `sustained_after_success_12`.
    public let sustainedShares: [(name: String, estimate: RatioEstimate)]
    /// "Practices sustaining" (share of all practices), keyed like `practices_sustained_after_success_12`.
    public let practicesSustained: [(name: String, estimate: RatioEstimate)]
    /// Against the reference scenario; nil for the reference itself.
    public let contrasts: [Contrast]?

    public static func == (lhs: ScenarioSummary, rhs: ScenarioSummary) -> Bool {
        lhs.id == rhs.id && lhs.replicates == rhs.replicates && lhs.adoptedShare == rhs.adoptedShare
            && lhs.sustainingShare == rhs.sustainingShare && lhs.successPerStarted == rhs.successPerStarted
            && lhs.dropoutPerStarted == rhs.dropoutPerStarted
            && lhs.sustainedShares.map(\.estimate) == rhs.sustainedShares.map(\.estimate)
            && lhs.practicesSustained.map(\.estimate) == rhs.practicesSustained.map(\.estimate)
            && lhs.contrasts == rhs.contrasts
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// What summaries need to know about a run besides its sums.
public struct SummaryLayout: Sendable, Hashable {
    public let scenarioIDs: [String]
    public let referenceIndex: Int
    public let horizons: [Int]
    public let months: Int
    public let practices: Int
    public let quantities: [SummaryQuantity]

    public init(scenarioIDs: [String], referenceIndex: Int, horizons: [Int], months: Int, practices: Int) {
        self.scenarioIDs = scenarioIDs
        self.referenceIndex = referenceIndex
        self.horizons = horizons
        self.months = months
        self.practices = practices
        quantities = SummaryQuantity.all(horizons: horizons.count, months: months)
    }

    public init(plan: SimulationPlan) {
        self.init(scenarioIDs: plan.scenarios.map(\.id), referenceIndex: plan.referenceIndex, horizons: plan.horizons,
                  months: plan.run.months, practices: plan.run.practices)
    }
}

/// Summaries of a run, computed once from the merged integer sums.
public enum SimulationSummary {
    /// The name of a quantity in result files.
    public static func name(_ quantity: SummaryQuantity, horizons: [Int], months: Int) -> String {
        switch quantity {
        case .successPerStarted: return "success_per_started"
        case .dropoutPerStarted: return "dropout_per_started"
        case .sustainedShare(let clock, let index): return "sustained_\(clock.rawValue)_\(horizons[index])"
        case .practicesSustained(let clock, let index): return "practices_sustained_\(clock.rawValue)_\(horizons[index])"
        case .adoptedShare(let month): return month == months - 1 ? "adopted_share_final" : "adopted_share_m\(month + 1)"
        case .sustainingShare(let month): return month == months - 1 ? "sustaining_share_final" : "sustaining_share_m\(month + 1)"
        }
    }

    /// Every scenario's summary.
    public static func summarise(_ accumulator: SimulationAccumulator, plan: SimulationPlan) -> [ScenarioSummary] {
        summarise(accumulator, layout: SummaryLayout(plan: plan))
    }

    /// Every scenario's summary, from the sums and the run's shape alone (as `merge` has them).
    public static func summarise(_ accumulator: SimulationAccumulator, layout: SummaryLayout) -> [ScenarioSummary] {
        let months = layout.months
        let practices = layout.practices
        let reference = accumulator.scenarios[layout.referenceIndex]
        let plan = layout
        return layout.scenarioIDs.indices.map { index in
            let scenario = accumulator.scenarios[index]
            let replicates = Int(scenario.replicates)
            var sustained: [(String, RatioEstimate)] = []
            var practicesSustained: [(String, RatioEstimate)] = []
            var success = RatioEstimate(pooled: nil, mcse: nil)
            var dropout = success
            var contrasts: [Contrast] = []
            var adopted: [MonthlyShare] = []
            var sustaining: [MonthlyShare] = []
            for (position, quantity) in plan.quantities.enumerated() {
                let sums = scenario.quantities[position]
                let estimate = estimateRatio(sums, replicates: replicates)
                let name = name(quantity, horizons: plan.horizons, months: months)
                var contrasted = false
                switch quantity {
                case .successPerStarted: success = estimate; contrasted = true
                case .dropoutPerStarted: dropout = estimate; contrasted = true
                case .sustainedShare: sustained.append((name, estimate)); contrasted = true
                case .practicesSustained: practicesSustained.append((name, estimate)); contrasted = true
                case .adoptedShare(let month):
                    adopted.append(monthlyShare(month: month, estimate: estimate, histogram: scenario.adoptedHistogram,
                                                practices: practices, replicates: replicates))
                    contrasted = month == months - 1
                case .sustainingShare(let month):
                    sustaining.append(monthlyShare(month: month, estimate: estimate, histogram: scenario.sustainingHistogram,
                                                   practices: practices, replicates: replicates))
                    contrasted = month == months - 1
                }
                if contrasted && index != plan.referenceIndex {
                    contrasts.append(contrast(name: name, sums: sums, reference: reference.quantities[position],
                                              replicates: replicates))
                }
            }
            return ScenarioSummary(id: plan.scenarioIDs[index], replicates: replicates, adoptedShare: adopted,
                                   sustainingShare: sustaining, successPerStarted: success, dropoutPerStarted: dropout,
                                   sustainedShares: sustained, practicesSustained: practicesSustained,
                                   contrasts: index == plan.referenceIndex ? nil : contrasts)
        }
    }

    /// The pooled ratio and its linearised MCSE.
    public static func estimateRatio(_ sums: RatioSums, replicates: Int) -> RatioEstimate {
        guard sums.denominator > 0 else { return RatioEstimate(pooled: nil, mcse: nil) }
        let pooled = Double(sums.numerator) / Double(sums.denominator)
        guard replicates >= 2 else { return RatioEstimate(pooled: pooled, mcse: nil) }
        let squares = sumOfSquaredScores(sums, replicates: replicates)
        return RatioEstimate(pooled: pooled, mcse: (squares / (Double(replicates) * Double(replicates - 1))).squareRoot())
    }

    /// sum(z_r^2) = sum((n - rho d)^2) / mean(d)^2
    ///            = (B^2 sum(n^2) - 2 A B sum(n d) + A^2 sum(d^2)) R^2 / B^4,  A = sum n, B = sum d,
    /// with the numerator in exact 128-bit integer arithmetic (so it is never negative).
    static func sumOfSquaredScores(_ sums: RatioSums, replicates: Int) -> Double {
        let numerator = exactCombination(
            [(sums.denominator, sums.denominator, sums.numeratorSquares, 1),
             (sums.numerator, sums.denominator, sums.products, -2),
             (sums.numerator, sums.numerator, sums.denominatorSquares, 1)])
        let b = Double(sums.denominator)
        let r = Double(replicates)
        return max(0, numerator) * r * r / (b * b * b * b)
    }

    /// sum(z_a z_b) from the cross sums, as above.
    static func sumOfScoreProducts(_ a: RatioSums, _ b: RatioSums, replicates: Int) -> Double {
        let numerator = exactCombination(
            [(a.denominator, b.denominator, a.crossNumerators, 1),
             (a.denominator, b.numerator, a.crossNumeratorDenominator, -1),
             (a.numerator, b.denominator, a.crossDenominatorNumerator, -1),
             (a.numerator, b.numerator, a.crossDenominators, 1)])
        let r = Double(replicates)
        let ba = Double(a.denominator), bb = Double(b.denominator)
        return numerator * r * r / (ba * ba * bb * bb)
    }

    /// sum(sign x y s) over the terms, exactly in Int128 when it fits, else in Double.
    static func exactCombination(_ terms: [(Int64, Int64, Int64, Int)]) -> Double {
        var total: Int128 = 0
        for (x, y, s, sign) in terms {
            let (xy, overflow1) = Int128(x).multipliedReportingOverflow(by: Int128(y))
            let (product, overflow2) = xy.multipliedReportingOverflow(by: Int128(s) * Int128(sign))
            let (sum, overflow3) = total.addingReportingOverflow(product)
            if overflow1 || overflow2 || overflow3 {
                return terms.reduce(0.0) { $0 + Double($1.3) * Double($1.0) * Double($1.1) * Double($1.2) }
            }
            total = sum
        }
        return Double(total)
    }

    /// A scenario minus the reference on one ratio quantity.
    static func contrast(name: String, sums: RatioSums, reference: RatioSums, replicates: Int) -> Contrast {
        let own = estimateRatio(sums, replicates: replicates)
        let other = estimateRatio(reference, replicates: replicates)
        guard let a = own.pooled, let b = other.pooled else {
            return Contrast(quantity: name, difference: nil, pairedMCSE: nil, independentMCSE: nil,
                            varianceReductionFactor: nil, lower95: nil, upper95: nil)
        }
        let difference = a - b
        guard replicates >= 2, let mcseA = own.mcse, let mcseB = other.mcse else {
            return Contrast(quantity: name, difference: difference, pairedMCSE: nil, independentMCSE: nil,
                            varianceReductionFactor: nil, lower95: nil, upper95: nil)
        }
        let squaresA = sumOfSquaredScores(sums, replicates: replicates)
        let squaresB = sumOfSquaredScores(reference, replicates: replicates)
        let products = sumOfScoreProducts(sums, reference, replicates: replicates)
        let pairedSquares = max(0, squaresA + squaresB - 2 * products)
        let r = Double(replicates)
        let paired = (pairedSquares / (r * (r - 1))).squareRoot()
        let independent = (mcseA * mcseA + mcseB * mcseB).squareRoot()
        let factor: Double? = paired > 0 ? independent * independent / (paired * paired) : nil
        return Contrast(quantity: name, difference: difference, pairedMCSE: paired, independentMCSE: independent,
                        varianceReductionFactor: factor,
                        lower95: difference - RatioEstimate.intervalMultiplier * paired,
                        upper95: difference + RatioEstimate.intervalMultiplier * paired)
    }

    /// The mean share of one month with the percentiles from its histogram of counts.
    static func monthlyShare(month: Int, estimate: RatioEstimate, histogram: [Int64], practices: Int,
                             replicates: Int) -> MonthlyShare {
        let counts = histogram[(month * (practices + 1))..<((month + 1) * (practices + 1))]
        func share(_ count: Double) -> Double { count / Double(practices) }
        return MonthlyShare(month: month + 1, mean: estimate.pooled ?? 0, mcse: estimate.mcse,
                            percentile2_5: quantile(0.025, counts: Array(counts), replicates: replicates).map(share) ?? 0,
                            percentile97_5: quantile(0.975, counts: Array(counts), replicates: replicates).map(share) ?? 0)
    }

    /// The quantile of probability p of R values given as a histogram over 0...N, by linear
    /// interpolation between order statistics (Hyndman & Fan 1996 type 7, R's and numpy's
    /// default): h = (R - 1) p, x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h)),
    /// order statistics numbered from 0. Returns a count, scaled by the caller.
    ///
    /// Citation: Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages.
    /// The American Statistician 50(4):361-365. doi:10.1080/00031305.1996.10473566.
    static func quantile(_ probability: Double, counts: [Int64], replicates: Int) -> Double? {
        guard replicates > 0 else { return nil }
        let position = Double(replicates - 1) * probability
        let lowerRank = Int(position.rounded(.down))
        let fraction = position - Double(lowerRank)
        func orderStatistic(_ rank: Int) -> Int {
            var seen: Int64 = 0
            for (value, count) in counts.enumerated() {
                seen += count
                if seen > Int64(rank) { return value }
            }
            return counts.count - 1
        }
        let lower = Double(orderStatistic(lowerRank))
        guard fraction > 0 else { return lower }
        let upper = Double(orderStatistic(min(lowerRank + 1, replicates - 1)))
        return lower + fraction * (upper - lower)
    }
}
