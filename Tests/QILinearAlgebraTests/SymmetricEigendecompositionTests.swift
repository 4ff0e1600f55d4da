import Foundation
import Testing
@testable import QILinearAlgebra

// The second-difference matrix tridiag(−1, 2, −1) of order n has eigenvalues
// λₖ = 2 − 2 cos(kπ / (n + 1)) and eigenvectors vₖ(j) ∝ sin(jkπ / (n + 1)), k, j = 1…n
// (Strang 2007, Computational Science and Engineering, §1.5; Golub & Van Loan 2013, §4.8).
private func secondDifference(_ n: Int) -> Matrix {
    var matrix = Matrix(rows: n, columns: n, repeating: 0)
    for i in 0..<n {
        matrix[i, i] = 2
        if i > 0 { matrix[i, i - 1] = -1; matrix[i - 1, i] = -1 }
    }
    return matrix
}

@Test func eigenvaluesOfSecondDifferenceMatrixMatchClosedFormInAscendingOrder() throws {
    let n = 10
    let expected = (1...n).map { 2 - 2 * cos(Double($0) * .pi / Double(n + 1)) }
    let eigenvalues = try SymmetricEigendecomposition(secondDifference(n)).eigenvalues
    // Tolerance: eigenvalues of a symmetric matrix are perturbed by at most ‖E‖₂ ≈ n·ε·‖A‖₂.
    #expect(eigenvalues.isApproximatelyEqual(to: expected, tolerance: 1e-13))
}

@Test func eigenvectorsOfSecondDifferenceMatrixAreSinesUpToSign() throws {
    let n = 10
    let vectors = try SymmetricEigendecomposition(secondDifference(n)).eigenvectors
    for k in 1...n {
        let sine = (1...n).map { sin(Double($0 * k) * .pi / Double(n + 1)) }
        let norm = sine.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let unit = sine.map { $0 / norm }
        let column = vectors.column(k - 1)
        let sign: Double = column[0] * unit[0] < 0 ? -1 : 1
        // Tolerance: the eigenvalue gaps are ≥ 0.05, so vectors are accurate to ≈ ε/gap.
        #expect(column.map { sign * $0 }.isApproximatelyEqual(to: unit, tolerance: 1e-12))
    }
}

@Test func eigendecompositionReassemblesTheMatrix() throws {
    let matrix = Matrix(rowMajor: [[4, 1, -2, 0.5], [1, 3, 0, 1], [-2, 0, 5, 2], [0.5, 1, 2, 1]])
    let decomposition = try SymmetricEigendecomposition(matrix)
    let vectors = decomposition.eigenvectors
    #expect(try vectors.gramMatrix().isApproximatelyEqual(to: .identity(4), tolerance: 1e-14))
    var scaled = vectors
    for j in 0..<4 {
        for i in 0..<4 { scaled[i, j] *= decomposition.eigenvalues[j] }
    }
    let reassembled = try scaled.multiplied(by: vectors, transposingOther: true)
    #expect(reassembled.isApproximatelyEqual(to: matrix, tolerance: 1e-14))
}

@Test func diagonalMatrixEigenvaluesAreItsSortedDiagonal() throws {
    let matrix = Matrix(rowMajor: [[3, 0, 0], [0, -1, 0], [0, 0, 2]])
    #expect(try SymmetricEigendecomposition(matrix).eigenvalues == [-1, 2, 3])
}

@Test func asymmetricMatrixIsRejectedBeforeLAPACK() {
    #expect(throws: LinearAlgebraError.notSymmetric(row: 0, column: 1, difference: 3)) {
        try SymmetricEigendecomposition(Matrix(rowMajor: [[1, 4], [1, 1]]))
    }
}
