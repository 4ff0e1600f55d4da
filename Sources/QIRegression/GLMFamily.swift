#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The error distribution of a generalised linear model: its variance function, unit
/// deviance, starting values and log-likelihood, as R's `family` objects define them.
///
/// For the binomial family the response is the proportion y = s/m of successes out of m
/// trials, with prior weight m (R's convention for `cbind(s, f)`: y = s/(s + f), weight
/// s + f). For a 0/1 or proportion response the prior weights, when given, are the trials.
///
/// - Note: McCullagh & Nelder (1989), *Generalized Linear Models*, 2nd ed., ch. 2 and table
///   2.1; negative binomial NB2 as in Venables & Ripley (2002), *Modern Applied Statistics
///   with S*, 4th ed., §7.4 (MASS `negative.binomial`).
public enum GLMFamily: Sendable, Equatable {
    case gaussian
    case binomial
    case poisson
    /// Negative binomial NB2 with variance μ + μ²/θ: θ fixed when given, estimated by maximum
    /// likelihood when nil (MASS `glm.nb`).
    case negativeBinomial(theta: Double?)

    /// The family's name as `qi fit` prints it.
    public var name: String {
        switch self {
        case .gaussian: "gaussian"
        case .binomial: "binomial"
        case .poisson: "poisson"
        case .negativeBinomial: "negative-binomial"
        }
    }

    /// The canonical link, `qi fit`'s default (log for the negative binomial, as MASS).
    public var defaultLink: LinkFunction {
        switch self {
        case .gaussian: .identity
        case .binomial: .logit
        case .poisson, .negativeBinomial: .log
        }
    }

    /// The links a family accepts.
    public var links: [LinkFunction] {
        switch self {
        case .gaussian: [.identity, .log]
        case .binomial: [.logit, .probit, .cloglog]
        case .poisson, .negativeBinomial: [.log, .identity]
        }
    }

    /// Whether the dispersion φ is estimated (gaussian) rather than fixed at 1.
    public var estimatesDispersion: Bool { self == .gaussian }

    /// V(μ).
    func variance(_ mean: Double) -> Double {
        switch self {
        case .gaussian: 1
        case .binomial: mean * (1 - mean)
        case .poisson: mean
        case let .negativeBinomial(theta): mean + mean * mean / theta!
        }
    }

    /// Whether μ lies in the family's parameter space.
    func isValidMean(_ mean: Double) -> Bool {
        switch self {
        case .gaussian: mean.isFinite
        case .binomial: mean > 0 && mean < 1
        case .poisson, .negativeBinomial: mean > 0 && mean.isFinite
        }
    }

    /// The unit deviance d(y, μ) times the prior weight w; the deviance is their sum.
    func deviance(_ y: Double, _ mean: Double, weight: Double) -> Double {
        switch self {
        case .gaussian:
            return weight * (y - mean) * (y - mean)
        case .binomial:
            return 2 * weight * (Self.yLogYOverMu(y, mean) + Self.yLogYOverMu(1 - y, 1 - mean))
        case .poisson:
            return 2 * weight * (Self.yLogYOverMu(y, mean) - (y - mean))
        case let .negativeBinomial(theta?):
            // MASS: 2 w (y log(max(1, y)/μ) − (y + θ) log((y + θ)/(μ + θ)))
            return 2 * weight * (y * Glibc.log(max(1, y) / mean)
                                 - (y + theta) * Glibc.log((y + theta) / (mean + theta)))
        case .negativeBinomial(nil):
            preconditionFailure("the negative binomial deviance needs a value of theta")
        }
    }

    /// y log(y/μ), taken as 0 at y = 0 (R's `y_log_y`).
    static func yLogYOverMu(_ y: Double, _ mean: Double) -> Double {
        y > 0 ? y * Glibc.log(y / mean) : 0
    }

    /// R's starting means (`family$initialize`).
    func startingMean(_ y: Double, weight: Double) -> Double {
        switch self {
        case .gaussian: y
        case .binomial: (weight * y + 0.5) / (weight + 1)
        case .poisson: y + 0.1
        case .negativeBinomial: y + (y == 0 ? 1.0 / 6 : 0)
        }
    }

    /// The log-likelihood with every constant, as R's `logLik` reports it.
    ///
    /// Gaussian: −(n/2)(log(2π·D/n) + 1) + ½ Σ log wᵢ (D the deviance, the dispersion at its
    /// maximum-likelihood value D/n). Binomial: Σ (wᵢ/mᵢ) log C(mᵢ, mᵢyᵢ) μᵢ^(mᵢyᵢ)
    /// (1 − μᵢ)^(mᵢ(1−yᵢ)), with mᵢ the trials, or the weights for a 0/1 response. Poisson:
    /// Σ wᵢ (yᵢ log μᵢ − μᵢ − log yᵢ!). Negative binomial: Σ wᵢ (log Γ(θ + yᵢ) − log Γ(θ) −
    /// log yᵢ! + θ log θ + yᵢ log μᵢ − (θ + yᵢ) log(θ + μᵢ)).
    /// Rows with zero weight contribute nothing.
    func logLikelihood(y: [Double], mean: [Double], weights: [Double], trials: [Double]?,
                       deviance: Double) -> Double {
        let used = weights.indices.filter { weights[$0] > 0 }
        switch self {
        case .gaussian:
            let n = Double(used.count)
            let logWeights = used.reduce(0.0) { $0 + Glibc.log(weights[$1]) }
            return -0.5 * n * (Glibc.log(2 * Double.pi * deviance / n) + 1) + 0.5 * logWeights
        case .binomial:
            let trialCounts = trials ?? weights
            return used.reduce(0.0) { total, i in
                let m = trialCounts[i]
                guard m > 0 else { return total }
                let successes = (m * y[i]).rounded()
                let size = m.rounded()
                return total + weights[i] / m * Self.logBinomialProbability(
                    successes: successes, trials: size, probability: mean[i])
            }
        case .poisson:
            return used.reduce(0.0) { total, i in
                let logMean = y[i] > 0 ? y[i] * Glibc.log(mean[i]) : 0
                return total + weights[i] * (logMean - mean[i] - lgamma(y[i] + 1))
            }
        case .negativeBinomial(nil):
            preconditionFailure("the negative binomial likelihood needs a value of theta")
        case let .negativeBinomial(theta?):
            return used.reduce(0.0) { total, i in
                let yi: Double = y[i]
                let gammaPart: Double = lgamma(theta + yi) - lgamma(theta) - lgamma(yi + 1)
                let shiftedMean: Double = mean[i] + (yi == 0 ? 1 : 0)
                let meanPart: Double = theta * Glibc.log(theta) + yi * Glibc.log(shiftedMean)
                let tail: Double = (theta + yi) * Glibc.log(theta + mean[i])
                return total + weights[i] * (gammaPart + meanPart - tail)
            }
        }
    }

    static func logBinomialProbability(successes k: Double, trials n: Double,
                                       probability p: Double) -> Double {
        // One trial (a 0/1 response): the coefficient is exactly 0, lgamma(1) = lgamma(2) = 0.
        let coefficient = n == 1 ? 0 : lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
        let success = k > 0 ? k * Glibc.log(p) : 0
        let failure = n - k > 0 ? (n - k) * Glibc.log1p(-p) : 0
        return coefficient + success + failure
    }
}
