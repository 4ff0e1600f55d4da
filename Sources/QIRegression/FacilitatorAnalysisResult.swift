#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What ``FacilitatorAnalysis/fit(_:options:)`` found: one ``OutcomeAnalysis`` per outcome,
/// and the analysis-wide warnings.
public struct FacilitatorAnalysisResult: Sendable {
    public let practiceColumn: String
    /// The distinct practices in the data.
    public let practiceCount: Int
    public let factors: [String]
    public let exposureColumn: String?
    public let level: Double
    public let outcomes: [OutcomeAnalysis]
    /// Warnings about the whole analysis; each outcome has its own too.
    public let warnings: [String]

    /// Every warning: the analysis-wide ones, then each outcome's.
    public var allWarnings: [String] { warnings + outcomes.flatMap(\.warnings) }
}

/// One outcome's models: the primary one first, then the sensitivity analyses.
public struct OutcomeAnalysis: Sendable {
    public let outcome: String
    public let kind: OutcomeKind
    /// The model's formula in R syntax.
    public let formula: String
    /// The separation check of a binary outcome; `nil` for a count.
    public let separation: Separation?
    /// The rows used and dropped (a missing outcome, factor or exposure).
    public let rowCount: Int
    public let rowsDropped: Int
    /// The practices among the rows used.
    public let practiceCount: Int
    /// The primary model first.
    public let models: [FacilitatorModel]
    public let warnings: [String]
    /// The median number of rows per practice, which sets the quadrature rule.
    public let medianPracticeSize: Double
    /// Why the primary model has no random intercept per practice; nil when it has one.
    public let randomInterceptOmission: String?

    public var primary: FacilitatorModel { models[0] }
    /// The primary model's random intercept, nil when it has none.
    public var randomIntercept: GLMMFit? { primary.mixedFit }
    public var family: GLMFamily { kind == .binary ? .binomial : .poisson }
    /// What exp(estimate) is: an odds ratio (logistic) or a rate ratio (Poisson).
    public var ratioName: String { kind == .binary ? "odds_ratio" : "rate_ratio" }
}

/// The estimation behind one model of the facilitator analysis: a GLM (maximum likelihood or
/// Firth) or a GLMM with a random intercept per practice.
public enum FacilitatorEstimate: Sendable {
    case generalizedLinear(GLMFit)
    case mixed(GLMMFit)

    public var method: FitMethod {
        switch self {
        case let .generalizedLinear(fit): return fit.method
        case .mixed: return .maximumLikelihood
        }
    }

    public var link: LinkFunction {
        switch self {
        case let .generalizedLinear(fit): return fit.link
        case let .mixed(fit): return fit.link
        }
    }

    /// False for maximum likelihood on separated data (estimates run to infinity).
    public var converged: Bool {
        switch self {
        case let .generalizedLinear(fit):
            return !(fit.separation?.isSeparated ?? false) || fit.method == .firth
        case let .mixed(fit): return fit.converged
        }
    }

    public var iterations: Int {
        switch self {
        case let .generalizedLinear(fit): return fit.iterations
        case let .mixed(fit): return fit.iterations
        }
    }

    /// The full log-likelihood (for a GLMM the approximate marginal one, every constant in).
    public var logLikelihood: Double {
        switch self {
        case let .generalizedLinear(fit): return fit.logLikelihood
        case let .mixed(fit): return fit.logLikelihood
        }
    }

    public var penalizedLogLikelihood: Double? {
        guard case let .generalizedLinear(fit) = self else { return nil }
        return fit.penalizedLogLikelihood
    }

    /// −2 log L for a GLMM (it has no saturated model of its own), the GLM deviance otherwise.
    public var deviance: Double {
        switch self {
        case let .generalizedLinear(fit): return fit.deviance
        case let .mixed(fit): return fit.deviance
        }
    }

    public var aic: Double {
        switch self {
        case let .generalizedLinear(fit): return fit.aic
        case let .mixed(fit): return fit.aic
        }
    }

    /// The GLM fit, nil for a GLMM.
    public var generalizedLinearFit: GLMFit? {
        guard case let .generalizedLinear(fit) = self else { return nil }
        return fit
    }

    /// The GLMM fit, nil for a GLM.
    public var mixedFit: GLMMFit? {
        guard case let .mixed(fit) = self else { return nil }
        return fit
    }
}

/// One fitted model of an outcome with the inference it reports.
public struct FacilitatorModel: Sendable {
    /// Whether the model is the analysis's answer or a check on how it depends on method.
    public enum Role: String, Sendable {
        case primary
        case sensitivity
    }

    public let estimate: FacilitatorEstimate
    public let role: Role
    /// The cluster-robust covariance behind the errors, when they are cluster-robust.
    public let robustCovariance: ClusterRobustCovariance?
    /// The profile penalised-likelihood inference of a Firth model.
    public let firthInference: FirthInference?
    public let coefficients: [FacilitatorCoefficient]

    public var method: FitMethod { estimate.method }
    /// The random-intercept mixed model, when this model is one.
    public var mixedFit: GLMMFit? { estimate.mixedFit }

    /// How the standard errors were computed, as `qi fit` names it.
    public var standardErrorsName: String {
        if mixedFit != nil { return "observed_hessian_richardson" }
        return robustCovariance.map { "cluster_robust_\($0.type.rawValue)" } ?? "fisher_at_estimate"
    }

    /// How the intervals and p-values were computed.
    public var intervalMethod: String {
        if robustCovariance != nil { return "wald_t_satterthwaite" }
        return firthInference == nil ? "wald" : "profile_penalized_likelihood"
    }

