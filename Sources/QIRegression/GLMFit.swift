#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra
import QIStatistics

/// A fitted generalised linear model: an immutable value that formatters render.
///
/// Standard errors come from the Fisher (expected) information at the final estimate,
/// φ (Xᵀ W(β̂) X)⁻¹, with W the working weights recomputed at β̂ (R's `glm` uses the weights
/// of the last iteration, about 1e-9 to 5e-8 away). For a canonical link the expected and
/// observed information agree. The dispersion φ is 1 for binomial, Poisson and negative
/// binomial models, and Pearson's X²/(n − p) for the gaussian family (R's `summary.glm`).
/// For the negative binomial the coefficient errors treat θ as known, as MASS `glm.nb` does.
///
/// The log-likelihood has every constant, as R's `logLik`; AIC = −2ℓ + 2k and
/// BIC = −2ℓ + k log n with k the number of estimated coefficients, plus one for an estimated
/// dispersion (gaussian) or θ (negative binomial), and n the rows with non-zero weight.
public struct GLMFit: Sendable {
    public let family: GLMFamily
    public let link: LinkFunction
    /// The coefficient names, as R prints them.
    public let names: [String]
    /// The estimates; `nil` for aliased (linearly dependent) columns, R's `NA`.
    public let coefficients: [Double?]
    /// The standard errors; `nil` for aliased columns or without residual degrees of freedom.
    public let standardErrors: [Double?]
    /// The covariance of the estimable coefficients, in the order of ``estimableColumns``.
    public let covariance: Matrix
    /// The columns with an estimate, in increasing order.
    public let estimableColumns: [Int]
    /// The names of the aliased columns.
    public var aliasedNames: [String] {
        let diverging = Set(separation?.divergingTerms.map(\.column) ?? [])
        return coefficients.indices.filter { coefficients[$0] == nil && !diverging.contains($0) }
            .map { names[$0] }
    }
    /// The names of the terms whose maximum likelihood estimates run to infinity (separated
    /// binomial data); their coefficients and standard errors are `nil`.
    public var divergingNames: [String] { separation?.divergingTerms.map(\.name) ?? [] }
    public let dispersion: Double
    public let deviance: Double
    public let nullDeviance: Double
    public let logLikelihood: Double
    public let aic: Double
    public let bic: Double
    /// The number of estimated coefficients.
    public let rank: Int
    /// The rows with non-zero weight, R's `nobs`.
    public let observationCount: Int
    /// The rows used, including zero-weight rows.
    public let rowCount: Int
    /// The rows dropped for missing values.
    public let rowsDropped: Int
    public let dfResidual: Int
    public let dfNull: Int
    public let iterations: Int
    public let stepHalvings: Int
    /// The relative change in deviance at the last iteration.
    public let lastRelativeChange: Double
    /// μ̂ on each row used.
    public let fittedMeans: [Double]
    /// η̂ on each row used, offset included.
    public let linearPredictor: [Double]
    /// θ̂ of the negative binomial, with its standard error from the observed information
    /// at fixed μ̂ (MASS `theta.ml`).
    public let theta: Double?
    public let thetaStandardError: Double?
    /// The separation check of a binomial fit (``GeneralizedLinearModel/separation(options:)``),
    /// `nil` for other families.
    public internal(set) var separation: Separation?
    /// How the coefficients were estimated.
    public internal(set) var method: FitMethod = .maximumLikelihood
    /// Firth's penalised log-likelihood ℓ(β̂) + ½ log det I(β̂) at the estimate, with the
    /// constants of ``logLikelihood``; `nil` for maximum likelihood.
    public internal(set) var penalizedLogLikelihood: Double?

    /// Whether test statistics are t (dispersion estimated) rather than z.
    public var usesTDistribution: Bool { family.estimatesDispersion }

    /// β̂ⱼ / se(β̂ⱼ).
    public var statistics: [Double?] {
        zip(coefficients, standardErrors).map { estimate, error in
            guard let estimate, let error, error > 0 else { return nil }
            return estimate / error
        }
    }

    /// Two-sided p-values of the Wald tests: Student's t on the residual degrees of freedom
    /// when the dispersion is estimated, the standard normal otherwise (R's `summary.glm`).
    public var pValues: [Double?] {
        statistics.map { statistic in
            guard let statistic else { return nil }
            if usesTDistribution {
                guard dfResidual > 0,
                      let t = try? StudentTDistribution(degreesOfFreedom: Double(dfResidual)) else {
                    return nil
                }
                return 2 * t.complementaryCDF(abs(statistic))
            }
            return 2 * NormalDistribution.standard.complementaryCDF(abs(statistic))
        }
    }

    /// Wald intervals β̂ ± q se, q the (1 + level)/2 quantile of t (dispersion estimated, as
    /// R's `confint.lm`) or of the standard normal (R's `confint.default`).
    public func waldIntervals(level: Double) -> [(lower: Double, upper: Double)?] {
        let probability = (1 + level) / 2
        let quantile: Double?
        if usesTDistribution {
            quantile = dfResidual > 0
                ? (try? StudentTDistribution(degreesOfFreedom: Double(dfResidual)))
                    .flatMap { try? $0.quantile(probability) }
                : nil
        } else {
            quantile = try? NormalDistribution.standard.quantile(probability)
        }
        return zip(coefficients, standardErrors).map { estimate, error in
            guard let estimate, let error, let quantile else { return nil }
            return (estimate - quantile * error, estimate + quantile * error)
        }
    }
}

