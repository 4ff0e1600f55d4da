import Foundation
import Testing
@testable import QILinearAlgebra

// The Hilbert matrix Hᵢⱼ = 1 / (i + j − 1), one-based: symmetric positive definite and badly
// conditioned (κ₂(H₅) ≈ 4.8 × 10⁵), with closed-form inverse and determinant.
private func hilbert(_ n: Int) -> Matrix {
    Matrix(rows: n, columns: n, storage: (0..<(n * n)).map { 1 / Double($0 % n + $0 / n + 1) })
}

private func binomial(_ n: Int, _ k: Int) -> Double {
    (0..<k).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) }
}

// Closed form, one-based: (H⁻¹)ᵢⱼ = (−1)^(i+j) (i+j−1) C(n+i−1, n−j) C(n+j−1, n−i) C(i+j−2, i−1)²
// (Choi 1983, "Tricks or treats with the Hilbert matrix", Amer. Math. Monthly 90(5), 301–312).
// Every entry is an integer.
private func hilbertInverse(_ n: Int) -> Matrix {
    var inverse = Matrix(rows: n, columns: n, repeating: 0)
    for i in 1...n {
        for j in 1...n {
            let sign: Double = (i + j) % 2 == 0 ? 1 : -1
            inverse[i - 1, j - 1] = sign * Double(i + j - 1) * binomial(n + i - 1, n - j)
                * binomial(n + j - 1, n - i) * pow(binomial(i + j - 2, i - 1), 2)
        }
    }
    return inverse
}

@Test func hilbertInverseClosedFormHasKnownCornerEntries() {
    // By hand from the formula for n = 5: (H⁻¹)₁₁ = 1·C(5,4)·C(5,4)·C(0,0)² = 25 and
    // (H⁻¹)₅₅ = 9·C(9,0)·C(9,0)·C(8,4)² = 9·70² = 44100.
    #expect(hilbertInverse(5)[0, 0] == 25)
    #expect(hilbertInverse(5)[4, 4] == 44100)
}

@Test func choleskyOfHilbertMatrixReproducesItsInverse() throws {
    for n in [5, 6] {
        let inverse = try CholeskyFactorization(hilbert(n)).inverse()
        // Tolerance: forward error ≈ κ₂(Hₙ)·ε, with κ₂(H₆) ≈ 1.5 × 10⁷ and ε ≈ 2.2 × 10⁻¹⁶,
        // about 3 × 10⁻⁹ relative; 1e-7 leaves room for the constant in the bound.
        #expect(inverse.isApproximatelyEqual(to: hilbertInverse(n), tolerance: 1e-7))
        #expect(inverse == inverse.transposed())
    }
}

@Test func logDeterminantOfHilbertMatrixMatchesClosedForm() throws {
    // det Hₙ = cₙ⁴ / c₂ₙ with cₙ = ∏ᵢ₌₁ⁿ⁻¹ i! (Choi 1983); for n = 5 it is 1 / 266716800000.
    let logFactorialProduct = { (n: Int) in (1..<n).reduce(0.0) { $0 + lgamma(Double($1 + 1)) } }
    let expected = 4 * logFactorialProduct(5) - logFactorialProduct(10)
    #expect(abs(expected - log(1 / 266_716_800_000)) < 1e-12)
    let logDeterminant = try CholeskyFactorization(hilbert(5)).logDeterminant
    // Tolerance: relative error in det of order κ·ε ≈ 1e-10.
    #expect(abs(logDeterminant - expected) < 1e-9)
}

@Test func factorOfTextbookMatrixIsExact() throws {
    // A = UᵀU with U = [2 6 −8; 0 1 5; 0 0 3] (a standard worked example; all steps are
    // exact in binary floating point, so equality is exact).
    let matrix = Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
    let factor = try CholeskyFactorization(matrix).upperTriangularFactor
    #expect(factor == Matrix(rowMajor: [[2, 6, -8], [0, 1, 5], [0, 0, 3]]))
}

@Test func solveRecoversTheVectorThatMadeTheRightHandSide() throws {
    let matrix = Matrix(rowMajor: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
    let solution = [1.0, -2, 0.5]
    let rightHandSide = try matrix * solution
    let cholesky = try CholeskyFactorization(matrix)
    // Tolerance: κ₂(A) ≈ 1.6 × 10³, so about 1e-12 relative is attainable.
    #expect(try cholesky.solve(rightHandSide).isApproximatelyEqual(to: solution, tolerance: 1e-11))
    let twoSides = Matrix(columnVectors: [rightHandSide, try matrix * [0, 1, 0]])
    #expect(try cholesky.solve(twoSides).isApproximatelyEqual(
        to: Matrix(columnVectors: [solution, [0, 1, 0]]), tolerance: 1e-11))
}

@Test func notPositiveDefiniteMatrixNamesTheFailingMinor() {
    // Leading minors 2, 3, −5: the first that fails has order 3.
    let third = Matrix(rowMajor: [[2, -1, 0], [-1, 2, -1], [0, -1, -1]])
    #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 3)) {
        try CholeskyFactorization(third)
    }
    // Leading minors 1, −3: indefinite from order 2.
    #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) {
        try CholeskyFactorization(Matrix(rowMajor: [[1, 2], [2, 1]]))
    }
}

@Test func asymmetricMatrixIsRejectedRatherThanReadFromOneTriangle() {
    #expect(throws: LinearAlgebraError.notSymmetric(row: 0, column: 1, difference: 1)) {
        try CholeskyFactorization(Matrix(rowMajor: [[2, 1], [0, 2]]))
    }
}

@Test func nonSquareOrNonFiniteMatrixIsRejected() {
    #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) {
        try CholeskyFactorization(Matrix(rows: 2, columns: 3, repeating: 1))
    }
    #expect(throws: LinearAlgebraError.nonFinite(operand: "symmetric matrix", row: 1, column: 1)) {
        try CholeskyFactorization(Matrix(rowMajor: [[1, 0], [0, .nan]]))
    }
}

@Test func rightHandSideOfWrongLengthIsRejected() throws {
    let cholesky = try CholeskyFactorization(Matrix.identity(3))
    #expect(throws: LinearAlgebraError.dimensionMismatch(
        operation: "Cholesky solve: rows of the right-hand side", expected: 3, found: 2)) {
        try cholesky.solve([1, 2])
    }
}
