import QIRegression

/// Writes `qi fit` results as the JSON object INTERFACE.md specifies.
enum FitJSONWriter {
    static func write(_ report: FitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var output = OutputBytes()
        output.appendModelHeader(formula: report.formula, family: fit.family.name, link: fit.link.rawValue)
        output.append(",\"method\":")
        output.appendJSONString(fit.method.rawValue)
        output.append(",\"n\":")
        output.appendInteger(fit.rowCount)
        output.append(",\"rows_dropped\":")
        output.appendInteger(fit.rowsDropped)
        output.append(",\"converged\":")
        output.appendBool(!(fit.separation?.isSeparated ?? false) || fit.method == .firth)
        output.append(",\"iterations\":")
        output.appendInteger(fit.iterations)
        output.append(",\"step_halvings\":")
        output.appendInteger(fit.stepHalvings)
        let numbers: [(StaticString, Double?)] = [
            (",\"log_likelihood\":", fit.logLikelihood),
            (",\"penalized_log_likelihood\":", fit.penalizedLogLikelihood),
            (",\"penalized_log_likelihood_null\":", report.firthInference?.nullPenalizedLogLikelihood),
            (",\"deviance\":", fit.deviance),
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
        output.appendJSONString(report.statisticName)
        output.append(",\"ci_method\":")
        output.appendJSONString(report.intervalMethod)
        output.append(",\"level\":")
        output.appendNumber(report.level)
        output.append(",\"theta\":")
        output.appendNumber(fit.theta)
        output.append(",\"theta_std_error\":")
        output.appendNumber(fit.thetaStandardError)
        output.append(",\"global_test\":")
        if let test = report.firthInference?.globalTest {
            output.append("{\"statistic\":")
            output.appendNumber(test.statistic)
            output.append(",\"df\":")
            output.appendInteger(test.degreesOfFreedom)
            output.append(",\"p_value\":")
            output.appendNumber(test.pValue)
            output.append("}")
        } else {
            output.append("null")
        }
        output.append(",\"cluster\":")
        if let robust = report.robustCovariance, let column = report.clusterColumn {
            output.append("{\"column\":")
            output.appendJSONString(column)
            output.append(",\"clusters\":")
            output.appendInteger(robust.clusterCount)
            output.append(",\"type\":")
            output.appendJSONString(robust.type.rawValue)
            output.append(",\"df\":\"satterthwaite\"}")
        } else {
            output.append("null")
        }
        output.append(",\"separation\":")
        output.appendSeparation(fit.separation)
        output.append(",\"coefficients\":[\n")
        for j in fit.names.indices {
            if j > 0 { output.append(",\n") }
            output.appendCoefficient(term: fit.names[j], estimate: fit.coefficients[j],
                                     standardError: report.standardErrors[j], statistic: report.statistics[j],
                                     pValue: report.pValues[j],
                                     interval: report.intervals[j].map { ($0.lower, $0.upper) })
            if let robust = report.robustCovariance {
                output.append(",\"df\":")
                output.appendNumber(robust.degreesOfFreedom[j])
            }
            output.append(",\"aliased\":")
            output.appendBool(fit.aliasedNames.contains(fit.names[j]))
            output.append(",\"diverges\":")
            if let direction = report.divergence(j) {
                output.appendJSONString(direction)
            } else {
                output.append("null")
            }
            output.append("}")
        }
        output.append("\n],\"random_effects\":[]")
        for (key, effects) in [("average_marginal_effects", report.marginalEffects),
                               ("average_discrete_changes", report.discreteChanges)] {
            guard let effects else { continue }
            output.append(",\"\(key)\":[")
            for (offset, effect) in effects.enumerated() {
                output.append(offset == 0 ? "\n" : ",\n")
                output.appendCoefficient(term: effect.term, estimate: effect.estimate,
                                         standardError: effect.standardError,
                                         statistic: effect.statistic, pValue: effect.pValue,
                                         interval: effect.interval.map { ($0.lower, $0.upper) })
                if key == "average_discrete_changes" {
                    output.append(",\"predicted_at_0\":")
                    output.appendNumber(effect.predictions?.atZero)
                    output.append(",\"predicted_at_1\":")
                    output.appendNumber(effect.predictions?.atOne)
                }
                output.append("}")
            }
            output.append("]")
        }
        output.appendLikelihoodRatioTest(report.comparison)
        output.append(",\"warnings\":[")
        output.appendJSONStrings(report.warnings)
        output.append("]}\n")
        try sink.write(output)
    }
}
