/// Why a generalised linear mixed model cannot be fitted, with the evidence and what to change.
public enum GLMMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model's fixed-effects part is not a valid GLM (support, link, rows).
    case fixedEffects(GLMError)
    /// The random-effects structure is not one this version fits.
    case unsupportedRandomEffects(String)
    /// The family or link is not one this version fits.
    case unsupportedFamily(family: String, link: String)
    /// Fixed-effect columns are linear combinations of others.
    case aliasedColumns(names: [String])
    /// The outer optimisation stopped without meeting its criterion.
    case didNotConverge(iterations: Int, lastChange: Double, logLikelihood: Double)
    /// The number of quadrature points is not usable.
    case invalidQuadraturePoints(Int)

    public var description: String {
        switch self {
        case let .fixedEffects(error):
            return error.description
        case let .unsupportedRandomEffects(what):
            return "\(what) is not yet available; this version fits random intercepts and slopes, crossed or nested, by the Laplace approximation, and one random intercept (1 | group) by adaptive quadrature (--nagq K)."
        case let .unsupportedFamily(family, link):
            return "mixed models are available for binomial (logit) and poisson (log); the model is \(family) (\(link))."
        case let .aliasedColumns(names):
            return "the fixed effects \(names.joined(separator: ", ")) are linear combinations of earlier terms; remove them."
        case let .didNotConverge(iterations, lastChange, logLikelihood):
            return "the mixed model did not converge in \(iterations) iterations (last relative change \(lastChange), log-likelihood \(logLikelihood))."
        case let .invalidQuadraturePoints(count):
            return "--nagq must be between 1 and 50 (got \(count))."
        }
    }
}
