import QIRegression

/// Writes a `qi fit` mixed model as aligned text for people, in the manner of lme4's
/// `summary.merMod`.
enum MixedFitTableWriter {
    static func write(_ report: MixedFitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        let format = FitTableWriter.format
        var lines: [String] = []
        lines.append("Formula: \(report.formula)")
        lines.append("Family: \(fit.family.name) (link: \(fit.link.rawValue)); maximum likelihood, "
            + (fit.quadraturePoints == 1 ? "Laplace approximation"
               : "adaptive Gauss-Hermite quadrature with \(fit.quadraturePoints) points"))
        lines.append("Rows used: \(fit.rowCount)" + (fit.rowsDropped > 0 ? " (\(fit.rowsDropped) dropped for missing values)" : "")
            + "; groups: " + fit.randomEffects.indices
                .filter { $0 == 0 || fit.randomEffects[$0 - 1].group != fit.randomEffects[$0].group }
                .map { "\(fit.randomEffects[$0].groupCount) \(fit.randomEffects[$0].group)" }
                .joined(separator: ", "))
        lines.append("")
        for (index, effect) in fit.randomEffects.enumerated() {
            let previous = index > 0 ? fit.randomEffects[index - 1] : nil
            let sameTerm = previous?.group == effect.group && effect.term != "(Intercept)"
            let label = effect.term == "(Intercept)" ? "Random intercept: \(effect.group)"
                : "Random slope: \(effect.group) \(effect.term)"
            lines.append("\(label) variance \(format(effect.variance)), "
                + "std. dev. \(format(effect.standardDeviation)) (se \(format(effect.standardDeviationError)))"
                + (sameTerm && effect.correlation != nil
                   ? ", correlation with \(previous!.term) \(format(effect.correlation))" : ""))
        }
        lines.append("")
        let percent = OutputBytes.text(report.level * 100)
        let header = ["term", "estimate", "std_error", "z", "p_value",
                      "lower_\(percent)%", "upper_\(percent)%"]
        var rows = [header]
        for j in fit.names.indices {
            rows.append([fit.names[j], format(fit.coefficients[j]), format(fit.standardErrors[j]),
                         format(fit.statistics[j]), FitTableWriter.formatP(fit.pValues[j]),
                         format(report.intervals[j].lower), format(report.intervals[j].upper)])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 0 ? cell + String(repeating: " ", count: widths[0] - cell.count)
                            : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            lines.append(cells.joined(separator: "  "))
        }
        lines.append("")
        lines.append("Standard errors: observed Hessian of the approximate log-likelihood over "
            + "(std. dev., fixed effects), Richardson-extrapolated central differences")
        lines.append("Log-likelihood \(format(fit.logLikelihood)) (full, constants included); "
            + "AIC \(format(fit.aic)); BIC \(format(fit.bic)); \(fit.iterations) iterations")
        if let comparison = report.comparison {
            lines.append(FitTableWriter.likelihoodRatioLine(comparison))
        }
        for warning in report.warnings { lines.append("Warning: \(warning)") }
        try sink.write(lines.joined(separator: "\n") + "\n")
    }
}
