import QILinearAlgebra

/// The result of checking a binomial model for separation: which coefficients have no finite
/// maximum likelihood estimate, and in which direction they run.
///
/// Separation (Albert & Anderson 1984) means some linear combination of the predictors splits
/// the successes from the failures, completely or with ties on the boundary (quasi-complete).
/// The likelihood then keeps rising as the combination grows, so plain maximum likelihood has
/// no finite answer: R's `glm` stops after a few iterations and reports "converged" with
/// estimates of 16 to 47 and enormous standard errors. Found exactly by
/// Konis's (2007) linear program (see ``GeneralizedLinearModel/separation(options:)``).
public struct Separation: Sendable, Equatable {
    /// Which way an estimate runs.
    public enum Direction: String, Sendable, Equatable {
        case plusInfinity = "+infinity"
        case minusInfinity = "-infinity"
    }

    /// One coefficient with no finite estimate.
    public struct DivergingTerm: Sendable, Equatable {
        /// The column of the design.
        public let column: Int
        /// The term as R names it.
        public let name: String
        public let direction: Direction
    }

    /// The coefficients that run to infinity; empty when the estimates are finite.
    public let divergingTerms: [DivergingTerm]
    /// The linear program's optimum 1ᵀX̃β (0 exactly when there is no separation).
    public let objective: Double
    /// The optimal direction β of the linear program, one entry per design column (0 for
    /// aliased columns), scaled into [−1, 1].
    public let direction: [Double]

    /// The result for data proven not to be separated: no diverging term, objective 0 and
    /// β = 0, the linear program's unique optimum when X has full column rank.
    static func none(columns: Int) -> Separation {
        Separation(divergingTerms: [], objective: 0,
                   direction: Array(repeating: 0, count: columns))
    }

    /// Whether the data are separated.
    public var isSeparated: Bool { !divergingTerms.isEmpty }

    /// Components of the optimal β smaller than this are zero: the simplex method's vertices
    /// have components of order one (at most p pivots of entries of order one), and rounding
    /// leaves errors of order 1e-15 times the condition of the basis.
    static let componentTolerance = 1e-7
}

extension GeneralizedLinearModel {
    /// Checks a binomial model for separation with Konis's (2007) linear program.
    ///
    /// Each row with a success contributes xᵢ to X̃ and each row with a failure −xᵢ (a row of
    /// `cbind(successes, failures)` or a proportion between 0 and 1 contributes both), rows
    /// with zero weight none. Aliased columns are left out, as in the fit. The check is the
    /// same for the logit, probit and cloglog links: whether the maximum likelihood estimate
    /// exists depends only on the data's pattern of 0s and 1s.
    ///
    /// - Returns: no diverging terms for other families, or when the estimates are finite.
    /// - Throws: ``GLMError/linearAlgebra(_:)`` from the simplex method (never expected).
    /// - Complexity: O(n·p) per simplex iteration plus O(p³) for the basis; typically a few
    ///   times p iterations.
    public func separation(options: GLMOptions = GLMOptions()) throws(GLMError) -> Separation {
        let full = design.matrix
        guard family == .binomial else {
            return Separation(divergingTerms: [], objective: 0,
                              direction: Array(repeating: 0, count: full.columns))
        }
        let kept = try estimableColumns(options: options)
        var signedRows: [[Double]] = []
        for i in 0..<full.rows where priorWeights[i] > 0 {
            let row = kept.map { full[i, $0] }
            if response[i] > 0 { signedRows.append(row) }
            if response[i] < 1 { signedRows.append(row.map { -$0 }) }
        }
        let program = SeparationLinearProgram(signedRows: Matrix(rowMajor: signedRows))
        let solution = try program.solve()
        var direction = [Double](repeating: 0, count: full.columns)
        var diverging: [Separation.DivergingTerm] = []
        for (position, column) in kept.enumerated() {
            let value = solution.direction[position]
            direction[column] = value
            guard abs(value) > Separation.componentTolerance else { continue }
            diverging.append(.init(column: column, name: design.columnNames[column],
                                   direction: value > 0 ? .plusInfinity : .minusInfinity))
        }
        return Separation(divergingTerms: diverging, objective: solution.objective,
                          direction: direction)
    }

    /// The columns that are not aliased, chosen as the fit chooses them.
    func estimableColumns(options: GLMOptions) throws(GLMError) -> [Int] {
        let full = design.matrix
        var scaledDesign = full
        for i in 0..<full.rows {
            let root = priorWeights[i].squareRoot()
            for j in 0..<full.columns { scaledDesign[i, j] *= root }
        }
        let aliased: [Int]
        do {
            aliased = try AliasedColumnSearch.aliasedColumns(of: scaledDesign,
                                                              tolerance: options.rankTolerance)
        } catch {
            throw .linearAlgebra(error.description)
        }
        return (0..<full.columns).filter { !aliased.contains($0) }
    }
}
