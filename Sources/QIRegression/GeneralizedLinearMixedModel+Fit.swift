#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra
import QIStatistics

/// Tolerances of the mixed-model fit, passed in rather than global.
public struct GLMMOptions: Sendable, Equatable {
    /// Stop when the largest Newton step is below this relative to max(1, |parameter|)
    /// (the issue asks for 1e-8 or better; lme4's defaults stop near 1e-4).
    public var parameterTolerance: Double = 1e-10
    public var maximumIterations: Int = 200
    /// σ̂ below this is reported as a boundary (singular) fit, lme4's `isSingular` default.
    public var singularTolerance: Double = 1e-4
    /// The first step of the Richardson-extrapolated central differences for the Hessian at
    /// the optimum, halved at each of ``richardsonLevels`` levels (half as many, at least one,
    /// for the Laplace approximation, whose Hessian differences the exact gradient).
    public var hessianStep: Double = 1e-3
    public var richardsonLevels: Int = 4

    public init() {}
}

/// One column of a random-effect term of a fitted generalised linear mixed model: its
/// variance, standard deviation and correlation with the term's previous column.
public struct GLMMRandomEffect: Sendable, Equatable {
    /// The grouping factor's label (`practice`, or `BROOD:LOCATION` for a nested term).
    public let group: String
    /// The column that varies by group (`(Intercept)`, `t`).
    public let term: String
    /// The number of groups.
    public let groupCount: Int
    /// The standard deviation σ̂ (for a random intercept alone, lme4's θ) and variance σ̂².
    public let standardDeviation: Double
    public var variance: Double { standardDeviation * standardDeviation }
    /// The standard error of σ̂ (delta method for a random slope's term), nil at a boundary.
    public let standardDeviationError: Double?
    /// The correlation with the previous column of the same term, nil for a term's first.
    public let correlation: Double?
}

/// A fitted generalised linear mixed model with one or more random intercepts: an immutable
/// value.
///
/// Standard errors are the square roots of the diagonal of the inverse negative Hessian of
/// the approximate marginal log-likelihood over (θ, β) at the optimum, by central
/// differences with Richardson extrapolation (`"observed_hessian_richardson"`; for the
/// Laplace approximation, differences of its exact gradient): the same
/// quantity lme4 approximates with its own finite differences at its stopping point. At a
/// boundary fit (σ̂ₜ = 0) the Hessian is taken over β and the other θ, and σₜ has no
/// standard error.
public struct GLMMFit: Sendable {
    public let family: GLMFamily
    public let link: LinkFunction
    public let names: [String]
    public let coefficients: [Double]
    public let standardErrors: [Double]
    /// The random-intercept terms in lme4's order (decreasing number of groups).
    public let randomEffects: [GLMMRandomEffect]
    /// The terms whose standard deviation is on the boundary (below
    /// ``GLMMOptions/singularTolerance``), lme4's "boundary (singular) fit".
    public let boundaryComponents: [BoundaryComponent]
    /// The first term's standard deviation σ̂ (lme4's θ) and variance σ̂²: the random
    /// intercept of a model with one.
    public var randomInterceptStandardDeviation: Double { randomEffects[0].standardDeviation }
    public var randomInterceptVariance: Double { randomEffects[0].variance }
    /// The standard error of the first term's σ̂, nil at a boundary fit.
    public var randomInterceptStandardDeviationError: Double? { randomEffects[0].standardDeviationError }
    /// The first term's grouping factor label and number of groups.
    public var groupLabel: String { randomEffects[0].group }
    public var groupCount: Int { randomEffects[0].groupCount }
    /// The full log-likelihood (every constant, at every K), AIC and BIC with p + T
    /// parameters for T random-effect terms.
    public let logLikelihood: Double
    public let aic: Double
    public let bic: Double
    /// Quadrature points: 1 for the Laplace approximation.
    public let quadraturePoints: Int
    public let rowCount: Int
    public let rowsDropped: Int
    public let iterations: Int
    public let converged: Bool
    /// The largest relative parameter step of the last iteration.
    public let lastRelativeChange: Double
    /// The gradient of the log-likelihood over (θ, β) at the estimate.
    public let gradient: [Double]
    /// Whether a σ̂ₜ is on the boundary, lme4's "boundary (singular) fit".
    public var isSingular: Bool { !boundaryComponents.isEmpty }
    /// The covariance of (σ̂, β̂) (over β̂ alone at a boundary fit) with one random intercept;
    /// with several, of (θ̂, β̂) with zero rows and columns for boundary θ.
    public let covariance: Matrix
    /// The conditional modes σₜ b̂_g of the random intercepts, by group in order of
    /// appearance, term after term.
    public let conditionalModes: [Double]

