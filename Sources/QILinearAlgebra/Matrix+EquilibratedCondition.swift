extension Matrix {
    /// The condition number λ_max/λ_min of a symmetric positive semi-definite matrix after
    /// equilibration, D^-½ A D^-½ with D = diag(A), or infinity when it is singular or has a zero
    /// diagonal entry.
    ///
    /// For a Gram matrix A = XᵀX this is κ(X̃)², X̃ the design with unit-norm columns: the
    /// quantity that bounds both the rank decision of a column-scaled pivoted QR and the
    /// accuracy of a Cholesky solve (van der Sluis 1969: the equilibrated condition is within a
    /// factor p of the best diagonal scaling's). Eigenvalues from LAPACK `dsyevd`, accurate to
    /// about p·ε·λ_max.
    ///
    /// - Note: van der Sluis (1969), "Condition numbers and equilibration of matrices",
    ///   Numerische Mathematik 14, 14–23, doi:10.1007/BF02165096; Higham (2002), *Accuracy and
    ///   Stability of Numerical Algorithms*, 2nd ed., §10.1 (Cholesky, Theorem 10.7).
    /// - Complexity: O(p³).
    public func equilibratedConditionNumber() throws(LinearAlgebraError) -> Double {
        try requireSymmetric()
        let diagonal = (0..<rows).map { self[$0, $0] }
        guard diagonal.allSatisfy({ $0 > 0 }) else { return .infinity }
        var scaled = self
        for j in 0..<columns {
            for i in 0..<rows {
                scaled[i, j] = self[i, j] / (diagonal[i].squareRoot() * diagonal[j].squareRoot())
            }
        }
        let eigenvalues = try SymmetricEigendecomposition(scaled).eigenvalues
        guard let smallest = eigenvalues.first, let largest = eigenvalues.last,
              smallest > 0 else { return .infinity }
        return largest / smallest
    }
}
