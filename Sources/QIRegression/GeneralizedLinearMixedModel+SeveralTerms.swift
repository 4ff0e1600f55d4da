#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

extension GeneralizedLinearMixedModel {
    /// The Laplace log-likelihood of a model with several random-intercept terms at (θ, β),
    /// with its exact gradient over (θ, β) and the spherical conditional modes û.
    ///
    /// Model (Bates et al. 2015, §5; lme4's `glmer`): ηᵢ = xᵢᵀβ + oᵢ + z̃ᵢᵀu with u ~ N(0, I)
    /// and z̃ᵢ = (ZΛθ)ᵢ, whose only entries are θₜ in the column of row i's group of term t
    /// (Λθ diagonal, θₜ the standard deviation of term t). Penalised IRLS finds the mode û of
    /// φ(u) = Σᵢ ℓᵢ(ηᵢ) − ‖u‖²/2 by Newton steps δ = H⁻¹(ΛᵀZᵀs − u), halved until φ rises,
    /// with H = ΛᵀZᵀWZΛ + I, sᵢ = wᵢ(yᵢ − μᵢ), Wᵢ = wᵢV(μᵢ) (``rowDerivatives(_:eta:)``),
    /// and the Laplace approximation is
    ///     ℓ(θ, β) = Σᵢ ℓᵢ(η̂ᵢ) + constants − ‖û‖²/2 − ½ log det H,
    /// −½ times lme4's Laplace deviance (deviance residuals + ‖û‖² + log det LLᵀ) with the
    /// saturated log-likelihood added back.
    ///
    /// Gradient: û is a stationary point of φ, so the first two terms differentiate at fixed
    /// u (sᵢ xᵢⱼ for βⱼ, sᵢ u_{t(i)} for θₜ). With levᵢ = z̃ᵢᵀH⁻¹z̃ᵢ, tᵢ = dWᵢ/dη, cᵢ = tᵢlevᵢ,
    /// the adjoint v = H⁻¹ΛᵀZᵀc and eᵢ = Wᵢz̃ᵢᵀv (implicit differentiation of the mode,
    /// dû = H⁻¹ d(ΛᵀZᵀs − u)), the derivative of −½ log det H = −½ tr(H⁻¹dH) gives
    ///     ∂ℓ/∂β = Xᵀ(s − c/2 + e/2),
    ///     ∂ℓ/∂θₜ = Σᵢ [sᵢ u_{t(i)} − ½ (cᵢ − eᵢ) u_{t(i)} − ½ sᵢ v_{t(i)}]
    ///              − Σᵢ Wᵢ Σₛ θₛ (H⁻¹)_{s(i), t(i)}.
    /// With one term this is the formula of ``laplaceEvaluation(sigma:beta:startingModes:)``.
    ///
    /// - Note: Bates, Mächler, Bolker & Walker (2015), "Fitting linear mixed-effects models
    ///   using lme4", J Stat Softw 67(1), §5 (PIRLS and the Laplace approximation),
    ///   doi:10.18637/jss.v067.i01.
    /// - Complexity: O(n T² + q₂³) per PIRLS step for T terms whose first has q₁ groups and
    ///   the others q₂ (``RandomInterceptSystem``), plus O(q₂³ + n(T² k + p)) for the
    ///   gradient, k the most other-term groups a first-term group meets.
    func laplaceEvaluation(theta: [Double], beta: [Double], startingModes: [Double]?) -> LaplaceEvaluation {
        let termCount = terms.count
        let n = response.count
        let q = termOffsets.last! + terms.last!.grouping.levels.count
        let fixed = fixedPredictor(beta)
        var u = startingModes ?? [Double](repeating: 0, count: q)
        func predictor(_ u: [Double]) -> [Double] {
            var eta = fixed
            for i in 0..<n {
                for t in 0..<termCount { eta[i] += theta[t] * u[termColumns[i * termCount + t]] }
            }
            return eta
        }
        func penalised(_ u: [Double]) -> Double {
            let eta = predictor(u)
            var value = 0.0
            for i in 0..<n where priorWeights[i] > 0 { value += rowTerms(i, eta: eta[i]).logLikelihood }
            return value - u.reduce(0) { $0 + $1 * $1 } / 2
        }
        let firstCount = terms[0].grouping.levels.count
        // H = ΛᵀZᵀWZΛ + I (factorised by blocks) and ΛᵀZᵀs − u at η, with the rows' derivatives.
        func system(_ u: [Double]) -> (matrix: RandomInterceptSystem?, gradient: [Double],
                                       rows: [(score: Double, information: Double, skew: Double)]) {
            let eta = predictor(u)
            var gradient = u.map { -$0 }
            var rows = [(score: Double, information: Double, skew: Double)](repeating: (0, 0, 0), count: n)
            for i in 0..<n where priorWeights[i] > 0 {
                let derivatives = rowDerivatives(i, eta: eta[i])
                rows[i] = derivatives
                for t in 0..<termCount {
                    gradient[termColumns[i * termCount + t]] += theta[t] * derivatives.score
                }
            }
            let matrix = try? RandomInterceptSystem(weights: rows.map(\.information), columns: termColumns,
                                                    theta: theta, firstCount: firstCount,
                                                    otherCount: q - firstCount)
            return (matrix, gradient, rows)
        }
        var value = penalised(u)
        for _ in 0..<100 {
            let current = system(u)
            guard let step = try? current.matrix?.solve(current.gradient) else { break }
            var scale = 1.0
            var candidate = zip(u, step).map { $0 + $1 }
            var candidateValue = penalised(candidate)
            var halvings = 0
            while !(candidateValue >= value - 1e-14 * abs(value)) && halvings < 50 {
                scale /= 2
                candidate = zip(u, step).map { $0 + scale * $1 }
                candidateValue = penalised(candidate)
                halvings += 1
            }
            u = candidate
            value = candidateValue
            let largest = step.map { abs($0) * scale }.max() ?? 0
            if largest <= 1e-13 * max(1, u.map(abs).max() ?? 0) { break }
        }
        let final = system(u)
        let nanResult = LaplaceEvaluation(value: .nan, gradient: [Double](repeating: .nan, count: termCount + beta.count), modes: u)
        guard let factor = final.matrix,
              let inverse = try? RandomInterceptSystem.Inverse(factor) else { return nanResult }
        let logLikelihood = constants.reduce(0, +) + penalised(u) - factor.logDeterminant / 2
        // Leverages, the trace terms of θ and the adjoint right-hand side ΛᵀZᵀc.
        var leverageWeights = [Double](repeating: 0, count: n)
        var adjointRight = [Double](repeating: 0, count: q)
        var thetaGradient = [Double](repeating: 0, count: termCount)
        for i in 0..<n where priorWeights[i] > 0 {
            var leverage = 0.0
            for t in 0..<termCount {
                let a = termColumns[i * termCount + t]
                var row = 0.0
                for s in 0..<termCount {
                    row += theta[s] * inverse.entry(a, termColumns[i * termCount + s])
                }
                leverage += theta[t] * row
                thetaGradient[t] -= final.rows[i].information * row
            }
            leverageWeights[i] = final.rows[i].skew * leverage
            for t in 0..<termCount {
                adjointRight[termColumns[i * termCount + t]] += theta[t] * leverageWeights[i]
            }
        }
        guard let adjoint = try? factor.solve(adjointRight) else { return nanResult }
        var rowWeights = [Double](repeating: 0, count: n)
        for i in 0..<n where priorWeights[i] > 0 {
            var projected = 0.0
            for t in 0..<termCount { projected += theta[t] * adjoint[termColumns[i * termCount + t]] }
            let e = final.rows[i].information * projected
            let c = leverageWeights[i], s = final.rows[i].score
            rowWeights[i] = s - c / 2 + e / 2
            for t in 0..<termCount {
                let a = termColumns[i * termCount + t]
                thetaGradient[t] += (s - (c - e) / 2) * u[a] - s * adjoint[a] / 2
            }
        }
        let betaGradient = (try? design.matrix.multiplied(by: rowWeights, transposingSelf: true))
            ?? [Double](repeating: .nan, count: beta.count)
        return LaplaceEvaluation(value: logLikelihood, gradient: thetaGradient + betaGradient, modes: u)
    }

