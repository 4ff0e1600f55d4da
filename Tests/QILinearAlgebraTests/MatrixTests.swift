import Testing
@testable import QILinearAlgebra

@Test func rowMajorLiteralIsStoredColumnByColumn() {
    let matrix = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    #expect(matrix.rows == 2 && matrix.columns == 3)
    #expect(matrix.storage == [1, 4, 2, 5, 3, 6])
    #expect(matrix[1, 2] == 6)
}

@Test func columnVectorsAndRowMajorLiteralAgree() {
    #expect(Matrix(columnVectors: [[1, 4], [2, 5], [3, 6]])
        == Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]]))
}

@Test func subscriptSetsOneEntry() {
    var matrix = Matrix(rows: 2, columns: 2, repeating: 0)
    matrix[0, 1] = 7
    #expect(matrix == Matrix(rowMajor: [[0, 7], [0, 0]]))
}

@Test func identityHasOnesOnTheDiagonalOnly() {
    #expect(Matrix.identity(3) == Matrix(rowMajor: [[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
}

@Test func transposeSwapsRowsAndColumnsAndIsAnInvolution() {
    let matrix = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    #expect(matrix.transposed() == Matrix(rowMajor: [[1, 4], [2, 5], [3, 6]]))
    #expect(matrix.transposed().transposed() == matrix)
}

@Test func rowAndColumnAccessReturnEntriesInOrder() {
    let matrix = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    #expect(matrix.row(1) == [4, 5, 6])
    #expect(matrix.column(2) == [3, 6])
}

@Test func selectingColumnsKeepsTheGivenColumnsInTheGivenOrder() {
    let matrix = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
    #expect(matrix.selectingColumns([2, 0]) == Matrix(rowMajor: [[3, 1], [6, 4]]))
}

@Test func emptyRowListGivesAnEmptyMatrix() {
    let matrix = Matrix(rowMajor: [])
    #expect(matrix.rows == 0 && matrix.columns == 0 && matrix.storage.isEmpty)
}
