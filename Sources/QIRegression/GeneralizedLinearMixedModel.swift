#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

/// A generalised linear mixed model with one or more random intercepts, ready to fit by
/// maximum likelihood with the Laplace approximation or (one random intercept) adaptive
/// Gauss-Hermite quadrature.
///
/// With one random intercept the model below is fitted group by group; with several terms
/// (crossed `(1 | a) + (1 | b)` or nested `(1 | a/b)`) or random slopes `(x | g)` by
/// penalised IRLS on all the random effects at once
/// (``laplaceEvaluation(theta:beta:startingModes:)``, Bates et al. 2015 §5).
///
/// Model: g(E[yᵢ | b]) = ηᵢ = xᵢᵀβ + oᵢ + σ b_{g(i)}, with b_g independent standard normal
/// (lme4's spherical random effects, relative covariance factor θ = σ), canonical link
/// (binomial logit or Poisson log) and prior weights w (the binomial trials).
///
/// The marginal likelihood of group g is L_g = ∫ p(y_g | b) φ(b) db. With h_g(b) =
/// log p(y_g | b) − b²/2, its mode b̂_g and curvature H̃_g = 1 + σ² Σ_{i∈g} wᵢ V(μᵢ) (V the
/// variance function at b̂_g), the Laplace approximation (K = 1) is
///     log L_g ≈ h_g(b̂_g) − ½ log H̃_g,
/// and adaptive Gauss-Hermite quadrature with K nodes z_k and weights ω_k is
///     log L_g ≈ log(s_g/√π) + log Σ_k ω_k exp(z_k² + h_g(b̂_g + √2 s_g z_k)),  s_g = H̃_g^{-1/2}.
/// Both equal lme4's `glmer` (nAGQ = 1 or K) except that the full log-likelihood, every
/// constant included, is reported at every K: lme4 drops the saturated log-likelihood for
/// nAGQ > 1 (lme4 issues 161 and 567). Each group's mode is found by Newton's method on the
/// scalar concave h_g, so an evaluation costs O(n) per Newton step.
///
/// - Note: Bates, Mächler, Bolker & Walker (2015), "Fitting linear mixed-effects models using
///   lme4", J Stat Softw 67(1), doi:10.18637/jss.v067.i01; Pinheiro & Bates (1995),
///   "Approximations to the log-likelihood function in the nonlinear mixed-effects model",
///   J Comput Graph Stat 4(1), 12–35, doi:10.1080/10618600.1995.10474663; Liu & Pierce (1994),
///   "A note on Gauss-Hermite quadrature", Biometrika 81(3), 624–629.
public struct GeneralizedLinearMixedModel: Sendable {
    public let design: DesignMatrix
    public let family: GLMFamily
    public let link: LinkFunction
    /// Quadrature points per group: 1 is the Laplace approximation.
    public let quadraturePoints: Int
    /// The grouping factor of the random intercept (the first term's, in lme4's order).
    public let grouping: GroupingFactor
    /// The random-effect terms in lme4's order (decreasing number of groups).
    public let terms: [RandomEffectTerm]
    /// Where each row's random effects sit in u: nil for one random intercept, which is
    /// fitted group by group.
    let layout: RandomEffectsLayout?

    /// Whether the model is one random intercept `(1 | g)`, fitted group by group (and the
    /// only one adaptive quadrature takes).
    var isSingleIntercept: Bool { layout == nil }
    let fixedEffectsModel: GeneralizedLinearModel
    /// The response (a proportion for the binomial family) and prior weights of each row.
    let response: [Double]
    let priorWeights: [Double]
    /// The constant of each row's log-likelihood: log choose(m, k) or −log y!.
    let constants: [Double]
    /// The rows of each group.
    let groupRows: [[Int]]

    /// Describes the model and checks that it can be fitted.
    ///
    /// - Throws: ``GLMMError`` for a response outside the support, a family other than
    ///   binomial (logit) or Poisson (log), K outside 1...50, or K > 1 with anything but one
    ///   random intercept (as lme4's `glmer` refuses it).
    public init(design: DesignMatrix, family: GLMFamily, link: LinkFunction? = nil,
                quadraturePoints: Int = 1) throws(GLMMError) {
        let link = link ?? family.defaultLink
        guard (family == .binomial && link == .logit) || (family == .poisson && link == .log) else {
            throw .unsupportedFamily(family: family.name, link: link.rawValue)
        }
        guard (1...50).contains(quadraturePoints) else {
            throw .invalidQuadraturePoints(quadraturePoints)
        }
        guard !design.randomEffectTerms.isEmpty else {
            throw .unsupportedRandomEffects("a model without a random-effect term")
        }
        let terms = LinearMixedModel.lme4Order(design.randomEffectTerms)
        let singleIntercept = terms.count == 1 && terms[0].columnNames == ["(Intercept)"]
        if !singleIntercept, quadraturePoints > 1 {
            let what = terms.count > 1
                ? "more than one random-effect term (\(terms.map(\.grouping.label).joined(separator: ", ")))"
                : "a random slope (\(terms[0].columnNames.joined(separator: ", ")) | \(terms[0].grouping.label))"
            throw .unsupportedRandomEffects("adaptive Gauss-Hermite quadrature (--nagq \(quadraturePoints)) with \(what); lme4's glmer refuses it too: use --nagq 1, the Laplace approximation")
        }
        let grouping = terms[0].grouping
        let model: GeneralizedLinearModel
        do {
            model = try GeneralizedLinearModel(design: design, family: family, link: link)
        } catch {
            throw .fixedEffects(error)
        }
        self.design = design
        self.family = family
        self.link = link
        self.quadraturePoints = quadraturePoints
        self.grouping = grouping
        self.terms = terms
        self.layout = singleIntercept ? nil : RandomEffectsLayout(terms: terms, rowCount: design.rowCount)
        self.fixedEffectsModel = model
        self.response = model.response
        self.priorWeights = model.priorWeights
        var constants = [Double](repeating: 0, count: model.response.count)
        for i in constants.indices where model.priorWeights[i] > 0 {
            let y = model.response[i]
            switch family {
            case .binomial:
                let trials = (model.trials ?? model.priorWeights)[i]
                let size = trials.rounded()
                let successes = (trials * y).rounded()
                constants[i] = model.priorWeights[i] / trials
                    * (lgamma(size + 1) - lgamma(successes + 1) - lgamma(size - successes + 1))
            default:
                constants[i] = -model.priorWeights[i] * lgamma(y + 1)
            }
        }
        self.constants = constants
        var groupRows = [[Int]](repeating: [], count: grouping.levels.count)
        for (row, code) in grouping.codes.enumerated() { groupRows[code].append(row) }
        self.groupRows = groupRows
    }

