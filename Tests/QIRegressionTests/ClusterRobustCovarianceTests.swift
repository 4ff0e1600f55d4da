import Foundation
import QIRegression
import Testing

/// Cluster-robust errors against clubSandwich 0.5.8 (CR0, CR1S, CR2, CR3 and Satterthwaite
/// degrees of freedom) and sandwich 3.0.2 (`vcovCL` HC0 without and HC1 with the cluster
/// adjustment), on GLMs converged to epsilon 1e-15 by
/// notebooks/reference/regression/cluster_reference.R (R 4.2.2). Tolerance 1e-8 relative:
/// the fits agree to about 1e-11, and sandwich and clubSandwich themselves differ by about
/// 1e-9 (sandwich uses the weights of R's last IRLS iteration, clubSandwich the fitted means).
@Suite struct ClusterRobustCovarianceTests {
    static func cases() throws -> [[String: Any]] {
        try RegressionReference.json("cluster_cases")["cases"] as! [[String: Any]]
    }

    static func family(_ name: String) -> GLMFamily {
        switch name {
        case "binomial": .binomial
        case "poisson": .poisson
        default: .gaussian
        }
    }

    @Test(arguments: ["infert_stratum", "quine_poisson_cell", "quine_gaussian_cell"])
    func matchesClubSandwichAndSandwich(name: String) throws {
        let entry = try Self.cases().first { $0["name"] as! String == name }!
        let table = try RegressionReference.data(entry["data"] as! String)
        let design = try DesignMatrix(formula: try Formula(entry["formula"] as! String), data: table)
        let model = try GeneralizedLinearModel(design: design,
                                               family: Self.family(entry["family"] as! String))
        let fit = try model.fit()
        let clusterColumn = table.columns[entry["cluster"] as! String]!
        let labels: [String] = design.rowsUsed.map { row in
            switch clusterColumn {
            case let .numeric(values): return "\(values[row]!)"
            case let .text(values): return values[row]!
            }
        }
        for type in ClusterRobustType.allCases {
            let robust = try model.clusterRobust(fit, clusters: labels, type: type)
            #expect(robust.clusterCount == entry["clusters"] as! Int)
            let expected = entry[type.rawValue] as! [String: Any]
            let errors = RegressionReference.numbers(expected["std_errors"])
            let df = RegressionReference.numbers(expected["df"])
            let pValues = RegressionReference.numbers(expected["p_values"])
            for j in errors.indices {
                #expect(isClose(robust.standardErrors[j], errors[j], relative: 1e-8),
                        "\(name) \(type) se \(fit.names[j]): \(robust.standardErrors[j]!) vs \(errors[j]!)")
                #expect(isClose(robust.degreesOfFreedom[j], df[j], relative: 1e-8),
                        "\(name) \(type) df \(fit.names[j]): \(robust.degreesOfFreedom[j]!) vs \(df[j]!)")
                #expect(isClose(robust.pValues[j], pValues[j], relative: 1e-6),
                        "\(name) \(type) p \(fit.names[j])")
            }
            let sandwichErrors = RegressionReference.numbers(expected["sandwich_std_errors"])
            for j in sandwichErrors.indices {
                #expect(isClose(robust.standardErrors[j], sandwichErrors[j], relative: 1e-8),
                        "\(name) \(type) sandwich se \(fit.names[j])")
            }
        }
    }

    /// Identity: with every row its own cluster, CR0 is the heteroskedasticity-consistent
    /// HC0 estimator, which for a gaussian model equals White's (XᵀX)⁻¹ Xᵀ diag(e²) X (XᵀX)⁻¹;
    /// for y exactly linear in x plus ±1 the closed form is easy to check by hand.
    @Test func singletonClustersGiveWhitesEstimator() throws {
        let x: [Double] = [1, 2, 3, 4]
        let e: [Double] = [1, -1, -1, 1]
        let data = ModelData(columns: [("y", .numeric(zip(x, e).map { 2 * $0 + $1 })),
                                       ("x", .numeric(x))])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .gaussian)
        let fit = try model.fit()
        let robust = try model.clusterRobust(fit, clusters: ["a", "b", "c", "d"], type: .cr0)
        // Residuals are ±1 (the fitted line is 2x exactly, as e is orthogonal to 1 and x), so
        // the meat is XᵀX and V = (XᵀX)⁻¹: var(slope) = 1/Σ(x − x̄)² = 1/5.
        #expect(abs(robust.standardErrors[1]! - (1.0 / 5).squareRoot()) <= 1e-12)
    }

    @Test func oneClusterIsRefused() throws {
        let data = ModelData(columns: [("y", .numeric([1, 3, 2, 5])), ("x", .numeric([1, 2, 3, 4]))])
        let design = try DesignMatrix(formula: try Formula("y ~ x"), data: data)
        let model = try GeneralizedLinearModel(design: design, family: .gaussian)
        #expect(throws: GLMError.tooFewClusters(found: 1)) {
            try model.clusterRobust(try model.fit(), clusters: ["a", "a", "a", "a"], type: .cr2)
        }
    }
}
