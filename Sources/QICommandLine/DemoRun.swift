#if canImport(Glibc)
import Glibc
#endif
import QIParallel
import QIRendering
import QISPC
import QISimulation

/// What `qi demo` does: the Semmelweis p chart in two phases and Making Data Count for every
/// A&E series, written as JSON, as one HTML report and as a short text summary; the
/// facilitator analysis of the bundled projects; and the bundled simulation scenarios
/// (RESULT.json and a table; their charts join the report when drawn).
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
        let (factorsText, factorsPath) = try facilitatorAnalysis()
        summary += factorsText
        let (scenarioText, scenarioPaths, scenarioRun) = try simulateScenarios()
        summary += scenarioText
        let reportPath = "\(output)/report.html"
        let report = try Self.report(semmelweis: (semmelweis, semmelweisArguments),
                                     emergency: (emergency, emergencyArguments), scenarios: scenarioRun)
        let reportFile = try AtomicFile(destination: reportPath)
        try reportFile.write(report.html)
        try reportFile.commit()
        summary += "\nResults written to \(output)/:\n  \(reportPath) (open it in a browser)\n  \(semmelweisPath)\n  \(emergencyPath)\n"
        summary += "  \(factorsPath)\n"
        summary += scenarioPaths.map { "  \($0)\n" }.joined()
        let summaryFile = try AtomicFile(destination: "\(output)/summary.txt")
        try summaryFile.write(summary)
        try summaryFile.commit()
        StandardStreams.writeOutput(summary)
    }

    /// The Semmelweis chart with its runs analysis, the A&E batch with its summary table, then
    /// the scenario charts.
    private static func report(semmelweis: (ChartBatch, ChartArguments), emergency: (ChartBatch, ChartArguments),
                               scenarios: RenderableScenarioRun) throws -> HTMLReport {
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
            scenarioSection(scenarios),
        ])
    }

    /// The sustained shares of every bundled scenario, then each scenario's adoption fan chart.
    static func scenarioSection(_ run: RenderableScenarioRun) -> HTMLReport.Section {
        var figures = [SustainedSharesSVG().figure(run, caption: "Share of successful projects still sustained 12 and 24 months after the success and after support ended (two clocks), pooled over \(run.replicates) simulated CCGs with 95% Monte Carlo intervals; the reference scenario \(run.reference) is shaded.")]
        let fan = AdoptionFanChartSVG()
        for scenario in run.scenarios {
            let comparison = scenario.id == run.reference ? "the reference scenario" : "dashed: the reference scenario \(run.reference)"
            figures.append(fan.figure(scenario, run: run, caption: "\(scenario.id): mean share of practices adopted by month, with the 2.5–97.5 percentile band across \(run.replicates) simulated CCGs; \(comparison)."))
        }
        return .figures(title: "Programme spread and sustainability: \(run.scenarios.count) simulated scenarios",
                        note: "The bundled scenarios (datasets/scenarios.yaml) with \(run.replicates) replicates under common random numbers (seed \(run.seed)). An assumption-driven model: every effect size is an assumption of the scenario file, not an estimate, so compare scenarios rather than reading the figures as forecasts.",
                        figures: figures)
    }

    /// Replicates of the bundled scenarios in the demo: MCSEs of about 0.007 on the sustained
    /// shares, in a fraction of a second in a release build (`qi simulate` runs all 10,000).
    static let scenarioReplicates = 300

    /// The bundled scenarios (datasets/scenarios.yaml) with fewer replicates: RESULT.json, the
    /// table, and a few lines for the summary.
    private func simulateScenarios() throws -> (String, [String], RenderableScenarioRun) {
        let file: ScenarioFile
        do {
            file = try ScenarioFile.load(path: "\(datasets)/scenarios.yaml")
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        var settings = file.run
        settings.replicates = Self.scenarioReplicates
        let plan = try SimulationPlan(run: settings, scenarios: file.scenarios, reference: file.reference,
                                      replicates: ReplicateRange(0..<settings.replicates))
        let accumulator = try SimulationRun.execute(plan, threads: ProcessorCount.online)
        let result = SimulationResultFile(plan: plan, accumulator: accumulator)
        let jsonPath = "\(output)/scenarios-result.json", tablePath = "\(output)/scenarios.txt"
        for (path, table) in [(jsonPath, false), (tablePath, true)] {
            let atomic = try AtomicFile(destination: path)
            let sink = TextSink { bytes throws(CommandFailure) in try atomic.write(bytes) }
            if table { try SimulationTableWriter.write(result, to: sink) } else { try result.write(to: sink) }
            try sink.flush()
            try atomic.commit()
        }
        var text = "\nProgramme spread and sustainability, \(settings.replicates) simulated CCGs of \(settings.practices) practices over \(settings.months) months per scenario (common random numbers, seed \(settings.seed)); estimate (Monte Carlo SE):\n"
        text += "  An assumption-driven model: compare scenarios, do not read absolute figures as forecasts.\n"
        for summary in SimulationSummary.summarise(accumulator, plan: plan) {
            let adopted = summary.adoptedShare.last
            let sustained = summary.sustainedShares.first { $0.name == "sustained_after_support_24" }?.estimate
            let practices = summary.practicesSustained.first { $0.name == "practices_sustained_after_support_24" }?.estimate
            func figure(_ value: Double?, _ error: Double?) -> String {
                "\(SPCTableFormat.format(value)) (\(SPCTableFormat.format(error)))"
            }
            text += "  \(summary.id): adopted \(figure(adopted?.mean, adopted?.mcse)); of successes sustained 24 months after support \(figure(sustained?.pooled, sustained?.mcse)); practices sustaining then \(figure(practices?.pooled, practices?.mcse))\n"
        }
        return (text, [jsonPath, tablePath], RenderableScenarioRun(result))
    }

    /// The study's facilitator analysis on the bundled projects: JSON, and its odds-ratio
    /// table for the summary.
    private func facilitatorAnalysis() throws -> (String, String) {
        let command = try FactorsCommand.parse([
            "\(datasets)/projects.csv", "--outcome", "success,sustained_12m,improvements",
            "--exposure", "months_followed"])
        let result = try command.analyse()
        let path = "\(output)/facilitators.json"
        let file = try AtomicFile(destination: path)
        let sink = TextSink { bytes throws(CommandFailure) in try file.write(bytes) }
        try FactorsJSONWriter.write(result, to: sink)
        try sink.flush()
        try file.commit()
        var table: [UInt8] = []
        let tableSink = TextSink { pieces throws(CommandFailure) in for piece in pieces { table += piece } }
        try FactorsTableWriter.write(result, to: tableSink)
        try tableSink.flush()
        let text = "\nFacilitators of project outcomes (datasets/projects.csv, generated data with known coefficients):\n"
            + String(decoding: table, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n") + "\n"
        return (text, path)
    }

    private func write(_ batch: ChartBatch, to path: String) throws {
        let file = try AtomicFile(destination: path)
        let sink = TextSink { bytes throws(CommandFailure) in try file.write(bytes) }
        try batch.write(SPCJSONFormat(), to: sink)
        try sink.flush()
        try file.commit()
    }
}
