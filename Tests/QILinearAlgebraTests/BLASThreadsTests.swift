import Testing
@testable import QILinearAlgebra

// One test: OpenBLAS's thread count is process-wide, so checks of it must not run in parallel.
@Test func threadCountIsSetAndRestoredAroundOneThreadedWork() throws {
    BLASThreads.set(2)
    let inside = BLASThreads.withOneThread { BLASThreads.current }
    #expect(inside == 1)
    #expect(BLASThreads.current == 2)
    BLASThreads.set(1)
    #expect(BLASThreads.withOneThread { BLASThreads.current } == 1)
    let matrix = Matrix(rowMajor: [[1, 2], [3, 4]])
    #expect(try matrix * matrix == Matrix(rowMajor: [[7, 10], [15, 22]]))
}
