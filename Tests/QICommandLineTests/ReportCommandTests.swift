import Foundation
import Testing

/// `qi report` end to end: the built `qi` executable run as a user runs it.
struct ReportCommandTests {
    struct Run {
        let status: Int32
        let output: String
        let error: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `qi` built beside the test bundle.
    static func executable() throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("qi")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                   error: String(decoding: errorData, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qi-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writesOneSelfContainedPageForABatch() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = Self.repositoryRoot.appendingPathComponent("datasets/ae_attendances.csv").path
        let run = try Self.run([
            "report", data, "--chart", "p", "--y", "breaches", "--n", "attendances", "--x", "period",
            "--by", "org_code,type", "--rules", "mdc", "--improvement", "decrease", "--target", "0.05",
            "--html", "ae.html",
        ], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output == "ae.html\n")
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
        #expect(run.status == 0, "\(run.error)")
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
        #expect(run.status == 0, "\(run.error)")
        let html = try String(contentsOf: folder.appendingPathComponent("hostile.html"), encoding: .utf8)
        #expect(html.contains("key=&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert(1)"))
    }

    @Test func withoutSomewhereToWriteItIsBadUsage() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = Self.repositoryRoot.appendingPathComponent("datasets/semmelweis_monthly.csv").path
        let run = try Self.run(["report", data, "--chart", "p", "--y", "deaths", "--n", "births"], in: folder)
        #expect(run.status == 2)
        #expect(run.output.isEmpty)
        #expect(run.error.contains("--html PATH, --svg DIR or both"))
    }

    @Test func badDataWritesNothing() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "month,deaths,births\n1,5,100\n2,120,100\n3,4,90\n".write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let run = try Self.run(["report", "bad.csv", "--chart", "p", "--y", "deaths", "--n", "births", "--html", "out.html"], in: folder)
        #expect(run.status == 1)
        #expect(run.output.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bad.csv"])
    }
}
