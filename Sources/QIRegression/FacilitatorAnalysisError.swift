/// Why the facilitator analysis could not be completed, naming the outcome and the evidence.
/// Rows are 1-based data rows.
public enum FacilitatorAnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An outcome that is neither 0/1 nor a non-negative whole number.
    case outcomeNotBinaryOrCount(outcome: String, row: Int, value: Double)
    /// An outcome column holding text.
    case outcomeNotNumeric(outcome: String)
    /// A row a model uses has no practice.
    case missingPractice(outcome: String, row: Int, column: String)
    /// A column name the formula syntax cannot carry.
    case unusableColumnName(outcome: String, formula: String, message: String)
    /// The data do not suit the model (an unknown column, no complete rows, log of 0).
    case data(outcome: String?, ModelDataError)
    /// The model could not be fitted (a constant outcome, too few practices, no convergence).
    case model(outcome: String, GLMError)
    /// The mixed model (random intercept per practice) could not be fitted.
    case mixedModel(outcome: String, GLMMError)

    public var description: String {
        switch self {
        case let .outcomeNotBinaryOrCount(outcome, row, value):
            return "row \(row): the outcome \(outcome) is \(RNumberText.text(value)); an outcome "
                + "is 0/1 (a logistic model) or a count, a whole number 0 or more (a Poisson "
                + "model). Fix the value or choose another --outcome."
        case let .outcomeNotNumeric(outcome):
            return "the outcome \(outcome) holds text; an outcome is 0/1 or a count. Recode it "
                + "as numbers."
        case let .missingPractice(outcome, row, column):
            return "row \(row): the \(column) is missing, but the model of \(outcome) uses this "
                + "row; every project needs its practice (the clusters)."
        case let .unusableColumnName(outcome, formula, message):
            return "the model of \(outcome), \(formula), cannot be written as a formula "
                + "(\(message)). Rename the column."
        case let .data(outcome, error):
            return (outcome.map { "the model of \($0): " } ?? "") + error.description
        case let .model(outcome, error):
            return "the model of \(outcome): \(error.description)"
        case let .mixedModel(outcome, error):
            return "the mixed model of \(outcome) (random intercept per practice): \(error.description)"
        }
    }

    /// Whether the failure is in the computation (non-convergence) rather than the data.
    public var isComputational: Bool {
        if case let .mixedModel(_, error) = self {
            switch error {
            case .didNotConverge: return true
            case let .fixedEffects(inner): return Self.model(outcome: "", inner).isComputational
            default: return false
            }
        }
        guard case let .model(_, error) = self else { return false }
        switch error {
        case .didNotConverge, .noValidStep, .thetaUnbounded, .linearAlgebra: return true
        default: return false
        }
    }
}
