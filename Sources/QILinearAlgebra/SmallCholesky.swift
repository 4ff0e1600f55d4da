#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factorisation A = LLᵀ and its triangular solves for many small dense blocks
/// held in plain column-major arrays, where a LAPACK call's fixed cost (a ``Matrix`` per
/// operand, argument checks) exceeds the arithmetic: the k × k blocks, k ≤ about 8, of a
/// block-diagonal system such as a mixed model's one k × k block per group.
///
/// Formula: lⱼⱼ = √(aⱼⱼ − Σ_{m<j} lⱼₘ²), lᵢⱼ = (aᵢⱼ − Σ_{m<j} lᵢₘlⱼₘ)/lⱼⱼ for i > j (the
/// column-oriented Cholesky–Banachiewicz order); forward substitution for L X = B.
/// For larger blocks use ``CholeskyFactorization`` (LAPACK `dpotrf`).
///
/// - Complexity: O(k³/3) per factorisation, O(k²) per right-hand side.
/// - Note: Golub & Van Loan (2013), *Matrix Computations*, 4th ed., Algorithm 4.2.1.
public enum SmallCholesky {
    /// Replaces the lower triangle of the symmetric positive-definite k × k `block` (its
    /// upper triangle is ignored) by L and its strict upper triangle by zeros, and returns
    /// log det A = 2 Σ log lⱼⱼ; nil when A is not positive definite.
    public static func factorInPlace(_ block: inout [Double], order k: Int) -> Double? {
        var logDeterminant = 0.0
        for j in 0..<k {
            var diagonal = block[j * k + j]
            for m in 0..<j { diagonal -= block[m * k + j] * block[m * k + j] }
            guard diagonal > 0, diagonal.isFinite else { return nil }
            let pivot = diagonal.squareRoot()
            block[j * k + j] = pivot
            logDeterminant += 2 * log(pivot)
            for i in (j + 1)..<k {
                var value = block[j * k + i]
                for m in 0..<j { value -= block[m * k + i] * block[m * k + j] }
                block[j * k + i] = value / pivot
            }
            for i in 0..<j { block[j * k + i] = 0 }
        }
        return logDeterminant
    }

    /// Overwrites the k × m column-major `rightHandSides` B with L⁻¹B, for L from
    /// ``factorInPlace(_:order:)``.
    public static func solveLowerInPlace(_ factor: [Double], order k: Int,
                                         _ rightHandSides: inout [Double], columns m: Int) {
        for column in 0..<m {
            let base = column * k
            for i in 0..<k {
                var value = rightHandSides[base + i]
                for j in 0..<i { value -= factor[j * k + i] * rightHandSides[base + j] }
                rightHandSides[base + i] = value / factor[i * k + i]
            }
        }
    }

    /// Overwrites the k × m column-major `rightHandSides` B with L⁻ᵀB (back substitution),
    /// for L from ``factorInPlace(_:order:)``.
    public static func solveUpperInPlace(_ factor: [Double], order k: Int,
                                         _ rightHandSides: inout [Double], columns m: Int) {
        for column in 0..<m {
            let base = column * k
            for i in stride(from: k - 1, through: 0, by: -1) {
                var value = rightHandSides[base + i]
                for j in (i + 1)..<k { value -= factor[i * k + j] * rightHandSides[base + j] }
                rightHandSides[base + i] = value / factor[i * k + i]
            }
        }
    }
}
