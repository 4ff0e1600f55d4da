import CLAPACK

/// A dense matrix of `Double` in column-major order, the layout LAPACK expects.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var storage: [Double]

    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "storage must hold rows * columns values")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }
}
