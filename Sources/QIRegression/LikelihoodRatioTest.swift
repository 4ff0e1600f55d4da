import QIStatistics

/// The likelihood-ratio test of a reduced generalised linear model against a full one that
/// contains it (nested: the reduced model's columns are a subset of the full model's, fitted
/// to the same rows with the same family, link and offset).
///
/// Statistic: LR = 2 (ℓ_full − ℓ_reduced), with ℓ the full log-likelihood at each maximum
/// likelihood estimate; under the reduced model LR is asymptotically χ² with
/// df = rank_full − rank_reduced (Wilks 1938). For the binomial and Poisson families LR is the
/// difference of the deviances, as R's `anova(reduced, full, test = "Chisq")` reports it; for
/// the gaussian family each model has its own maximum likelihood σ̂² = RSS/n and LR =
/// n log(RSS_reduced / RSS_full) (`lmtest::lrtest`, not `anova`'s F-like scaled deviance); for
/// the negative binomial each model has its own θ̂ (as `anova.negbin`).
///
/// - Note: Wilks (1938), "The large-sample distribution of the likelihood ratio for testing
///   composite hypotheses", Ann Math Stat 9(1), 60–62, doi:10.1214/aoms/1177732360.
public struct LikelihoodRatioTest: Sendable, Equatable {
    /// 2 (ℓ_full − ℓ_reduced), never below 0 (a rounding-level negative value is set to 0).
    public let statistic: Double
    /// The difference of the models' ranks.
    public let degreesOfFreedom: Int
    /// P(χ²_df ≥ statistic).
    public let pValue: Double
    public let fullLogLikelihood: Double
    public let reducedLogLikelihood: Double

    /// Compares two fits.
    ///
    /// - Precondition: the caller has checked that the models are nested and fitted to the
    ///   same rows (`qi fit --compare` does, and refuses otherwise).
    /// - Throws: ``LikelihoodRatioTestError`` when the reduced model has no fewer estimable
    ///   columns than the full one.
    public init(full: GLMFit, reduced: GLMFit) throws(LikelihoodRatioTestError) {
        try self.init(fullLogLikelihood: full.logLikelihood, fullParameters: full.rank,
                      reducedLogLikelihood: reduced.logLikelihood, reducedParameters: reduced.rank)
    }

    /// Compares two mixed models with the same random intercept and the same quadrature; df
    /// is the difference in fixed effects. Valid across the models because both
    /// log-likelihoods are the full ones at the same K (lme4's nAGQ > 1 values drop the same
    /// constant from both, so their difference agrees too). Testing the random intercept
    /// itself (σ = 0, on the boundary) needs a mixture of χ² distributions and is not done.
    ///
    /// - Throws: ``LikelihoodRatioTestError`` when the quadrature differs or the reduced
    ///   model has no fewer fixed effects.
    public init(full: GLMMFit, reduced: GLMMFit) throws(LikelihoodRatioTestError) {
        guard full.quadraturePoints == reduced.quadraturePoints else {
            throw .notNested(reason: "the models use \(full.quadraturePoints) and \(reduced.quadraturePoints) quadrature points")
        }
        try self.init(fullLogLikelihood: full.logLikelihood, fullParameters: full.coefficients.count,
                      reducedLogLikelihood: reduced.logLikelihood,
                      reducedParameters: reduced.coefficients.count)
    }

    /// Compares two linear mixed models with the same random-effect terms fitted by maximum
    /// likelihood; df is the difference in fixed effects, as lme4's `anova` reports it
    /// (REML criteria of models with different fixed effects are not comparable, which is why
    /// `anova` refits REML models by ML, and so does `qi fit --compare`).
    ///
    /// - Throws: ``LikelihoodRatioTestError`` when either fit is REML or the reduced model has
    ///   no fewer fixed effects.
    public init(full: LMMFit, reduced: LMMFit) throws(LikelihoodRatioTestError) {
        guard full.criterion == .maximumLikelihood, reduced.criterion == .maximumLikelihood else {
            throw .notNested(reason: "a model was fitted by REML; a likelihood-ratio test of fixed effects needs maximum likelihood fits")
        }
        try self.init(fullLogLikelihood: full.logLikelihood, fullParameters: full.coefficients.count,
                      reducedLogLikelihood: reduced.logLikelihood,
                      reducedParameters: reduced.coefficients.count)
    }

    private init(fullLogLikelihood: Double, fullParameters: Int, reducedLogLikelihood: Double,
                 reducedParameters: Int) throws(LikelihoodRatioTestError) {
        let degreesOfFreedom = fullParameters - reducedParameters
        guard degreesOfFreedom > 0 else {
            throw .notNested(reason: "the reduced model has \(reducedParameters) estimable coefficients and the full model \(fullParameters); the reduced model needs fewer")
        }
        let statistic = max(2 * (fullLogLikelihood - reducedLogLikelihood), 0)
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = (try? ChiSquareDistribution(degreesOfFreedom: Double(degreesOfFreedom)))
            .map { $0.complementaryCDF(statistic) } ?? .nan
        self.fullLogLikelihood = fullLogLikelihood
        self.reducedLogLikelihood = reducedLogLikelihood
    }
}

/// Why two models cannot be compared by a likelihood-ratio test.
public enum LikelihoodRatioTestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reduced model is not contained in the full model.
    case notNested(reason: String)

    public var description: String {
        switch self {
        case let .notNested(reason):
            return "the models are not nested (\(reason)); --compare takes a reduced formula "
                + "whose terms are a subset of the full formula's, with the same response."
        }
    }
}
