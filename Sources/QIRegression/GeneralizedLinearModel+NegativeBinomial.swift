import Foundation

extension GeneralizedLinearModel {
    /// Negative binomial regression with θ estimated by maximum likelihood (MASS `glm.nb`).
    ///
    /// Alternates, as `glm.nb` does, a Poisson start, then θ̂ by Newton's method on its score
    /// at fixed μ̂ (`theta.ml`), then IRLS for β at fixed θ̂, until θ̂ changes by less than
    /// 1e-10 relative and the deviance by less than the IRLS tolerance. At that point (β̂, θ̂)
    /// is the joint maximum. θ's standard error is 1/√I(θ̂) from the observed information at
    /// fixed μ̂, and the coefficients' errors treat θ as known, both as MASS reports them.
    ///
    /// - Note: Venables & Ripley (2002), *Modern Applied Statistics with S*, 4th ed., §7.4;
    ///   Lawless (1987), Canadian J. Statistics 15(3), 209–225, doi:10.2307/3314912.
    func fitNegativeBinomial(options: GLMOptions) throws(GLMError) -> GLMFit {
        var result = try iterate(family: .poisson, start: nil, options: options)
        var theta = try thetaMaximumLikelihood(mean: result.mean, start: nil)
        var totalIterations = result.iterations
        for _ in 0..<options.maximumIterations {
            let previousTheta = theta
            let previousDeviance = result.deviance
            result = try iterate(family: .negativeBinomial(theta: theta), start: result.eta,
                                 options: options)
            totalIterations += result.iterations
            theta = try thetaMaximumLikelihood(mean: result.mean, start: theta)
            let thetaChange = abs(theta - previousTheta) / theta
            let devianceChange = abs(result.deviance - previousDeviance) / (abs(result.deviance) + 0.1)
            if thetaChange < 1e-10, devianceChange < options.devianceTolerance {
                // One more IRLS pass at the final θ so β̂ and θ̂ belong together.
                result = try iterate(family: .negativeBinomial(theta: theta), start: result.eta,
                                     options: options)
                result.iterations += totalIterations
                let information = thetaInformation(theta, mean: result.mean)
                return try summarise(result, family: .negativeBinomial(theta: theta),
                                     options: options,
                                     theta: (theta, 1 / information.squareRoot()))
            }
        }
        throw .didNotConverge(iterations: totalIterations, lastChange: .nan,
                              deviance: result.deviance)
    }

    /// θ̂ at fixed means: Newton's method on the score
    /// U(θ) = Σ wᵢ (ψ(θ + yᵢ) − ψ(θ) + log θ + 1 − log(θ + μᵢ) − (yᵢ + θ)/(μᵢ + θ)),
    /// started from the moment estimate n / Σ wᵢ (yᵢ/μᵢ − 1)² as `theta.ml`.
    func thetaMaximumLikelihood(mean: [Double], start: Double?) throws(GLMError) -> Double {
        let used = priorWeights.indices.filter { priorWeights[$0] > 0 }
        let totalWeight = used.reduce(0.0) { $0 + priorWeights[$1] }
        var theta = start ?? totalWeight / used.reduce(0.0) { total, i in
            let ratio = response[i] / mean[i] - 1
            return total + priorWeights[i] * ratio * ratio
        }
        for _ in 0..<100 {
            let score = used.reduce(0.0) { total, i in
                let (y, mu) = (response[i], mean[i])
                return total + priorWeights[i] * (Self.digamma(theta + y) - Self.digamma(theta)
                    + log(theta) + 1 - log(theta + mu) - (y + theta) / (mu + theta))
            }
            let information = thetaInformation(theta, mean: mean)
            var step = score / information
            while theta + step <= 0 { step /= 2 }
            theta += step
            guard theta < 1e10 else { throw .thetaUnbounded(theta: theta) }
            if abs(step) <= 1e-12 * theta { return theta }
        }
        return theta
    }

    /// −dU/dθ: Σ wᵢ (−ψ′(θ + yᵢ) + ψ′(θ) − 1/θ + 2/(μᵢ + θ) − (yᵢ + θ)/(μᵢ + θ)²).
    func thetaInformation(_ theta: Double, mean: [Double]) -> Double {
        priorWeights.indices.filter { priorWeights[$0] > 0 }.reduce(0.0) { total, i in
            let (y, mu) = (response[i], mean[i])
            return total + priorWeights[i] * (-Self.trigamma(theta + y) + Self.trigamma(theta)
                - 1 / theta + 2 / (mu + theta) - (y + theta) / ((mu + theta) * (mu + theta)))
        }
    }

    /// ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic
    /// series log x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (Abramowitz & Stegun 6.3.18), error < 1e-15.
    static func digamma(_ x: Double) -> Double {
        var x = x
        var result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        let inverseSquare = 1 / (x * x)
        let series = inverseSquare * (1.0 / 12 - inverseSquare * (1.0 / 120 - inverseSquare
            * (1.0 / 252 - inverseSquare * (1.0 / 240 - inverseSquare * (1.0 / 132)))))
        return result + log(x) - 0.5 / x - series
    }

    /// ψ′(x) for x > 0: ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series
    /// 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹ (Abramowitz & Stegun 6.4.12), error < 1e-15.
    static func trigamma(_ x: Double) -> Double {
        var x = x
        var result = 0.0
        while x < 10 {
            result += 1 / (x * x)
            x += 1
        }
        let inverseSquare = 1 / (x * x)
        let series = 1 / x + inverseSquare / 2 + inverseSquare / x * (1.0 / 6 - inverseSquare
            * (1.0 / 30 - inverseSquare * (1.0 / 42 - inverseSquare * (1.0 / 30 - inverseSquare * (5.0 / 66)))))
        return result + series
    }
}
