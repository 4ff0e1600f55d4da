#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The IHI "too few or too many runs" limits for a run chart: the number of runs about the
/// median that random data stay within, two-sided 5 % (2.5 % each tail).
///
/// With N useful observations (points not on the median) split m above and n = N − m below,
/// the number of runs R has the distribution of Swed & Eisenhart (1943):
///     P(R = 2k)     = 2 C(m−1, k−1) C(n−1, k−1) / C(N, m)
///     P(R = 2k + 1) = [C(m−1, k) C(n−1, k−1) + C(m−1, k−1) C(n−1, k)] / C(N, m).
/// A median splits the points evenly, so, as the published table (Perla, Provost & Murray
/// 2011, BMJ Qual Saf 20:46, Table 1, built from Swed & Eisenhart's tables) does, the limits
/// depend on N alone with m = ⌊N/2⌋. Too few runs: R < lower, the largest l with
/// P(R < l) ≤ 0.025; too many: R > upper, the smallest u with P(R > u) ≤ 0.025.
///
/// - Note: Swed FS, Eisenhart C (1943), "Tables for testing randomness of grouping in a
///   sequence of alternatives", Ann Math Stat 14(1):66–87, doi:10.1214/aoms/1177731494.
/// - Complexity: O(N) per call.
public enum RunsCountLimits {
    /// The smallest N the table starts at: fewer points cannot show too few or too many runs
    /// at the 2.5 % level on both sides.
    public static let minimumUsefulObservations = 10

    /// Probability in each tail.
    static let tailProbability = 0.025

    /// The lower and upper limits for N useful observations, or nil below
    /// ``minimumUsefulObservations``.
    public static func limits(usefulObservations count: Int) -> (lower: Int, upper: Int)? {
        guard count >= minimumUsefulObservations else { return nil }
        let probabilities = runsDistribution(above: count / 2, below: count - count / 2)
        var lower = 1
        var below = 0.0
        // P(R < lower + 1) = P(R < lower) + P(R = lower)
        while lower + 1 < probabilities.count, below + probabilities[lower] <= tailProbability {
            below += probabilities[lower]
            lower += 1
        }
        var upper = probabilities.count - 1
        var above = 0.0
        while upper > 0, above + probabilities[upper] <= tailProbability {
            above += probabilities[upper]
            upper -= 1
        }
        return (lower, upper)
    }

    /// P(R = r) for r = 0 … m + n (zero where impossible), computed in log space.
    static func runsDistribution(above m: Int, below n: Int) -> [Double] {
        let total = m + n
        var probabilities = [Double](repeating: 0, count: total + 1)
        let logTotal = logChoose(total, m)
        for runs in 2...total {
            let k = runs / 2
            let probability: Double
            if runs % 2 == 0 {
                probability = 2 * exp(logChoose(m - 1, k - 1) + logChoose(n - 1, k - 1) - logTotal)
            } else {
                probability = exp(logChoose(m - 1, k) + logChoose(n - 1, k - 1) - logTotal)
                    + exp(logChoose(m - 1, k - 1) + logChoose(n - 1, k) - logTotal)
            }
            probabilities[runs] = probability
        }
        return probabilities
    }

    /// log C(n, k), −∞ where the coefficient is zero.
    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, n >= 0, k <= n else { return -.infinity }
        return lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
