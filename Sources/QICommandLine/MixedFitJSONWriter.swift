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
        output.appendInteger(fit.rowCount - fit.coefficients.count - fit.randomEffects.count)
        output.append(",\"standard_errors\":")
        output.appendJSONString(report.standardErrorsName)
        output.append(",\"statistic\":\"z\",\"ci_method\":\"wald\",\"level\":")
        output.appendNumber(report.level)
        output.append(",\"theta\":null,\"theta_std_error\":null,\"separation\":null")
        output.appendMixedModelCoefficients(names: fit.names, estimates: fit.coefficients,
                                            standardErrors: fit.standardErrors,
                                            statistics: fit.statistics, pValues: fit.pValues,
                                            intervals: report.intervals)
        output.append(",\"random_effects\":[")
        for (index, effect) in fit.randomEffects.enumerated() {
            if index > 0 { output.append(",") }
            output.append("{\"group\":")
            output.appendJSONString(effect.group)
            output.append(",\"term\":")
            output.appendJSONString(effect.term)
            output.append(",\"groups\":")
            output.appendInteger(effect.groupCount)
            output.append(",\"variance\":")
            output.appendNumber(effect.variance)
            output.append(",\"std_dev\":")
            output.appendNumber(effect.standardDeviation)
            output.append(",\"std_dev_std_error\":")
            output.appendNumber(effect.standardDeviationError)
            output.append(",\"correlation\":")
            output.appendNumber(effect.correlation)
            output.append("}")
        }
        output.append("]")
        if fit.randomEffects.count > 1 {
            // As the linear mixed model reports its boundary components.
            output.appendBoundaryComponents(fit.boundaryComponents, withCurvature: true)
        }
        output.appendLikelihoodRatioTest(report.comparison)
        output.append(",\"warnings\":[")
        output.appendJSONStrings(report.warnings)
        output.append("]}\n")
        try sink.write(output)
    }
}
