import QISimulation

/// `qi simulate` results as aligned text for people: one line per scenario with the final
/// adoption share and the sustained shares (each +/- its MCSE), then the contrasts.
enum SimulationTableWriter {
    static func write(_ result: SimulationResultFile, to sink: TextSink) throws(CommandFailure) {
        let layout = result.layout
        let summaries = SimulationSummary.summarise(result.accumulator, layout: layout)
        let identity = result.identity
        try sink.write("qi simulate: \(identity.replicates) replicates (CCGs) of \(identity.practices) practices over \(identity.months) months, seed \(identity.seed), \(identity.rng)\n")
        try sink.write("  replicates \(result.range.lowerBound)..<\(result.range.upperBound); reference scenario: \(identity.reference)\n")
        if let model = identity.successModel {
            try sink.write("  success model from \(model.source) (\(model.command), outcome \(model.outcome), \(model.scale.replacingOccurrences(of: "_", with: " ")) fit): \(model.terms.map { "\($0.term) -> \($0.parameter) \(format($0.value))" }.joined(separator: ", ")); kept from the scenarios: \(model.kept.joined(separator: ", "))\n")
        }
        try sink.write("  \(SimulationResultFile.note)\n")
        try sink.write("  Each figure: estimate (Monte Carlo SE). 'of successes' = share of successes sustained; 'of practices' = practices sustaining.\n\n")
        func text(_ value: Double?, _ error: Double?) -> String {
            guard let value else { return "-" }
            return format(value) + " (" + (error.map(format) ?? "-") + ")"
        }
        var header = ["scenario", "adopted (end)", "success/started", "dropout/started"]
        for (name, _) in summaries[0].sustainedShares { header.append(name.replacingOccurrences(of: "sustained_", with: "") + " of successes") }
        for (name, _) in summaries[0].practicesSustained { header.append(name.replacingOccurrences(of: "practices_sustained_", with: "") + " of practices") }
        var rows = [header]
        for summary in summaries {
            let final = summary.adoptedShare.last
            var row = [summary.id, text(final?.mean, final?.mcse),
                       text(summary.successPerStarted.pooled, summary.successPerStarted.mcse),
                       text(summary.dropoutPerStarted.pooled, summary.dropoutPerStarted.mcse)]
            row += summary.sustainedShares.map { text($0.estimate.pooled, $0.estimate.mcse) }
            row += summary.practicesSustained.map { text($0.estimate.pooled, $0.estimate.mcse) }
            rows.append(row)
        }
        try writeRows(rows, to: sink)
        try sink.write("\nContrasts against \(identity.reference) (difference, paired MCSE, variance-reduction factor of common random numbers):\n")
        var contrastRows = [["scenario", "quantity", "difference", "paired MCSE", "VRF"]]
        for summary in summaries {
            for contrast in summary.contrasts ?? [] {
                contrastRows.append([summary.id, contrast.quantity, contrast.difference.map(format) ?? "-",
                                     contrast.pairedMCSE.map(format) ?? "-",
                                     contrast.varianceReductionFactor.map(format) ?? "-"])
            }
        }
        try writeRows(contrastRows, to: sink)
    }

    private static func format(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded() / 10_000
        return OutputBytes.text(scaled)
    }

    private static func writeRows(_ rows: [[String]], to sink: TextSink) throws(CommandFailure) {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let line = row.enumerated().map { column, text in
                column == row.count - 1 ? text : text + String(repeating: " ", count: widths[column] - text.count)
            }.joined(separator: "  ")
            try sink.write("  " + line + "\n")
        }
    }
}
