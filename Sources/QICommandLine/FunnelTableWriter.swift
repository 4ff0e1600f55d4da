import QISPC

/// Writes `qi funnel` results as aligned text for people: the target and overdispersion,
/// then one line per unit.
enum FunnelTableWriter {
    static func write(_ plot: FunnelPlot, source: String, to sink: TextSink) throws(CommandFailure) {
        let format = SPCTableFormat.format
        let overdispersion = plot.overdispersion
        try sink.write("\(source): \(plot.options.chart.rawValue) funnel, target \(format(plot.target))\n")
        let adjustment = overdispersion.isApplied ? "\(overdispersion.method.rawValue) adjustment applied" : "exact limits"
        try sink.write("  overdispersion: phi \(format(overdispersion.phi)), tau^2 \(format(overdispersion.tau2)) on the \(plot.options.chart.scaleName) scale; \(adjustment)\n")
        for warning in plot.warnings { try sink.write("  warning: \(warning)\n") }
        let header = ["unit", "y", "n", "rate", "z", "lcl_998", "lcl_95", "ucl_95", "ucl_998", "flag"]
        var rows = [header]
        for unit in plot.units {
            let limits = unit.limits
            rows.append([unit.name, format(unit.numerator), format(unit.denominator), format(unit.rate), format(unit.zScore),
                         format(limits?.lower998), format(limits?.lower95), format(limits?.upper95), format(limits?.upper998),
                         unit.flag?.rawValue ?? "-"])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let line = row.enumerated().map { column, text in
                column == row.count - 1 ? text : text + String(repeating: " ", count: widths[column] - text.count)
            }.joined(separator: "  ")
            try sink.write("  " + line + "\n")
        }
    }
}
