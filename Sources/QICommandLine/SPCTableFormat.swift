import QISPC

/// `qi spc` results as aligned text for people: a heading and the runs analysis per series,
/// then one line per point.
struct SPCTableFormat: SeriesFormat {
    let source: String

    func header(_ batch: ChartBatch) -> OutputBytes { OutputBytes(capacity: 0) }
    func footer(_ batch: ChartBatch) -> OutputBytes { OutputBytes(capacity: 0) }

    func series(_ position: Int, _ series: SeriesAssembly.Series, _ chart: ControlChart) -> OutputBytes {
        var output = OutputBytes()
        let name = series.key.isEmpty ? source : series.key.map { "\($0.column)=\($0.value)" }.joined(separator: " ")
        output.append("\(name): \(chart.options.chart.rawValue) chart, \(chart.options.rules.rawValue) rules\n")
        for part in chart.parts {
            var runs = part.longestRun.map { "longest run \($0) (max \(part.longestRunMaximum ?? 0)), crossings \(part.crossings ?? 0) (min \(part.crossingsMinimum ?? 0))" } ?? "no runs analysis"
            if chart.options.rules == .ihi, let count = part.runs {
                runs = "\(count) runs" + (part.runsMinimum.map { " (expected \($0)-\(part.runsMaximum ?? 0))" } ?? " (too few points to test)")
            }
            output.append("  part \(part.part): centre \(Self.format(part.centreLine)), \(part.usefulObservations) useful of \(part.observations); \(runs)\(part.runsSignal ? " - RUNS SIGNAL" : "")\n")
        }
        if let variation = chart.variation { output.append("  variation: \(variation.rawValue)\n") }
        if let assurance = chart.assurance { output.append("  assurance: \(assurance.rawValue)\n") }
        for warning in chart.warnings { output.append("  warning: \(warning)\n") }
        let header = ["index", "x", "y", "cl", "lcl", "ucl", "signals"]
        var rows = [header]
        for (offset, point) in chart.points.enumerated() {
            rows.append([String(point.index), series.labels[offset]?.text ?? String(point.index),
                         Self.format(point.value), Self.format(point.centreLine), Self.format(point.lowerLimit),
                         Self.format(point.upperLimit), point.signals.map(\.rawValue).joined(separator: ",")])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let line = row.enumerated().map { column, text in
                column == row.count - 1 ? text : text + String(repeating: " ", count: widths[column] - text.count)
            }.joined(separator: "  ")
            output.append("  " + line + "\n")
        }
        output.append("\n")
        return output
    }

    /// Six significant figures: enough to read, short enough to align.
    static func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int64(value)) }
        var digits = 5
        var magnitude = abs(value)
        while magnitude >= 10, digits > 0 { magnitude /= 10; digits -= 1 }
        if abs(value) < 1 { digits = 6 }
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        return String((value * factor).rounded() / factor)
    }
}
