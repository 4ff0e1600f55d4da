import QILinearAlgebra

/// A synthetic regression design: an intercept column then covariates uniform on [-1, 1).
///
/// Full rank with probability one, so a pivoted QR does the whole factorisation; the shape
/// 1000 × 20 stands for a practice-level regression with a trend, seasonal terms and a few
/// covariates. The entries depend only on the shape and `seed`.
public struct RegressionDesign: Sendable {
    public static let standard = RegressionDesign(rows: 1000, columns: 20, seed: 0x51_4B_69_74)

    public let rows: Int
    public let columns: Int
    public let seed: UInt64

    public init(rows: Int, columns: Int, seed: UInt64) {
        self.rows = rows
        self.columns = columns
        self.seed = seed
    }

    /// The design matrix X and a response y = X·(1, 2, ..., n)ᵀ + uniform noise on [-0.5, 0.5).
    public func make() -> (design: Matrix, response: [Double]) {
        var generator = SplitMix64(seed: seed)
        var storage = [Double](repeating: 1, count: rows * columns)
        for index in rows..<(rows * columns) { storage[index] = 2 * generator.nextUnitInterval() - 1 }
        let response = (0..<rows).map { row in
            (0..<columns).reduce(generator.nextUnitInterval() - 0.5) { sum, column in
                sum + Double(column + 1) * storage[row + column * rows]
            }
        }
        return (Matrix(rows: rows, columns: columns, storage: storage), response)
    }
}
