import QISPC

/// `qi spc` results as the JSON object INTERFACE.md specifies.
struct SPCJSONFormat: SeriesFormat {
    func header(_ batch: ChartBatch) -> OutputBytes {
        var output = OutputBytes()
        output.append("{\"chart\":")
        output.appendJSONString(batch.options.chart.rawValue)
        output.append(",\"rules\":")
        output.appendJSONString(batch.options.rules.rawValue)
        output.append(",\"source\":")
        output.appendJSONString(batch.source)
        output.append(",\"series\":[\n")
        return output
    }

    func footer(_ batch: ChartBatch) -> OutputBytes {
        var output = OutputBytes()
        output.append("\n]}\n")
        return output
    }

    func series(_ position: Int, _ series: SeriesAssembly.Series, _ chart: ControlChart) -> OutputBytes {
        var output = OutputBytes(capacity: 512 + 300 * chart.points.count)
        if position > 0 { output.append(",\n") }
        output.append("{\"key\":{")
        for (offset, entry) in series.key.enumerated() {
            if offset > 0 { output.append(",") }
            output.appendJSONString(entry.column)
            output.append(":")
            output.appendJSONString(entry.value)
        }
        output.append("},\"points\":[")
        let isMakingDataCount = chart.options.rules == .mdc
        var lastLimits = [OutputBytes.RepeatedNumber](repeating: .init(), count: 5)  // cl, lcl, ucl, 95 %
        for (offset, point) in chart.points.enumerated() {
            output.append(offset == 0 ? "{\"index\":" : ",{\"index\":")
            output.appendInteger(point.index)
            output.append(",\"x\":")
            output.appendLabel(series.labels[offset], index: point.index, quoted: true)
            output.append(",\"y\":")
            output.appendNumber(point.value)
            output.append(",\"n\":")
            output.appendNumber(point.size)
            output.append(",\"part\":")
            output.appendInteger(point.part)
            output.append(",\"baseline\":")
            output.appendBool(point.isBaseline)
            output.append(",\"excluded\":")
            output.appendBool(point.isExcluded)
            output.append(",\"cl\":")
            output.appendNumber(point.centreLine, repeating: &lastLimits[0])
            output.append(",\"lcl\":")
            output.appendNumber(point.lowerLimit, repeating: &lastLimits[1])
            output.append(",\"ucl\":")
            output.appendNumber(point.upperLimit, repeating: &lastLimits[2])
            output.append(",\"lcl_95\":")
            output.appendNumber(point.lowerLimit95, repeating: &lastLimits[3])
            output.append(",\"ucl_95\":")
            output.appendNumber(point.upperLimit95, repeating: &lastLimits[4])
            output.append(",\"sigma_signal\":")
            output.appendBool(point.sigmaSignal)
            output.append(",\"signals\":[")
            for (number, signal) in point.signals.enumerated() {
                if number > 0 { output.append(",") }
                output.appendJSONString(signal.rawValue)
            }
            output.append("]")
            if isMakingDataCount {
                output.append(",\"point_type\":")
                output.appendJSONString(point.pointType?.rawValue)
            }
            switch chart.options.chart {
            case .cusum:
                output.append(",\"upper\":")
                output.appendNumber(point.cusumUpper)
                output.append(",\"lower\":")
                output.appendNumber(point.cusumLower)
            case .ewma:
                output.append(",\"ewma\":")
                output.appendNumber(point.ewma)
            default: break
            }
            output.append("}")
        }
        output.append("],\"parts\":[")
        for (offset, part) in chart.parts.enumerated() {
            output.append(offset == 0 ? "{\"part\":" : ",{\"part\":")
            output.appendInteger(part.part)
            output.append(",\"n_obs\":")
            output.appendInteger(part.observations)
            output.append(",\"n_useful\":")
            output.appendInteger(part.usefulObservations)
            output.append(",\"longest_run\":")
            output.appendInteger(part.longestRun)
            output.append(",\"longest_run_max\":")
            output.appendInteger(part.longestRunMaximum)
            output.append(",\"n_crossings\":")
            output.appendInteger(part.crossings)
            output.append(",\"n_crossings_min\":")
            output.appendInteger(part.crossingsMinimum)
            output.append(",\"runs_signal\":")
            output.appendBool(part.runsSignal)
            output.append(",\"cl\":")
            output.appendNumber(part.centreLine)
            if chart.options.rules == .ihi {
                output.append(",\"n_runs\":")
                output.appendInteger(part.runs)
                output.append(",\"n_runs_min\":")
                output.appendInteger(part.runsMinimum)
                output.append(",\"n_runs_max\":")
                output.appendInteger(part.runsMaximum)
            }
            output.append("}")
        }
        output.append("]")
        if isMakingDataCount {
            output.append(",\"variation\":")
            output.appendJSONString(chart.variation?.rawValue)
            output.append(",\"assurance\":")
            output.appendJSONString(chart.assurance?.rawValue)
        }
        output.append(",\"warnings\":[")
        output.appendJSONStrings(chart.warnings)
        output.append("]}")
        return output
    }
}
