/// Draws the pooled sustained shares of every scenario with their 95% Monte Carlo intervals as
/// a dot-and-interval chart: one row per scenario, one panel per clock (sustained so many months
/// after the project's success, or after its support ended), one marker per horizon.
///
/// Rows share one axis across panels, so the clocks compare as well as the scenarios. The axis
/// covers the intervals rather than starting at zero: a dot plot encodes position, not length,
/// and the intervals would otherwise be a few pixels wide. Horizons differ in shape as well as
/// colour (circle, square, diamond, triangle), so they stay apart without colour vision. The
/// reference scenario's row is shaded and its name bold. Every figure was computed by the
/// simulation; the intervals are pooled +/- 1.96 MCSE as it reported them.
public struct SustainedSharesSVG: Sendable {
    public var style: ChartStyle

    public init(style: ChartStyle = .standard) {
        self.style = style
    }

    public func render(_ run: RenderableScenarioRun) -> String {
        element(run).markup
    }

    /// The chart as a figure for `HTMLReport`'s `.figures` section.
    public func figure(_ run: RenderableScenarioRun, caption: String) -> HTMLReport.Figure {
        HTMLReport.Figure(markup: render(run), caption: caption)
    }

    static let rowHeight = 26.0
    static let panelHeadingHeight = 22.0
    static let panelGap = 44.0
    static let footerHeight = 64.0

