#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

/// The Laplace log-likelihood at one point with its exact gradient over (σ, β) (over (θ, β)
/// for several terms or random slopes), and the conditional modes found on the way (to start
/// the next evaluation from).
struct LaplaceEvaluation {
    let value: Double
    let gradient: [Double]
    let modes: [Double]
}

extension GeneralizedLinearMixedModel {
    /// Row i's first three η-derivatives of its log-likelihood, with the sign of the last two
    /// flipped: the score sᵢ = wᵢ(yᵢ − μᵢ), the information vᵢ = wᵢ V(μᵢ) and its derivative
    /// tᵢ = dvᵢ/dη (binomial logit: wᵢμᵢ(1 − μᵢ)(1 − 2μᵢ); Poisson log: wᵢμᵢ).
    @inline(__always)
    func rowDerivatives(_ i: Int, eta: Double) -> (score: Double, information: Double, skew: Double) {
        let w = priorWeights[i], y = response[i]
        switch family {
        case .binomial:
            let mean = 1 / (1 + exp(-eta))
            let information = w * mean * (1 - mean)
            return (w * (y - mean), information, information * (1 - 2 * mean))
        default:
            let mean = exp(eta)
            return (w * (y - mean), w * mean, w * mean)
        }
    }

    /// The Laplace approximation ℓ(σ, β) = Σ_g [h_g(b̂_g) − ½ log H̃_g] + constants and its exact
    /// gradient, each group's mode found by Newton's method from `startingModes` (or 0).
    ///
    /// Formula: with ηᵢ = fᵢ + σb, fᵢ = xᵢᵀβ + oᵢ, and per group S = Σsᵢ, V = Σvᵢ, T = Σtᵢ at
    /// b̂ (``rowDerivatives(_:eta:)``), H̃ = 1 + σ²V. The mode solves ∂h/∂b = σS − b = 0, so
    /// by the implicit function theorem db̂/dθ = (∂²h/∂b∂θ)/H̃, and the chain rule through
    /// both h (whose b-derivative vanishes) and log H̃ gives
    ///     ∂ℓ/∂β = Σᵢ xᵢ [sᵢ − σ²tᵢ/(2H̃) + σ⁴T vᵢ/(2H̃²)],
    ///     ∂ℓ/∂σ = Σ_g { b̂S − [2σV + σ²b̂T + σ³T(S − σb̂V)/H̃] / (2H̃) },
    /// using ∂H̃/∂βⱼ = σ²Σtᵢxᵢⱼ, ∂H̃/∂b = σ³T, ∂H̃/∂σ = 2σV + σ²b̂T, ∂²h/∂b∂βⱼ = −σΣvᵢxᵢⱼ
    /// and ∂²h/∂b∂σ = S − σb̂V. One evaluation costs the mode search plus one pass for Xᵀr,
    /// against the 2(p + 1) or more evaluations of a finite-difference gradient, and is exact
    /// where differences lose half the digits.
    ///
    /// - Note: Tierney & Kadane (1986), "Accurate approximations for posterior moments and
    ///   marginal densities", JASA 81(393), 82–86, doi:10.1080/01621459.1986.10478240;
    ///   Breslow & Clayton (1993), JASA 88(421), 9–25, doi:10.1080/01621459.1993.10594284
    ///   (the Laplace likelihood of a GLMM); Bates et al. (2015), J Stat Softw 67(1).
    /// - Complexity: O(n) per inner Newton step, plus O(n·p) for the gradient over β.
    func laplaceEvaluation(sigma: Double, beta: [Double], startingModes: [Double]?) -> LaplaceEvaluation {
        let fixed = fixedPredictor(beta)
        var total = constants.reduce(0, +)
        var sigmaDerivative = 0.0
        var rowWeights = [Double](repeating: 0, count: fixed.count)
        var rowSkews = [Double](repeating: 0, count: fixed.count)
        var rowInformation = [Double](repeating: 0, count: fixed.count)
        var modes = [Double](repeating: 0, count: groupRows.count)
        let (square, fourth) = (sigma * sigma, sigma * sigma * sigma * sigma)
        for (group, rows) in groupRows.enumerated() {
            let mode = groupMode(rows, fixed: fixed, sigma: sigma, start: startingModes?[group] ?? 0)
            modes[group] = mode.mode
            total += mode.value - 0.5 * log(mode.curvature)
            let b = mode.mode
            var (score, information, skew) = (0.0, 0.0, 0.0)
            for i in rows where priorWeights[i] > 0 {
                let terms = rowDerivatives(i, eta: fixed[i] + sigma * b)
                score += terms.score
                information += terms.information
                skew += terms.skew
                // Kept until the group's sums are known.
                rowWeights[i] = terms.score
                rowSkews[i] = terms.skew
                rowInformation[i] = terms.information
            }
            let curvature = 1 + square * information
            for i in rows where priorWeights[i] > 0 {
                rowWeights[i] += -square * rowSkews[i] / (2 * curvature)
                    + fourth * skew * rowInformation[i] / (2 * curvature * curvature)
            }
            sigmaDerivative += b * score
                - (2 * sigma * information + square * b * skew
                   + square * sigma * skew * (score - sigma * b * information) / curvature)
                / (2 * curvature)
        }
        let betaGradient = (try? design.matrix.multiplied(by: rowWeights, transposingSelf: true))
            ?? [Double](repeating: .nan, count: beta.count)
        return LaplaceEvaluation(value: total, gradient: [sigmaDerivative] + betaGradient,
                                 modes: modes)
    }

