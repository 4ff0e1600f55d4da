import Foundation
import Testing
import QILinearAlgebra

/// A symmetric positive-definite test matrix: I·n + the Hilbert-like entries 1/(i + j + 1).
private func testMatrix(_ n: Int) -> [Double] {
    (0..<(n * n)).map { index in
        let (i, j) = (index % n, index / n)
        return 1 / Double(i + j + 1) + (i == j ? Double(n) : 0)
    }
}

@Test func serialCholeskyMatchesLAPACK() throws {
    for order in [1, 2, 7, 40] {
        let serial = try SerialCholesky(testMatrix(order), order: order)
        let lapack = try CholeskyFactorization(Matrix(rows: order, columns: order, storage: testMatrix(order)))
        #expect(abs(serial.logDeterminant - lapack.logDeterminant) <= 1e-12 * max(1, abs(lapack.logDeterminant)))
        for j in 0..<order {
            for i in 0...j {
                #expect(abs(serial.upper[j * order + i] - lapack.upperTriangularFactor[i, j]) <= 1e-13,
                        "order \(order), entry (\(i), \(j))")
            }
        }
    }
}

@Test func serialCholeskySolvesAndInverts() throws {
    let order = 12
    let matrix = testMatrix(order)
    let factor = try SerialCholesky(matrix, order: order)
    let solution = (0..<(order * 2)).map { Double($0 % 5) - 2 }
    var rightHandSides = [Double](repeating: 0, count: order * 2)
    for column in 0..<2 {
        for i in 0..<order {
            for j in 0..<order { rightHandSides[column * order + i] += matrix[j * order + i] * solution[column * order + j] }
        }
    }
    factor.solveInPlace(&rightHandSides, columns: 2)
    for (actual, expected) in zip(rightHandSides, solution) { #expect(abs(actual - expected) <= 1e-12) }
    let inverse = factor.inverse()
    for i in 0..<order {
        for j in 0..<order {
            var product = 0.0
            for m in 0..<order { product += matrix[m * order + i] * inverse[j * order + m] }
            #expect(abs(product - (i == j ? 1 : 0)) <= 1e-13)
        }
    }
}

@Test func serialCholeskyRefusesAMatrixThatIsNotPositiveDefinite() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) {
        try SerialCholesky([1, 2, 2, 1], order: 2)
    }
}
