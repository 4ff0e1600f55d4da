/// Draws the adoption fan chart of one simulated scenario as SVG: the mean share of practices
/// adopted by month, the band between the 2.5 and 97.5 percentiles of that share across the
/// simulated CCGs, and the reference scenario's mean as a dashed line to compare with.
///
/// One chart per scenario, every one on the same 0-100 % axis, rather than all scenarios on
/// one chart: ten means with their bands overlap into an unreadable tangle, ten lines need
/// more colours than the Okabe-Ito palette has, and the between-CCG band (the spread a
/// commissioner would see) is the point of a fan chart. Small multiples on a common axis with
/// the reference's mean in each keep the comparison that a single chart would give.
/// Everything drawn is a value the simulation computed; nothing is estimated here.
public struct AdoptionFanChartSVG: Sendable {
    public var style: ChartStyle

    public init(style: ChartStyle = .standard) {
        self.style = style
    }

    public func render(_ scenario: RenderableScenarioSummary, run: RenderableScenarioRun) -> String {
        element(scenario, run: run).markup
    }

    /// The chart as a figure for `HTMLReport`'s `.figures` section.
    public func figure(_ scenario: RenderableScenarioSummary, run: RenderableScenarioRun, caption: String) -> HTMLReport.Figure {
        HTMLReport.Figure(markup: render(scenario, run: run), caption: caption)
    }

