/// Why a chart cannot be computed from the data given, with the evidence.
public enum SPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Subgroup numbers are 1-based; `subgroup` is the offending one.
    case valueExceedsDenominator(subgroup: Int, value: Double, denominator: Double)
    case negativeValue(subgroup: Int, value: Double)
    case negativeDenominator(subgroup: Int, value: Double)
    case nonPositiveValue(subgroup: Int, value: Double, chart: ChartType)
    case tooFewPoints(required: Int, found: Int, chart: ChartType)
    case indexOutOfRange(option: String, index: Int, count: Int)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .valueExceedsDenominator(let subgroup, let value, let denominator):
            return "subgroup \(subgroup): the numerator \(format(value)) exceeds the denominator \(format(denominator)); a proportion cannot exceed 1. Check that --y and --n are the right columns."
        case .negativeValue(let subgroup, let value), .negativeDenominator(let subgroup, let value):
            return "subgroup \(subgroup): \(format(value)) is negative; counts and denominators must be 0 or more."
        case .nonPositiveValue(let subgroup, let value, let chart):
            return "subgroup \(subgroup): the \(chart.rawValue) chart needs values above 0, found \(format(value))."
        case .tooFewPoints(let required, let found, let chart):
            return "the \(chart.rawValue) chart needs at least \(required) usable points to compute its centre line and limits, found \(found)."
        case .indexOutOfRange(let option, let index, let count):
            return "\(option) names subgroup \(index), but the series has \(count) subgroups."
        case .invalidOption(let message):
            return message
        }
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
