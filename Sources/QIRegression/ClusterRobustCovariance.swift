import Foundation
import QILinearAlgebra
import QIStatistics

/// The small-sample correction of a cluster-robust covariance.
public enum ClusterRobustType: String, Sendable, CaseIterable {
    /// No correction (Liang & Zeger 1986; geepack, statsmodels GEE).
    case cr0 = "CR0"
    /// G/(G − 1) · (n − 1)/(n − p) (Stata's `regress`, statsmodels, sandwich's `vcovCL` HC1).
    case cr1s = "CR1S"
    /// Bell & McCaffrey's (2002) bias-reduced linearisation, clubSandwich's form for GLMs.
    case cr2 = "CR2"
    /// The jackknife-like (I − H_gg)⁻¹ adjustment (Bell & McCaffrey 2002).
    case cr3 = "CR3"
}

/// Cluster-robust ("sandwich") covariance of GLM coefficients with Satterthwaite degrees of
/// freedom, as clubSandwich computes them.
///
/// With X̃ = diag(μ'(η̂)) X, working weights Wᵢ = wᵢ/V(μ̂ᵢ), θᵢ = 1/Wᵢ, r = y − μ̂ and
/// M = (X̃ᵀWX̃)⁻¹ (the unscaled covariance, dispersion-free):
///
///     V = M (Σ_g c_g c_gᵀ) M,   c_g = X̃_gᵀ W_g A_g r_g,
///
/// with A_g = I (CR0); √(G(n − 1)/((G − 1)(n − p))) I (CR1S);
/// Θ_g^½ B_g^−½ Θ_g^½, B_g = Θ_g^½ (I − X̃_g M X̃_gᵀ W_g) Θ_g Θ_g^½ (CR2, Pustejovsky &
/// Tipton 2018 with inverse-variance weights; B^−½ by a symmetric eigendecomposition,
/// eigenvalues below 1e-12 dropped, as clubSandwich's `matrix_power`); and
/// (I − X̃_g M X̃_gᵀ W_g)⁻¹ (CR3). For a coefficient βᵢ the Satterthwaite degrees of freedom
/// are (tr Pᵢ)² / Σ (Pᵢ)²_gh with Pᵢ,gh = δ_gh ‖(M E_g Θ_g^½)ᵢ‖² − (M E_g X̃_g M X̃_hᵀ E_hᵀ M)ᵢᵢ,
/// E_g = X̃_gᵀ W_g A_g (Bell & McCaffrey 2002; clubSandwich's `get_P_array`). Tests and
/// intervals use Student's t on these degrees of freedom.
///
/// - Complexity: O(Σ_g n_g³ + G²·p) for G clusters of n_g rows.
/// - Note: Liang & Zeger (1986), Biometrika 73(1), 13–22, doi:10.1093/biomet/73.1.13;
///   Bell & McCaffrey (2002), Survey Methodology 28(2), 169–181; Pustejovsky & Tipton
///   (2018), J. Business & Economic Statistics 36(4), 672–683,
///   doi:10.1080/07350015.2016.1247004; Zeileis, Köll & Graham (2020), J. Statistical
///   Software 95(1), doi:10.18637/jss.v095.i01 (sandwich).
public struct ClusterRobustCovariance: Sendable {
    public let type: ClusterRobustType
    /// The number of clusters G.
    public let clusterCount: Int
    /// The covariance of the estimable coefficients, in the order of
    /// ``GLMFit/estimableColumns``.
    public let covariance: Matrix
    /// Cluster-robust standard errors, one per design column (`nil` where the fit has no
    /// estimate).
    public let standardErrors: [Double?]
    /// Satterthwaite degrees of freedom, one per design column.
    public let degreesOfFreedom: [Double?]
    /// The estimates the errors belong to.
    public let coefficients: [Double?]

    /// β̂ⱼ / seⱼ.
    public var statistics: [Double?] {
        zip(coefficients, standardErrors).map { estimate, error in
            guard let estimate, let error, error > 0 else { return nil }
            return estimate / error
        }
    }

    /// Two-sided p-values from Student's t on the Satterthwaite degrees of freedom.
    public var pValues: [Double?] {
        zip(statistics, degreesOfFreedom).map { statistic, df in
            guard let statistic, let df, df > 0,
                  let t = try? StudentTDistribution(degreesOfFreedom: df) else { return nil }
            return 2 * t.complementaryCDF(abs(statistic))
        }
    }

    /// β̂ ± q se with q the (1 + level)/2 quantile of t on the Satterthwaite df.
    public func intervals(level: Double) -> [(lower: Double, upper: Double)?] {
        coefficients.indices.map { j in
            guard let estimate = coefficients[j], let error = standardErrors[j],
                  let df = degreesOfFreedom[j], df > 0,
                  let quantile = try? StudentTDistribution(degreesOfFreedom: df)
                    .quantile((1 + level) / 2) else { return nil }
            return (estimate - quantile * error, estimate + quantile * error)
        }
    }
}

