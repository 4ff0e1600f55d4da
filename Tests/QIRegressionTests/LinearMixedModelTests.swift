import Foundation
import QIData
import QIRegression
import Testing

@Suite struct LinearMixedModelTests {
    static func reference() throws -> [[String: Any]] {
        try RegressionReference.json("lmm_cases")["cases"] as! [[String: Any]]
    }

    static func fit(_ entry: [String: Any]) throws -> LMMFit {
        let design = try DesignMatrix(formula: try Formula(entry["formula"] as! String),
                                      data: try RegressionReference.data(entry["data"] as! String))
        let criterion: LinearMixedModel.Criterion = entry["method"] as! String == "reml"
            ? .reml : .maximumLikelihood
        return try LinearMixedModel(design: design, criterion: criterion).fit()
    }

    /// notebooks/reference/regression/lmm_reference.R: lme4 1.1-31 lmer, bobyqa with rhoend
    /// 1e-12, restarted until the criterion stops falling. Tolerance 1e-6 relative (the
    /// issue's, for mixed models against a tightly converged reference): both sides reach the
    /// optimum to about 1e-9 in θ measured against the largest θ of the fit; a small θ (the
    /// 0.015 off-diagonal of sleepstudy's slope model) is only determined to about 2e-8
    /// absolutely, because the criterion is flat to 1e-13 over that range (a second optimiser,
    /// nloptwrap, lands 1.6e-6 relative away from bobyqa there), so θ and correlations are
    /// compared with absolute floors of 1e-6 times the scale, and variances relatively.
    @Test(arguments: ["sleepstudy_slope_reml", "sleepstudy_slope_ml",
                      "sleepstudy_uncorrelated_reml", "sleepstudy_double_bar_ml",
                      "penicillin_crossed_reml",
                      "pastes_nested_reml", "pastes_nested_ml", "dyestuff_reml", "dyestuff_ml",
                      "dyestuff2_singular_reml"])
    func matchesTightlyConvergedLmer(name: String) throws {
        let entry = try Self.reference().first { $0["name"] as? String == name }!
        let fit = try Self.fit(entry)
        let tolerance = 1e-6
        #expect(fit.names == RegressionReference.strings(entry["terms"]))
        let theta = RegressionReference.numbers(entry["theta"])
        let thetaScale = theta.compactMap { $0.map(abs) }.max() ?? 1
        #expect(fit.theta.count == theta.count)
        for (actual, expected) in zip(fit.theta, theta) {
            #expect(isClose(actual, expected, relative: tolerance, floor: thetaScale),
                    "\(name) theta \(fit.theta) vs lme4 \(theta)")
        }
        let estimates = RegressionReference.numbers(entry["coefficients"])
        let errors = RegressionReference.numbers(entry["std_errors"])
        for j in estimates.indices {
            #expect(isClose(fit.coefficients[j], estimates[j], relative: tolerance,
                            floor: errors[j]!),
                    "\(name) \(fit.names[j]): \(fit.coefficients[j]) vs lme4 \(estimates[j]!)")
            #expect(isClose(fit.standardErrors[j], errors[j], relative: tolerance),
                    "\(name) se \(fit.names[j]): \(fit.standardErrors[j]) vs \(errors[j]!)")
        }
        let effects = entry["random_effects"] as! [String: Any]
        let groups = RegressionReference.strings(effects["group"])
        let first = RegressionReference.strings(effects["var1"])
        let second = RegressionReference.strings(effects["var2"])
        let variances = RegressionReference.numbers(effects["vcov"])
        let sdcor = RegressionReference.numbers(effects["sdcor"])
        let largestVariance = variances.compactMap { $0 }.max() ?? 1
        for row in groups.indices {
            let term = first[row].isEmpty ? nil : first[row]
            if second[row].isEmpty {
                let component = fit.varianceComponents.first { $0.group == groups[row] && $0.term == term }
                #expect(component != nil, "\(name): no component \(groups[row]) \(first[row])")
                #expect(isClose(component?.variance, variances[row], relative: tolerance,
                                floor: largestVariance * 1e-3),
                        "\(name) variance \(groups[row]) \(first[row]): \(component?.variance ?? .nan) vs \(variances[row]!)")
                #expect(isClose(component?.standardDeviation, sdcor[row], relative: tolerance,
                                floor: largestVariance.squareRoot() * 1e-3))
            } else {
                let component = fit.varianceComponents.first { $0.group == groups[row] && $0.term == second[row] }
                #expect(isClose(component?.correlation, sdcor[row], relative: tolerance, floor: 1),
                        "\(name) correlation: \(component?.correlation ?? .nan) vs \(sdcor[row]!)")
            }
        }
        #expect(fit.varianceComponents.map(\.group) == groups.enumerated()
            .filter { second[$0.offset].isEmpty }.map(\.element))
        let scalars: [(String, Double?)] = [
            ("sigma", fit.residualStandardDeviation), ("log_likelihood", fit.logLikelihood),
            ("ml_deviance", fit.deviance), ("aic", fit.aic), ("bic", fit.bic),
            ("reml_criterion", fit.remlCriterion),
        ]
        for (key, actual) in scalars {
            let expected = RegressionReference.number(entry[key])
            #expect(isClose(actual, expected, relative: tolerance),
                    "\(name) \(key): \(actual ?? .nan) vs lme4 \(expected ?? .nan)")
        }
        #expect(fit.parameterCount == Int(RegressionReference.number(entry["parameters"])!))
        #expect(fit.residualDegreesOfFreedom == Int(RegressionReference.number(entry["df_residual"])!))
        #expect(fit.isSingular == (entry["singular"] as! Bool))
    }

    /// For balanced one-way data (a groups of J rows) REML equals the ANOVA estimates when
    /// MSB > MSW: σ̂² = MSW, σ̂²_b = (MSB − MSW)/J, β̂ = ȳ and se(β̂) = √(MSB/(aJ))
    /// (Searle, Casella & McCulloch 1992, Variance Components, §3.7).
    @Test func balancedOneWayREMLIsTheANOVAEstimate() throws {
        let data = try RegressionReference.data("dyestuff")
        let design = try DesignMatrix(formula: try Formula("Yield ~ 1 + (1 | Batch)"), data: data)
        let fit = try LinearMixedModel(design: design).fit()
        guard case let .values(yields) = design.response else { Issue.record("response"); return }
        let codes = design.randomEffectTerms[0].grouping.codes
        let groups = 6, perGroup = 5
        let mean = yields.reduce(0, +) / Double(yields.count)
        var groupMeans = [Double](repeating: 0, count: groups)
        for (y, g) in zip(yields, codes) { groupMeans[g] += y / Double(perGroup) }
        let between = Double(perGroup) * groupMeans.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            / Double(groups - 1)
        let within = zip(yields, codes).reduce(0) { $0 + ($1.0 - groupMeans[$1.1]) * ($1.0 - groupMeans[$1.1]) }
            / Double(groups * (perGroup - 1))
        #expect(isClose(fit.varianceComponents[1].variance, within, relative: 1e-9))
        #expect(isClose(fit.varianceComponents[0].variance, (between - within) / Double(perGroup),
                        relative: 1e-8))
        #expect(isClose(fit.coefficients[0], mean, relative: 1e-12))
        #expect(isClose(fit.standardErrors[0], (between / Double(yields.count)).squareRoot(),
                        relative: 1e-8))
    }

    @Test func fitDoesNotDependOnRowOrder() throws {
        let entry = try Self.reference().first { $0["name"] as? String == "penicillin_crossed_reml" }!
        let original = try Self.fit(entry)
        let table = try CSVReader.read(
            path: RegressionReference.folder.appendingPathComponent("data/penicillin.csv").path)
        let diameters = try table.numbers("diameter")
        let order = (0..<diameters.count).map { $0 * 7 % diameters.count }.reversed()
        let columns: [(name: String, column: ModelData.Column)] = [
            ("diameter", .numeric(order.map { diameters[$0] })),
            ("plate", .text(order.map { try! table.texts("plate")[$0] })),
            ("sample", .text(order.map { try! table.texts("sample")[$0] })),
        ]
        let shuffled = try LinearMixedModel(
            design: try DesignMatrix(formula: try Formula("diameter ~ 1 + (1 | plate) + (1 | sample)"),
                                     data: ModelData(columns: columns))).fit()
        #expect(isClose(shuffled.remlCriterion, original.remlCriterion, relative: 1e-12))
        for (a, b) in zip(shuffled.varianceComponents, original.varianceComponents) {
            #expect(a.group == b.group)
            #expect(isClose(a.variance, b.variance, relative: 1e-7))
        }
    }

    @Test func boundaryFitNamesTheComponentAtZero() throws {
        let entry = try Self.reference().first { $0["name"] as? String == "dyestuff2_singular_reml" }!
        let fit = try Self.fit(entry)
        #expect(fit.isSingular)
        #expect(fit.boundaryComponents.map(\.group) == ["Batch"])
        #expect(fit.boundaryComponents.map(\.term) == ["(Intercept)"])
        #expect(fit.boundaryComponents.first?.theta == 0)
        #expect(fit.varianceComponents[0].variance == 0)
    }

    @Test func modelsThatCannotBeFittedThrowWithEvidence() throws {
        let data = ModelData(columns: [
            ("y", .numeric([1, 3, 2, 5, 4, 6])), ("x", .numeric([1, 2, 3, 4, 5, 6])),
            ("z", .numeric([2, 4, 6, 8, 10, 12])), ("g", .text(["a", "a", "b", "b", "c", "c"])),
            ("row", .text(["1", "2", "3", "4", "5", "6"])),
        ])
        func model(_ formula: String) throws -> LinearMixedModel {
            try LinearMixedModel(design: try DesignMatrix(formula: try Formula(formula), data: data))
        }
        #expect(throws: LMMError.aliasedColumns(names: ["z"])) { try model("y ~ x + z + (1 | g)") }
        #expect(throws: LMMError.tooManyRandomEffects(group: "row", effects: 6, rows: 6)) {
            try model("y ~ x + (1 | row)")
        }
        #expect(throws: LMMError.noRandomEffects) { try model("y ~ x") }
    }

    @Test func stoppingShortOfTheOptimumIsReportedWithItsEvidence() throws {
        let entry = try Self.reference().first { $0["name"] as? String == "sleepstudy_slope_reml" }!
        let design = try DesignMatrix(formula: try Formula(entry["formula"] as! String),
                                      data: try RegressionReference.data("sleepstudy"))
        var options = LMMOptions()
        options.maximumIterations = 2
        let model = try LinearMixedModel(design: design)
        let error = #expect(throws: LMMError.self) { try model.fit(options: options) }
        guard case let .didNotConverge(iterations, lastChange, criterion, gradient)? = error else {
            Issue.record("expected didNotConverge, got \(String(describing: error))")
            return
        }
        #expect(iterations == 2)
        #expect(lastChange > options.tolerance)
        #expect(criterion > 1743.628)
        #expect(gradient.count == 3)
    }
}
