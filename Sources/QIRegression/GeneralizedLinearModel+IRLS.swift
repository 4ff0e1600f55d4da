import QILinearAlgebra

/// The state IRLS stops in.
struct IRLSResult {
    var coefficients: [Double?]
    var eta: [Double]
    var mean: [Double]
    var deviance: Double
    var iterations: Int
    var stepHalvings: Int
    var lastRelativeChange: Double
    /// (XᵀW(β̂)X)⁻¹ over the estimable columns when the iteration computed it accurately at
    /// β̂ (``GeneralizedLinearModel/iterateByNormalEquations(family:start:options:design:)``);
    /// nil when the summary must factorise √W X itself.
    var unscaledCovariance: Matrix? = nil
    /// Whether the iteration proved that a binomial model is not separated (a positive
    /// solution of X̃ᵀu = 0 built from its last Newton step).
    var excludesSeparation = false
}

extension GeneralizedLinearModel {
    /// Iteratively reweighted least squares with step-halving: by the normal equations when the
    /// design is well conditioned
    /// (``iterateByNormalEquations(family:start:options:design:)``), otherwise by a pivoted QR
    /// of the weighted design in every iteration
    /// (``iterateByPivotedQR(family:start:options:design:divergingColumns:)``). Both stop at
    /// the same estimate; the first costs one pass over X per iteration.
    func iterate(family: GLMFamily, start: [Double]?, options: GLMOptions,
                 design matrix: Matrix? = nil,
                 divergingColumns: Set<Int> = []) throws(GLMError) -> IRLSResult {
        if divergingColumns.isEmpty,
           let result = try iterateByNormalEquations(family: family, start: start,
                                                     options: options, design: matrix) {
            return result
        }
        return try iterateByPivotedQR(family: family, start: start, options: options,
                                      design: matrix, divergingColumns: divergingColumns)
    }

