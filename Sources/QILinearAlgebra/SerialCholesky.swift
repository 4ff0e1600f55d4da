#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Cholesky factorisation A = UᵀU of a dense symmetric positive-definite matrix in plain
/// Swift, one thread, so that its rounding never depends on a thread count (OpenBLAS's
/// threaded `dpotrf` rounds differently with its number of threads). For matrices of a few
/// hundred rows, where a result must be the same bytes on every machine; otherwise
/// ``CholeskyFactorization``.
///
/// Formula (column-dot order, every inner loop over a contiguous column of U):
///     uⱼⱼ = √(aⱼⱼ − Σ_{m<j} uₘⱼ²),  uⱼᵢ = (aⱼᵢ − Σ_{m<j} uₘⱼuₘᵢ)/uⱼⱼ  for i > j;
/// solves by forward substitution on Uᵀ (dot products with columns of U) and back
/// substitution on U (column updates).
///
/// - Complexity: O(n³/3) to factorise, O(n²) per right-hand side.
/// - Note: Golub & Van Loan (2013), *Matrix Computations*, 4th ed., §4.2.
public struct SerialCholesky: Sendable {
    /// U, column-major n × n, zero below the diagonal.
    public let upper: [Double]
    public let order: Int
    /// log det A = 2 Σ log uⱼⱼ.
    public let logDeterminant: Double

    /// Factorises the symmetric `matrix` (column-major n × n; its upper triangle is read).
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(minor:)`` naming the first leading
    ///   minor that is not positive definite.
    public init(_ matrix: [Double], order n: Int) throws(LinearAlgebraError) {
        var u = [Double](repeating: 0, count: n * n)
        var logDeterminant = 0.0
        for i in 0..<n {
            // Column i of U: rows 0..<i from dot products with the earlier columns, then the
            // diagonal.
            for j in 0..<i {
                var sum = matrix[i * n + j]
                for m in 0..<j { sum -= u[j * n + m] * u[i * n + m] }
                u[i * n + j] = sum / u[j * n + j]
            }
            var diagonal = matrix[i * n + i]
            for m in 0..<i { diagonal -= u[i * n + m] * u[i * n + m] }
            guard diagonal > 0, diagonal.isFinite else { throw .notPositiveDefinite(minor: i + 1) }
            let pivot = diagonal.squareRoot()
            u[i * n + i] = pivot
            logDeterminant += 2 * log(pivot)
        }
        self.upper = u
        self.order = n
        self.logDeterminant = logDeterminant
    }

    /// Overwrites the n × m column-major `rightHandSides` B with A⁻¹B.
    public func solveInPlace(_ rightHandSides: inout [Double], columns m: Int) {
        let n = order
        for column in 0..<m {
            let base = column * n
            // Uᵀy = b: yⱼ = (bⱼ − Σ_{i<j} uᵢⱼyᵢ)/uⱼⱼ.
            for j in 0..<n {
                var sum = rightHandSides[base + j]
                for i in 0..<j { sum -= upper[j * n + i] * rightHandSides[base + i] }
                rightHandSides[base + j] = sum / upper[j * n + j]
            }
            // Ux = y, column by column from the last.
            for j in stride(from: n - 1, through: 0, by: -1) {
                let value = rightHandSides[base + j] / upper[j * n + j]
                rightHandSides[base + j] = value
                for i in 0..<j { rightHandSides[base + i] -= upper[j * n + i] * value }
            }
        }
    }

    /// U⁻ᵀ, lower triangular, column-major n × n: column c solves Uᵀx = e_c (zero above
    /// row c), so that (A⁻¹)ₓᵧ = Σ_{k ≥ max(x, y)} (U⁻ᵀ)ₖₓ(U⁻ᵀ)ₖᵧ, a dot product of two
    /// contiguous columns: the way to a few entries of A⁻¹ at n³/6 operations.
    public func transposedInverseFactor() -> [Double] {
        let n = order
        var result = [Double](repeating: 0, count: n * n)
        for c in 0..<n {
            let base = c * n
            result[base + c] = 1
            for j in c..<n {
                var sum = result[base + j]
                for i in c..<j { sum -= upper[j * n + i] * result[base + i] }
                result[base + j] = sum / upper[j * n + j]
            }
        }
        return result
    }

    /// (A⁻¹)ₓᵧ from ``transposedInverseFactor()``.
    public static func inverseEntry(_ x: Int, _ y: Int, transposedInverseFactor factor: [Double],
                                    order n: Int) -> Double {
        var sum = 0.0
        for k in max(x, y)..<n { sum += factor[x * n + k] * factor[y * n + k] }
        return sum
    }

    /// A⁻¹, column-major n × n.
    public func inverse() -> [Double] {
        let factor = transposedInverseFactor()
        var result = [Double](repeating: 0, count: order * order)
        for y in 0..<order {
            for x in 0..<order {
                result[y * order + x] = Self.inverseEntry(x, y, transposedInverseFactor: factor, order: order)
            }
        }
        return result
    }
}
