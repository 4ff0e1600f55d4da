#if canImport(Glibc)
import Glibc
#endif
import QIRendering
import QISPC

/// What `qi demo` does: the Semmelweis p chart in two phases and Making Data Count for every
/// A&E series, written as JSON, as one HTML report and as a short text summary. (Regression
/// and simulation join it as those features land.)
struct DemoRun {
    let datasets: String
    let output: String

    func run() throws {
        guard mkdir(output, 0o755) == 0 || errno == EEXIST else {
            throw CommandFailure.badUsage("cannot create the folder \(output): \(String(cString: strerror(errno))).")
        }
        var summary = "QIKit demo on the bundled data sets (\(datasets)/)\n\n"

        let semmelweisArguments = try ChartArguments.parse([
            "\(datasets)/semmelweis_monthly.csv", "--chart", "p", "--y", "deaths", "--n", "births",
            "--x", "date", "--part-at", "1847-06-01", "--multiply", "100"])
        let semmelweis = try ChartBatch(arguments: semmelweisArguments)
        let semmelweisPath = "\(output)/semmelweis-p-chart.json"
        try write(semmelweis, to: semmelweisPath)
        summary += "Semmelweis, maternal deaths per 100 births, p chart in two phases (hand-washing from June 1847):\n"
        try semmelweis.forEachChunk({ _, _, chart in chart }) { charts in
            for part in charts[0].parts {
                let limits = charts[0].points.first { $0.part == part.part }
                summary += "  part \(part.part): centre line \(SPCTableFormat.format(part.centreLine))%, limits vary with births (first month \(SPCTableFormat.format(limits?.lowerLimit))-\(SPCTableFormat.format(limits?.upperLimit))%); runs signal: \(part.runsSignal ? "yes" : "no")\n"
            }
        }

        let emergencyArguments = try ChartArguments.parse([
            "\(datasets)/ae_attendances.csv", "--chart", "p", "--y", "breaches", "--n", "attendances",
            "--x", "period", "--by", "org_code,type", "--rules", "mdc", "--improvement", "decrease",
            "--target", "0.05"])
        let emergency = try ChartBatch(arguments: emergencyArguments)
        let emergencyPath = "\(output)/ae-four-hour-breaches-mdc.json"
        try write(emergency, to: emergencyPath)
        var variations: [String: Int] = [:]
        var assurances: [String: Int] = [:]
        try emergency.forEachChunk({ _, _, chart in chart }) { charts in
            for chart in charts {
                variations[chart.variation?.rawValue ?? "none", default: 0] += 1
                assurances[chart.assurance?.rawValue ?? "none", default: 0] += 1
            }
        }
        summary += "\nA&E four-hour breaches, Making Data Count p charts for \(emergency.series.count) provider x type series (target 5 %):\n"
        summary += "  variation (latest month): " + variations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        summary += "  assurance: " + assurances.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        let reportPath = "\(output)/report.html"
        let report = try Self.report(semmelweis: (semmelweis, semmelweisArguments),
                                     emergency: (emergency, emergencyArguments))
        let reportFile = try AtomicFile(destination: reportPath)
        try reportFile.write(report.html)
        try reportFile.commit()
        summary += "\nResults written to \(output)/:\n  \(reportPath) (open it in a browser)\n  \(semmelweisPath)\n  \(emergencyPath)\n"
        let summaryFile = try AtomicFile(destination: "\(output)/summary.txt")
        try summaryFile.write(summary)
        try summaryFile.commit()
        StandardStreams.writeOutput(summary)
    }

    /// The Semmelweis chart with its runs analysis, then the A&E batch with its summary table.
    private static func report(semmelweis: (ChartBatch, ChartArguments), emergency: (ChartBatch, ChartArguments)) throws -> HTMLReport {
        func charts(_ batch: ChartBatch, _ arguments: ChartArguments) throws -> [RenderableChart] {
            var charts: [RenderableChart] = []
            let titles = RenderableChart.AxisTitles(arguments)
            let source = batch.source
            try batch.forEachChunk({ _, series, chart in
                RenderableChart(series: series, chart: chart, titles: titles, source: source)
            }) { chunk in charts += chunk }
            return charts
        }
        var semmelweisChart = try charts(semmelweis.0, semmelweis.1)[0]
        semmelweisChart.title = "Semmelweis: maternal deaths per 100 births, First Clinic, Vienna"
        let emergencyCharts = try charts(emergency.0, emergency.1)
        return HTMLReport(title: "QIKit demo", sections: [
            .single(title: "Semmelweis, 1841–1849: a p chart in two parts",
                    note: "Deaths per 100 births before and after chlorine hand-washing began in June 1847 (Anhøj rules). The centre line and limits are computed separately for each part.",
                    chart: semmelweisChart),
            .batch(title: "A&E four-hour breaches: \(emergencyCharts.count) providers and department types",
                   note: "Making Data Count p charts of the share of attendances that waited over four hours; lower is better, target 5 %. Sort or filter the table; each row links to its chart.",
                   charts: emergencyCharts),
        ])
    }

    private func write(_ batch: ChartBatch, to path: String) throws {
        let file = try AtomicFile(destination: path)
        let sink = TextSink { bytes throws(CommandFailure) in try file.write(bytes) }
        try batch.write(SPCJSONFormat(), to: sink)
        try sink.flush()
        try file.commit()
    }
}
