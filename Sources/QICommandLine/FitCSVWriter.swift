import QIRegression

/// Writes the coefficient table of `qi fit` as CSV, one row per term.
enum FitCSVWriter {
    static func write(_ report: FitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.append("term,estimate,std_error,statistic,p_value,ci_lower,ci_upper\n")
        for j in fit.names.indices {
            output.appendCSVField(fit.names[j])
            for value in [fit.coefficients[j], fit.standardErrors[j], report.statistics[j],
                          report.pValues[j], report.intervals[j]?.lower, report.intervals[j]?.upper] {
                output.append(",")
                output.appendCSVNumber(value)
            }
            output.append("\n")
        }
        try sink.write(output)
    }
}
