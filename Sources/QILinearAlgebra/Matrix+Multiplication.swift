import CLAPACK

extension Matrix {
    /// The product op(A)·op(B), where op transposes its operand when asked (BLAS `dgemm`).
    ///
    /// Formula: Cᵢⱼ = Σₖ op(A)ᵢₖ op(B)ₖⱼ. Transposes are passed to BLAS as flags, so no
    /// transposed copy is made.
    ///
    /// - Throws: ``LinearAlgebraError/nonFinite(operand:row:column:)`` for NaN or infinite
    ///   entries (reference BLAS skips zero multipliers, so NaN would not reliably propagate);
    ///   ``LinearAlgebraError/dimensionMismatch(operation:expected:found:)`` when the inner
    ///   dimensions differ.
    /// - Complexity: O(m·n·k) for an m × k by k × n product.
    /// - Note: Dongarra, Du Croz, Hammarling & Duff (1990), "A set of level 3 basic linear
    ///   algebra subprograms", ACM TOMS 16(1), doi:10.1145/77626.79170.
    public func multiplied(by other: Matrix, transposingSelf: Bool = false,
                           transposingOther: Bool = false) throws(LinearAlgebraError) -> Matrix {
        try requireFinite(operand: "left matrix")
        try other.requireFinite(operand: "right matrix")
        let (m, inner) = transposingSelf ? (columns, rows) : (rows, columns)
        let (otherInner, n) = transposingOther ? (other.columns, other.rows)
                                               : (other.rows, other.columns)
        guard inner == otherInner else {
            throw .dimensionMismatch(operation: "Matrix product: rows of the right operand",
                                     expected: inner, found: otherInner)
        }
        var product = Matrix(rows: m, columns: n, repeating: 0)
        guard m > 0, n > 0, inner > 0 else { return product }
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                product.storage.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasColMajor,
                                transposingSelf ? CblasTrans : CblasNoTrans,
                                transposingOther ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(inner), 1,
                                a.baseAddress, Int32(rows), b.baseAddress, Int32(other.rows),
                                0, c.baseAddress, Int32(m))
                }
            }
        }
        return product
    }

    /// The matrix-vector product op(A)·x (BLAS `dgemv`).
    ///
    /// Formula: yᵢ = Σⱼ op(A)ᵢⱼ xⱼ.
    ///
    /// - Throws: ``LinearAlgebraError/nonFinite(operand:row:column:)`` or
    ///   ``LinearAlgebraError/dimensionMismatch(operation:expected:found:)`` when `vector`'s
    ///   length differs from the columns of op(A).
    /// - Complexity: O(rows × columns).
    /// - Note: Dongarra, Du Croz, Hammarling & Hanson (1988), "An extended set of FORTRAN
    ///   basic linear algebra subprograms", ACM TOMS 14(1), doi:10.1145/42288.42291.
    public func multiplied(by vector: [Double],
                           transposingSelf: Bool = false) throws(LinearAlgebraError) -> [Double] {
        try requireFinite(operand: "matrix")
        try vector.requireFinite(operand: "vector")
        let (m, n) = transposingSelf ? (columns, rows) : (rows, columns)
        guard vector.count == n else {
            throw .dimensionMismatch(operation: "Matrix-vector product: length of the vector",
                                     expected: n, found: vector.count)
        }
        var result = [Double](repeating: 0, count: m)
        guard m > 0, n > 0 else { return result }
        storage.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasColMajor, transposingSelf ? CblasTrans : CblasNoTrans,
                                Int32(rows), Int32(columns), 1, a.baseAddress, Int32(rows),
                                x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return result
    }

    /// The rows `rows` of A·x (BLAS `dgemv` on those rows in place), for callers that split
    /// a product over threads.
    ///
    /// Formula: yₖ = Σⱼ A₍ᵣ₊ₖ₎ⱼ xⱼ for r = `rows.lowerBound`. Unlike
    /// ``multiplied(by:transposingSelf:)`` the entries are not checked: a non-finite entry
    /// gives a non-finite yₖ, which the caller must treat as such.
    ///
    /// - Precondition: `vector` has one entry per column and `rows` lies within the matrix.
    /// - Complexity: O(rows.count × columns).
    public func rowProducts(with vector: [Double], rows range: Range<Int>) -> [Double] {
        precondition(vector.count == columns, "one entry per column")
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows outside the matrix")
        var result = [Double](repeating: 0, count: range.count)
        guard !range.isEmpty, columns > 0 else { return result }
        storage.withUnsafeBufferPointer { a in
            result.withUnsafeMutableBufferPointer { y in
                cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(range.count), Int32(columns), 1,
                            a.baseAddress! + range.lowerBound, Int32(rows), vector, 1,
                            0, y.baseAddress, 1)
            }
        }
        return result
    }

    /// The product A·B; see ``multiplied(by:transposingSelf:transposingOther:)``.
    public static func * (lhs: Matrix, rhs: Matrix) throws(LinearAlgebraError) -> Matrix {
        try lhs.multiplied(by: rhs)
    }

    /// The product A·x; see ``multiplied(by:transposingSelf:)``.
    public static func * (lhs: Matrix, rhs: [Double]) throws(LinearAlgebraError) -> [Double] {
        try lhs.multiplied(by: rhs)
    }
}
