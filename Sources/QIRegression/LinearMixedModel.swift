#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

/// A linear mixed model y = Xβ + o + Zb + ε, b ~ N(0, σ²ΛθΛθᵀ), ε ~ N(0, σ²I), ready to fit
/// by profiled maximum likelihood or REML as lme4's `lmer` fits it.
///
/// Each random-effect term (grouping factor g with kₜ columns) has a kₜ × kₜ lower-triangular
/// relative covariance factor Tₜ whose lower triangle, column by column, is its part of θ;
/// Λθ is block diagonal with Tₜ repeated for every group. With spherical effects u (b = Λθu)
/// and the sparse Cholesky factor Lθ of ΛθᵀZᵀZΛθ + I, for fixed θ the penalised least squares
/// problem min ‖y − o − Xβ − ZΛθu‖² + ‖u‖² is solved by the blocked Cholesky factorisation
///     [ΛᵀZᵀZΛ + I  ΛᵀZᵀX  ΛᵀZᵀy]   [L   0   0] [Lᵀ  RZX  c_u]
///     [XᵀZΛ        XᵀX    Xᵀy  ] = [RZXᵀ RX 0] [0   RXᵀ  c_β]
///     [yᵀZΛ        yᵀX    yᵀy  ]   [c_uᵀ c_βᵀ r] [0   0    r ]
/// so that RXᵀβ̂ = c_β, the penalised residual sum of squares is r²θ = r²,
/// and the profiled deviances (σ² and β profiled out) are
///     ML:    d(θ)  = log|Lθ|² + n (1 + log(2π r²θ / n))
///     REML:  dR(θ) = log|Lθ|² + log|RX|² + (n − p)(1 + log(2π r²θ / (n − p))),
/// with σ̂² = r²θ/n (ML) or r²θ/(n − p) (REML) and Var(β̂) = σ̂²(RXRXᵀ)⁻¹ (lme4's `vcov`).
///
/// Terms are ordered as lme4 orders them (by decreasing number of groups when that is not
/// already so). The first term's part of ΛᵀZᵀZΛ + I is block diagonal (one kₜ × kₜ block per
/// group), so its blocks are factorised one group at a time and only the other terms (crossed
/// or nested factors) form a dense block, the Schur complement; a single grouping factor needs
/// no dense q × q matrix at all.
///
/// - Note: Bates, Mächler, Bolker & Walker (2015), "Fitting linear mixed-effects models using
///   lme4", J Stat Softw 67(1), §3, doi:10.18637/jss.v067.i01.
public struct LinearMixedModel: Sendable {
    /// What the fit optimises.
    public enum Criterion: String, Sendable {
        /// Restricted maximum likelihood (lme4's default, `REML = TRUE`).
        case reml
        /// Maximum likelihood (`REML = FALSE`).
        case maximumLikelihood = "ml"
    }

    public let design: DesignMatrix
    public let criterion: Criterion
    /// The random-effect terms in lme4's order.
    public let terms: [RandomEffectTerm]
    /// The number of rows n and fixed effects p.
    let rowCount: Int
    let fixedCount: Int
    /// The first term's cross products, one entry per group: Z₁ᵍᵀZ₁ᵍ (k₁ × k₁), Z₁ᵍᵀX (k₁ × p),
    /// Z₁ᵍᵀy and Z₂ᵀZ₁ᵍ (q₂ × k₁) for the other terms' columns Z₂.
    let blockCrossProducts: [Matrix]
    let blockDesignProducts: [Matrix]
    let blockResponseProducts: [[Double]]
    let blockOtherProducts: [Matrix]
    /// The other terms' cross products Z₂ᵀZ₂, Z₂ᵀX, Z₂ᵀy.
    let otherCrossProduct: Matrix
    let otherDesignProduct: Matrix
    let otherResponseProduct: [Double]
    /// XᵀX, Xᵀy and yᵀy, with y the response less the offset.
    let designCrossProduct: Matrix
    let designResponseProduct: [Double]
    let responseSquares: Double
    /// Where each of the other terms' columns start in Z₂.
    let otherOffsets: [Int]

