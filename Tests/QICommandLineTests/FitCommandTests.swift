import Foundation
import Testing

/// `qi fit` end to end: the built `qi` run on the reference data files, checking stdout,
/// stderr, exit codes and files written. Numbers are checked against R's glm in
/// notebooks/reference/regression/output/glm_cases.json (see that folder's README).
@Suite("qi fit end to end")
struct FitCommandTests {
    static let regression = QIProcess.packageRoot.appendingPathComponent("notebooks/reference/regression")

    static func dataFile(_ name: String) -> String {
        regression.appendingPathComponent("data/\(name).csv").path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func referenceCase(_ name: String) throws -> [String: Any] {
        try referenceCase("glm_cases", "cases", name)
    }

    @Test func binomialCountsMatchRGlmInJSON() throws {
        let reference = try Self.referenceCase("cbpp_counts")
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula",
                                     reference["formula"] as! String, "--family", "binomial",
                                     "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.isEmpty)
        let output = try Self.json(run.standardOutput)
        for key in ["family", "link", "method", "n", "converged", "iterations", "log_likelihood",
                    "deviance", "aic", "bic", "df_residual", "standard_errors", "coefficients",
                    "theta", "theta_std_error", "random_effects", "warnings"] {
            #expect(output.keys.contains(key), "missing key \(key)")
        }
        #expect(output["family"] as? String == "binomial")
        #expect(output["link"] as? String == "logit")
        #expect(output["standard_errors"] as? String == "fisher_at_estimate")
        #expect(output["n"] as? Int == 56)
        #expect(output["theta"] is NSNull)
        for key in ["log_likelihood", "deviance", "aic", "bic"] {
            let actual = (output[key] as! NSNumber).doubleValue
            let expected = (reference[key] as! NSNumber).doubleValue
            #expect(abs(actual - expected) <= 1e-8 * abs(expected), "\(key)")
        }
        let coefficients = output["coefficients"] as! [[String: Any]]
        #expect(coefficients.map { $0["term"] as! String } == reference["terms"] as! [String])
        let estimates = reference["estimates"] as! [NSNumber]
        for (row, expected) in zip(coefficients, estimates) {
            let actual = (row["estimate"] as! NSNumber).doubleValue
            #expect(abs(actual - expected.doubleValue) <= 1e-8 * abs(expected.doubleValue))
            let lower = (row["ci_lower"] as! NSNumber).doubleValue
            let upper = (row["ci_upper"] as! NSNumber).doubleValue
            #expect(lower < actual && actual < upper)
        }
    }

    @Test func negativeBinomialReportsTheta() throws {
        let reference = try Self.referenceCase("quine_negative_binomial")
        let run = try QIProcess.run(["fit", Self.dataFile("quine"), "--formula",
                                     reference["formula"] as! String,
                                     "--family", "negative-binomial", "--format", "json"])
        #expect(run.exitCode == 0)
        let output = try Self.json(run.standardOutput)
        let theta = (output["theta"] as! NSNumber).doubleValue
        #expect(abs(theta - (reference["theta"] as! NSNumber).doubleValue) <= 1e-8 * theta)
        #expect(output["theta_std_error"] is NSNumber)
    }

    @Test func aliasedTermIsNullAndWarned() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("infert"), "--formula",
                                     "case ~ spontaneous + induced + I(spontaneous + induced)",
                                     "--family", "binomial", "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("I(spontaneous + induced)"))
        let output = try Self.json(run.standardOutput)
        let last = (output["coefficients"] as! [[String: Any]]).last!
        #expect(last["estimate"] is NSNull)
        #expect(last["std_error"] is NSNull)
        #expect((output["warnings"] as! [String]).first?.contains("rank deficient") == true)
    }