    public var deviance: Double { -2 * logLikelihood }

    public var statistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided p-values of the Wald z tests (lme4's `summary`).
    public var pValues: [Double] {
        statistics.map { 2 * NormalDistribution.standard.complementaryCDF(abs($0)) }
    }

    /// Wald intervals β̂ ± z se.
    public func waldIntervals(level: Double) -> [(lower: Double, upper: Double)] {
        let quantile = (try? NormalDistribution.standard.quantile((1 + level) / 2)) ?? .nan
        return zip(coefficients, standardErrors).map { ($0 - quantile * $1, $0 + quantile * $1) }
    }
}

extension GeneralizedLinearMixedModel {
    /// Fits the model by maximising the approximate marginal log-likelihood over (σ, β);
    /// a model with several random-effect terms by
    /// ``fitSeveralTerms(start:options:)``.
    ///
    /// Starts from the GLM without the random intercept and σ = 1, then takes Newton steps.
    /// For the Laplace approximation (K = 1) the gradient is exact
    /// (``laplaceEvaluation(sigma:beta:startingModes:)``) and the Hessian its central
    /// differences, each evaluation's conditional modes starting from the last ones; for
    /// quadrature the gradient comes from Richardson-extrapolated central differences and the
    /// Hessian from central differences. The Hessian is made negative definite by a Levenberg
    /// shift when needed, the step
    /// halved until the log-likelihood rises, and projected onto σ ≥ 0. The log-likelihood is
    /// even in σ (b and −b have the same density), so differences across σ = 0 are valid and
    /// a fit that reaches σ = 0 with a non-positive σ-derivative stays there (boundary fit).
    ///
    /// - Throws: ``GLMMError/aliasedColumns(names:)``, ``GLMMError/fixedEffects(_:)`` from the
    ///   starting GLM, ``GLMMError/didNotConverge(iterations:lastChange:logLikelihood:)``.
    /// - Complexity: O(n) per log-likelihood evaluation (times the inner Newton steps and K),
    ///   plus O(n·p) for an exact gradient; 2(p + 1) gradient evaluations per iteration for
    ///   Laplace, O(p²) log-likelihood evaluations for quadrature.
    public func fit(options: GLMMOptions = GLMMOptions()) throws(GLMMError) -> GLMMFit {
        let start: GLMFit
        do {
            start = try fixedEffectsModel.fit()
        } catch {
            throw .fixedEffects(error)
        }
        guard start.aliasedNames.isEmpty else { throw .aliasedColumns(names: start.aliasedNames) }
        guard start.divergingNames.isEmpty else {
            throw .unsupportedRandomEffects("a mixed model of separated data (\(start.divergingNames.joined(separator: ", ")) diverge)")
        }
        if !isSingleIntercept { return try fitSeveralTerms(start: start, options: options) }
        let p = design.matrix.columns
        var x = [1.0] + start.coefficients.map { $0! }
        // Laplace (K = 1) has an exact gradient (`laplaceEvaluation`), evaluated from the
        // current conditional modes; quadrature differences the log-likelihood.
        let laplace = quadraturePoints == 1
        var modes: [Double]? = nil
        func objective(_ parameters: [Double]) -> Double {
            if laplace {
                return laplaceEvaluation(sigma: parameters[0], beta: Array(parameters[1...]),
                                         startingModes: modes).value
            }
            return logLikelihood(sigma: parameters[0], beta: Array(parameters[1...]))
        }
        func exactGradient(_ parameters: [Double]) -> [Double] {
            laplaceEvaluation(sigma: parameters[0], beta: Array(parameters[1...]),
                              startingModes: modes).gradient
        }
        func gradient(at parameters: [Double]) -> [Double] {
            Self.gradient(objective, at: parameters, levels: 2)
        }
        var value = objective(x)
        var iterations = 0
        var lastChange = Double.infinity
        var converged = false
        var atBoundary = false
        while iterations < options.maximumIterations {
            iterations += 1
            let gradient: [Double]
            if laplace {
                let here = laplaceEvaluation(sigma: x[0], beta: Array(x[1...]), startingModes: modes)
                modes = here.modes
                gradient = here.gradient
            } else {
                gradient = Self.gradient(objective, at: x, levels: 2)
            }
            atBoundary = x[0] == 0 && gradient[0] <= 0
            let free = atBoundary ? Array(1...p) : Array(0...p)
            // Newton needs only an approximate Hessian on the way: forward differences of the
            // exact gradient (error O(h)) keep the convergence superlinear at p + 1 evaluations.
            let hessian = laplace
                ? Self.forwardJacobian(exactGradient, at: x, gradient: gradient, step: 1e-6)
                : Self.hessian(objective, at: x, step: 1e-4, levels: 1)
            var direction = Self.ascentDirection(hessian: hessian, gradient: gradient, free: free)
            if direction[0] < 0, x[0] + direction[0] < 0 {
                // Project onto σ ≥ 0: stop σ at the boundary, keep the rest of the step.
                direction[0] = -x[0]
            }
            let step = StepHalving.ascend(from: x, along: direction, value: value, relativeTolerance: 1e-13,
                                          maximumHalvings: 40, objective: objective, valueOf: { $0 })
            guard step.evaluation.isFinite, step.halvings < 40 else { break }
            lastChange = zip(x, step.point).map { abs($1 - $0) / max(1, abs($0)) }.max() ?? 0
            x = step.point
            value = step.evaluation
            if lastChange <= options.parameterTolerance {
                converged = true
                break
            }
        }
        guard converged else {
            throw .didNotConverge(iterations: iterations, lastChange: lastChange, logLikelihood: value)
        }
        let finalGradient: [Double]
        if laplace {
            let final = laplaceEvaluation(sigma: x[0], beta: Array(x[1...]), startingModes: modes)
            modes = final.modes
            value = final.value
            finalGradient = final.gradient
        } else {
            finalGradient = gradient(at: x)
        }
        let isSingular = x[0] < options.singularTolerance
        // The Hessian for the standard errors: Richardson over (σ, β), or β alone on the
        // boundary; for Laplace, differences of the exact gradient.
        let free = isSingular ? Array(1...p) : Array(0...p)
        // Differences of an exact gradient reach the accuracy of the value's second
        // differences with half the Richardson levels.
        let full = laplace
            ? Self.gradientJacobian(exactGradient, at: x, step: options.hessianStep,
                                    levels: max(1, options.richardsonLevels / 2), only: free)
            : Self.hessian(objective, at: x, step: options.hessianStep,
                           levels: options.richardsonLevels, only: free)
        var information = Matrix(rows: free.count, columns: free.count, repeating: 0)
        for (a, i) in free.enumerated() {
            for (b, j) in free.enumerated() { information[a, b] = -full[i, j] }
        }
        let covariance: Matrix
        do {
            covariance = try CholeskyFactorization(information).inverse()
        } catch {
            throw .didNotConverge(iterations: iterations, lastChange: lastChange, logLikelihood: value)
        }
        let offset = isSingular ? 1 : 0
        let standardErrors = (1...p).map { covariance[$0 - offset, $0 - offset].squareRoot() }
        let parameterCount = Double(p + 1)
        let used = priorWeights.filter { $0 > 0 }.count
        let sigma = x[0]
        return GLMMFit(
            family: family, link: link, names: design.columnNames,
            coefficients: Array(x[1...]), standardErrors: standardErrors,
            randomEffects: [GLMMRandomEffect(
                group: grouping.label, term: "(Intercept)", groupCount: grouping.levels.count,
                standardDeviation: sigma,
                standardDeviationError: isSingular ? nil : covariance[0, 0].squareRoot(),
                correlation: nil)],
            boundaryComponents: isSingular
                ? [BoundaryComponent(group: grouping.label, term: "(Intercept)", theta: sigma,
                                     gradient: finalGradient[0])]
                : [],
            logLikelihood: value, aic: -2 * value + 2 * parameterCount,
            bic: -2 * value + log(Double(used)) * parameterCount,
            quadraturePoints: quadraturePoints, rowCount: design.rowCount,
            rowsDropped: design.rowsDropped, iterations: iterations, converged: converged,
            lastRelativeChange: lastChange, gradient: finalGradient,
            covariance: covariance,
            conditionalModes: conditionalModes(sigma: sigma, beta: Array(x[1...])))
    }

