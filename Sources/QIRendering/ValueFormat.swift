import QISPC

/// How the plotted values read: proportions as percentages, everything else as numbers.
///
/// A p or p' chart plots proportions; with `--multiply 1` they are shown times 100 with a
/// percent sign, with `--multiply 100` they already are percentages. Other charts are shown in
/// their own units.
struct ValueFormat: Sendable, Equatable {
    /// Multiplies a plotted value for display.
    let scale: Double
    let suffix: String

    init(options: ChartOptions) {
        if options.chart.plotsProportions, options.multiply == 1 {
            scale = 100
            suffix = "%"
        } else if options.chart.plotsProportions, options.multiply == 100 {
            scale = 1
            suffix = "%"
        } else {
            scale = 1
            suffix = ""
        }
    }

    /// A tick label with the decimals the tick step needs (in display units).
    func tick(_ value: Double, step: Double) -> String {
        let decimals = min(9, max(0, -DecimalText.decimalExponent(step * scale)))
        return DecimalText.fixed(value * scale, decimals: decimals) + suffix
    }

    /// A value read by people: about three significant figures.
    func readable(_ value: Double?) -> String {
        guard let value else { return "–" }
        return DecimalText.significant(value * scale) + suffix
    }
}

extension ValueFormat {
    /// Numbers as they are (CUSUM sums are in sigma units whatever the chart measures).
    static let plain = ValueFormat(scale: 1, suffix: "")

    private init(scale: Double, suffix: String) {
        self.scale = scale
        self.suffix = suffix
    }
}

extension ValueFormat {
    /// Funnel plots of proportions read as percentages, like p charts.
    init(funnel options: FunnelOptions) {
        let isProportion = options.chart == .proportion
        self.init(scale: isProportion && options.multiply == 1 ? 100 : 1,
                  suffix: isProportion && (options.multiply == 1 || options.multiply == 100) ? "%" : "")
    }
}
