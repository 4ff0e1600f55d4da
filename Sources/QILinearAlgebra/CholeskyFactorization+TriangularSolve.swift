import CLAPACK

extension CholeskyFactorization {
    /// Solves with one triangular factor: U⁻ᵀB (`transposed`, forward substitution with the
    /// lower factor L = Uᵀ) or U⁻¹B (back substitution), for A = UᵀU = LLᵀ (LAPACK `dtrtrs`).
    ///
    /// Blocked factorisations need the factor alone: with A = LLᵀ, L⁻¹B is the off-diagonal
    /// block of the factor of [[A, B], [Bᵀ, C]] and ‖L⁻¹b‖² = bᵀA⁻¹b (Golub & Van Loan 2013,
    /// §4.2.9).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:expected:found:)`` when B
    ///   does not have n rows; ``LinearAlgebraError/nonFinite(operand:row:column:)``.
    /// - Complexity: O(n²) per right-hand side.
    public func solveFactor(_ rightHandSides: Matrix,
                            transposed: Bool) throws(LinearAlgebraError) -> Matrix {
        try rightHandSides.requireFinite(operand: "right-hand side")
        guard rightHandSides.rows == order else {
            throw .dimensionMismatch(operation: "triangular solve: rows of the right-hand side",
                                     expected: order, found: rightHandSides.rows)
        }
        var solution = rightHandSides
        guard order > 0, rightHandSides.columns > 0 else { return solution }
        var (n, count, info) = (Int32(order), Int32(rightHandSides.columns), Int32(0))
        var (leadingOfFactor, leadingOfSolution) = (Int32(order), Int32(order))
        dtrtrs_("U", transposed ? "T" : "N", "N", &n, &count, upperTriangularFactor.storage,
                &leadingOfFactor, &solution.storage, &leadingOfSolution, &info, 1, 1, 1)
        guard info >= 0 else { throw .illegalArgument(routine: "dtrtrs", position: Int(-info)) }
        guard info == 0 else { throw .notPositiveDefinite(minor: Int(info)) }
        return solution
    }
}
