import QIRegression

/// Writes `qi factors` results as CSV: one row per outcome, model and term, the method named
/// on every row (`method`, `standard_errors`, `ci_method`, and the `model` label last).
enum FactorsCSVWriter {
    static func write(_ result: FacilitatorAnalysisResult, to sink: TextSink) throws(CommandFailure) {
        var output = OutputBytes()
        output.append("outcome,family,method,role,standard_errors,ci_method,term,estimate,"
                      + "std_error,statistic,p_value,ci_lower,ci_upper,ratio,ratio_ci_lower,"
                      + "ratio_ci_upper,diverges,model\n")
        for outcome in result.outcomes {
            for model in outcome.models {
                for row in model.coefficients {
                    for field in [outcome.outcome, outcome.family.name, model.method.rawValue,
                                  model.role.rawValue, model.standardErrorsName,
                                  model.intervalMethod, row.term] {
                        output.appendCSVField(field)
                        output.append(",")
                    }
                    for value in [row.estimate, row.standardError, row.statistic, row.pValue,
                                  row.interval?.lower, row.interval?.upper, row.ratio,
                                  row.ratioInterval?.lower, row.ratioInterval?.upper] {
                        output.appendCSVNumber(value)
                        output.append(",")
                    }
                    output.append(row.diverges?.rawValue ?? "NA")
                    output.append(",")
                    output.appendCSVField(model.label)
                    output.append("\n")
                }
            }
        }
        try sink.write(output)
    }
}
