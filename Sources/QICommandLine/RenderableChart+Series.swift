import QIData
import QIRendering
import QISPC

/// The bridge from a `qi spc` series (read from a file) to what the renderer draws: names,
/// axis titles and x values as plain values, so the renderer never sees a file.
extension RenderableChart {
    init(series: SeriesAssembly.Series, chart: ControlChart, titles: AxisTitles, source: String) {
        let key = series.key.map { "\($0.column)=\($0.value)" }.joined(separator: ", ")
        var xValues: [XValue] = []
        if series.labels.allSatisfy({ $0 != nil }) {
            xValues = series.labels.map { label in
                switch label! {
                case .date(let date): return .date(ChartDate(date))
                case .number(let number): return .number(number)
                case .text(let text, _): return .text(text)
                }
            }
        }
        let title = key.isEmpty ? Self.fileName(source) + ": " + titles.value : key
        self.init(chart: chart, title: title, seriesKey: key, xValues: xValues,
                  xAxisTitle: titles.x, yAxisTitle: titles.value)
    }

    /// The axis titles of every chart of a run, worked out once from the arguments.
    struct AxisTitles: Sendable {
        let value: String
        let x: String

        init(_ arguments: ChartArguments) {
            value = RenderableChart.valueTitle(arguments)
            x = arguments.x ?? "Subgroup"
        }
    }

    /// `deaths / births`, `length of stay`, `breaches / attendances x 1000`.
    static func valueTitle(_ arguments: ChartArguments) -> String {
        var title = arguments.y
        if let n = arguments.n, !arguments.chart.groupsRowsIntoSubgroups { title += " / " + n }
        let isPercentage = arguments.chart.plotsProportions && (arguments.multiply == 1 || arguments.multiply == 100)
        if arguments.multiply != 1, !isPercentage { title += " × " + OutputBytes.text(arguments.multiply) }
        return title
    }

    /// The last path component of `path` (`-` is standard input).
    static func fileName(_ path: String) -> String {
        guard path != "-" else { return "standard input" }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
