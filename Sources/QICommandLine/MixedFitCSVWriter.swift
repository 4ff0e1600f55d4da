import QIRegression

/// Writes the coefficient table of a `qi fit` mixed model as CSV, one row per fixed effect,
/// then each random intercept's standard deviation as a row named `sd_(Intercept)|group`, as
/// lme4's `tidy` names it.
enum MixedFitCSVWriter {
    static func write(_ report: MixedFitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.appendMixedModelCoefficientRows(names: fit.names, estimates: fit.coefficients,
                                               standardErrors: fit.standardErrors,
                                               statistics: fit.statistics, pValues: fit.pValues,
                                               intervals: report.intervals)
        for effect in fit.randomEffects {
            output.appendCSVField("sd_\(effect.term)|\(effect.group)")
            for value in [effect.standardDeviation, effect.standardDeviationError,
                          nil, nil, nil, nil] as [Double?] {
                output.append(",")
                output.appendCSVNumber(value)
            }
            output.append("\n")
        }
        try sink.write(output)
    }
}
