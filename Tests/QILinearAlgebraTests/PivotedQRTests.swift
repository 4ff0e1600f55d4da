import Foundation
import Testing
@testable import QILinearAlgebra

private let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
private let z: [Double] = [2, -1, 0, 3, 1, 4, -2, 0.5]
private let ones = [Double](repeating: 1, count: 8)

@Test func fullRankDesignHasNoAliasedColumns() throws {
    let qr = try PivotedQR(Matrix(columnVectors: [ones, x, z]))
    #expect(qr.rank == 3)
    #expect(qr.aliasedColumns.isEmpty)
    #expect(qr.independentColumns == [0, 1, 2])
    #expect(qr.pivotOrder.sorted() == [0, 1, 2])
}

@Test func duplicatedColumnIsReportedAsAliasedWithTheLaterCopy() throws {
    let qr = try PivotedQR(Matrix(columnVectors: [ones, x, z, x]))
    #expect(qr.rank == 3)
    #expect(qr.aliasedColumns == [3])
    #expect(qr.independentColumns == [0, 1, 2])
}

@Test func linearCombinationMakesOneColumnAliased() throws {
    let combination = zip(x, z).map { 2 * $0 - $1 + 3 }
    let qr = try PivotedQR(Matrix(columnVectors: [ones, x, z, combination]))
    #expect(qr.rank == 3)
    #expect(qr.aliasedColumns.count == 1)
}

@Test func rankDoesNotDependOnTheUnitsOfEachColumn() throws {
    // Unscaled, the intercept's |R₃₃| would be about 3 × 10⁻¹⁰ of the leading |R₁₁| ≈ 6 × 10⁹
    // and fall below the 1e-7 tolerance, although no column is near a combination of others.
    // Longley's design fails the same way (|R₇₇|/|R₁₁| ≈ 2 × 10⁻¹⁰ unscaled).
    let qr = try PivotedQR(Matrix(columnVectors: [ones, x, z.map { 1e9 * $0 }]))
    #expect(qr.rank == 3)
    #expect(try PivotedQR(Matrix(columnVectors: [ones, x, z])).rank == 3)
}

@Test func qTransposeTimesPermutedColumnsGivesTheTriangularFactor() throws {
    let matrix = Matrix(columnVectors: [ones, x, z, x.map { $0 * $0 }])
    let qr = try PivotedQR(matrix)
    let factor = qr.upperTriangularFactor
    for (position, original) in qr.pivotOrder.enumerated() {
        let rotated = try qr.multiplyingByQTranspose(matrix.column(original))
        let expected = (0..<matrix.rows).map { $0 < factor.rows ? factor[$0, position] : 0 }
        // Tolerance: Householder QR is backward stable, error ≈ m·n·ε relative.
        #expect(rotated.isApproximatelyEqual(to: expected, tolerance: 1e-13))
    }
}

@Test func diagonalOfTriangularFactorIsNonIncreasingAfterScaling() throws {
    let matrix = Matrix(columnVectors: [ones, x, z])
    let qr = try PivotedQR(matrix)
    let factor = qr.upperTriangularFactor
    let scaledDiagonal = qr.pivotOrder.enumerated().map { position, original in
        let norm = matrix.column(original).reduce(0) { $0 + $1 * $1 }.squareRoot()
        return abs(factor[position, position]) / norm
    }
    #expect(zip(scaledDiagonal, scaledDiagonal.dropFirst()).allSatisfy { $0 >= $1 * (1 - 1e-12) })
}

@Test func crossProductInverseEqualsInverseOfGramMatrix() throws {
    let matrix = Matrix(columnVectors: [ones, x, z, x])
    let qr = try PivotedQR(matrix)
    let kept = matrix.selectingColumns(qr.independentColumns)
    let expected = try CholeskyFactorization(kept.gramMatrix()).inverse()
    // Tolerance: both routes lose about κ₂(XᵀX)·ε ≈ 10³·ε.
    #expect(try qr.crossProductInverse().isApproximatelyEqual(to: expected, tolerance: 1e-11))
}

@Test func zeroColumnIsAliased() throws {
    let qr = try PivotedQR(Matrix(columnVectors: [ones, [Double](repeating: 0, count: 8), x]))
    #expect(qr.rank == 2)
    #expect(qr.aliasedColumns == [1])
}

@Test func nonFiniteEntryIsRejectedBeforeLAPACK() {
    var poisoned = x
    poisoned[4] = -.infinity
    #expect(throws: LinearAlgebraError.nonFinite(operand: "matrix", row: 4, column: 1)) {
        try PivotedQR(Matrix(columnVectors: [ones, poisoned]))
    }
}
