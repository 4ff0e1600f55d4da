import Foundation
import QIStatistics

/// Profile penalised-likelihood inference for a Firth logistic regression: intervals and
/// penalised likelihood-ratio tests, as logistf computes them.
///
/// For coefficient j, the profile is ℓ*ⱼ(b) = max ℓ*(β) over β with βⱼ = b, always with the
/// penalty ½ log det I(β) of the full model (Heinze & Schemper 2002, §2.3; logistf's
/// `logistpl`). The interval at level 1 − α is {b : 2(ℓ*(β̂) − ℓ*ⱼ(b)) ≤ χ²₁,₁₋α}; its ends
/// are found by bracketing and bisection-secant (Illinois) iteration on b to 1e-11 relative,
/// each profile point maximised to 1e-12. The test of βⱼ = 0 refers 2(ℓ*(β̂) − ℓ*ⱼ(0)) to χ²₁;
/// the global test of every coefficient but the intercept refers
/// 2(ℓ*(β̂) − ℓ*₀) to χ² on p − 1 degrees of freedom, ℓ*₀ maximised over the intercept alone
/// (logistf's `logistftest` and its `loglik["null"]`).
///
/// Unlike Wald intervals these are not symmetric, and they stay finite on one side (or
/// both) for a separated term, where Wald intervals from Firth's estimate are too narrow.
///
/// - Note: Heinze & Schemper (2002), Statistics in Medicine 21(16), 2409–2419,
///   doi:10.1002/sim.1047; Venzon & Moolgavkar (1988), Applied Statistics 37(1), 87–94,
///   doi:10.2307/2347496; Heinze, Ploner & Jiricka (2023), logistf 1.26 (`logistpl`,
///   `logistftest`).
public struct FirthInference: Sendable {
    /// The profile interval of each coefficient (`nil` for aliased columns).
    public let intervals: [(lower: Double, upper: Double)?]
    /// The penalised likelihood-ratio statistic 2(ℓ*(β̂) − ℓ*ⱼ(0)) of each coefficient.
    public let statistics: [Double?]
    /// Its p-value from χ²₁.
    public let pValues: [Double?]
    /// ℓ* maximised over the intercept alone, the others at 0 (logistf's `loglik["null"]`);
    /// `nil` without an intercept.
    public let nullPenalizedLogLikelihood: Double?
    /// The global test: statistic, degrees of freedom and p-value (`nil` without an
    /// intercept or without other terms).
    public let globalTest: (statistic: Double, degreesOfFreedom: Int, pValue: Double)?
    public let level: Double
}