extension GeneralizedLinearModel {
    /// Cluster-robust covariance of a maximum likelihood fit; see ``ClusterRobustCovariance``.
    ///
    /// - Parameters:
    ///   - fit: a maximum likelihood fit of this model.
    ///   - clusters: a cluster label for every row of the design (``DesignMatrix/rowsUsed``).
    ///   - type: the small-sample correction.
    /// - Throws: ``GLMError/tooFewClusters(found:)`` with fewer than two clusters,
    ///   ``GLMError/linearAlgebra(_:)`` if an adjustment matrix is singular (CR3 with a
    ///   cluster of leverage one).
    public func clusterRobust(_ fit: GLMFit, clusters: [String],
                              type: ClusterRobustType) throws(GLMError) -> ClusterRobustCovariance {
        precondition(clusters.count == design.rowCount, "one cluster label per design row")
        let kept = fit.estimableColumns
        let p = kept.count
        let used = priorWeights.indices.filter { priorWeights[$0] > 0 }
        var clusterIndex: [String: Int] = [:]
        var members: [[Int]] = []
        for i in used {
            if let g = clusterIndex[clusters[i]] { members[g].append(i) } else {
                clusterIndex[clusters[i]] = members.count
                members.append([i])
            }
        }
        guard members.count >= 2 else { throw .tooFewClusters(found: members.count) }
        let family = fit.family
        let x = design.matrix
        // X̃ rows, θ and r on every row used.
        var tilde = [[Double]](repeating: [], count: x.rows)
        var theta = [Double](repeating: 0, count: x.rows)
        var residual = [Double](repeating: 0, count: x.rows)
        for i in used {
            let derivative = link.meanDerivative(fit.linearPredictor[i])
            tilde[i] = kept.map { derivative * x[i, $0] }
            theta[i] = family.variance(fit.fittedMeans[i]) / priorWeights[i]
            residual[i] = response[i] - fit.fittedMeans[i]
        }
        let m = Matrix(rows: p, columns: p,
                       storage: fit.covariance.storage.map { $0 / fit.dispersion })
        let (g, n) = (Double(members.count), Double(used.count))
        let cr1Scale = (g * (n - 1) / ((g - 1) * (n - Double(p)))).squareRoot()

        var meat = Matrix(rows: p, columns: p, repeating: 0)
        // Per cluster: K_g = M E_g X̃_g (p × p) and the row norms of M E_g Θ_g^½.
        var kMatrices: [Matrix] = []
        var gNorms: [[Double]] = []
        for rows in members {
            let size = rows.count
            let xt = Matrix(rowMajor: rows.map { tilde[$0] })   // n_g × p
            let adjustment: Matrix?                               // A_g, nil for a multiple of I
            var scale = 1.0
            switch type {
            case .cr0: adjustment = nil
            case .cr1s: adjustment = nil; scale = cr1Scale
            case .cr2, .cr3:
                // Q = X̃_g M X̃_gᵀ.
                var q = Matrix(rows: size, columns: size, repeating: 0)
                for a in 0..<size {
                    for b in 0..<size {
                        var total = 0.0
                        for k in 0..<p {
                            var inner = 0.0
                            for l in 0..<p { inner += m[k, l] * xt[b, l] }
                            total += xt[a, k] * inner
                        }
                        q[a, b] = total
                    }
                }
                let thetas = rows.map { theta[$0] }
                if type == .cr2 {
                    // B = Θ^½ (I − Q W) Θ Θ^½ = Θ² − Θ^½ Q Θ^½ for diagonal Θ = W⁻¹.
                    var b = Matrix(rows: size, columns: size, repeating: 0)
                    for a in 0..<size {
                        for c in 0..<size {
                            b[a, c] = (a == c ? thetas[a] * thetas[a] : 0)
                                - thetas[a].squareRoot() * q[a, c] * thetas[c].squareRoot()
                        }
                    }
                    for a in 0..<size { for c in 0..<a { b[a, c] = b[c, a] } }
                    let root = try inverseSquareRoot(b)
                    var a = root
                    for r in 0..<size {
                        for c in 0..<size { a[r, c] *= thetas[r].squareRoot() * thetas[c].squareRoot() }
                    }
                    adjustment = a
                } else {
                    var complement = Matrix(rows: size, columns: size, repeating: 0)
                    for r in 0..<size {
                        for c in 0..<size { complement[r, c] = (r == c ? 1 : 0) - q[r, c] / thetas[c] }
                    }
                    adjustment = try inverse(complement)
                }
            }
            // E_g = X̃_gᵀ W_g A_g (p × n_g).
            var e = Matrix(rows: p, columns: size, repeating: 0)
            for k in 0..<p {
                for c in 0..<size {
                    if let adjustment {
                        var total = 0.0
                        for r in 0..<size { total += xt[r, k] / theta[rows[r]] * adjustment[r, c] }
                        e[k, c] = total
                    } else {
                        e[k, c] = scale * xt[c, k] / theta[rows[c]]
                    }
                }
            }
            let component = (0..<p).map { k in
                (0..<size).reduce(0.0) { $0 + e[k, $1] * residual[rows[$1]] }
            }
            for a in 0..<p { for b in 0..<p { meat[a, b] += component[a] * component[b] } }
            // M E_g, then K_g = (M E_g) X̃_g and the row norms of (M E_g) Θ^½.
            var me = Matrix(rows: p, columns: size, repeating: 0)
            for a in 0..<p {
                for c in 0..<size {
                    var total = 0.0
                    for k in 0..<p { total += m[a, k] * e[k, c] }
                    me[a, c] = total
                }
            }
            var k = Matrix(rows: p, columns: p, repeating: 0)
            for a in 0..<p {
                for b in 0..<p {
                    var total = 0.0
                    for c in 0..<size { total += me[a, c] * xt[c, b] }
                    k[a, b] = total
                }
            }
            kMatrices.append(k)
            gNorms.append((0..<p).map { a in
                (0..<size).reduce(0.0) { $0 + me[a, $1] * me[a, $1] * theta[rows[$1]] }
            })
        }
        let covariance: Matrix
        do {
            covariance = try m * meat * m
        } catch {
            throw .linearAlgebra(error.description)
        }
        // Satterthwaite: Pᵢ,gh = δ_gh gNorms[g][i] − (K_g M K_hᵀ)ᵢᵢ.
        let kM: [Matrix]
        do {
            kM = try kMatrices.map { k throws(LinearAlgebraError) in try k * m }
        } catch {
            throw .linearAlgebra(error.description)
        }
        var standardErrors = [Double?](repeating: nil, count: x.columns)
        var degreesOfFreedom = [Double?](repeating: nil, count: x.columns)
        let diverging = Set(fit.separation?.divergingTerms.map(\.column) ?? [])
        for (position, column) in kept.enumerated() where fit.coefficients[column] != nil
            && !diverging.contains(column) {
            standardErrors[column] = covariance[position, position].squareRoot()
            var trace = 0.0
            var squares = 0.0
            for a in members.indices {
                for b in members.indices {
                    var value = 0.0
                    for l in 0..<p { value -= kM[a][position, l] * kMatrices[b][position, l] }
                    if a == b { value += gNorms[a][position]; trace += value }
                    squares += value * value
                }
            }
            degreesOfFreedom[column] = trace * trace / squares
        }
        return ClusterRobustCovariance(type: type, clusterCount: members.count,
                                       covariance: covariance, standardErrors: standardErrors,
                                       degreesOfFreedom: degreesOfFreedom,
                                       coefficients: fit.coefficients)
    }