    /// Describes the model and forms its cross products.
    ///
    /// - Throws: ``LMMError`` for a design without random-effect terms, prior weights, a
    ///   non-numeric response, fixed-effect columns that are linear combinations of others,
    ///   or too few rows (lme4's checks: n > p, and more rows than random effects per term
    ///   for the residual variance to be identified).
    /// - Complexity: O(n (Σkₜ + p)²) for the cross products.
    public init(design: DesignMatrix, criterion: Criterion = .reml) throws(LMMError) {
        guard !design.randomEffectTerms.isEmpty else { throw .noRandomEffects }
        guard design.weights == nil else { throw .priorWeights }
        guard case let .values(values) = design.response else { throw .countsResponse }
        let n = design.rowCount, p = design.matrix.columns
        let aliased = (try? AliasedColumnSearch.aliasedColumns(of: design.matrix, tolerance: 1e-7)) ?? []
        guard aliased.isEmpty else {
            throw .aliasedColumns(names: aliased.map { design.columnNames[$0] })
        }
        let terms = Self.lme4Order(design.randomEffectTerms)
        for term in terms {
            let q = term.grouping.levels.count * term.columnCount
            guard q < n else {
                throw .tooManyRandomEffects(group: term.grouping.label, effects: q, rows: n)
            }
        }
        guard n > p else { throw .tooFewRows(rows: n, fixedEffects: p) }
        let y = zip(values, design.offset).map { $0 - $1 }
        let x = design.matrix

        let first = terms[0]
        let k1 = first.columnCount
        let others = Array(terms.dropFirst())
        var otherOffsets: [Int] = []
        var q2 = 0
        for term in others {
            otherOffsets.append(q2)
            q2 += term.grouping.levels.count * term.columnCount
        }
        let groupCount = first.grouping.levels.count
        var blockCross = [[Double]](repeating: Array(repeating: 0, count: k1 * k1), count: groupCount)
        var blockDesign = [[Double]](repeating: Array(repeating: 0, count: k1 * p), count: groupCount)
        var blockResponse = [[Double]](repeating: Array(repeating: 0, count: k1), count: groupCount)
        var blockOther = [[Double]](repeating: Array(repeating: 0, count: q2 * k1), count: groupCount)
        var otherCross = [Double](repeating: 0, count: q2 * q2)
        var otherDesign = [Double](repeating: 0, count: q2 * p)
        var otherResponse = [Double](repeating: 0, count: q2)
        var rowX = [Double](repeating: 0, count: p)
        var rowZ1 = [Double](repeating: 0, count: k1)
        var rowOther: [(index: Int, value: Double)] = []
        for i in 0..<n {
            for j in 0..<p { rowX[j] = x.storage[j * n + i] }
            for j in 0..<k1 { rowZ1[j] = first.matrix.storage[j * n + i] }
            rowOther.removeAll(keepingCapacity: true)
            for (t, term) in others.enumerated() {
                let base = otherOffsets[t] + term.grouping.codes[i] * term.columnCount
                for j in 0..<term.columnCount {
                    rowOther.append((base + j, term.matrix.storage[j * n + i]))
                }
            }
            let g = first.grouping.codes[i]
            for b in 0..<k1 {
                for a in 0..<k1 { blockCross[g][b * k1 + a] += rowZ1[a] * rowZ1[b] }
                for j in 0..<p { blockDesign[g][j * k1 + b] += rowZ1[b] * rowX[j] }
                blockResponse[g][b] += rowZ1[b] * y[i]
                for (index, value) in rowOther { blockOther[g][b * q2 + index] += value * rowZ1[b] }
            }
            for (index, value) in rowOther {
                for (other, otherValue) in rowOther { otherCross[other * q2 + index] += value * otherValue }
                for j in 0..<p { otherDesign[j * q2 + index] += value * rowX[j] }
                otherResponse[index] += value * y[i]
            }
        }
        self.design = design
        self.criterion = criterion
        self.terms = terms
        self.rowCount = n
        self.fixedCount = p
        self.blockCrossProducts = blockCross.map { Matrix(rows: k1, columns: k1, storage: $0) }
        self.blockDesignProducts = blockDesign.map { Matrix(rows: k1, columns: p, storage: $0) }
        self.blockResponseProducts = blockResponse
        self.blockOtherProducts = blockOther.map { Matrix(rows: q2, columns: k1, storage: $0) }
        self.otherCrossProduct = Matrix(rows: q2, columns: q2, storage: otherCross)
        self.otherDesignProduct = Matrix(rows: q2, columns: p, storage: otherDesign)
        self.otherResponseProduct = otherResponse
        self.designCrossProduct = (try? x.gramMatrix()) ?? Matrix(rows: p, columns: p, repeating: .nan)
        self.designResponseProduct = (try? x.multiplied(by: y, transposingSelf: true)) ?? []
        self.responseSquares = y.reduce(0) { $0 + $1 * $1 }
        self.otherOffsets = otherOffsets
    }

