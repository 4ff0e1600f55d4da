/// Why a funnel plot cannot be computed from the data given, with the evidence.
///
/// Units are numbered from 1 in input order, as they appear in the file.
public enum FunnelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which of a unit's two numbers is at fault.
    public enum Quantity: String, Sendable {
        case numerator = "y"
        case denominator = "n"
    }

    case negativeValue(unit: Int, quantity: Quantity, value: Double)
    /// A proportion's numerator above its denominator.
    case valueExceedsDenominator(unit: Int, value: Double, denominator: Double)
    /// Binomial counts (p funnels) must be whole numbers.
    case notWholeNumber(unit: Int, quantity: Quantity, value: Double)
    /// The same unit name on more than one row; `units` lists every position.
    case duplicateUnit(name: String, units: [Int])
    case tooFewUnits(required: Int, found: Int)
    /// A denominator for which limits do not exist (not positive, or not whole for p).
    case invalidDenominator(Double, chart: FunnelChartType)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .negativeValue(let unit, let quantity, let value):
            return "unit \(unit): \(quantity.rawValue) is \(format(value)); counts and denominators must be 0 or more."
        case .valueExceedsDenominator(let unit, let value, let denominator):
            return "unit \(unit): the numerator \(format(value)) exceeds the denominator \(format(denominator)); a proportion cannot exceed 1. Check that --y and --n are the right columns, or use --chart u for rates."
        case .notWholeNumber(let unit, let quantity, let value):
            return "unit \(unit): \(quantity.rawValue) is \(format(value)), but a p funnel counts events out of trials, both whole numbers. Use --chart u for rates per unit of exposure."
        case .duplicateUnit(let name, let units):
            return "unit '\(name)' appears \(units.count) times (units \(units.map(String.init).joined(separator: ", "))); a funnel plot compares each unit once. Sum its rows first, or rename them."
        case .tooFewUnits(let required, let found):
            return "a funnel plot compares units with each other: it needs at least \(required) units with a denominator above 0, found \(found)."
        case .invalidDenominator(let denominator, let chart):
            let rule = chart == .proportion ? "a whole number of 1 or more" : "above 0"
            return "no \(chart.rawValue) funnel limits for the denominator \(format(denominator)): it must be \(rule)."
        case .invalidOption(let message):
            return message
        }
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
