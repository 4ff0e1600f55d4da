import QILinearAlgebra

/// Finds the columns of a design that are linear combinations of earlier columns, choosing
/// them as R's `glm` and `lm` do.
///
/// R's LINPACK `dqrdc2` keeps columns in their original order and moves a column to the end
/// when the part of it not explained by the columns kept before it is at most `tolerance`
/// times its own norm. LAPACK's greedy pivoting finds the same rank but may alias a different
/// member of a collinear set (for x₁, x₂ and x₁ + x₂ it can keep the sum). So the rank comes
/// from a ``PivotedQR``, and, only when some column is aliased, the choice is redone in the
/// original order by Gram–Schmidt (with reorthogonalisation) on the columns of the small
/// factor R, which has the same inner products as X (XᵀX = RᵀR after unpivoting).
///
/// - Complexity: O(m·n²) for the factorisation, O(n³) for the ordered choice.
/// - Note: Dongarra, Bunch, Moler & Stewart (1979), *LINPACK Users' Guide*, ch. 9 (`dqrdc`);
///   Giraud, Langou & Rozložník (2005), "The loss of orthogonality in the Gram-Schmidt
///   orthogonalization process", Comput. Math. Appl. 50, doi:10.1016/j.camwa.2005.08.009.
enum AliasedColumnSearch {
    static func aliasedColumns(of matrix: Matrix,
                               tolerance: Double) throws(LinearAlgebraError) -> [Int] {
        let factorization = try PivotedQR(matrix, tolerance: tolerance)
        guard factorization.rank < matrix.columns else { return [] }
        let factor = factorization.upperTriangularFactor
        let order = factor.rows
        var columns = [[Double]](repeating: [], count: matrix.columns)
        for (position, original) in factorization.pivotOrder.enumerated() {
            columns[original] = factor.column(position)
        }
        var basis: [[Double]] = []
        var aliased: [Int] = []
        for (j, column) in columns.enumerated() {
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            var residual = column
            for _ in 0..<2 {
                for vector in basis {
                    var projection = 0.0
                    for k in 0..<order { projection += vector[k] * residual[k] }
                    for k in 0..<order { residual[k] -= projection * vector[k] }
                }
            }
            let remaining = residual.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm == 0 || remaining <= tolerance * norm {
                aliased.append(j)
            } else {
                basis.append(residual.map { $0 / remaining })
            }
        }
        return aliased
    }
}
