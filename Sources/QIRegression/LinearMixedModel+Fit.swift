#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

/// Settings of a linear mixed model fit.
public struct LMMOptions: Sendable {
    /// The most Newton iterations over θ.
    public var maximumIterations = 200
    /// Converged when the Newton step changes no θᵢ by more than this times max(|θᵢ|, 1).
    public var tolerance = 1e-10
    /// Also converged when no step lowers the criterion and the Newton step is below this:
    /// the criterion's rounding floor (its differences are noise there).
    public var roundingFloorStep = 1e-6
    /// A diagonal θ below this is on the boundary: lme4's `isSingular` tolerance.
    public var singularTolerance = 1e-4

    public init() {}
}

/// One variance component of a linear mixed model, as lme4's `as.data.frame(VarCorr(fit))`
/// lists them (one row per column of each term, and the residual last).
public struct VarianceComponent: Sendable, Equatable {
    /// The group as lme4 names it (`Subject`, `Subject.1` for a second term of the same
    /// factor, `cask:batch`, `Residual`).
    public let group: String
    /// The column that varies by group (`(Intercept)`, `Days`), or nil for the residual.
    public let term: String?
    public let variance: Double
    public let standardDeviation: Double
    /// The correlation with the previous column of the same term, nil for a term's first
    /// column and the residual.
    public let correlation: Double?
    /// The number of groups (nil for the residual).
    public let groupCount: Int?
}

/// A boundary component: a diagonal element of a relative covariance factor at (or within
/// the singular tolerance of) zero.
public struct BoundaryComponent: Sendable, Equatable {
    public let group: String
    public let term: String
    /// The value of θ there and the derivative of the criterion in it.
    public let theta: Double
    public let gradient: Double
    /// The second derivative of the log-likelihood in θ at the boundary, where the first is
    /// zero by symmetry (a binomial or Poisson mixed model's Laplace log-likelihood is even in
    /// each θ): negative or zero at a maximum on the boundary. Nil for linear mixed models.
    public var curvature: Double? = nil
}

/// A fitted linear mixed model.
public struct LMMFit: Sendable {
    public let criterion: LinearMixedModel.Criterion
    public let names: [String]
    public let coefficients: [Double]
    public let standardErrors: [Double]
    /// Var(β̂) = σ̂²(RXRXᵀ)⁻¹, lme4's `vcov`.
    public let covariance: Matrix
    /// θ at the optimum, in lme4's order, and the criterion's gradient there.
    public let theta: [Double]
    public let gradient: [Double]
    /// The random-effect variances, standard deviations and correlations, then the residual.
    public let varianceComponents: [VarianceComponent]
    /// σ̂, the residual standard deviation.
    public let residualStandardDeviation: Double
    /// The log-likelihood: the REML log-likelihood −REMLcrit/2 for REML fits (as lme4's
    /// `logLik` reports it), the full log-likelihood for ML fits.
    public let logLikelihood: Double
    /// The REML criterion at the optimum (REML fits).
    public let remlCriterion: Double?
    /// −2 times the ML log-likelihood at the estimates, lme4's `deviance(fit, REML = FALSE)`.
    public let deviance: Double
    /// AIC and BIC from ``logLikelihood`` with p + #θ + 1 parameters, as lme4 counts them.
    public let aic: Double
    public let bic: Double
    public let parameterCount: Int
    public let rowCount: Int
    public let rowsDropped: Int
    public let iterations: Int
    public let converged: Bool
    /// The largest relative change in θ of the last Newton step.
    public let lastRelativeChange: Double
    /// Diagonal θ at the boundary; non-empty means a singular fit (lme4's `isSingular`).
    public let boundaryComponents: [BoundaryComponent]

    public var isSingular: Bool { !boundaryComponents.isEmpty }

    /// n − (p + #θ + 1), as lme4's `df.residual`.
    public var residualDegreesOfFreedom: Int { rowCount - parameterCount }

    /// Wald t statistics β̂/se (lme4 prints them without p-values).
    public var statistics: [Double] { wald.statistics }

    /// Two-sided p-values of the Wald statistics against the standard normal, the
    /// large-sample approximation (lme4 leaves them out; lmerTest uses Satterthwaite df).
    public var pValues: [Double] { wald.pValues }

    /// Wald intervals β̂ ± z se, as lme4's `confint(fit, method = "Wald")`.
    public func waldIntervals(level: Double) -> [(lower: Double, upper: Double)] {
        wald.intervals(level: level)
    }

    private var wald: NormalWaldInference {
        NormalWaldInference(estimates: coefficients, standardErrors: standardErrors)
    }
}