    /// The Jacobian of a gradient by forward differences from its known value at `point`,
    /// (g(x + h eₖ) − g(x))/h with h = step · max(1, |xₖ|), symmetrised. Error O(h), enough
    /// for the Newton steps of the optimisation, not for standard errors.
    ///
    /// - Complexity: one gradient evaluation per coordinate.
    static func forwardJacobian(_ gradientFunction: ([Double]) -> [Double], at point: [Double],
                                gradient: [Double], step: Double) -> Matrix {
        var jacobian = Matrix(rows: point.count, columns: point.count, repeating: 0)
        for k in point.indices {
            let h = step * max(1, abs(point[k]))
            var moved = point
            moved[k] += h
            for (i, value) in gradientFunction(moved).enumerated() {
                jacobian[i, k] = (value - gradient[i]) / h
            }
        }
        for i in point.indices {
            for j in (i + 1)..<point.count {
                let mean = (jacobian[i, j] + jacobian[j, i]) / 2
                jacobian[i, j] = mean
                jacobian[j, i] = mean
            }
        }
        return jacobian
    }

    /// The Jacobian of a gradient by central differences with Richardson extrapolation over
    /// `levels` halvings of the step (step · max(1, |xₖ|) in coordinate k), symmetrised; entries
    /// outside `only` (all by default) are left zero. Differencing an exact gradient loses about
    /// half as many digits as second differences of the function.
    ///
    /// - Complexity: 2·levels gradient evaluations per coordinate.
    static func gradientJacobian(_ gradient: ([Double]) -> [Double], at point: [Double],
                                 step: Double, levels: Int, only: [Int]? = nil) -> Matrix {
        let indices = only ?? Array(point.indices)
        var jacobian = Matrix(rows: point.count, columns: point.count, repeating: 0)
        for k in indices {
            let scale = max(1, abs(point[k]))
            var table: [[Double]] = (0..<levels).map { level in
                let h = step / pow(2, Double(level)) * scale
                var plus = point, minus = point
                plus[k] += h
                minus[k] -= h
                return zip(gradient(plus), gradient(minus)).map { ($0 - $1) / (2 * h) }
            }
            for order in stride(from: 1, to: levels, by: 1) {
                let factor = pow(4, Double(order))
                for level in stride(from: levels - 1, through: order, by: -1) {
                    table[level] = zip(table[level], table[level - 1]).map {
                        (factor * $0 - $1) / (factor - 1)
                    }
                }
            }
            for i in indices { jacobian[i, k] = table[levels - 1][i] }
        }
        for (a, i) in indices.enumerated() {
            for j in indices[(a + 1)...] {
                let mean = (jacobian[i, j] + jacobian[j, i]) / 2
                jacobian[i, j] = mean
                jacobian[j, i] = mean
            }
        }
        return jacobian
    }
}
