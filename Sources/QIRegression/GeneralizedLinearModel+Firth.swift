import Foundation
import QILinearAlgebra

/// The state of a penalised fit at some β: means, information and penalised log-likelihood.
struct FirthState {
    var coefficients: [Double]
    var mean: [Double]
    var eta: [Double]
    /// I(β) = Xᵀ W X with Wᵢ = wᵢ πᵢ (1 − πᵢ).
    var information: Matrix
    var informationInverse: Matrix
    /// ℓ(β) + ½ log det I(β), with the binomial constants of ``GLMFit/logLikelihood``.
    var penalizedLogLikelihood: Double
    var logLikelihood: Double
    /// U*(β): the gradient of the penalised log-likelihood.
    var modifiedScore: [Double]
}

extension GeneralizedLinearModel {
    /// Firth's penalised logistic regression: maximises ℓ*(β) = ℓ(β) + ½ log det I(β).
    ///
    /// The penalty is Jeffreys' invariant prior; for the logit link the maximiser removes the
    /// O(1/n) bias of maximum likelihood (Firth 1993) and is finite even when the data are
    /// separated (Heinze & Schemper 2002). Its gradient is the modified score
    ///
    ///     U*ⱼ(β) = Σᵢ xᵢⱼ [wᵢ (yᵢ − πᵢ) + hᵢ (½ − πᵢ)],
    ///
    /// hᵢ the diagonal of the hat matrix W^½ X I(β)⁻¹ Xᵀ W^½, Wᵢ = wᵢ πᵢ(1 − πᵢ), wᵢ the
    /// prior weights (the trials of a `cbind` response). Solved as logistf and brglm2 solve it:
    /// Newton-type steps I(β)⁻¹ U*(β), each at most 5 in any coefficient (logistf's
    /// `maxstep`), halved while ℓ* falls, until the largest step is below 1e-12 relative to
    /// max(|βⱼ|, seⱼ) and ℓ* has settled.
    ///
    /// Standard errors are √diag I(β̂)⁻¹, the Fisher information at the estimate, as brglm2,
    /// SAS and logistf ≤ 1.23 report them (logistf ≥ 1.24 reports the inverse of the
    /// information of its "augmented data", about 2% smaller). ``GLMFit/logLikelihood`` is the
    /// unpenalised ℓ(β̂), ``GLMFit/penalizedLogLikelihood`` is ℓ*(β̂); deviance, AIC and BIC
    /// are computed from ℓ(β̂) as for maximum likelihood.
    ///
    /// - Throws: ``GLMError/firthNeedsLogistic(family:link:)`` for another family or link,
    ///   ``GLMError/didNotConverge(iterations:lastChange:deviance:)`` with the evidence.
    /// - Complexity: O(n·p²) per iteration.
    /// - Note: Firth (1993), "Bias reduction of maximum likelihood estimates", Biometrika
    ///   80(1), 27–38, doi:10.1093/biomet/80.1.27; Heinze & Schemper (2002), "A solution to the
    ///   problem of separation in logistic regression", Statistics in Medicine 21(16),
    ///   2409–2419, doi:10.1002/sim.1047; Kosmidis & Firth (2021), Biometrika 108(1), 71–82,
    ///   doi:10.1093/biomet/asaa052 (brglm2).
    public func fitFirth(options: GLMOptions = GLMOptions()) throws(GLMError) -> GLMFit {
        guard family == .binomial, link == .logit else {
            throw .firthNeedsLogistic(family: family.name, link: link.rawValue)
        }
        let separation = try self.separation(options: options)
        let kept = try estimableColumns(options: options)
        let x = design.matrix.selectingColumns(kept)
        let free = Array(0..<kept.count)
        let start = [Double](repeating: 0, count: kept.count)
        let (state, iterations, change) = try maximizePenalized(x, start: start, free: free,
                                                                options: options)
        var coefficients = [Double?](repeating: nil, count: design.matrix.columns)
        for (position, column) in kept.enumerated() { coefficients[column] = state.coefficients[position] }
        let deviance = totalDeviance(state.mean, family: .binomial)
        let result = IRLSResult(coefficients: coefficients, eta: state.eta, mean: state.mean,
                                deviance: deviance, iterations: iterations, stepHalvings: 0,
                                lastRelativeChange: change)
        var fit = try summarise(result, family: .binomial, options: options, separation: nil)
        fit.separation = separation
        fit.method = .firth
        fit.penalizedLogLikelihood = state.penalizedLogLikelihood
        return fit
    }

