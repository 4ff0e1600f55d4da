import Foundation
import QIRendering
import QISPC
import Testing

/// Golden SVG files under `Golden/`, compared line by line as text.
///
/// They are QIKit's own output, looked at (as PNG) before they were accepted: they guard
/// against unintended changes, they are not a reference for correctness. To regenerate them
/// deliberately, run the tests with `QI_UPDATE_GOLDEN=1` and look at the result again.
enum GoldenFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["QI_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run with QI_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, (actual, wanted)) in zip(actualLines, expectedLines).enumerated() where actual != wanted {
            Issue.record("\(name) line \(number + 1) differs:\n  expected: \(wanted)\n  actual:   \(actual)", sourceLocation: sourceLocation)
            return
        }
        #expect(actualLines.count == expectedLines.count, "\(name): \(actualLines.count) lines, golden file has \(expectedLines.count)",
                sourceLocation: sourceLocation)
    }
}

/// Charts used by several tests, computed by QISPC from fixed data.
enum SampleCharts {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Semmelweis's First Clinic, monthly births and maternal deaths, 1841-1849
    /// (`datasets/semmelweis_monthly.csv`).
    static func semmelweis() throws -> (dates: [String], births: [Double], deaths: [Double]) {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("datasets/semmelweis_monthly.csv"), encoding: .utf8)
        var dates: [String] = []
        var births: [Double] = []
        var deaths: [Double] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            dates.append(fields[0])
            births.append(Double(fields[1])!)
            deaths.append(Double(fields[2])!)
        }
        return (dates, births, deaths)
    }

    static func chartDate(_ iso: String) -> ChartDate {
        let parts = iso.split(separator: "-").map { Int($0)! }
        return ChartDate(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The Semmelweis p chart in two parts (hand-washing from June 1847), as `qi demo` draws it.
    static func semmelweisChart() throws -> RenderableChart {
        let data = try semmelweis()
        let subgroups = zip(data.deaths, data.births).map { Subgroup(value: $0, size: $1) }
        let partStart = data.dates.firstIndex(of: "1847-06-01")! + 1
        let chart = try ControlChart.compute(subgroups, options: ChartOptions(chart: .p, partStarts: [partStart]))
        return RenderableChart(chart: chart, title: "Semmelweis: maternal deaths per birth",
                               xValues: data.dates.map { .date(chartDate($0)) }, xAxisTitle: "date",
                               yAxisTitle: "deaths / births")
    }

    /// Twenty-four values with a shift after the twelfth and a last value far above the rest.
    static let shiftedValues: [Double] = [12, 14, 11, 13, 15, 12, 10, 13, 14, 12, 11, 13,
                                          16, 18, 17, 19, 16, 18, 20, 17, 18, 19, 17, 30]

    static func monthly(_ count: Int, from year: Int = 2020) -> [RenderableChart.XValue] {
        (0..<count).map { .date(ChartDate(year: year + $0 / 12, month: $0 % 12 + 1, day: 1)) }
    }

    static func chart(_ type: ChartType, values: [Double] = shiftedValues, sizes: [Double]? = nil,
                      options configure: (inout ChartOptions) -> Void = { _ in }) throws -> ControlChart {
        var options = ChartOptions(chart: type)
        configure(&options)
        let subgroups = values.enumerated().map { Subgroup(value: $1, size: sizes?[$0]) }
        return try ControlChart.compute(subgroups, options: options)
    }
}
