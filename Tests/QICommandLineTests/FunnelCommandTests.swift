import Foundation
import Testing

/// `qi funnel` end to end: the built `qi` binary run on files written here, checking stdout,
/// stderr, exit codes and files written. Numbers are checked against the FunnelPlotR / R
/// reference in notebooks/reference/funnel/output (see its README).
@Suite("qi funnel end to end")
struct FunnelCommandTests {
    static let referenceFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("notebooks/reference/funnel/output")

    static func run(_ arguments: [String]) throws -> QIProcess.Outcome { try QIProcess.run(arguments) }

    /// A fresh folder holding `csv` as data.csv.
    static func dataFile(_ csv: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qi-funnel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("data.csv")
        try Data(csv.utf8).write(to: file)
        return file
    }

    static let small = "practice,events,list\nA,4,40\nB,30,200\nC,12,90\n"

    static func close(_ actual: Any?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
        guard let actual = (actual as? NSNumber)?.doubleValue else { return false }
        return abs(actual - expected) <= tolerance * max(1, abs(expected))
    }

    @Test func binaryIsBuiltBesideTheTests() {
        #expect(FileManager.default.isExecutableFile(atPath: QIProcess.executable.path), "no qi at \(QIProcess.executable.path)")
    }

    @Test func svgDrawsTheFunnelAndIsRemovedWhenTheRunFails() throws {
        let file = try Self.dataFile(Self.small)
        let folder = file.deletingLastPathComponent()
        let drawing = folder.appendingPathComponent("funnel.svg")
        let run = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "events", "--n", "list",
                                "--svg", drawing.path, "--format", "json"])
        #expect(run.exitCode == 0, "\(run.standardError)")
        let svg = try String(contentsOf: drawing, encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("99.8%"))
        try FileManager.default.removeItem(at: drawing)
        let failed = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "events", "--n", "list",
                                   "--svg", drawing.path, "--output", folder.appendingPathComponent("missing/out.json").path])
        #expect(failed.exitCode != 0)
        #expect(!FileManager.default.fileExists(atPath: drawing.path))
    }

    @Test func poissonFunnelMatchesReferenceWithAdditiveOverdispersion() throws {
        let data = try Data(contentsOf: Self.referenceFolder.appendingPathComponent("synthetic_poisson_u.json"))
        let reference = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let units = try #require(reference["units"] as? [[String: Any]])
        var csv = "unit,events,exposure\n"
        for unit in units { csv += "\(unit["unit"]!),\(unit["y"]!),\(unit["n"]!)\n" }
        let file = try Self.dataFile(csv)
        let run = try Self.run(["funnel", file.path, "--unit", "unit", "--y", "events", "--n", "exposure",
                                "--chart", "u", "--overdispersion", "additive", "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.isEmpty)
        let json = try run.json
        #expect(json["chart"] as? String == "u")
        #expect(Self.close(json["target"], reference["target"] as! Double, tolerance: 1e-12))
        let overdispersion = try #require(json["overdispersion"] as? [String: Any])
        #expect(overdispersion["method"] as? String == "additive")
        #expect(Self.close(overdispersion["estimate"], reference["tau2"] as! Double))
        #expect(Self.close(overdispersion["phi"], reference["phi"] as! Double))
        #expect(overdispersion["applied"] as? Bool == true)
        let rows = try #require(json["units"] as? [[String: Any]])
        #expect(rows.count == units.count)
        for (row, expected) in zip(rows, units) {
            #expect(Set(row.keys).isSuperset(of: ["unit", "y", "n", "rate", "z", "lcl_95", "ucl_95", "lcl_998", "ucl_998", "flag"]))
            #expect(row["unit"] as? String == expected["unit"] as? String)
            #expect(Self.close(row["z"], expected["z_additive"] as! Double))
            let limits = expected["additive"] as! [String: Double]
            for key in ["lcl_95", "ucl_95", "lcl_998", "ucl_998"] {
                #expect(Self.close(row[key], limits[key]!), "\(expected["unit"]!) \(key)")
            }
            #expect(row["flag"] as? String == expected["flag_additive"] as? String)
        }
    }

    @Test func jsonHasTheDocumentedKeysAndNoEstimateWithoutAdjustment() throws {
        let file = try Self.dataFile(Self.small)
        let run = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "events", "--n", "list", "--format", "json"])
        #expect(run.exitCode == 0)
        let json = try run.json
        #expect(Set(json.keys).isSuperset(of: ["chart", "target", "overdispersion", "units"]))
        #expect(json["chart"] as? String == "p")
        #expect(Self.close(json["target"], 46.0 / 330.0, tolerance: 1e-15))
        let overdispersion = try #require(json["overdispersion"] as? [String: Any])
        #expect(overdispersion["method"] as? String == "none")
        #expect(overdispersion["estimate"] is NSNull)
        let flags = Set(["within", "above_95", "above_998", "below_95", "below_998"])
        for row in try #require(json["units"] as? [[String: Any]]) {
            #expect(flags.contains(row["flag"] as? String ?? ""))
        }
    }

    @Test func zeroDenominatorGivesNullsAndAWarning() throws {
        let file = try Self.dataFile(Self.small + "D,0,0\n")
        let run = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "events", "--n", "list", "--format", "json"])
        #expect(run.exitCode == 0)
        #expect(run.standardError.contains("warning: unit 'D' has n = 0"))
        let json = try run.json
        let unit = try #require((json["units"] as? [[String: Any]])?.last)
        for key in ["rate", "z", "lcl_95", "ucl_95", "lcl_998", "ucl_998", "flag"] {
            #expect(unit[key] is NSNull, "\(key) should be null")
        }
        #expect((json["warnings"] as? [String])?.count == 1)
        #expect(!run.standardOutput.contains("NaN"))
    }

    @Test(arguments: [
        ("A,4,40\nB,30,20\n", "row 2, column 'events': 30 exceeds the denominator 20"),
        ("A,4,40\nB,-1,20\n", "row 2, column 'events': -1 is negative"),
        ("A,4,40\nB,1,-20\n", "row 2, column 'list': -20 is negative"),
        ("A,4,40.5\nB,1,20\n", "row 1, column 'list': 40.5 is not a whole number"),
        ("A,4,40\nB,1,20\nA,2,9\n", "column 'practice': unit 'A' appears in rows 1, 3"),
        ("A,4,40\nB,0,0\n", "at least 2 units with a denominator above 0, found 1"),
        ("A,4,40\n,1,20\n", "row 2, column 'practice': an empty cell does not name a unit"),
        ("A,4,40\nB,NaN,20\n", "row 2, column 'events': 'NaN' is not a finite number"),
    ])
    func badInputExitsOneNamingFileRowAndColumn(rows: String, message: String) throws {
        let file = try Self.dataFile("practice,events,list\n" + rows)
        let run = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "events", "--n", "list", "--format", "json"])
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains(file.path))
        #expect(run.standardError.contains(message), "stderr: \(run.standardError)")
    }

    @Test func missingColumnIsBadInput() throws {
        let file = try Self.dataFile(Self.small)
        let run = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "event", "--n", "list"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("no column named 'event'"))
    }

    @Test(arguments: [["--chart", "x"], ["--overdispersion", "random"], ["--multiply", "0"], ["--bogus"]])
    func badUsageExitsTwo(extra: [String]) throws {
        let file = try Self.dataFile(Self.small)
        let run = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "events", "--n", "list"] + extra)
        #expect(run.exitCode == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(!run.standardError.isEmpty)
    }

    @Test func outputFileGetsCSVAndStandardOutputStaysEmpty() throws {
        let file = try Self.dataFile(Self.small)
        let destination = file.deletingLastPathComponent().appendingPathComponent("funnel.csv")
        let run = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "events", "--n", "list",
                                "--multiply", "100", "--format", "csv", "--output", destination.path])
        #expect(run.exitCode == 0)
        #expect(run.standardOutput.isEmpty)
        let lines = try String(contentsOf: destination, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "unit,y,n,rate,z,z_unadjusted,lcl_95,ucl_95,lcl_998,ucl_998,flag")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("A,4,40,10,"))
    }

    @Test func failedRunLeavesNoOutputFile() throws {
        let file = try Self.dataFile("practice,events,list\nA,4,40\nB,30,20\n")
        let destination = file.deletingLastPathComponent().appendingPathComponent("funnel.json")
        let run = try Self.run(["funnel", file.path, "--unit", "practice", "--y", "events", "--n", "list", "--output", destination.path])
        #expect(run.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: destination.path))
    }
}
