import Foundation
import Testing

/// `qi demo` end to end.
struct DemoCommandTests {
    @Test func writesTheHTMLReportAndSaysWhereItIs() throws {
        let folder = try ReportCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let datasets = ReportCommandTests.repositoryRoot.appendingPathComponent("datasets").path
        let run = try ReportCommandTests.run(["demo", "--datasets", datasets, "--output", "out"], in: folder)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("out/report.html"))
        #expect(run.standardOutput.contains("part 1: centre line"), "the text summary is kept")
        let html = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        // 428 A&E series and the Semmelweis chart; the sustained shares and ten adoption fan charts.
        #expect(html.components(separatedBy: "<figure class=\"chart\"").count - 1 == 429 + 11)
        #expect(html.components(separatedBy: "class=\"qi-chart qi-adoption-fan\"").count - 1 == 10)
        #expect(html.components(separatedBy: "class=\"qi-chart qi-sustained-shares\"").count - 1 == 1)
        #expect(html.contains("Effect sizes are assumptions"))
        #expect(html.contains("<table class=\"runs\">"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).sorted()
        #expect(files == ["ae-four-hour-breaches-mdc.json", "facilitators.json", "report.html", "scenarios-result.json",
                          "scenarios.txt", "semmelweis-p-chart.json", "summary.txt"])
        #expect(run.standardOutput.contains("Facilitators of project outcomes"), "the facilitator analysis runs")
        #expect(run.standardOutput.contains("coach6_three_coaches: adopted"), "the bundled scenarios are simulated")
    }
}
