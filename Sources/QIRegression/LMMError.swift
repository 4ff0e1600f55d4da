import QILinearAlgebra

/// Why a linear mixed model cannot be fitted, with the evidence and what to change.
public enum LMMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The formula has no random-effect term: fit a linear model instead.
    case noRandomEffects
    /// Prior weights are not supported for linear mixed models in this version.
    case priorWeights
    /// The response is `cbind(...)`, which only binomial models take.
    case countsResponse
    /// Fixed-effect columns are linear combinations of earlier ones.
    case aliasedColumns(names: [String])
    /// A term has as many random effects as rows, so the residual variance is not identified
    /// (lme4's "number of levels of each grouping factor must be < number of observations").
    case tooManyRandomEffects(group: String, effects: Int, rows: Int)
    /// No more rows than fixed effects.
    case tooFewRows(rows: Int, fixedEffects: Int)
    /// A factorisation failed at some θ.
    case linearAlgebra(LinearAlgebraError)
    /// The optimisation over θ stopped without meeting its criterion.
    case didNotConverge(iterations: Int, lastChange: Double, criterion: Double, gradient: [Double])

    public var description: String {
        switch self {
        case .noRandomEffects:
            return "the model has no random-effect term such as (1 | group)."
        case .priorWeights:
            return "prior weights (--weights) are not available for linear mixed models in this version; remove --weights."
        case .countsResponse:
            return "a cbind(successes, failures) response needs --family binomial."
        case let .aliasedColumns(names):
            return "the fixed effects \(names.joined(separator: ", ")) are linear combinations of earlier terms; remove them."
        case let .tooManyRandomEffects(group, effects, rows):
            return "the random-effect term for \(group) has \(effects) random effects for \(rows) rows: it needs fewer effects than rows, or the residual variance cannot be estimated; use fewer groups or slopes."
        case let .tooFewRows(rows, fixedEffects):
            return "\(rows) rows for \(fixedEffects) fixed effects: a linear mixed model needs more rows than fixed effects."
        case let .linearAlgebra(error):
            return "the penalised least squares step failed: \(error.description)"
        case let .didNotConverge(iterations, lastChange, criterion, gradient):
            return "the linear mixed model did not converge in \(iterations) iterations (last relative change in theta \(lastChange), criterion \(criterion), gradient in theta \(gradient.map { "\($0)" }.joined(separator: ", ")))."
        }
    }
}
