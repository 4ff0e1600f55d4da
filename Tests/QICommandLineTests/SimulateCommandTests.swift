import Foundation
import Testing

/// `qi simulate`, `qi simulate merge` and `qi calibrate bass` end to end on the built binary:
/// byte identity of shards and threads, every documented error (exit code, message, nothing
/// written). Small runs (a few replicates of a small CCG) keep CI time low.
@Suite("qi simulate end to end")
struct SimulateCommandTests {
    static let scenarios = QIProcess.dataset("scenarios.yaml")
    static let small = ["--replicates", "12", "--practices", "20", "--months", "30", "--only", "no_coach,coach6,coach6_three_coaches",
                        "--no-progress"]

    func simulate(_ extra: [String], in folder: URL) throws -> QIProcess.Outcome {
        try QIProcess.run(["simulate", Self.scenarios] + Self.small + extra, in: folder)
    }

    func contents(_ folder: URL, _ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    @Test func mergedShardsAreByteIdenticalToASingleRun() throws {
        let folder = try QIProcess.temporaryFolder()
        #expect(try simulate(["--output", "single.json"], in: folder).exitCode == 0)
        for index in 0..<3 {
            let outcome = try simulate(["--shard", "\(index)/3", "--output", "shard\(index).json"], in: folder)
            #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        }
        let merge = try QIProcess.run(["simulate", "merge", "shard2.json", "shard0.json", "shard1.json", "--output", "merged.json"],
                                      in: folder)
        #expect(merge.exitCode == 0, "\(merge.standardError)")
        #expect(try contents(folder, "merged.json") == contents(folder, "single.json"))
    }

    @Test func threadCountDoesNotChangeAByte() throws {
        let folder = try QIProcess.temporaryFolder()
        #expect(try simulate(["--threads", "1", "--output", "one.json", "--replicates-csv", "one.csv"], in: folder).exitCode == 0)
        #expect(try simulate(["--threads", "3", "--output", "three.json", "--replicates-csv", "three.csv"], in: folder).exitCode == 0)
        #expect(try contents(folder, "one.json") == contents(folder, "three.json"))
        #expect(try contents(folder, "one.csv") == contents(folder, "three.csv"))
    }

    @Test func resultCarriesTheContractKeys() throws {
        let folder = try QIProcess.temporaryFolder()
        let outcome = try simulate(["--format", "json"], in: folder)
        #expect(outcome.exitCode == 0)
        let root = try #require(JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let meta = try #require(root["meta"] as? [String: Any])
        #expect(meta["rng"] as? String == "philox4x32-10/layout-v1")
        #expect(meta["seed"] as? Int == 20_200_623)
        #expect((meta["parameter_hash"] as? [String: String])?.count == 3)
        let scenarios = try #require(root["scenarios"] as? [String: Any])
        let coach6 = try #require(scenarios["coach6"] as? [String: Any])
        for key in ["adopted_share", "success_per_started", "dropout_per_started", "sustained_after_success_12",
                    "sustained_after_success_24", "sustained_after_support_12", "sustained_after_support_24", "contrasts"] {
            #expect(coach6[key] != nil, "missing \(key)")
        }
        #expect((coach6["adopted_share"] as? [Any])?.count == 30)
        #expect((scenarios["no_coach"] as? [String: Any])?["contrasts"] is NSNull)
    }

    @Test func replicatesCSVHasOneRowPerScenarioAndReplicateAndShardsConcatenate() throws {
        let folder = try QIProcess.temporaryFolder()
        #expect(try simulate(["--output", "r.json", "--replicates-csv", "all.csv"], in: folder).exitCode == 0)
        var pieces: [String] = []
        for index in 0..<2 {
            #expect(try simulate(["--shard", "\(index)/2", "--output", "s\(index).json", "--replicates-csv", "s\(index).csv"],
                                 in: folder).exitCode == 0)
            let lines = String(decoding: try contents(folder, "s\(index).csv"), as: UTF8.self).split(separator: "\n")
            pieces += (index == 0 ? lines : Array(lines.dropFirst())).map(String.init)
        }
        let all = String(decoding: try contents(folder, "all.csv"), as: UTF8.self)
        let lines = all.split(separator: "\n")
        #expect(lines.count == 1 + 12 * 3)
        #expect(lines[0].hasPrefix("scenario,replicate,started,success,failed,dropped,sustained_after_support_12,eligible_after_support_12,"))
        #expect(lines[1].hasPrefix("no_coach,0,"))
        #expect(pieces.joined(separator: "\n") + "\n" == all)
    }

