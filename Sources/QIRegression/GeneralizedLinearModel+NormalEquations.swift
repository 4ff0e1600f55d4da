import QILinearAlgebra
import QIParallel

/// One evaluation of IRLS at a point: η, μ, the deviance, and XᵀWX with XᵀWz there.
struct IRLSPoint {
    var eta: [Double]
    var mean: [Double]
    var deviance: Double
    var isValid: Bool
    var crossProducts: WeightedCrossProducts
    /// max/min over the weighted rows of Wᵢ/wᵢ = μ'(ηᵢ)²/V(μᵢ), infinity when some Wᵢ is 0.
    var weightRatioSpread: Double
}

extension GeneralizedLinearModel {
    /// The largest equilibrated condition number κ(D^-½ XᵀWX D^-½) = κ(√W X̃)² at which the
    /// iteration solves the normal equations: a Cholesky solve then has relative error about
    /// ε·κ ≈ 2e-8 (Higham 2002, Theorem 10.4), harmless in a Newton step, whose error only
    /// delays convergence and does not move the fixed point (the score is computed directly).
    static let normalEquationsConditionLimit = 1e8
    /// The largest equilibrated condition number at which the standard errors come from the
    /// Cholesky inverse of XᵀWX: relative error about ε·κ ≈ 2e-10, below the 1e-8 to which
    /// they are compared with R. Beyond it the summary factorises √W X by pivoted QR.
    static let covarianceConditionLimit = 1e6

    /// IRLS by the normal equations: the same iteration, step-halving and tolerances as
    /// ``iterateByPivotedQR(family:start:options:design:divergingColumns:)``, with each step
    /// solved from XᵀWX by Cholesky instead of a pivoted QR of √W X. Returns nil, leaving the
    /// fit to the pivoted QR, whenever that could change the answer.
    ///
    /// Stopping: the coefficient criterion is applied to the Newton step from the current
    /// estimate, before it is taken, rather than to the step just taken: Newton's method
    /// converges quadratically, so that step measures the estimate's distance from the optimum,
    /// and an estimate whose next step is below ``GLMOptions/coefficientTolerance`` (relative to
    /// max(|βⱼ|, seⱼ)) is kept, saving the pass that would take it. The standard errors then
    /// come from the information at the estimate returned, as before.
    ///
    /// Why it gives the same fit: IRLS is Fisher scoring, βₖ₊₁ = βₖ + (XᵀWX)⁻¹ Xᵀ W z̃ with
    /// z̃ᵢ = (yᵢ − μᵢ)/μ'(ηᵢ) (Green 1984), and its fixed point is where the score XᵀWz̃
    /// vanishes, whichever way the step's linear system is solved. The step is solved in this
    /// increment form, so the rounding of the solve scales with the step and vanishes at
    /// convergence; the first step, from the starting means, solves for β itself as R does.
    /// Each iteration is then one pass over X (``Matrix/weightedCrossProducts(coefficients:blockRows:rowTerms:)``):
    /// Xβ, μ, the deviance and the next XᵀWX, XᵀWz̃ block by block, about n·p² flops against
    /// the 2n·p² and several passes of a pivoted Householder QR.
    ///
    /// Rank: the pivoted QR stays the arbiter of aliasing. It is skipped only when the
    /// equilibrated condition number of Xᵀdiag(w)X proves it would find full rank: for X̃ = √w X
    /// with unit-norm columns, every diagonal entry of the pivoted R̃ satisfies
    /// σ_min(X̃) ≤ |R̃ₖₖ| ≤ σ_max(X̃), so |R̃ₖₖ|/|R̃₁₁| ≥ 1/κ(X̃), and κ(X̃) ≤ 1/(1000·tolerance)
    /// keeps that ratio a thousand times above the rank tolerance, far beyond the rounding of
    /// the Gram matrix (Golub & Van Loan 2013, §5.4.2; Higham 2002, §19.8). The first step's
    /// XᵀW₀X usually serves: with W₀ = diag(wᵢrᵢ), rᵢ ∈ [r_min, r_max], row and column scaling
    /// give κ(X̃) ≤ κ_eq(XᵀW₀X)^½ · r_max/r_min (r is constant at the logistic start), so
    /// only when that bound is too loose does the certificate take its own pass.
    ///
    /// Declines (nil) when that certificate fails, when an iteration's XᵀWX is not positive
    /// definite or has equilibrated condition above ``normalEquationsConditionLimit`` (weights
    /// vanishing on separated rows, near-collinear columns), so those fits follow the pivoted
    /// QR exactly as before. The standard errors' (XᵀW(β̂)X)⁻¹ is returned when its condition is
    /// below ``covarianceConditionLimit``.
    ///
    /// A binomial fit also tries to prove that the data are not separated (see
    /// ``excludesSeparation(x:point:newtonStep:threads:)``), so that the fit can skip Konis's linear program.
    ///
    /// - Complexity: O(n·p²) per iteration, one read of X per iteration and step-halving.
    /// - Note: Green (1984), JRSS B 46(2), 149–192; Higham (2002), *Accuracy and Stability of
    ///   Numerical Algorithms*, 2nd ed., SIAM, §10.1 and §20.4 (normal equations versus QR).
    func iterateByNormalEquations(family: GLMFamily, start: [Double]?, options: GLMOptions,
                                  design matrix: Matrix? = nil) throws(GLMError) -> IRLSResult? {
        // The passes call BLAS from threads of their own (see `BLASThreads.withOneThread`).
        try BLASThreads.withOneThread { () throws(GLMError) -> IRLSResult? in
            try iterateByNormalEquationsOnOneBLASThread(family: family, start: start,
                                                        options: options, design: matrix)
        }
    }

