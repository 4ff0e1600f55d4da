import Foundation
import QIStatistics

/// The link g of a generalised linear model, η = g(μ), with its inverse and derivative.
///
/// Inverses and derivatives are bounded as R's `make.link` bounds them, so fits of data near
/// or at separation follow the same path as R's `glm`: the logit derivative is ε (2⁻⁵²) for
/// |η| > 30; the probit clamps η to ±Φ⁻¹(1 − ε) and its derivative below at ε; the
/// complementary log-log keeps μ in [ε, 1 − ε]; the log keeps μ ≥ ε.
///
/// - Note: McCullagh & Nelder (1989), *Generalized Linear Models*, 2nd ed., §2.2.2;
///   R Core Team, `stats::make.link` (R 4.2.2).
public enum LinkFunction: String, Sendable, CaseIterable {
    case identity, log, logit, probit, cloglog

    static let epsilon = Double.ulpOfOne
    /// |η| beyond which R's logit takes the derivative to be ε: −log ε rounded down, 30.
    static let logitThreshold = 30.0
    /// Φ⁻¹(1 − ε), R's `-qnorm(.Machine$double.eps)`.
    static let probitThreshold = -(try! NormalDistribution.standard.quantile(Double.ulpOfOne))

    /// η = g(μ).
    public func linearPredictor(_ mean: Double) -> Double {
        switch self {
        case .identity: mean
        case .log: Foundation.log(mean)
        case .logit: Foundation.log(mean / (1 - mean))
        case .probit: (try? NormalDistribution.standard.quantile(mean)) ?? .nan
        case .cloglog: Foundation.log(-Foundation.log1p(-mean))
        }
    }

    /// μ = g⁻¹(η).
    public func mean(_ eta: Double) -> Double {
        switch self {
        case .identity:
            return eta
        case .log:
            return max(Foundation.exp(eta), Self.epsilon)
        case .logit:
            let bounded = min(max(eta, -Self.logitThreshold), Self.logitThreshold)
            return 1 / (1 + Foundation.exp(-bounded))
        case .probit:
            let bounded = min(max(eta, -Self.probitThreshold), Self.probitThreshold)
            return NormalDistribution.standard.cdf(bounded)
        case .cloglog:
            return max(min(-Foundation.expm1(-Foundation.exp(eta)), 1 - Self.epsilon), Self.epsilon)
        }
    }

    /// dμ/dη at η.
    public func meanDerivative(_ eta: Double) -> Double {
        switch self {
        case .identity:
            return 1
        case .log:
            return max(Foundation.exp(eta), Self.epsilon)
        case .logit:
            guard abs(eta) <= Self.logitThreshold else { return Self.epsilon }
            let e = Foundation.exp(eta)
            return e / ((1 + e) * (1 + e))
        case .probit:
            return max(NormalDistribution.standard.density(eta), Self.epsilon)
        case .cloglog:
            let bounded = min(eta, 700)
            return max(Foundation.exp(bounded) * Foundation.exp(-Foundation.exp(bounded)),
                       Self.epsilon)
        }
    }

    /// The canonical link of each family makes IRLS Newton's method (observed and expected
    /// information agree).
    public func isCanonical(for family: GLMFamily) -> Bool {
        switch (family, self) {
        case (.gaussian, .identity), (.binomial, .logit), (.poisson, .log): true
        default: false
        }
    }
}
