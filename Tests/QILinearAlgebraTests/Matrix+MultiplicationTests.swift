import Testing
@testable import QILinearAlgebra

private let left = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
private let right = Matrix(rowMajor: [[7, 8], [9, 10], [11, 12]])

// Entry-by-entry Σₖ aᵢₖ bₖⱼ, the definition the BLAS product must reproduce.
private func definitionalProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    var product = Matrix(rows: a.rows, columns: b.columns, repeating: 0)
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            product[i, j] = (0..<a.columns).reduce(0) { $0 + a[i, $1] * b[$1, j] }
        }
    }
    return product
}

@Test func productMatchesHandComputedValues() throws {
    // By hand: 1·7 + 2·9 + 3·11 = 58, 1·8 + 2·10 + 3·12 = 64,
    // 4·7 + 5·9 + 6·11 = 139, 4·8 + 5·10 + 6·12 = 154. Small integers: exact.
    #expect(try left * right == Matrix(rowMajor: [[58, 64], [139, 154]]))
}

@Test func transposeFlagsMatchExplicitTransposes() throws {
    let square = Matrix(rowMajor: [[2, -1], [0.5, 3]])
    let cases: [(Bool, Bool, Matrix, Matrix)] = [
        (true, false, right, right),
        (false, true, left, left),
        (true, true, left, right),
    ]
    for (transposingSelf, transposingOther, a, b) in cases {
        let expected = definitionalProduct(transposingSelf ? a.transposed() : a,
                                           transposingOther ? b.transposed() : b)
        let product = try a.multiplied(by: b, transposingSelf: transposingSelf,
                                       transposingOther: transposingOther)
        #expect(product == expected)
    }
    #expect(try square.multiplied(by: square, transposingSelf: true)
        == definitionalProduct(square.transposed(), square))
}

@Test func identityIsNeutralForTheProduct() throws {
    #expect(try Matrix.identity(2) * left == left)
    #expect(try left * Matrix.identity(3) == left)
}

@Test func matrixVectorProductMatchesHandComputedValues() throws {
    // By hand: [1 2 3; 4 5 6]·(1, 0, −1) = (−2, −2) and [1 2 3; 4 5 6]ᵀ·(1, 1) = (5, 7, 9).
    #expect(try left * [1, 0, -1] == [-2, -2])
    #expect(try left.multiplied(by: [1, 1], transposingSelf: true) == [5, 7, 9])
}

@Test func emptyInnerDimensionGivesAZeroProduct() throws {
    let tall = Matrix(rows: 2, columns: 0, repeating: 0)
    let wide = Matrix(rows: 0, columns: 3, repeating: 0)
    #expect(try tall * wide == Matrix(rows: 2, columns: 3, repeating: 0))
}

@Test func mismatchedInnerDimensionsThrowWithBothSizes() {
    #expect(throws: LinearAlgebraError.dimensionMismatch(
        operation: "Matrix product: rows of the right operand", expected: 3, found: 2)) {
        try left * left
    }
    #expect(throws: LinearAlgebraError.dimensionMismatch(
        operation: "Matrix-vector product: length of the vector", expected: 3, found: 2)) {
        try left * [1, 2]
    }
}

@Test func nonFiniteFactorIsRejectedBeforeBLAS() {
    var poisoned = right
    poisoned[2, 1] = .nan
    #expect(throws: LinearAlgebraError.nonFinite(operand: "right matrix", row: 2, column: 1)) {
        try left * poisoned
    }
    #expect(throws: LinearAlgebraError.nonFinite(operand: "vector", row: 1, column: 0)) {
        try left * [1, .infinity, 0]
    }
}

@Test func rowProductsAreTheRowsOfTheWholeProduct() throws {
    let matrix = Matrix(rows: 7, columns: 3, storage: (0..<21).map { Double($0 % 5) - 1.5 })
    let vector = [0.5, -2, 1.25]
    let whole = try matrix.multiplied(by: vector)
    #expect(matrix.rowProducts(with: vector, rows: 2..<6) == Array(whole[2..<6]))
    #expect(matrix.rowProducts(with: vector, rows: 3..<3).isEmpty)
}
