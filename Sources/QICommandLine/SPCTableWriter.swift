import QISPC

/// Writes `qi spc` results as aligned text for people: a heading and the runs analysis per
/// series, then one line per point.
enum SPCTableWriter {
    static func write(_ charts: [(series: SeriesAssembly.Series, chart: ControlChart)], batch: ChartBatch,
                      to sink: TextSink) throws(CommandFailure) {
        for (series, chart) in charts {
            let name = series.key.isEmpty ? batch.source : series.key.map { "\($0.column)=\($0.value)" }.joined(separator: " ")
            try sink.write("\(name): \(chart.options.chart.rawValue) chart, \(chart.options.rules.rawValue) rules\n")
            for part in chart.parts {
                let runs = part.longestRun.map { "longest run \($0) (max \(part.longestRunMaximum ?? 0)), crossings \(part.crossings ?? 0) (min \(part.crossingsMinimum ?? 0))" } ?? "no runs analysis"
                try sink.write("  part \(part.part): centre \(format(part.centreLine)), \(part.usefulObservations) useful of \(part.observations); \(runs)\(part.runsSignal ? " - RUNS SIGNAL" : "")\n")
            }
            if let variation = chart.variation { try sink.write("  variation: \(variation.rawValue)\n") }
            if let assurance = chart.assurance { try sink.write("  assurance: \(assurance.rawValue)\n") }
            for warning in chart.warnings { try sink.write("  warning: \(warning)\n") }
            let header = ["index", "x", "y", "cl", "lcl", "ucl", "signals"]
            var rows = [header]
            for (offset, point) in chart.points.enumerated() {
                rows.append([String(point.index), series.labels[offset]?.text ?? String(point.index),
                             format(point.value), format(point.centreLine), format(point.lowerLimit),
                             format(point.upperLimit), point.signals.map(\.rawValue).joined(separator: ",")])
            }
            let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                let line = row.enumerated().map { column, text in
                    column == row.count - 1 ? text : text + String(repeating: " ", count: widths[column] - text.count)
                }.joined(separator: "  ")
                try sink.write("  " + line + "\n")
            }
            try sink.write("\n")
        }
    }

    /// Six significant figures: enough to read, short enough to align.
    static func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value == value.rounded(), abs(value) < 1e9 { return String(Int64(value)) }
        let magnitude = abs(value)
        let decimals = magnitude >= 1 ? max(0, 5 - Int(magnitude.exponent10)) : 6
        return String(value.rounded(toPlaces: decimals))
    }
}

private extension Double {
    var exponent10: Double {
        var exponent = 0.0
        var scaled = self
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        return exponent
    }

    func rounded(toPlaces places: Int) -> Double {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        return (self * factor).rounded() / factor
    }
}
