import QIRegression

/// JSON pieces shared by `qi fit` and `qi factors`.
extension OutputBytes {
    /// The separation check: `{"detected", "method", "terms": [{"term", "direction"}]}`, or
    /// `null` when none was run (counts, gaussian models).
    mutating func appendSeparation(_ separation: Separation?) {
        guard let separation else { return append("null") }
        append("{\"detected\":")
        appendBool(separation.isSeparated)
        append(",\"method\":\"konis_linear_program\",\"terms\":[")
        for (offset, term) in separation.divergingTerms.enumerated() {
            append(offset == 0 ? "{\"term\":" : ",{\"term\":")
            appendJSONString(term.name)
            append(",\"direction\":")
            appendJSONString(term.direction.rawValue)
            append("}")
        }
        append("]}")
    }

    /// The opening keys every `qi fit` object shares: `{"formula", "family", "link"`.
    mutating func appendModelHeader(formula: String, family: String, link: String) {
        append("{\"formula\":")
        appendJSONString(formula)
        append(",\"family\":")
        appendJSONString(family)
        append(",\"link\":")
        appendJSONString(link)
    }

    /// The keys a mixed model writer puts after `"method"`, from `"n"` to `"singular"`.
    mutating func appendMixedModelProgress(rowCount: Int, rowsDropped: Int, converged: Bool,
                                           iterations: Int, lastRelativeChange: Double,
                                           singular: Bool) {
        append(",\"n\":")
        appendInteger(rowCount)
        append(",\"rows_dropped\":")
        appendInteger(rowsDropped)
        append(",\"converged\":")
        appendBool(converged)
        append(",\"iterations\":")
        appendInteger(iterations)
        append(",\"last_relative_change\":")
        appendNumber(lastRelativeChange)
        append(",\"singular\":")
        appendBool(singular)
    }

    /// The `"coefficients"` array of a mixed model, whose terms are never aliased (they are
    /// refused) nor diverging, from its opening bracket to its closing one.
    mutating func appendMixedModelCoefficients(names: [String], estimates: [Double],
                                               standardErrors: [Double], statistics: [Double],
                                               pValues: [Double],
                                               intervals: [(lower: Double, upper: Double)]) {
        append(",\"coefficients\":[\n")
        for j in names.indices {
            if j > 0 { append(",\n") }
            appendCoefficient(term: names[j], estimate: estimates[j],
                              standardError: standardErrors[j], statistic: statistics[j],
                              pValue: pValues[j], interval: intervals[j])
            append(",\"aliased\":false,\"diverges\":null}")
        }
        append("\n]")
    }

    /// The CSV header and one row per fixed effect of a mixed model.
    mutating func appendMixedModelCoefficientRows(names: [String], estimates: [Double],
                                                  standardErrors: [Double], statistics: [Double],
                                                  pValues: [Double],
                                                  intervals: [(lower: Double, upper: Double)]) {
        append("term,estimate,std_error,statistic,p_value,ci_lower,ci_upper\n")
        for j in names.indices {
            appendCSVField(names[j])
            for value in [estimates[j], standardErrors[j], statistics[j], pValues[j],
                          intervals[j].lower, intervals[j].upper] {
                append(",")
                appendCSVNumber(value)
            }
            append("\n")
        }
    }

    /// The keys of one coefficient every regression writer shares, from `"term"` to
    /// `"ci_upper"` (the object is left open for the writer's own keys).
    mutating func appendCoefficient(term: String, estimate: Double?, standardError: Double?,
                                    statistic: Double?, pValue: Double?, interval: (lower: Double, upper: Double)?) {
        append("{\"term\":")
        appendJSONString(term)
        let fields: [(StaticString, Double?)] = [
            (",\"estimate\":", estimate), (",\"std_error\":", standardError),
            (",\"statistic\":", statistic), (",\"p_value\":", pValue),
            (",\"ci_lower\":", interval?.lower), (",\"ci_upper\":", interval?.upper),
        ]
        for (key, value) in fields {
            append(key)
            appendNumber(value)
        }
    }

    /// `,"boundary":[...]`: the random-effect components of a singular fit, each with its
    /// relative factor θ, the criterion's derivative and, for binomial and Poisson mixed models
    /// (`withCurvature`), the log-likelihood's second derivative there.
    mutating func appendBoundaryComponents(_ components: [BoundaryComponent], withCurvature: Bool) {
        append(",\"boundary\":[")
        for (index, component) in components.enumerated() {
            if index > 0 { append(",") }
            append("{\"group\":")
            appendJSONString(component.group)
            append(",\"term\":")
            appendJSONString(component.term)
            append(",\"theta\":")
            appendNumber(component.theta)
            append(",\"gradient\":")
            appendNumber(component.gradient)
            if withCurvature {
                append(",\"curvature\":")
                appendNumber(component.curvature)
            }
            append("}")
        }
        append("]")
    }

    /// `,"likelihood_ratio_test":{...}` of `--compare`, or nothing without it.
    mutating func appendLikelihoodRatioTest(_ comparison: ModelComparison?) {
        guard let comparison else { return }
        append(",\"likelihood_ratio_test\":{\"reduced_formula\":")
        appendJSONString(comparison.reducedFormula)
        append(",\"statistic\":")
        appendNumber(comparison.test.statistic)
        append(",\"df\":")
        appendInteger(comparison.test.degreesOfFreedom)
        append(",\"p_value\":")
        appendNumber(comparison.test.pValue)
        append(",\"reduced_log_likelihood\":")
        appendNumber(comparison.test.reducedLogLikelihood)
        append("}")
    }
}
