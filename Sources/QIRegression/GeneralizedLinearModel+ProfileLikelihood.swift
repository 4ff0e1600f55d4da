#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra
import QIStatistics

extension GeneralizedLinearModel {
    /// Profile likelihood intervals for the coefficients of a maximum likelihood fit, as R's
    /// `confint` computes them for a `glm` or `glm.nb` fit (MASS `profile.glm` and
    /// `confint.profile.glm`, the method R 4.2.2 dispatches to).
    ///
    /// For coefficient j the profile deviance is Dⱼ(b) = min D(β) over β with βⱼ = b, and the
    /// interval at level 1 − α is
    ///
    ///     {b : (Dⱼ(b) − D(β̂)) / φ̂ ≤ z²₁₋α/₂},
    ///
    /// i.e. where the signed root sign(b − β̂ⱼ)·√((Dⱼ(b) − D(β̂))/φ̂) lies within ±z₁₋α/₂
    /// (Venzon & Moolgavkar 1988). The conventions, read from MASS's code:
    /// - binomial and Poisson: φ̂ = 1, so the statistic is the likelihood-ratio statistic;
    /// - gaussian (identity or log link): φ̂ = Pearson's X²/(n − p), the reported dispersion
    ///   (= D(β̂)/(n − p), since V(μ) = 1), and the quantile is still the normal one, not t or
    ///   F. For the identity link Dⱼ(b) − D(β̂) = (b − β̂ⱼ)²/[(XᵀWX)⁻¹]ⱼⱼ, so the interval is
    ///   exactly β̂ⱼ ± z₁₋α/₂·se(β̂ⱼ): narrower than the exact interval β̂ⱼ ± t₁₋α/₂,ₙ₋ₚ·se(β̂ⱼ)
    ///   of R's `confint.lm` (and of ``GLMFit/waldIntervals(level:)``) because it ignores
    ///   the uncertainty in φ̂ (by 0.9 % at n − p = 139, 24 % at n − p = 5);
    /// - negative binomial: θ is held fixed at θ̂ along the profile (MASS refits with
    ///   `family(fit)`, i.e. `negative.binomial(θ̂)`) and φ̂ = 1 (`summary.negbin`), so Dⱼ is
    ///   the NB2 deviance at θ̂. This is a profile over β at fixed θ, not the full profile
    ///   likelihood that would re-estimate θ at each b, whose intervals are never narrower.
    ///
    /// MASS profiles on a grid and interpolates a spline (about 1e-5 off); here each end is
    /// found by bracketing and Illinois regula falsi on b to 1e-11 relative, and each Dⱼ(b) by
    /// Fisher scoring over the other coefficients (βⱼxⱼ moved into the offset) until the
    /// deviance changes by less than 1e-13 relative, warm-started from the nearest profile
    /// point. When a gaussian fit has no dispersion estimate (no residual degrees of freedom,
    /// or a perfect fit) the intervals are the Wald ones (`nil`, or the estimate itself).
    ///
    /// - Returns: one interval per design column, `nil` for aliased columns.
    /// - Throws: ``GLMError/didNotConverge(iterations:lastChange:deviance:)`` when a limit
    ///   cannot be bracketed or a constrained fit fails, with the evidence.
    /// - Precondition: a maximum likelihood fit with finite estimates (not separated); the
    ///   command line refuses separated data.
    /// - Complexity: about 2p × 15 constrained fits of a few O(n·p²) iterations each.
    /// - Note: Venzon & Moolgavkar (1988), Applied Statistics 37(1), 87–94,
    ///   doi:10.2307/2347496; Venables & Ripley (2002), Modern Applied Statistics with S,
    ///   4th ed., §7.4 and §8.4 (MASS `glm.nb`, `profile.glm`).
    public func profileLikelihoodIntervals(_ fit: GLMFit, level: Double)
        throws(GLMError) -> [(lower: Double, upper: Double)?] {
        precondition(fit.method == .maximumLikelihood,
                     "profile likelihood intervals need a maximum likelihood fit")
        let dispersion = fit.family.estimatesDispersion ? fit.dispersion : 1
        guard dispersion > 0, dispersion.isFinite else { return fit.waldIntervals(level: level) }
        let kept = fit.estimableColumns
        let x = design.matrix.selectingColumns(kept)
        let estimate = kept.map { fit.coefficients[$0]! }
        let critical: Double
        do {
            critical = try ChiSquareDistribution(degreesOfFreedom: 1).quantile(level)
        } catch {
            preconditionFailure("level was validated to lie in (0, 1)")
        }
        let minimum = try constrainedDeviance(x, family: fit.family, fixed: 0, value: estimate[0],
                                              start: estimate).deviance
        var intervals = [(lower: Double, upper: Double)?](repeating: nil, count: design.matrix.columns)
        for (position, column) in kept.enumerated() {
            var ends: [Double] = []
            for side in [-1.0, 1.0] {
                var warmStart = estimate
                ends.append(try profileLimit(from: estimate[position], side: side,
                                             scale: fit.standardErrors[column] ?? 1,
                                             target: critical) { value throws(GLMError) in
                    let profile = try constrainedDeviance(x, family: fit.family, fixed: position,
                                                          value: value, start: warmStart)
                    warmStart = profile.coefficients
                    return (profile.deviance - minimum) / dispersion
                })
            }
            intervals[column] = (ends[0], ends[1])
        }
        return intervals
    }

