/// Why a formula cannot be applied to the data, with the evidence: the variable, the 1-based
/// data row where there is one, and what to change.
public enum ModelDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The formula names a column the data lack.
    case unknownColumn(name: String, available: [String])
    /// A text column used in arithmetic (`log(practice)`) or as a numeric response.
    case notNumeric(variable: String, column: String)
    /// A transformation produced NaN or infinity, such as `log(0)`.
    case nonFiniteValue(variable: String, row: Int, value: Double)
    /// A weight that is negative.
    case negativeWeight(row: Int, value: Double)
    /// No row has every variable the model needs.
    case noCompleteRows(rows: Int)

    public var description: String {
        switch self {
        case let .unknownColumn(name, available):
            return "no column named '\(name)'. The data have: "
                + available.map { "'\($0)'" }.joined(separator: ", ") + "."
        case let .notNumeric(variable, column):
            return "\(variable) needs numbers but column '\(column)' holds text. Use it as a "
                + "factor term, or fix the values that are not numbers."
        case let .nonFiniteValue(variable, row, value):
            return "row \(row): \(variable) is \(RNumberText.text(value)), not a finite number. "
                + "Check the values it is computed from (log needs positive values)."
        case let .negativeWeight(row, value):
            return "row \(row): the weight \(RNumberText.text(value)) is negative. Weights must be "
                + "0 or more."
        case let .noCompleteRows(rows):
            return "none of the \(rows) rows has a value for every variable in the model. "
                + "Fill in the missing values or drop variables."
        }
    }
}
