#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

extension GeneralizedLinearMixedModel {
    /// The Laplace log-likelihood of a model with several random-effect terms or random
    /// slopes at (θ, β), with its exact gradient over (θ, β) and the spherical conditional
    /// modes û.
    ///
    /// Model (Bates et al. 2015, §5; lme4's `glmer`): ηᵢ = xᵢᵀβ + oᵢ + z̃ᵢᵀu with u ~ N(0, I)
    /// and z̃ᵢ = (ZΛθ)ᵢ: for each term t with kₜ columns zₜᵢ and lower-triangular relative
    /// covariance factor Tₜ (θ its lower triangle, column by column), the entries Tₜᵀzₜᵢ in
    /// the columns of row i's group (for a random intercept alone, θₜ). Penalised IRLS finds
    /// the mode û of φ(u) = Σᵢ ℓᵢ(ηᵢ) − ‖u‖²/2 by Newton steps δ = H⁻¹(ΛᵀZᵀs − u), halved
    /// until φ rises, with H = ΛᵀZᵀWZΛ + I (``RandomEffectsSystem``), sᵢ = wᵢ(yᵢ − μᵢ),
    /// Wᵢ = wᵢV(μᵢ) (``rowDerivatives(_:eta:)``), and the Laplace approximation is
    ///     ℓ(θ, β) = Σᵢ ℓᵢ(η̂ᵢ) + constants − ‖û‖²/2 − ½ log det H,
    /// −½ times lme4's Laplace deviance (deviance residuals + ‖û‖² + log det LLᵀ) with the
    /// saturated log-likelihood added back.
    ///
    /// Gradient: û is a stationary point of φ, so the first two terms differentiate at fixed
    /// u. With hᵢ = H⁻¹z̃ᵢ, levᵢ = z̃ᵢᵀhᵢ, tᵢ = dWᵢ/dη, cᵢ = tᵢlevᵢ, the adjoint
    /// v = H⁻¹ΛᵀZᵀc and eᵢ = Wᵢz̃ᵢᵀv (implicit differentiation of the mode,
    /// dû = H⁻¹ d(ΛᵀZᵀs − u)), the derivative of −½ log det H = −½ tr(H⁻¹dH) gives
    ///     ∂ℓ/∂β = Xᵀ(s − c/2 + e/2),
    ///     ∂ℓ/∂Tₜ[r, c] = Σᵢ zₜᵢ[r] [(sᵢ − (cᵢ − eᵢ)/2) u_j − ½ sᵢ v_j − Wᵢ (hᵢ)_j],
    /// j the column of u that entry c of term t of row i multiplies. With one random
    /// intercept this is the formula of ``laplaceEvaluation(sigma:beta:startingModes:)``.
    ///
    /// - Note: Bates, Mächler, Bolker & Walker (2015), "Fitting linear mixed-effects models
    ///   using lme4", J Stat Softw 67(1), §5 (PIRLS and the Laplace approximation),
    ///   doi:10.18637/jss.v067.i01.
    /// - Complexity: per PIRLS step O(n K² + Σₐ k₁mₐ² + q₂³) for K = Σₜkₜ entries per row,
    ///   the first term's k₁ columns and the q₂ columns of the others (a first-term group
    ///   meeting mₐ of them); the gradient adds O(q₂³ + Σₐ(k₁ + mₐ)²mₐ + n(K² + p)).
    func laplaceEvaluation(theta: [Double], beta: [Double], startingModes: [Double]?) -> LaplaceEvaluation {
        let layout = layout!
        let width = layout.entriesPerRow
        let n = response.count
        let q = layout.firstCount + layout.otherCount
        let fixed = fixedPredictor(beta)
        // z̃ᵢ = Tₜᵀzₜᵢ for each term: the row of ZΛ at the layout's columns.
        let factors = RandomEffectTerm.factors(terms, theta: theta)
        var values = [Double](repeating: 0, count: n * width)
        var entry = 0
        for (t, term) in terms.enumerated() {
            let k = term.columnCount, z = term.matrix.storage
            for c in 0..<k {
                for i in 0..<n {
                    var sum = 0.0
                    for r in c..<k { sum += factors[t][c * k + r] * z[r * n + i] }
                    values[i * width + entry + c] = sum
                }
            }
            entry += k
        }
        var u = startingModes ?? [Double](repeating: 0, count: q)
        func predictor(_ u: [Double]) -> [Double] {
            var eta = fixed
            for i in 0..<n {
                for j in 0..<width { eta[i] += values[i * width + j] * u[layout.columns[i * width + j]] }
            }
            return eta
        }
        func penalised(_ u: [Double]) -> Double {
            let eta = predictor(u)
            var value = 0.0
            for i in 0..<n where priorWeights[i] > 0 { value += rowTerms(i, eta: eta[i]).logLikelihood }
            return value - u.reduce(0) { $0 + $1 * $1 } / 2
        }
        // H = ΛᵀZᵀWZΛ + I (factorised by blocks) and ΛᵀZᵀs − u at η, with the rows' derivatives.
        func system(_ u: [Double]) -> (matrix: RandomEffectsSystem?, gradient: [Double],
                                       rows: [(score: Double, information: Double, skew: Double)]) {
            let eta = predictor(u)
            var gradient = u.map { -$0 }
            var rows = [(score: Double, information: Double, skew: Double)](repeating: (0, 0, 0), count: n)
            for i in 0..<n where priorWeights[i] > 0 {
                let derivatives = rowDerivatives(i, eta: eta[i])
                rows[i] = derivatives
                for j in 0..<width {
                    gradient[layout.columns[i * width + j]] += values[i * width + j] * derivatives.score
                }
            }
            let matrix = try? RandomEffectsSystem(layout: layout, weights: rows.map(\.information),
                                                  values: values)
            return (matrix, gradient, rows)
        }
        var value = penalised(u)
        for _ in 0..<100 {
            let current = system(u)
            guard let step = current.matrix?.solve(current.gradient) else { break }
            let next = StepHalving.ascend(from: u, along: step, value: value, relativeTolerance: 1e-14,
                                          maximumHalvings: 50, objective: penalised, valueOf: { $0 })
            u = next.point
            value = next.evaluation
            let largest = step.map { abs($0) * next.scale }.max() ?? 0
            if largest <= 1e-13 * max(1, u.map(abs).max() ?? 0) { break }
        }
        let final = system(u)
        let nanResult = LaplaceEvaluation(value: .nan, gradient: [Double](repeating: .nan, count: theta.count + beta.count), modes: u)
        guard let factor = final.matrix else { return nanResult }
        let inverses = factor.groupInverses()
        let logLikelihood = constants.reduce(0, +) + penalised(u) - factor.logDeterminant / 2
        // hᵢ = H⁻¹z̃ᵢ at the row's own columns, the leverages z̃ᵢᵀhᵢ and ΛᵀZᵀc for the adjoint.
        var projections = [Double](repeating: 0, count: n * width)
        var leverageWeights = [Double](repeating: 0, count: n)
        var adjointRight = [Double](repeating: 0, count: q)
        for i in 0..<n where priorWeights[i] > 0 {
            let base = i * width
            let group = layout.columns[base] / layout.firstWidth
            let inverse = inverses[group]
            let order = layout.firstWidth + layout.support[group].count
            var leverage = 0.0
            for j in 0..<width {
                var sum = 0.0
                let row = layout.local[base + j]
                for m in 0..<width { sum += inverse[layout.local[base + m] * order + row] * values[base + m] }
                projections[base + j] = sum
                leverage += values[base + j] * sum
            }
            leverageWeights[i] = final.rows[i].skew * leverage
            for j in 0..<width { adjointRight[layout.columns[base + j]] += values[base + j] * leverageWeights[i] }
        }
        let adjoint = factor.solve(adjointRight)
        // Per row and entry j, the factor of ∂z̃ᵢⱼ in the θ-gradient:
        // (sᵢ − (cᵢ − eᵢ)/2) u_col − sᵢ v_col/2 − Wᵢ hᵢⱼ.
        var entryWeights = [Double](repeating: 0, count: n * width)
        var rowWeights = [Double](repeating: 0, count: n)
        for i in 0..<n where priorWeights[i] > 0 {
            let base = i * width
            var projected = 0.0
            for j in 0..<width { projected += values[base + j] * adjoint[layout.columns[base + j]] }
            let e = final.rows[i].information * projected
            let c = leverageWeights[i], s = final.rows[i].score
            rowWeights[i] = s - c / 2 + e / 2
            for j in 0..<width {
                let column = layout.columns[base + j]
                entryWeights[base + j] = (s - (c - e) / 2) * u[column] - s * adjoint[column] / 2
                    - final.rows[i].information * projections[base + j]
            }
        }
        // θ of term t at (r, c) moves entry c of the term by zₜᵢ[r].
        var thetaGradient: [Double] = []
        entry = 0
        for term in terms {
            let k = term.columnCount, z = term.matrix.storage
            for c in 0..<k {
                for r in c..<k {
                    var sum = 0.0
                    for i in 0..<n { sum += z[r * n + i] * entryWeights[i * width + entry + c] }
                    thetaGradient.append(sum)
                }
            }
            entry += k
        }
        let betaGradient = (try? design.matrix.multiplied(by: rowWeights, transposingSelf: true))
            ?? [Double](repeating: .nan, count: beta.count)
        return LaplaceEvaluation(value: logLikelihood, gradient: thetaGradient + betaGradient, modes: u)
    }

