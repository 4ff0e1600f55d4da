import CLAPACK

/// The weighted cross-products XᵀWX and XᵀWz of one pass over the rows of X.
public struct WeightedCrossProducts: Sendable {
    /// XᵀWX, p × p, full and exactly symmetric.
    public let gram: Matrix
    /// XᵀWz, one entry per column of X.
    public let product: [Double]

    /// The cross-products of the union of disjoint row sets: Σₛ XₛᵀWₛXₛ and Σₛ XₛᵀWₛzₛ, added
    /// in the order given, so a fixed partition of the rows gives the same bits whichever
    /// threads computed its parts.
    ///
    /// - Precondition: `parts` is not empty and its members have the same number of columns.
    public static func sum(_ parts: [WeightedCrossProducts]) -> WeightedCrossProducts {
        precondition(!parts.isEmpty, "a sum needs at least one part")
        var gram = parts[0].gram
        var product = parts[0].product
        for part in parts.dropFirst() {
            precondition(part.product.count == product.count, "parts with different columns")
            for k in gram.storage.indices { gram.storage[k] += part.gram.storage[k] }
            for j in product.indices { product[j] += part.product[j] }
        }
        return WeightedCrossProducts(gram: gram, product: product)
    }
}

extension Matrix {
    /// Rows per block of ``weightedCrossProducts(coefficients:blockRows:rowTerms:)``: a block of
    /// 512 rows of 20 columns is 80 KB, so it stays in a core's L2 cache while it is multiplied
    /// by β, weighted and added into XᵀWX.
    public static let crossProductBlockRows = 512

    /// Computes XᵀWX and XᵀWz in one pass over the rows of X (or the range `rows` of them), block by block, with the weights
    /// W = diag(wᵢ) and working values zᵢ supplied per block by `rowTerms`, which may first read
    /// the block's Xβ.
    ///
    /// Formula: for each block B of consecutive rows, ηᴮ = X_B β (BLAS `dgemv` on X in place)
    /// when `coefficients` are given, then (wᵢ, zᵢ) = rowTerms(B, ηᴮ), XᵀWz += X_Bᵀ(w ∘ z)
    /// (`dgemv`), and XᵀWX += (W_B^½ X_B)ᵀ(W_B^½ X_B) (the symmetric rank-k update `dsyrk` on a
    /// cache-resident copy of the block scaled by √w). This is what one iteration of iteratively reweighted least squares
    /// needs, with X read from memory once instead of three times (Xβ, the weighted copy, the
    /// product), and no n × p weighted copy of X.
    ///
    /// The blocks and their order are fixed by `blockRows` alone, so the result does not depend
    /// on the number of threads; OpenBLAS's own threads only split the p × p output.
    ///
    /// - Parameters:
    ///   - coefficients: β, one per column, or nil when `rowTerms` does not need Xβ (it is then
    ///     handed an empty buffer).
    ///   - rows: the rows to use, all of them when nil; blocks start at its lower bound.
    ///   - rowTerms: called once per block, in row order, with the block's rows, its Xβ (no
    ///     offset), and buffers to fill with finite weights wᵢ ≥ 0 and working values zᵢ.
    /// - Precondition: the weights written are finite and non-negative.
    /// - Complexity: O(n·p²) flops (the rank-k update), one read of X.
    /// - Note: Golub & Van Loan (2013), *Matrix Computations*, 4th ed., §1.5 (blocking for the
    ///   memory hierarchy) and §5.3 (normal equations); Green (1984), "Iteratively reweighted
    ///   least squares for maximum likelihood estimation", JRSS B 46(2), 149–192.
    public func weightedCrossProducts(
        coefficients: [Double]? = nil,
        rows range: Range<Int>? = nil,
        blockRows: Int = Matrix.crossProductBlockRows,
        rowTerms: (_ rows: Range<Int>, _ linearPredictor: UnsafeBufferPointer<Double>,
                   _ weights: UnsafeMutableBufferPointer<Double>,
                   _ workingValues: UnsafeMutableBufferPointer<Double>) -> Void
    ) -> WeightedCrossProducts {
        precondition(blockRows > 0, "blocks need at least one row")
        precondition(coefficients.map { $0.count == columns } ?? true,
                     "one coefficient per column")
        let (n, p) = (rows, columns)
        let range = range ?? 0..<n
        precondition(range.lowerBound >= 0 && range.upperBound <= n, "rows outside the matrix")
        var gram = Matrix(rows: p, columns: p, repeating: 0)
        var product = [Double](repeating: 0, count: p)
        guard !range.isEmpty, p > 0 else { return WeightedCrossProducts(gram: gram, product: product) }
        let size = min(blockRows, range.count)
        var block = [Double](repeating: 0, count: size * p)
        var predictor = [Double](repeating: 0, count: coefficients == nil ? 0 : size)
        var weights = [Double](repeating: 0, count: size)
        var working = [Double](repeating: 0, count: size)
        let beta = coefficients ?? []
        storage.withUnsafeBufferPointer { x in
            block.withUnsafeMutableBufferPointer { b in
                gram.storage.withUnsafeMutableBufferPointer { c in
                    product.withUnsafeMutableBufferPointer { v in
                        var start = range.lowerBound
                        while start < range.upperBound {
                            let count = min(size, range.upperBound - start)
                            // The block is read in place (leading dimension n) and
                            // copied once, already scaled by √w, for the rank-k update.
                            let rowsOfX = x.baseAddress! + start
                            if coefficients != nil {
                                predictor.withUnsafeMutableBufferPointer { eta in
                                    cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(count), Int32(p),
                                                1, rowsOfX, Int32(n), beta, 1,
                                                0, eta.baseAddress, 1)
                                }
                            }
                            predictor.withUnsafeBufferPointer { eta in
                                weights.withUnsafeMutableBufferPointer { w in
                                    working.withUnsafeMutableBufferPointer { z in
                                        rowTerms(start..<(start + count),
                                                 UnsafeBufferPointer(rebasing: eta.prefix(eta.isEmpty ? 0 : count)),
                                                 UnsafeMutableBufferPointer(rebasing: w[..<count]),
                                                 UnsafeMutableBufferPointer(rebasing: z[..<count]))
                                        for i in 0..<count { z[i] *= w[i] }
                                        cblas_dgemv(CblasColMajor, CblasTrans, Int32(count), Int32(p),
                                                    1, rowsOfX, Int32(n), z.baseAddress, 1,
                                                    1, v.baseAddress, 1)
                                        for i in 0..<count { w[i] = w[i].squareRoot() }
                                        for j in 0..<p {
                                            let source = rowsOfX + j * n
                                            let column = b.baseAddress! + j * count
                                            for i in 0..<count { column[i] = source[i] * w[i] }
                                        }
                                    }
                                }
                            }
                            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(count),
                                        1, b.baseAddress, Int32(count), 1, c.baseAddress, Int32(p))
                            start += count
                        }
                    }
                }
            }
        }
        for j in 0..<p {
            for i in 0..<j { gram[j, i] = gram[i, j] }
        }
        return WeightedCrossProducts(gram: gram, product: product)
    }
}
