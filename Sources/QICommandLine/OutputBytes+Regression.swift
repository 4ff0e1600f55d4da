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
}
