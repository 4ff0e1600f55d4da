import Foundation
import Testing
import QILinearAlgebra

// The Lehmer matrix Aᵢⱼ = min(i, j)/max(i, j) (one-based) is symmetric positive definite with
// a closed-form Cholesky factor and log det A = Σᵢ log((2i − 1)/i²)
// (Newman & Todd 1958, "The evaluation of matrix inversion programs", J SIAM 6(4)).
private func lehmer(_ n: Int) -> [Double] {
    (0..<(n * n)).map { index in
        let (i, j) = (Double(index % n + 1), Double(index / n + 1))
        return min(i, j) / max(i, j)
    }
}

@Test func smallCholeskyMatchesLAPACKAndTheClosedFormDeterminant() throws {
    for order in 1...6 {
        var block = lehmer(order)
        let logDeterminant = try #require(SmallCholesky.factorInPlace(&block, order: order))
        var expected = 0.0
        for i in 1...order {
            let ratio = Double(2 * i - 1) / Double(i * i)
            expected += log(ratio)
        }
        #expect(abs(logDeterminant - expected) <= 1e-13 * max(1, abs(expected)))
        let lapack = try CholeskyFactorization(Matrix(rows: order, columns: order, storage: lehmer(order)))
        for i in 0..<order {
            for j in 0..<order {
                // SmallCholesky holds L = Uᵀ in the lower triangle, zeros above.
                #expect(abs(block[j * order + i] - lapack.upperTriangularFactor[j, i]) <= 1e-14,
                        "order \(order), entry (\(i), \(j))")
            }
        }
    }
}

@Test func smallCholeskyRefusesAMatrixThatIsNotPositiveDefinite() {
    var block: [Double] = [1, 2, 2, 1]
    #expect(SmallCholesky.factorInPlace(&block, order: 2) == nil)
}

@Test func lowerSolvesInvertTheFactorOnEveryColumn() throws {
    let order = 5
    var factor = lehmer(order)
    _ = try #require(SmallCholesky.factorInPlace(&factor, order: order))
    // B = L X for a known X, then L⁻¹B must give X back.
    let solution = (0..<(order * 3)).map { Double($0 % 7) - 2.5 }
    var rightHandSides = [Double](repeating: 0, count: order * 3)
    for column in 0..<3 {
        for i in 0..<order {
            var sum = 0.0
            for j in 0...i { sum += factor[j * order + i] * solution[column * order + j] }
            rightHandSides[column * order + i] = sum
        }
    }
    SmallCholesky.solveLowerInPlace(factor, order: order, &rightHandSides, columns: 3)
    for (actual, expected) in zip(rightHandSides, solution) {
        #expect(abs(actual - expected) <= 1e-13)
    }
}

@Test func upperSolvesInvertTheTransposedFactorOnEveryColumn() throws {
    let order = 5
    var factor = lehmer(order)
    _ = try #require(SmallCholesky.factorInPlace(&factor, order: order))
    // B = Lᵀ X for a known X, then L⁻ᵀB must give X back.
    let solution = (0..<(order * 3)).map { Double($0 % 5) - 1.5 }
    var rightHandSides = [Double](repeating: 0, count: order * 3)
    for column in 0..<3 {
        for i in 0..<order {
            var sum = 0.0
            for j in i..<order { sum += factor[i * order + j] * solution[column * order + j] }
            rightHandSides[column * order + i] = sum
        }
    }
    SmallCholesky.solveUpperInPlace(factor, order: order, &rightHandSides, columns: 3)
    for (actual, expected) in zip(rightHandSides, solution) {
        #expect(abs(actual - expected) <= 1e-13)
    }
}
