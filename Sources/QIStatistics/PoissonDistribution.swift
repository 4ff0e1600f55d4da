import RealModule

/// The Poisson distribution with mean lambda: counts of events that occur independently at a
/// constant rate.
///
///     P(N = k)  = lambda^k e^(-lambda) / k!
///     P(N <= k) = Q(k + 1, lambda)
///
/// where Q is the regularised upper incomplete gamma function (`IncompleteGamma`). The mass
/// uses Loader's saddle-point form (`SaddlePointExpansion`).
///
/// `quantile(_:)` follows R's `qpois`: the smallest x with P(N <= x) >= p (1 - 64 epsilon).
/// It returns a `Double` because the quantile of p = 1 is +infinity.
public struct PoissonDistribution: Sendable, Hashable {
    /// The mean lambda >= 0 (also the variance).
    public let mean: Double

    /// Creates a Poisson distribution.
    ///
    /// - Throws: `StatisticsError.invalidParameter` unless `mean` is finite and >= 0.
    public init(mean: Double) throws(StatisticsError) {
        guard mean >= 0, mean.isFinite else {
            throw .invalidParameter(name: "mean", value: mean)
        }
        self.mean = mean
    }

    /// P(N = k) (0 for k < 0). Complexity: O(1).
    public func probabilityMass(_ k: Int) -> Double {
        guard k >= 0 else { return 0 }
        return SaddlePointExpansion.poissonProbability(count: Double(k), mean: mean)
    }

    /// P(N <= k). Complexity: O(sqrt(lambda)) at worst.
    public func cdf(_ k: Int) -> Double {
        tails(k).lower
    }

    /// P(N > k), computed directly in the upper tail. Complexity: as `cdf`.
    public func complementaryCDF(_ k: Int) -> Double {
        tails(k).upper
    }

    /// The smallest whole number x with P(N <= x) >= `p` (R's `qpois(p, lambda)`), as a
    /// `Double`: +infinity when `p` is within 1.01 epsilon of 1.
    ///
    /// - Throws: `StatisticsError.probabilityOutOfRange` if `p` is not in [0, 1].
    /// - Complexity: O(1) evaluations of `cdf` from the Cornish-Fisher start.
    public func quantile(_ p: Double) throws(StatisticsError) -> Double {
        guard p >= 0, p <= 1 else { throw .probabilityOutOfRange(p) }
        if mean == 0 || p == 0 { return 0 }
        if p + 1.01 * Double.ulpOfOne >= 1 { return .infinity }
        let sigma = mean.squareRoot()
        let z = NormalDistribution.standardQuantile(p)
        let approximation = (mean + sigma * (z + (z * z - 1) / (6 * sigma)))
            .rounded(.toNearestOrEven)
        let start = Int(max(approximation, 0))
        let target = p * (1 - 64 * Double.ulpOfOne)
        let found = DiscreteQuantileSearch.smallestReaching(
            target, from: start, lowerBound: 0, upperBound: Int.max - 1, cdf: cdf)
        return Double(found)
    }

    func tails(_ k: Int) -> TailProbabilities {
        if k < 0 { return TailProbabilities(lower: 0, upper: 1) }
        if mean == 0 { return TailProbabilities(lower: 1, upper: 0) }
        return IncompleteGamma.regularized(shape: Double(k + 1), mean).swapped
    }
}
