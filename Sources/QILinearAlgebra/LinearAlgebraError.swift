/// Why a linear-algebra operation could not give a trustworthy answer.
///
/// Every LAPACK `info` code that QILinearAlgebra can meet becomes one of these cases, so a
/// failure is a value to inspect, never a crash and never a silently wrong result. Row and
/// column indices are zero-based, as elsewhere in Swift; a leading minor is named by its order
/// (1 for the top-left entry alone), as in the LAPACK Users' Guide.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two operands have incompatible shapes, such as a response whose length differs from
    /// the number of rows in the design matrix.
    case dimensionMismatch(operation: String, expected: Int, found: Int)
    /// The operation needs a square matrix.
    case notSquare(rows: Int, columns: Int)
    /// The operation reads only one triangle of a symmetric matrix, and this matrix differs
    /// from its transpose at the named entry by more than the symmetry tolerance.
    case notSymmetric(row: Int, column: Int, difference: Double)
    /// An operand holds NaN or an infinity, which LAPACK would propagate or mishandle.
    case nonFinite(operand: String, row: Int, column: Int)
    /// A weight is negative (or not a number), so `XᵀWX` would not be a Gram matrix.
    case negativeWeight(index: Int, value: Double)
    /// The leading minor of order `minor` is not positive definite (`dpotrf` `info > 0`).
    case notPositiveDefinite(minor: Int)
    /// The matrix has numerical rank `rank` but `columns` columns, so a full-rank solution
    /// does not exist.
    case rankDeficient(rank: Int, columns: Int)
    /// An iterative LAPACK routine stopped before converging; `info` is its code.
    case didNotConverge(routine: String, info: Int)
    /// LAPACK rejected argument number `position` (one-based) of `routine`. This signals a
    /// defect in QILinearAlgebra itself, never in the caller's data.
    case illegalArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case let .dimensionMismatch(operation, expected, found):
            return "\(operation): expected \(expected) but found \(found). "
                + "Make the operands' shapes agree."
        case let .notSquare(rows, columns):
            return "The matrix is \(rows) × \(columns) but must be square. "
                + "Pass a square matrix, for example the Gram matrix XᵀX rather than X."
        case let .notSymmetric(row, column, difference):
            return "The matrix is not symmetric: entries (\(row), \(column)) and "
                + "(\(column), \(row)) differ by \(difference). Symmetrise it, "
                + "for example as (A + Aᵀ) / 2, or build it with gramMatrix(weights:)."
        case let .nonFinite(operand, row, column):
            return "The \(operand) holds a non-finite value (NaN or infinity) at row \(row), "
                + "column \(column). Remove or impute missing values before the computation."
        case let .negativeWeight(index, value):
            return "Weight \(index) is \(value); weights must be finite and non-negative. "
                + "Drop that observation or correct its weight."
        case let .notPositiveDefinite(minor):
            return "The leading minor of order \(minor) is not positive definite, so the "
                + "matrix has no Cholesky factor. If it is a cross-product XᵀX, look for "
                + "collinear or constant columns (PivotedQR names them) and drop them."
        case let .rankDeficient(rank, columns):
            return "The matrix has numerical rank \(rank) but \(columns) columns, so "
                + "\(columns - rank) column(s) are aliased with others. Drop the columns "
                + "listed in aliasedColumns, or use the rank-deficient solution."
        case let .didNotConverge(routine, info):
            return "LAPACK \(routine) did not converge (info = \(info)). Check the matrix "
                + "for extreme scaling; rescale its rows or columns and try again."
        case let .illegalArgument(routine, position):
            return "LAPACK \(routine) rejected argument \(position). This is a defect in "
                + "QILinearAlgebra, not in the data; please report it with the matrix shape."
        }
    }
}
