import Foundation
import Testing

/// `qi simulate --success-model FIT.json` end to end, with real `qi factors` and `qi fit`
/// output for the bundled datasets/projects.csv.
extension SimulateCommandTests {
    static let projects = QIProcess.dataset("projects.csv")

    struct MappedTerm: Decodable {
        let term: String
        let parameter: String
        let estimate: Double
        let factor: Double
        let transform: String
        let value: Double
    }

    struct Record: Decodable {
        let source: String
        let command: String
        let scale: String
        let terms: [MappedTerm]
        let kept: [String]
    }

    /// meta.success_model, decoded exactly (JSONDecoder reads shortest round-trip numbers back).
    func successModel(_ data: Data) throws -> Record {
        struct File: Decodable { let meta: Meta }
        struct Meta: Decodable { let success_model: Record }
        return try JSONDecoder().decode(File.self, from: data).meta.success_model
    }

    func factorsFit(in folder: URL) throws {
        let outcome = try QIProcess.run(["factors", Self.projects, "--format", "json", "--output", "factors.json"], in: folder)
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
    }

    @Test func aFactorsFitSetsTheSuccessModelAndTheMappingIsInMeta() throws {
        let folder = try QIProcess.temporaryFolder()
        try factorsFit(in: folder)
        #expect(try simulate(["--output", "plain.json"], in: folder).exitCode == 0)
        let outcome = try simulate(["--success-model", "factors.json", "--output", "fitted.json"], in: folder)
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let record = try successModel(contents(folder, "fitted.json"))
        #expect(record.source == "factors.json")
        #expect(record.command == "qi factors")
        #expect(record.scale == "population_averaged")
        #expect(record.terms.map(\.term) == ["(Intercept)", "control", "payment", "champion", "coach_relationship", "small", "cross_org"])
        #expect(record.terms.map(\.parameter) == ["success.intercept", "success.control", "success.payment", "success.champion",
                                                  "success.relationship", "success.small", "success.cross_org"])
        #expect(record.kept == ["success.coach_dose", "success.clinical", "success.sd_practice", "success.sd_ccg"])
        // The estimates are the primary model's, exactly; the factor is sqrt(1 + 0.346 x 0.5^2)
        // (times sqrt(pi / 8) for the 0/1 relationship).
        struct Factors: Decodable {
            struct Outcome: Decodable { let models: [Model] }
            struct Model: Decodable { let coefficients: [Coefficient] }
            struct Coefficient: Decodable { let term: String; let estimate: Double }
            let outcomes: [Outcome]
        }
        let fit = try JSONDecoder().decode(Factors.self, from: contents(folder, "factors.json"))
        #expect(record.terms.map(\.estimate) == fit.outcomes[0].models[0].coefficients.map(\.estimate))
        let scale = (1 + 0.346 * 0.25).squareRoot()
        for term in record.terms {
            let expected = term.term == "coach_relationship" ? scale * (Double.pi / 8).squareRoot() : scale
            #expect(abs(term.factor - expected) < 1e-4, "\(term.term)")
            #expect(abs(term.value - term.estimate * term.factor) < 1e-12, "\(term.term)")
        }
        let hashes = { (name: String) throws -> [String: String] in
            let root = try #require(JSONSerialization.jsonObject(with: self.contents(folder, name)) as? [String: Any])
            return try #require((root["meta"] as? [String: Any])?["parameter_hash"] as? [String: String])
        }
        let plain = try hashes("plain.json"), fitted = try hashes("fitted.json")
        for (id, hash) in plain { #expect(fitted[id] != hash, "\(id)") }
        let table = try simulate(["--success-model", "factors.json", "--format", "table"], in: folder)
        #expect(table.standardOutput.contains("success model from factors.json (qi factors, outcome success, population averaged fit): (Intercept) -> success.intercept "),
                "\(table.standardOutput)")
    }

    @Test func aMappedFitGivesTheReplicatesOfTheSameValuesWrittenInTheFile() throws {
        let folder = try QIProcess.temporaryFolder()
        try factorsFit(in: folder)
        let outcome = try simulate(["--success-model", "factors.json", "--output", "fitted.json", "--replicates-csv", "fitted.csv"],
                                   in: folder)
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let record = try successModel(contents(folder, "fitted.json"))
        var text = try String(contentsOfFile: Self.scenarios, encoding: .utf8)
        let written = ["success.intercept": "    intercept: -0.6\n", "success.control": "    control: 0.59 ",
                       "success.payment": "    payment: 0.41 ", "success.champion": "    champion: 0.69 ",
                       "success.relationship": "    relationship: 0.34 ", "success.small": "    small: 0.69 ",
                       "success.cross_org": "    cross_org: -0.69 "]
        for term in record.terms {
            let line = try #require(written[term.parameter])
            #expect(text.components(separatedBy: line).count == 2, "\(line)")
            text = text.replacingOccurrences(of: line, with: line.prefix { $0 != ":" } + ": \(term.value)" + String(line.last!))
        }
        try text.write(to: folder.appendingPathComponent("written.yaml"), atomically: true, encoding: .utf8)
        let run = try QIProcess.run(["simulate", "written.yaml"] + Self.small + ["--output", "written.json", "--replicates-csv", "written.csv"],
                                    in: folder)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(try contents(folder, "written.csv") == contents(folder, "fitted.csv"))
    }

    @Test func aMixedModelFitSetsThePracticeSDAndShardsStillMergeToTheSingleRun() throws {
        let folder = try QIProcess.temporaryFolder()
        let fit = try QIProcess.run(["fit", Self.projects, "--formula",
                                     "success ~ control + payment + champion + coach_relationship + small + cross_org + (1 | practice)",
                                     "--family", "binomial", "--format", "json", "--output", "glmm.json"], in: folder)
        #expect(fit.exitCode == 0, "\(fit.standardError)")
        #expect(try simulate(["--success-model", "glmm.json", "--output", "single.json"], in: folder).exitCode == 0)
        let record = try successModel(contents(folder, "single.json"))
        #expect(record.command == "qi fit")
        #expect(record.scale == "conditional")
        #expect(record.terms.last?.term == "(Intercept) | practice")
        #expect(record.terms.last?.parameter == "success.sd_practice")
        #expect(record.terms.filter { $0.term != "coach_relationship" }.allSatisfy { $0.factor == 1 && $0.value == $0.estimate })
        for index in 0..<2 {
            let shard = try simulate(["--success-model", "glmm.json", "--shard", "\(index)/2", "--output", "s\(index).json"], in: folder)
            #expect(shard.exitCode == 0, "\(shard.standardError)")
        }
        #expect(try QIProcess.run(["simulate", "merge", "s1.json", "s0.json", "--output", "merged.json"], in: folder).exitCode == 0)
        #expect(try contents(folder, "merged.json") == contents(folder, "single.json"))
        #expect(try simulate(["--shard", "0/2", "--output", "plain0.json"], in: folder).exitCode == 0)
        let mixed = try QIProcess.run(["simulate", "merge", "plain0.json", "s1.json", "--output", "m.json"], in: folder)
        #expect(mixed.exitCode == 1)
        #expect(mixed.standardError.contains("s1.json"))
    }

    @Test func fitsThatDoNotMapAreBadInputNamingTheTermAndWriteNothing() throws {
        let folder = try QIProcess.temporaryFolder()
        let cases: [(formula: String, family: String, message: String)] = [
            ("success ~ control + months_followed", "binomial", "term 'months_followed' has no counterpart"),
            ("improvements ~ control", "poisson", "family poisson, link log"),
            ("success ~ control - 1", "binomial", "no (Intercept)"),
        ]
        for (index, item) in cases.enumerated() {
            let fit = try QIProcess.run(["fit", Self.projects, "--formula", item.formula, "--family", item.family,
                                         "--format", "json", "--output", "fit\(index).json"], in: folder)
            #expect(fit.exitCode == 0, "\(fit.standardError)")
            let outcome = try simulate(["--success-model", "fit\(index).json", "--output", "r.json", "--replicates-csv", "r.csv"], in: folder)
            #expect(outcome.exitCode == 1, "\(item.formula)")
            #expect(outcome.standardError.contains("fit\(index).json"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains(item.message), "\(outcome.standardError)")
        }
        let missing = try simulate(["--success-model", "none.json", "--output", "r.json"], in: folder)
        #expect(missing.exitCode == 1)
        #expect(missing.standardError.contains("none.json"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.json").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.csv").path))
    }
}
