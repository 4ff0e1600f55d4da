import QISPC

/// `qi spc` results as CSV: one row per point, the series key columns first; `NA` where a
/// value does not exist, `TRUE`/`FALSE` for flags, signals joined by `;`.
struct SPCCSVFormat: SeriesFormat {
    func header(_ batch: ChartBatch) -> OutputBytes {
        var output = OutputBytes()
        let columns = batch.byColumns + ["index", "x", "y", "n", "part", "baseline", "excluded", "cl", "lcl",
                                          "ucl", "lcl_95", "ucl_95", "sigma_signal", "signals", "point_type"]
        for (offset, column) in columns.enumerated() {
            if offset > 0 { output.append(",") }
            output.appendCSVField(column)
        }
        output.append("\n")
        return output
    }

    func footer(_ batch: ChartBatch) -> OutputBytes { OutputBytes(capacity: 0) }

    func series(_ position: Int, _ series: SeriesAssembly.Series, _ chart: ControlChart) -> OutputBytes {
        var output = OutputBytes(capacity: 200 * chart.points.count)
        for (offset, point) in chart.points.enumerated() {
            for entry in series.key {
                output.appendCSVField(entry.value)
                output.append(",")
            }
            output.appendInteger(point.index)
            output.append(",")
            output.appendLabel(series.labels[offset], index: point.index, quoted: false)
            for value in [point.value, point.size] {
                output.append(",")
                output.appendCSVNumber(value)
            }
            output.append(",")
            output.appendInteger(point.part)
            output.append(point.isBaseline ? ",TRUE" : ",FALSE")
            output.append(point.isExcluded ? ",TRUE" : ",FALSE")
            for value in [point.centreLine, point.lowerLimit, point.upperLimit, point.lowerLimit95, point.upperLimit95] {
                output.append(",")
                output.appendCSVNumber(value)
            }
            output.append(point.sigmaSignal ? ",TRUE," : ",FALSE,")
            output.appendCSVField(point.signals.map(\.rawValue).joined(separator: ";"))
            output.append(",")
            output.append(point.pointType?.rawValue ?? "NA")
            output.append("\n")
        }
        return output
    }
}