extension LinearMixedModel {
    /// Fits the model by minimising the profiled deviance (ML) or REML criterion over θ.
    ///
    /// Starts where lme4 starts (Tₜ = I) and takes Newton steps on θ with the gradient from
    /// Richardson-extrapolated central differences (three levels) and the Hessian from central differences,
    /// shifted (Levenberg) until positive definite, halved until the criterion falls, and
    /// projected onto the bounds (diagonal θ ≥ 0). A bounded θ at zero whose derivative is
    /// non-negative stays there (a boundary, singular fit). The criterion is smooth across
    /// zero (a column of Tₜ and its negative give the same covariance), so differences across
    /// the bound are valid. Converged when a step changes no θᵢ by more than the tolerance
    /// times max(|θᵢ|, 1), or when the criterion no longer falls along a Newton step below
    /// ``LMMOptions/roundingFloorStep`` (the rounding floor of the criterion).
    ///
    /// - Throws: ``LMMError/didNotConverge(iterations:lastChange:criterion:gradient:)``,
    ///   ``LMMError/linearAlgebra(_:)`` when the starting point cannot be evaluated.
    /// - Complexity: O(m²) criterion evaluations per iteration for m = #θ.
    public func fit(options: LMMOptions = LMMOptions()) throws(LMMError) -> LMMFit {
        let bounded = lowerBounded
        let m = bounded.count
        var theta = bounded.map { $0 ? 1.0 : 0.0 }
        let objective: ([Double]) -> Double = { point in
            (try? self.profile(point).deviance).flatMap { $0.isFinite ? $0 : nil } ?? .infinity
        }
        var value = try profile(theta).deviance
        var iterations = 0
        var lastChange = Double.infinity
        var converged = false
        var gradient = [Double](repeating: 0, count: m)
        while iterations < options.maximumIterations {
            iterations += 1
            gradient = Self.gradient(objective, at: theta)
            let free = (0..<m).filter { !(bounded[$0] && theta[$0] <= 0 && gradient[$0] >= 0) }
            let hessian = Self.hessian(objective, at: theta)
            let direction = Self.descentDirection(hessian: hessian, gradient: gradient, free: free)
            func projected(_ scale: Double) -> [Double] {
                (0..<m).map { i in
                    let moved = theta[i] + scale * direction[i]
                    return bounded[i] ? max(moved, 0) : moved
                }
            }
            let fullStep = projected(1)
            let change = Self.relativeChange(from: theta, to: fullStep)
            var scale = 1.0
            var candidate = fullStep
            var candidateValue = objective(candidate)
            var halvings = 0
            while !(candidateValue < value) && halvings < 40 {
                scale /= 2
                candidate = projected(scale)
                candidateValue = objective(candidate)
                halvings += 1
            }
            lastChange = change
            if candidateValue < value {
                theta = candidate
                value = candidateValue
            }
            if change <= options.tolerance {
                converged = true
                break
            }
            if !(candidateValue < value) && halvings == 40 {
                // No decrease along a Newton step: at the rounding floor of the criterion when
                // the step is small (about 1e-7 in θ: the criterion is flat to its last bit
                // there, so differences of it cannot place θ closer).
                converged = change <= options.roundingFloorStep
                break
            }
        }
        guard converged else {
            throw .didNotConverge(iterations: iterations, lastChange: lastChange,
                                  criterion: value, gradient: gradient)
        }
        return try summarise(theta: theta, gradient: Self.gradient(objective, at: theta),
                             iterations: iterations, lastChange: lastChange, options: options)
    }

    /// The fit's estimates and summaries at the optimum θ̂.
    func summarise(theta: [Double], gradient: [Double], iterations: Int, lastChange: Double,
                   options: LMMOptions) throws(LMMError) -> LMMFit {
        let n = Double(rowCount), p = fixedCount
        let profile = try profile(theta)
        let residualVariance = profile.penalizedResidualSumOfSquares
            / (criterion == .reml ? n - Double(p) : n)
        let covariance: Matrix
        do {
            let inverse = try profile.fixedEffectsFactor.inverse()
            covariance = Matrix(rows: p, columns: p,
                                storage: inverse.storage.map { $0 * residualVariance })
        } catch {
            throw .linearAlgebra(error)
        }
        // The profiled ML deviance at θ̂ (lme4's deviance(fit, REML = FALSE), which profiles
        // σ² = r²θ/n even for a REML fit): log|L|² + n(1 + log(2π r²θ/n)).
        let deviance = profile.logDeterminantL
            + n * (1 + log(2 * Double.pi * profile.penalizedResidualSumOfSquares / n))
        let logLikelihood = -profile.deviance / 2
        let parameterCount = p + theta.count + 1
        let factors = factors(theta)
        var components: [VarianceComponent] = []
        var boundary: [BoundaryComponent] = []
        var seen: [String: Int] = [:]
        var position = 0
        for (t, term) in terms.enumerated() {
            let label = term.grouping.label
            let group = seen[label].map { "\(label).\($0)" } ?? label
            seen[label, default: 0] += 1
            let k = term.columnCount
            let factor = factors[t]
            func covarianceEntry(_ a: Int, _ b: Int) -> Double {
                (0...min(a, b)).reduce(0) { $0 + factor[$1 * k + a] * factor[$1 * k + b] }
                    * residualVariance
            }
            for column in 0..<k {
                let variance = covarianceEntry(column, column)
                var correlation: Double? = nil
                if column > 0 {
                    let denominator = (variance * covarianceEntry(column - 1, column - 1)).squareRoot()
                    correlation = denominator > 0 ? covarianceEntry(column, column - 1) / denominator : nil
                }
                components.append(VarianceComponent(
                    group: group, term: term.columnNames[column], variance: variance,
                    standardDeviation: variance.squareRoot(), correlation: correlation,
                    groupCount: term.grouping.levels.count))
                let diagonal = position
                position += k - column
                if theta[diagonal] < options.singularTolerance {
                    boundary.append(BoundaryComponent(group: group, term: term.columnNames[column],
                                                      theta: theta[diagonal],
                                                      gradient: gradient[diagonal]))
                }
            }
        }
        components.append(VarianceComponent(
            group: "Residual", term: nil, variance: residualVariance,
            standardDeviation: residualVariance.squareRoot(), correlation: nil, groupCount: nil))
        return LMMFit(
            criterion: criterion, names: design.columnNames, coefficients: profile.coefficients,
            standardErrors: (0..<p).map { covariance[$0, $0].squareRoot() },
            covariance: covariance, theta: theta, gradient: gradient,
            varianceComponents: components,
            residualStandardDeviation: residualVariance.squareRoot(),
            logLikelihood: logLikelihood,
            remlCriterion: criterion == .reml ? profile.deviance : nil,
            deviance: deviance,
            aic: -2 * logLikelihood + 2 * Double(parameterCount),
            bic: -2 * logLikelihood + log(n) * Double(parameterCount),
            parameterCount: parameterCount, rowCount: rowCount,
            rowsDropped: design.rowsDropped, iterations: iterations, converged: true,
            lastRelativeChange: lastChange, boundaryComponents: boundary)
    }

