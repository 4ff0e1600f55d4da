#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra
import QIStatistics

/// The average marginal effect of one design column on the mean response, with its
/// delta-method standard error.
public struct AverageMarginalEffect: Sendable {
    public let term: String
    /// (1/n) Σᵢ ∂μᵢ/∂xᵢⱼ; `nil` for an aliased or diverging column.
    public let estimate: Double?
    public let standardError: Double?
    /// estimate / standardError, referred to the standard normal.
    public let statistic: Double?
    public let pValue: Double?
    public let interval: (lower: Double, upper: Double)?
    /// For a discrete change, the average predicted mean with the column set to 0 and to 1
    /// for every row (the adjusted predictions whose difference is the change); nil otherwise.
    public var predictions: (atZero: Double, atOne: Double)? = nil
}

extension AverageMarginalEffect {
    /// An effect with its delta-method standard error √(gᵀ V g) for the gradient g of the
    /// effect in the estimable coefficients and their covariance V, its z statistic, two-sided
    /// normal p-value and interval at the given normal quantile.
    init(term: String, estimate: Double, gradient: [Double], covariance: Matrix, quantile: Double,
         predictions: (atZero: Double, atOne: Double)? = nil) {
        var variance = 0.0
        for a in gradient.indices {
            for b in gradient.indices { variance += gradient[a] * covariance[a, b] * gradient[b] }
        }
        let error = max(variance, 0).squareRoot()
        let statistic = error > 0 ? estimate / error : nil
        self.init(term: term, estimate: estimate, standardError: error, statistic: statistic,
                  pValue: statistic.map { 2 * NormalDistribution.standard.complementaryCDF(abs($0)) },
                  interval: (estimate - quantile * error, estimate + quantile * error),
                  predictions: predictions)
    }

    /// The entry of an aliased or diverging column: no estimate.
    static func unavailable(_ term: String) -> AverageMarginalEffect {
        AverageMarginalEffect(term: term, estimate: nil, standardError: nil, statistic: nil, pValue: nil, interval: nil)
    }
}

extension GLMFit {
    /// Average marginal effects of every design column but the intercept, on the scale of
    /// the mean (a probability for the binomial family, a count for Poisson), with
    /// delta-method standard errors: statsmodels' `get_margeff(at = "overall",
    /// method = "dydx")` and the `margins` package's default for numeric variables.
    ///
    /// AMEⱼ = (1/n) Σᵢ h′(ηᵢ) βⱼ, with h the inverse link and ηᵢ the linear predictor (offset
    /// included), averaged over the n rows used with equal weight. Its gradient is
    /// ∂AMEⱼ/∂βₖ = (1/n) Σᵢ [h′(ηᵢ) 1{j = k} + βⱼ h″(ηᵢ) xᵢₖ], and Var(AME) = J V Jᵀ with V the
    /// coefficients' covariance (model-based, or cluster-robust when given). Each column is
    /// treated as a variable of its own: for a 0/1 or factor-level column this is the slope
    /// of the mean, not the discrete change from 0 to 1 (statsmodels' `dummy = True`), and a
    /// variable that appears in several columns (an interaction, `log(x)`) gets one effect per
    /// column, not one per variable.
    ///
    /// - Parameters:
    ///   - design: the design the fit was made on.
    ///   - covariance: the covariance of the estimable coefficients in the order of
    ///     ``estimableColumns``; the fit's model-based one when nil.
    /// - Complexity: O(n·p²).
    /// - Note: Bartus (2005), "Estimation of marginal effects using margeff", Stata Journal
    ///   5(3), 309–329, doi:10.1177/1536867X0500500303; Leeper (2021), margins 0.3.26.
    public func averageMarginalEffects(design: DesignMatrix, covariance: Matrix? = nil,
                                       level: Double) -> [AverageMarginalEffect] {
        let covariance = covariance ?? self.covariance
        let x = design.matrix
        let n = Double(linearPredictor.count)
        let kept = estimableColumns
        let diverging = Set(separation?.divergingTerms.map(\.column) ?? [])
        var firstDerivativeMean = 0.0
        // Σᵢ h″(ηᵢ) xᵢₖ / n for each estimable column k.
        var secondDerivativeMeans = [Double](repeating: 0, count: kept.count)
        for (i, eta) in linearPredictor.enumerated() {
            firstDerivativeMean += link.meanDerivative(eta) / n
            let second = link.meanSecondDerivative(eta)
            for (a, k) in kept.enumerated() { secondDerivativeMeans[a] += second * x[i, k] / n }
        }
        let quantile = (try? NormalDistribution.standard.quantile((1 + level) / 2)) ?? .nan
        return names.indices.compactMap { j -> AverageMarginalEffect? in
            guard !(j == 0 && design.hasIntercept) else { return nil }
            guard let position = kept.firstIndex(of: j), let beta = coefficients[j],
                  !diverging.contains(j) else { return .unavailable(names[j]) }
            let gradient = kept.indices.map { a in
                (a == position ? firstDerivativeMean : 0) + beta * secondDerivativeMeans[a]
            }
            return AverageMarginalEffect(term: names[j], estimate: firstDerivativeMean * beta, gradient: gradient,
                                         covariance: covariance, quantile: quantile)
        }
    }
}

