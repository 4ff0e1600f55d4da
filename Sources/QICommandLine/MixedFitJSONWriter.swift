import QIRegression

/// Writes a `qi fit` mixed model as the JSON object INTERFACE.md specifies.
enum MixedFitJSONWriter {
    static func write(_ report: MixedFitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.appendModelHeader(formula: report.formula, family: fit.family.name, link: fit.link.rawValue)
        output.append(",\"method\":\"ml\",\"approximation\":")
        output.appendJSONString(report.approximation)
        output.append(",\"nagq\":")
        output.appendInteger(fit.quadraturePoints)
        output.append(",\"n\":")
        output.appendInteger(fit.rowCount)
        output.append(",\"rows_dropped\":")
        output.appendInteger(fit.rowsDropped)
        output.append(",\"converged\":")
        output.appendBool(fit.converged)
        output.append(",\"iterations\":")
        output.appendInteger(fit.iterations)
        output.append(",\"last_relative_change\":")
        output.appendNumber(fit.lastRelativeChange)
        output.append(",\"singular\":")
        output.appendBool(fit.isSingular)
        let numbers: [(StaticString, Double?)] = [
            (",\"log_likelihood\":", fit.logLikelihood), (",\"deviance\":", fit.deviance),
            (",\"aic\":", fit.aic), (",\"bic\":", fit.bic),
        ]
        for (key, value) in numbers {
            output.append(key)
            output.appendNumber(value)
        }
        output.append(",\"df_residual\":")
        output.appendInteger(fit.rowCount - fit.coefficients.count - 1)
        output.append(",\"standard_errors\":")
        output.appendJSONString(report.standardErrorsName)
        output.append(",\"statistic\":\"z\",\"ci_method\":\"wald\",\"level\":")
        output.appendNumber(report.level)
        output.append(",\"theta\":null,\"theta_std_error\":null,\"separation\":null")
        output.appendMixedModelCoefficients(names: fit.names, estimates: fit.coefficients,
                                            standardErrors: fit.standardErrors,
                                            statistics: fit.statistics, pValues: fit.pValues,
                                            intervals: report.intervals)
        output.append(",\"random_effects\":[{\"group\":")
        output.appendJSONString(fit.groupLabel)
        output.append(",\"term\":\"(Intercept)\",\"groups\":")
        output.appendInteger(fit.groupCount)
        output.append(",\"variance\":")
        output.appendNumber(fit.randomInterceptVariance)
        output.append(",\"std_dev\":")
        output.appendNumber(fit.randomInterceptStandardDeviation)
        output.append(",\"std_dev_std_error\":")
        output.appendNumber(fit.randomInterceptStandardDeviationError)
        output.append("}]")
        output.appendLikelihoodRatioTest(report.comparison)
        output.append(",\"warnings\":[")
        output.appendJSONStrings(report.warnings)
        output.append("]}\n")
        try sink.write(output)
    }
}