    /// The fixed part xᵢᵀβ + oᵢ of each row's linear predictor.
    func fixedPredictor(_ beta: [Double]) -> [Double] {
        let x = design.matrix
        var eta = design.offset
        for j in 0..<x.columns where beta[j] != 0 {
            let base = j * x.rows
            for i in 0..<x.rows { eta[i] += x.storage[base + i] * beta[j] }
        }
        return eta
    }

    /// Row i's log-likelihood without its constant, its score in η and its information in η.
    @inline(__always)
    func rowTerms(_ i: Int, eta: Double) -> (logLikelihood: Double, score: Double, information: Double) {
        let w = priorWeights[i], y = response[i]
        switch family {
        case .binomial:
            // log(1 + e^η) and the mean from one exponential, e^-|η|, without overflow.
            let small = exp(-abs(eta))
            let softplus = max(eta, 0) + log1p(small)
            let mean = eta >= 0 ? 1 / (1 + small) : small / (1 + small)
            return (w * (y * eta - softplus), w * (y - mean), w * mean * (1 - mean))
        default:
            let mean = exp(eta)
            return (w * (y * eta - mean), w * (y - mean), w * mean)
        }
    }

    /// h_g(b) = log p(y_g | b) − b²/2 without constants, with its first and second derivatives.
    func groupObjective(_ rows: [Int], fixed: [Double], sigma: Double, at b: Double)
        -> (value: Double, gradient: Double, curvature: Double) {
        var (value, score, information) = (0.0, 0.0, 0.0)
        for i in rows where priorWeights[i] > 0 {
            let terms = rowTerms(i, eta: fixed[i] + sigma * b)
            value += terms.logLikelihood
            score += terms.score
            information += terms.information
        }
        return (value - b * b / 2, sigma * score - b, sigma * sigma * information + 1)
    }

    /// The conditional mode b̂_g of one group and the curvature H̃_g there, by Newton's method
    /// on the strictly concave h_g (curvature ≥ 1), halving steps that do not increase it.
    func groupMode(_ rows: [Int], fixed: [Double], sigma: Double, start: Double = 0)
        -> (mode: Double, value: Double, curvature: Double) {
        var b = start
        var current = groupObjective(rows, fixed: fixed, sigma: sigma, at: b)
        for _ in 0..<100 {
            var step = current.gradient / current.curvature
            var next = groupObjective(rows, fixed: fixed, sigma: sigma, at: b + step)
            var halvings = 0
            while !(next.value >= current.value - 1e-14 * abs(current.value)) && halvings < 50 {
                step /= 2
                next = groupObjective(rows, fixed: fixed, sigma: sigma, at: b + step)
                halvings += 1
            }
            b += step
            current = next
            if abs(step) <= 1e-13 * max(1, abs(b)) { break }
        }
        return (b, current.value, current.curvature)
    }

    /// The approximate marginal log-likelihood at (σ, β), every constant included: the
    /// Laplace approximation for K = 1, adaptive Gauss-Hermite quadrature otherwise.
    ///
    /// - Complexity: O(n) per inner Newton step, times K for quadrature.
    public func logLikelihood(sigma: Double, beta: [Double]) -> Double {
        let fixed = fixedPredictor(beta)
        let rule = quadraturePoints > 1 ? GaussHermiteRule(points: quadraturePoints) : nil
        var total = constants.reduce(0, +)
        for rows in groupRows {
            let mode = groupMode(rows, fixed: fixed, sigma: sigma)
            guard let rule else {
                total += mode.value - 0.5 * log(mode.curvature)
                continue
            }
            let scale = 1 / mode.curvature.squareRoot()
            var terms: [Double] = []
            for (node, weight) in zip(rule.nodes, rule.weights) {
                let b = mode.mode + 2.squareRoot() * scale * node
                let value = groupObjective(rows, fixed: fixed, sigma: sigma, at: b).value
                terms.append(log(weight) + node * node + value - mode.value)
            }
            let largest = terms.max()!
            let sum = terms.reduce(0.0) { $0 + exp($1 - largest) }
            total += mode.value + largest + log(sum) + log(scale / Double.pi.squareRoot())
        }
        return total
    }

    /// The conditional modes of the random intercepts on the scale of η, σ b̂_g.
    public func conditionalModes(sigma: Double, beta: [Double]) -> [Double] {
        let fixed = fixedPredictor(beta)
        return groupRows.map { sigma * groupMode($0, fixed: fixed, sigma: sigma).mode }
    }
}
