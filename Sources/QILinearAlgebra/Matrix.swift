/// A dense matrix of `Double` in column-major order, the layout LAPACK expects.
///
/// Entry (i, j), zero-based, lives at `storage[i + j * rows]`. Dimensions must fit LAPACK's
/// 32-bit integers (Debian's OpenBLAS is LP64); larger shapes are a programmer error.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// The entries, column after column.
    public internal(set) var storage: [Double]

    /// Creates a matrix from its entries in column-major order.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0, "dimensions must be non-negative")
        precondition(rows <= Int(Int32.max) && columns <= Int(Int32.max),
                     "dimensions must fit LAPACK's 32-bit integers")
        precondition(storage.count == rows * columns, "storage must hold rows * columns values")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Creates a matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double) {
        self.init(rows: rows, columns: columns,
                  storage: Array(repeating: value, count: rows * columns))
    }

    /// Creates a matrix from a list of rows, the way matrices are written on paper.
    ///
    /// - Precondition: every row has the same length.
    public init(rowMajor rowList: [[Double]]) {
        let columnCount = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == columnCount }, "rows must have equal length")
        var storage = [Double](repeating: 0, count: rowList.count * columnCount)
        for (i, row) in rowList.enumerated() {
            for (j, value) in row.enumerated() { storage[i + j * rowList.count] = value }
        }
        self.init(rows: rowList.count, columns: columnCount, storage: storage)
    }

    /// Creates a matrix from a list of columns, the way a design matrix is assembled from
    /// variables.
    ///
    /// - Precondition: every column has the same length.
    public init(columnVectors: [[Double]]) {
        let rowCount = columnVectors.first?.count ?? 0
        precondition(columnVectors.allSatisfy { $0.count == rowCount },
                     "columns must have equal length")
        self.init(rows: rowCount, columns: columnVectors.count,
                  storage: Array(columnVectors.joined()))
    }

    /// The identity matrix of the given order.
    public static func identity(_ order: Int) -> Matrix {
        var identity = Matrix(rows: order, columns: order, repeating: 0)
        for i in 0..<order { identity[i, i] = 1 }
        return identity
    }

    /// The entry in the given zero-based row and column.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition((0..<rows).contains(row) && (0..<columns).contains(column),
                         "index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition((0..<rows).contains(row) && (0..<columns).contains(column),
                         "index out of range")
            storage[row + column * rows] = newValue
        }
    }

    /// The entries of one column, top to bottom.
    public func column(_ index: Int) -> [Double] {
        precondition((0..<columns).contains(index), "column index out of range")
        return Array(storage[(index * rows)..<((index + 1) * rows)])
    }

    /// The entries of one row, left to right.
    public func row(_ index: Int) -> [Double] {
        precondition((0..<rows).contains(index), "row index out of range")
        return (0..<columns).map { storage[index + $0 * rows] }
    }

    /// The matrix with only the given columns, in the order given; used to drop aliased terms.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        Matrix(rows: rows, columns: indices.count,
               storage: Array(indices.map { column($0) }.joined()))
    }

    /// The transpose Aᵀ, with (Aᵀ)ᵢⱼ = Aⱼᵢ.
    ///
    /// Complexity: O(rows × columns).
    public func transposed() -> Matrix {
        var transpose = Matrix(rows: columns, columns: rows, repeating: 0)
        for j in 0..<columns {
            for i in 0..<rows { transpose.storage[j + i * columns] = storage[i + j * rows] }
        }
        return transpose
    }
}

// Validation shared by the LAPACK wrappers: LAPACK neither checks for NaN nor reads both
// triangles of a symmetric matrix, so both are checked here before any call.
extension Matrix {
    /// Relative tolerance for symmetry: |aᵢⱼ − aⱼᵢ| may be at most this times max |aᵢⱼ|.
    /// It allows the rounding of a cross-product summed in a different order (about n·ε for
    /// n terms, ε = 2⁻⁵²) while rejecting a matrix that is not meant to be symmetric.
    static let symmetryTolerance = 1e-10

    func requireFinite(operand: String) throws(LinearAlgebraError) {
        if let index = storage.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(operand: operand, row: index % rows, column: index / rows)
        }
    }

    func requireSymmetric() throws(LinearAlgebraError) {
        guard rows == columns else { throw .notSquare(rows: rows, columns: columns) }
        try requireFinite(operand: "symmetric matrix")
        let scale = storage.lazy.map(abs).max() ?? 0
        for j in 0..<columns {
            for i in 0..<j {
                let difference = abs(self[i, j] - self[j, i])
                if difference > Self.symmetryTolerance * scale {
                    throw .notSymmetric(row: i, column: j, difference: difference)
                }
            }
        }
    }
}

extension Array where Element == Double {
    func requireFinite(operand: String) throws(LinearAlgebraError) {
        if let index = firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(operand: operand, row: index, column: 0)
        }
    }
}
