import QILinearAlgebra

/// One random-effect term of a mixed model: a grouping factor and the columns whose
/// coefficients vary by its groups, as lme4's `mkReTrms` builds each term.
///
/// For `(x | g)` the columns are `(Intercept)` and `x`, coded as R's `model.matrix(~ x)` codes
/// them; `(0 + x | g)` has `x` alone. Row i contributes the row zᵢ of ``matrix`` to the
/// coefficients of its group: the term's part of the random-effects model matrix Z is the
/// row-wise Khatri-Rao product of the group indicators and ``matrix``
/// (Bates et al. 2015, §2.3.1).
///
/// - Note: Bates, Mächler, Bolker & Walker (2015), "Fitting linear mixed-effects models using
///   lme4", J Stat Softw 67(1), doi:10.18637/jss.v067.i01.
public struct RandomEffectTerm: Sendable, Equatable {
    /// The groups, one code per row used.
    public let grouping: GroupingFactor
    /// The names of the columns that vary by group, as R prints them.
    public let columnNames: [String]
    /// The values of those columns on the rows used: n rows, one column per name.
    public let matrix: Matrix

    /// The number of coefficients per group.
    public var columnCount: Int { columnNames.count }

    /// Whether each θ of `terms` is a diagonal element of its Tₜ (lower bound 0, lme4's
    /// `lower`): θ holds each term's lower triangle column by column.
    static func lowerBounded(_ terms: [RandomEffectTerm]) -> [Bool] {
        terms.flatMap { term in
            (0..<term.columnCount).flatMap { column in
                (column..<term.columnCount).map { $0 == column }
            }
        }
    }

    /// The relative covariance factors Tₜ (column-major kₜ × kₜ, lower triangular) of θ,
    /// whose lower triangles θ holds column by column (lme4's `Lind` order).
    static func factors(_ terms: [RandomEffectTerm], theta: [Double]) -> [[Double]] {
        var position = 0
        return terms.map { term in
            let k = term.columnCount
            var factor = [Double](repeating: 0, count: k * k)
            for column in 0..<k {
                for row in column..<k {
                    factor[column * k + row] = theta[position]
                    position += 1
                }
            }
            return factor
        }
    }
}