    @Test func svgWritesTheSustainedSharesAndOneFanChartPerScenario() throws {
        let folder = try QIProcess.temporaryFolder()
        let outcome = try simulate(["--svg", "charts", "--output", "r.json"], in: folder)
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("charts").path).sorted()
        #expect(files == ["adoption-1-no_coach.svg", "adoption-2-coach6.svg", "adoption-3-coach6_three_coaches.svg",
                          "sustained-shares.svg"])
        for file in files {
            let svg = try String(contentsOf: folder.appendingPathComponent("charts/" + file), encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qi-chart "), "\(file)")
            #expect(svg.contains("Effect sizes are assumptions"), "\(file) must say the effect sizes are assumptions")
            #expect(svg.contains("12 simulated CCGs of 20 practices, seed 20200623"), "\(file)")
        }
        let sustained = try String(contentsOf: folder.appendingPathComponent("charts/sustained-shares.svg"), encoding: .utf8)
        #expect(sustained.contains(">Sustained after success</text>") && sustained.contains(">Sustained after support</text>"))
        // One marker per share RESULT.json reports; a null share (too short a run for 24 months) has none.
        let root = try #require(JSONSerialization.jsonObject(with: contents(folder, "r.json")) as? [String: Any])
        let coach6 = try #require((root["scenarios"] as? [String: Any])?["coach6"] as? [String: Any])
        let reported = coach6.filter { $0.key.hasPrefix("sustained_") }.compactMap { ($0.value as? [String: Any])?["pooled"] as? Double }
        #expect(!reported.isEmpty)
        #expect(sustained.components(separatedBy: "<title>coach6, sustained ").count - 1 == reported.count)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.json").path))
    }

    @Test func mergeWritesTheChartsASingleRunWrites() throws {
        let folder = try QIProcess.temporaryFolder()
        #expect(try simulate(["--svg", "single", "--output", "single.json"], in: folder).exitCode == 0)
        for index in 0..<2 {
            #expect(try simulate(["--shard", "\(index)/2", "--output", "s\(index).json"], in: folder).exitCode == 0)
        }
        let merge = try QIProcess.run(["simulate", "merge", "s0.json", "s1.json", "--svg", "merged", "--output", "m.json"], in: folder)
        #expect(merge.exitCode == 0, "\(merge.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("single").path).sorted()
        #expect(files.count == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("merged").path).sorted() == files)
        for file in files {
            #expect(try contents(folder, "merged/" + file) == contents(folder, "single/" + file), "\(file)")
        }
        let bad = try QIProcess.run(["simulate", "merge", "s0.json", "s1.json", "--svg", "missing/charts", "--output", "n.json"], in: folder)
        #expect(bad.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("n.json").path))
    }

    @Test func svgIntoAFolderThatCannotBeCreatedIsBadUsageAndWritesNothing() throws {
        let folder = try QIProcess.temporaryFolder()
        let outcome = try simulate(["--svg", "missing/charts", "--output", "r.json"], in: folder)
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("missing/charts"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func unknownScenarioInOnlyIsBadUsageAndWritesNothing() throws {
        let folder = try QIProcess.temporaryFolder()
        let outcome = try QIProcess.run(["simulate", Self.scenarios, "--only", "coach7", "--output", "r.json", "--no-progress"],
                                        in: folder)
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("coach7"))
        #expect(outcome.standardOutput.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func shardOutOfRangeIsBadUsage() throws {
        let outcome = try QIProcess.run(["simulate", Self.scenarios, "--shard", "3/3"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("3/3"))
    }

    @Test func fewerThanTwoReplicatesIsBadUsage() throws {
        let outcome = try QIProcess.run(["simulate", Self.scenarios, "--replicates", "1"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("at least 2"))
    }

    @Test func invalidYAMLIsBadInputWithLineAndColumn() throws {
        let folder = try QIProcess.temporaryFolder()
        let path = folder.appendingPathComponent("bad.yaml")
        try "version: 1\nrun: {seed: 1, replicates: 4\nbase: {}\n".write(to: path, atomically: true, encoding: .utf8)
        let outcome = try QIProcess.run(["simulate", path.path, "--output", "r.json"], in: folder)
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardError.contains("bad.yaml, line"))
        #expect(outcome.standardError.contains("column"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.json").path))
    }

    @Test func invalidValueNamesTheKeyPath() throws {
        let folder = try QIProcess.temporaryFolder()
        let text = try String(contentsOfFile: Self.scenarios, encoding: .utf8)
            .replacingOccurrences(of: "coach: {months: 12}", with: "coach: {months: -12}")
        let path = folder.appendingPathComponent("s.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let outcome = try QIProcess.run(["simulate", path.path], in: folder)
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardError.contains("scenarios[2].coach.months"))
    }

    @Test func unreadableScenarioFileIsBadInput() throws {
        let outcome = try QIProcess.run(["simulate", "/nonexistent/s.yaml"])
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardError.contains("/nonexistent/s.yaml"))
    }

    @Test func mergeRefusesDifferentSeedsGapsAndOverlapsNamingTheFile() throws {
        let folder = try QIProcess.temporaryFolder()
        #expect(try simulate(["--shard", "0/3", "--output", "a.json"], in: folder).exitCode == 0)
        #expect(try simulate(["--shard", "1/3", "--output", "b.json"], in: folder).exitCode == 0)
        #expect(try simulate(["--shard", "2/3", "--output", "c.json"], in: folder).exitCode == 0)
        #expect(try simulate(["--shard", "1/3", "--seed", "5", "--output", "b5.json"], in: folder).exitCode == 0)
        let seeds = try QIProcess.run(["simulate", "merge", "a.json", "b5.json", "c.json", "--output", "m.json"], in: folder)
        #expect(seeds.exitCode == 1)
        #expect(seeds.standardError.contains("b5.json") && seeds.standardError.contains("seed"))
        let gap = try QIProcess.run(["simulate", "merge", "a.json", "c.json", "--output", "m.json"], in: folder)
        #expect(gap.exitCode == 1)
        #expect(gap.standardError.contains("c.json") && gap.standardError.contains("in no file"))
        let overlap = try QIProcess.run(["simulate", "merge", "a.json", "b.json", "b.json", "c.json", "--output", "m.json"], in: folder)
        #expect(overlap.exitCode == 1)
        #expect(overlap.standardError.contains("also in"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.json").path))
    }

    @Test func calibrateBassRecoversAnExactCurve() throws {
        let folder = try QIProcess.temporaryFolder()
        var csv = "month,adopted\n"
        for t in 1...48 {
            let p = 0.01, q = 0.05, decay = exp(-(p + q) * Double(t))
            csv += "\(t),\(500 * (1 - decay) / (1 + (q / p) * decay))\n"
        }
        try csv.write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let outcome = try QIProcess.run(["calibrate", "bass", "a.csv", "--time", "month", "--adopted", "adopted",
                                         "--population", "500", "--format", "json"], in: folder)
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let root = try #require(JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let p = try #require((root["p"] as? [String: Any])?["estimate"] as? Double)
        let q = try #require((root["q"] as? [String: Any])?["estimate"] as? Double)
        #expect(abs(p - 0.01) < 1e-6 && abs(q - 0.05) < 1e-6)
        #expect(root["m"] is NSNull)
    }

    @Test func calibrateBassNamesAMissingColumn() throws {
        let folder = try QIProcess.temporaryFolder()
        try "month,adopted\n1,2\n2,4\n3,7\n".write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let outcome = try QIProcess.run(["calibrate", "bass", "a.csv", "--time", "t", "--adopted", "adopted"], in: folder)
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardError.contains("'t'") || outcome.standardError.contains("t"))
    }
}
