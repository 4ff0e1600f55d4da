/// One subgroup of a chart's input, in time order.
///
/// For attribute charts `value` is the count (numerator) and `size` the denominator; for
/// individuals charts `value` is the observation and `size` is nil; for xbar and s charts
/// `value` is the subgroup mean, `size` the number of observations and `standardDeviation`
/// their sample standard deviation. A nil `value` is a gap: the point is reported with null
/// statistics and takes no part in any calculation.
public struct Subgroup: Sendable, Equatable {
    public var value: Double?
    public var size: Double?
    public var standardDeviation: Double?

    public init(value: Double?, size: Double? = nil, standardDeviation: Double? = nil) {
        self.value = value
        self.size = size
        self.standardDeviation = standardDeviation
    }

    /// The subgroup of several observations: their mean, count and sample standard deviation
    /// (nil for a single observation).
    public init(observations: [Double]) {
        let count = Double(observations.count)
        guard !observations.isEmpty else {
            self.init(value: nil)
            return
        }
        let mean = observations.reduce(0, +) / count
        let sumOfSquares = observations.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        self.init(value: mean, size: count,
                  standardDeviation: observations.count > 1 ? (sumOfSquares / (count - 1)).squareRoot() : nil)
    }
}
