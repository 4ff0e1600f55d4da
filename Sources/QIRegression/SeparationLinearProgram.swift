import QILinearAlgebra

/// Konis's (2007) linear program for separation in binary regression, solved exactly by the
/// revised simplex method on its dual.
///
/// Primal (Konis 2007, §3.2; R's `detectseparation`): with X̃ = diag(2y − 1) X,
///
///     maximise 1ᵀX̃β  subject to  X̃β ≥ 0,  −1 ≤ βⱼ ≤ 1.
///
/// β = 0 is feasible with value 0. The maximum likelihood estimate exists (is finite) exactly
/// when the optimum is 0; otherwise the data are separated, every direction with X̃β ≥ 0 and
/// X̃β ≠ 0 lets the likelihood rise without bound, and the non-zero components of the optimal
/// β name the coefficients that run to infinity, with the sign saying which way.
///
/// Solved through its dual, a standard-form problem with one equality row per coefficient:
///
///     minimise Σ sⱼ + Σ tⱼ  subject to  −X̃ᵀu + s − t = X̃ᵀ1,  u, s, t ≥ 0,
///
/// whose simplex multipliers are the primal β. The slack columns s or t give a feasible
/// starting basis (sⱼ when (X̃ᵀ1)ⱼ ≥ 0, tⱼ otherwise), so no phase one is needed, and the
/// basis is only p × p: each iteration prices the n + 2p columns in O(n·p) and refactorises
/// the basis in O(p³), so the whole check is cheap beside an IRLS fit. Pricing is Dantzig's
/// rule, switching to Bland's (1977) smallest-index rule after degenerate pivots so that the
/// method cannot cycle.
///
/// - Note: Konis (2007), *Linear programming algorithms for detecting separated data in binary
///   logistic regression models*, DPhil thesis, University of Oxford,
///   https://ora.ox.ac.uk/objects/uuid:8f9ee0d0-d78e-4101-9ab4-f9cbceed2a2a; Albert &
///   Anderson (1984), Biometrika 71(1), 1–10, doi:10.1093/biomet/71.1.1; Bland (1977),
///   Math. Oper. Res. 2(2), 103–107, doi:10.1287/moor.2.2.103; Chvátal (1983), *Linear
///   Programming*, ch. 7 (revised simplex).
struct SeparationLinearProgram {
    /// The rows of X̃, one signed copy of xᵢ per observed outcome.
    let signedRows: Matrix
    /// Tolerance for a reduced cost or a pivot entry to count as non-zero, relative to the
    /// largest entry of X̃.
    var tolerance = 1e-9

    /// The optimum: the primal β and the objective 1ᵀX̃β.
    struct Solution {
        let direction: [Double]
        let objective: Double
        let iterations: Int
    }

    /// Runs the simplex method to optimality.
    ///
    /// - Throws: ``GLMError/linearAlgebra(_:)`` if a basis becomes singular, or the iteration
    ///   limit (50·(n + p), far beyond what the method needs) is reached.
    func solve() throws(GLMError) -> Solution {
        let (n, p) = (signedRows.rows, signedRows.columns)
        let scale = max(signedRows.storage.map(abs).max() ?? 1, .leastNormalMagnitude)
        let zero = tolerance * scale
        // Right-hand side c = X̃ᵀ1.
        var rightHandSide = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var total = 0.0
            for i in 0..<n { total += signedRows[i, j] }
            rightHandSide[j] = total
        }
        // Columns 0..<n are u, n..<n+p are s, n+p..<n+2p are t.
        func column(_ k: Int) -> [Double] {
            if k < n { return (0..<p).map { -signedRows[k, $0] } }
            var unit = [Double](repeating: 0, count: p)
            unit[(k - n) % p] = k < n + p ? 1 : -1
            return unit
        }
        func cost(_ k: Int) -> Double { k < n ? 0 : 1 }
        var basis = (0..<p).map { j in rightHandSide[j] >= 0 ? n + j : n + p + j }
        var degenerateRun = 0
        let limit = 50 * (n + p)
        for iteration in 1...limit {
            let basisMatrix = Matrix(columnVectors: basis.map(column))
            let values = try solveSquare(basisMatrix, rightHandSide)
            let multipliers = try solveSquare(basisMatrix.transposed(), basis.map(cost))
            // Reduced costs: u columns (X̃β)ᵢ, s columns 1 − βⱼ, t columns 1 + βⱼ.
            let fitted = signedRows.multipliedOrZero(by: multipliers)
            let inBasis = Set(basis)
            var entering: Int? = nil
            var mostNegative = -zero
            let useBland = degenerateRun > p
            for k in 0..<(n + 2 * p) where !inBasis.contains(k) {
                let reduced: Double = k < n ? fitted[k]
                    : k < n + p ? 1 - multipliers[k - n] : 1 + multipliers[k - n - p]
                let threshold = k < n ? -zero : -tolerance
                guard reduced < threshold else { continue }
                if useBland { entering = k; break }
                if reduced < mostNegative { mostNegative = reduced; entering = k }
            }
            guard let entering else {
                let objective = zip(rightHandSide, multipliers).reduce(0) { $0 + $1.0 * $1.1 }
                return Solution(direction: multipliers, objective: objective, iterations: iteration)
            }
            let change = try solveSquare(basisMatrix, column(entering))
            var leaving: Int? = nil
            var bestRatio = Double.infinity
            for row in 0..<p where change[row] > tolerance {
                let ratio = max(values[row], 0) / change[row]
                if ratio < bestRatio || (ratio == bestRatio && basis[row] < basis[leaving!]) {
                    bestRatio = ratio
                    leaving = row
                }
            }
            guard let leaving else {
                // The dual is bounded below by 0, so an unbounded ray cannot occur.
                throw .linearAlgebra("the separation linear program found an unbounded ray, which its bounds exclude")
            }
            degenerateRun = bestRatio <= zero ? degenerateRun + 1 : 0
            basis[leaving] = entering
        }
        throw .linearAlgebra("the separation linear program did not reach its optimum in \(limit) simplex iterations")
    }

    private func solveSquare(_ matrix: Matrix, _ rightHandSide: [Double]) throws(GLMError) -> [Double] {
        let solution: LeastSquaresSolution
        do {
            solution = try PivotedQR(matrix, tolerance: 1e-13).solveLeastSquares(rightHandSide)
        } catch {
            throw .linearAlgebra(error.description)
        }
        guard solution.rank == matrix.columns else {
            throw .linearAlgebra("a simplex basis of the separation linear program is singular")
        }
        return solution.coefficients.map { $0! }
    }
}

extension Matrix {
    /// Xβ, with no work for a zero β.
    fileprivate func multipliedOrZero(by vector: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: rows)
        for (j, coefficient) in vector.enumerated() where coefficient != 0 {
            for i in 0..<rows { result[i] += self[i, j] * coefficient }
        }
        return result
    }
}
