import CLAPACK

/// A QR factorisation with column pivoting, XP = QR, that reveals the numerical rank of X.
///
/// Formula: X P = Q R with Q orthogonal (m × m), R upper triangular (m × n) and P a column
/// permutation chosen greedily so that each step eliminates the column with the largest
/// remaining norm (LAPACK `dgeqp3`). The columns of X are first scaled to unit Euclidean
/// norm, so the pivoting and the rank do not depend on the units of each column; R is
/// scaled back afterwards, so ``upperTriangularFactor`` is the factor of X itself.
///
/// Rank: with R̃ the factor of the scaled matrix, the rank is the number of leading
/// diagonal entries with |R̃ₖₖ| > tolerance · |R̃₁₁|. Because the scaled columns have unit
/// norm, |R̃ₖₖ| is the part of column k not explained by the columns before it, relative to
/// that column's own norm, which is the test R's `qr(x, tol = 1e-7, LAPACK = FALSE)` applies
/// (LINPACK `dqrdc2`). The two can choose different members of a collinear set as aliased:
/// `dqrdc2` keeps columns in their original order where it can, while greedy pivoting keeps
/// the columns with the largest remaining relative norm, and near-ties are settled by
/// rounding. Exactly duplicated columns tie exactly, and the later copy is aliased, as in R.
///
/// - Note: Businger & Golub (1965), "Linear least squares solutions by Householder
///   transformations", Numerische Mathematik 7, 269–276, doi:10.1007/BF01436084;
///   Quintana-Ortí, Sun & Bischof (1998), "A BLAS-3 version of the QR factorization with
///   column pivoting", SIAM J. Sci. Comput. 19(5), doi:10.1137/S1064827595296732;
///   Golub & Van Loan (2013), *Matrix Computations*, 4th ed., §5.4.2.
public struct PivotedQR: Sendable, Equatable {
    /// The default rank tolerance, 1e-7, the default of R's `qr` and `lm`.
    public static let defaultTolerance = 1e-7

    public let rows: Int
    public let columns: Int
    /// The numerical rank: the number of columns judged linearly independent.
    public let rank: Int
    /// The rank tolerance the factorisation was made with.
    public let tolerance: Double
    /// The permutation P: `pivotOrder[k]` is the original (zero-based) index of the column
    /// that was moved to position k.
    public let pivotOrder: [Int]
    /// LAPACK's compact form: R on and above the diagonal, Householder vectors below it.
    let factors: Matrix
    let householderScalars: [Double]

    /// Factorises `matrix` with column pivoting and determines its rank.
    ///
    /// - Parameters:
    ///   - matrix: the m × n matrix X, typically a regression design.
    ///   - tolerance: relative threshold on the scaled diagonal of R, in [0, 1).
    /// - Throws: ``LinearAlgebraError/nonFinite(operand:row:column:)`` for NaN or infinite
    ///   entries; ``LinearAlgebraError/illegalArgument(routine:position:)`` only on a defect.
    /// - Complexity: O(m·n²) for an m × n matrix with m ≥ n.
    public init(_ matrix: Matrix,
                tolerance: Double = PivotedQR.defaultTolerance) throws(LinearAlgebraError) {
        precondition(tolerance.isFinite && tolerance >= 0 && tolerance < 1,
                     "rank tolerance must lie in [0, 1)")
        try matrix.requireFinite(operand: "matrix")
        let (m, n) = (matrix.rows, matrix.columns)
        let columnNorms = (0..<n).map { j in
            matrix.storage.withUnsafeBufferPointer { x in
                cblas_dnrm2(Int32(m), x.baseAddress.map { $0 + j * m }, 1)
            }
        }
        var scaled = matrix
        for j in 0..<n where columnNorms[j] > 0 {
            for i in 0..<m { scaled[i, j] /= columnNorms[j] }
        }

        var pivots = [Int32](repeating: 0, count: n)
        var tau = [Double](repeating: 0, count: min(m, n))
        var (rowCount, columnCount, leading) = (Int32(m), Int32(n), Int32(max(1, m)))
        var info: Int32 = 0
        var optimalWork = [0.0]
        var workCount: Int32 = -1
        dgeqp3_(&rowCount, &columnCount, &scaled.storage, &leading, &pivots, &tau,
                &optimalWork, &workCount, &info)
        if info == 0 {
            workCount = Int32(max(1, optimalWork[0]))
            var work = [Double](repeating: 0, count: Int(workCount))
            dgeqp3_(&rowCount, &columnCount, &scaled.storage, &leading, &pivots, &tau,
                    &work, &workCount, &info)
        }
        guard info == 0 else { throw .illegalArgument(routine: "dgeqp3", position: Int(-info)) }

        let pivotOrder = pivots.map { Int($0) - 1 }
        let largestDiagonal = tau.isEmpty ? 0 : abs(scaled[0, 0])
        var rank = 0
        while rank < tau.count, abs(scaled[rank, rank]) > tolerance * largestDiagonal {
            rank += 1
        }
        // Undo the column scaling on R only; the Householder vectors describe Q, which the
        // scaling does not change: X P = Q R̃ D_P, where D_P holds the norms in pivot order.
        for j in 0..<n where columnNorms[pivotOrder[j]] > 0 {
            for i in 0..<min(j + 1, m) { scaled[i, j] *= columnNorms[pivotOrder[j]] }
        }
        self.rows = m
        self.columns = n
        self.rank = rank
        self.tolerance = tolerance
        self.pivotOrder = pivotOrder
        self.factors = scaled
        self.householderScalars = tau
    }

