import QIRegression

/// Writes a `qi fit` linear mixed model as the JSON object INTERFACE.md specifies.
enum LinearMixedFitJSONWriter {
    static func write(_ report: LinearMixedFitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.appendModelHeader(formula: report.formula, family: "gaussian", link: "identity")
        output.append(",\"method\":")
        output.appendJSONString(report.method)
        output.appendMixedModelProgress(rowCount: fit.rowCount, rowsDropped: fit.rowsDropped,
                                        converged: fit.converged, iterations: fit.iterations,
                                        lastRelativeChange: fit.lastRelativeChange,
                                        singular: fit.isSingular)
        let numbers: [(StaticString, Double?)] = [
            (",\"log_likelihood\":", fit.logLikelihood), (",\"reml_criterion\":", fit.remlCriterion),
            (",\"deviance\":", fit.deviance), (",\"aic\":", fit.aic), (",\"bic\":", fit.bic),
            (",\"sigma\":", fit.residualStandardDeviation),
        ]
        for (key, value) in numbers {
            output.append(key)
            output.appendNumber(value)
        }
        output.append(",\"parameters\":")
        output.appendInteger(fit.parameterCount)
        output.append(",\"df_residual\":")
        output.appendInteger(fit.residualDegreesOfFreedom)
        output.append(",\"standard_errors\":")
        output.appendJSONString(report.standardErrorsName)
        output.append(",\"statistic\":\"t\",\"p_value_method\":\"normal_approximation\"")
        output.append(",\"ci_method\":\"wald\",\"level\":")
        output.appendNumber(report.level)
        output.append(",\"theta\":null,\"theta_std_error\":null,\"separation\":null")
        output.append(",\"relative_covariance_factors\":[")
        for (index, value) in fit.theta.enumerated() {
            if index > 0 { output.append(",") }
            output.appendNumber(value)
        }
        output.append("]")
        output.appendMixedModelCoefficients(names: fit.names, estimates: fit.coefficients,
                                            standardErrors: fit.standardErrors,
                                            statistics: fit.statistics, pValues: fit.pValues,
                                            intervals: report.intervals)
        output.append(",\"random_effects\":[\n")
        for (index, component) in fit.varianceComponents.enumerated() {
            if index > 0 { output.append(",\n") }
            output.append("{\"group\":")
            output.appendJSONString(component.group)
            output.append(",\"term\":")
            output.appendJSONString(component.term)
            output.append(",\"groups\":")
            output.appendInteger(component.groupCount)
            output.append(",\"variance\":")
            output.appendNumber(component.variance)
            output.append(",\"std_dev\":")
            output.appendNumber(component.standardDeviation)
            output.append(",\"correlation\":")
            output.appendNumber(component.correlation)
            output.append("}")
        }
        output.append("\n]")
        output.appendBoundaryComponents(fit.boundaryComponents, withCurvature: false)
        output.appendLikelihoodRatioTest(report.comparison)
        output.append(",\"warnings\":[")
        output.appendJSONStrings(report.warnings)
        output.append("]}\n")
        try sink.write(output)
    }
}