    /// lme4's `mkReTrms` order: unchanged when the numbers of groups never increase from one
    /// term to the next, otherwise R's `rev(order(groups))` (decreasing, ties in reverse).
    static func lme4Order(_ terms: [RandomEffectTerm]) -> [RandomEffectTerm] {
        let groups = terms.map(\.grouping.levels.count)
        guard zip(groups, groups.dropFirst()).contains(where: { $0 < $1 }) else { return terms }
        let ascending = terms.indices.sorted { (groups[$0], $0) < (groups[$1], $1) }
        return ascending.reversed().map { terms[$0] }
    }

    /// The number of covariance parameters θ: kₜ(kₜ + 1)/2 per term.
    public var parameterCount: Int {
        terms.reduce(0) { $0 + $1.columnCount * ($1.columnCount + 1) / 2 }
    }

    /// Whether each θ has the lower bound 0 (the diagonal of each Tₜ), as lme4's `lower`.
    public var lowerBounded: [Bool] { RandomEffectTerm.lowerBounded(terms) }

    /// The relative covariance factors Tₜ (column-major k × k) of θ.
    func factors(_ theta: [Double]) -> [[Double]] { RandomEffectTerm.factors(terms, theta: theta) }

    /// The profiled criterion at θ and what it determines: β̂, r²θ and the factor RX.
    struct Profile {
        let deviance: Double
        let coefficients: [Double]
        let penalizedResidualSumOfSquares: Double
        let logDeterminantL: Double
        let logDeterminantRX: Double
        /// RXRXᵀ = XᵀX − RZXᵀRZX, the Schur complement whose inverse gives Var(β̂)/σ².
        let fixedEffectsFactor: CholeskyFactorization
    }

    /// The profiled deviance (ML) or REML criterion at θ, −2 times the profiled
    /// log-likelihood; see the type's documentation.
    ///
    /// - Throws: ``LMMError/linearAlgebra(_:)`` when a factorisation fails (θ far outside
    ///   any sensible range).
    /// - Complexity: O(g k₁³ + g q₂ k₁ (k₁ + p) + q₂³ + p³) for g groups of the first term.
    func profile(_ theta: [Double]) throws(LMMError) -> Profile {
        do {
            return try profileThrowingLinearAlgebra(theta)
        } catch {
            throw .linearAlgebra(error)
        }
    }

