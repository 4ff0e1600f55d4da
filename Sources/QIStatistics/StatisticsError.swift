/// An error thrown by QIStatistics when an input cannot give a defined result.
///
/// Every case carries the offending value, so that the message can say what to change.
/// Data problems (a probability from a file, a subgroup of one) throw; the functions never
/// return `NaN` in their place.
public enum StatisticsError: Error, Equatable, Sendable {
    /// A probability argument lay outside the closed interval [0, 1] or was not a number.
    case probabilityOutOfRange(Double)
    /// A distribution parameter was outside its domain (for example a negative standard
    /// deviation or a non-finite mean). `name` is the initialiser's argument label.
    case invalidParameter(name: String, value: Double)
    /// A count parameter (trials, subgroup size) was below the smallest value that defines
    /// the quantity.
    case countTooSmall(name: String, required: Int, found: Int)
    /// A present data value was `NaN` or infinite; `index` is its position in the input.
    case nonFiniteValue(index: Int, value: Double)
}

extension StatisticsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .probabilityOutOfRange(let probability):
            return "probability \(probability) is outside [0, 1]; pass a value between 0 and 1"
        case .invalidParameter(let name, let value):
            return "parameter '\(name)' = \(value) is outside its domain; "
                + "check the documentation of '\(name)' for the allowed range"
        case .countTooSmall(let name, let required, let found):
            return "'\(name)' is \(found) but must be at least \(required)"
        case .nonFiniteValue(let index, let value):
            return "value \(value) at index \(index) is not a finite number; "
                + "remove it or mark it as missing (nil)"
        }
    }
}