extension GeneralizedLinearModel {
    /// Turns the converged iteration into a ``GLMFit``: information at the estimate,
    /// dispersion, deviances and likelihood.
    func summarise(_ result: IRLSResult, family: GLMFamily, options: GLMOptions,
                   theta: (estimate: Double, standardError: Double)? = nil,
                   separation: Separation? = nil)
        throws(GLMError) -> GLMFit {
        let x = design.matrix
        let (n, p) = (x.rows, x.columns)
        let estimable = result.coefficients.indices.filter { result.coefficients[$0] != nil }
        let unscaled: Matrix
        if let covariance = result.unscaledCovariance {
            unscaled = covariance
        } else {
            var weighted = Matrix(rows: n, columns: p, repeating: 0)
            for i in 0..<n where priorWeights[i] > 0 {
                let derivative = link.meanDerivative(result.eta[i])
                let root = (priorWeights[i] * derivative * derivative
                            / family.variance(result.mean[i])).squareRoot()
                for j in 0..<p { weighted[i, j] = root * x[i, j] }
            }
            do {
                unscaled = try PivotedQR(weighted.selectingColumns(estimable),
                                         tolerance: options.rankTolerance).crossProductInverse()
            } catch {
                throw .linearAlgebra(error.description)
            }
        }
        let used = priorWeights.indices.filter { priorWeights[$0] > 0 }
        let rank = estimable.count
        let dfResidual = used.count - rank
        var dispersion = 1.0
        if family.estimatesDispersion {
            let pearson = used.reduce(0.0) { total, i in
                let residual = response[i] - result.mean[i]
                return total + priorWeights[i] * residual * residual / family.variance(result.mean[i])
            }
            dispersion = dfResidual > 0 ? pearson / Double(dfResidual) : .nan
        }
        let covariance = Matrix(rows: unscaled.rows, columns: unscaled.columns,
                                storage: unscaled.storage.map { $0 * dispersion })
        var standardErrors = [Double?](repeating: nil, count: p)
        for (position, j) in estimable.enumerated() {
            let variance = covariance[position, position]
            standardErrors[j] = variance.isFinite && variance >= 0 ? variance.squareRoot() : nil
        }
        let logLikelihood = family.logLikelihood(y: response, mean: result.mean,
                                                 weights: priorWeights, trials: trials,
                                                 deviance: result.deviance)
        let parameterCount = Double(rank + (family.estimatesDispersion ? 1 : 0)
                                    + (theta == nil ? 0 : 1))
        let nullDeviance = try self.nullDeviance(family: family, options: options)
        var coefficients = result.coefficients
        if let separation, separation.isSeparated {
            for term in separation.divergingTerms {
                coefficients[term.column] = nil
                standardErrors[term.column] = nil
            }
        }
        return GLMFit(
            family: theta.map { .negativeBinomial(theta: $0.estimate) } ?? family,
            link: link, names: design.columnNames,
            coefficients: coefficients, standardErrors: standardErrors,
            covariance: covariance, estimableColumns: estimable, dispersion: dispersion,
            deviance: result.deviance, nullDeviance: nullDeviance, logLikelihood: logLikelihood,
            aic: -2 * logLikelihood + 2 * parameterCount,
            bic: -2 * logLikelihood + log(Double(used.count)) * parameterCount,
            rank: rank, observationCount: used.count, rowCount: n,
            rowsDropped: design.rowsDropped, dfResidual: dfResidual,
            dfNull: used.count - (design.hasIntercept ? 1 : 0),
            iterations: result.iterations, stepHalvings: result.stepHalvings,
            lastRelativeChange: result.lastRelativeChange,
            fittedMeans: result.mean, linearPredictor: result.eta,
            theta: theta?.estimate, thetaStandardError: theta?.standardError,
            separation: separation)
    }

    /// The deviance of the model with the intercept (if any) and offset only, as R's
    /// `glm.fit`: the weighted mean response without an offset, an intercept-only fit with one.
    func nullDeviance(family: GLMFamily, options: GLMOptions) throws(GLMError) -> Double {
        let n = response.count
        if !design.hasIntercept {
            return totalDeviance(design.offset.map(link.mean), family: family)
        }
        if !design.hasOffset {
            let totalWeight = priorWeights.reduce(0, +)
            let weightedMean = zip(priorWeights, response).reduce(0.0) { $0 + $1.0 * $1.1 }
                / totalWeight
            return totalDeviance(Array(repeating: weightedMean, count: n), family: family)
        }
        let intercept = Matrix(rows: n, columns: 1, repeating: 1)
        return try iterate(family: family, start: nil, options: options, design: intercept).deviance
    }
}

/// How a model's coefficients were estimated.
public enum FitMethod: String, Sendable, Equatable {
    /// Maximum likelihood (IRLS).
    case maximumLikelihood = "ml"
    /// Firth's (1993) penalised maximum likelihood (Jeffreys prior).
    case firth = "firth"
}