    /// The original indices of the columns judged linearly dependent on the others, in
    /// increasing order: the terms a regression reports as aliased.
    public var aliasedColumns: [Int] { pivotOrder[rank...].sorted() }

    /// The original indices of the columns kept, in increasing order.
    public var independentColumns: [Int] { pivotOrder[..<rank].sorted() }

    /// The upper-triangular factor R, min(m, n) × n, with columns in pivot order.
    public var upperTriangularFactor: Matrix {
        var r = Matrix(rows: householderScalars.count, columns: columns, repeating: 0)
        for j in 0..<columns {
            for i in 0..<min(j + 1, r.rows) { r[i, j] = factors[i, j] }
        }
        return r
    }

    /// The product Qᵀy, whose entries are the effects of R's `qr.qty` (LAPACK `dormqr`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:found:)`` when `y`
    ///   does not have one entry per row; ``LinearAlgebraError/nonFinite(operand:row:column:)``.
    /// - Complexity: O(m·n).
    public func multiplyingByQTranspose(_ vector: [Double]) throws(LinearAlgebraError) -> [Double] {
        try vector.requireFinite(operand: "vector")
        guard vector.count == rows else {
            throw .dimensionMismatch(operation: "Qᵀy: length of y", expected: rows,
                                     found: vector.count)
        }
        return try applyingQ(to: vector, transposing: true)
    }

    /// Computes Qy or Qᵀy for a vector of length `rows` with LAPACK `dormqr`.
    func applyingQ(to vector: [Double], transposing: Bool) throws(LinearAlgebraError) -> [Double] {
        guard rows > 0, !householderScalars.isEmpty else { return vector }
        var result = vector
        var (rowCount, one, reflectors) = (Int32(rows), Int32(1), Int32(householderScalars.count))
        var (leadingOfFactors, leadingOfResult) = (Int32(rows), Int32(rows))
        var info: Int32 = 0
        var optimalWork = [0.0]
        var workCount: Int32 = -1
        let transpose = transposing ? "T" : "N"
        dormqr_("L", transpose, &rowCount, &one, &reflectors, factors.storage,
                &leadingOfFactors, householderScalars, &result, &leadingOfResult,
                &optimalWork, &workCount, &info, 1, 1)
        if info == 0 {
            workCount = Int32(max(1, optimalWork[0]))
            var work = [Double](repeating: 0, count: Int(workCount))
            dormqr_("L", transpose, &rowCount, &one, &reflectors, factors.storage,
                    &leadingOfFactors, householderScalars, &result, &leadingOfResult,
                    &work, &workCount, &info, 1, 1)
        }
        guard info == 0 else { throw .illegalArgument(routine: "dormqr", position: Int(-info)) }
        return result
    }

    /// The unscaled covariance (X_IᵀX_I)⁻¹ of the independent columns I (LAPACK `dpotri`).
    ///
    /// Formula: X_I P_I = Q₁R₁₁, so X_IᵀX_I = P_I R₁₁ᵀR₁₁ P_Iᵀ and its inverse is
    /// P_I R₁₁⁻¹R₁₁⁻ᵀ P_Iᵀ, R's `chol2inv(qr$qr)`; multiplied by the residual variance it
    /// gives the coefficients' covariance. Rows and columns follow ``independentColumns``.
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(rank:columns:)`` if a kept diagonal entry
    ///   of R is exactly zero, which the rank test should already have excluded.
    /// - Complexity: O(rank³).
    public func crossProductInverse() throws(LinearAlgebraError) -> Matrix {
        var inverse = Matrix(rows: rank, columns: rank, repeating: 0)
        guard rank > 0 else { return inverse }
        for j in 0..<rank {
            for i in 0...j { inverse[i, j] = factors[i, j] }
        }
        var (order, leading, info) = (Int32(rank), Int32(rank), Int32(0))
        dpotri_("U", &order, &inverse.storage, &leading, &info, 1)
        guard info >= 0 else { throw .illegalArgument(routine: "dpotri", position: Int(-info)) }
        guard info == 0 else { throw .rankDeficient(rank: Int(info) - 1, columns: columns) }
        let positionInPivotOrder = Dictionary(
            uniqueKeysWithValues: pivotOrder[..<rank].enumerated().map { ($1, $0) })
        let kept = independentColumns.map { positionInPivotOrder[$0]! }
        var reordered = inverse
        for (b, pivotB) in kept.enumerated() {
            for (a, pivotA) in kept.enumerated() {
                reordered[a, b] = inverse[min(pivotA, pivotB), max(pivotA, pivotB)]
            }
        }
        return reordered
    }
}
