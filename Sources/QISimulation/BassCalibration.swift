import QILinearAlgebra
import QIStatistics
#if canImport(Glibc)
import Glibc
#endif

/// Fits the Bass model to a cumulative adoption series by nonlinear least squares on the
/// increments of the cumulative share (Srinivasan & Mason 1986):
///
///     minimise sum_t (x_t - m [F(t; p, q) - F(t_prev; p, q)])^2,   x_t = y_t - y_prev,
///
/// with y = 0 at t = 0. Fitting the period adoptions rather than the cumulative counts keeps
/// the errors roughly independent, so the standard errors mean what they say (cumulative
/// errors are autocorrelated and make them several times too small).
///
/// over (p, q) with m fixed (a share series, m = 1), or over (p, q, m), by Levenberg-Marquardt
/// (Marquardt 1963) with the analytic gradient of ``BassModel`` and the normal equations
/// solved by Cholesky (QILinearAlgebra). Starting values come from Bass's (1969) discrete
/// regression of new adopters on the cumulative count before the period,
///
///     S_t = a + b Y_{t-1} + c Y_{t-1}^2,  m = (-b - sqrt(b^2 - 4ac)) / (2c),  p = a / m,  q = -c m,
///
/// and the estimates' standard errors are sqrt(diag(s^2 (J'J)^{-1})) at the optimum with
/// s^2 = RSS / (n - k) (Srinivasan & Mason 1986). Time is in the series' own unit and adoption
/// is taken to start at t = 0.
///
/// Citations: Srinivasan, V. & Mason, C. H. (1986). Nonlinear least squares estimation of new
/// product diffusion models. Marketing Science 5(2):169-178. doi:10.1287/mksc.5.2.169.
/// Marquardt, D. W. (1963). An algorithm for least-squares estimation of nonlinear parameters.
/// SIAM J. Appl. Math. 11(2):431-441. doi:10.1137/0111030.
public struct BassCalibration: Sendable {
    /// An estimate with its standard error and 95% interval (t distribution, n - k df).
    public struct Estimate: Sendable, Hashable {
        public let value: Double
        public let standardError: Double
        public let lower95: Double
        public let upper95: Double
    }

    public let model: BassModel
    public let p: Estimate
    public let q: Estimate
    /// nil when m was fixed at 1 (a share series).
    public let marketSize: Estimate?
    /// The starting values from Bass's regression.
    public let start: BassModel
    public let times: [Double]
    public let observed: [Double]
    public let fitted: [Double]
    public let residualSumOfSquares: Double
    public let iterations: Int

    /// Fits the model. `observed` are cumulative adopters (or shares when `fitMarketSize` is
    /// false) at `times` (> 0, increasing).
    ///
    /// - Throws: ``BassCalibrationError`` for too few points, times not increasing, no
    ///   adoption, or a fit that does not converge.
    public static func fit(times: [Double], observed: [Double], fitMarketSize: Bool,
                           maximumIterations: Int = 500) throws(BassCalibrationError) -> BassCalibration {
        let parameterCount = fitMarketSize ? 3 : 2
        guard times.count == observed.count, times.count > parameterCount else {
            throw .tooFewPoints(required: parameterCount + 1, found: times.count)
        }
        for index in times.indices {
            guard times[index].isFinite, observed[index].isFinite, times[index] > 0 else {
                throw .invalidPoint(index: index, reason: "times must be positive and values finite")
            }
            if index > 0 && times[index] <= times[index - 1] {
                throw .invalidPoint(index: index, reason: "times must increase")
            }
        }
        guard observed.contains(where: { $0 > 0 }) else { throw .noAdoption }
        let start = startingValues(times: times, observed: observed, fitMarketSize: fitMarketSize)
        var theta = fitMarketSize ? [start.p, start.q, start.marketSize] : [start.p, start.q]
        let previousTimes = [0] + times.dropLast()
        let increments = times.indices.map { observed[$0] - ($0 == 0 ? 0 : observed[$0 - 1]) }
        func residuals(_ theta: [Double]) -> [Double] {
            let model = BassModel(p: theta[0], q: theta[1], marketSize: fitMarketSize ? theta[2] : 1)
            return times.indices.map {
                increments[$0] - (model.cumulativeAdopters(at: times[$0]) - model.cumulativeAdopters(at: previousTimes[$0]))
            }
        }
        func jacobian(_ theta: [Double]) -> Matrix {
            let model = BassModel(p: theta[0], q: theta[1], marketSize: fitMarketSize ? theta[2] : 1)
            var rows: [[Double]] = []
            for (t, previous) in zip(times, previousTimes) {
                let gradient = model.shareGradient(at: t)
                let before = model.shareGradient(at: previous)
                var row = [model.marketSize * (gradient.p - before.p), model.marketSize * (gradient.q - before.q)]
                if fitMarketSize { row.append(model.cumulativeShare(at: t) - model.cumulativeShare(at: previous)) }
                rows.append(row)
            }
            return Matrix(rowMajor: rows)
        }
        func sumOfSquares(_ r: [Double]) -> Double { r.reduce(0) { $0 + $1 * $1 } }
        var current = residuals(theta)
        var rss = sumOfSquares(current)
        var damping = 1e-3
        var iterations = 0
        var converged = false
        var lastChange = Double.infinity
        while iterations < maximumIterations {
            iterations += 1
            let j = jacobian(theta)
            let (normal, gradient) = normalEquations(j, current)
            var accepted = false
            for _ in 0..<60 {
                var damped = normal
                for k in 0..<parameterCount { damped[k, k] = normal[k, k] * (1 + damping) + 1e-300 }
                guard let step = try? CholeskyFactorization(damped).solve(gradient) else {
                    damping *= 10
                    continue
                }
                let candidate = zip(theta, step).map { $0 + $1 }
                let valid = candidate[0] > 0 && candidate[1] >= 0 && (!fitMarketSize || candidate[2] > 0)
                    && candidate.allSatisfy(\.isFinite)
                let trial = valid ? residuals(candidate) : []
                let trialRSS = valid ? sumOfSquares(trial) : .infinity
                if trialRSS <= rss {
                    lastChange = zip(candidate, theta).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? 0
                    let relativeDrop = rss > 0 ? (rss - trialRSS) / rss : 0
                    theta = candidate
                    current = trial
                    rss = trialRSS
                    damping = max(damping / 10, 1e-12)
                    accepted = true
                    if lastChange < 1e-10 || relativeDrop < 1e-14 { converged = true }
                    break
                }
                damping *= 10
            }
            if !accepted { converged = true }  // no downhill step at any damping: a minimum
            if converged { break }
        }
        guard converged else { throw .didNotConverge(iterations: iterations, lastChange: lastChange) }
        let n = Double(times.count)
        let k = Double(parameterCount)
        let variance = rss / (n - k)
        let (normal, _) = normalEquations(jacobian(theta), current)
        guard let inverse = try? CholeskyFactorization(normal).inverse() else {
            throw .singularInformation(p: theta[0], q: theta[1])
        }
        let tQuantile = (try? StudentTDistribution(degreesOfFreedom: n - k).quantile(0.975)) ?? 1.96
        func estimate(_ index: Int) -> Estimate {
            let se = (variance * inverse[index, index]).squareRoot()
            return Estimate(value: theta[index], standardError: se, lower95: theta[index] - tQuantile * se,
                            upper95: theta[index] + tQuantile * se)
        }
        let model = BassModel(p: theta[0], q: theta[1], marketSize: fitMarketSize ? theta[2] : 1)
        return BassCalibration(model: model, p: estimate(0), q: estimate(1), marketSize: fitMarketSize ? estimate(2) : nil,
                               start: start, times: times, observed: observed,
                               fitted: times.map { model.cumulativeAdopters(at: $0) },
                               residualSumOfSquares: rss, iterations: iterations)
    }

