import QIRegression

/// Writes a `qi fit` linear mixed model as aligned text for people, in the manner of lme4's
/// `summary.merMod`.
enum LinearMixedFitTableWriter {
    static func write(_ report: LinearMixedFitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        let format = FitTableWriter.format
        var lines: [String] = []
        lines.append("Formula: \(report.formula)")
        lines.append("Linear mixed model fit by "
            + (fit.criterion == .reml ? "REML" : "maximum likelihood"))
        lines.append("Rows used: \(fit.rowCount)" + (fit.rowsDropped > 0 ? " (\(fit.rowsDropped) dropped for missing values)" : ""))
        lines.append("")
        lines.append("Random effects:")
        var rows = [["group", "term", "groups", "variance", "std_dev", "correlation"]]
        for component in fit.varianceComponents {
            rows.append([component.group, component.term ?? "", component.groupCount.map(String.init) ?? "",
                         format(component.variance), format(component.standardDeviation),
                         component.correlation.map { format($0) } ?? ""])
        }
        lines += aligned(rows)
        lines.append("")
        lines.append("Fixed effects:")
        let percent = OutputBytes.text(report.level * 100)
        rows = [["term", "estimate", "std_error", "t", "p_normal", "lower_\(percent)%", "upper_\(percent)%"]]
        for j in fit.names.indices {
            rows.append([fit.names[j], format(fit.coefficients[j]), format(fit.standardErrors[j]),
                         format(fit.statistics[j]), FitTableWriter.formatP(fit.pValues[j]),
                         format(report.intervals[j].lower), format(report.intervals[j].upper)])
        }
        lines += aligned(rows)
        lines.append("")
        lines.append("Standard errors: sigma^2 (RX'RX)^-1 given the variance parameters (as lme4's vcov); "
            + "p-values and intervals use the normal approximation")
        if let criterion = fit.remlCriterion {
            lines.append("REML criterion at convergence \(format(criterion))")
        }
        lines.append("Log-likelihood \(format(fit.logLikelihood))"
            + (fit.criterion == .reml ? " (REML)" : "") + "; AIC \(format(fit.aic)); BIC \(format(fit.bic)); "
            + "deviance (ML) \(format(fit.deviance)); \(fit.iterations) iterations")
        if let comparison = report.comparison {
            lines.append(FitTableWriter.likelihoodRatioLine(comparison))
        }
        for warning in report.warnings { lines.append("Warning: \(warning)") }
        try sink.write(lines.joined(separator: "\n") + "\n")
    }

    private static func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column < 2 ? cell + String(repeating: " ", count: widths[column] - cell.count)
                           : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }
}
