import CLAPACK
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factorisation A = UᵀU of a symmetric positive-definite matrix.
///
/// Formula: U is upper triangular with positive diagonal and A = UᵀU (LAPACK `dpotrf`).
/// Solving A x = b is then two triangular solves, Uᵀz = b and U x = z (`dpotrs`); the
/// inverse is U⁻¹U⁻ᵀ (`dpotri`); log det A = 2 Σᵢ log uᵢᵢ.
///
/// Assumes A is symmetric: LAPACK reads only its upper triangle, so an asymmetric matrix
/// is rejected rather than silently symmetrised.
///
/// - Note: Golub & Van Loan (2013), *Matrix Computations*, 4th ed., §4.2; Anderson et al.
///   (1999), *LAPACK Users' Guide*, 3rd ed., SIAM, doi:10.1137/1.9780898719604.
public struct CholeskyFactorization: Sendable, Equatable {
    /// The factor U, with zeros below the diagonal.
    public let upperTriangularFactor: Matrix

    /// Factorises a symmetric positive-definite matrix.
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(minor:)`` naming the first leading
    ///   minor that is not positive definite; ``LinearAlgebraError/notSquare(rows:columns:)``,
    ///   ``LinearAlgebraError/notSymmetric(row:column:difference:)``,
    ///   ``LinearAlgebraError/nonFinite(operand:row:column:)``.
    /// - Complexity: O(n³/3).
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        try matrix.requireSymmetric()
        var factor = matrix
        var (order, leading, info) = (Int32(matrix.rows), Int32(max(1, matrix.rows)), Int32(0))
        dpotrf_("U", &order, &factor.storage, &leading, &info, 1)
        guard info >= 0 else { throw .illegalArgument(routine: "dpotrf", position: Int(-info)) }
        guard info == 0 else { throw .notPositiveDefinite(minor: Int(info)) }
        for j in 0..<matrix.columns {
            for i in (j + 1)..<matrix.rows { factor[i, j] = 0 }
        }
        upperTriangularFactor = factor
    }

    /// The order n of the factorised matrix.
    public var order: Int { upperTriangularFactor.rows }

    /// log det A = 2 Σᵢ log uᵢᵢ, finite even when det A under- or overflows.
    public var logDeterminant: Double {
        2 * (0..<order).reduce(0) { $0 + log(upperTriangularFactor[$1, $1]) }
    }

    /// Solves A X = B for several right-hand sides at once (LAPACK `dpotrs`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:found:)`` when B
    ///   does not have n rows; ``LinearAlgebraError/nonFinite(operand:row:column:)``.
    /// - Complexity: O(n²) per right-hand side.
    public func solve(_ rightHandSides: Matrix) throws(LinearAlgebraError) -> Matrix {
        try rightHandSides.requireFinite(operand: "right-hand side")
        guard rightHandSides.rows == order else {
            throw .dimensionMismatch(operation: "Cholesky solve: rows of the right-hand side",
                                     expected: order, found: rightHandSides.rows)
        }
        var solution = rightHandSides
        guard order > 0, rightHandSides.columns > 0 else { return solution }
        var (n, count, info) = (Int32(order), Int32(rightHandSides.columns), Int32(0))
        var (leadingOfFactor, leadingOfSolution) = (Int32(order), Int32(order))
        dpotrs_("U", &n, &count, upperTriangularFactor.storage, &leadingOfFactor,
                &solution.storage, &leadingOfSolution, &info, 1)
        guard info == 0 else { throw .illegalArgument(routine: "dpotrs", position: Int(-info)) }
        return solution
    }

    /// Solves A x = b (LAPACK `dpotrs`).
    ///
    /// - Throws: as ``solve(_:)-(Matrix)``.
    /// - Complexity: O(n²).
    public func solve(_ rightHandSide: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(Matrix(rows: rightHandSide.count, columns: 1, storage: rightHandSide)).storage
    }

    /// The inverse A⁻¹ = U⁻¹U⁻ᵀ, full and symmetric (LAPACK `dpotri`).
    ///
    /// Prefer ``solve(_:)-(Matrix)`` when only A⁻¹B is needed: it is cheaper and more accurate.
    ///
    /// - Throws: ``LinearAlgebraError/illegalArgument(routine:position:)`` only on a defect.
    /// - Complexity: O(2n³/3).
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        var inverse = upperTriangularFactor
        guard order > 0 else { return inverse }
        var (n, leading, info) = (Int32(order), Int32(order), Int32(0))
        dpotri_("U", &n, &inverse.storage, &leading, &info, 1)
        guard info >= 0 else { throw .illegalArgument(routine: "dpotri", position: Int(-info)) }
        guard info == 0 else { throw .notPositiveDefinite(minor: Int(info)) }
        for j in 0..<order {
            for i in 0..<j { inverse[j, i] = inverse[i, j] }
        }
        return inverse
    }
}
