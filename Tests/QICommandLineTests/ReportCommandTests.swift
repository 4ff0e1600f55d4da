import Foundation
import Testing

/// `qi report` end to end: the built `qi` executable run as a user runs it.
struct ReportCommandTests {
    static let repositoryRoot = QIProcess.packageRoot

    static func run(_ arguments: [String], in folder: URL) throws -> QIProcess.Outcome {
        try QIProcess.run(arguments, in: folder)
    }

    static func temporaryFolder() throws -> URL { try QIProcess.temporaryFolder() }

    @Test func writesOneSelfContainedPageForABatch() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = Self.repositoryRoot.appendingPathComponent("datasets/ae_attendances.csv").path
        let run = try Self.run([
            "report", data, "--chart", "p", "--y", "breaches", "--n", "attendances", "--x", "period",
            "--by", "org_code,type", "--rules", "mdc", "--improvement", "decrease", "--target", "0.05",
            "--html", "ae.html",
        ], in: folder)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput == "ae.html\n")
        let html = try String(contentsOf: folder.appendingPathComponent("ae.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<figure class=\"chart\"").count - 1 == 428)
        #expect(html.components(separatedBy: "<tr data-chart=").count - 1 == 428)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["ae.html"], "no temporary file left")
    }

    @Test func writesOneSVGPerSeriesIntoAFolder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "ward,month,falls\nA,1,3\nA,2,5\nA,3,4\nA,4,6\nB/../x,1,2\nB/../x,2,1\nB/../x,3,3\nB/../x,4,2\n"
            .write(to: folder.appendingPathComponent("falls.csv"), atomically: true, encoding: .utf8)
        let run = try Self.run(["report", "falls.csv", "--chart", "c", "--y", "falls", "--x", "month", "--by", "ward",
                                "--svg", "charts"], in: folder)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("charts").path).sorted()
        #expect(files == ["1-A.svg", "2-B_.._x.svg"], "a series key never becomes a path")
        let svg = try String(contentsOf: folder.appendingPathComponent("charts/1-A.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test func aSeriesNamedScriptTagIsTextInTheReport() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "key,month,value\n"
        for month in 1...8 { csv += "\"<script>alert(1)</script>\",\(month),\(month % 3 + 2)\n" }
        try csv.write(to: folder.appendingPathComponent("hostile.csv"), atomically: true, encoding: .utf8)
        let run = try Self.run(["report", "hostile.csv", "--chart", "i", "--y", "value", "--x", "month", "--by", "key",
                                "--html", "hostile.html"], in: folder)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let html = try String(contentsOf: folder.appendingPathComponent("hostile.html"), encoding: .utf8)
        #expect(html.contains("key=&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert(1)"))
    }

    @Test func withoutSomewhereToWriteItIsBadUsage() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = Self.repositoryRoot.appendingPathComponent("datasets/semmelweis_monthly.csv").path
        let run = try Self.run(["report", data, "--chart", "p", "--y", "deaths", "--n", "births"], in: folder)
        #expect(run.exitCode == 2)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError.contains("--html PATH, --svg DIR or both"))
    }

    @Test func badDataWritesNothing() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "month,deaths,births\n1,5,100\n2,120,100\n3,4,90\n".write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let run = try Self.run(["report", "bad.csv", "--chart", "p", "--y", "deaths", "--n", "births", "--html", "out.html"], in: folder)
        #expect(run.exitCode == 1)
        #expect(run.standardOutput.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.csv"])
    }
}
