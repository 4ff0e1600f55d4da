import RealModule

/// The binomial distribution: the number of successes in `trials` independent trials that
/// each succeed with `probability`.
///
///     P(X = k)  = C(n, k) p^k (1 - p)^(n - k)
///     P(X <= k) = I_(1-p)(n - k, k + 1)                 for 0 <= k < n
///
/// The mass uses Loader's saddle-point form (`SaddlePointExpansion`), accurate to a few ulps
/// for any n; the distribution function uses the regularised incomplete beta function
/// (`IncompleteBeta`), computing the smaller tail directly.
///
/// `quantile(_:)` follows R's `qbinom` exactly, including its fuzz: the smallest x with
/// P(X <= x) >= p (1 - 64 epsilon). The Anhøj crossings rule uses it as
/// `qbinom(0.05, n - 1, 0.5)` (Anhøj, J. & Olesen, A. V. (2014). Run charts revisited.
/// PLoS ONE 9(11):e113825. doi:10.1371/journal.pone.0113825).
public struct BinomialDistribution: Sendable, Hashable {
    /// The number of trials n >= 0.
    public let trials: Int
    /// The success probability of each trial, in [0, 1].
    public let probability: Double

    /// Creates a binomial distribution.
    ///
    /// - Throws: `StatisticsError.countTooSmall` if `trials < 0`;
    ///   `StatisticsError.probabilityOutOfRange` if `probability` is not in [0, 1].
    public init(trials: Int, probability: Double) throws(StatisticsError) {
        guard trials >= 0 else {
            throw .countTooSmall(name: "trials", required: 0, found: trials)
        }
        guard probability >= 0, probability <= 1 else {
            throw .probabilityOutOfRange(probability)
        }
        self.trials = trials
        self.probability = probability
    }

    /// The mean n p.
    public var mean: Double { Double(trials) * probability }

    /// The variance n p (1 - p).
    public var variance: Double { Double(trials) * probability * (1 - probability) }

    /// P(X = k) (0 outside 0...n). Complexity: O(1).
    public func probabilityMass(_ k: Int) -> Double {
        guard k >= 0, k <= trials else { return 0 }
        return SaddlePointExpansion.binomialProbability(
            successes: Double(k), failures: Double(trials - k),
            probability: probability, complement: 1 - probability)
    }

    /// P(X <= k). Complexity: O(sqrt(n)) at worst.
    public func cdf(_ k: Int) -> Double {
        tails(k).lower
    }

    /// P(X > k), computed directly in the upper tail. Complexity: as `cdf`.
    public func complementaryCDF(_ k: Int) -> Double {
        tails(k).upper
    }

    /// The smallest x in 0...n with P(X <= x) >= `p` (R's `qbinom(p, n, prob)`).
    ///
    /// As in R, `p` is first reduced by the relative fuzz 64 epsilon so that a cumulative
    /// probability that equals `p` up to rounding counts as reaching it, and `p` within
    /// 1.01 epsilon of 1 gives n. The search starts from the Cornish-Fisher approximation
    /// and steps by one.
    ///
    /// - Throws: `StatisticsError.probabilityOutOfRange` if `p` is not in [0, 1].
    /// - Complexity: O(1) evaluations of `cdf` for moderate n.
    public func quantile(_ p: Double) throws(StatisticsError) -> Int {
        guard p >= 0, p <= 1 else { throw .probabilityOutOfRange(p) }
        let n = trials
        if p == 0 { return 0 }
        if p == 1 { return n }
        if probability == 0 || n == 0 { return 0 }
        let complement = 1 - probability
        if complement == 0 { return n }
        if p + 1.01 * Double.ulpOfOne >= 1 { return n }

        let mu = Double(n) * probability
        let sigma = (mu * complement).squareRoot()
        let skewness = (complement - probability) / sigma
        let z = NormalDistribution.standardQuantile(p)
        let approximation = (mu + sigma * (z + skewness * (z * z - 1) / 6) + 0.5).rounded(.down)
        let start = Int(min(max(approximation, 0), Double(n)))
        let target = p * (1 - 64 * Double.ulpOfOne)
        return DiscreteQuantileSearch.smallestReaching(
            target, from: start, lowerBound: 0, upperBound: n, cdf: cdf)
    }

    func tails(_ k: Int) -> TailProbabilities {
        if k < 0 { return TailProbabilities(lower: 0, upper: 1) }
        if k >= trials { return TailProbabilities(lower: 1, upper: 0) }
        return IncompleteBeta.regularized(
            1 - probability, complement: probability,
            a: Double(trials - k), b: Double(k + 1))
    }
}