    /// The Newton direction −H⁻¹g over the free parameters (zero elsewhere), with H shifted by
    /// a multiple of the identity until −H is positive definite (Levenberg).
    static func ascentDirection(hessian: Matrix, gradient: [Double], free: [Int]) -> [Double] {
        let k = free.count
        var shift = 0.0
        let largest = free.map { abs(hessian[$0, $0]) }.max() ?? 1
        for _ in 0..<60 {
            var negative = Matrix(rows: k, columns: k, repeating: 0)
            for (a, i) in free.enumerated() {
                for (b, j) in free.enumerated() { negative[a, b] = -(hessian[i, j] + hessian[j, i]) / 2 }
                negative[a, a] += shift
            }
            if let factor = try? CholeskyFactorization(negative),
               let solution = try? factor.solve(free.map { gradient[$0] }) {
                var direction = [Double](repeating: 0, count: gradient.count)
                for (a, i) in free.enumerated() { direction[i] = solution[a] }
                return direction
            }
            shift = shift == 0 ? 1e-6 * max(largest, 1) : shift * 10
        }
        return free.reduce(into: [Double](repeating: 0, count: gradient.count)) { $0[$1] = 1e-3 * gradient[$1] }
    }

    /// Central-difference gradient with Richardson extrapolation over `levels` halvings.
    static func gradient(_ function: ([Double]) -> Double, at point: [Double], step: Double = 1e-3,
                         levels: Int) -> [Double] {
        point.indices.map { i in
            richardson(levels: levels, step: step * max(1, abs(point[i]))) { h in
                var plus = point, minus = point
                plus[i] += h
                minus[i] -= h
                return (function(plus) - function(minus)) / (2 * h)
            }
        }
    }

