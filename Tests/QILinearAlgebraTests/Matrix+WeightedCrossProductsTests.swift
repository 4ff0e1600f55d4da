import Foundation
import Testing
@testable import QILinearAlgebra

// A deterministic 11 × 3 design; blocks of 4 rows leave a short last block.
private let design = Matrix(
    rows: 11, columns: 3, storage: (0..<33).map { cos(Double($0) * 0.7) * Double($0 % 4 + 1) })
private let weights = (0..<11).map { Double($0 % 3) + 0.25 }
private let working = (0..<11).map { sin(Double($0)) }

@Test func blockedCrossProductsEqualTheWholeWeightedProducts() throws {
    let beta = [0.5, -1, 2]
    var seenPredictor = [Double](repeating: .nan, count: 11)
    let products = design.weightedCrossProducts(coefficients: beta, blockRows: 4) { rows, xb, w, z in
        for (k, i) in rows.enumerated() {
            seenPredictor[i] = xb[k]
            w[k] = weights[i]
            z[k] = working[i]
        }
    }
    // Tolerance: sums of 11 products agree to a few ulps whatever the blocking.
    #expect(try products.gram.isApproximatelyEqual(to: design.gramMatrix(weights: weights),
                                                   tolerance: 1e-14))
    let weightedWorking = zip(weights, working).map { $0 * $1 }
    let product = try design.multiplied(by: weightedWorking, transposingSelf: true)
    for (a, b) in zip(products.product, product) { #expect(abs(a - b) <= 1e-13 * max(1, abs(b))) }
    for (a, b) in zip(seenPredictor, try design.multiplied(by: beta)) { #expect(abs(a - b) <= 1e-14) }
}

@Test func blockSizeDoesNotChangeTheAnswerBeyondRounding() {
    func products(_ blockRows: Int) -> WeightedCrossProducts {
        design.weightedCrossProducts(blockRows: blockRows) { rows, xb, w, z in
            #expect(xb.isEmpty)
            for (k, i) in rows.enumerated() { w[k] = weights[i]; z[k] = working[i] }
        }
    }
    let (whole, small) = (products(100), products(3))
    #expect(whole.gram.isApproximatelyEqual(to: small.gram, tolerance: 1e-14))
    #expect(whole.gram == whole.gram.transposed())
}

@Test func equilibratedConditionIgnoresColumnScaling() throws {
    // diag(1, 1e6)·[[2, 1], [1, 2]]·diag(1, 1e6): eigenvalues of the scaled matrix 1/2 and 3/2.
    let matrix = Matrix(rowMajor: [[2, 1e6], [1e6, 2e12]])
    #expect(abs(try matrix.equilibratedConditionNumber() - 3) <= 1e-12)
    #expect(try Matrix.identity(3).equilibratedConditionNumber() == 1)
    let singular = Matrix(rowMajor: [[1, 1], [1, 1]])
    #expect(try singular.equilibratedConditionNumber() > 1e15)
}

@Test func rowRangesSummedInOrderEqualTheWholePass() {
    func products(_ rows: Range<Int>?) -> WeightedCrossProducts {
        design.weightedCrossProducts(rows: rows, blockRows: 4) { rows, _, w, z in
            for (k, i) in rows.enumerated() { w[k] = weights[i]; z[k] = working[i] }
        }
    }
    let whole = products(nil)
    let parts = WeightedCrossProducts.sum([products(0..<5), products(5..<5), products(5..<11)])
    // Tolerance: the same products, summed in two groups instead of one.
    #expect(whole.gram.isApproximatelyEqual(to: parts.gram, tolerance: 1e-14))
    for (a, b) in zip(whole.product, parts.product) { #expect(abs(a - b) <= 1e-14 * max(1, abs(b))) }
    #expect(parts.gram == parts.gram.transposed())
}
