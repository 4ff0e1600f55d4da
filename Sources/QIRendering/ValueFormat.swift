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
    /// The axis tick step (plotted units), when known: readable values then carry one decimal
    /// more than the ticks, so 74.015 and 73.987 never both read "74".
    var resolution: Double?

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

    /// A value read by people: about three significant figures, and finer than the axis ticks.
    func readable(_ value: Double?) -> String {
        guard let value else { return "–" }
        guard let resolution, resolution > 0, value != 0 else { return DecimalText.significant(value * scale) + suffix }
        let tickDecimals = max(0, -DecimalText.decimalExponent(resolution * scale))
        let significantDecimals = max(0, 2 - DecimalText.decimalExponent(value * scale))
        return DecimalText.trimmed(value * scale, decimals: min(9, max(tickDecimals + 1, significantDecimals))) + suffix
    }

    /// This format with labels fine enough for an axis whose ticks are `step` apart.
    func resolving(_ step: Double) -> ValueFormat {
        var format = self
        format.resolution = step
        return format
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

extension ValueFormat {
    /// Shares (0 to 1) read as percentages, as the scenario charts show them.
    static let percentage = ValueFormat(scale: 100, suffix: "%")
}