    /// S^−½ of a symmetric matrix, eigenvalues at or below 1e-12 dropped (clubSandwich's
    /// `matrix_power(x, -1/2)`).
    private func inverseSquareRoot(_ matrix: Matrix) throws(GLMError) -> Matrix {
        let decomposition: SymmetricEigendecomposition
        do {
            decomposition = try SymmetricEigendecomposition(matrix)
        } catch {
            throw .linearAlgebra(error.description)
        }
        let size = matrix.rows
        var result = Matrix(rows: size, columns: size, repeating: 0)
        let vectors = decomposition.eigenvectors
        for (k, value) in decomposition.eigenvalues.enumerated() where value > 1e-12 {
            let power = 1 / value.squareRoot()
            for a in 0..<size {
                for b in 0..<size { result[a, b] += vectors[a, k] * power * vectors[b, k] }
            }
        }
        return result
    }

    /// The inverse of a square matrix, column by column from one pivoted QR.
    private func inverse(_ matrix: Matrix) throws(GLMError) -> Matrix {
        let size = matrix.rows
        var result = Matrix(rows: size, columns: size, repeating: 0)
        do {
            let factorization = try PivotedQR(matrix, tolerance: 1e-13)
            guard factorization.rank == size else {
                throw LinearAlgebraError.rankDeficient(rank: factorization.rank, columns: size)
            }
            for c in 0..<size {
                var unit = [Double](repeating: 0, count: size)
                unit[c] = 1
                let solution = try factorization.solveLeastSquares(unit)
                for r in 0..<size { result[r, c] = solution.coefficients[r]! }
            }
        } catch {
            throw .linearAlgebra("the CR3 adjustment of a cluster is singular (a cluster with "
                                 + "leverage one): \(error). Use --robust CR2.")
        }
        return result
    }
}