    /// A short name for people: "GLMM (AGQ 9)", "GLMM (Laplace)", "ML + CR2", "ML", "Firth".
    public var label: String {
        if let mixedFit { return Self.mixedLabel(quadraturePoints: mixedFit.quadraturePoints) }
        if let robustCovariance { return "ML + \(robustCovariance.type.rawValue)" }
        return method == .firth ? "Firth" : "ML"
    }

    static func mixedLabel(quadraturePoints: Int) -> String {
        quadraturePoints == 1 ? "GLMM (Laplace)" : "GLMM (AGQ \(quadraturePoints))"
    }

    /// A one-line description for people.
    public var description: String {
        if let mixedFit {
            let approximation = mixedFit.quadraturePoints == 1
                ? "the Laplace approximation"
                : "adaptive Gauss-Hermite quadrature, \(mixedFit.quadraturePoints) nodes"
            return "mixed model, random intercept per \(mixedFit.groupLabel) "
                + "(\(mixedFit.groupCount) groups), maximum likelihood by \(approximation); "
                + "practice-specific (conditional) effects, errors from the observed Hessian, Wald z"
        }
        if let robustCovariance {
            return "maximum likelihood, \(robustCovariance.type.rawValue) cluster-robust errors "
                + "(\(robustCovariance.clusterCount) clusters), t on Satterthwaite df; "
                + "population-averaged effects"
        }
        if firthInference != nil {
            return "Firth's penalised likelihood, profile penalised-likelihood intervals and tests"
        }
        return "maximum likelihood, model-based errors (Fisher information), Wald z"
    }

    /// The same model in the primary role.
    var asPrimary: FacilitatorModel {
        FacilitatorModel(estimate: estimate, role: .primary, robustCovariance: robustCovariance,
                         firthInference: firthInference, coefficients: coefficients)
    }

    /// The same model in the sensitivity role.
    var asSensitivity: FacilitatorModel {
        FacilitatorModel(estimate: estimate, role: .sensitivity, robustCovariance: robustCovariance,
                         firthInference: firthInference, coefficients: coefficients)
    }

    init(estimate: FacilitatorEstimate, role: Role, robustCovariance: ClusterRobustCovariance?,
         firthInference: FirthInference?, coefficients: [FacilitatorCoefficient]) {
        self.estimate = estimate
        self.role = role
        self.robustCovariance = robustCovariance
        self.firthInference = firthInference
        self.coefficients = coefficients
    }

    /// A random-intercept GLMM with Wald z inference from its observed-Hessian errors.
    init(mixed fit: GLMMFit, role: Role, level: Double) {
        let intervals = fit.waldIntervals(level: level)
        let statistics = fit.statistics, pValues = fit.pValues
        let coefficients = fit.names.indices.map { j in
            FacilitatorCoefficient(
                term: fit.names[j], estimate: fit.coefficients[j],
                standardError: fit.standardErrors[j], statistic: statistics[j],
                pValue: pValues[j], interval: intervals[j], degreesOfFreedom: nil, diverges: nil)
        }
        self.init(estimate: .mixed(fit), role: role, robustCovariance: nil, firthInference: nil,
                  coefficients: coefficients)
    }

    /// Inference from, in order of precedence, the cluster-robust covariance, Firth's profile
    /// penalised likelihood, or the model-based Wald intervals of the fit.
    init(fit: GLMFit, role: Role, robust: ClusterRobustCovariance? = nil,
         firthInference: FirthInference? = nil, level: Double) {
        let errors: [Double?]
        let statistics: [Double?]
        let pValues: [Double?]
        let intervals: [(lower: Double, upper: Double)?]
        if let robust {
            (errors, statistics, pValues) = (robust.standardErrors, robust.statistics, robust.pValues)
            intervals = robust.intervals(level: level)
        } else if let firthInference {
            (errors, statistics, pValues) = (fit.standardErrors, firthInference.statistics,
                                             firthInference.pValues)
            intervals = firthInference.intervals
        } else {
            (errors, statistics, pValues) = (fit.standardErrors, fit.statistics, fit.pValues)
            intervals = fit.waldIntervals(level: level)
        }
        let diverging = fit.method == .maximumLikelihood ? fit.separation?.divergingTerms ?? [] : []
        let coefficients = fit.names.indices.map { j in
            FacilitatorCoefficient(
                term: fit.names[j], estimate: fit.coefficients[j], standardError: errors[j],
                statistic: statistics[j], pValue: pValues[j],
                interval: intervals[j], degreesOfFreedom: robust?.degreesOfFreedom[j],
                diverges: diverging.first { $0.column == j }?.direction)
        }
        self.init(estimate: .generalizedLinear(fit), role: role, robustCovariance: robust,
                  firthInference: firthInference, coefficients: coefficients)
    }
}

/// One row of the odds-ratio (or rate-ratio) table: a coefficient with its interval.
public struct FacilitatorCoefficient: Sendable {
    public let term: String
    /// The log odds ratio (log rate ratio); `nil` when it diverges or is aliased.
    public let estimate: Double?
    public let standardError: Double?
    /// The test statistic: t (cluster-robust), z (model-based) or the penalised
    /// likelihood-ratio chi-square (Firth).
    public let statistic: Double?
    public let pValue: Double?
    /// The interval for ``estimate``.
    public let interval: (lower: Double, upper: Double)?
    /// Satterthwaite degrees of freedom of a cluster-robust test.
    public let degreesOfFreedom: Double?
    /// The direction in which a maximum likelihood estimate runs off on separated data.
    public let diverges: Separation.Direction?

    /// exp(estimate): the odds ratio or rate ratio.
    public var ratio: Double? { estimate.map { exp($0) } }
    /// The interval on the ratio scale.
    public var ratioInterval: (lower: Double, upper: Double)? {
        interval.map { (exp($0.lower), exp($0.upper)) }
    }
}
