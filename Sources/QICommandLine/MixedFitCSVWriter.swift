import QIRegression

/// Writes the coefficient table of a `qi fit` mixed model as CSV, one row per fixed effect,
/// then the random intercept's standard deviation as a row named `sd_(Intercept)|group`, as
/// lme4's `tidy` names it.
enum MixedFitCSVWriter {
    static func write(_ report: MixedFitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.append("term,estimate,std_error,statistic,p_value,ci_lower,ci_upper\n")
        for j in fit.names.indices {
            output.appendCSVField(fit.names[j])
            for value in [fit.coefficients[j], fit.standardErrors[j], fit.statistics[j],
                          fit.pValues[j], report.intervals[j].lower, report.intervals[j].upper] {
                output.append(",")
                output.appendCSVNumber(value)
            }
            output.append("\n")
        }
        output.appendCSVField("sd_(Intercept)|\(fit.groupLabel)")
        for value in [fit.randomInterceptStandardDeviation, fit.randomInterceptStandardDeviationError,
                      nil, nil, nil, nil] as [Double?] {
            output.append(",")
            output.appendCSVNumber(value)
        }
        output.append("\n")
        try sink.write(output)
    }
}
