import Foundation
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
        let statistic = fit.usesTDistribution ? "t" : "z"
        let header = ["term", "estimate", "std_error", statistic, "p_value",
                      "lower_\(percent)%", "upper_\(percent)%"]
        var rows = [header]
        for j in fit.names.indices {
            rows.append([fit.names[j], format(fit.coefficients[j]), format(fit.standardErrors[j]),
                         format(report.statistics[j]), formatP(report.pValues[j]),
                         format(report.intervals[j]?.lower), format(report.intervals[j]?.upper)])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                            : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            lines.append(cells.joined(separator: "  "))
        }
        lines.append("")
        lines.append("Standard errors: Fisher information at the estimate"
                     + (fit.usesTDistribution ? ", dispersion \(format(fit.dispersion))" : ""))
        lines.append("Deviance \(format(fit.deviance)) on \(fit.dfResidual) df; null deviance "
                     + "\(format(fit.nullDeviance)) on \(fit.dfNull) df")
        lines.append("Log-likelihood \(format(fit.logLikelihood)); AIC \(format(fit.aic)); "
                     + "BIC \(format(fit.bic)); \(fit.iterations) iterations")
        for warning in report.warnings { lines.append("Warning: \(warning)") }
        try sink.write(lines.joined(separator: "\n") + "\n")
    }

    static func format(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "NA" }
        return String(format: "%.6g", value)
    }

    static func formatP(_ value: Double?) -> String {
        guard let value else { return "NA" }
        return value < 1e-4 ? "<1e-04" : String(format: "%.4f", value)
    }
}
