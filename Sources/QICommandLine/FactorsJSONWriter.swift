import QIRegression

/// Writes `qi factors` results as JSON: `outcomes[]`, each with its `models[]` (primary
/// first) and their odds-ratio or rate-ratio rows; see Guides/Regression.md.
enum FactorsJSONWriter {
    static func write(_ result: FacilitatorAnalysisResult, to sink: TextSink) throws(CommandFailure) {
        var output = OutputBytes()
        output.append("{\"analysis\":\"facilitators\",\"practice\":")
        output.appendJSONString(result.practiceColumn)
        output.append(",\"practices\":")
        output.appendInteger(result.practiceCount)
        output.append(",\"factors\":[")
        output.appendJSONStrings(result.factors)
        output.append("],\"exposure\":")
        output.appendJSONString(result.exposureColumn)
        output.append(",\"level\":")
        output.appendNumber(result.level)
        output.append(",\"random_intercept\":{\"group\":")
        output.appendJSONString(result.practiceColumn)
        output.append(",\"fitted\":")
        output.appendBool(result.outcomes.allSatisfy { $0.randomIntercept != nil })
        output.append(",\"quadrature_rule\":")
        output.appendJSONString("adaptive Gauss-Hermite with "
            + "\(FacilitatorAnalysis.smallPracticeQuadraturePoints) nodes when the median practice "
            + "has fewer than \(Int(FacilitatorAnalysis.smallPracticeSize)) rows, else Laplace")
        output.append("},\"outcomes\":[")
        for (offset, outcome) in result.outcomes.enumerated() {
            output.append(offset == 0 ? "\n" : ",\n")
            writeOutcome(outcome, to: &output)
        }
        output.append("\n],\"warnings\":[")
        output.appendJSONStrings(result.allWarnings)
        output.append("]}\n")
        try sink.write(output)
    }

    private static func writeOutcome(_ outcome: OutcomeAnalysis, to output: inout OutputBytes) {
        output.append("{\"outcome\":")
        output.appendJSONString(outcome.outcome)
        output.append(",\"kind\":")
        output.appendJSONString(outcome.kind.rawValue)
        output.append(",\"family\":")
        output.appendJSONString(outcome.family.name)
        output.append(",\"link\":")
        output.appendJSONString(outcome.primary.estimate.link.rawValue)
        output.append(",\"formula\":")
        output.appendJSONString(outcome.formula)
        output.append(",\"method\":")
        output.appendJSONString(outcome.primary.method.rawValue)
        output.append(",\"n\":")
        output.appendInteger(outcome.rowCount)
        output.append(",\"rows_dropped\":")
        output.appendInteger(outcome.rowsDropped)
        output.append(",\"practices\":")
        output.appendInteger(outcome.practiceCount)
        output.append(",\"separation\":")
        output.appendSeparation(outcome.separation)
        writeRandomIntercept(outcome, to: &output)
        output.append(",\"models\":[")
        for (offset, model) in outcome.models.enumerated() {
            output.append(offset == 0 ? "\n" : ",\n")
            writeModel(model, ratioName: outcome.ratioName, to: &output)
        }
        output.append("\n],\"warnings\":[")
        output.appendJSONStrings(outcome.warnings)
        output.append("]}")
    }

    /// `random_intercept`: whether the primary model has one, with its quadrature, SD and
    /// error, or why not.
    private static func writeRandomIntercept(_ outcome: OutcomeAnalysis, to output: inout OutputBytes) {
        let mixed = outcome.randomIntercept
        output.append(",\"random_intercept\":{\"fitted\":")
        output.appendBool(mixed != nil)
        output.append(",\"median_practice_size\":")
        output.appendNumber(outcome.medianPracticeSize)
        output.append(",\"quadrature_points\":")
        output.appendInteger(mixed?.quadraturePoints)
        output.append(",\"std_dev\":")
        output.appendNumber(mixed?.randomInterceptStandardDeviation)
        output.append(",\"std_dev_std_error\":")
        output.appendNumber(mixed?.randomInterceptStandardDeviationError)
        output.append(",\"variance\":")
        output.appendNumber(mixed?.randomInterceptVariance)
        output.append(",\"singular\":")
        if let mixed { output.appendBool(mixed.isSingular) } else { output.append("null") }
        output.append(",\"omitted_because\":")
        output.appendJSONString(outcome.randomInterceptOmission)
        output.append("}")
    }

    private static func writeModel(_ model: FacilitatorModel, ratioName: String,
                                   to output: inout OutputBytes) {
        let fit = model.estimate
        output.append("{\"method\":")
        output.appendJSONString(model.method.rawValue)
        output.append(",\"role\":")
        output.appendJSONString(model.role.rawValue)
        output.append(",\"label\":")
        output.appendJSONString(model.label)
        output.append(",\"standard_errors\":")
        output.appendJSONString(model.standardErrorsName)
        output.append(",\"ci_method\":")
        output.appendJSONString(model.intervalMethod)
        output.append(",\"converged\":")
        output.appendBool(fit.converged)
        output.append(",\"iterations\":")
        output.appendInteger(fit.iterations)
        output.append(",\"log_likelihood\":")
        output.appendNumber(fit.logLikelihood)
        output.append(",\"penalized_log_likelihood\":")
        output.appendNumber(fit.penalizedLogLikelihood)
        output.append(",\"deviance\":")
        output.appendNumber(fit.deviance)
        output.append(",\"aic\":")
        output.appendNumber(fit.aic)
        output.append(",\"clusters\":")
        output.appendInteger(model.robustCovariance?.clusterCount)
        output.append(",\"quadrature_points\":")
        output.appendInteger(model.mixedFit?.quadraturePoints)
        output.append(",\"random_intercept_std_dev\":")
        output.appendNumber(model.mixedFit?.randomInterceptStandardDeviation)
        output.append(",\"coefficients\":[")
        for (offset, row) in model.coefficients.enumerated() {
            output.append(offset == 0 ? "\n" : ",\n")
            output.appendCoefficient(term: row.term, estimate: row.estimate, standardError: row.standardError,
                                     statistic: row.statistic, pValue: row.pValue,
                                     interval: row.interval.map { ($0.lower, $0.upper) })
            let fields: [(String, Double?)] = [
                (ratioName, row.ratio), ("\(ratioName)_ci_lower", row.ratioInterval?.lower),
                ("\(ratioName)_ci_upper", row.ratioInterval?.upper), ("df", row.degreesOfFreedom),
            ]
            for (key, value) in fields {
                output.append(",\"")
                output.append(key)
                output.append("\":")
                output.appendNumber(value)
            }
            output.append(",\"diverges\":")
            output.appendJSONString(row.diverges?.rawValue)
            output.append("}")
        }
        output.append("]}")
    }
}
