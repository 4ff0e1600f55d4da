import QIRegression

/// Writes `qi fit` results as the JSON object INTERFACE.md specifies.
enum FitJSONWriter {
    static func write(_ report: FitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.append("{\"formula\":")
        output.appendJSONString(report.formula)
        output.append(",\"family\":")
        output.appendJSONString(fit.family.name)
        output.append(",\"link\":")
        output.appendJSONString(fit.link.rawValue)
        output.append(",\"method\":\"ml\",\"n\":")
        output.appendInteger(fit.rowCount)
        output.append(",\"rows_dropped\":")
        output.appendInteger(fit.rowsDropped)
        output.append(",\"converged\":true,\"iterations\":")
        output.appendInteger(fit.iterations)
        output.append(",\"step_halvings\":")
        output.appendInteger(fit.stepHalvings)
        let numbers: [(StaticString, Double?)] = [
            (",\"log_likelihood\":", fit.logLikelihood), (",\"deviance\":", fit.deviance),
            (",\"null_deviance\":", fit.nullDeviance), (",\"aic\":", fit.aic),
            (",\"bic\":", fit.bic), (",\"dispersion\":", fit.dispersion),
        ]
        for (key, value) in numbers {
            output.append(key)
            output.appendNumber(value)
        }
        output.append(",\"df_residual\":")
        output.appendInteger(fit.dfResidual)
        output.append(",\"standard_errors\":")
        output.appendJSONString(report.standardErrorsName)
        output.append(",\"statistic\":")
        output.appendJSONString(fit.usesTDistribution ? "t" : "z")
        output.append(",\"level\":")
        output.appendNumber(report.level)
        output.append(",\"theta\":")
        output.appendNumber(fit.theta)
        output.append(",\"theta_std_error\":")
        output.appendNumber(fit.thetaStandardError)
        output.append(",\"coefficients\":[\n")
        for j in fit.names.indices {
            output.append(j == 0 ? "{\"term\":" : ",\n{\"term\":")
            output.appendJSONString(fit.names[j])
            let fields: [(StaticString, Double?)] = [
                (",\"estimate\":", fit.coefficients[j]), (",\"std_error\":", fit.standardErrors[j]),
                (",\"statistic\":", report.statistics[j]), (",\"p_value\":", report.pValues[j]),
                (",\"ci_lower\":", report.intervals[j]?.lower),
                (",\"ci_upper\":", report.intervals[j]?.upper),
            ]
            for (key, value) in fields {
                output.append(key)
                output.appendNumber(value)
            }
            output.append(",\"aliased\":")
            output.appendBool(fit.coefficients[j] == nil)
            output.append("}")
        }
        output.append("\n],\"random_effects\":[],\"warnings\":[")
        for (offset, warning) in report.warnings.enumerated() {
            if offset > 0 { output.append(",") }
            output.appendJSONString(warning)
        }
        output.append("]}\n")
        try sink.write(output)
    }
}