    private func iterateByNormalEquationsOnOneBLASThread(
        family: GLMFamily, start: [Double]?, options: GLMOptions, design matrix: Matrix?
    ) throws(GLMError) -> IRLSResult? {
        let x = matrix ?? design.matrix
        let p = x.columns
        let weights = priorWeights
        var point = evaluate(x: x, coefficients: nil, startingEta: start, family: family,
                             threads: options.threads)
        guard point.isValid else {
            throw .noValidStartingValues(family: family.name, link: link.rawValue)
        }
        // The rank certificate, on XᵀW₀X when the starting weights are close enough to
        // multiples of the prior weights, else on its own pass over Xᵀdiag(w)X.
        let rankLimit = 1 / ((1000 * options.rankTolerance) * (1000 * options.rankTolerance))
        let spread = point.weightRatioSpread
        let startingCondition = (try? point.crossProducts.gram.equilibratedConditionNumber()) ?? .infinity
        if !(startingCondition * spread * spread <= rankLimit) {
            let prior = x.weightedCrossProducts { rows, _, w, z in
                for (k, i) in rows.enumerated() { w[k] = weights[i]; z[k] = 0 }
            }
            guard let priorCondition = try? prior.gram.equilibratedConditionNumber(),
                  priorCondition <= rankLimit else { return nil }
        }
        var previous: [Double]? = nil
        var iterations = 0
        var halvings = 0
        var relativeChange = Double.infinity
        var stepSize = IRLSStepSize()

        while true {
            guard let factor = Self.wellConditionedFactor(point.crossProducts.gram,
                                                          limit: Self.normalEquationsConditionLimit),
                  let solved = try? factor.solve(point.crossProducts.product),
                  let unscaledCovariance = try? factor.inverse() else { return nil }
            if let previous {
                // The Newton step from the current estimate is how far it is from the optimum
                // (to second order): once that step is negligible and the deviance has settled,
                // the estimate is kept without spending a pass on taking the step.
                let (largestStep, atRoundingFloor) = stepSize.record((0..<p).map { j in
                    (previous[j] + solved[j], previous[j], unscaledCovariance[j, j].squareRoot())
                })
                if iterations > 1, relativeChange < options.devianceTolerance,
                   largestStep < options.coefficientTolerance || atRoundingFloor {
                    var result = IRLSResult(coefficients: previous.map { $0 }, eta: point.eta,
                                            mean: point.mean, deviance: point.deviance,
                                            iterations: iterations, stepHalvings: halvings,
                                            lastRelativeChange: relativeChange)
                    if let condition = try? point.crossProducts.gram.equilibratedConditionNumber(),
                       condition <= Self.covarianceConditionLimit {
                        result.unscaledCovariance = unscaledCovariance
                    }
                    if family == .binomial {
                        result.excludesSeparation = excludesSeparation(x: x, point: point,
                                                                       newtonStep: solved,
                                                                       threads: options.threads)
                    }
                    return result
                }
            }
            guard iterations < options.maximumIterations else { break }
            iterations += 1
            var coefficients = previous.map { zip($0, solved).map { $0 + $1 } } ?? solved
            var candidate = evaluate(x: x, coefficients: coefficients, startingEta: nil,
                                     family: family, threads: options.threads)
            var halvingsThisStep = 0
            while !candidate.deviance.isFinite || !candidate.isValid
                    || (previous != nil
                        && (candidate.deviance - point.deviance) / (abs(candidate.deviance) + 0.1)
                            > options.devianceTolerance) {
                guard let previous, halvingsThisStep < options.maximumStepHalvings else {
                    throw .noValidStep(iteration: iterations)
                }
                halvingsThisStep += 1
                coefficients = zip(coefficients, previous).map { ($0 + $1) / 2 }
                candidate = evaluate(x: x, coefficients: coefficients, startingEta: nil,
                                     family: family, threads: options.threads)
            }
            halvings += halvingsThisStep
            relativeChange = abs(candidate.deviance - point.deviance) / (abs(candidate.deviance) + 0.1)
            point = candidate
            previous = coefficients
        }
        throw .didNotConverge(iterations: iterations, lastChange: relativeChange,
                              deviance: point.deviance)
    }