    func element(_ run: RenderableScenarioRun) -> SVGElement {
        let palette = style.palette
        var clocks: [String] = []
        var horizons: [Int] = []
        for share in run.scenarios.flatMap(\.sustainedShares) {
            if !clocks.contains(share.clock) { clocks.append(share.clock) }
            if !horizons.contains(share.horizonMonths) { horizons.append(share.horizonMonths) }
        }
        let colours = [palette.centreLine, palette.concern, palette.target, palette.neutral]
        let width = style.width
        let plotTop = SVGElement.framedHeaderHeight + 8 + Self.panelHeadingHeight
        let plotBottom = plotTop + Self.rowHeight * Double(max(run.scenarios.count, 1))
        let hasMissing = run.scenarios.contains { $0.sustainedShares.contains { $0.pooled == nil } }
        let height = plotBottom + Self.footerHeight + (hasMissing ? 16 : 0)
        let labelWidth = (run.scenarios.map { style.textWidth($0.id, size: style.fontSize) }.max() ?? 40).rounded(.up)
        let plotLeft = 16 + labelWidth + 12
        let plotRight = width - 24
        let panelCount = Double(max(clocks.count, 1))
        let panelWidth = (plotRight - plotLeft - Self.panelGap * (panelCount - 1)) / panelCount

        let bounds = run.scenarios.flatMap(\.sustainedShares).flatMap { [$0.lower95, $0.pooled, $0.upper95].compactMap { $0 } }
            .filter(\.isFinite)
        var ticks = NiceTicks(minimum: bounds.min() ?? 0, maximum: bounds.max() ?? 1, desiredCount: max(2, Int(panelWidth / 60)))
        // Shares lie in [0, 1]: the axis never pretends they could lie outside.
        if ticks.lower < 0 || ticks.upper > 1 {
            ticks = NiceTicks(minimum: max(0, bounds.min() ?? 0), maximum: min(1, bounds.max() ?? 1), desiredCount: max(2, Int(panelWidth / 60)))
        }
        let format = ValueFormat.percentage
        let readable = format.resolving(ticks.step)

        let title = "Improvements sustained, by scenario"
        let horizonText = horizons.map { "\($0)" }.joined(separator: " and ")
        var description = "Share of successful projects still sustained \(horizonText) months after success and after support ended, pooled over \(run.runDescription), with 95% Monte Carlo intervals (pooled ± 1.96 MCSE), for \(run.scenarios.count) scenarios; reference \(run.reference)."
        if let reference = run.referenceScenario {
            let figures = reference.sustainedShares.map { "\($0.clock) \($0.horizonMonths) months \(readable.readable($0.pooled))" }
            if !figures.isEmpty { description += " Reference: " + figures.joined(separator: ", ") + "." }
        }
        let missing = run.scenarios.flatMap { scenario in
            scenario.sustainedShares.filter { $0.pooled == nil }.map { "\(scenario.id) \($0.clock) \($0.horizonMonths) months" }
        }
        if !missing.isEmpty { description += " No eligible successes, so no share: " + missing.joined(separator: ", ") + "." }
        description += " " + RenderableScenarioRun.assumptionNote
        var root = SVGElement.chartFrame(kind: "qi-sustained-shares", width: width, height: height, title: title,
                                         description: description, style: style)
        root.append(contentsOf: SVGElement.chartHeader(
            title: title,
            subtitle: "Pooled shares with 95% Monte Carlo intervals · \(run.shortRunDescription) · reference shaded",
            note: RenderableScenarioRun.assumptionNote, width: width, style: style))

        for (row, scenario) in run.scenarios.enumerated() {
            let middle = plotTop + Self.rowHeight * (Double(row) + 0.5)
            let isReference = scenario.id == run.reference
            if isReference {
                root.append(SVGElement("rect", [("class", "reference"), ("x", 8), ("y", .number(middle - Self.rowHeight / 2)),
                                                ("width", .number(width - 16)), ("height", .number(Self.rowHeight)),
                                                ("fill", .text(palette.grid))]))
            }
            var attributes: [(name: String, value: SVGElement.Value)] = [
                ("x", .number(plotLeft - 12)), ("y", .number(middle + style.fontSize * 0.35)), ("text-anchor", "end"),
                ("fill", .text(palette.text)),
            ]
            if isReference { attributes.append(("font-weight", "600")) }
            root.append(SVGElement("text", attributes, text: scenario.id))
        }

        for (panel, clock) in clocks.enumerated() {
            let left = plotLeft + Double(panel) * (panelWidth + Self.panelGap)
            let scale = LinearScale(domain: ticks.lower...ticks.upper, start: left, end: left + panelWidth)
            root.append(SVGElement("text", [("x", .number(left + panelWidth / 2)), ("y", .number(plotTop - 8)),
                                            ("text-anchor", "middle"), ("font-weight", "600"), ("fill", .text(palette.text))],
                                   text: "Sustained \(clock)"))
            for value in ticks.values {
                let x = scale.position(value)
                root.append(SVGElement("line", [("x1", .number(x)), ("y1", .number(plotTop)), ("x2", .number(x)),
                                                ("y2", .number(plotBottom)), ("stroke", .text(palette.grid))]))
                root.append(SVGElement("text", [("x", .number(x)), ("y", .number(plotBottom + 16)), ("text-anchor", "middle"),
                                                ("fill", .text(palette.mutedText))], text: format.tick(value, step: ticks.step)))
            }
            root.append(SVGElement("line", [("x1", .number(left)), ("y1", .number(plotBottom)), ("x2", .number(left + panelWidth)),
                                            ("y2", .number(plotBottom)), ("stroke", .text(palette.mutedText))]))
            var marks = SVGElement("g", [("class", "intervals")])
            for (row, scenario) in run.scenarios.enumerated() {
                let middle = plotTop + Self.rowHeight * (Double(row) + 0.5)
                let shares = scenario.sustainedShares.filter { $0.clock == clock }
                // A share with no eligible practices has no marker; a row with none says so.
                if !shares.isEmpty, shares.allSatisfy({ $0.pooled == nil }) {
                    marks.append(SVGElement("text", [("x", .number(left + 4)), ("y", .number(middle + style.fontSize * 0.35)),
                                                     ("fill", .text(palette.mutedText))], text: "none eligible"))
                }
                for share in shares {
                    let index = horizons.firstIndex(of: share.horizonMonths) ?? 0
                    let y = middle + (Double(index) - Double(horizons.count - 1) / 2) * 7
                    let colour = colours[index % colours.count]
                    guard let pooled = share.pooled else { continue }
                    if let lower = share.lower95, let upper = share.upper95 {
                        marks.append(SVGElement("line", [("x1", .number(scale.position(max(lower, ticks.lower)))), ("y1", .number(y)),
                                                         ("x2", .number(scale.position(min(upper, ticks.upper)))), ("y2", .number(y)),
                                                         ("stroke", .text(colour)), ("stroke-width", "1.5")]))
                    }
                    var tooltip = "\(scenario.id), sustained \(clock), \(share.horizonMonths) months: \(readable.readable(pooled))"
                    if let lower = share.lower95, let upper = share.upper95 {
                        tooltip += " (95% interval \(readable.readable(lower)) to \(readable.readable(upper)))"
                    }
                    var marker = Self.marker(index, x: scale.position(pooled), y: y, size: style.pointRadius + 0.8, colour: colour)
                    marker.append(SVGElement("title", text: tooltip))
                    marks.append(marker)
                }
            }
            root.append(marks)
        }
        root.append(SVGElement("text", [("x", .number((plotLeft + plotRight) / 2)), ("y", .number(plotBottom + 32)),
                                        ("text-anchor", "middle"), ("fill", .text(palette.text))],
                               text: "share of successful projects still sustained"))
        var x = plotLeft
        let legendY = plotBottom + 52
        for (index, horizon) in horizons.enumerated() {
            root.append(Self.marker(index, x: x + 4, y: legendY - style.fontSize * 0.35, size: style.pointRadius + 0.8,
                                    colour: colours[index % colours.count]))
            let text = "\(horizon) months"
            root.append(SVGElement("text", [("x", .number(x + 12)), ("y", .number(legendY)), ("fill", .text(palette.mutedText))], text: text))
            x += 12 + style.textWidth(text, size: style.fontSize) + 18
        }
        root.append(SVGElement("text", [("x", .number(x)), ("y", .number(legendY)), ("fill", .text(palette.mutedText))],
                               text: "lines: 95% Monte Carlo intervals"))
        if hasMissing {
            root.append(SVGElement("text", [("x", .number(plotLeft)), ("y", .number(legendY + 18)), ("fill", .text(palette.mutedText))],
                                   text: "No marker: no success was old enough to be counted at that horizon in this run."))
        }
        root.append(SVGElement.seedLabel(run.seed, width: width, height: height, style: style))
        return root
    }

    /// Circle, square, diamond or triangle, by horizon.
    static func marker(_ index: Int, x: Double, y: Double, size: Double, colour: String) -> SVGElement {
        func polygon(_ points: [(Double, Double)]) -> SVGElement {
            SVGElement("path", [("d", .text(points.enumerated().map { ($0.offset == 0 ? "M" : "L") + DecimalText.trimmed($0.element.0) + " " + DecimalText.trimmed($0.element.1) }
                                    .joined(separator: " ") + " Z")), ("fill", .text(colour))])
        }
        switch index % 4 {
        case 0:
            return SVGElement("circle", [("cx", .number(x)), ("cy", .number(y)), ("r", .number(size)), ("fill", .text(colour))])
        case 1:
            return SVGElement("rect", [("x", .number(x - size)), ("y", .number(y - size)), ("width", .number(2 * size)),
                                       ("height", .number(2 * size)), ("fill", .text(colour))])
        case 2:
            let reach = size * 1.3
            return polygon([(x, y - reach), (x + reach, y), (x, y + reach), (x - reach, y)])
        default:
            let reach = size * 1.3
            return polygon([(x, y - reach), (x + reach, y + reach * 0.8), (x - reach, y + reach * 0.8)])
        }
    }
}
