import QISPC

/// Where everything goes: the plot area, the x and y scales, and the ticks, from a chart's
/// values and the style. Computes positions only, never statistics.
struct ChartLayout {
    struct XTick {
        let position: Double
        let label: String
    }

    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    let xScale: LinearScale
    let yScale: LinearScale
    /// The x coordinate (data units: day number, number or index) of each point.
    let xCoordinates: [Double]
    let xTicks: [XTick]
    let yTicks: [Double]
    /// The distance between y ticks, in plotted units: labels are written finely enough to be
    /// told apart at this resolution.
    let yTickStep: Double
    let yTickLabels: [String]
    /// Half the typical distance between neighbouring points, in pixels.
    let halfSpacing: Double

    static let headerHeight = 46.0
    static let rightMargin = 80.0
    static let bottomMargin = 46.0

    init(_ renderable: RenderableChart, style: ChartStyle, format: ValueFormat) {
        let chart = renderable.chart
        let points = chart.points
        xCoordinates = Self.xCoordinates(renderable)

        // y: every value that is drawn, so nothing falls outside the plot.
        var values: [Double] = []
        for point in points {
            switch chart.options.chart {
            case .cusum: values += [point.cusumUpper, point.cusumLower].compactMap { $0 }
            case .ewma: values += [point.ewma, point.value].compactMap { $0 }
            default: if let value = point.value { values.append(value) }
            }
            values += [point.centreLine, point.lowerLimit, point.upperLimit].compactMap { $0 }
            if style.showsTwoSigmaLines { values += [point.lowerLimit95, point.upperLimit95].compactMap { $0 } }
        }
        if let target = chart.options.target { values.append(target) }
        values = values.filter(\.isFinite)
        let minimum = values.min() ?? 0
        let maximum = values.max() ?? 1
        let plotHeight = style.height - Self.headerHeight - Self.bottomMargin
        var ticks = NiceTicks(minimum: minimum, maximum: maximum, desiredCount: max(3, Int(plotHeight / 45)))
        // Counts, proportions and rates cannot be negative: the axis never pretends they could.
        if minimum >= 0, ticks.lower < 0 {
            ticks = NiceTicks(minimum: 0, maximum: max(maximum, ticks.step), desiredCount: max(3, Int(plotHeight / 45)))
        }
        yTicks = ticks.values
        yTickStep = ticks.step
        yTickLabels = yTicks.map { format.tick($0, step: ticks.step) }

        let widestTick = yTickLabels.map { style.textWidth($0, size: style.fontSize) }.max() ?? 0
        plotLeft = (22 + widestTick + 8).rounded(.up)
        plotRight = style.width - Self.rightMargin
        plotTop = Self.headerHeight + 8
        plotBottom = style.height - Self.bottomMargin
        yScale = LinearScale(domain: ticks.lower...ticks.upper, start: plotBottom, end: plotTop)

        let spacings = zip(xCoordinates.dropFirst(), xCoordinates).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        let typicalSpacing = spacings.isEmpty ? 1 : spacings[spacings.count / 2]
        let first = xCoordinates.min() ?? 0
        let last = xCoordinates.max() ?? 1
        let pad = typicalSpacing / 2
        xScale = LinearScale(domain: (first - pad)...(last + pad), start: plotLeft, end: plotRight)
        halfSpacing = abs(xScale.position(first + typicalSpacing) - xScale.position(first)) / 2
        xTicks = Self.xTicks(renderable, xCoordinates: xCoordinates, scale: xScale, style: style)
    }

    /// Day numbers when every x is a date, the numbers when every x is a number, else 1, 2, 3 ...
    private static func xCoordinates(_ renderable: RenderableChart) -> [Double] {
        let values = renderable.xValues
        let count = renderable.chart.points.count
        let dates = values.compactMap { value -> Double? in
            if case .date(let date) = value { return Double(date.daysSinceEpoch) }
            return nil
        }
        if !values.isEmpty, dates.count == count { return dates }
        let numbers = values.compactMap { value -> Double? in
            if case .number(let number) = value { return number }
            return nil
        }
        if !values.isEmpty, numbers.count == count { return numbers }
        return renderable.chart.points.map { Double($0.index) }
    }

    private static func xTicks(_ renderable: RenderableChart, xCoordinates: [Double], scale: LinearScale,
                               style: ChartStyle) -> [XTick] {
        let characterWidth = style.fontSize * ChartStyle.averageCharacterWidth
        let plotWidth = scale.end - scale.start
        guard let first = xCoordinates.min(), let last = xCoordinates.max() else { return [] }
        let values = renderable.xValues
        if case .date(let firstDate)? = values.first, case .date(let lastDate)? = values.last,
           values.allSatisfy({ if case .date = $0 { return true } else { return false } }) {
            let pixelsPerDay = abs(scale.position(first + 1) - scale.position(first))
            let start = min(firstDate, lastDate)
            let end = max(firstDate, lastDate)
            return DateTicks(from: start, to: end, pixelsPerDay: pixelsPerDay, characterWidth: characterWidth)
                .ticks.map { XTick(position: scale.position(Double($0.day)), label: $0.label) }
        }
        if !values.isEmpty, !values.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
            // Text labels: every k-th, k chosen so the widest (shortened) label fits.
            let labels = values.indices.map { Self.shortened(renderable.xText(at: $0), to: 14) }
            let widest = (labels.map { Double($0.count) }.max() ?? 1) * characterWidth + 8
            let stride = max(1, Int((widest * Double(labels.count) / plotWidth).rounded(.up)))
            return Swift.stride(from: 0, to: labels.count, by: stride).map {
                XTick(position: scale.position(xCoordinates[$0]), label: labels[$0])
            }
        }
        // Numbers or indices: nice ticks inside the data range; whole steps for indices.
        let desired = max(2, Int(plotWidth / 70))
        let ticks = NiceTicks(minimum: first, maximum: last, desiredCount: desired)
        let isIndex = values.isEmpty
        return ticks.values.filter { $0 >= first - 1e-9 && $0 <= last + 1e-9 && (!isIndex || $0 == $0.rounded()) }
            .map { XTick(position: scale.position($0), label: DecimalText.fixed($0, decimals: isIndex ? 0 : ticks.decimals)) }
    }

    /// Text cut to `limit` characters with an ellipsis.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