    /// The Cholesky factor of a Gram matrix whose equilibrated condition number is at most
    /// `limit`, or nil.
    static func wellConditionedFactor(_ gram: Matrix, limit: Double) -> CholeskyFactorization? {
        guard let condition = try? gram.equilibratedConditionNumber(), condition <= limit else {
            return nil
        }
        return try? CholeskyFactorization(gram)
    }

    /// Rows per segment of the pass over X: the segments are fixed by the row count alone and
    /// their sums added in order, so the fit's bits do not depend on how many threads shared
    /// them. 32 blocks of ``Matrix/crossProductBlockRows`` rows: large enough that the p × p
    /// partial sums cost nothing, small enough that two threads finish together.
    static let passSegmentRows = 32 * Matrix.crossProductBlockRows

    /// The segments of ``passSegmentRows`` rows that cover `rowCount` rows.
    static func passSegments(rowCount: Int) -> [Range<Int>] {
        stride(from: 0, to: rowCount, by: passSegmentRows).map {
            $0..<min($0 + passSegmentRows, rowCount)
        }
    }

    /// η, μ, validity and deviance at β (or at a starting η: the given one, or else that of
    /// R's starting means, `family$initialize`), and XᵀWX with XᵀWz̃ at the
    /// working weights Wᵢ = wᵢ μ'(ηᵢ)²/V(μᵢ) there, in one pass over X (``IRLSRowTerms``).
    /// The working values are z̃ᵢ = (yᵢ − μᵢ)/μ'(ηᵢ) at β (the increment form), and
    /// ηᵢ − oᵢ + z̃ᵢ at a starting η (the first step solves for β itself). Rows whose weight
    /// is zero or not finite contribute nothing, as in the pivoted-QR iteration.
    ///
    /// The rows are cut into segments of ``passSegmentRows``, evaluated on up to `threads`
    /// threads (the caller keeps OpenBLAS on one thread meanwhile); the deviance and cross-products of each segment are summed in row order within
    /// it, and the segments' sums are added in segment order.
    func evaluate(x: Matrix, coefficients: [Double]?, startingEta: [Double]?,
                  family: GLMFamily, threads: Int) -> IRLSPoint {
        let n = x.rows
        var eta = startingEta ?? [Double](repeating: 0, count: n)
        var mean = [Double](repeating: 0, count: n)
        let segments = Self.passSegments(rowCount: n)
        let fromStartingMeans = coefficients == nil && startingEta == nil
        let (family, link, y, weights) = (family, link, response, priorWeights)
        let terms = IRLSRowTerms(family: family, link: link, response: response,
                                 priorWeights: priorWeights, offset: design.offset)
        let parts = eta.withUnsafeMutableBufferPointer { eta in
            mean.withUnsafeMutableBufferPointer { mean in
                ParallelMap.map(segments, threads: threads) { rows in
                    if fromStartingMeans {
                        for i in rows {
                            eta[i] = link.linearPredictor(family.startingMean(y[i], weight: weights[i]))
                        }
                    }
                    var part = IRLSRowTerms.Summary()
                    let crossProducts = x.weightedCrossProducts(coefficients: coefficients, rows: rows) {
                        block, xb, w, z in
                        terms.fill(rows: block, linearPredictor: coefficients == nil ? nil : xb,
                                   eta: eta, mean: mean, weights: w, workingValues: z, summary: &part)
                    }
                    return (crossProducts, part)
                }
            }
        }
        var summary = IRLSRowTerms.Summary()
        for (_, part) in parts { summary.add(part) }
        let crossProducts = parts.isEmpty
            ? x.weightedCrossProducts { _, _, _, _ in }
            : WeightedCrossProducts.sum(parts.map(\.0))
        return IRLSPoint(eta: eta, mean: mean, deviance: summary.deviance, isValid: summary.isValid,
                         crossProducts: crossProducts, weightRatioSpread: summary.weightRatioSpread)
    }

