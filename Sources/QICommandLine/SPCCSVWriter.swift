import QISPC

/// Writes `qi spc` results as CSV: one row per point, the series key columns first.
final class SPCCSVWriter {
    private var wroteHeader = false

    func write(_ charts: [(series: SeriesAssembly.Series, chart: ControlChart)], batch: ChartBatch,
               to sink: TextSink) throws(CommandFailure) {
        for (series, chart) in charts {
            if !wroteHeader {
                let columns = series.key.map(\.column) + ["index", "x", "y", "n", "part", "baseline", "excluded", "cl", "lcl", "ucl", "lcl_95", "ucl_95", "sigma_signal", "signals", "point_type"]
                try sink.write(columns.map(Self.field).joined(separator: ",") + "\n")
                wroteHeader = true
            }
            let key = series.key.map { Self.field($0.value) }
            for (offset, point) in chart.points.enumerated() {
                func number(_ value: Double?) -> String { value.map(JSONText.number) ?? "NA" }
                let row = key + [
                    String(point.index), Self.field(series.labels[offset]?.text ?? String(point.index)),
                    number(point.value), number(point.size), String(point.part),
                    point.isBaseline ? "TRUE" : "FALSE", point.isExcluded ? "TRUE" : "FALSE",
                    number(point.centreLine), number(point.lowerLimit), number(point.upperLimit),
                    number(point.lowerLimit95), number(point.upperLimit95),
                    point.sigmaSignal ? "TRUE" : "FALSE",
                    Self.field(point.signals.map(\.rawValue).joined(separator: ";")),
                    point.pointType?.rawValue ?? "NA",
                ]
                try sink.write(row.joined(separator: ",") + "\n")
            }
        }
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
