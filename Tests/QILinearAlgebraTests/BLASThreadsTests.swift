import Testing
@testable import QILinearAlgebra

@Test func productIsUnchangedWhenBLASUsesOneThread() throws {
    BLASThreads.set(1)
    let matrix = Matrix(rowMajor: [[1, 2], [3, 4]])
    #expect(try matrix * matrix == Matrix(rowMajor: [[7, 10], [15, 22]]))
}
