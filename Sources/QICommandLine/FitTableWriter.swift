#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QIRegression

/// Writes `qi fit` results as aligned text for people, in the manner of R's `summary.glm`.
enum FitTableWriter {
    static func write(_ report: FitReport, to sink: TextSink) throws(CommandFailure) {
        let fit = report.fit
        var lines: [String] = []
        lines.append("Formula: \(report.formula)")
        var familyLine = "Family: \(fit.family.name) (link: \(fit.link.rawValue))"
        if let theta = fit.theta {
            familyLine += ", theta \(format(theta)) (se \(format(fit.thetaStandardError)))"
        }
        lines.append(familyLine)
        lines.append("Rows used: \(fit.rowCount)" + (fit.rowsDropped > 0 ? " (\(fit.rowsDropped) dropped for missing values)" : ""))
        lines.append("")
        let percent = OutputBytes.text(report.level * 100)
        let statistic = report.firthInference != nil ? "chisq"
            : report.robustCovariance != nil || fit.usesTDistribution ? "t" : "z"
        let header = ["term", "estimate", "std_error", statistic, "p_value",
                      "lower_\(percent)%", "upper_\(percent)%"]
        var rows = [header]
        for j in fit.names.indices {
            let estimate = report.divergence(j).map { $0 == "+infinity" ? "+Inf" : "-Inf" }
                ?? format(fit.coefficients[j])
            rows.append([fit.names[j], estimate, format(report.standardErrors[j]),
                         format(report.statistics[j]), formatP(report.pValues[j]),
                         format(report.intervals[j]?.lower), format(report.intervals[j]?.upper)])
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
        if fit.method == .firth {
            lines.append("Method: Firth's penalised likelihood; penalised log-likelihood "
                         + "\(format(fit.penalizedLogLikelihood))"
                         + (report.firthInference != nil ? "; intervals and p-values from the profile penalised likelihood" : ""))
            if let test = report.firthInference?.globalTest {
                lines.append("Penalised likelihood-ratio test of all terms but the intercept: "
                             + "chisq \(format(test.statistic)) on \(test.degreesOfFreedom) df, p \(formatP(test.pValue))")
            }
        }
        if let robust = report.robustCovariance {
            lines.append("Standard errors: cluster-robust \(robust.type.rawValue) by \(report.clusterColumn ?? "") "
                         + "(\(robust.clusterCount) clusters); t tests and intervals on Satterthwaite degrees of freedom")
        } else {
            lines.append("Standard errors: Fisher information at the estimate"
                     + (fit.usesTDistribution ? ", dispersion \(format(fit.dispersion))" : "")
                     + (report.profileIntervals != nil ? "; intervals from the profile likelihood"
                        + (fit.theta != nil ? " at fixed theta" : "")
                        + (fit.usesTDistribution ? " (deviance over the dispersion, normal quantile)" : "")
                        + ", Wald tests" : ""))
        }
        lines.append("Deviance \(format(fit.deviance)) on \(fit.dfResidual) df; null deviance "
                     + "\(format(fit.nullDeviance)) on \(fit.dfNull) df")
        lines.append("Log-likelihood \(format(fit.logLikelihood)); AIC \(format(fit.aic)); "
                     + "BIC \(format(fit.bic)); \(fit.iterations) iterations")
        let sections = [("Average marginal effects on the mean (dy/dx, delta-method errors):",
                         report.marginalEffects),
                        ("Average discrete changes of the mean, 0/1 columns from 0 to 1 (delta-method errors):",
                         report.discreteChanges)]
        for case let (title, effects?) in sections where !effects.isEmpty {
            lines.append(title)
            for effect in effects {
                lines.append("  \(effect.term)  \(format(effect.estimate))  se \(format(effect.standardError))  "
                             + "(\(format(effect.interval?.lower)), \(format(effect.interval?.upper)))  "
                             + "p \(formatP(effect.pValue))"
                             + (effect.predictions.map { "  mean at 0: \(format($0.atZero)), at 1: \(format($0.atOne))" } ?? ""))
            }
        }
        if let comparison = report.comparison { lines.append(Self.likelihoodRatioLine(comparison)) }
        for warning in report.warnings { lines.append("Warning: \(warning)") }
        try sink.write(lines.joined(separator: "\n") + "\n")
    }

    /// The `--compare` result in one line.
    static func likelihoodRatioLine(_ comparison: ModelComparison) -> String {
        "Likelihood-ratio test against \(comparison.reducedFormula): chi-square "
            + "\(format(comparison.test.statistic)) on \(comparison.test.degreesOfFreedom) df, "
            + "p = \(formatP(comparison.test.pValue))"
    }

    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "NA" }
        return CNumberFormat.text(value, "%.6g")
    }

    static func formatP(_ value: Double?) -> String {
        guard let value else { return "NA" }
        return value < 1e-4 ? "<1e-04" : CNumberFormat.text(value, "%.4f")
    }
}
