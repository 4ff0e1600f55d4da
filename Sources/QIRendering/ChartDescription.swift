import QISPC

/// The words of a chart: its subtitle, the sentence screen readers announce, and the text of
/// each point's tooltip.
enum ChartDescription {
    static func chartName(_ chart: ChartType) -> String {
        switch chart {
        case .run: return "Run chart"
        case .i: return "I chart"
        case .mr: return "MR chart"
        case .xbar: return "Xbar chart"
        case .s: return "S chart"
        case .p: return "P chart"
        case .pp: return "P′ chart (Laney)"
        case .np: return "NP chart"
        case .c: return "C chart"
        case .u: return "U chart"
        case .up: return "U′ chart (Laney)"
        case .g: return "G chart"
        case .t: return "T chart"
        case .cusum: return "CUSUM chart"
        case .ewma: return "EWMA chart"
        }
    }

    static func rulesName(_ rules: RuleSet) -> String {
        switch rules {
        case .anhoej: return "Anhøj rules"
        case .ihi: return "IHI rules"
        case .mdc: return "Making Data Count rules"
        case .westernElectric: return "Western Electric rules"
        case .nelson: return "Nelson rules"
        }
    }

    /// `P chart · Anhøj rules · CL 2.15%, limits 0.3%–4.1% (vary)`, for the last part.
    static func subtitle(_ chart: ControlChart, format: ValueFormat) -> String {
        var parts = [chartName(chart.options.chart)]
        if ![.cusum, .ewma].contains(chart.options.chart) { parts.append(rulesName(chart.options.rules)) }
        if let limits = lastPartLimits(chart, format: format) { parts.append(limits) }
        return parts.joined(separator: " · ")
    }

    /// The last part's centre line and latest limits, noting when the limits vary.
    static func lastPartLimits(_ chart: ControlChart, format: ValueFormat) -> String? {
        guard let last = chart.points.last(where: { $0.centreLine != nil }), let centre = last.centreLine else { return nil }
        let prefix = chart.parts.count > 1 ? "part \(last.part): " : ""
        var text = prefix + (chart.options.chart == .run ? "median " : "CL ") + format.readable(centre)
        if last.lowerLimit != nil || last.upperLimit != nil {
            let partPoints = chart.points.filter { $0.part == last.part && $0.upperLimit != nil }
            let varies = Set(partPoints.map { $0.upperLimit! }).count > 1
            text += ", limits " + limitsText(last.lowerLimit, last.upperLimit, format: format)
            if varies { text += " (latest; they vary)" }
        }
        return text
    }

    /// `4.8%–16.3%`, or `-1.2 to 7.0` when a dash could be read as a minus sign.
    static func limitsText(_ lower: Double?, _ upper: Double?, format: ValueFormat) -> String {
        let isNegative = (lower ?? 0) < 0 || (upper ?? 0) < 0
        return format.readable(lower) + (isNegative ? " to " : "–") + format.readable(upper)
    }

    /// One sentence for screen readers: what the chart is and what it shows.
    static func sentence(_ renderable: RenderableChart, format: ValueFormat) -> String {
        let chart = renderable.chart
        var text = "\(chartName(chart.options.chart)) of \(renderable.yAxisTitle), \(chart.points.count) points"
        if chart.parts.count > 1 { text += " in \(chart.parts.count) parts" }
        text += "."
        for part in chart.parts {
            guard let centre = part.centreLine else { continue }
            let prefix = chart.parts.count > 1 ? " Part \(part.part):" : ""
            text += "\(prefix) centre line \(format.readable(centre))"
            text += part.runsSignal ? ", runs analysis signals non-random variation." : "."
        }
        let outside = chart.points.filter(\.sigmaSignal).count
        text += outside == 1 ? " 1 point outside the limits." : " \(outside) points outside the limits."
        if let variation = chart.variation { text += " Variation: \(readable(variation))." }
        if let assurance = chart.assurance { text += " Assurance: \(readable(assurance))." }
        return text
    }

    /// `Mar 1847: 4.1% (CL 10.5%, limits 4.8%–16.3%) · outside limits`.
    static func pointText(_ renderable: RenderableChart, offset: Int, value: Double, format: ValueFormat) -> String {
        let point = renderable.chart.points[offset]
        let isCumulative = renderable.chart.options.chart == .cusum
        let valueFormat = isCumulative ? ValueFormat.plain : format
        var text = renderable.xReadable(at: offset) + ": " + valueFormat.readable(value)
        if let centre = point.centreLine {
            text += " (CL " + valueFormat.readable(centre)
            if point.lowerLimit != nil || point.upperLimit != nil {
                text += ", limits " + limitsText(point.lowerLimit, point.upperLimit, format: valueFormat)
            }
            text += ")"
        }
        if point.isExcluded { text += " · excluded" }
        let signals = point.signals.map { $0.rawValue.replacingUnderscores() }
        if !signals.isEmpty { text += " · " + signals.joined(separator: ", ") }
        if let type = point.pointType, type != .commonCause { text += " · " + readable(type) }
        return text
    }

    static func readable(_ type: PointType) -> String {
        switch type {
        case .commonCause: return "common cause"
        case .specialCauseImprovement: return "special cause, improvement"
        case .specialCauseConcern: return "special cause, concern"
        case .specialCauseNeutral: return "special cause, neither better nor worse"
        }
    }

    static func readable(_ assurance: Assurance) -> String {
        switch assurance {
        case .consistentPass: return "consistently meets the target"
        case .consistentFail: return "consistently misses the target"
        case .inconsistent: return "may or may not meet the target"
        }
    }
}

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