    func element(_ scenario: RenderableScenarioSummary, run: RenderableScenarioRun) -> SVGElement {
        let palette = style.palette
        let width = style.width, height = style.height
        let reference = scenario.id == run.reference ? nil : run.referenceScenario
        let plotTop = SVGElement.framedHeaderHeight + 8
        let plotBottom = height - ChartLayout.bottomMargin
        let yTicks = NiceTicks(minimum: 0, maximum: 1, desiredCount: max(3, Int((plotBottom - plotTop) / 45)))
        let format = ValueFormat.percentage
        let yLabels = yTicks.values.map { format.tick($0, step: yTicks.step) }
        let widest = yLabels.map { style.textWidth($0, size: style.fontSize) }.max() ?? 0
        let plotLeft = (22 + widest + 8).rounded(.up)
        let plotRight = width - ChartLayout.rightMargin
        let lastMonth = max(scenario.adoption.map(\.month).max() ?? 1, reference?.adoption.map(\.month).max() ?? 1)
        let xTicks = NiceTicks(minimum: 0, maximum: Double(lastMonth), desiredCount: max(2, Int((plotRight - plotLeft) / 70)))
        let xScale = LinearScale(domain: 0...Double(lastMonth), start: plotLeft, end: plotRight)
        let yScale = LinearScale(domain: yTicks.lower...yTicks.upper, start: plotBottom, end: plotTop)
        let readable = format.resolving(yTicks.step)

        let title = "Adoption under scenario \(scenario.id)"
        var description = "Fan chart of the share of practices that have adopted the programme, month by month, under scenario \(scenario.id): mean over \(run.runDescription), with the band between the 2.5 and 97.5 percentiles across CCGs."
        if let final = scenario.adoption.last {
            description += " Month \(final.month): mean \(readable.readable(final.mean)), band \(readable.readable(final.lower)) to \(readable.readable(final.upper))."
        }
        if let reference, let final = reference.adoption.last {
            description += " Dashed: the reference scenario \(reference.id), mean \(readable.readable(final.mean)) in month \(final.month)."
        }
        description += " " + RenderableScenarioRun.assumptionNote
        var root = SVGElement.chartFrame(kind: "qi-adoption-fan", width: width, height: height, title: title,
                                         description: description, style: style)
        var subtitle = "Mean and 2.5–97.5 percentile band across \(run.shortRunDescription)"
        if let reference { subtitle += " · dashed: reference \(reference.id)" }
        root.append(contentsOf: SVGElement.chartHeader(title: title, subtitle: subtitle, note: RenderableScenarioRun.assumptionNote,
                                                       width: width, style: style))

        for (value, label) in zip(yTicks.values, yLabels) {
            let y = yScale.position(value)
            root.append(SVGElement("line", [("x1", .number(plotLeft)), ("y1", .number(y)), ("x2", .number(plotRight)),
                                            ("y2", .number(y)), ("stroke", .text(palette.grid))]))
            root.append(SVGElement("text", [("x", .number(plotLeft - 6)), ("y", .number(y + style.fontSize * 0.35)),
                                            ("text-anchor", "end"), ("fill", .text(palette.mutedText))], text: label))
        }
        root.append(SVGElement("line", [("x1", .number(plotLeft)), ("y1", .number(plotBottom)), ("x2", .number(plotRight)),
                                        ("y2", .number(plotBottom)), ("stroke", .text(palette.mutedText))]))
        for value in xTicks.values where value <= Double(lastMonth) {
            let x = xScale.position(value)
            root.append(SVGElement("line", [("x1", .number(x)), ("y1", .number(plotBottom)), ("x2", .number(x)),
                                            ("y2", .number(plotBottom + 4)), ("stroke", .text(palette.mutedText))]))
            root.append(SVGElement("text", [("x", .number(x)), ("y", .number(plotBottom + 16)), ("text-anchor", "middle"),
                                            ("fill", .text(palette.mutedText))], text: DecimalText.fixed(value, decimals: xTicks.decimals)))
        }
        let middleY = (plotTop + plotBottom) / 2
        root.append(SVGElement("text", [("x", .number((plotLeft + plotRight) / 2)), ("y", .number(height - 8)),
                                        ("text-anchor", "middle"), ("fill", .text(palette.text))], text: "month"))
        root.append(SVGElement("text", [("x", 14), ("y", .number(middleY)), ("text-anchor", "middle"),
                                        ("transform", .text("rotate(-90 14 \(DecimalText.trimmed(middleY)))")),
                                        ("fill", .text(palette.text))], text: "share of practices adopted"))

        func point(_ month: Int, _ share: Double) -> String {
            DecimalText.trimmed(xScale.position(Double(month))) + " " + DecimalText.trimmed(yScale.position(share))
        }
        func line(_ bands: [RenderableScenarioSummary.MonthlyBand]) -> String {
            bands.enumerated().map { ($0.offset == 0 ? "M" : "L") + point($0.element.month, $0.element.mean) }.joined(separator: " ")
        }
        if !scenario.adoption.isEmpty {
            let outline = scenario.adoption.map { point($0.month, $0.upper) }
                + scenario.adoption.reversed().map { point($0.month, $0.lower) }
            let band = outline.enumerated().map { ($0.offset == 0 ? "M" : "L") + $0.element }.joined(separator: " ") + " Z"
            root.append(SVGElement("path", [("class", "band"), ("d", .text(band)), ("fill", .text(palette.centreLine)),
                                            ("fill-opacity", "0.18"), ("stroke", "none")]))
        }
        var labels: [(y: Double, text: String, colour: String)] = []
        if let reference, !reference.adoption.isEmpty {
            root.append(SVGElement("path", [("class", "reference"), ("d", .text(line(reference.adoption))), ("fill", "none"),
                                            ("stroke", .text(palette.limits)), ("stroke-width", "1.5"),
                                            ("stroke-dasharray", "5 3")]))
            let final = reference.adoption.last!
            labels.append((yScale.position(final.mean), "ref \(readable.readable(final.mean))", palette.mutedText))
        }
        if let final = scenario.adoption.last {
            root.append(SVGElement("path", [("class", "mean"), ("d", .text(line(scenario.adoption))), ("fill", "none"),
                                            ("stroke", .text(palette.centreLine)), ("stroke-width", "2")]))
            labels.append((yScale.position(final.mean), readable.readable(final.mean), palette.centreLine))
        }
        // The two means can end close together: keep their labels a line apart.
        labels.sort { $0.y < $1.y }
        let gap = style.fontSize + 1
        if labels.count == 2, labels[1].y - labels[0].y < gap {
            let middle = (labels[0].y + labels[1].y) / 2
            labels[0].y = middle - gap / 2
            labels[1].y = middle + gap / 2
        }
        let labelLimit = max(4, Int((ChartLayout.rightMargin - 6) / (style.fontSize * ChartStyle.averageCharacterWidth)))
        for label in labels {
            root.append(SVGElement("text", [("x", .number(plotRight + 4)), ("y", .number(label.y + style.fontSize * 0.35)),
                                            ("fill", .text(label.colour))], text: ChartLayout.shortened(label.text, to: labelLimit)))
        }
        root.append(SVGElement.seedLabel(run.seed, width: width, height: height, style: style))
        return root
    }
}
