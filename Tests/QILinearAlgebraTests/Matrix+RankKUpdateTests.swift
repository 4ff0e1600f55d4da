import Foundation
import Testing
@testable import QILinearAlgebra

// A deterministic, full, non-symmetric 7 × 4 design with entries of mixed sign.
private let design = Matrix(
    rows: 7, columns: 4, storage: (0..<28).map { sin(Double($0) * 1.3) * Double($0 % 5 + 1) })

@Test func gramMatrixEqualsNaiveTransposeProduct() throws {
    var naive = Matrix(rows: 4, columns: 4, repeating: 0)
    for i in 0..<4 {
        for j in 0..<4 { naive[i, j] = (0..<7).reduce(0) { $0 + design[$1, i] * design[$1, j] } }
    }
    // Tolerance: a sum of 7 products agrees to a few ulps whatever the summation order.
    #expect(try design.gramMatrix().isApproximatelyEqual(to: naive, tolerance: 1e-14))
}

@Test func weightedGramMatrixEqualsNaiveWeightedSum() throws {
    let weights = [0.5, 2, 0, 1, 3.25, 0.1, 1]
    var naive = Matrix(rows: 4, columns: 4, repeating: 0)
    for i in 0..<4 {
        for j in 0..<4 {
            naive[i, j] = (0..<7).reduce(0) { $0 + weights[$1] * design[$1, i] * design[$1, j] }
        }
    }
    // Tolerance: √w rounding adds about one ulp per term to the unweighted case.
    #expect(try design.gramMatrix(weights: weights).isApproximatelyEqual(to: naive,
                                                                         tolerance: 1e-14))
}

@Test func gramMatrixIsExactlySymmetric() throws {
    let gram = try design.gramMatrix(weights: [1, 2, 3, 4, 5, 6, 7])
    #expect(gram == gram.transposed())
}

@Test func gramMatrixMatchesGeneralProductOfTransposeWithItself() throws {
    let product = try design.multiplied(by: design, transposingSelf: true)
    #expect(try design.gramMatrix().isApproximatelyEqual(to: product, tolerance: 1e-14))
}

@Test func negativeOrWrongLengthWeightsAreRejected() {
    #expect(throws: LinearAlgebraError.negativeWeight(index: 2, value: -1)) {
        try design.gramMatrix(weights: [1, 1, -1, 1, 1, 1, 1])
    }
    #expect(throws: LinearAlgebraError.dimensionMismatch(
        operation: "Gram matrix: number of weights", expected: 7, found: 2)) {
        try design.gramMatrix(weights: [1, 1])
    }
}
