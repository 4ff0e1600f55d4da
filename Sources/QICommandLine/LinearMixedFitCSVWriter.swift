import QIRegression

/// Writes the coefficient table of a `qi fit` linear mixed model as CSV, one row per fixed
/// effect, then one row per variance component named as broom.mixed's `tidy` names them
/// (`sd_(Intercept)|Subject`, `cor_(Intercept).Days|Subject`, `sd_Observation|Residual`),
/// with the estimate and no other columns.
enum LinearMixedFitCSVWriter {
    static func write(_ report: LinearMixedFitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.appendMixedModelCoefficientRows(names: fit.names, estimates: fit.coefficients,
                                               standardErrors: fit.standardErrors,
                                               statistics: fit.statistics, pValues: fit.pValues,
                                               intervals: report.intervals)
        var previous: VarianceComponent? = nil
        for component in fit.varianceComponents {
            var rows: [(String, Double)] = [
                ("sd_\(component.term ?? "Observation")|\(component.group)", component.standardDeviation),
            ]
            if let correlation = component.correlation, let previous, let term = component.term {
                rows.append(("cor_\(previous.term ?? "").\(term)|\(component.group)", correlation))
            }
            for (name, value) in rows {
                output.appendCSVField(name)
                output.append(",")
                output.appendCSVNumber(value)
                output.append(",,,,,\n")
            }
            previous = component
        }
        try sink.write(output)
    }
}
