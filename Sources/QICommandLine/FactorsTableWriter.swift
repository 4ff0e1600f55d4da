import QIRegression

/// Writes `qi factors` results as aligned text for people: the odds-ratio (rate-ratio) table
/// with one column per outcome, side by side, and one row per term and method, the primary
/// model of each outcome marked.
enum FactorsTableWriter {
    /// The methods in the order their rows appear under each term.
    static let methodOrder = ["GLMM (AGQ \(FacilitatorAnalysis.smallPracticeQuadraturePoints))",
                              "GLMM (Laplace)", "ML + CR2", "ML", "Firth"]

    static func write(_ result: FacilitatorAnalysisResult, to sink: TextSink) throws(CommandFailure) {
        var lines: [String] = []
        let projects = result.outcomes.map(\.rowCount).max() ?? 0
        lines.append("Facilitator analysis: \(projects) projects in \(result.practiceCount) "
                     + "practices (column \(result.practiceColumn))")
        lines.append("")
        let percent = OutputBytes.text(result.level * 100)
        let outcomes = result.outcomes
        let labels = methodOrder.filter { label in
            outcomes.contains { $0.models.contains { $0.label == label } }
        }
        var terms: [String] = []
        for outcome in outcomes {
            for model in outcome.models {
                for row in model.coefficients where row.term != "(Intercept)"
                    && !terms.contains(row.term) {
                    terms.append(row.term)
                }
            }
        }
        var rows: [[String]] = [
            ["", ""] + outcomes.map(\.outcome),
            ["", ""] + outcomes.map { outcome in
                (outcome.kind == .binary ? "logistic" : "Poisson") + ", n = \(outcome.rowCount)"
            },
            ["term", "method"] + outcomes.map { outcome in
                (outcome.kind == .binary ? "odds ratio" : "rate ratio")
                    + " (\(percent)% CI), p"
            },
        ]
        for term in terms {
            for (index, label) in labels.enumerated() {
                var row = [index == 0 ? term : "", label]
                for outcome in outcomes {
                    guard let model = outcome.models.first(where: { $0.label == label }),
                          let coefficient = model.coefficients.first(where: { $0.term == term })
                    else {
                        row.append("-")
                        continue
                    }
                    row.append(cell(coefficient) + (model.role == .primary ? " *" : ""))
                }
                rows.append(row)
            }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (number, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            lines.append(line)
            if number == 2 {
                lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)))
            }
        }
        lines.append("")
        lines.append("* the primary model of the outcome. Methods:")
        for label in labels {
            let example = outcomes.lazy.flatMap(\.models).first { $0.label == label }!
            if example.mixedFit != nil {
                lines.append("  \(label): mixed model, random intercept per \(result.practiceColumn), "
                             + "practice-specific effects, Wald z")
            } else if let robust = example.robustCovariance {
                lines.append("  \(label): maximum likelihood, \(robust.type.rawValue) cluster-robust errors "
                             + "by \(result.practiceColumn) (\(robust.clusterCount) clusters), t on "
                             + "Satterthwaite df")
            } else {
                lines.append("  \(label): \(example.description)")
            }
        }
        for outcome in outcomes {
            var line = "\(outcome.outcome): primary \(outcome.primary.label)"
            if let mixed = outcome.randomIntercept {
                line += mixed.isSingular
                    ? " (random-intercept SD 0: a singular, boundary fit)"
                    : " (random-intercept SD \(CNumberFormat.text(mixed.randomInterceptStandardDeviation, "%.3g")))"
            } else if let omission = outcome.randomInterceptOmission {
                line += " (no random intercept: \(omission))"
            }
            if let separation = outcome.separation {
                line += separation.isSeparated
                    ? "; SEPARATED in " + separation.divergingTerms.map { "\($0.name) (\($0.direction.rawValue))" }.joined(separator: ", ") + ", so Firth's method"
                    : "; no separation"
            }
            line += "; formula \(outcome.formula)"
            lines.append(line)
        }
        for warning in result.allWarnings { lines.append("Warning: \(warning)") }
        try sink.write(lines.joined(separator: "\n") + "\n")
    }

    /// "1.66 (0.91, 3.02), 0.098"; a diverging estimate as "+Inf (separation)".
    static func cell(_ coefficient: FacilitatorCoefficient) -> String {
        if let direction = coefficient.diverges {
            return direction == .plusInfinity ? "Inf (separation)" : "0 (separation)"
        }
        guard let ratio = coefficient.ratio else { return "NA (aliased)" }
        var text = number(ratio)
        if let interval = coefficient.ratioInterval {
            text += " (\(number(interval.lower)), \(number(interval.upper)))"
        } else {
            text += " (NA)"
        }
        return text + ", " + FitTableWriter.formatP(coefficient.pValue)
    }

    /// Two decimals for ratios of ordinary size, three significant digits otherwise.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "Inf" : "NA" }
        return value >= 0.01 && value < 1000 ? CNumberFormat.text(value, "%.2f")
                                             : CNumberFormat.text(value, "%.3g")
    }
}
