import RealModule

/// Descriptive statistics of a sample that may contain missing values.
///
/// Every function takes `[Double?]`, where `nil` marks a missing value, and an explicit
/// `MissingValuePolicy`. A statistic that is undefined (the mean of no values, the variance
/// of one) is `nil`, never `NaN`. A present value that is `NaN` or infinite is a data error
/// and throws `StatisticsError.nonFiniteValue(index:value:)`, naming its position, so that it
/// is not silently treated as missing.
///
/// Complexity: O(n) for the moments, O(n log n) for the median and quantiles (one sort).
public enum Descriptive {
    /// The number of values present (not missing).
    public static func presentCount(_ values: [Double?]) -> Int {
        values.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
    }

    /// The arithmetic mean, sum(x) / n.
    ///
    /// Computed in two passes, as R's `mean` does: the first mean is corrected by the mean
    /// of the residuals, which removes most of the rounding error of the first sum.
    ///
    /// - Returns: `nil` if no value is present, or if one is missing under `.propagate`.
    /// - Throws: `StatisticsError.nonFiniteValue` for a present `NaN` or infinity.
    public static func mean(
        _ values: [Double?], missing policy: MissingValuePolicy
    ) throws(StatisticsError) -> Double? {
        guard let present = try presentValues(values, policy), !present.isEmpty else {
            return nil
        }
        return meanOfFinite(present)
    }

    /// The sample variance, sum((x - mean)^2) / (n - 1).
    ///
    /// Uses the corrected two-pass algorithm, sum(d^2) - (sum d)^2 / n with d = x - mean,
    /// whose error does not grow with the size of the mean relative to the spread
    /// (Chan, Golub & LeVeque 1983, The American Statistician 37(3):242-247,
    /// doi:10.1080/00031305.1983.10483115).
    ///
    /// - Returns: `nil` if fewer than two values are present, or if one is missing under
    ///   `.propagate`.
    /// - Throws: `StatisticsError.nonFiniteValue` for a present `NaN` or infinity.
    public static func variance(
        _ values: [Double?], missing policy: MissingValuePolicy
    ) throws(StatisticsError) -> Double? {
        guard let present = try presentValues(values, policy), present.count >= 2 else {
            return nil
        }
        let center = meanOfFinite(present)
        var sumOfSquares = 0.0
        var sumOfDeviations = 0.0
        for value in present {
            let deviation = value - center
            sumOfSquares += deviation * deviation
            sumOfDeviations += deviation
        }
        let count = Double(present.count)
        let corrected = sumOfSquares - sumOfDeviations * sumOfDeviations / count
        return max(0, corrected) / (count - 1)
    }

    /// The sample standard deviation, the square root of `variance`.
    ///
    /// - Returns: `nil` if fewer than two values are present, or if one is missing under
    ///   `.propagate`.
    /// - Throws: `StatisticsError.nonFiniteValue` for a present `NaN` or infinity.
    public static func standardDeviation(
        _ values: [Double?], missing policy: MissingValuePolicy
    ) throws(StatisticsError) -> Double? {
        try variance(values, missing: policy)?.squareRoot()
    }

    /// The median: the middle value, or the mean of the two middle values for an even count
    /// (equal to `quantile(values, probability: 0.5, ...)`).
    ///
    /// - Returns: `nil` if no value is present, or if one is missing under `.propagate`.
    /// - Throws: `StatisticsError.nonFiniteValue` for a present `NaN` or infinity.
    public static func median(
        _ values: [Double?], missing policy: MissingValuePolicy
    ) throws(StatisticsError) -> Double? {
        try quantile(values, probability: 0.5, missing: policy)
    }

    /// The sample quantile by R's default definition (Hyndman & Fan type 7): with the sorted
    /// values x_(1) <= ... <= x_(n) and h = (n - 1) p + 1,
    ///
    ///     Q(p) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)),
    ///
    /// written as (1 - g) x_(j) + g x_(j+1) with g = h - j, the form R evaluates.
    ///
    /// Citation: Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages.
    /// The American Statistician 50(4):361-365. doi:10.1080/00031305.1996.10473566.
    ///
    /// - Returns: `nil` if no value is present, or if one is missing under `.propagate`.
    /// - Throws: `StatisticsError.probabilityOutOfRange` if `probability` is not in [0, 1];
    ///   `StatisticsError.nonFiniteValue` for a present `NaN` or infinity.
    public static func quantile(
        _ values: [Double?], probability: Double, missing policy: MissingValuePolicy
    ) throws(StatisticsError) -> Double? {
        try quantiles(values, probabilities: [probability], missing: policy)?.first
    }

    /// Type 7 quantiles for several probabilities, sorting once.
    ///
    /// - Returns: one quantile per probability, in order; `nil` as for `quantile`.
    /// - Throws: as `quantile`.
    public static func quantiles(
        _ values: [Double?], probabilities: [Double], missing policy: MissingValuePolicy
    ) throws(StatisticsError) -> [Double]? {
        for probability in probabilities where !(probability >= 0 && probability <= 1) {
            throw .probabilityOutOfRange(probability)
        }
        guard let present = try presentValues(values, policy), !present.isEmpty else {
            return nil
        }
        let sorted = present.sorted()
        let last = sorted.count - 1
        return probabilities.map { probability in
            let position = Double(last) * probability  // h - 1, zero-based
            let lowerIndex = Int(position.rounded(.down))
            let fraction = position - Double(lowerIndex)
            let lowerValue = sorted[lowerIndex]
            guard fraction > 0, lowerIndex < last else { return lowerValue }
            let upperValue = sorted[lowerIndex + 1]
            if upperValue == lowerValue { return lowerValue }
            return (1 - fraction) * lowerValue + fraction * upperValue
        }
    }

    // MARK: Missing values

    /// The present values, or `nil` when the policy makes the statistic undefined.
    private static func presentValues(
        _ values: [Double?], _ policy: MissingValuePolicy
    ) throws(StatisticsError) -> [Double]? {
        var present: [Double] = []
        present.reserveCapacity(values.count)
        var sawMissing = false
        for (index, value) in values.enumerated() {
            guard let value else {
                sawMissing = true
                continue
            }
            guard value.isFinite else { throw .nonFiniteValue(index: index, value: value) }
            present.append(value)
        }
        if sawMissing && policy == .propagate { return nil }
        return present
    }

    private static func meanOfFinite(_ present: [Double]) -> Double {
        let count = Double(present.count)
        let first = present.reduce(0, +) / count
        let correction = present.reduce(0) { $0 + ($1 - first) } / count
        return first + correction
    }
}