    static func relativeChange(from old: [Double], to new: [Double]) -> Double {
        zip(old, new).map { abs($1 - $0) / max(abs($0), 1) }.max() ?? 0
    }

    /// The gradient by central differences with steps h, h/2 and h/4 (h = 1e-2 max(|xᵢ|, 1))
    /// combined by Richardson extrapolation, whose truncation error is O(h⁶): large steps
    /// keep the criterion's rounding noise, divided by the step, near 1e-9.
    static func gradient(_ f: ([Double]) -> Double, at x: [Double]) -> [Double] {
        x.indices.map { i in
            let h = 1e-2 * max(abs(x[i]), 1)
            func central(_ step: Double) -> Double {
                var plus = x, minus = x
                plus[i] += step
                minus[i] -= step
                return (f(plus) - f(minus)) / (2 * step)
            }
            let (coarse, middle, fine) = (central(h), central(h / 2), central(h / 4))
            let first = (4 * middle - coarse) / 3, second = (4 * fine - middle) / 3
            return (16 * second - first) / 15
        }
    }

    /// The Hessian by central differences (it only shapes the Newton step, not the optimum).
    static func hessian(_ f: ([Double]) -> Double, at x: [Double]) -> Matrix {
        let m = x.count
        var hessian = Matrix(rows: m, columns: m, repeating: 0)
        let centre = f(x)
        let steps = x.map { 1e-3 * max(abs($0), 1) }
        func shifted(_ moves: [(Int, Double)]) -> Double {
            var point = x
            for (i, step) in moves { point[i] += step }
            return f(point)
        }
        for i in 0..<m {
            let h = steps[i]
            hessian[i, i] = (shifted([(i, h)]) - 2 * centre + shifted([(i, -h)])) / (h * h)
            for j in 0..<i {
                let k = steps[j]
                let value = (shifted([(i, h), (j, k)]) - shifted([(i, h), (j, -k)])
                             - shifted([(i, -h), (j, k)]) + shifted([(i, -h), (j, -k)])) / (4 * h * k)
                hessian[i, j] = value
                hessian[j, i] = value
            }
        }
        return hessian
    }

    /// The Newton direction −H⁻¹g on the free coordinates (zero on the others), with H
    /// shifted by λI until positive definite.
    static func descentDirection(hessian: Matrix, gradient: [Double], free: [Int]) -> [Double] {
        var direction = [Double](repeating: 0, count: gradient.count)
        guard !free.isEmpty else { return direction }
        let size = free.count
        var reduced = Matrix(rows: size, columns: size, repeating: 0)
        for (a, i) in free.enumerated() {
            for (b, j) in free.enumerated() { reduced[a, b] = hessian[i, j] }
        }
        let scale = free.map { abs(hessian[$0, $0]) }.max().map { max($0, 1e-8) } ?? 1
        var shift = 0.0
        for _ in 0..<60 {
            var shifted = reduced
            for a in 0..<size { shifted[a, a] += shift }
            if let cholesky = try? CholeskyFactorization(shifted),
               let step = try? cholesky.solve(free.map { -gradient[$0] }),
               step.allSatisfy(\.isFinite) {
                for (a, i) in free.enumerated() { direction[i] = step[a] }
                return direction
            }
            shift = shift == 0 ? 1e-8 * scale : shift * 10
        }
        // Steepest descent, scaled, when no shift helps.
        for i in free { direction[i] = -gradient[i] / scale }
        return direction
    }
}