    /// J'J and J'r.
    static func normalEquations(_ j: Matrix, _ r: [Double]) -> (Matrix, [Double]) {
        let k = j.columns
        var normal = Matrix(rows: k, columns: k, repeating: 0)
        var gradient = [Double](repeating: 0, count: k)
        for row in 0..<j.rows {
            for a in 0..<k {
                gradient[a] += j[row, a] * r[row]
                for b in 0..<k { normal[a, b] += j[row, a] * j[row, b] }
            }
        }
        return (normal, gradient)
    }

    /// Bass's discrete regression S_t = a + b Y_{t-1} + c Y_{t-1}^2 by ordinary least squares
    /// (with m = 1 for a share series: a = p, b = q - p, c = -q, so p = a, q = -c); falls back
    /// to p = 0.01, q = 0.3 per unit time (and m = 1.2 max y) when the regression is not usable.
    static func startingValues(times: [Double], observed: [Double], fitMarketSize: Bool) -> BassModel {
        var design: [[Double]] = []
        var response: [Double] = []
        var previous = 0.0, previousTime = 0.0
        for (t, y) in zip(times, observed) {
            let width = t - previousTime
            design.append([1, previous, previous * previous])
            response.append((y - previous) / width)
            previous = y
            previousTime = t
        }
        let fallback = BassModel(p: 0.01, q: 0.3, marketSize: fitMarketSize ? 1.2 * (observed.max() ?? 1) : 1)
        guard let solution = try? Matrix(rowMajor: design).leastSquares(response),
              let coefficients = try? solution.fullRankCoefficients() else { return fallback }
        let (a, b, c) = (coefficients[0], coefficients[1], coefficients[2])
        if fitMarketSize {
            let discriminant = b * b - 4 * a * c
            guard c < 0, discriminant >= 0 else { return fallback }
            let m = (-b - discriminant.squareRoot()) / (2 * c)
            let p = a / m, q = -c * m
            guard m > 0, p > 0, q >= 0, p.isFinite, q.isFinite else { return fallback }
            return BassModel(p: p, q: q, marketSize: m)
        }
        let p = a, q = -c
        guard p > 0, q >= 0 else { return fallback }
        return BassModel(p: p, q: q, marketSize: 1)
    }
}

/// Why a Bass calibration failed, with the evidence.
public enum BassCalibrationError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooFewPoints(required: Int, found: Int)
    case invalidPoint(index: Int, reason: String)
    case noAdoption
    case didNotConverge(iterations: Int, lastChange: Double)
    case singularInformation(p: Double, q: Double)

    public var description: String {
        switch self {
        case .tooFewPoints(let required, let found):
            return "the Bass fit needs at least \(required) time points; found \(found)."
        case .invalidPoint(let index, let reason):
            return "time point \(index + 1): \(reason)."
        case .noAdoption:
            return "no adoption in the series; nothing to fit."
        case .didNotConverge(let iterations, let lastChange):
            return "the Bass fit did not converge in \(iterations) iterations (last relative change \(lastChange)); check that the series is cumulative."
        case .singularInformation(let p, let q):
            return "the Bass fit reached p = \(p), q = \(q) where the parameters are not identifiable (singular information matrix); fix the market size with --population."
        }
    }
}
