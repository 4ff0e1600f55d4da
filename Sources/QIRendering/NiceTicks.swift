/// Axis ticks at "nice" numbers: 1, 2 or 5 times a power of ten.
///
/// Heckbert's loose labelling (P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems,
/// 1990, pp. 61-63): range = nice(max - min, round: false); step = nice(range / (ticks - 1),
/// round: true); the axis runs from floor(min / step) * step to ceil(max / step) * step, so
/// the data always lie inside the first and last tick.
public struct NiceTicks: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let step: Double
    /// The decimals that show every tick exactly: max(0, -floor(log10(step))).
    public let decimals: Int

    /// - Parameters:
    ///   - minimum, maximum: the data range (equal values are widened by one unit around them).
    ///   - desiredCount: about how many ticks (at least 2).
    public init(minimum: Double, maximum: Double, desiredCount: Int = 5) {
        var low = min(minimum, maximum)
        var high = max(minimum, maximum)
        if !(high > low) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let range = Self.niceNumber(high - low, round: false)
        let step = Self.niceNumber(range / Double(max(desiredCount, 2) - 1), round: true)
        self.step = step
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
        decimals = max(0, -DecimalText.decimalExponent(step))
    }

    /// The tick values from `lower` to `upper`, computed from integer multiples of `step` so
    /// that no rounding error accumulates.
    public var values: [Double] {
        let first = (lower / step).rounded()
        let last = (upper / step).rounded()
        guard last >= first else { return [lower] }
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// Heckbert's nice number near `value`: 1, 2, 5 or 10 times a power of ten, rounded to the
    /// nearest (thresholds 1.5, 3, 7) or the next one up.
    static func niceNumber(_ value: Double, round: Bool) -> Double {
        let exponent = DecimalText.decimalExponent(value)
        let power = DecimalText.powerOfTen(exponent)
        let fraction = value / power
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }
}
