import QIData

/// Why a command failed, and the exit code that says so (see INTERFACE.md).
public enum CommandFailure: Error, CustomStringConvertible {
    /// Bad input data: exit 1.
    case badInput(String)
    /// Bad usage (an option out of range or not applicable): exit 2.
    case badUsage(String)
    /// A computation that could not be completed, with the evidence: exit 3.
    case computationFailed(String)

    public var exitCode: Int32 {
        switch self {
        case .badInput: return 1
        case .badUsage: return 2
        case .computationFailed: return 3
        }
    }

    public var description: String {
        switch self {
        case .badInput(let message), .badUsage(let message), .computationFailed(let message):
            return message
        }
    }

    /// Maps any error a command can throw to a failure with its exit code.
    static func from(_ error: any Error) -> CommandFailure? {
        switch error {
        case let failure as CommandFailure: return failure
        case let input as DataInputError: return .badInput(input.description)
        default: return nil
        }
    }
}
