/// Integer sums over replicates of one ratio quantity n_r / d_r, and its cross sums with the
/// same quantity in the reference scenario (for the paired, common-random-number MCSE).
///
/// Every summary is a function of these sums, so accumulating is exact integer addition:
/// the result never depends on the order replicates finish in, the thread count, or how
/// shards are split, and merging shards is adding their sums.
public struct RatioSums: Sendable, Hashable {
    /// Sum of n, sum of d, sum of n^2, n d, d^2.
    public var numerator: Int64 = 0
    public var denominator: Int64 = 0
    public var numeratorSquares: Int64 = 0
    public var products: Int64 = 0
    public var denominatorSquares: Int64 = 0
    /// Sums of n_a n_b, n_a d_b, d_a n_b, d_a d_b with b the reference scenario.
    public var crossNumerators: Int64 = 0
    public var crossNumeratorDenominator: Int64 = 0
    public var crossDenominatorNumerator: Int64 = 0
    public var crossDenominators: Int64 = 0

    public init() {}

    /// The sums as a list, in the order of the fields (for result files).
    public var values: [Int64] {
        [numerator, denominator, numeratorSquares, products, denominatorSquares,
         crossNumerators, crossNumeratorDenominator, crossDenominatorNumerator, crossDenominators]
    }

    /// Sums from a list written by ``values``.
    public init?(values: [Int64]) {
        guard values.count == 9 else { return nil }
        (numerator, denominator, numeratorSquares, products, denominatorSquares) =
            (values[0], values[1], values[2], values[3], values[4])
        (crossNumerators, crossNumeratorDenominator, crossDenominatorNumerator, crossDenominators) =
            (values[5], values[6], values[7], values[8])
    }

    @inline(__always)
    mutating func add(_ n: Int64, _ d: Int64, referenceNumerator nb: Int64, referenceDenominator db: Int64) {
        numerator += n
        denominator += d
        numeratorSquares += n * n
        products += n * d
        denominatorSquares += d * d
        crossNumerators += n * nb
        crossNumeratorDenominator += n * db
        crossDenominatorNumerator += d * nb
        crossDenominators += d * db
    }

    mutating func add(_ other: RatioSums) {
        numerator += other.numerator
        denominator += other.denominator
        numeratorSquares += other.numeratorSquares
        products += other.products
        denominatorSquares += other.denominatorSquares
        crossNumerators += other.crossNumerators
        crossNumeratorDenominator += other.crossNumeratorDenominator
        crossDenominatorNumerator += other.crossDenominatorNumerator
        crossDenominators += other.crossDenominators
    }
}

/// The quantities summarised for each scenario, in a fixed order: each is a ratio
/// sum(n_r) / sum(d_r) across replicates.
public enum SummaryQuantity: Sendable, Hashable {
    /// success / started.
    case successPerStarted
    /// dropped / started.
    case dropoutPerStarted
    /// "Share of successes sustained": sustained / eligible.
    case sustainedShare(SustainabilityClock, horizonIndex: Int)
    /// "Practices sustaining": sustained / N, the share of all the CCG's practices.
    case practicesSustained(SustainabilityClock, horizonIndex: Int)
    /// adopted / N at the end of month (index + 1).
    case adoptedShare(monthIndex: Int)
    /// sustaining / N at the end of month (index + 1).
    case sustainingShare(monthIndex: Int)

    /// Every quantity for `horizons` sustained-at horizons and `months` months, in order.
    public static func all(horizons: Int, months: Int) -> [SummaryQuantity] {
        var quantities: [SummaryQuantity] = [.successPerStarted, .dropoutPerStarted]
        for clock in SustainabilityClock.allCases {
            for horizon in 0..<horizons { quantities.append(.sustainedShare(clock, horizonIndex: horizon)) }
        }
        for clock in SustainabilityClock.allCases {
            for horizon in 0..<horizons { quantities.append(.practicesSustained(clock, horizonIndex: horizon)) }
        }
        for month in 0..<months { quantities.append(.adoptedShare(monthIndex: month)) }
        for month in 0..<months { quantities.append(.sustainingShare(monthIndex: month)) }
        return quantities
    }

