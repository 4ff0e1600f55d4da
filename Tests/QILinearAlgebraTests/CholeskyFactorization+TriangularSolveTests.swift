import Foundation
import Testing
import QILinearAlgebra

// The Lehmer matrix Aᵢⱼ = min(i, j)/max(i, j) (one-based), symmetric positive definite.
private func lehmer(_ n: Int) -> Matrix {
    Matrix(rows: n, columns: n, storage: (0..<(n * n)).map { index in
        let (i, j) = (Double(index % n + 1), Double(index / n + 1))
        return min(i, j) / max(i, j)
    })
}

@Test func factorSolvesComposeToTheCholeskySolve() throws {
    let order = 5
    let matrix = lehmer(order)
    let cholesky = try CholeskyFactorization(matrix)
    let rightHandSide = Matrix(rows: order, columns: 2, storage: (0..<(2 * order)).map { Double($0) - 3 })
    // A⁻¹B = U⁻¹(U⁻ᵀB).
    let composed = try cholesky.solveFactor(try cholesky.solveFactor(rightHandSide, transposed: true),
                                            transposed: false)
    let direct = try cholesky.solve(rightHandSide)
    for (actual, expected) in zip(composed.storage, direct.storage) {
        #expect(abs(actual - expected) <= 1e-12 * max(1, abs(expected)))
    }
    #expect(throws: LinearAlgebraError.self) {
        try cholesky.solveFactor(Matrix(rows: order + 1, columns: 1, repeating: 1), transposed: true)
    }
}