extension GeneralizedLinearModel {
    /// Profile penalised-likelihood intervals and penalised likelihood-ratio tests for a fit
    /// from ``fitFirth(options:)``; see ``FirthInference``.
    ///
    /// - Throws: ``GLMError/didNotConverge(iterations:lastChange:deviance:)`` when a profile
    ///   maximisation or a limit search fails, with the evidence.
    /// - Complexity: about 2p × 30 constrained fits, each O(n·p²) per iteration.
    public func firthInference(_ fit: GLMFit, level: Double,
                               options: GLMOptions = GLMOptions()) throws(GLMError) -> FirthInference {
        precondition(fit.method == .firth, "firthInference needs a fit from fitFirth")
        let kept = fit.estimableColumns
        let x = design.matrix.selectingColumns(kept)
        let estimate = kept.map { fit.coefficients[$0]! }
        let maximum = fit.penalizedLogLikelihood!
        let p = kept.count
        let critical: Double
        do {
            critical = try ChiSquareDistribution(degreesOfFreedom: 1).quantile(level)
        } catch {
            preconditionFailure("level was validated to lie in (0, 1)")
        }
        let chiSquareOne = try! ChiSquareDistribution(degreesOfFreedom: 1)

        /// 2(ℓ*(β̂) − ℓ*ⱼ(b)), warm-started from the nearest profile point.
        var warmStarts: [Int: [Double]] = [:]
        func profileDeviance(_ position: Int, _ value: Double) throws(GLMError) -> Double {
            var start = warmStarts[position] ?? estimate
            start[position] = value
            let free = (0..<p).filter { $0 != position }
            let (state, _, _) = try maximizePenalized(x, start: start, free: free, options: options)
            warmStarts[position] = state.coefficients
            return 2 * (maximum - state.penalizedLogLikelihood)
        }

        var intervals = [(lower: Double, upper: Double)?](repeating: nil, count: design.matrix.columns)
        var statistics = [Double?](repeating: nil, count: design.matrix.columns)
        var pValues = [Double?](repeating: nil, count: design.matrix.columns)
        for (position, column) in kept.enumerated() {
            let standardError = fit.standardErrors[column] ?? 1
            var ends: [Double] = []
            for side in [-1.0, 1.0] {
                warmStarts[position] = estimate
                ends.append(try profileLimit(from: estimate[position], side: side,
                                             scale: standardError, target: critical) {
                    value throws(GLMError) in try profileDeviance(position, value)
                })
            }
            intervals[column] = (ends[0], ends[1])
            warmStarts[position] = estimate
            let statistic = max(try profileDeviance(position, 0), 0)
            statistics[column] = statistic
            pValues[column] = chiSquareOne.complementaryCDF(statistic)
        }

        var nullLikelihood: Double? = nil
        var globalTest: (Double, Int, Double)? = nil
        if design.hasIntercept, let intercept = kept.firstIndex(of: 0) {
            var start = [Double](repeating: 0, count: p)
            start[intercept] = 0
            let (state, _, _) = try maximizePenalized(x, start: start, free: [intercept],
                                                      options: options)
            nullLikelihood = state.penalizedLogLikelihood
            if p > 1 {
                let statistic = max(2 * (maximum - state.penalizedLogLikelihood), 0)
                let chiSquare = try! ChiSquareDistribution(degreesOfFreedom: Double(p - 1))
                globalTest = (statistic, p - 1, chiSquare.complementaryCDF(statistic))
            }
        }
        return FirthInference(intervals: intervals, statistics: statistics, pValues: pValues,
                              nullPenalizedLogLikelihood: nullLikelihood,
                              globalTest: globalTest, level: level)
    }

    /// The value b on one side of the estimate where the profile deviance equals `target`:
    /// steps out by multiples of the standard error until the deviance exceeds it, then the
    /// Illinois variant of regula falsi on the bracket.
    func profileLimit(from estimate: Double, side: Double, scale: Double, target: Double,
                              deviance: (Double) throws(GLMError) -> Double) throws(GLMError) -> Double {
        var inner = estimate
        var innerValue = -target
        var width = scale * target.squareRoot()
        var outer = estimate + side * width
        var outerValue = try deviance(outer) - target
        var expansions = 0
        while outerValue < 0 {
            expansions += 1
            guard expansions <= 60 else {
                throw .didNotConverge(iterations: expansions, lastChange: outerValue + target,
                                      deviance: .nan)
            }
            inner = outer
            innerValue = outerValue
            width *= 2
            outer = estimate + side * width
            outerValue = try deviance(outer) - target
        }
        var lastSide = 0
        for _ in 0..<200 {
            let candidate = outer - outerValue * (outer - inner) / (outerValue - innerValue)
            let value = try deviance(candidate) - target
            if abs(candidate - inner) <= 1e-11 * max(abs(candidate), scale)
                || abs(candidate - outer) <= 1e-11 * max(abs(candidate), scale) || value == 0 {
                return candidate
            }
            if value < 0 {
                inner = candidate
                innerValue = value
                if lastSide == -1 { outerValue /= 2 }
                lastSide = -1
            } else {
                outer = candidate
                outerValue = value
                if lastSide == 1 { innerValue /= 2 }
                lastSide = 1
            }
        }
        throw .didNotConverge(iterations: 200, lastChange: abs(outer - inner), deviance: .nan)
    }
}