    /// min D(β) over β with β[fixed] = value, by Fisher scoring with step-halving; `family`
    /// carries θ̂ for the negative binomial.
    func constrainedDeviance(_ x: Matrix, family: GLMFamily, fixed: Int, value: Double,
                             start: [Double])
        throws(GLMError) -> (deviance: Double, coefficients: [Double]) {
        let free = (0..<x.columns).filter { $0 != fixed }
        var beta = start
        beta[fixed] = value
        func state(_ beta: [Double]) -> (mean: [Double], eta: [Double], deviance: Double)? {
            let eta = linearPredictor(x, beta, design.offset)
            let mean = eta.map(link.mean)
            guard isValid(eta: eta, mean: mean, family: family) else { return nil }
            return (mean, eta, totalDeviance(mean, family: family))
        }
        guard var current = state(beta) else {
            throw .noValidStep(iteration: 0)
        }
        for iteration in 1...200 {
            var information = Matrix(rows: free.count, columns: free.count, repeating: 0)
            var score = [Double](repeating: 0, count: free.count)
            for i in 0..<x.rows where priorWeights[i] > 0 {
                let derivative = link.meanDerivative(current.eta[i])
                let variance = family.variance(current.mean[i])
                let weight = priorWeights[i] * derivative * derivative / variance
                let residual = priorWeights[i] * (response[i] - current.mean[i]) * derivative / variance
                for (a, j) in free.enumerated() {
                    let xij = x[i, j]
                    score[a] += residual * xij
                    for b in a..<free.count { information[a, b] += weight * xij * x[i, free[b]] }
                }
            }
            for a in 0..<free.count { for b in 0..<a { information[a, b] = information[b, a] } }
            let step: [Double]
            do {
                step = try CholeskyFactorization(information).solve(score)
            } catch {
                throw .linearAlgebra(error.description)
            }
            var scale = 1.0
            var next: (mean: [Double], eta: [Double], deviance: Double)?
            var candidate = beta
            for _ in 0..<40 {
                candidate = beta
                for (a, j) in free.enumerated() { candidate[j] += scale * step[a] }
                next = state(candidate)
                if let next, next.deviance <= current.deviance * (1 + 1e-15) + 1e-300 { break }
                next = nil
                scale /= 2
            }
            guard let accepted = next else {
                // No step lowers the deviance: the minimum is reached to rounding.
                return (current.deviance, beta)
            }
            let change = current.deviance - accepted.deviance
            let largestStep = free.indices.map { abs(scale * step[$0]) / max(1, abs(beta[free[$0]])) }.max() ?? 0
            beta = candidate
            current = accepted
            if change <= 1e-13 * (abs(current.deviance) + 0.1) && largestStep <= 1e-9 {
                return (current.deviance, beta)
            }
            if iteration == 200 {
                throw .didNotConverge(iterations: iteration, lastChange: change, deviance: current.deviance)
            }
        }
        return (current.deviance, beta)
    }
}
