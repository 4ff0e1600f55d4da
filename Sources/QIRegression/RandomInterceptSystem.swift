#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

/// The penalised IRLS matrix H = ΛᵀZᵀWZΛ + I of random-intercept terms, factorised by
/// blocks: the first term (most groups, lme4's order) gives a diagonal block D, the others a
/// dense block C, coupled by the sparse B:
///     H = [D  B]      log det H = Σₐ log dₐ + log det S,   S = C − BᵀD⁻¹B,
///         [Bᵀ C]
/// so only the Schur complement S (order q₂, the other terms' groups) is factorised densely,
/// as lme4's sparse Cholesky factor would (Bates et al. 2015, §3.7, §5) and as
/// ``LinearMixedModel`` blocks its first term.
///
/// - Note: Bates, Mächler, Bolker & Walker (2015), "Fitting linear mixed-effects models using
///   lme4", J Stat Softw 67(1), doi:10.18637/jss.v067.i01.
struct RandomInterceptSystem {
    /// dₐ, the diagonal of the first term's block.
    let diagonal: [Double]
    /// Row a of B as (column of the other terms, value) pairs.
    let coupling: [[(column: Int, value: Double)]]
    /// The Cholesky factor of S and log det H.
    let schur: CholeskyFactorization
    let logDeterminant: Double

    /// Forms and factorises H from each row's weight Wᵢ and columns, `columns[i * T + t]`
    /// (the first term's in 0..<q₁, the others' from q₁), and the term scales θₜ.
    ///
    /// - Throws: ``LinearAlgebraError`` when S is not positive definite (only for
    ///   non-finite weights: H ⪰ I).
    /// - Complexity: O(n T² + q₂³).
    init(weights: [Double], columns: [Int], theta: [Double], firstCount: Int,
         otherCount: Int) throws(LinearAlgebraError) {
        let termCount = theta.count
        var diagonal = [Double](repeating: 1, count: firstCount)
        var coupling = [[(column: Int, value: Double)]](repeating: [], count: firstCount)
        var other = [Double](repeating: 0, count: otherCount * otherCount)
        for i in weights.indices where weights[i] != 0 {
            let w = weights[i]
            let a = columns[i * termCount]
            diagonal[a] += w * theta[0] * theta[0]
            for t in 1..<termCount {
                let c = columns[i * termCount + t] - firstCount
                let value = w * theta[0] * theta[t]
                if let k = coupling[a].firstIndex(where: { $0.column == c }) {
                    coupling[a][k].value += value
                } else {
                    coupling[a].append((c, value))
                }
                for s in 1..<termCount {
                    other[(columns[i * termCount + s] - firstCount) * otherCount + c] += w * theta[t] * theta[s]
                }
            }
        }
        for c in 0..<otherCount { other[c * otherCount + c] += 1 }
        for (a, entries) in coupling.enumerated() {
            for x in entries {
                for y in entries { other[y.column * otherCount + x.column] -= x.value * y.value / diagonal[a] }
            }
        }
        let schur = try CholeskyFactorization(Matrix(rows: otherCount, columns: otherCount, storage: other))
        self.diagonal = diagonal
        self.coupling = coupling
        self.schur = schur
        self.logDeterminant = diagonal.reduce(0) { $0 + log($1) } + schur.logDeterminant
    }

    /// H⁻¹r by block elimination: x₂ = S⁻¹(r₂ − BᵀD⁻¹r₁), x₁ = D⁻¹(r₁ − Bx₂).
    func solve(_ right: [Double]) throws(LinearAlgebraError) -> [Double] {
        let firstCount = diagonal.count
        var reduced = Array(right[firstCount...])
        for (a, entries) in coupling.enumerated() {
            for entry in entries { reduced[entry.column] -= entry.value * right[a] / diagonal[a] }
        }
        let second = try schur.solve(reduced)
        var first = Array(right[..<firstCount])
        for (a, entries) in coupling.enumerated() {
            for entry in entries { first[a] -= entry.value * second[entry.column] }
            first[a] /= diagonal[a]
        }
        return first + second
    }

    /// The entries of H⁻¹ a caller asks for, from S⁻¹ (dense, q₂ × q₂) and the sparse rows of B:
    ///     (H⁻¹)ₐₐ = 1/dₐ + bₐᵀS⁻¹bₐ/dₐ²,  (H⁻¹)ₐc = −(S⁻¹bₐ)_c/dₐ,  (H⁻¹)_cc' = (S⁻¹)_cc'.
    struct Inverse {
        let system: RandomInterceptSystem
        let schurInverse: Matrix
        /// (H⁻¹)ₐₐ and the rows S⁻¹bₐ restricted to bₐ's columns, one per a.
        let firstDiagonal: [Double]

        init(_ system: RandomInterceptSystem) throws(LinearAlgebraError) {
            self.system = system
            let inverse = try system.schur.inverse()
            self.schurInverse = inverse
            let q2 = inverse.rows
            self.firstDiagonal = system.coupling.enumerated().map { a, entries in
                var quadratic = 0.0
                for x in entries {
                    for y in entries { quadratic += x.value * y.value * inverse.storage[y.column * q2 + x.column] }
                }
                let d = system.diagonal[a]
                return 1 / d + quadratic / (d * d)
            }
        }

        /// (H⁻¹)_{jk} for columns j, k of H (first term's in 0..<q₁).
        func entry(_ j: Int, _ k: Int) -> Double {
            let firstCount = system.diagonal.count
            let q2 = schurInverse.rows
            switch (j < firstCount, k < firstCount) {
            case (false, false):
                return schurInverse.storage[(k - firstCount) * q2 + (j - firstCount)]
            case (true, true):
                return j == k ? firstDiagonal[j] : crossFirst(j, k)
            case (true, false):
                return firstOther(j, k - firstCount)
            case (false, true):
                return firstOther(k, j - firstCount)
            }
        }

        private func firstOther(_ a: Int, _ c: Int) -> Double {
            let q2 = schurInverse.rows
            var sum = 0.0
            for entry in system.coupling[a] { sum += schurInverse.storage[c * q2 + entry.column] * entry.value }
            return -sum / system.diagonal[a]
        }

        /// (H⁻¹)ₐₐ' = bₐᵀS⁻¹bₐ'/(dₐdₐ') for two groups of the first term.
        private func crossFirst(_ a: Int, _ b: Int) -> Double {
            let q2 = schurInverse.rows
            var sum = 0.0
            for x in system.coupling[a] {
                for y in system.coupling[b] { sum += x.value * y.value * schurInverse.storage[y.column * q2 + x.column] }
            }
            return sum / (system.diagonal[a] * system.diagonal[b])
        }
    }
}
