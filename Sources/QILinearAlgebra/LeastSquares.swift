import CLAPACK

/// The least-squares solution of Xβ ≈ y, with the columns of X that had to be dropped.
///
/// Formula: β minimises ‖y − Xβ‖₂. With X P = Q R from a ``PivotedQR`` of rank r, the
/// coefficients of the r independent columns solve R₁₁ β_I = (Qᵀy)₁..ᵣ and the coefficients
/// of aliased columns are not estimable, so they are `nil` (R's `NA`). This is the basic
/// solution of Golub & Van Loan (2013), *Matrix Computations*, 4th ed., §5.5.6.
///
/// Regression code names and drops the aliased terms through ``aliasedColumns``, or demands
/// a full-rank design with ``fullRankCoefficients()``.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// One coefficient per column of X, in the original order; `nil` for aliased columns.
    public let coefficients: [Double?]
    /// The fitted values Xβ, computed as Q [(Qᵀy)₁..ᵣ; 0] (R's `qr.fitted`).
    public let fittedValues: [Double]
    /// The residuals y − Xβ, computed as Q [0; (Qᵀy)ᵣ₊₁..ₘ] (R's `qr.resid`).
    public let residuals: [Double]
    /// The residual sum of squares ‖y − Xβ‖², the squared norm of (Qᵀy)ᵣ₊₁..ₘ.
    public let residualSumOfSquares: Double
    /// The factorisation behind the solution, for standard errors through
    /// ``PivotedQR/crossProductInverse()``.
    public let factorization: PivotedQR

    /// The numerical rank of X.
    public var rank: Int { factorization.rank }

    /// The original indices of the columns whose coefficients are `nil`.
    public var aliasedColumns: [Int] { factorization.aliasedColumns }

    /// The coefficients when X has full column rank.
    ///
    /// - Throws: ``LinearAlgebraError/rankDeficient(rank:columns:)`` when any column is aliased.
    public func fullRankCoefficients() throws(LinearAlgebraError) -> [Double] {
        let estimated = coefficients.compactMap { $0 }
        guard estimated.count == coefficients.count else {
            throw .rankDeficient(rank: rank, columns: coefficients.count)
        }
        return estimated
    }
}

extension PivotedQR {
    /// Solves the least-squares problem min ‖y − Xβ‖₂ for the factorised X (LAPACK `dormqr`
    /// then `dtrtrs`).
    ///
    /// Assumes y has one entry per row of X.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:found:)``,
    ///   ``LinearAlgebraError/nonFinite(operand:row:column:)``.
    /// - Complexity: O(m·n) once factorised.
    /// - Note: Businger & Golub (1965), Numerische Mathematik 7, 269–276,
    ///   doi:10.1007/BF01436084.
    public func solveLeastSquares(_ response: [Double])
        throws(LinearAlgebraError) -> LeastSquaresSolution {
        try response.requireFinite(operand: "response")
        guard response.count == rows else {
            throw .dimensionMismatch(operation: "Least squares: length of the response",
                                     expected: rows, found: response.count)
        }
        let effects = try applyingQ(to: response, transposing: true)
        var independentCoefficients = Array(effects.prefix(rank))
        if rank > 0 {
            var (order, one, info) = (Int32(rank), Int32(1), Int32(0))
            var (leadingOfFactors, leadingOfSolution) = (Int32(rows), Int32(rank))
            dtrtrs_("U", "N", "N", &order, &one, factors.storage, &leadingOfFactors,
                    &independentCoefficients, &leadingOfSolution, &info, 1, 1, 1)
            guard info >= 0 else {
                throw .illegalArgument(routine: "dtrtrs", position: Int(-info))
            }
            guard info == 0 else { throw .rankDeficient(rank: Int(info) - 1, columns: columns) }
        }
        var coefficients = [Double?](repeating: nil, count: columns)
        for (position, value) in independentCoefficients.enumerated() {
            coefficients[pivotOrder[position]] = value
        }
        let explained = effects.enumerated().map { $0 < rank ? $1 : 0 }
        let unexplained = effects.enumerated().map { $0 < rank ? 0 : $1 }
        return LeastSquaresSolution(
            coefficients: coefficients,
            fittedValues: try applyingQ(to: explained, transposing: false),
            residuals: try applyingQ(to: unexplained, transposing: false),
            residualSumOfSquares: unexplained.reduce(0) { $0 + $1 * $1 },
            factorization: self)
    }
}

extension Matrix {
    /// The least-squares fit of `response` on the columns of this matrix, aliased columns
    /// reported rather than fatal; see ``LeastSquaresSolution``.
    ///
    /// - Throws: as ``PivotedQR/init(_:tolerance:)`` and ``PivotedQR/solveLeastSquares(_:)``.
    /// - Complexity: O(m·n²).
    public func leastSquares(_ response: [Double], tolerance: Double = PivotedQR.defaultTolerance)
        throws(LinearAlgebraError) -> LeastSquaresSolution {
        try PivotedQR(self, tolerance: tolerance).solveLeastSquares(response)
    }
}
