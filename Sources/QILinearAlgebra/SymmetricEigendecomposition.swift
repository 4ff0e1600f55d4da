import CLAPACK

/// The eigendecomposition A = V Λ Vᵀ of a real symmetric matrix.
///
/// Formula: A vᵢ = λᵢ vᵢ with λ₁ ≤ λ₂ ≤ … ≤ λₙ real and V = [v₁ … vₙ] orthogonal, computed
/// by reduction to tridiagonal form and divide and conquer (LAPACK `dsyevd`).
///
/// Assumes A is symmetric: LAPACK reads only its upper triangle, so an asymmetric matrix
/// is rejected rather than silently symmetrised. Each eigenvector is determined up to sign.
///
/// - Note: Cuppen (1981), "A divide and conquer method for the symmetric tridiagonal
///   eigenproblem", Numerische Mathematik 36, 177–195, doi:10.1007/BF01396757;
///   Golub & Van Loan (2013), *Matrix Computations*, 4th ed., §8.4.
public struct SymmetricEigendecomposition: Sendable, Equatable {
    /// The eigenvalues in ascending order.
    public let eigenvalues: [Double]
    /// The orthonormal eigenvectors, column i belonging to `eigenvalues[i]`.
    public let eigenvectors: Matrix

    /// Computes all eigenvalues and eigenvectors of a symmetric matrix.
    ///
    /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)``,
    ///   ``LinearAlgebraError/notSymmetric(row:column:difference:)``,
    ///   ``LinearAlgebraError/nonFinite(operand:row:column:)``, or
    ///   ``LinearAlgebraError/didNotConverge(routine:info:)``.
    /// - Complexity: O(n³).
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        try matrix.requireSymmetric()
        var vectors = matrix
        var values = [Double](repeating: 0, count: matrix.rows)
        var (order, leading, info) = (Int32(matrix.rows), Int32(max(1, matrix.rows)), Int32(0))
        var (optimalWork, optimalIntegerWork) = ([0.0], [Int32(0)])
        var (workCount, integerWorkCount) = (Int32(-1), Int32(-1))
        dsyevd_("V", "U", &order, &vectors.storage, &leading, &values, &optimalWork, &workCount,
                &optimalIntegerWork, &integerWorkCount, &info, 1, 1)
        if info == 0 {
            workCount = Int32(max(1, optimalWork[0]))
            integerWorkCount = max(1, optimalIntegerWork[0])
            var work = [Double](repeating: 0, count: Int(workCount))
            var integerWork = [Int32](repeating: 0, count: Int(integerWorkCount))
            dsyevd_("V", "U", &order, &vectors.storage, &leading, &values, &work, &workCount,
                    &integerWork, &integerWorkCount, &info, 1, 1)
        }
        guard info >= 0 else { throw .illegalArgument(routine: "dsyevd", position: Int(-info)) }
        guard info == 0 else { throw .didNotConverge(routine: "dsyevd", info: Int(info)) }
        eigenvalues = values
        eigenvectors = vectors
    }
}