    /// Whether the binomial fit at `point` proves that the data are not separated.
    ///
    /// By Stiemke's theorem of the alternative, there is no β with X̃β ≥ 0, X̃β ≠ 0 (the
    /// separation Konis's linear program looks for, X̃ the signed rows of each success and
    /// failure, X of full column rank) exactly when some u > 0 has X̃ᵀu = 0. Near the maximum
    /// the score gives one: with sᵢ = wᵢμ'ᵢ/V(μᵢ) > 0, the Newton step a = (XᵀWX)⁻¹XᵀWz̃ makes
    /// tᵢ = sᵢ((yᵢ − μᵢ) − μ'ᵢ xᵢᵀa) satisfy Σ xᵢtᵢ = XᵀWz̃ − XᵀWX a = 0. A row with 0 < yᵢ < 1
    /// has both signed copies and can carry any tᵢ with positive u; a success needs tᵢ > 0
    /// and a failure tᵢ < 0. Checked with a factor 2 to spare for rounding: a proof, so the
    /// linear program would report no separation too; when it fails the linear program decides.
    ///
    /// - Complexity: O(n·p): one product Xa, on up to `threads` threads.
    func excludesSeparation(x: Matrix, point: IRLSPoint, newtonStep step: [Double],
                            threads: Int) -> Bool {
        let (y, weights, link) = (response, priorWeights, link)
        let proven = ParallelMap.map(Self.passSegments(rowCount: x.rows), threads: threads) { rows in
            // A non-finite product fails both comparisons below: no proof, never a wrong one.
            let change = x.rowProducts(with: step, rows: rows)
            for i in rows where weights[i] > 0 {
                let mu = point.mean[i]
                let moved = 2 * link.meanDerivative(point.eta[i]) * abs(change[i - rows.lowerBound])
                if y[i] >= 1, !(1 - mu > moved) { return false }
                if y[i] <= 0, !(mu > moved) { return false }
            }
            return true
        }
        return proven.allSatisfy { $0 }
    }
}