extension GLMFit {
    /// Average discrete changes of the columns that hold only 0 and 1 on the rows used (a
    /// facilitator present or absent): ADCⱼ = (1/n) Σᵢ [h(ηᵢ with xᵢⱼ = 1) − h(ηᵢ with
    /// xᵢⱼ = 0)], the mean's change when column j switches from 0 to 1 with every other column
    /// as observed, with delta-method errors from the gradient (1/n) Σᵢ [h′(η¹ᵢ) x¹ᵢ −
    /// h′(η⁰ᵢ) x⁰ᵢ]: statsmodels' `get_margeff(at = "overall", dummy = True)` for those
    /// columns. Columns are switched one at a time, so a 0/1 variable that also enters an
    /// interaction column is not switched there.
    ///
    /// - Parameters: as ``averageMarginalEffects(design:covariance:level:)``.
    /// - Returns: one entry per 0/1 column but the intercept (aliased or diverging ones with
    ///   `nil` values), in design order.
    /// - Complexity: O(n·p²).
    public func averageDiscreteChanges(design: DesignMatrix, covariance: Matrix? = nil,
                                       level: Double) -> [AverageMarginalEffect] {
        let covariance = covariance ?? self.covariance
        let x = design.matrix
        let n = Double(linearPredictor.count)
        let kept = estimableColumns
        let diverging = Set(separation?.divergingTerms.map(\.column) ?? [])
        let quantile = (try? NormalDistribution.standard.quantile((1 + level) / 2)) ?? .nan
        let binary = names.indices.filter { j in
            !(j == 0 && design.hasIntercept)
                && (0..<x.rows).allSatisfy { x[$0, j] == 0 || x[$0, j] == 1 }
                && (0..<x.rows).contains { x[$0, j] == 1 }
        }
        return binary.map { j in
            guard let position = kept.firstIndex(of: j), let beta = coefficients[j],
                  !diverging.contains(j) else { return .unavailable(names[j]) }
            var (atOne, atZero) = (0.0, 0.0)
            var gradient = [Double](repeating: 0, count: kept.count)
            for (i, eta) in linearPredictor.enumerated() {
                let withOne = eta + beta * (1 - x[i, j]), withZero = eta - beta * x[i, j]
                atOne += link.mean(withOne) / n
                atZero += link.mean(withZero) / n
                let (slopeOne, slopeZero) = (link.meanDerivative(withOne), link.meanDerivative(withZero))
                for (a, k) in kept.enumerated() {
                    gradient[a] += a == position ? slopeOne / n : (slopeOne - slopeZero) * x[i, k] / n
                }
            }
            return AverageMarginalEffect(term: names[j], estimate: atOne - atZero, gradient: gradient,
                                         covariance: covariance, quantile: quantile, predictions: (atZero, atOne))
        }
    }
}

extension LinkFunction {
    /// d²μ/dη² at η, from the closed forms of each inverse link (h′ as ``meanDerivative(_:)``
    /// without its clamping): logit h′(1 − 2μ); log e^η; probit −η φ(η); cloglog
    /// h′(1 − e^η); identity 0.
    public func meanSecondDerivative(_ eta: Double) -> Double {
        switch self {
        case .identity:
            return 0
        case .log:
            return exp(eta)
        case .logit:
            let mean = 1 / (1 + exp(-eta))
            return mean * (1 - mean) * (1 - 2 * mean)
        case .probit:
            return -eta * exp(-eta * eta / 2) / (2 * Double.pi).squareRoot()
        case .cloglog:
            return exp(eta - exp(eta)) * (1 - exp(eta))
        }
    }
}
