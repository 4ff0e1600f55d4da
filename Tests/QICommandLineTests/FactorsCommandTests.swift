import Foundation
import Testing

/// `qi factors` end to end on the bundled projects data and the separated example
/// (notebooks/reference/regression/make_projects.py): stdout, stderr, exit codes and files
/// written. The numbers themselves are checked against R in
/// Tests/QIRegressionTests/FacilitatorAnalysisTests.swift.
@Suite("qi factors end to end")
struct FactorsCommandTests {
    static let projects = QIProcess.dataset("projects.csv")
    static let separated = QIProcess.packageRoot
        .appendingPathComponent("notebooks/reference/regression/data/projects_separated.csv").path

    @Test func jsonHasOneEntryPerOutcomeWithItsModelsPrimaryFirst() throws {
        let run = try QIProcess.run(["factors", Self.projects, "--outcome",
                                     "success,sustained_12m,improvements",
                                     "--exposure", "months_followed", "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("sustained_12m: the random-intercept SD per practice is estimated at the boundary"))
        let output = try run.json
        #expect(output["practices"] as? Int == 56)
        #expect((output["random_intercept"] as? [String: Any])?["fitted"] as? Bool == true)
        let outcomes = output["outcomes"] as! [[String: Any]]
        #expect(outcomes.map { $0["outcome"] as! String } == ["success", "sustained_12m", "improvements"])
        #expect(outcomes.map { $0["family"] as! String } == ["binomial", "binomial", "poisson"])
        #expect(outcomes.map { $0["method"] as! String } == ["ml", "ml", "ml"])
        #expect(outcomes[2]["separation"] is NSNull)
        #expect((outcomes[0]["separation"] as! [String: Any])["detected"] as? Bool == false)
        for outcome in outcomes {
            let models = outcome["models"] as! [[String: Any]]
            #expect(models.first?["role"] as? String == "primary")
            #expect(models.first?["label"] as? String == "GLMM (AGQ 9)")
            #expect(models.first?["quadrature_points"] as? Int == 9)
            #expect(models.first?["standard_errors"] as? String == "observed_hessian_richardson")
            #expect(models[1]["standard_errors"] as? String == "cluster_robust_CR2")
            let randomIntercept = outcome["random_intercept"] as! [String: Any]
            #expect(randomIntercept["fitted"] as? Bool == true)
            #expect(randomIntercept["quadrature_points"] as? Int == 9)
            #expect(randomIntercept["omitted_because"] is NSNull)
            #expect(models.dropFirst().allSatisfy { $0["role"] as? String == "sensitivity" })
            let ratio = outcome["kind"] as? String == "binary" ? "odds_ratio" : "rate_ratio"
            for model in models {
                for row in model["coefficients"] as! [[String: Any]] {
                    for key in ["term", "estimate", "std_error", "p_value", "ci_lower", "ci_upper",
                                ratio, "\(ratio)_ci_lower", "\(ratio)_ci_upper", "diverges"] {
                        #expect(row.keys.contains(key), "missing \(key)")
                    }
                    let estimate = (row["estimate"] as! NSNumber).doubleValue
                    let odds = (row[ratio] as! NSNumber).doubleValue
                    #expect(abs(odds - exp(estimate)) <= 1e-14 * odds)
                }
            }
        }
        #expect((outcomes[0]["models"] as! [[String: Any]]).map { $0["method"] as! String } == ["ml", "ml", "ml", "firth"])
        #expect((outcomes[2]["models"] as! [[String: Any]]).count == 3)
        #expect((outcomes[1]["random_intercept"] as! [String: Any])["singular"] as? Bool == true)
    }

    @Test func separatedDataSwitchToFirthAndSaySo() throws {
        let run = try QIProcess.run(["factors", Self.separated, "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("separation detected"))
        #expect(run.standardError.contains("Firth"))
        let outcome = (try run.json["outcomes"] as! [[String: Any]])[0]
        #expect(outcome["method"] as? String == "firth")
        let randomIntercept = outcome["random_intercept"] as! [String: Any]
        #expect(randomIntercept["fitted"] as? Bool == false)
        #expect(randomIntercept["omitted_because"] as? String == "separation in champion (+infinity)")
        #expect(run.standardError.contains("WITHOUT the random intercept per practice"))
        let separation = outcome["separation"] as! [String: Any]
        #expect(separation["detected"] as? Bool == true)
        #expect((separation["terms"] as! [[String: Any]]).map { $0["term"] as! String } == ["champion"])
        let models = outcome["models"] as! [[String: Any]]
        #expect(models.map { $0["method"] as! String } == ["firth", "ml", "ml"])
        #expect(models[0]["ci_method"] as? String == "profile_penalized_likelihood")
        let firthChampion = (models[0]["coefficients"] as! [[String: Any]]).first { $0["term"] as? String == "champion" }!
        #expect(firthChampion["odds_ratio"] is NSNumber)
        let mlChampion = (models[1]["coefficients"] as! [[String: Any]]).first { $0["term"] as? String == "champion" }!
        #expect(mlChampion["estimate"] is NSNull)
        #expect(mlChampion["diverges"] as? String == "+infinity")
    }

    @Test func tableSetsOutcomesSideBySideAndNamesTheMethodOfEveryRow() throws {
        let run = try QIProcess.run(["factors", Self.projects, "--outcome", "success,improvements",
                                     "--exposure", "months_followed", "--format", "table"])
        #expect(run.exitCode == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.contains("success") && $0.contains("improvements") })
        #expect(header.range(of: "success")!.lowerBound < header.range(of: "improvements")!.lowerBound)
        #expect(lines.contains { $0.contains("odds ratio") && $0.contains("rate ratio") })
        let champion = try #require(lines.firstIndex { $0.hasPrefix("champion ") })
        #expect(lines[champion].contains("GLMM (AGQ 9)"))
        #expect(lines[champion].contains(" *"))
        #expect(lines[champion + 1].contains("ML + CR2"))
        #expect(lines[champion + 2].contains("ML "))
        #expect(lines[champion + 3].contains("Firth"))
        #expect(run.standardOutput.contains("success: primary GLMM (AGQ 9) (random-intercept SD 0.414)"))
    }

    @Test func separatedTableMarksFirthPrimaryAndInfiniteEstimates() throws {
        let run = try QIProcess.run(["factors", Self.separated, "--format", "table"])
        #expect(run.exitCode == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        let champion = try #require(lines.firstIndex { $0.hasPrefix("champion ") })
        #expect(lines[champion].contains("Inf (separation)"))
        #expect(lines[champion + 2].contains("Firth") && lines[champion + 2].hasSuffix(" *"))
        #expect(run.standardOutput.contains("primary Firth (no random intercept: separation in champion (+infinity))"))
        #expect(run.standardOutput.contains("SEPARATED in champion (+infinity), so Firth's method"))
    }

    @Test func csvNamesTheMethodOnEveryRowAndOutputIsWrittenToAFile() throws {
        let folder = try QIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("factors.csv").path
        let run = try QIProcess.run(["factors", Self.projects, "--format", "csv", "--output", path])
        #expect(run.exitCode == 0)
        #expect(run.standardOutput.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("outcome,family,method,role,standard_errors,ci_method,term,") == true)
        #expect(lines.count == 1 + 4 * 7)
        #expect(lines[1].hasPrefix("success,binomial,ml,primary,observed_hessian_richardson,wald,(Intercept),"))
        #expect(lines[8].hasPrefix("success,binomial,ml,sensitivity,cluster_robust_CR2,wald_t_satterthwaite,(Intercept),"))
    }

    @Test func unknownColumnIsBadInputNamingIt() throws {
        let run = try QIProcess.run(["factors", Self.projects, "--factors", "control,mentor", "--format", "json"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("mentor"))
        #expect(run.standardOutput.isEmpty)
    }

    @Test func outcomeThatIsNotBinaryOrACountIsBadInput() throws {
        let csv = "practice,score,control\na,0.5,1\na,1,0\nb,0,1\nb,1,0\n"
        let run = try QIProcess.run(["factors", "-", "--outcome", "score", "--factors", "control"], input: csv)
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("row 1"))
        #expect(run.standardError.contains("0/1"))
        #expect(run.standardOutput.isEmpty)
    }

    @Test func badOptionsAreUsageErrors() throws {
        for arguments in [["--level", "1.5"], ["--outcome", "success,success"],
                          ["--outcome", "control"], ["--factors", "control,,small"],
                          ["--nagq", "0"], ["--nagq", "51"]] {
            let run = try QIProcess.run(["factors", Self.projects] + arguments)
            #expect(run.exitCode == 2, "\(arguments)")
            #expect(run.standardOutput.isEmpty)
        }
    }
}
