/// A problem in a scenario file, with where it is: the file, the line and column (1-based)
/// and the key path written like `scenarios[3].coach.months`.
public struct ScenarioFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// The file could not be read.
        case unreadable(reason: String)
        /// YAML or JSON that does not parse.
        case syntax(problem: String)
        /// A key the schema does not have, with the nearest known key when there is one.
        case unknownKey(suggestion: String?, known: [String])
        /// A required key is absent.
        case missingKey
        /// The same key twice in one mapping.
        case duplicateKey
        /// A value of the wrong kind ("a number", "true or false", ...).
        case wrongType(expected: String, found: String)
        /// A value outside its allowed range.
        case outOfRange(value: String, requirement: String)
        /// Any other inconsistency (shares not summing to 1, a repeated scenario id...).
        case invalid(reason: String)
    }

    public let file: String
    /// 1-based line and column; nil when the problem has no single place (an empty file).
    public let line: Int?
    public let column: Int?
    /// The key path, e.g. `scenarios[3].coach.months` (empty for the whole file).
    public let path: String
    public let problem: Problem

    public init(file: String, line: Int?, column: Int?, path: String, problem: Problem) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.problem = problem
    }

    public var description: String {
        var place = file
        if let line {
            place += ", line \(line)"
            if let column { place += ", column \(column)" }
        }
        let subject = path.isEmpty ? "" : "\(path): "
        switch problem {
        case .unreadable(let reason):
            return "\(place): cannot read the scenario file: \(reason)."
        case .syntax(let problem):
            return "\(place): not valid YAML or JSON: \(problem)."
        case .unknownKey(let suggestion, let known):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            let list = known.isEmpty ? "" : " Known keys here: \(known.joined(separator: ", "))."
            return "\(place): \(subject)unknown key.\(hint)\(list)"
        case .missingKey:
            return "\(place): \(subject)missing; the base parameters must give every key (see datasets/scenarios.yaml)."
        case .duplicateKey:
            return "\(place): \(subject)appears twice in the same mapping; keep one."
        case .wrongType(let expected, let found):
            return "\(place): \(subject)expected \(expected), found \(found)."
        case .outOfRange(let value, let requirement):
            return "\(place): \(subject)\(value) is out of range: \(requirement)."
        case .invalid(let reason):
            return "\(place): \(subject)\(reason)"
        }
    }
}