    private func profileThrowingLinearAlgebra(_ theta: [Double]) throws(LinearAlgebraError) -> Profile {
        let n = rowCount, p = fixedCount
        let factors = factors(theta)
        let k = terms[0].columnCount
        let first = factors[0]
        let q2 = otherCrossProduct.rows
        var logDeterminantL = 0.0
        var designSchur = designCrossProduct.storage
        var designResponse = designResponseProduct
        var residual = responseSquares
        // The other terms' blocks, Λ₂ᵀ(⋯) formed first, then reduced by each group's block.
        var otherSchur = lambdaTransposedTimes(
            lambdaTransposedTimes(otherCrossProduct, factors: factors).transposed(),
            factors: factors).storage
        for i in 0..<q2 { otherSchur[i * q2 + i] += 1 }
        var otherDesign = lambdaTransposedTimes(otherDesignProduct, factors: factors).storage
        var otherResponse = lambdaTransposedTimes(
            Matrix(rows: q2, columns: 1, storage: otherResponseProduct), factors: factors).storage
        // Tᵀ(column-major k × m block), using that T is lower triangular.
        func firstFactorTransposedTimes(_ block: [Double], columns m: Int) -> [Double] {
            var product = [Double](repeating: 0, count: k * m)
            for column in 0..<m {
                for a in 0..<k {
                    var sum = 0.0
                    for c in a..<k { sum += first[a * k + c] * block[column * k + c] }
                    product[column * k + a] = sum
                }
            }
            return product
        }
        var block = [Double](repeating: 0, count: k * k)
        for g in blockCrossProducts.indices {
            // T₁ᵀ Z₁ᵍᵀZ₁ᵍ T₁ + I = LLᵀ, by small dense kernels (k is a handful).
            let crossProduct = blockCrossProducts[g].storage
            let scaled = firstFactorTransposedTimes(crossProduct, columns: k)
            for b in 0..<k {
                for a in 0..<k {
                    var sum = 0.0
                    for c in b..<k { sum += scaled[c * k + a] * first[b * k + c] }
                    block[b * k + a] = sum + (a == b ? 1 : 0)
                }
            }
            guard let logDeterminant = SmallCholesky.factorInPlace(&block, order: k) else {
                throw .notPositiveDefinite(minor: g + 1)
            }
            logDeterminantL += logDeterminant
            var crossDesign = firstFactorTransposedTimes(blockDesignProducts[g].storage, columns: p)
            SmallCholesky.solveLowerInPlace(block, order: k, &crossDesign, columns: p)
            var crossResponse = firstFactorTransposedTimes(blockResponseProducts[g], columns: 1)
            SmallCholesky.solveLowerInPlace(block, order: k, &crossResponse, columns: 1)
            for j in 0..<p {
                for i in 0...j {
                    var sum = 0.0
                    for a in 0..<k { sum += crossDesign[i * k + a] * crossDesign[j * k + a] }
                    designSchur[j * p + i] -= sum
                }
                var sum = 0.0
                for a in 0..<k { sum += crossDesign[j * k + a] * crossResponse[a] }
                designResponse[j] -= sum
            }
            for a in 0..<k { residual -= crossResponse[a] * crossResponse[a] }
            guard q2 > 0 else { continue }
            // L₂₁ᵍ = Λ₂ᵀ Z₂ᵀZ₁ᵍ T₁ L⁻ᵀ, held transposed (k × q₂) as L⁻¹ T₁ᵀ (Λ₂ᵀZ₂ᵀZ₁ᵍ)ᵀ.
            var lowerBlock = firstFactorTransposedTimes(
                lambdaTransposedTimes(blockOtherProducts[g], factors: factors).transposed().storage,
                columns: q2)
            SmallCholesky.solveLowerInPlace(block, order: k, &lowerBlock, columns: q2)
            for j in 0..<q2 {
                for i in 0...j {
                    var sum = 0.0
                    for a in 0..<k { sum += lowerBlock[i * k + a] * lowerBlock[j * k + a] }
                    otherSchur[j * q2 + i] -= sum
                }
                for column in 0..<p {
                    var sum = 0.0
                    for a in 0..<k { sum += lowerBlock[j * k + a] * crossDesign[column * k + a] }
                    otherDesign[column * q2 + j] -= sum
                }
                var sum = 0.0
                for a in 0..<k { sum += lowerBlock[j * k + a] * crossResponse[a] }
                otherResponse[j] -= sum
            }
        }
        var designSchurMatrix = Matrix(rows: p, columns: p, storage: designSchur)
        if q2 > 0 {
            let cholesky = try CholeskyFactorization(
                Matrix(rows: q2, columns: q2, storage: otherSchur).symmetrisedFromUpper())
            logDeterminantL += cholesky.logDeterminant
            let crossDesign = try cholesky.solveFactor(
                Matrix(rows: q2, columns: p, storage: otherDesign), transposed: true)
            let crossResponse = try cholesky.solveFactor(
                Matrix(rows: q2, columns: 1, storage: otherResponse), transposed: true)
            designSchurMatrix = try designSchurMatrix.subtracting(
                crossDesign.multiplied(by: crossDesign, transposingSelf: true))
            designResponse = zip(designResponse,
                                 try crossDesign.multiplied(by: crossResponse.storage, transposingSelf: true))
                .map { $0 - $1 }
            residual -= crossResponse.storage.reduce(0) { $0 + $1 * $1 }
        }
        let fixedFactor = try CholeskyFactorization(designSchurMatrix.symmetrisedFromUpper())
        let fixedResponse = try fixedFactor.solveFactor(
            Matrix(rows: p, columns: 1, storage: designResponse), transposed: true)
        residual -= fixedResponse.storage.reduce(0) { $0 + $1 * $1 }
        let coefficients = try fixedFactor.solveFactor(fixedResponse, transposed: false).storage
        let logDeterminantRX = fixedFactor.logDeterminant
        let deviance: Double
        switch criterion {
        case .maximumLikelihood:
            deviance = logDeterminantL + Double(n) * (1 + log(2 * Double.pi * residual / Double(n)))
        case .reml:
            let degrees = Double(n - p)
            deviance = logDeterminantL + logDeterminantRX
                + degrees * (1 + log(2 * Double.pi * residual / degrees))
        }
        return Profile(deviance: deviance, coefficients: coefficients,
                       penalizedResidualSumOfSquares: residual, logDeterminantL: logDeterminantL,
                       logDeterminantRX: logDeterminantRX, fixedEffectsFactor: fixedFactor)
    }

