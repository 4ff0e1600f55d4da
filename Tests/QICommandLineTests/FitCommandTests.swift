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
        let data = try Data(contentsOf: regression.appendingPathComponent("output/glm_cases.json"))
        let all = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (all["cases"] as! [[String: Any]]).first { $0["name"] as! String == name }!
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

    @Test func separatedDataFailWithTheEvidence() throws {
        let run = try QIProcess.run(["fit", "-", "--formula", "y ~ x", "--family", "binomial"],
                                    input: "y,x\n0,1\n0,2\n0,3\n1,4\n1,5\n1,6\n")
        #expect(run.exitCode == 3)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("did not converge"))
        #expect(run.standardError.contains("separation"))
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

    @Test func methodsNotYetAvailableAreRefusedWithExitTwo() throws {
        for arguments in [["--formula", "incidence ~ period + (1 | herd)"],
                          ["--formula", "incidence ~ period", "--method", "firth"],
                          ["--formula", "incidence ~ period", "--cluster", "herd"],
                          ["--formula", "incidence ~ period", "--ci", "profile"]] {
            let run = try QIProcess.run(["fit", Self.dataFile("cbpp"), "--family", "poisson"] + arguments)
            #expect(run.exitCode == 2, "\(arguments)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains("not yet available"), "\(arguments)")
        }
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