    /// Fits a model with several random-intercept terms by maximising the Laplace
    /// log-likelihood over (θ, β) jointly, as lme4's second stage (nAGQ = 1) does.
    ///
    /// Newton's method from θ = 1 and the GLM's β, with the exact gradient
    /// (``laplaceEvaluation(theta:beta:startingModes:)``) and its forward differences for the
    /// Hessian, shifted (Levenberg) until negative definite, and steps halved until the
    /// log-likelihood rises. The log-likelihood is even in each θₜ (u and −u have the same
    /// density), so θ is left unconstrained and reported as |θₜ|; a θₜ whose optimum is 0
    /// converges to 0 (the log-likelihood is smooth and even there). Converged when no
    /// parameter moves by more than ``GLMMOptions/parameterTolerance`` times max(1, |xₖ|).
    /// Standard errors come from Richardson-extrapolated central differences of the exact
    /// gradient over (θ, β), over β and the θₜ off the boundary (|θₜ| ≥
    /// ``GLMMOptions/singularTolerance``), with boundary θₜ set to 0.
    func fitSeveralTerms(start: GLMFit, options: GLMMOptions) throws(GLMMError) -> GLMMFit {
        let p = design.matrix.columns
        let termCount = terms.count
        var x = [Double](repeating: 1, count: termCount) + start.coefficients.map { $0! }
        var modes: [Double]? = nil
        func evaluate(_ parameters: [Double]) -> LaplaceEvaluation {
            laplaceEvaluation(theta: Array(parameters[..<termCount]),
                              beta: Array(parameters[termCount...]), startingModes: modes)
        }
        var here = evaluate(x)
        var value = here.value
        var iterations = 0
        var lastChange = Double.infinity
        var converged = false
        let all = Array(x.indices)
        while iterations < options.maximumIterations {
            iterations += 1
            modes = here.modes
            let hessian = Self.forwardJacobian({ evaluate($0).gradient }, at: x,
                                               gradient: here.gradient, step: 1e-6)
            let direction = Self.ascentDirection(hessian: hessian, gradient: here.gradient, free: all)
            var scale = 1.0
            var candidate = zip(x, direction).map { $0 + $1 }
            var next = evaluate(candidate)
            var halvings = 0
            while !(next.value >= value - 1e-13 * abs(value)) && halvings < 40 {
                scale /= 2
                candidate = zip(x, direction).map { $0 + scale * $1 }
                next = evaluate(candidate)
                halvings += 1
            }
            guard next.value.isFinite, halvings < 40 else { break }
            lastChange = zip(x, candidate).map { abs($1 - $0) / max(1, abs($0)) }.max() ?? 0
            x = candidate
            value = next.value
            here = next
            if lastChange <= options.parameterTolerance {
                converged = true
                break
            }
        }
        guard converged else {
            throw .didNotConverge(iterations: iterations, lastChange: lastChange, logLikelihood: value)
        }
        // |θₜ|, and θₜ = 0 on the boundary (the log-likelihood is even in each θₜ).
        for t in 0..<termCount {
            x[t] = abs(x[t]) < options.singularTolerance ? 0 : abs(x[t])
        }
        modes = nil
        let final = evaluate(x)
        modes = final.modes
        let boundary = (0..<termCount).filter { x[$0] == 0 }
        let free = all.filter { !boundary.contains($0) }
        let full = Self.gradientJacobian({ evaluate($0).gradient }, at: x, step: options.hessianStep,
                                         levels: max(1, options.richardsonLevels / 2), only: free)
        var information = Matrix(rows: free.count, columns: free.count, repeating: 0)
        for (a, i) in free.enumerated() {
            for (b, j) in free.enumerated() { information[a, b] = -full[i, j] }
        }
        let reduced: Matrix
        do {
            reduced = try CholeskyFactorization(information).inverse()
        } catch {
            throw .didNotConverge(iterations: iterations, lastChange: lastChange, logLikelihood: final.value)
        }
        // The covariance over (θ, β) with zero rows and columns for boundary θ.
        var covariance = Matrix(rows: x.count, columns: x.count, repeating: 0)
        for (a, i) in free.enumerated() {
            for (b, j) in free.enumerated() { covariance[i, j] = reduced[a, b] }
        }
        let randomEffects = terms.enumerated().map { t, term in
            GLMMRandomEffect(group: term.grouping.label, groupCount: term.grouping.levels.count,
                             standardDeviation: x[t],
                             standardDeviationError: x[t] == 0 ? nil : covariance[t, t].squareRoot())
        }
        // The evidence for a boundary: ℓ is even in θₜ, so ∂ℓ/∂θₜ = 0 at 0 and the curvature
        // decides; ∂ℓ/∂θₜ(h)/h = ℓ''(0) + O(h²), with one Richardson step.
        let boundaryComponents = boundary.map { t in
            func slope(_ h: Double) -> Double {
                var moved = x
                moved[t] = h
                return evaluate(moved).gradient[t] / h
            }
            let h = options.hessianStep
            return BoundaryComponent(group: terms[t].grouping.label, term: "(Intercept)",
                                     theta: x[t], gradient: final.gradient[t],
                                     curvature: (4 * slope(h / 2) - slope(h)) / 3)
        }
        let parameterCount = Double(p + termCount)
        let used = priorWeights.filter { $0 > 0 }.count
        let conditionalModes = terms.indices.flatMap { t in
            (0..<terms[t].grouping.levels.count).map { x[t] * final.modes[termOffsets[t] + $0] }
        }
        return GLMMFit(
            family: family, link: link, names: design.columnNames,
            coefficients: Array(x[termCount...]),
            standardErrors: (0..<p).map { covariance[termCount + $0, termCount + $0].squareRoot() },
            randomEffects: randomEffects, boundaryComponents: boundaryComponents,
            logLikelihood: final.value, aic: -2 * final.value + 2 * parameterCount,
            bic: -2 * final.value + log(Double(used)) * parameterCount,
            quadraturePoints: quadraturePoints, rowCount: design.rowCount,
            rowsDropped: design.rowsDropped, iterations: iterations, converged: converged,
            lastRelativeChange: lastChange, gradient: final.gradient,
            covariance: covariance, conditionalModes: conditionalModes)
    }
}
