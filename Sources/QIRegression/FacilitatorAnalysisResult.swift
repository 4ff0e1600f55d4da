#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What ``FacilitatorAnalysis/fit(_:options:)`` found: one ``OutcomeAnalysis`` per outcome,
/// and the analysis-wide warnings (the random intercept that was not fitted).
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

    public var primary: FacilitatorModel { models[0] }
    public var family: GLMFamily { primary.fit.family }
    /// What exp(estimate) is: an odds ratio (logistic) or a rate ratio (Poisson).
    public var ratioName: String { kind == .binary ? "odds_ratio" : "rate_ratio" }
}

/// One fitted model of an outcome with the inference it reports.
public struct FacilitatorModel: Sendable {
    /// Whether the model is the analysis's answer or a check on how it depends on method.
    public enum Role: String, Sendable {
        case primary
        case sensitivity
    }

    public let fit: GLMFit
    public let role: Role
    /// The cluster-robust covariance behind the errors, when they are cluster-robust.
    public let robustCovariance: ClusterRobustCovariance?
    /// The profile penalised-likelihood inference of a Firth model.
    public let firthInference: FirthInference?
    public let coefficients: [FacilitatorCoefficient]

    public var method: FitMethod { fit.method }

    /// How the standard errors were computed, as `qi fit` names it.
    public var standardErrorsName: String {
        robustCovariance.map { "cluster_robust_\($0.type.rawValue)" } ?? "fisher_at_estimate"
    }

    /// How the intervals and p-values were computed.
    public var intervalMethod: String {
        if robustCovariance != nil { return "wald_t_satterthwaite" }
        return firthInference == nil ? "wald" : "profile_penalized_likelihood"
    }

    /// A short name for people: "ML + CR2", "ML", "Firth".
    public var label: String {
        if let robustCovariance { return "ML + \(robustCovariance.type.rawValue)" }
        return method == .firth ? "Firth" : "ML"
    }

    /// A one-line description for people.
    public var description: String {
        if let robustCovariance {
            return "maximum likelihood, \(robustCovariance.type.rawValue) cluster-robust errors "
                + "(\(robustCovariance.clusterCount) clusters), t on Satterthwaite df"
        }
        if firthInference != nil {
            return "Firth's penalised likelihood, profile penalised-likelihood intervals and tests"
        }
        return "maximum likelihood, model-based errors (Fisher information), Wald z"
    }

    /// The same model in the sensitivity role.
    var asSensitivity: FacilitatorModel {
        FacilitatorModel(fit: fit, role: .sensitivity, robustCovariance: robustCovariance,
                         firthInference: firthInference, coefficients: coefficients)
    }

    init(fit: GLMFit, role: Role, robustCovariance: ClusterRobustCovariance?,
         firthInference: FirthInference?, coefficients: [FacilitatorCoefficient]) {
        self.fit = fit
        self.role = role
        self.robustCovariance = robustCovariance
        self.firthInference = firthInference
        self.coefficients = coefficients
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
        self.init(fit: fit, role: role, robustCovariance: robust, firthInference: firthInference,
                  coefficients: coefficients)
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
