#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one IRLS pass computes for each row from its linear predictor: the mean, the working
/// weight and value, and the row's deviance, with R's bounds on the link.
///
/// For row i with prior weight wᵢ and η = xᵢᵀβ + oᵢ: μ = g⁻¹(η), Wᵢ = wᵢ μ'(η)²/V(μ),
/// z̃ᵢ = (yᵢ − μ)/μ'(η) and the unit deviance times wᵢ (McCullagh & Nelder 1989, §2.5).
///
/// The binomial family with the logit link, the common case of large fits, takes one
/// exponential and one logarithm a row instead of three transcendental calls. With b the
/// linear predictor clamped to ±30 (R's bounds) and e = exp(−|b|):
///     μ = 1/(1 + e) for b ≥ 0 and e/(1 + e) below, 1 − μ the other of the two;
///     μ' = V(μ) = e/(1 + e)² for |η| ≤ 30 (so Wᵢ = wᵢ μ'), and ε (2⁻⁵²) beyond, as in R;
///     −log μ = log1p(e) + max(−b, 0),  −log(1 − μ) = log1p(e) + max(b, 0),
/// so the deviance 2wᵢ[y log(y/μ) + (1 − y) log((1 − y)/(1 − μ))] needs log1p(e) alone when y
/// is 0 or 1, computed as log(u)·e/(u − 1) with u = 1 + e (Goldberg 1991, Theorem 4). These
/// are the quantities of the general path, computed without cancellation.
///
/// - Note: McCullagh & Nelder (1989), *Generalized Linear Models*, 2nd ed., §2.5 and §4.4;
///   Goldberg (1991), "What every computer scientist should know about floating-point
///   arithmetic", ACM Computing Surveys 23(1), 5–48;
///   R Core Team, `stats::make.link` and `binomial()$dev.resids` (R 4.2.2).
struct IRLSRowTerms {
    let family: GLMFamily
    let link: LinkFunction
    let response: [Double]
    let priorWeights: [Double]
    let offset: [Double]

    /// The reductions of a set of rows: deviance, validity and the spread of Wᵢ/wᵢ.
    struct Summary {
        var deviance = 0.0
        var isValid = true
        var smallestRatio = Double.infinity
        var largestRatio = 0.0

        /// Adds the summary of the rows that follow.
        mutating func add(_ other: Summary) {
            deviance += other.deviance
            isValid = isValid && other.isValid
            smallestRatio = min(smallestRatio, other.smallestRatio)
            largestRatio = max(largestRatio, other.largestRatio)
        }

        /// max/min of Wᵢ/wᵢ over the weighted rows, infinity when some Wᵢ is 0.
        var weightRatioSpread: Double {
            smallestRatio > 0 && smallestRatio.isFinite && largestRatio.isFinite
                ? largestRatio / smallestRatio : .infinity
        }
    }

    /// Fills the weights and working values of `rows` (block positions k = i − first row),
    /// writing ηᵢ (from `linearPredictor` plus the offset when given, else already in `eta`)
    /// and μᵢ, and adds the rows' deviance to `summary` in row order.
    func fill(rows: Range<Int>, linearPredictor: UnsafeBufferPointer<Double>?,
              eta: UnsafeMutableBufferPointer<Double>, mean: UnsafeMutableBufferPointer<Double>,
              weights w: UnsafeMutableBufferPointer<Double>,
              workingValues z: UnsafeMutableBufferPointer<Double>, summary: inout Summary) {
        let first = rows.lowerBound
        if let linearPredictor {
            for i in rows { eta[i] = linearPredictor[i - first] + offset[i] }
        }
        let isLogit = family == .binomial && link == .logit
        for i in rows {
            let k = i - first
            w[k] = 0
            z[k] = 0
            let (linear, weight) = (eta[i], priorWeights[i])
            if !linear.isFinite { summary.isValid = false }
            let (mu, derivative, variance, deviance): (Double, Double, Double, Double)
            if isLogit {
                let terms = Self.logitTerms(linear, y: response[i])
                (mu, derivative, variance, deviance) = (terms.0, terms.1, terms.2, weight * terms.3)
            } else {
                mu = link.mean(linear)
                derivative = link.meanDerivative(linear)
                variance = family.variance(mu)
                deviance = weight > 0 ? family.deviance(response[i], mu, weight: weight) : 0
            }
            mean[i] = mu
            guard weight > 0 else { continue }
            if !family.isValidMean(mu) { summary.isValid = false }
            summary.deviance += deviance
            let working = weight * derivative * derivative / variance
            guard working.isFinite, working > 0 else { summary.smallestRatio = 0; continue }
            let ratio = working / weight
            summary.smallestRatio = min(summary.smallestRatio, ratio)
            summary.largestRatio = max(summary.largestRatio, ratio)
            w[k] = working
            z[k] = (response[i] - mu) / derivative + (linearPredictor == nil ? linear - offset[i] : 0)
        }
    }

    /// μ, μ'(η), V(μ) and the unit deviance of the binomial family with the logit link at η,
    /// for a response proportion y (see the type's documentation).
    @inline(__always)
    static func logitTerms(_ eta: Double, y: Double) -> (Double, Double, Double, Double) {
        let bounded = min(max(eta, -LinkFunction.logitThreshold), LinkFunction.logitThreshold)
        let e = exp(-abs(bounded))
        let onePlus = 1 + e
        let (large, small) = (1 / onePlus, e / onePlus)
        let (mu, complement) = bounded >= 0 ? (large, small) : (small, large)
        let variance = mu * complement
        let derivative = abs(eta) <= LinkFunction.logitThreshold ? small * large : LinkFunction.epsilon
        // log1p(e) by Goldberg's correction of log(1 + e) (exact to a few ulps, e ∈ (0, 1]);
        // glibc's log1p costs three times as much.
        let logOnePlus = onePlus == 1 ? e : log(onePlus) * e / (onePlus - 1)
        let minusLogMean = logOnePlus + max(-bounded, 0)
        let minusLogComplement = logOnePlus + max(bounded, 0)
        var unit = y * minusLogMean + (1 - y) * minusLogComplement
        if y > 0 && y < 1 { unit += y * log(y) + (1 - y) * log1p(-y) }
        return (mu, derivative, variance, 2 * unit)
    }
}
