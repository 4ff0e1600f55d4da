import Foundation
import Testing

/// `qi spc` end to end: the JSON contract, formats, standard input, batches and files.
struct SPCCommandTests {
    static let semmelweis = ["spc", QIProcess.dataset("semmelweis_monthly.csv"), "--chart", "p", "--y", "deaths",
                             "--n", "births", "--x", "date", "--part-at", "1847-06-01"]

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test func jsonHasEveryContractKeyWithNullForWhatDoesNotExist() throws {
        let outcome = try QIProcess.run(Self.semmelweis + ["--format", "json"])
        #expect(outcome.exitCode == 0)
        let json = try Self.json(outcome.standardOutput)
        #expect(json["chart"] as? String == "p")
        #expect(json["rules"] as? String == "anhoej")
        let series = try #require((json["series"] as? [[String: Any]])?.first)
        #expect((series["key"] as? [String: Any])?.isEmpty == true)
        let points = try #require(series["points"] as? [[String: Any]])
        #expect(points.count == 98)
        let pointKeys: Set = ["index", "x", "y", "n", "part", "baseline", "excluded", "cl", "lcl", "ucl",
                              "lcl_95", "ucl_95", "sigma_signal", "signals"]
        #expect(pointKeys.isSubset(of: Set(points[0].keys)))
        #expect(points[0]["x"] as? String == "1841-01-01")
        // June 1847 starts part 2 (1841-12 has no row, so it is subgroup 77).
        #expect(points[76]["x"] as? String == "1847-06-01")
        #expect(points[76]["part"] as? Int == 2)
        let parts = try #require(series["parts"] as? [[String: Any]])
        let partKeys: Set = ["part", "n_obs", "n_useful", "longest_run", "longest_run_max", "n_crossings",
                             "n_crossings_min", "runs_signal", "cl"]
        #expect(parts.count == 2)
        #expect(partKeys.isSubset(of: Set(parts[0].keys)))
        // After hand-washing some lower limits are clamped at 0 rather than negative.
        #expect(points.allSatisfy { ($0["lcl"] as? Double ?? 0) >= 0 })
        // A run chart has no limits: null, not 0 or a missing key.
        let run = try QIProcess.run(["spc", QIProcess.dataset("semmelweis_monthly.csv"), "--chart", "run", "--y", "deaths", "--format", "json"])
        let runPoint = try #require(((Self.json(run.standardOutput)["series"] as? [[String: Any]])?.first?["points"] as? [[String: Any]])?.first)
        #expect(runPoint["ucl"] is NSNull)
        #expect(runPoint["lcl"] is NSNull)
    }

    @Test func ihiRunChartReportsTheRunsCountWithItsLimits() throws {
        let outcome = try QIProcess.run(["spc", QIProcess.dataset("semmelweis_monthly.csv"), "--chart", "run",
                                         "--y", "deaths", "--x", "date", "--part-at", "1847-06-01", "--rules", "ihi"])
        #expect(outcome.exitCode == 0)
        let series = try #require((Self.json(outcome.standardOutput)["series"] as? [[String: Any]])?.first)
        let parts = try #require(series["parts"] as? [[String: Any]])
        for part in parts {
            let useful = try #require(part["n_useful"] as? Int)
            let runs = try #require(part["n_runs"] as? Int)
            #expect(runs == (part["n_crossings"] as? Int).map { $0 + 1 })
            let limits = try #require(RunsCountLimitsReference.limits[useful])
            #expect(part["n_runs_min"] as? Int == limits.lower)
            #expect(part["n_runs_max"] as? Int == limits.upper)
            #expect(part["runs_signal"] as? Bool == (runs < limits.lower || runs > limits.upper))
        }
        // Other rule sets do not report it.
        let anhoej = try QIProcess.run(["spc", QIProcess.dataset("semmelweis_monthly.csv"), "--chart", "run", "--y", "deaths"])
        let part = try #require(((Self.json(anhoej.standardOutput)["series"] as? [[String: Any]])?.first?["parts"] as? [[String: Any]])?.first)
        #expect(part["n_runs"] == nil)
    }