    /// Λ₂ᵀM for a matrix M whose rows are the other terms' random effects: each group's k
    /// rows are multiplied by Tₜᵀ.
    private func lambdaTransposedTimes(_ matrix: Matrix, factors: [[Double]]) -> Matrix {
        var result = matrix.storage
        let rows = matrix.rows
        for (t, term) in terms.dropFirst().enumerated() {
            let k = term.columnCount
            let factor = factors[t + 1]
            for group in 0..<term.grouping.levels.count {
                let base = otherOffsets[t] + group * k
                for column in 0..<matrix.columns {
                    for a in 0..<k {
                        // (Tᵀm)ₐ = Σ_{b ≥ a} T_{b a} m_b.
                        var sum = 0.0
                        for b in a..<k { sum += factor[a * k + b] * matrix.storage[column * rows + base + b] }
                        result[column * rows + base + a] = sum
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: matrix.columns, storage: result)
    }
}

extension Matrix {
    /// The symmetric matrix with this matrix's upper triangle: removes the rounding
    /// asymmetry of products such as TᵀMT before a Cholesky factorisation.
    func symmetrisedFromUpper() -> Matrix {
        var result = storage
        for j in 0..<columns {
            for i in (j + 1)..<rows { result[j * rows + i] = storage[i * rows + j] }
        }
        return Matrix(rows: rows, columns: columns, storage: result)
    }

    func subtracting(_ other: Matrix) -> Matrix {
        Matrix(rows: rows, columns: columns, storage: zip(storage, other.storage).map { $0 - $1 })
    }
}
