import ArgumentParser
import QIRendering
import QISPC

/// `qi report`: what `qi spc` computes, drawn as SVG charts and one self-contained HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "SVG charts and a self-contained HTML report of what qi spc computes.",
        discussion: """
            Takes every option of qi spc. --html writes one page (for a batch: a sortable, \
            filterable summary table, then a chart per series; for one series: its chart and \
            runs analysis). --svg writes one SVG file per series into a folder. The paths \
            written are printed, one per line.
            """)

    @OptionGroup var chartArguments: ChartArguments

    @Option(help: "Write the HTML report to this file.")
    var html: String?

    @Option(help: "Write one SVG chart per series into this folder (created if missing).")
    var svg: String?

    @Option(help: "The report's title (default: from the file name).")
    var title: String?

    @Flag(name: .customLong("two-sigma"), help: "Draw the 2-sigma lines inside the control limits.")
    var twoSigma = false

    func validate() throws {
        if html == nil, svg == nil {
            throw ValidationError("qi report needs somewhere to write: add --html PATH, --svg DIR or both.")
        }
    }

    func run() throws {
        let batch = try ChartBatch(arguments: chartArguments)
        var charts: [RenderableChart] = []
        let titles = RenderableChart.AxisTitles(chartArguments)
        let source = batch.source
        try batch.forEachChunk({ _, series, chart in
            RenderableChart(series: series, chart: chart, titles: titles, source: source)
        }) { chunk in charts += chunk }
        var style = ChartStyle.standard
        style.showsTwoSigmaLines = twoSigma
        var files = StagedFiles()
        if let svg {
            try StagedFiles.makeFolder(svg)
            let renderer = ControlChartSVG(style: style)
            for (index, (chart, series)) in zip(charts, batch.series).enumerated() {
                let name = Self.svgFileName(index: index, count: charts.count, key: series.key.map(\.value),
                                            source: batch.source)
                files.add(svg + "/" + name, renderer.render(chart))
            }
        }
        if let html {
            let report = Self.report(charts, title: title, arguments: chartArguments, source: batch.source, style: style)
            files.add(html, report.html)
        }
        try files.commit()
        StandardStreams.writeOutput(files.paths.map { $0 + "\n" }.joined())
    }

    static func report(_ charts: [RenderableChart], title: String?, arguments: ChartArguments, source: String,
                       style: ChartStyle) -> HTMLReport {
        let fileName = RenderableChart.fileName(source)
        let pageTitle = title ?? "QIKit report: " + fileName
        let rules = arguments.chart == .cusum || arguments.chart == .ewma ? "" : ", \(arguments.rules.rawValue) rules"
        let note = "\(arguments.chart.rawValue) chart of \(RenderableChart.valueTitle(arguments))\(rules), from \(fileName)."
        let section: HTMLReport.Section
        if arguments.byColumns.isEmpty, let chart = charts.first {
            section = .single(title: chart.title, note: note, chart: chart)
        } else {
            section = .batch(title: "\(charts.count) series by \(arguments.byColumns.joined(separator: ", "))",
                             note: note, charts: charts)
        }
        return HTMLReport(title: pageTitle, sections: [section], style: style)
    }

    /// `001-RJ1-1.svg` for a batch (numbered so names never collide, the key made file-safe),
    /// the data file's name for a single series.
    static func svgFileName(index: Int, count: Int, key: [String], source: String) -> String {
        func safe(_ text: String) -> String {
            String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "_" }.prefix(60))
        }
        guard !key.isEmpty else {
            let base = RenderableChart.fileName(source)
            let stem = base.hasSuffix(".csv") ? String(base.dropLast(4)) : base
            return safe(stem == "standard input" ? "chart" : stem) + ".svg"
        }
        let number = String(index + 1)
        let width = String(count).count
        let padded = String(repeating: "0", count: max(0, width - number.count)) + number
        return padded + "-" + key.map(safe).joined(separator: "-") + ".svg"
    }
}
