import QISPC

/// Writes `qi spc` results as the JSON object INTERFACE.md specifies, a chunk of series at a time.
final class SPCJSONWriter {
    private var wroteSeries = false

    func write(_ charts: [(series: SeriesAssembly.Series, chart: ControlChart)], batch: ChartBatch,
               to sink: TextSink) throws(CommandFailure) {
        for (series, chart) in charts {
            if wroteSeries {
                try sink.write(",\n")
            } else {
                try sink.write("{\"chart\":\(JSONText.string(batch.options.chart.rawValue)),\"rules\":\(JSONText.string(batch.options.rules.rawValue)),\"source\":\(JSONText.string(batch.source)),\"series\":[\n")
                wroteSeries = true
            }
            try writeSeries(series, chart, to: sink)
        }
    }

    func finish(to sink: TextSink) throws(CommandFailure) {
        try sink.write("\n]}\n")
    }

    private func writeSeries(_ series: SeriesAssembly.Series, _ chart: ControlChart, to sink: TextSink) throws(CommandFailure) {
        let key = series.key.map { "\(JSONText.string($0.column)):\(JSONText.string($0.value))" }.joined(separator: ",")
        try sink.write("{\"key\":{\(key)},\"points\":[")
        let isMakingDataCount = chart.options.rules == .mdc
        for (offset, point) in chart.points.enumerated() {
            var text = offset == 0 ? "" : ","
            let x = series.labels[offset].map { JSONText.string($0.text) } ?? String(point.index)
            text += "{\"index\":\(point.index),\"x\":\(x),\"y\":\(JSONText.number(point.value)),\"n\":\(JSONText.number(point.size)),\"part\":\(point.part),\"baseline\":\(JSONText.bool(point.isBaseline)),\"excluded\":\(JSONText.bool(point.isExcluded)),\"cl\":\(JSONText.number(point.centreLine)),\"lcl\":\(JSONText.number(point.lowerLimit)),\"ucl\":\(JSONText.number(point.upperLimit)),\"lcl_95\":\(JSONText.number(point.lowerLimit95)),\"ucl_95\":\(JSONText.number(point.upperLimit95)),\"sigma_signal\":\(JSONText.bool(point.sigmaSignal)),\"signals\":[\(point.signals.map { JSONText.string($0.rawValue) }.joined(separator: ","))]"
            if isMakingDataCount { text += ",\"point_type\":\(JSONText.string(point.pointType?.rawValue))" }
            switch chart.options.chart {
            case .cusum: text += ",\"upper\":\(JSONText.number(point.cusumUpper)),\"lower\":\(JSONText.number(point.cusumLower))"
            case .ewma: text += ",\"ewma\":\(JSONText.number(point.ewma))"
            default: break
            }
            try sink.write(text + "}")
        }
        try sink.write("],\"parts\":[")
        for (offset, part) in chart.parts.enumerated() {
            try sink.write((offset == 0 ? "" : ",") + "{\"part\":\(part.part),\"n_obs\":\(part.observations),\"n_useful\":\(part.usefulObservations),\"longest_run\":\(JSONText.number(part.longestRun)),\"longest_run_max\":\(JSONText.number(part.longestRunMaximum)),\"n_crossings\":\(JSONText.number(part.crossings)),\"n_crossings_min\":\(JSONText.number(part.crossingsMinimum)),\"runs_signal\":\(JSONText.bool(part.runsSignal)),\"cl\":\(JSONText.number(part.centreLine))}")
        }
        try sink.write("]")
        if isMakingDataCount {
            try sink.write(",\"variation\":\(JSONText.string(chart.variation?.rawValue)),\"assurance\":\(JSONText.string(chart.assurance?.rawValue))")
        }
        try sink.write(",\"warnings\":[\(chart.warnings.map(JSONText.string).joined(separator: ","))]}")
    }
}