    /// Fits a model with several random-effect terms or random slopes by maximising the
    /// Laplace log-likelihood over (θ, β) jointly, as lme4's second stage (nAGQ = 1) does.
    ///
    /// Newton's method from lme4's start (Tₜ = I) and the GLM's β, with the exact gradient
    /// (``laplaceEvaluation(theta:beta:startingModes:)``) and its forward differences for the
    /// Hessian, shifted (Levenberg) until negative definite, and steps halved until the
    /// log-likelihood rises. The log-likelihood depends on θ only through each TₜTₜᵀ, which a
    /// column's sign does not change (u and −u have the same density), so θ is left
    /// unconstrained and each column of Tₜ turned to a non-negative diagonal at the end; a
    /// diagonal whose optimum is 0 converges to 0 (the log-likelihood is smooth there).
    /// Converged when no parameter moves by more than ``GLMMOptions/parameterTolerance``
    /// times max(1, |xₖ|). Standard errors come from Richardson-extrapolated central
    /// differences of the exact gradient over (θ, β), over β and the θ off the boundary
    /// (diagonals below ``GLMMOptions/singularTolerance``, set to 0); a standard deviation's
    /// error by the delta method, ∂σ_c/∂T_cj = T_cj/σ_c.
    func fitSeveralTerms(start: GLMFit, options: GLMMOptions) throws(GLMMError) -> GLMMFit {
        let p = design.matrix.columns
        let diagonal = RandomEffectTerm.lowerBounded(terms)
        let thetaCount = diagonal.count
        var x = diagonal.map { $0 ? 1.0 : 0.0 } + start.coefficients.map { $0! }
        var modes: [Double]? = nil
        func evaluate(_ parameters: [Double]) -> LaplaceEvaluation {
            laplaceEvaluation(theta: Array(parameters[..<thetaCount]),
                              beta: Array(parameters[thetaCount...]), startingModes: modes)
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
            let step = StepHalving.ascend(from: x, along: direction, value: value, relativeTolerance: 1e-13,
                                          maximumHalvings: 40, objective: evaluate, valueOf: \.value)
            guard step.evaluation.value.isFinite, step.halvings < 40 else { break }
            lastChange = zip(x, step.point).map { abs($1 - $0) / max(1, abs($0)) }.max() ?? 0
            x = step.point
            value = step.evaluation.value
            here = step.evaluation
            if lastChange <= options.parameterTolerance {
                converged = true
                break
            }
        }
        guard converged else {
            throw .didNotConverge(iterations: iterations, lastChange: lastChange, logLikelihood: value)
        }
        // Each column of Tₜ with a non-negative diagonal, and diagonals on the boundary at 0.
        var position = 0
        var diagonalPositions: [[Int]] = []
        for term in terms {
            let k = term.columnCount
            var positions: [Int] = []
            for column in 0..<k {
                positions.append(position)
                if x[position] < 0 {
                    for row in 0..<(k - column) { x[position + row] = -x[position + row] }
                }
                if x[position] < options.singularTolerance { x[position] = 0 }
                position += k - column
            }
            diagonalPositions.append(positions)
        }
        modes = nil
        let final = evaluate(x)
        modes = final.modes
        let boundary = diagonalPositions.joined().filter { x[$0] == 0 }
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
        let factors = RandomEffectTerm.factors(terms, theta: Array(x[..<thetaCount]))
        var randomEffects: [GLMMRandomEffect] = []
        var boundaryComponents: [BoundaryComponent] = []
        var seen: [String: Int] = [:]
        for (t, term) in terms.enumerated() {
            let k = term.columnCount, factor = factors[t]
            // A label repeated by another term is numbered as lme4 prints it (`herd.1`).
            let label = term.grouping.label
            let group = seen[label].map { "\(label).\($0)" } ?? label
            seen[label, default: 0] += 1
            // Σ = TTᵀ; θ position of T[row, column] in θ.
            func covarianceEntry(_ a: Int, _ b: Int) -> Double {
                (0...min(a, b)).reduce(0) { $0 + factor[$1 * k + a] * factor[$1 * k + b] }
            }
            func thetaPosition(row: Int, column: Int) -> Int { diagonalPositions[t][column] + row - column }
            for column in 0..<k {
                let variance = covarianceEntry(column, column)
                let sd = variance.squareRoot()
                var correlation: Double? = nil
                if column > 0 {
                    let denominator = (variance * covarianceEntry(column - 1, column - 1)).squareRoot()
                    correlation = denominator > 0 ? covarianceEntry(column, column - 1) / denominator : nil
                }
                var error: Double? = nil
                if sd > 0 {
                    let positions = (0...column).map { thetaPosition(row: column, column: $0) }
                    let derivatives = (0...column).map { factor[$0 * k + column] / sd }
                    var sum = 0.0
                    for (a, i) in positions.enumerated() {
                        for (b, j) in positions.enumerated() { sum += derivatives[a] * covariance[i, j] * derivatives[b] }
                    }
                    error = sum > 0 ? sum.squareRoot() : nil
                }
                randomEffects.append(GLMMRandomEffect(
                    group: group, term: term.columnNames[column],
                    groupCount: term.grouping.levels.count, standardDeviation: sd,
                    standardDeviationError: error, correlation: correlation))
                let position = diagonalPositions[t][column]
                guard x[position] == 0 else { continue }
                // The evidence for a boundary: the log-likelihood's second derivative in the
                // diagonal there (its first is 0 for an intercept-only term, by symmetry),
                // central differences of the exact gradient with one Richardson step.
                func slope(_ h: Double) -> Double {
                    var plus = x, minus = x
                    plus[position] = h
                    minus[position] = -h
                    return (evaluate(plus).gradient[position] - evaluate(minus).gradient[position]) / (2 * h)
                }
                let h = options.hessianStep
                boundaryComponents.append(BoundaryComponent(
                    group: group, term: term.columnNames[column], theta: 0,
                    gradient: final.gradient[position], curvature: (4 * slope(h / 2) - slope(h)) / 3))
            }
        }
        let parameterCount = Double(p + thetaCount)
        let used = priorWeights.filter { $0 > 0 }.count
        // b = Λθû, term by term, group by group.
        var conditionalModes: [Double] = []
        var offset = 0
        for (t, term) in terms.enumerated() {
            let k = term.columnCount
            for g in 0..<term.grouping.levels.count {
                for row in 0..<k {
                    var sum = 0.0
                    for column in 0...row { sum += factors[t][column * k + row] * final.modes[offset + g * k + column] }
                    conditionalModes.append(sum)
                }
            }
            offset += term.grouping.levels.count * k
        }
        return GLMMFit(
            family: family, link: link, names: design.columnNames,
            coefficients: Array(x[thetaCount...]),
            standardErrors: (0..<p).map { covariance[thetaCount + $0, thetaCount + $0].squareRoot() },
            randomEffects: randomEffects, boundaryComponents: boundaryComponents,
            logLikelihood: final.value, aic: -2 * final.value + 2 * parameterCount,
            bic: -2 * final.value + log(Double(used)) * parameterCount,
            quadraturePoints: quadraturePoints, rowCount: design.rowCount,
            rowsDropped: design.rowsDropped, iterations: iterations, converged: converged,
            lastRelativeChange: lastChange, gradient: final.gradient,
            covariance: covariance, conditionalModes: conditionalModes)
    }
}
