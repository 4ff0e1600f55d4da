#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QILinearAlgebra

/// Where each row's random effects sit in u, fixed by the terms: row i has K = Σₜ kₜ entries
/// (kₜ columns of term t), the first k₁ in its group's block of the first term (the term with
/// the most groups, lme4's order), the others among the q₂ columns of the other terms.
struct RandomEffectsLayout: Sendable {
    let entriesPerRow: Int
    /// Column of each row's entries in u, `columns[i * K + j]`.
    let columns: [Int]
    /// k₁ and the number of groups of the first term; q₁ = groups · k₁ columns come first.
    let firstWidth: Int
    let firstGroups: Int
    /// q₂, the other terms' columns.
    let otherCount: Int
    /// Each first-term group's other columns (relative to q₁) in order of first appearance,
    /// and each row entry's position among its group's columns: j < k₁ for the group's own
    /// block, k₁ + position in the support for the others.
    let support: [[Int]]
    let local: [Int]

    var firstCount: Int { firstWidth * firstGroups }

    init(terms: [RandomEffectTerm], rowCount n: Int) {
        var offsets: [Int] = []
        var total = 0
        for term in terms {
            offsets.append(total)
            total += term.grouping.levels.count * term.columnCount
        }
        let width = terms.reduce(0) { $0 + $1.columnCount }
        var columns = [Int](repeating: 0, count: n * width)
        for i in 0..<n {
            var j = 0
            for (t, term) in terms.enumerated() {
                for c in 0..<term.columnCount {
                    columns[i * width + j] = offsets[t] + term.grouping.codes[i] * term.columnCount + c
                    j += 1
                }
            }
        }
        let k1 = terms[0].columnCount
        let groups = terms[0].grouping.levels.count
        var support = [[Int]](repeating: [], count: groups)
        var local = [Int](repeating: 0, count: n * width)
        for i in 0..<n {
            let a = terms[0].grouping.codes[i]
            for j in 0..<width {
                if j < k1 { local[i * width + j] = j; continue }
                let c = columns[i * width + j] - groups * k1
                if let position = support[a].firstIndex(of: c) {
                    local[i * width + j] = k1 + position
                } else {
                    local[i * width + j] = k1 + support[a].count
                    support[a].append(c)
                }
            }
        }
        self.entriesPerRow = width
        self.columns = columns
        self.firstWidth = k1
        self.firstGroups = groups
        self.otherCount = total - groups * k1
        self.support = support
        self.local = local
    }
}

/// The penalised IRLS matrix H = ΛᵀZᵀWZΛ + I of a mixed model, factorised by blocks: the
/// first term gives a block-diagonal D (one k₁ × k₁ block Dₐ = LₐLₐᵀ per group), the other
/// terms a dense C, coupled by the sparse B:
///     H = [D  B]      log det H = Σₐ log det Dₐ + log det S,   S = C − BᵀD⁻¹B,
///         [Bᵀ C]
/// so only the Schur complement S (order q₂, the other terms' columns) is factorised densely,
/// as lme4's sparse Cholesky factor would (Bates et al. 2015, §3.7, §5) and as
/// ``LinearMixedModel`` blocks its first term. S is factorised by `SerialCholesky`, not
/// LAPACK: OpenBLAS's threaded `dpotrf` rounds differently with the thread count, and the
/// fit must give the same bytes whatever it is.
///
/// - Note: Bates, Mächler, Bolker & Walker (2015), "Fitting linear mixed-effects models using
///   lme4", J Stat Softw 67(1), doi:10.18637/jss.v067.i01.
struct RandomEffectsSystem {
    let layout: RandomEffectsLayout
    /// Lₐ (k₁ × k₁, column-major) for each group, and B̃ₐ = Lₐ⁻¹Bₐ (k₁ × |supportₐ|).
    let blockFactors: [[Double]]
    let scaledCoupling: [[Double]]
    /// The Cholesky factorisation of S (of order 0 when there are no other terms) and
    /// log det H.
    let schur: SerialCholesky
    let logDeterminant: Double

    /// Forms and factorises H from each row's weight Wᵢ and the values z̃ᵢ of its entries,
    /// `values[i * K + j]` (the row of ZΛ at the layout's columns).
    ///
    /// - Throws: ``LinearAlgebraError`` when a block is not positive definite (only for
    ///   non-finite weights: H ⪰ I).
    /// - Complexity: O(n K² + Σₐ k₁ mₐ² + q₂³) for mₐ other columns met by group a.
    init(layout: RandomEffectsLayout, weights: [Double], values: [Double]) throws(LinearAlgebraError) {
        let k1 = layout.firstWidth, width = layout.entriesPerRow, q2 = layout.otherCount
        var blocks = [[Double]](repeating: [Double](repeating: 0, count: k1 * k1), count: layout.firstGroups)
        var coupling = layout.support.map { [Double](repeating: 0, count: k1 * $0.count) }
        var other = [Double](repeating: 0, count: q2 * q2)
        let firstCount = layout.firstCount
        for i in weights.indices where weights[i] != 0 {
            let w = weights[i], base = i * width
            let a = layout.columns[base] / k1
            for j in 0..<width {
                let vj = w * values[base + j]
                if j < k1 {
                    for m in 0..<k1 { blocks[a][m * k1 + j] += vj * values[base + m] }
                    continue
                }
                let position = layout.local[base + j] - k1
                for m in 0..<k1 { coupling[a][position * k1 + m] += vj * values[base + m] }
                let c = layout.columns[base + j] - firstCount
                for m in k1..<width {
                    other[(layout.columns[base + m] - firstCount) * q2 + c] += vj * values[base + m]
                }
            }
        }
        for c in 0..<q2 { other[c * q2 + c] += 1 }
        var logDeterminant = 0.0
        for a in blocks.indices {
            for j in 0..<k1 { blocks[a][j * k1 + j] += 1 }
            guard let value = SmallCholesky.factorInPlace(&blocks[a], order: k1) else {
                throw .notPositiveDefinite(minor: a + 1)
            }
            logDeterminant += value
            let m = layout.support[a].count
            SmallCholesky.solveLowerInPlace(blocks[a], order: k1, &coupling[a], columns: m)
            for (x, cx) in layout.support[a].enumerated() {
                for (y, cy) in layout.support[a].enumerated() {
                    var sum = 0.0
                    for r in 0..<k1 { sum += coupling[a][x * k1 + r] * coupling[a][y * k1 + r] }
                    other[cy * q2 + cx] -= sum
                }
            }
        }
        let schur = try SerialCholesky(other, order: q2)
        logDeterminant += schur.logDeterminant
        self.layout = layout
        self.blockFactors = blocks
        self.scaledCoupling = coupling
        self.schur = schur
        self.logDeterminant = logDeterminant
    }