    /// (n, d) of this quantity in one replicate's outcome.
    @inline(__always)
    func terms(_ outcome: ReplicateOutcome, practices: Int) -> (Int64, Int64) {
        let all = Int64(practices)
        switch self {
        case .successPerStarted: return (Int64(outcome.success), Int64(outcome.started))
        case .dropoutPerStarted: return (Int64(outcome.dropped), Int64(outcome.started))
        case .sustainedShare(.afterSupport, let index):
            return (Int64(outcome.sustainedAfterSupport[index]), Int64(outcome.eligibleAfterSupport[index]))
        case .sustainedShare(.afterSuccess, let index):
            return (Int64(outcome.sustainedAfterSuccess[index]), Int64(outcome.eligibleAfterSuccess[index]))
        case .practicesSustained(.afterSupport, let index): return (Int64(outcome.sustainedAfterSupport[index]), all)
        case .practicesSustained(.afterSuccess, let index): return (Int64(outcome.sustainedAfterSuccess[index]), all)
        case .adoptedShare(let month): return (Int64(outcome.adopted[month]), all)
        case .sustainingShare(let month): return (Int64(outcome.sustaining[month]), all)
        }
    }
}

/// Everything the summaries of one scenario need, as integer sums over its replicates.
///
/// Memory is O(Q + T (N + 1)) for Q quantities, whatever the number of replicates: the
/// per-month histograms of adopted and sustaining counts (0..N) give exact percentiles.
public struct ScenarioAccumulator: Sendable, Hashable {
    public var replicates: Int64 = 0
    public var quantities: [RatioSums]
    /// adoptedHistogram[m * (N + 1) + k] = replicates with k practices adopted at the end of month m + 1.
    public var adoptedHistogram: [Int64]
    public var sustainingHistogram: [Int64]

    public init(quantityCount: Int, months: Int, practices: Int) {
        quantities = Array(repeating: RatioSums(), count: quantityCount)
        adoptedHistogram = Array(repeating: 0, count: months * (practices + 1))
        sustainingHistogram = adoptedHistogram
    }

    public init(replicates: Int64, quantities: [RatioSums], adoptedHistogram: [Int64], sustainingHistogram: [Int64]) {
        self.replicates = replicates
        self.quantities = quantities
        self.adoptedHistogram = adoptedHistogram
        self.sustainingHistogram = sustainingHistogram
    }

    mutating func add(_ outcome: ReplicateOutcome, reference: ReplicateOutcome, quantityList: [SummaryQuantity],
                      practices: Int) {
        replicates += 1
        for (index, quantity) in quantityList.enumerated() {
            let (n, d) = quantity.terms(outcome, practices: practices)
            let (nb, db) = quantity.terms(reference, practices: practices)
            quantities[index].add(n, d, referenceNumerator: nb, referenceDenominator: db)
        }
        let width = practices + 1
        for month in outcome.adopted.indices {
            adoptedHistogram[month * width + outcome.adopted[month]] += 1
            sustainingHistogram[month * width + outcome.sustaining[month]] += 1
        }
    }

    mutating func add(_ other: ScenarioAccumulator) {
        replicates += other.replicates
        for index in quantities.indices { quantities[index].add(other.quantities[index]) }
        for index in adoptedHistogram.indices {
            adoptedHistogram[index] += other.adoptedHistogram[index]
            sustainingHistogram[index] += other.sustainingHistogram[index]
        }
    }
}

/// The accumulators of every scenario of a run (or of a shard of it).
public struct SimulationAccumulator: Sendable, Hashable {
    public var scenarios: [ScenarioAccumulator]

    public init(scenarios: [ScenarioAccumulator]) { self.scenarios = scenarios }

    public init(scenarioCount: Int, quantityCount: Int, months: Int, practices: Int) {
        scenarios = Array(repeating: ScenarioAccumulator(quantityCount: quantityCount, months: months, practices: practices),
                          count: scenarioCount)
    }

    /// Adds another accumulator of the same shape (exact: integer sums).
    public mutating func add(_ other: SimulationAccumulator) {
        for index in scenarios.indices { scenarios[index].add(other.scenarios[index]) }
    }
}
