import RealModule

/// The chi-square distribution with `degreesOfFreedom` (k) degrees of freedom: the
/// distribution of a sum of k squared independent standard normals, Gamma(k/2, scale 2).
///
///     density(x) = x^(k/2 - 1) e^(-x/2) / (2^(k/2) Gamma(k/2)),   x > 0
///     cdf(x)     = P(k/2, x/2)
///
/// where P is the regularised lower incomplete gamma function (`IncompleteGamma`).
///
/// The quantile solves the smaller tail, log P(k/2, x/2) = log p or log Q(k/2, x/2) =
/// log(1 - p), by safeguarded Newton iteration against log x, started from the Wilson-Hilferty
/// cube-root approximation, or for a small lower tail (k < -1.24 log p) from
/// x = 2 (p Gamma(k/2 + 1))^(2/k), as in Best & Roberts' AS 91.
///
/// Citations: Wilson, E. B. & Hilferty, M. M. (1931). The distribution of chi-square.
/// PNAS 17(12):684-688. doi:10.1073/pnas.17.12.684. Best, D. J. & Roberts, D. E. (1975).
/// Algorithm AS 91: The percentage points of the chi-squared distribution. Applied Statistics
/// 24(3):385-388. doi:10.2307/2347113.
public struct ChiSquareDistribution: Sendable, Hashable {
    /// The degrees of freedom k > 0 (non-integer values allowed).
    public let degreesOfFreedom: Double

    /// Creates a chi-square distribution.
    ///
    /// - Throws: `StatisticsError.invalidParameter` unless `degreesOfFreedom` is finite and
    ///   greater than zero.
    public init(degreesOfFreedom: Double) throws(StatisticsError) {
        guard degreesOfFreedom > 0, degreesOfFreedom.isFinite else {
            throw .invalidParameter(name: "degreesOfFreedom", value: degreesOfFreedom)
        }
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The probability density at `x` (0 for x < 0). Complexity: O(1).
    public func density(_ x: Double) -> Double {
        let k = degreesOfFreedom
        if x < 0 || x.isInfinite { return 0 }
        if x == 0 {
            if k < 2 { return .infinity }
            return k == 2 ? 0.5 : 0
        }
        // x^(k/2-1) e^(-x/2) / (2^(k/2) Gamma(k/2))
        //   = [(x/2)^(k/2) e^(-x/2) / Gamma(k/2 + 1)] k / (2x).
        return SaddlePointExpansion.poissonProbability(count: k / 2, mean: x / 2) * k / (2 * x)
    }

    /// P(X <= x). Complexity: O(sqrt(k)) at worst.
    public func cdf(_ x: Double) -> Double {
        tails(x).lower
    }

    /// P(X > x), computed directly in the upper tail. Complexity: as `cdf`.
    public func complementaryCDF(_ x: Double) -> Double {
        tails(x).upper
    }

    /// The value x with P(X <= x) = `probability` (0 for 0, +infinity for 1).
    ///
    /// - Throws: `StatisticsError.probabilityOutOfRange` if `probability` is not in [0, 1].
    /// - Complexity: a few evaluations of `cdf`.
    public func quantile(_ probability: Double) throws(StatisticsError) -> Double {
        guard probability >= 0, probability <= 1 else {
            throw .probabilityOutOfRange(probability)
        }
        if probability == 0 { return 0 }
        if probability == 1 { return .infinity }
        let k = degreesOfFreedom
        let half = k / 2
        let solvesLowerTail = probability < 0.5
        let target = solvesLowerTail ? probability : 1 - probability
        let logTarget = Double.log(target)

        var start: Double
        if solvesLowerTail && k < -1.24 * logTarget {
            let logStart = (logTarget + Double.logGamma(half + 1)) / half
            start = 2 * Double.exp(logStart)
        } else {
            let scale = 2 / (9 * k)
            let z = NormalDistribution.standardQuantile(probability)
            let cube = 1 - scale + z * scale.squareRoot()
            start = k * cube * cube * cube
        }
        if !(start > 0) || !start.isFinite { start = k }

        let logX = MonotoneEquationSolver.solve(from: Double.log(start)) { u in
            let x = Double.exp(u)
            let tails = tails(x)
            let slopeNumerator = x * density(x)
            if solvesLowerTail {
                return (Double.log(tails.lower) - logTarget, slopeNumerator / tails.lower)
            }
            return (logTarget - Double.log(tails.upper), slopeNumerator / tails.upper)
        }
        return Double.exp(logX)
    }

    func tails(_ x: Double) -> TailProbabilities {
        if x.isNaN { return TailProbabilities(lower: .nan, upper: .nan) }
        if x <= 0 { return TailProbabilities(lower: 0, upper: 1) }
        return IncompleteGamma.regularized(shape: degreesOfFreedom / 2, x / 2)
    }
}
