import CLAPACK

extension Matrix {
    /// The weighted Gram matrix XᵀWX, full and exactly symmetric (BLAS `dsyrk`).
    ///
    /// Formula: (XᵀWX)ᵢⱼ = Σₖ wₖ xₖᵢ xₖⱼ with W = diag(weights), or XᵀX without weights. The
    /// rows are scaled by √wₖ and the symmetric rank-k update C = (W^½X)ᵀ(W^½X) computes one
    /// triangle, which is then mirrored, so the result is symmetric to the last bit.
    ///
    /// Assumes the weights, when given, are finite and non-negative (zero drops a row).
    ///
    /// - Throws: ``LinearAlgebraError/nonFinite(operand:row:column:)``,
    ///   ``LinearAlgebraError/negativeWeight(index:value:)``, or
    ///   ``LinearAlgebraError/dimensionMismatch(operation:expected:found:)`` when there is
    ///   not one weight per row.
    /// - Complexity: O(rows × columns²), half the flops of a general product.
    /// - Note: Golub & Van Loan (2013), *Matrix Computations*, 4th ed., §1.1 and §5.3
    ///   (normal equations); Dongarra et al. (1990), ACM TOMS 16(1), doi:10.1145/77626.79170.
    public func gramMatrix(weights: [Double]? = nil) throws(LinearAlgebraError) -> Matrix {
        try requireFinite(operand: "matrix")
        var scaled = self
        if let weights {
            guard weights.count == rows else {
                throw .dimensionMismatch(operation: "Gram matrix: number of weights",
                                         expected: rows, found: weights.count)
            }
            for (k, weight) in weights.enumerated() {
                guard weight.isFinite, weight >= 0 else {
                    throw .negativeWeight(index: k, value: weight)
                }
                let root = weight.squareRoot()
                for j in 0..<columns { scaled[k, j] *= root }
            }
        }
        var gram = Matrix(rows: columns, columns: columns, repeating: 0)
        guard rows > 0, columns > 0 else { return gram }
        scaled.storage.withUnsafeBufferPointer { x in
            gram.storage.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows),
                            1, x.baseAddress, Int32(rows), 0, c.baseAddress, Int32(columns))
            }
        }
        for j in 0..<columns {
            for i in 0..<j { gram[j, i] = gram[i, j] }
        }
        return gram
    }
}