    /// The penalised log-likelihood and its gradient at β on the columns `x`.
    func firthState(_ x: Matrix, _ coefficients: [Double]) throws(GLMError) -> FirthState {
        let (n, p) = (x.rows, x.columns)
        let eta = linearPredictor(x, coefficients, design.offset)
        let mean = eta.map { 1 / (1 + exp(-$0)) }
        var weighted = Matrix(rows: n, columns: p, repeating: 0)
        var logLikelihoodValue = 0.0
        for i in 0..<n where priorWeights[i] > 0 {
            let root = (priorWeights[i] * mean[i] * (1 - mean[i])).squareRoot()
            for j in 0..<p { weighted[i, j] = root * x[i, j] }
        }
        logLikelihoodValue = GLMFamily.binomial.logLikelihood(
            y: response, mean: mean, weights: priorWeights, trials: trials, deviance: 0)
        let information: Matrix
        let inverse: Matrix
        let logDeterminant: Double
        do {
            information = try weighted.gramMatrix()
            let cholesky = try CholeskyFactorization(information)
            inverse = try cholesky.inverse()
            logDeterminant = cholesky.logDeterminant
        } catch {
            throw .linearAlgebra(error.description)
        }
        var score = [Double](repeating: 0, count: p)
        for i in 0..<n where priorWeights[i] > 0 {
            var hat = 0.0
            for a in 0..<p {
                var row = 0.0
                for b in 0..<p { row += inverse[a, b] * weighted[i, b] }
                hat += weighted[i, a] * row
            }
            let residual = priorWeights[i] * (response[i] - mean[i]) + hat * (0.5 - mean[i])
            for j in 0..<p { score[j] += x[i, j] * residual }
        }
        return FirthState(coefficients: coefficients, mean: mean, eta: eta,
                          information: information, informationInverse: inverse,
                          penalizedLogLikelihood: logLikelihoodValue + 0.5 * logDeterminant,
                          logLikelihood: logLikelihoodValue, modifiedScore: score)
    }

    /// Maximises ℓ* over the coefficients in `free`, the others held at their `start` values,
    /// always with the penalty of the full model (Heinze & Schemper 2002; logistf's
    /// `logistpl` and `logistftest`).
    ///
    /// Steps: (I_ff)⁻¹ U*_f, I_ff the block of the full information on the free coefficients.
    func maximizePenalized(_ x: Matrix, start: [Double], free: [Int], options: GLMOptions)
        throws(GLMError) -> (state: FirthState, iterations: Int, lastChange: Double) {
        var state = try firthState(x, start)
        var lastChange = Double.infinity
        guard !free.isEmpty else { return (state, 0, 0) }
        let maximumStep = 5.0
        var previousStep = Double.infinity
        for iteration in 1...max(options.maximumIterations, 200) {
            let block = Matrix(rowMajor: free.map { a in free.map { b in state.information[a, b] } })
            var step: [Double]
            let blockInverse: Matrix
            do {
                let cholesky = try CholeskyFactorization(block)
                step = try cholesky.solve(free.map { state.modifiedScore[$0] })
                blockInverse = try cholesky.inverse()
            } catch {
                throw .linearAlgebra(error.description)
            }
            let largest = step.map(abs).max() ?? 0
            if largest > maximumStep { step = step.map { $0 * maximumStep / largest } }
            var candidate = state.coefficients
            var relativeStep = 0.0
            for (position, j) in free.enumerated() {
                candidate[j] += step[position]
                let scale = max(abs(state.coefficients[j]), blockInverse[position, position].squareRoot())
                relativeStep = max(relativeStep, abs(step[position]) / scale)
            }
            var next = try firthState(x, candidate)
            var halvings = 0
            while !(next.penalizedLogLikelihood >= state.penalizedLogLikelihood - 1e-12 * abs(state.penalizedLogLikelihood)),
                  halvings < options.maximumStepHalvings {
                halvings += 1
                for (position, j) in free.enumerated() {
                    candidate[j] = state.coefficients[j] + step[position] / pow(2, Double(halvings))
                }
                next = try firthState(x, candidate)
            }
            lastChange = abs(next.penalizedLogLikelihood - state.penalizedLogLikelihood)
                / (abs(next.penalizedLogLikelihood) + 0.1)
            state = next
            // Rounding floor: tiny steps that stop shrinking are noise, not progress.
            let atRoundingFloor = relativeStep < 1e-9 && relativeStep >= 0.9 * previousStep
            if relativeStep < Self.penalizedStepTolerance || atRoundingFloor {
                return (state, iteration, lastChange)
            }
            previousStep = relativeStep
        }
        throw .didNotConverge(iterations: max(options.maximumIterations, 200),
                              lastChange: lastChange, deviance: totalDeviance(state.mean, family: .binomial))
    }

    /// Steps below this, relative to max(|βⱼ|, seⱼ), end the penalised iteration. The
    /// iteration converges linearly (I is not the Hessian of ℓ*) at a rate of order 1/n, so
    /// a few more iterations reach it than a looser criterion.
    static let penalizedStepTolerance = 1e-12
}