    /// Central-difference Hessian with Richardson extrapolation; entries outside `only`
    /// (all by default) are left zero.
    static func hessian(_ function: ([Double]) -> Double, at point: [Double], step: Double,
                        levels: Int, only: [Int]? = nil) -> Matrix {
        let indices = only ?? Array(point.indices)
        let centre = function(point)
        var result = Matrix(rows: point.count, columns: point.count, repeating: 0)
        for (a, i) in indices.enumerated() {
            for j in indices[a...] {
                let hi = max(1, abs(point[i])), hj = max(1, abs(point[j]))
                let value = richardson(levels: levels, step: step) { h in
                    var shifted = point
                    if i == j {
                        shifted[i] = point[i] + h * hi
                        let plus = function(shifted)
                        shifted[i] = point[i] - h * hi
                        return (plus - 2 * centre + function(shifted)) / (h * hi * h * hi)
                    }
                    func at(_ si: Double, _ sj: Double) -> Double {
                        var moved = point
                        moved[i] += si * h * hi
                        moved[j] += sj * h * hj
                        return function(moved)
                    }
                    return (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h * hi * h * hj)
                }
                result[i, j] = value
                result[j, i] = value
            }
        }
        return result
    }

    /// Richardson extrapolation of a central-difference estimate whose error is a series in
    /// h²: D(h), D(h/2), …, combined as (4^m D(h/2) − D(h)) / (4^m − 1) at each order m.
    static func richardson(levels: Int, step: Double, _ estimate: (Double) -> Double) -> Double {
        var table = (0..<levels).map { estimate(step / pow(2, Double($0))) }
        for order in stride(from: 1, to: levels, by: 1) {
            let factor = pow(4, Double(order))
            for level in stride(from: levels - 1, through: order, by: -1) {
                table[level] = (factor * table[level] - table[level - 1]) / (factor - 1)
            }
        }
        return table[levels - 1]
    }
}