    /// Iteratively reweighted least squares with step-halving, on a pivoted QR.
    ///
    /// Each iteration regresses the working response zᵢ = ηᵢ − oᵢ + (yᵢ − μᵢ)/μ'(ηᵢ) on X
    /// with working weights Wᵢ = wᵢ μ'(ηᵢ)² / V(μᵢ), by a pivoted QR of √W X (rank tolerance
    /// 1e-7; aliased columns get no coefficient). This is Fisher scoring, and Newton's method
    /// for a canonical link. When the new coefficients give a non-finite deviance, an invalid
    /// μ or η, or a deviance that rises, the step is halved towards the previous coefficients
    /// (as R's `glm.fit` for the first two, and `glm2` (Marschner 2011, R Journal 3(2)) for the
    /// third), at most ``GLMOptions/maximumStepHalvings`` times.
    ///
    /// Stops when the relative change in deviance is below R's 1e-8 and, in addition, the
    /// largest coefficient step relative to max(|βⱼ|, seⱼ) is below 1e-10, or is below 1e-8
    /// and no longer shrinking (the rounding floor of an ill-conditioned design). R stops on the deviance alone, up to 4e-8
    /// short of the optimum for non-canonical links; the extra criterion removes that gap.
    ///
    /// Aliased columns are found once, on √w X with the prior weights, and chosen in R's order
    /// (``AliasedColumnSearch``); the iteration then works on the columns kept.
    ///
    /// Starting values: R's `family$initialize` means, or the linear predictor `start`.
    ///
    /// `divergingColumns` (of a separated binomial fit) are left out of the coefficient
    /// criterion: their estimates grow without bound while the deviance and the other
    /// coefficients settle.
    func iterateByPivotedQR(family: GLMFamily, start: [Double]?, options: GLMOptions,
                            design matrix: Matrix? = nil,
                            divergingColumns: Set<Int> = []) throws(GLMError) -> IRLSResult {
        let full = matrix ?? design.matrix
        var scaledDesign = full
        for i in 0..<full.rows {
            let root = priorWeights[i].squareRoot()
            for j in 0..<full.columns { scaledDesign[i, j] *= root }
        }
        let aliased: [Int]
        do {
            aliased = try AliasedColumnSearch.aliasedColumns(of: scaledDesign,
                                                              tolerance: options.rankTolerance)
        } catch {
            throw .linearAlgebra(error.description)
        }
        let kept = (0..<full.columns).filter { !aliased.contains($0) }
        let x = aliased.isEmpty ? full : full.selectingColumns(kept)
        let (n, p) = (x.rows, x.columns)
        let y = response
        let weights = priorWeights
        let offset = design.offset
        var eta: [Double]
        if let start {
            eta = start
        } else {
            eta = (0..<n).map { link.linearPredictor(family.startingMean(y[$0], weight: weights[$0])) }
        }
        var mean = eta.map(link.mean)
        guard isValid(eta: eta, mean: mean, family: family) else {
            throw .noValidStartingValues(family: family.name, link: link.rawValue)
        }
        var deviance = totalDeviance(mean, family: family)
        var previous: [Double]? = nil
        var iterations = 0
        var halvings = 0
        var relativeChange = Double.infinity
        var stepSize = IRLSStepSize()
        var result: [Double?] = Array(repeating: nil, count: full.columns)

        while iterations < options.maximumIterations {
            iterations += 1
            var weighted = Matrix(rows: n, columns: p, repeating: 0)
            var workingResponse = [Double](repeating: 0, count: n)
            for i in 0..<n where weights[i] > 0 {
                let derivative = link.meanDerivative(eta[i])
                let root = (weights[i] * derivative * derivative / family.variance(mean[i])).squareRoot()
                guard root.isFinite, root > 0 else { continue }
                workingResponse[i] = root * (eta[i] - offset[i] + (y[i] - mean[i]) / derivative)
                for j in 0..<p { weighted[i, j] = root * x[i, j] }
            }
            let solution: LeastSquaresSolution
            let unscaledCovariance: Matrix
            do {
                let factorization = try PivotedQR(weighted, tolerance: options.rankTolerance)
                solution = try factorization.solveLeastSquares(workingResponse)
                unscaledCovariance = try factorization.crossProductInverse()
            } catch {
                throw .linearAlgebra(error.description)
            }
            // A column that loses its rank mid-iteration (weights vanishing on separated rows)
            // keeps its previous value rather than jumping to 0.
            var coefficients = solution.coefficients.enumerated().map { position, value in
                value ?? previous?[position] ?? 0
            }
            var candidateEta = linearPredictor(x, coefficients, offset)
            var candidateMean = candidateEta.map(link.mean)
            var candidateDeviance = totalDeviance(candidateMean, family: family)
            var halvingsThisStep = 0
            while !candidateDeviance.isFinite
                    || !isValid(eta: candidateEta, mean: candidateMean, family: family)
                    || (previous != nil
                        && (candidateDeviance - deviance) / (abs(candidateDeviance) + 0.1)
                            > options.devianceTolerance) {
                guard let previous, halvingsThisStep < options.maximumStepHalvings else {
                    throw .noValidStep(iteration: iterations)
                }
                halvingsThisStep += 1
                coefficients = zip(coefficients, previous).map { ($0 + $1) / 2 }
                candidateEta = linearPredictor(x, coefficients, offset)
                candidateMean = candidateEta.map(link.mean)
                candidateDeviance = totalDeviance(candidateMean, family: family)
            }
            halvings += halvingsThisStep
            relativeChange = abs(candidateDeviance - deviance) / (abs(candidateDeviance) + 0.1)
            let (largestStep, atRoundingFloor) = stepSize.record(previous.map { previous in
                solution.factorization.independentColumns.enumerated()
                    .filter { !divergingColumns.contains(kept[$0.element]) }
                    .map { position, j in
                        (coefficients[j], previous[j], unscaledCovariance[position, position].squareRoot())
                    }
            })
            eta = candidateEta
            mean = candidateMean
            deviance = candidateDeviance
            previous = coefficients
            result = Array(repeating: nil, count: full.columns)
            for (position, j) in kept.enumerated() where solution.coefficients[position] != nil {
                result[j] = coefficients[position]
            }
            if iterations > 1, relativeChange < options.devianceTolerance,
               largestStep < options.coefficientTolerance || atRoundingFloor {
                return IRLSResult(coefficients: result, eta: eta, mean: mean, deviance: deviance,
                                  iterations: iterations, stepHalvings: halvings,
                                  lastRelativeChange: relativeChange)
            }
        }
        throw .didNotConverge(iterations: iterations, lastChange: relativeChange, deviance: deviance)
    }

    func linearPredictor(_ x: Matrix, _ coefficients: [Double], _ offset: [Double]) -> [Double] {
        var eta = offset
        for (j, coefficient) in coefficients.enumerated() where coefficient != 0 {
            x.storage.withUnsafeBufferPointer { storage in
                let column = j * x.rows
                for i in 0..<x.rows { eta[i] += storage[column + i] * coefficient }
            }
        }
        return eta
    }

    func totalDeviance(_ mean: [Double], family: GLMFamily) -> Double {
        var total = 0.0
        for i in mean.indices where priorWeights[i] > 0 {
            total += family.deviance(response[i], mean[i], weight: priorWeights[i])
        }
        return total
    }

    func isValid(eta: [Double], mean: [Double], family: GLMFamily) -> Bool {
        eta.allSatisfy(\.isFinite) && mean.indices.allSatisfy {
            priorWeights[$0] == 0 || family.isValidMean(mean[$0])
        }
    }
}