    /// H⁻¹r by block elimination: with yₐ = Lₐ⁻¹r₁ₐ, x₂ = S⁻¹(r₂ − Σₐ B̃ₐᵀyₐ) and
    /// x₁ₐ = Lₐ⁻ᵀ(yₐ − B̃ₐx₂).
    func solve(_ right: [Double]) -> [Double] {
        let k1 = layout.firstWidth, firstCount = layout.firstCount
        var first = Array(right[..<firstCount])
        var second = Array(right[firstCount...])
        for a in blockFactors.indices {
            var y = Array(first[(a * k1)..<((a + 1) * k1)])
            SmallCholesky.solveLowerInPlace(blockFactors[a], order: k1, &y, columns: 1)
            for (x, c) in layout.support[a].enumerated() {
                for r in 0..<k1 { second[c] -= scaledCoupling[a][x * k1 + r] * y[r] }
            }
            for r in 0..<k1 { first[a * k1 + r] = y[r] }
        }
        schur.solveInPlace(&second, columns: 1)
        for a in blockFactors.indices {
            var y = Array(first[(a * k1)..<((a + 1) * k1)])
            for (x, c) in layout.support[a].enumerated() {
                for r in 0..<k1 { y[r] -= scaledCoupling[a][x * k1 + r] * second[c] }
            }
            SmallCholesky.solveUpperInPlace(blockFactors[a], order: k1, &y, columns: 1)
            for r in 0..<k1 { first[a * k1 + r] = y[r] }
        }
        return first + second
    }

    /// H⁻¹ restricted, for each first-term group a, to its own k₁ columns and the other
    /// columns it meets (its support), the only entries a row of the group needs:
    ///     [Dₐ⁻¹ + PₐS̃Pₐᵀ   −PₐS̃]      Pₐ = Lₐ⁻ᵀB̃ₐ, S̃ = S⁻¹ on the support.
    ///     [−S̃Pₐᵀ           S̃  ]
    /// Column-major, order k₁ + mₐ, indexed by the layout's `local` positions.
    ///
    /// - Complexity: O(q₂³/6) for U⁻ᵀ (S = UᵀU) plus O(Σₐ (k₁ + mₐ)² mₐ + Σₐ mₐ² q₂) for the
    ///   entries.
    func groupInverses() -> [[Double]] {
        let k1 = layout.firstWidth
        let q2 = layout.otherCount
        // Only the entries of S⁻¹ on each group's support are needed.
        let inverseFactor = schur.transposedInverseFactor()
        return blockFactors.indices.map { a in
            let support = layout.support[a]
            let m = support.count, order = k1 + m
            var result = [Double](repeating: 0, count: order * order)
            // Dₐ⁻¹ = Lₐ⁻ᵀLₐ⁻¹, column by column.
            for j in 0..<k1 {
                var column = [Double](repeating: 0, count: k1)
                column[j] = 1
                SmallCholesky.solveLowerInPlace(blockFactors[a], order: k1, &column, columns: 1)
                SmallCholesky.solveUpperInPlace(blockFactors[a], order: k1, &column, columns: 1)
                for r in 0..<k1 { result[j * order + r] = column[r] }
            }
            guard m > 0 else { return result }
            var projection = scaledCoupling[a]
            SmallCholesky.solveUpperInPlace(blockFactors[a], order: k1, &projection, columns: m)
            var restricted = [Double](repeating: 0, count: m * m)
            for (y, cy) in support.enumerated() {
                for (x, cx) in support.enumerated() {
                    restricted[y * m + x] = SerialCholesky.inverseEntry(
                        cx, cy, transposedInverseFactor: inverseFactor, order: q2)
                }
            }
            // −PₐS̃ (k₁ × m) and its transpose, then PₐS̃Pₐᵀ added to the first block.
            var cross = [Double](repeating: 0, count: k1 * m)
            for y in 0..<m {
                for r in 0..<k1 {
                    var sum = 0.0
                    for x in 0..<m { sum += projection[x * k1 + r] * restricted[y * m + x] }
                    cross[y * k1 + r] = -sum
                }
            }
            for y in 0..<m {
                for r in 0..<k1 {
                    result[(k1 + y) * order + r] = cross[y * k1 + r]
                    result[r * order + k1 + y] = cross[y * k1 + r]
                }
                for x in 0..<m { result[(k1 + y) * order + k1 + x] = restricted[y * m + x] }
            }
            for j in 0..<k1 {
                for r in 0..<k1 {
                    var sum = 0.0
                    for y in 0..<m { sum -= cross[y * k1 + r] * projection[y * k1 + j] }
                    result[j * order + r] += sum
                }
            }
            return result
        }
    }
}