    @Test func standardInputIsReadFromDash() throws {
        let text = try String(contentsOfFile: QIProcess.dataset("semmelweis_monthly.csv"), encoding: .utf8)
        let fromFile = try QIProcess.run(Self.semmelweis + ["--format", "csv"])
        var arguments = Self.semmelweis
        arguments[1] = "-"
        let fromInput = try QIProcess.run(arguments + ["--format", "csv"], input: text)
        #expect(fromInput.exitCode == 0)
        #expect(fromInput.standardOutput == fromFile.standardOutput)
    }

    /// Standard input is read 64 KB straight into place and the rest in chunks: a 400 KB
    /// input must come through whole, and the output (written in gathered pieces) match the
    /// file's.
    @Test func largeStandardInputMatchesTheFile() throws {
        let path = QIProcess.dataset("ae_attendances.csv")
        let arguments = ["--chart", "p", "--y", "breaches", "--n", "attendances", "--x", "period",
                         "--by", "org_code,type", "--rules", "mdc", "--format", "json"]
        let fromFile = try QIProcess.run(["spc", path] + arguments)
        let fromInput = try QIProcess.run(["spc", "-"] + arguments,
                                          input: try String(contentsOfFile: path, encoding: .utf8))
        #expect(fromInput.exitCode == 0)
        #expect(fromFile.standardOutput.utf8.count > 3_000_000)
        #expect(fromInput.standardOutput == fromFile.standardOutput.replacingOccurrences(of: "\"source\":\"\(path)\"", with: "\"source\":\"<stdin>\""))
    }

    @Test func outputFileMatchesStandardOutputAndIsComplete() throws {
        let folder = try QIProcess.temporaryFolder()
        let target = folder.appendingPathComponent("semmelweis.json")
        let written = try QIProcess.run(Self.semmelweis + ["--format", "json", "--output", target.path])
        #expect(written.exitCode == 0)
        #expect(written.standardOutput.isEmpty)
        let printed = try QIProcess.run(Self.semmelweis + ["--format", "json"])
        #expect(try String(contentsOf: target, encoding: .utf8) == printed.standardOutput)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["semmelweis.json"])
    }

    @Test func batchKeepsSeriesInOrderOfFirstAppearanceWhateverTheThreadCount() throws {
        let arguments = ["spc", QIProcess.dataset("ae_attendances.csv"), "--chart", "p", "--y", "breaches",
                         "--n", "attendances", "--x", "period", "--by", "org_code,type", "--rules", "mdc",
                         "--improvement", "decrease", "--target", "0.05", "--format", "json"]
        let one = try QIProcess.run(arguments + ["--threads", "1"])
        let two = try QIProcess.run(arguments + ["--threads", "2"])
        #expect(one.exitCode == 0, "\(one.standardError)")
        #expect(one.standardOutput == two.standardOutput)
        let series = try #require(Self.json(one.standardOutput)["series"] as? [[String: Any]])
        #expect(series.count == 428)
        #expect((series[0]["key"] as? [String: String]) == ["org_code": "8J094", "type": "other"])
        #expect(series.allSatisfy { $0["variation"] != nil && $0["assurance"] != nil })
    }

    @Test func quotedKeysAndTextXAreKept() throws {
        let outcome = try QIProcess.run(["spc", QIProcess.corpusFile("quoted.csv"), "--chart", "i", "--y", "value",
                                         "--x", "month, start", "--by", "practice", "--format", "json"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let series = try #require(Self.json(outcome.standardOutput)["series"] as? [[String: Any]])
        #expect(series.map { ($0["key"] as? [String: String])?["practice"] } == ["Smith, J", "Lee \"A\""])
    }

    @Test func tableIsTheFormatForPeopleAndCSVHasOneRowPerPoint() throws {
        let table = try QIProcess.run(Self.semmelweis + ["--format", "table"])
        #expect(table.standardOutput.contains("p chart, anhoej rules"))
        #expect(table.standardOutput.contains("RUNS SIGNAL"))
        let csv = try QIProcess.run(Self.semmelweis + ["--format", "csv"])
        let lines = csv.standardOutput.split(separator: "\n")
        #expect(lines.count == 99)
        #expect(lines[0].hasPrefix("index,x,y,n,part,baseline,excluded,cl,lcl,ucl"))
    }

    @Test func helpAndVersionSucceed() throws {
        let help = try QIProcess.run(["--help"])
        #expect(help.exitCode == 0)
        #expect(help.standardOutput.contains("spc"))
        let version = try QIProcess.run(["--version"])
        #expect(version.exitCode == 0)
        #expect(!version.standardOutput.isEmpty)
    }
}
