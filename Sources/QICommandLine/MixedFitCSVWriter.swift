import QIRegression

/// Writes the coefficient table of a `qi fit` mixed model as CSV, one row per fixed effect,
/// then each random effect's standard deviation as a row named `sd_(Intercept)|group` (or
/// `sd_x|group` for a slope), as lme4's `tidy` names it, and a slope's correlation with the
/// previous column as `cor_(Intercept).x|group`.
enum MixedFitCSVWriter {
    static func write(_ report: MixedFitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.appendMixedModelCoefficientRows(names: fit.names, estimates: fit.coefficients,
                                               standardErrors: fit.standardErrors,
                                               statistics: fit.statistics, pValues: fit.pValues,
                                               intervals: report.intervals)
        for (index, effect) in fit.randomEffects.enumerated() {
            output.appendCSVField("sd_\(effect.term)|\(effect.group)")
            for value in [effect.standardDeviation, effect.standardDeviationError,
                          nil, nil, nil, nil] as [Double?] {
                output.append(",")
                output.appendCSVNumber(value)
            }
            output.append("\n")
            // The correlation with the term's previous column, as broom.mixed's cor__a.b.
            guard let correlation = effect.correlation, index > 0 else { continue }
            output.appendCSVField("cor_\(fit.randomEffects[index - 1].term).\(effect.term)|\(effect.group)")
            for value in [correlation, nil, nil, nil, nil, nil] as [Double?] {
                output.append(",")
                output.appendCSVNumber(value)
            }
            output.append("\n")
        }
        try sink.write(output)
    }
}