    @Test func formulaThatDoesNotParseExitsTwoWithThePositionMarked() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula", "incidence ~ period +* herd"])
        #expect(run.exitCode == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("character 21"))
        #expect(run.standardError.contains("  incidence ~ period +* herd\n                      ^"))
    }

    @Test func unknownColumnIsBadInputListingTheColumns() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula", "incidence ~ perod",
                                     "--family", "poisson"])
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("no column named 'perod'"))
        #expect(run.standardError.contains("Did you mean 'period'?"))
        #expect(run.standardError.contains("'herd'"))
    }

    @Test func unknownFunctionIsBadInput() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula", "incidence ~ poly(period)"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("'poly'"))
    }

    @Test func responseOutsideTheFamilyNamesFileAndRow() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula", "incidence ~ period",
                                     "--family", "binomial"])
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("cbpp.csv: row 1: the response 2"))
    }

    @Test func separatedDataWarnLoudlyAndExitZero() throws {
        let run = try QIProcess.run(["fit", "-", "--formula", "y ~ x", "--family", "binomial",
                                     "--format", "json"],
                                    input: "y,x\n0,1\n0,2\n0,3\n1,4\n1,5\n1,6\n")
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("SEPARATION"))
        #expect(run.standardError.contains("x (+infinity)"))
        let output = try Self.json(run.standardOutput)
        #expect(output["converged"] as? Bool == false)
        let separation = try #require(output["separation"] as? [String: Any])
        #expect(separation["detected"] as? Bool == true)
        let coefficients = output["coefficients"] as! [[String: Any]]
        #expect(coefficients.map { $0["diverges"] as? String } == ["-infinity", "+infinity"])
        #expect(coefficients.allSatisfy { $0["estimate"] is NSNull })
        #expect((output["warnings"] as! [String]).first?.contains("--method firth") == true)
    }

    /// sex2 with --method firth against logistf 1.26.1 and brglm2 0.9
    /// (output/firth_cases.json; tolerance 1e-8 relative, as in FirthTests).
    @Test func firthMatchesLogistfProfileIntervalsInJSON() throws {
        let data = try Data(contentsOf: Self.regression.appendingPathComponent("output/firth_cases.json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let reference = (all["cases"] as! [[String: Any]]).first { $0["name"] as! String == "sex2" }!
        let run = try QIProcess.run(["fit", Self.dataFile("sex2"), "--formula",
                                     reference["formula"] as! String, "--family", "binomial",
                                     "--method", "firth", "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("separation detected"))
        let output = try Self.json(run.standardOutput)
        #expect(output["method"] as? String == "firth")
        #expect(output["ci_method"] as? String == "profile_penalized_likelihood")
        #expect(output["standard_errors"] as? String == "fisher_at_estimate")
        func close(_ actual: Any?, _ expected: Any?) -> Bool {
            let a = (actual as! NSNumber).doubleValue, e = (expected as! NSNumber).doubleValue
            return abs(a - e) <= 1e-8 * max(abs(e), 1)
        }
        #expect(close(output["penalized_log_likelihood"], reference["penalized_log_likelihood"]))
        #expect(close(output["log_likelihood"], reference["log_likelihood"]))
        #expect(close(output["penalized_log_likelihood_null"], reference["penalized_log_likelihood_null"]))
        let coefficients = output["coefficients"] as! [[String: Any]]
        for (j, row) in coefficients.enumerated() {
            #expect(close(row["estimate"], (reference["logistf_estimates"] as! [Any])[j]))
            #expect(close(row["std_error"], (reference["brglm2_std_errors"] as! [Any])[j]))
            #expect(close(row["ci_lower"], (reference["ci_lower"] as! [Any])[j]))
            #expect(close(row["ci_upper"], (reference["ci_upper"] as! [Any])[j]))
            #expect(row["diverges"] is NSNull)
        }
        let wald = try QIProcess.run(["fit", Self.dataFile("sex2"), "--formula",
                                      reference["formula"] as! String, "--family", "binomial",
                                      "--method", "firth", "--ci", "wald", "--format", "json"])
        #expect(try Self.json(wald.standardOutput)["ci_method"] as? String == "wald")
    }

    /// infert clustered by matched set, CR2 by default, against clubSandwich 0.5.8
    /// (output/cluster_cases.json; 1e-8 relative, as in ClusterRobustCovarianceTests).
    @Test func clusterRobustDefaultsToCR2WithSatterthwaiteDF() throws {
        let data = try Data(contentsOf: Self.regression.appendingPathComponent("output/cluster_cases.json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let reference = (all["cases"] as! [[String: Any]]).first { $0["name"] as! String == "infert_stratum" }!
        let run = try QIProcess.run(["fit", Self.dataFile("infert_strata"), "--formula",
                                     reference["formula"] as! String, "--family", "binomial",
                                     "--cluster", "stratum", "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.isEmpty)
        let output = try Self.json(run.standardOutput)
        #expect(output["standard_errors"] as? String == "cluster_robust_CR2")
        let cluster = try #require(output["cluster"] as? [String: Any])
        #expect(cluster["clusters"] as? Int == 83)
        let cr2 = reference["CR2"] as! [String: Any]
        for (j, row) in (output["coefficients"] as! [[String: Any]]).enumerated() {
            let se = (row["std_error"] as! NSNumber).doubleValue
            let expected = ((cr2["std_errors"] as! [NSNumber])[j]).doubleValue
            #expect(abs(se - expected) <= 1e-8 * expected)
            let df = (row["df"] as! NSNumber).doubleValue
            let expectedDF = ((cr2["df"] as! [NSNumber])[j]).doubleValue
            #expect(abs(df - expectedDF) <= 1e-8 * expectedDF)
        }
        let cr3 = try QIProcess.run(["fit", Self.dataFile("infert_strata"), "--formula",
                                     reference["formula"] as! String, "--family", "binomial",
                                     "--cluster", "stratum", "--robust", "CR3", "--format", "json"])
        #expect(try Self.json(cr3.standardOutput)["standard_errors"] as? String == "cluster_robust_CR3")
    }

    @Test func clusterErrorsAreReported() throws {
        let unknown = try QIProcess.run(["fit", Self.dataFile("infert_strata"), "--formula", "case ~ age",
                                         "--family", "binomial", "--cluster", "practice"])
        #expect(unknown.exitCode == 1)
        #expect(unknown.standardOutput.isEmpty)
        #expect(unknown.standardError.contains("practice"))
        let missing = try QIProcess.run(["fit", "-", "--formula", "y ~ x", "--cluster", "g"],
                                        input: "y,x,g\n1,1,a\n3,2,\n2,3,b\n5,4,b\n")
        #expect(missing.exitCode == 1)
        #expect(missing.standardError.contains("row 2"))
        let one = try QIProcess.run(["fit", "-", "--formula", "y ~ x", "--cluster", "g"],
                                    input: "y,x,g\n1,1,a\n3,2,a\n2,3,a\n5,4,a\n")
        #expect(one.exitCode == 1)
        #expect(one.standardError.contains("at least 2 clusters"))
        let robustAlone = try QIProcess.run(["fit", Self.dataFile("infert_strata"), "--formula", "case ~ age",
                                             "--robust", "CR2"])
        #expect(robustAlone.exitCode == 2)
        let firth = try QIProcess.run(["fit", Self.dataFile("infert_strata"), "--formula", "case ~ age",
                                       "--family", "binomial", "--method", "firth", "--cluster", "stratum"])
        #expect(firth.exitCode == 2)
    }

    @Test func firthNeedsLogisticRegression() throws {
        let poisson = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula", "incidence ~ period",
                                         "--family", "poisson", "--method", "firth"])
        #expect(poisson.exitCode == 2)
        #expect(poisson.standardOutput.isEmpty)
        #expect(poisson.standardError.contains("--family binomial"))
        let probit = try QIProcess.run(["fit", Self.dataFile("sex2"), "--formula", "case ~ age",
                                        "--family", "binomial", "--link", "probit", "--method", "firth"])
        #expect(probit.exitCode == 2)
        #expect(probit.standardError.contains("logit"))
    }

    @Test func missingValuesAreDroppedAndCounted() throws {
        let run = try QIProcess.run(["fit", "-", "--formula", "y ~ x", "--format", "json"],
                                    input: "y,x\n1,1\n3,2\nNA,3\n2,3\n5,4\n4,\n4,5\n")
        #expect(run.exitCode == 0)
        let output = try Self.json(run.standardOutput)
        #expect(output["n"] as? Int == 5)
        #expect(output["rows_dropped"] as? Int == 2)
        #expect(run.standardError.contains("2 rows with a missing value"))
    }

    /// `--na fail`: exit 1 naming the file, the first missing cell's 1-based data row and its
    /// column (row order first), nothing on standard output; the default drops and counts.
    @Test func naFailRefusesTheFirstMissingCellNamingFileRowAndColumn() throws {
        let file = QIProcess.corpusFile("fit-missing-value.csv")
        let run = try QIProcess.run(["fit", file, "--formula", "success ~ control + champion",
                                     "--family", "binomial", "--na", "fail", "--format", "json"])
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.isEmpty)
        for part in ["fit-missing-value.csv", "row 4", "column 'control'", "--na fail"] {
            #expect(run.standardError.contains(part), "stderr lacks \(part): \(run.standardError)")
        }
        let dropped = try QIProcess.run(["fit", file, "--formula", "success ~ control + champion",
                                         "--family", "binomial", "--na", "drop", "--format", "json"])
        #expect(dropped.exitCode == 0)
        #expect(try Self.json(dropped.standardOutput)["rows_dropped"] as? Int == 2)
        let unused = try QIProcess.run(["fit", file, "--formula", "success ~ champion + control",
                                        "--family", "binomial", "--na", "fail", "--cluster", "practice"])
        #expect(unused.standardError.contains("row 4, column 'control'"))
        let factors = try QIProcess.run(["factors", file, "--factors", "champion", "--na", "fail"])
        #expect(factors.exitCode == 1)
        #expect(factors.standardError.contains("fit-missing-value.csv, row 5, column 'champion'"))
        let mixed = try QIProcess.run(["fit", file, "--formula", "success ~ champion + (1 | practice)",
                                       "--family", "binomial", "--na", "fail"])
        #expect(mixed.exitCode == 1)
        #expect(mixed.standardError.contains("row 5, column 'champion'"))
        let linearMixed = try QIProcess.run(["fit", file, "--formula", "success ~ champion + (1 | practice)",
                                             "--na", "fail"])
        #expect(linearMixed.exitCode == 1)
        #expect(linearMixed.standardError.contains("row 5, column 'champion'"), "\(linearMixed.standardError)")
    }

    static func inferenceReference(_ group: String, _ name: String) throws -> [String: Any] {
        try referenceCase("inference_cases", group, name)
    }

    /// The case `name` of `group` in notebooks/reference/regression/output/`file`.json.
    static func referenceCase(_ file: String, _ group: String, _ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: regression.appendingPathComponent("output/\(file).json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require((all[group] as! [[String: Any]]).first { $0["name"] as? String == name })
    }

    /// `--compare` adds `likelihood_ratio_test` {statistic, df, p_value} as R's
    /// anova(reduced, full, test = "Chisq") (inference_reference.R): 1e-8 relative in the
    /// statistic (a difference of two log-likelihoods, each 1e-8 or better), 1e-6 in the
    /// p-value (a chi-square tail magnifies relative error by about the statistic / 2).
    @Test(arguments: [("infert_binomial", "binomial", "infert"), ("quine_poisson", "poisson", "quine"),
                      ("quine_gaussian", "gaussian", "quine"),
                      ("quine_negative_binomial", "negative-binomial", "quine")])
    func compareGivesTheLikelihoodRatioTestOfRAnova(name: String, family: String, data: String) throws {
        let reference = try Self.inferenceReference("likelihood_ratio_tests", name)
        let run = try QIProcess.run(["fit", Self.dataFile(data), "--formula", reference["formula"] as! String,
                                     "--family", family, "--compare", reference["reduced_formula"] as! String,
                                     "--format", "json"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let test = try #require(try Self.json(run.standardOutput)["likelihood_ratio_test"] as? [String: Any])
        let expected = (reference["statistic"] as! NSNumber).doubleValue
        let statistic = (test["statistic"] as! NSNumber).doubleValue
        #expect(abs(statistic - expected) <= 1e-8 * expected, "\(statistic) vs \(expected)")
        #expect(test["df"] as? Int == reference["df"] as? Int)
        let p = (test["p_value"] as! NSNumber).doubleValue
        let expectedP = (reference["p_value"] as! NSNumber).doubleValue
        #expect(abs(p - expectedP) <= 1e-6 * expectedP, "\(p) vs \(expectedP)")
        #expect(test["reduced_formula"] as? String == reference["reduced_formula"] as? String)
        let reduced = (test["reduced_log_likelihood"] as! NSNumber).doubleValue
        let expectedReduced = (reference["reduced_log_likelihood"] as! NSNumber).doubleValue
        #expect(abs(reduced - expectedReduced) <= 1e-8 * abs(expectedReduced))
    }

    /// `--ci profile` with maximum likelihood: the exact roots of D_j(b) - D = chi2_1(level)
    /// computed in R with glm.fit and uniroot to 1e-13 (inference_reference.R), 1e-8 relative
    /// to max(|b|, 1) (both sides solve to about 1e-11); MASS's confint.glm (spline
    /// interpolation of a profile grid) within 1e-4, its accuracy. Logit and Poisson (canonical)
    /// and probit at 90%.
    @Test(arguments: [("infert_logit", "infert", "binomial", "logit", "0.95"),
                      ("infert_probit_90", "infert", "binomial", "probit", "0.9"),
                      ("quine_poisson", "quine", "poisson", "log", "0.95")])
    func profileIntervalsForMaximumLikelihoodMatchR(name: String, data: String, family: String,
                                                   link: String, level: String) throws {
        let reference = try Self.inferenceReference("profile_intervals", name)
        let run = try QIProcess.run(["fit", Self.dataFile(data), "--formula", reference["formula"] as! String,
                                     "--family", family, "--link", link, "--ci", "profile",
                                     "--level", level, "--format", "json"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let output = try Self.json(run.standardOutput)
        #expect(output["ci_method"] as? String == "profile_likelihood")
        Self.expectProfileIntervals(output, match: reference, name: name)
    }

    /// The intervals of every coefficient against the reference case: the exact roots at 1e-8
    /// relative to max(|b|, 1), MASS's spline-interpolated confint within 1e-4 (its accuracy).
    static func expectProfileIntervals(_ output: [String: Any], match reference: [String: Any], name: String) {
        let rows = output["coefficients"] as! [[String: Any]]
        let lower = reference["ci_lower"] as! [Double], upper = reference["ci_upper"] as! [Double]
        let massLower = reference["mass_confint_lower"] as! [Double]
        let massUpper = reference["mass_confint_upper"] as! [Double]
        #expect(rows.map { $0["term"] as! String } == reference["terms"] as! [String])
        for (j, row) in rows.enumerated() {
            let low = (row["ci_lower"] as! NSNumber).doubleValue
            let high = (row["ci_upper"] as! NSNumber).doubleValue
            #expect(abs(low - lower[j]) <= 1e-8 * max(abs(lower[j]), 1), "\(name) \(j) lower \(low) vs \(lower[j])")
            #expect(abs(high - upper[j]) <= 1e-8 * max(abs(upper[j]), 1), "\(name) \(j) upper \(high) vs \(upper[j])")
            #expect(abs(low - massLower[j]) <= 1e-4 * max(abs(massLower[j]), 1))
            #expect(abs(high - massUpper[j]) <= 1e-4 * max(abs(massUpper[j]), 1))
        }
    }

    /// `--ci profile` for the gaussian family (identity and log links) and the negative
    /// binomial, as R 4.2.2's confint (MASS 7.3-58.2 profile.glm) defines them: exact roots
    /// from profile_reference.R at 1e-8 relative to max(|b|, 1) (both sides solve to about
    /// 1e-11), MASS's spline-interpolated confint within 1e-4 (its accuracy). The gaussian
    /// convention (normal quantile, narrower than the t interval) is stated as a warning.
    @Test(arguments: ["infert_gaussian", "infert_gaussian_log", "quine_gaussian_90",
                      "quine_negative_binomial", "quine_negative_binomial_interaction_90"])
    func profileIntervalsForGaussianAndNegativeBinomialMatchRConfint(name: String) throws {
        let reference = try Self.referenceCase("profile_cases", "profile_intervals", name)
        let family = reference["family"] as! String
        let data = (reference["data"] as! String).replacingOccurrences(of: ".csv", with: "")
        let run = try QIProcess.run(["fit", Self.dataFile(data), "--formula", reference["formula"] as! String,
                                     "--family", family, "--link", reference["link"] as! String,
                                     "--ci", "profile", "--level", "\(reference["level"] as! Double)",
                                     "--format", "json"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let output = try Self.json(run.standardOutput)
        #expect(output["ci_method"] as? String == "profile_likelihood")
        let warnings = output["warnings"] as! [String]
        if family == "gaussian" {
            #expect(warnings.contains { $0.contains("normal quantile") && $0.contains("--ci wald") })
            #expect(run.standardError.contains("qi: warning: --ci profile for the gaussian family"))
        } else {
            #expect(warnings.isEmpty && run.standardError.isEmpty)
            let theta = (output["theta"] as! NSNumber).doubleValue
            #expect(abs(theta - (reference["theta"] as! Double)) <= 1e-8 * theta)
        }
        Self.expectProfileIntervals(output, match: reference, name: name)
    }

    /// The table names the interval method and its convention beneath the coefficients.
    @Test func profileIntervalTableSaysHowTheIntervalsWereComputed() throws {
        let quine = Self.dataFile("quine")
        let formula = "Days ~ Eth + Sex + Age + Lrn"
        let negativeBinomial = try QIProcess.run(["fit", quine, "--formula", formula, "--family",
                                                  "negative-binomial", "--ci", "profile", "--format", "table"])
        #expect(negativeBinomial.exitCode == 0)
        #expect(negativeBinomial.standardOutput.contains("intervals from the profile likelihood at fixed theta, Wald tests"))
        let gaussian = try QIProcess.run(["fit", quine, "--formula", formula, "--ci", "profile", "--format", "table"])
        #expect(gaussian.exitCode == 0)
        #expect(gaussian.standardOutput.contains(
            "intervals from the profile likelihood (deviance over the dispersion, normal quantile), Wald tests"))
    }

    @Test func profileIntervalsRefuseClusterRobustErrors() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("infert_strata"), "--formula", "case ~ age + parity",
                                     "--family", "binomial", "--cluster", "stratum", "--ci", "profile"])
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("--ci profile does not apply"))
        #expect(run.standardOutput.isEmpty)
    }

    @Test func profileIntervalsRefuseSeparatedData() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("sex2"), "--formula", "case ~ age + oc + vic + vicl + vis + dia",
                                     "--family", "binomial", "--ci", "profile"])
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("separated") && run.standardError.contains("--method firth"))
        #expect(run.standardOutput.isEmpty)
    }

    /// `--margins` adds `average_marginal_effects[]` (the numbers are checked against
    /// statsmodels in Tests/QIRegressionTests/AverageMarginalEffectsTests.swift).
    @Test func marginsAddAverageMarginalEffectsWithoutTheIntercept() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("infert"), "--formula", "case ~ age + parity + induced + spontaneous",
                                     "--family", "binomial", "--margins", "--format", "json"])
        #expect(run.exitCode == 0)
        let effects = try #require(try Self.json(run.standardOutput)["average_marginal_effects"] as? [[String: Any]])
        #expect(effects.map { $0["term"] as! String } == ["age", "parity", "induced", "spontaneous"])
        for effect in effects {
            for key in ["estimate", "std_error", "statistic", "p_value", "ci_lower", "ci_upper"] {
                #expect(effect[key] is NSNumber, "\(key)")
            }
        }
        #expect((try Self.json(run.standardOutput)["average_discrete_changes"] as? [[String: Any]])?.isEmpty == true)
        let table = try QIProcess.run(["fit", Self.dataFile("infert"), "--formula", "case ~ age + spontaneous",
                                       "--family", "binomial", "--margins", "--format", "table"])
        #expect(table.standardOutput.contains("Average marginal effects on the mean"))
        let projects = try QIProcess.run(["fit", QIProcess.dataset("projects.csv"), "--formula", "success ~ champion + control",
                                          "--family", "binomial", "--margins", "--format", "json"])
        let changes = try #require(try Self.json(projects.standardOutput)["average_discrete_changes"] as? [[String: Any]])
        #expect(changes.map { $0["term"] as! String } == ["champion", "control"])
        for change in changes {
            let (zero, one) = ((change["predicted_at_0"] as! NSNumber).doubleValue, (change["predicted_at_1"] as! NSNumber).doubleValue)
            #expect(abs(one - zero - (change["estimate"] as! NSNumber).doubleValue) <= 1e-14)
        }
    }

    /// `--compare` between mixed models with the same random intercept and quadrature, as
    /// lme4's anova(m0, m1) on tightly converged glmer fits: 1e-6 relative in the statistic
    /// (each log-likelihood is 1e-6 or better against lme4, on a statistic of 25), 1e-5 in the
    /// p-value. At K = 9 lme4 drops the same constant from both log-likelihoods.
    @Test(arguments: [("cbpp_glmm_laplace", "1"), ("cbpp_glmm_agq9", "9")])
    func compareTestsFixedEffectsOfMixedModelsAsLme4Anova(name: String, nagq: String) throws {
        let reference = try Self.inferenceReference("likelihood_ratio_tests", name)
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula", reference["formula"] as! String,
                                     "--family", "binomial", "--nagq", nagq,
                                     "--compare", reference["reduced_formula"] as! String, "--format", "json"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let test = try #require(try Self.json(run.standardOutput)["likelihood_ratio_test"] as? [String: Any])
        let expected = (reference["statistic"] as! NSNumber).doubleValue
        #expect(abs((test["statistic"] as! NSNumber).doubleValue - expected) <= 1e-6 * expected)
        #expect(test["df"] as? Int == reference["df"] as? Int)
        let expectedP = (reference["p_value"] as! NSNumber).doubleValue
        #expect(abs((test["p_value"] as! NSNumber).doubleValue - expectedP) <= 1e-5 * expectedP)
        let without = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula", reference["formula"] as! String,
                                         "--family", "binomial", "--compare", "cbind(incidence, size - incidence) ~ 1"])
        #expect(without.exitCode == 2)
        #expect(without.standardError.contains("random-effect terms"))
    }

    /// `--compare` between linear mixed models as lme4's anova(reduced, full) on tightly
    /// converged ML fits (lmm_lrt_reference.R): 1e-6 relative in the statistic (each
    /// log-likelihood agrees with lme4 to 1e-6 or better in LinearMixedModelTests), 1e-5 in the
    /// p-value. The default REML fit is refitted by ML for the test, as anova does, and says so.
    @Test(arguments: ["sleepstudy_slope", "sleepstudy_intercept"])
    func compareTestsFixedEffectsOfLinearMixedModelsAsLme4Anova(name: String) throws {
        let data = try Data(contentsOf: Self.regression.appendingPathComponent("output/lmm_lrt_cases.json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let reference = try #require((all["cases"] as! [[String: Any]]).first { $0["name"] as? String == name })
        for method in ["ml", "reml"] {
            let run = try QIProcess.run(["fit", Self.dataFile("sleepstudy"), "--formula", reference["full"] as! String,
                                         "--method", method, "--compare", reference["reduced"] as! String,
                                         "--format", "json"])
            #expect(run.exitCode == 0, "\(run.standardError)")
            let output = try Self.json(run.standardOutput)
            let test = try #require(output["likelihood_ratio_test"] as? [String: Any])
            let expected = (reference["statistic"] as! NSNumber).doubleValue
            #expect(abs((test["statistic"] as! NSNumber).doubleValue - expected) <= 1e-6 * expected, "\(method)")
            #expect(test["df"] as? Int == reference["df"] as? Int)
            let expectedP = (reference["p_value"] as! NSNumber).doubleValue
            #expect(abs((test["p_value"] as! NSNumber).doubleValue - expectedP) <= 1e-5 * expectedP)
            let warnings = output["warnings"] as? [String] ?? []
            #expect(warnings.contains { $0.contains("refitted by maximum likelihood") } == (method == "reml"))
        }
        let table = try QIProcess.run(["fit", Self.dataFile("sleepstudy"), "--formula", reference["full"] as! String,
                                       "--compare", reference["reduced"] as! String, "--format", "table"])
        #expect(table.standardOutput.contains("Likelihood-ratio test against"))
        let otherTerms = try QIProcess.run(["fit", Self.dataFile("sleepstudy"), "--formula", "Reaction ~ Days + (Days | Subject)",
                                            "--compare", "Reaction ~ Days + (1 | Subject)"])
        #expect(otherTerms.exitCode == 2)
        #expect(otherTerms.standardError.contains("only fixed effects can be tested"))
    }

    /// Options a mixed model does not support are refused with exit 2 and a reason, never
    /// silently ignored.
    @Test func mixedModelsRefuseMarginalEffects() throws {
        let linear = try QIProcess.run(["fit", Self.dataFile("sleepstudy"), "--formula", "Reaction ~ Days + (1 | Subject)",
                                        "--margins"])
        #expect(linear.exitCode == 2)
        #expect(linear.standardError.contains("--margins"))
        #expect(linear.standardOutput.isEmpty)
        let binomial = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula",
                                          "cbind(incidence, size - incidence) ~ period + (1 | herd)",
                                          "--family", "binomial", "--margins"])
        #expect(binomial.exitCode == 2)
        #expect(binomial.standardError.contains("random intercepts and slopes"))
    }

    @Test func compareRefusesModelsThatAreNotNested() throws {
        let infert = Self.dataFile("infert")
        let cases: [(reduced: String, code: Int32, part: String)] = [
            ("case ~ age + education", 2, "education"),
            ("induced ~ age", 2, "the response is induced"),
            ("case ~ age + parity + induced + spontaneous", 2, "needs fewer"),
            ("case ~ age + (1 | parity)", 2, "random effect"),
            ("case ~ age + mentor", 1, "mentor"),
            ("case ~ age +", 2, "--compare"),
        ]
        for (reduced, code, part) in cases {
            let run = try QIProcess.run(["fit", infert, "--formula", "case ~ age + parity + induced + spontaneous",
                                         "--family", "binomial", "--compare", reduced])
            #expect(run.exitCode == code, "\(reduced): \(run.standardError)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains(part), "\(reduced): \(run.standardError)")
        }
        let firth = try QIProcess.run(["fit", infert, "--formula", "case ~ age + parity", "--family", "binomial",
                                       "--method", "firth", "--compare", "case ~ age"])
        #expect(firth.exitCode == 2)
    }

    @Test func methodsNotYetAvailableAreRefusedWithExitTwo() throws {
        for arguments in [["--formula", "incidence ~ period", "--method", "reml", "--family", "poisson"]] {
            let run = try QIProcess.run(["fit", Self.dataFile("cbpp")] + arguments)
            #expect(run.exitCode == 2, "\(arguments)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains("not yet available")
                    || run.standardError.contains("--method reml is for linear mixed models"),
                    "\(arguments)")
        }
    }

    static func mixedReference(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: regression.appendingPathComponent("output/glmm_cases.json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (all["cases"] as! [String: Any])[name] as! [String: Any]
    }

    /// lme4 glmer references from glmm_reference.R, at the issue's 1e-6 for mixed models.
    @Test(arguments: [("laplace", "1"), ("agq9", "9")])
    func binomialRandomInterceptMatchesGlmerInJSON(name: String, nagq: String) throws {
        let reference = try Self.mixedReference(name)
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula",
                                     "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)",
                                     "--family", "binomial", "--nagq", nagq, "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.isEmpty)
        let output = try Self.json(run.standardOutput)
        #expect(output["method"] as? String == "ml")
        #expect(output["nagq"] as? Int == Int(nagq))
        #expect(output["approximation"] as? String == (nagq == "1" ? "laplace" : "adaptive_gauss_hermite"))
        #expect(output["standard_errors"] as? String == "observed_hessian_richardson")
        #expect(output["converged"] as? Bool == true)
        #expect(output["singular"] as? Bool == false)
        func close(_ actual: Any?, _ expected: Any?) -> Bool {
            let (a, e) = ((actual as! NSNumber).doubleValue, (expected as! NSNumber).doubleValue)
            return abs(a - e) <= 1e-6 * abs(e)
        }
        #expect(close(output["log_likelihood"], reference["log_likelihood"]))
        #expect(close(output["aic"], reference["aic"]))
        let effects = try #require(output["random_effects"] as? [[String: Any]])
        #expect(effects.count == 1)
        #expect(effects[0]["group"] as? String == "herd")
        #expect(effects[0]["term"] as? String == "(Intercept)")
        #expect(close(effects[0]["std_dev"], reference["sd"]))
        #expect(close(effects[0]["variance"], reference["variance"]))
        let coefficients = output["coefficients"] as! [[String: Any]]
        #expect(coefficients.map { $0["term"] as! String } == reference["terms"] as! [String])
        for (row, (estimate, error)) in zip(coefficients, zip(reference["coefficients"] as! [NSNumber],
                                                            reference["std_errors"] as! [NSNumber])) {
            #expect(close(row["estimate"], estimate))
            #expect(close(row["std_error"], error))
        }
    }

    @Test func boundaryFitIsReportedAsSingular() throws {
        var csv = "g,x,s,f\n"
        for g in 0..<8 { for x in 0..<4 { csv += "\(g),\(x),\(2 + x),\(8 - x)\n" } }
        let run = try QIProcess.run(["fit", "-", "--formula", "cbind(s, f) ~ x + (1 | g)",
                                     "--family", "binomial", "--format", "json"], input: csv)
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("boundary (singular) fit"))
        let output = try Self.json(run.standardOutput)
        #expect(output["singular"] as? Bool == true)
        let effects = try #require(output["random_effects"] as? [[String: Any]])
        #expect(((effects[0]["std_dev"] as? NSNumber)?.doubleValue ?? 1) < 1e-4)
        #expect(effects[0]["std_dev_std_error"] is NSNull)
    }

    @Test func mixedModelsNotYetAvailableAreRefusedWithExitTwo() throws {
        let counts = "incidence ~ factor(period)"
        for arguments in [["--formula", counts + " + (1 | herd)", "--family", "negative-binomial"],
                          ["--formula", counts + " + (1 | herd)", "--family", "poisson", "--method", "reml"],
                          ["--formula", counts + " + (1 | herd)", "--family", "poisson", "--cluster", "herd"]] {
            let run = try QIProcess.run(["fit", Self.dataFile("cbpp")] + arguments)
            #expect(run.exitCode == 2, "\(arguments)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains("not yet available"), "\(arguments)")
        }
        let noGroups = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--formula", counts,
                                          "--family", "poisson", "--nagq", "5"])
        #expect(noGroups.exitCode == 2)
        #expect(noGroups.standardError.contains("--nagq applies to mixed models"))
    }

    /// glmm_terms_reference.R (lme4 glmer polished on a written-out Laplace function) for a
    /// binomial model with a herd and an observation-level random intercept, at 1e-6.
    @Test func severalRandomInterceptsMatchGlmerInJSON() throws {
        let data = try Data(contentsOf: Self.regression.appendingPathComponent("output/glmm_terms_cases.json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let reference = (all["cases"] as! [String: Any])["cbpp_obs"] as! [String: Any]
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp_obs"), "--formula",
                                     "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd) + (1 | obs)",
                                     "--family", "binomial", "--format", "json"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty)
        let output = try Self.json(run.standardOutput)
        #expect(output["approximation"] as? String == "laplace")
        #expect(output["nagq"] as? Int == 1)
        #expect(output["converged"] as? Bool == true)
        #expect(output["singular"] as? Bool == false)
        #expect((output["boundary"] as? [Any])?.isEmpty == true)
        #expect(output["df_residual"] as? Int == 56 - 4 - 2)
        func close(_ actual: Any?, _ expected: Any?) -> Bool {
            let (a, e) = ((actual as! NSNumber).doubleValue, (expected as! NSNumber).doubleValue)
            return abs(a - e) <= 1e-6 * abs(e)
        }
        #expect(close(output["log_likelihood"], reference["log_likelihood"]))
        #expect(close(output["bic"], reference["bic"]))
        let effects = try #require(output["random_effects"] as? [[String: Any]])
        #expect(effects.map { $0["group"] as? String } == ["obs", "herd"])
        #expect(effects.map { $0["groups"] as? Int } == [56, 15])
        #expect(effects.allSatisfy { $0["term"] as? String == "(Intercept)" })
        let sds = reference["sd"] as! [NSNumber], sdErrors = reference["sd_std_errors"] as! [NSNumber]
        for (t, effect) in effects.enumerated() {
            #expect(close(effect["std_dev"], sds[t]))
            #expect(close(effect["std_dev_std_error"], sdErrors[t]))
        }
        let coefficients = output["coefficients"] as! [[String: Any]]
        for (row, (estimate, error)) in zip(coefficients, zip(reference["coefficients"] as! [NSNumber],
                                                            reference["std_errors"] as! [NSNumber])) {
            #expect(close(row["estimate"], estimate))
            #expect(close(row["std_error"], error))
        }
        let csv = try QIProcess.run(["fit", Self.dataFile("cbpp_obs"), "--formula",
                                     "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd) + (1 | obs)",
                                     "--family", "binomial", "--format", "csv"])
        #expect(csv.exitCode == 0)
        #expect(csv.standardOutput.contains("\nsd_(Intercept)|obs,"))
        #expect(csv.standardOutput.contains("\nsd_(Intercept)|herd,"))
    }

    /// A nested term `(1 | herd/obs)` is two terms, `obs:herd` and `herd`, each reported (the
    /// same fit as `(1 | herd) + (1 | obs)`, obs being unique per row).
    @Test func nestedRandomInterceptsReportEachTerm() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp_obs"), "--formula",
                                     "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd/obs)",
                                     "--family", "binomial", "--format", "table"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Random intercept: obs:herd variance"))
        #expect(run.standardOutput.contains("Random intercept: herd variance"))
    }

    /// lme4's glmer refuses nAGQ > 1 with more than one term; so does qi fit, with exit 2.
    @Test func quadratureWithSeveralTermsIsRefusedWithExitTwo() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp_obs"), "--formula",
                                     "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd) + (1 | obs)",
                                     "--family", "binomial", "--nagq", "5"])
        #expect(run.exitCode == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("--nagq 5"))
        #expect(run.standardError.contains("single random intercept"))
        #expect(run.standardError.contains("herd, obs"))
        let slope = try QIProcess.run(["fit", Self.dataFile("cbpp_obs"), "--formula",
                                       "cbind(incidence, size - incidence) ~ period + (period | herd)",
                                       "--family", "binomial", "--nagq", "9"])
        #expect(slope.exitCode == 2)
        #expect(slope.standardError.contains("random slope"))
    }

    /// A correlated random slope: sd and correlation rows in CSV, the correlation in JSON
    /// (glmm_terms_reference.R's cbpp_slope, at 1e-6).
    @Test func randomSlopeReportsItsCorrelation() throws {
        let data = try Data(contentsOf: Self.regression.appendingPathComponent("output/glmm_terms_cases.json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let reference = (all["cases"] as! [String: Any])["cbpp_slope"] as! [String: Any]
        let formula = "cbind(incidence, size - incidence) ~ period + (period | herd)"
        let run = try QIProcess.run(["fit", Self.dataFile("cbpp_obs"), "--formula", formula,
                                     "--family", "binomial", "--format", "json"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let output = try Self.json(run.standardOutput)
        let effects = try #require(output["random_effects"] as? [[String: Any]])
        #expect(effects.map { $0["term"] as? String } == ["(Intercept)", "period"])
        #expect(effects[0]["correlation"] is NSNull)
        let correlation = ((reference["correlation"] as! [Any])[1] as! NSNumber).doubleValue
        let actual = try #require((effects[1]["correlation"] as? NSNumber)?.doubleValue)
        #expect(abs(actual - correlation) <= 1e-6 * abs(correlation))
        let csv = try QIProcess.run(["fit", Self.dataFile("cbpp_obs"), "--formula", formula,
                                     "--family", "binomial", "--format", "csv"])
        #expect(csv.standardOutput.contains("\nsd_period|herd,"))
        #expect(csv.standardOutput.contains("\ncor_(Intercept).period|herd,"))
    }

    static func linearMixedReference(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: regression.appendingPathComponent("output/lmm_cases.json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (all["cases"] as! [[String: Any]]).first { $0["name"] as? String == name }!
    }

    /// lme4 lmer references from lmm_reference.R (bobyqa, rhoend 1e-12), at the issue's 1e-6
    /// for mixed models; correlations (in [-1, 1]) absolutely, because the criterion is flat
    /// to rounding over 1e-7 of the small off-diagonal θ (see LinearMixedModelTests).
    @Test(arguments: [("sleepstudy_slope_reml", [String]()), ("sleepstudy_slope_ml", ["--method", "ml"]),
                      ("penicillin_crossed_reml", []), ("pastes_nested_reml", [])])
    func linearMixedModelMatchesLmerInJSON(name: String, options: [String]) throws {
        let reference = try Self.linearMixedReference(name)
        let run = try QIProcess.run(["fit", Self.dataFile(reference["data"] as! String), "--formula",
                                     reference["formula"] as! String, "--format", "json"] + options)
        #expect(run.exitCode == 0)
        #expect(run.standardError.isEmpty)
        let output = try Self.json(run.standardOutput)
        #expect(output["family"] as? String == "gaussian")
        #expect(output["method"] as? String == reference["method"] as? String)
        #expect(output["converged"] as? Bool == true)
        #expect(output["singular"] as? Bool == false)
        #expect(output["n"] as? Int == reference["n"] as? Int)
        #expect(output["df_residual"] as? Int == reference["df_residual"] as? Int)
        func close(_ actual: Any?, _ expected: Any?, absolute: Bool = false) -> Bool {
            guard let a = (actual as? NSNumber)?.doubleValue,
                  let e = (expected as? NSNumber)?.doubleValue else { return false }
            return abs(a - e) <= 1e-6 * (absolute ? 1 : abs(e))
        }
        for key in ["log_likelihood", "aic", "bic", "sigma"] {
            #expect(close(output[key], reference[key]), "\(name) \(key)")
        }
        #expect(close(output["deviance"], reference["ml_deviance"]))
        if reference["method"] as? String == "reml" {
            #expect(close(output["reml_criterion"], reference["reml_criterion"]))
        } else {
            #expect(output["reml_criterion"] is NSNull)
        }
        // jsonlite writes a list of one as a scalar.
        func list(_ value: Any?) -> [Any] { value as? [Any] ?? [value!] }
        let coefficients = output["coefficients"] as! [[String: Any]]
        #expect(coefficients.map { $0["term"] as! String } == list(reference["terms"]) as! [String])
        for (row, (estimate, error)) in zip(coefficients, zip(list(reference["coefficients"]),
                                                            list(reference["std_errors"]))) {
            #expect(close(row["estimate"], estimate), "\(name) \(row)")
            #expect(close(row["std_error"], error), "\(name) \(row)")
        }
        let effects = try #require(output["random_effects"] as? [[String: Any]])
        let lme4 = reference["random_effects"] as! [String: Any]
        let groups = lme4["group"] as! [String], first = lme4["var1"] as! [String]
        let second = lme4["var2"] as! [String]
        let variances = lme4["vcov"] as! [NSNumber], sdcor = lme4["sdcor"] as! [NSNumber]
        var rows: [[String: Any]] = []
        for row in groups.indices where second[row].isEmpty {
            rows.append(["group": groups[row], "term": first[row], "variance": variances[row],
                         "std_dev": sdcor[row]])
        }
        for row in groups.indices where !second[row].isEmpty {
            let index = rows.firstIndex { $0["group"] as? String == groups[row]
                && $0["term"] as? String == second[row] }!
            rows[index]["correlation"] = sdcor[row]
        }
        #expect(effects.count == rows.count)
        for (actual, expected) in zip(effects, rows) {
            #expect(actual["group"] as? String == expected["group"] as? String)
            #expect((actual["term"] as? String ?? "") == expected["term"] as? String)
            #expect(close(actual["variance"], expected["variance"]), "\(name) \(actual)")
            #expect(close(actual["std_dev"], expected["std_dev"]), "\(name) \(actual)")
            if let correlation = expected["correlation"] {
                #expect(close(actual["correlation"], correlation, absolute: true), "\(name) \(actual)")
            } else {
                #expect(actual["correlation"] is NSNull)
            }
        }
        #expect(effects.last?["group"] as? String == "Residual")
        #expect(effects.last?["term"] is NSNull)
    }

    @Test func linearMixedBoundaryFitNamesTheComponentAtZero() throws {
        let run = try QIProcess.run(["fit", Self.dataFile("dyestuff2"), "--formula",
                                     "Yield ~ 1 + (1 | Batch)", "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("boundary (singular) fit"))
        #expect(run.standardError.contains("(Intercept) | Batch"))
        let output = try Self.json(run.standardOutput)
        #expect(output["singular"] as? Bool == true)
        let boundary = try #require(output["boundary"] as? [[String: Any]])
        #expect(boundary.count == 1)
        #expect(boundary.first?["group"] as? String == "Batch")
        #expect(boundary.first?["term"] as? String == "(Intercept)")
        #expect((boundary.first?["theta"] as? NSNumber)?.doubleValue == 0)
    }

    @Test func linearMixedModelTableAndCSVFormatsWork() throws {
        let arguments = ["fit", Self.dataFile("sleepstudy"), "--formula",
                         "Reaction ~ Days + (Days | Subject)"]
        let table = try QIProcess.run(arguments + ["--format", "table"])
        #expect(table.exitCode == 0)
        #expect(table.standardOutput.contains("Linear mixed model fit by REML"))
        #expect(table.standardOutput.contains("REML criterion at convergence 1743.63"))
        let csv = try QIProcess.run(arguments + ["--format", "csv"])
        #expect(csv.exitCode == 0)
        let lines = csv.standardOutput.split(separator: "\n").map { String($0) }
        #expect(lines.first == "term,estimate,std_error,statistic,p_value,ci_lower,ci_upper")
        #expect(lines.dropFirst(3).map { $0.split(separator: ",").first.map(String.init) ?? "" }
                == ["sd_(Intercept)|Subject", "sd_Days|Subject", "cor_(Intercept).Days|Subject",
                    "sd_Observation|Residual"])
    }

    @Test func linearMixedModelOptionsThatDoNotApplyAreRefusedWithExitTwo() throws {
        let formula = "Reaction ~ Days + (Days | Subject)"
        for arguments in [["--method", "firth"], ["--nagq", "3"], ["--cluster", "Subject"],
                          ["--link", "log"], ["--ci", "profile"]] {
            let run = try QIProcess.run(["fit", Self.dataFile("sleepstudy"), "--formula", formula]
                                        + arguments)
            #expect(run.exitCode == 2, "\(arguments)")
            #expect(run.standardOutput.isEmpty)
            #expect(!run.standardError.isEmpty)
        }
    }

    @Test func linearMixedModelDropsIncompleteRowsAndSaysSo() throws {
        var csv = "y,x,g\n"
        for row in 0..<24 { csv += "\(row % 7 == 3 ? "NA" : "\(Double(row * 37 % 11) + Double(row % 4))"),\(row % 6),g\(row % 4)\n" }
        let run = try QIProcess.run(["fit", "-", "--formula", "y ~ x + (1 | g)", "--method", "ml",
                                     "--format", "json"], input: csv)
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("3 rows with a missing value"))
        let output = try Self.json(run.standardOutput)
        #expect(output["n"] as? Int == 21)
        #expect(output["rows_dropped"] as? Int == 3)
        #expect(output["method"] as? String == "ml")
    }

    @Test func linearMixedModelWithAsManyGroupsAsRowsIsBadInput() throws {
        var csv = "y,g\n"
        for row in 0..<6 { csv += "\(row * row % 5),\(row)\n" }
        let run = try QIProcess.run(["fit", "-", "--formula", "y ~ 1 + (1 | g)"], input: csv)
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("6 random effects for 6 rows"))
    }

    @Test func mixedModelTableAndCSVFormatsWork() throws {
        let arguments = ["fit", Self.dataFile("cbpp"), "--formula",
                         "incidence ~ factor(period) + (1 | herd)", "--family", "poisson"]
        let table = try QIProcess.run(arguments + ["--format", "table"])
        #expect(table.exitCode == 0)
        #expect(table.standardOutput.contains("Laplace approximation"))
        #expect(table.standardOutput.contains("Random intercept: herd variance"))
        let csv = try QIProcess.run(arguments + ["--format", "csv"])
        #expect(csv.exitCode == 0)
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.first == "term,estimate,std_error,statistic,p_value,ci_lower,ci_upper")
        #expect(lines.count == 6)
        #expect(lines.last?.hasPrefix("sd_(Intercept)|herd,") == true)
    }

    @Test func outputFileIsWrittenAndTableAndCSVFormatsWork() throws {
        let folder = try QIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fit.csv").path
        let run = try QIProcess.run(["fit", Self.dataFile("quine"), "--formula", "Days ~ Eth + Sex",
                                     "--family", "poisson", "--format", "csv", "--output", path])
        #expect(run.exitCode == 0)
        #expect(run.standardOutput.isEmpty)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("term,estimate,std_error,statistic,p_value,ci_lower,ci_upper\n(Intercept),"))
        #expect(written.split(separator: "\n").count == 4)
        let table = try QIProcess.run(["fit", Self.dataFile("quine"), "--formula", "Days ~ Eth + Sex",
                                       "--family", "poisson", "--format", "table"])
        #expect(table.standardOutput.contains("EthN"))
        #expect(table.standardOutput.contains("Fisher information at the estimate"))
    }

    @Test func failedRunLeavesNoOutputFile() throws {
        let folder = try QIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fit.json").path
        let run = try QIProcess.run(["fit", Self.dataFile("quine"), "--formula", "Days ~ Nope",
                                     "--output", path])
        #expect(run.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
