import QISPC

/// Draws a computed control chart, run chart, CUSUM or EWMA chart as SVG text.
///
/// What is drawn, after qicharts2 (Anhøj 2018) and NHS Making Data Count: the values as points
/// joined by a line (broken at gaps and between parts); per part the centre line and the
/// control limits, stepped where the limits vary with the denominator; optional 2-sigma lines;
/// the target; part labels; a marker where a frozen baseline ends. Signals: points outside
/// the limits (or flagged by the rule set) in the signal colour and larger; a dashed centre
/// line in the signal colour for a part whose runs analysis signals; excluded points hollow.
/// Under Making Data Count the points take the variation colours and the header carries the
/// variation and assurance icons. The output is deterministic: the same chart and style give
/// the same bytes.
public struct ControlChartSVG: Sendable {
    public var style: ChartStyle

    public init(style: ChartStyle = .standard) {
        self.style = style
    }

    /// The chart as a complete `<svg>` element (with its XML namespace, so it is also a valid
    /// stand-alone `.svg` file).
    public func render(_ renderable: RenderableChart) -> String {
        element(renderable).markup
    }

    func element(_ renderable: RenderableChart) -> SVGElement {
        let chart = renderable.chart
        let axisFormat = ValueFormat(options: chart.options)
        let layout = ChartLayout(renderable, style: style, format: axisFormat)
        let format = axisFormat.resolving(layout.yTickStep)
        let palette = style.palette
        var root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "qi-chart"), ("role", "img"),
            ("width", .number(style.width)), ("height", .number(style.height)),
            ("viewBox", .text("0 0 \(DecimalText.trimmed(style.width)) \(DecimalText.trimmed(style.height))")),
            ("font-family", .text(style.fontFamily)), ("font-size", .number(style.fontSize)),
        ])
        root.append(SVGElement("title", text: renderable.title))
        root.append(SVGElement("desc", text: ChartDescription.sentence(renderable, format: format)))
        root.append(SVGElement("rect", [("width", .number(style.width)), ("height", .number(style.height)),
                                        ("fill", .text(palette.background))]))
        root.append(contentsOf: header(renderable, format: format, layout: layout))
        root.append(contentsOf: axes(renderable, layout: layout))
        root.append(contentsOf: partMarkers(chart, layout: layout, format: format))
        root.append(contentsOf: referenceLines(chart, layout: layout))
        root.append(contentsOf: lineLabels(chart, layout: layout, format: format))
        root.append(contentsOf: data(renderable, layout: layout, format: format))
        return root
    }

    // MARK: Header

    private func header(_ renderable: RenderableChart, format: ValueFormat, layout: ChartLayout) -> [SVGElement] {
        let chart = renderable.chart
        let palette = style.palette
        let isMakingDataCount = chart.options.rules == .mdc
        let iconSize = 34.0
        let iconCount = isMakingDataCount ? (chart.assurance == nil ? 1 : 2) : 0
        let iconsWidth = Double(iconCount) * (iconSize + 6)
        let available = style.width - 16 - iconsWidth - 8
        let titleLimit = max(8, Int(available / (style.titleFontSize * ChartStyle.averageCharacterWidth)))
        let subtitleLimit = max(8, Int(available / (style.fontSize * ChartStyle.averageCharacterWidth)))
        var elements = [
            SVGElement("text", [("x", 16), ("y", 20), ("font-size", .number(style.titleFontSize)),
                                ("font-weight", "600"), ("fill", .text(palette.text))],
                       text: ChartLayout.shortened(renderable.title, to: titleLimit)),
            SVGElement("text", [("x", 16), ("y", 37), ("fill", .text(palette.mutedText))],
                       text: ChartLayout.shortened(ChartDescription.subtitle(chart, format: format), to: subtitleLimit)),
        ]
        if isMakingDataCount {
            var x = style.width - 12 - iconSize
            if let assurance = chart.assurance {
                elements.append(MakingDataCountIcons.assurance(assurance, improvement: chart.options.improvement,
                                                               x: x, y: 5, size: iconSize, palette: palette))
                x -= iconSize + 6
            }
            elements.append(MakingDataCountIcons.variation(chart.variation ?? .commonCause,
                                                           improvement: chart.options.improvement,
                                                           x: x, y: 5, size: iconSize, palette: palette))
        }
        return elements
    }

    // MARK: Axes

    private func axes(_ renderable: RenderableChart, layout: ChartLayout) -> [SVGElement] {
        let palette = style.palette
        var elements: [SVGElement] = []
        for (value, label) in zip(layout.yTicks, layout.yTickLabels) {
            let y = layout.yScale.position(value)
            elements.append(SVGElement("line", [("x1", .number(layout.plotLeft)), ("y1", .number(y)),
                                                ("x2", .number(layout.plotRight)), ("y2", .number(y)),
                                                ("stroke", .text(palette.grid))]))
            elements.append(SVGElement("text", [("x", .number(layout.plotLeft - 6)), ("y", .number(y + style.fontSize * 0.35)),
                                                ("text-anchor", "end"), ("fill", .text(palette.mutedText))], text: label))
        }
        elements.append(SVGElement("line", [("x1", .number(layout.plotLeft)), ("y1", .number(layout.plotBottom)),
                                            ("x2", .number(layout.plotRight)), ("y2", .number(layout.plotBottom)),
                                            ("stroke", .text(palette.mutedText))]))
        for tick in layout.xTicks {
            elements.append(SVGElement("line", [("x1", .number(tick.position)), ("y1", .number(layout.plotBottom)),
                                                ("x2", .number(tick.position)), ("y2", .number(layout.plotBottom + 4)),
                                                ("stroke", .text(palette.mutedText))]))
            elements.append(SVGElement("text", [("x", .number(tick.position)), ("y", .number(layout.plotBottom + 16)),
                                                ("text-anchor", "middle"), ("fill", .text(palette.mutedText))], text: tick.label))
        }
        let middleY = (layout.plotTop + layout.plotBottom) / 2
        elements.append(SVGElement("text", [("x", .number((layout.plotLeft + layout.plotRight) / 2)),
                                            ("y", .number(style.height - 8)), ("text-anchor", "middle"),
                                            ("fill", .text(palette.text))],
                                   text: ChartLayout.shortened(renderable.xAxisTitle, to: 60)))
        let yLimit = max(8, Int((layout.plotBottom - layout.plotTop) / (style.fontSize * ChartStyle.averageCharacterWidth)))
        elements.append(SVGElement("text", [("x", 14), ("y", .number(middleY)), ("text-anchor", "middle"),
                                            ("transform", .text("rotate(-90 14 \(DecimalText.trimmed(middleY)))")),
                                            ("fill", .text(palette.text))],
                                   text: ChartLayout.shortened(axisTitle(renderable), to: yLimit)))
        return elements
    }

    private func axisTitle(_ renderable: RenderableChart) -> String {
        switch renderable.chart.options.chart {
        case .cusum: return "Cumulative sum (sigma units)"
        case .ewma: return renderable.yAxisTitle + " (EWMA)"
        case .mr: return "Moving range of " + renderable.yAxisTitle
        case .s: return "Standard deviation of " + renderable.yAxisTitle
        default: return renderable.yAxisTitle
        }
    }

    // MARK: Parts and baseline

    private func partMarkers(_ chart: ControlChart, layout: ChartLayout, format: ValueFormat) -> [SVGElement] {
        let palette = style.palette
        var elements: [SVGElement] = []
        let ranges = Self.partRanges(chart.points)
        for (number, range) in ranges.enumerated() {
            let start = layout.xScale.position(layout.xCoordinates[range.lowerBound])
            if number > 0 {
                let previous = layout.xScale.position(layout.xCoordinates[range.lowerBound - 1])
                let boundary = (start + previous) / 2
                elements.append(SVGElement("line", [("x1", .number(boundary)), ("y1", .number(layout.plotTop)),
                                                    ("x2", .number(boundary)), ("y2", .number(layout.plotBottom)),
                                                    ("stroke", .text(palette.partBoundary)), ("stroke-dasharray", "2 3")]))
            }
            if ranges.count > 1 {
                let left = number == 0 ? layout.plotLeft : (start + layout.xScale.position(layout.xCoordinates[range.lowerBound - 1])) / 2
                let right = number == ranges.count - 1 ? layout.plotRight
                    : (layout.xScale.position(layout.xCoordinates[range.upperBound - 1]) + layout.xScale.position(layout.xCoordinates[range.upperBound])) / 2
                let summary = chart.parts.first { $0.part == chart.points[range.lowerBound].part }
                let full = "Part \(chart.points[range.lowerBound].part)" + (summary?.centreLine.map { " · CL " + format.readable($0) } ?? "")
                let limit = Int((right - left - 8) / (style.fontSize * ChartStyle.averageCharacterWidth))
                if limit >= 6 {
                    elements.append(SVGElement("text", [("x", .number(left + 4)), ("y", .number(layout.plotTop + 11)),
                                                        ("fill", .text(palette.mutedText))],
                                               text: ChartLayout.shortened(full, to: limit)))
                }
            }
            // A frozen baseline ends inside the part: mark where.
            if chart.options.freeze != nil, let lastBaseline = range.last(where: { chart.points[$0].isBaseline }),
               lastBaseline < range.upperBound - 1 {
                let x = (layout.xScale.position(layout.xCoordinates[lastBaseline]) + layout.xScale.position(layout.xCoordinates[lastBaseline + 1])) / 2
                elements.append(SVGElement("line", [("x1", .number(x)), ("y1", .number(layout.plotTop + 16)),
                                                    ("x2", .number(x)), ("y2", .number(layout.plotBottom)),
                                                    ("stroke", .text(palette.partBoundary)), ("stroke-dasharray", "1 2")]))
                elements.append(SVGElement("text", [("x", .number(x - 3)), ("y", .number(layout.plotBottom - 5)),
                                                    ("text-anchor", "end"), ("font-size", .number(style.fontSize - 1)),
                                                    ("fill", .text(palette.mutedText))], text: "baseline"))
            }
        }
        return elements
    }

    /// Consecutive ranges of point offsets sharing a part number.
    static func partRanges(_ points: [ChartPoint]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for offset in points.indices where offset > 0 && points[offset].part != points[offset - 1].part {
            ranges.append(start..<offset)
            start = offset
        }
        if !points.isEmpty { ranges.append(start..<points.count) }
        return ranges
    }

    // MARK: Centre line, limits, target

    private func referenceLines(_ chart: ControlChart, layout: ChartLayout) -> [SVGElement] {
        let palette = style.palette
        var elements: [SVGElement] = []
        let ranges = Self.partRanges(chart.points)
        func stepped(_ value: KeyPath<ChartPoint, Double?>) -> String {
            ranges.map { SteppedPath.data(points: chart.points, range: $0, value: value, layout: layout) }
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
        if style.showsTwoSigmaLines {
            for path in [stepped(\.lowerLimit95), stepped(\.upperLimit95)] where !path.isEmpty {
                elements.append(SVGElement("path", [("d", .text(path)), ("fill", "none"), ("stroke", .text(palette.sigmaLines)),
                                                    ("stroke-dasharray", "4 3")]))
            }
        }
        for path in [stepped(\.lowerLimit), stepped(\.upperLimit)] where !path.isEmpty {
            elements.append(SVGElement("path", [("class", "limit"), ("d", .text(path)), ("fill", "none"),
                                                ("stroke", .text(palette.limits)), ("stroke-width", "1.2")]))
        }
        for range in ranges {
            let path = SteppedPath.data(points: chart.points, range: range, value: \.centreLine, layout: layout)
            guard !path.isEmpty else { continue }
            let signals = showsRunsSignal(chart, part: chart.points[range.lowerBound].part)
            var attributes: [(name: String, value: SVGElement.Value)] = [
                ("class", signals ? "centre runs-signal" : "centre"), ("d", .text(path)), ("fill", "none"),
                ("stroke", .text(signals ? palette.signal : palette.centreLine)), ("stroke-width", "1.5"),
            ]
            if signals { attributes.append(("stroke-dasharray", "6 4")) }
            elements.append(SVGElement("path", attributes))
        }
        if let target = chart.options.target, layout.yScale.domain.contains(target) {
            let y = layout.yScale.position(target)
            elements.append(SVGElement("line", [("class", "target"), ("x1", .number(layout.plotLeft)), ("y1", .number(y)),
                                                ("x2", .number(layout.plotRight)), ("y2", .number(y)),
                                                ("stroke", .text(palette.target)), ("stroke-width", "1.5"),
                                                ("stroke-dasharray", "8 4")]))
        }
        return elements
    }

    /// Whether the part's centre line is drawn as signalling (qicharts2). Making Data Count
    /// shows runs through the point colours instead, and its orange means concern.
    private func showsRunsSignal(_ chart: ControlChart, part: Int) -> Bool {
        guard chart.options.rules != .mdc else { return false }
        return chart.parts.first { $0.part == part }?.runsSignal ?? false
    }

    /// Values of the last part's centre line and limits (at the last point) and of the target,
    /// in the right margin, nudged apart so they never overlap.
    private func lineLabels(_ chart: ControlChart, layout: ChartLayout, format: ValueFormat) -> [SVGElement] {
        let palette = style.palette
        var labels: [(y: Double, text: String, colour: String)] = []
        if let last = chart.points.last(where: { $0.centreLine != nil }) {
            let signals = showsRunsSignal(chart, part: last.part)
            if let upper = last.upperLimit { labels.append((layout.yScale.position(upper), format.readable(upper), palette.mutedText)) }
            labels.append((layout.yScale.position(last.centreLine!), format.readable(last.centreLine),
                           signals ? palette.signal : palette.centreLine))
            if let lower = last.lowerLimit { labels.append((layout.yScale.position(lower), format.readable(lower), palette.mutedText)) }
        }
        if let target = chart.options.target, layout.yScale.domain.contains(target) {
            labels.append((layout.yScale.position(target), "target " + format.readable(target), palette.target))
        }
        labels.sort { $0.y < $1.y }
        let gap = style.fontSize + 1
        for index in labels.indices.dropFirst() where labels[index].y - labels[index - 1].y < gap {
            labels[index].y = labels[index - 1].y + gap
        }
        // Pushed below the plot: move the bottom of the stack back up, label by label, so only
        // labels that crowd each other move.
        if !labels.isEmpty {
            let lowest = layout.plotBottom + 4
            labels[labels.count - 1].y = min(labels[labels.count - 1].y, lowest)
            for index in labels.indices.dropLast().reversed() {
                labels[index].y = min(labels[index].y, labels[index + 1].y - gap)
            }
        }
        let limit = Int((ChartLayout.rightMargin - 6) / (style.fontSize * ChartStyle.averageCharacterWidth))
        return labels.map { label in
            SVGElement("text", [("x", .number(layout.plotRight + 4)), ("y", .number(label.y + style.fontSize * 0.35)),
                                ("fill", .text(label.colour))], text: ChartLayout.shortened(label.text, to: limit))
        }
    }

    // MARK: Data

    private func data(_ renderable: RenderableChart, layout: ChartLayout, format: ValueFormat) -> [SVGElement] {
        let chart = renderable.chart
        let palette = style.palette
        var elements: [SVGElement] = []
        let ranges = Self.partRanges(chart.points)
        let series: [KeyPath<ChartPoint, Double?>]
        switch chart.options.chart {
        case .cusum: series = [\.cusumUpper, \.cusumLower]
        case .ewma: series = [\.ewma]
        default: series = [\.value]
        }
        if chart.options.chart == .ewma {
            // The values behind the EWMA, faint, for context.
            for (offset, point) in chart.points.enumerated() {
                guard let value = point.value else { continue }
                elements.append(SVGElement("circle", [("cx", .number(layout.xScale.position(layout.xCoordinates[offset]))),
                                                      ("cy", .number(layout.yScale.position(value))), ("r", .number(style.pointRadius - 0.8)),
                                                      ("fill", "none"), ("stroke", .text(palette.sigmaLines))]))
            }
        }
        for value in series {
            let path = ranges.map { range in
                SteppedPath.polyline(points: chart.points, range: range, value: value, layout: layout)
            }.filter { !$0.isEmpty }.joined(separator: " ")
            if !path.isEmpty {
                elements.append(SVGElement("path", [("class", "data"), ("d", .text(path)), ("fill", "none"),
                                                    ("stroke", .text(palette.data)), ("stroke-width", "1.2"),
                                                    ("stroke-linejoin", "round")]))
            }
        }
        var dots = SVGElement("g", [("class", "points")])
        for value in series {
            for (offset, point) in chart.points.enumerated() {
                guard let plotted = point[keyPath: value] else { continue }
                var colour = pointColour(point, chart: chart)
                if chart.options.chart == .cusum, point.sigmaSignal {
                    // Only the sum that crossed its decision interval signals.
                    let crossed = value == \ChartPoint.cusumUpper
                        ? point.upperLimit.map { plotted > $0 } ?? false
                        : point.lowerLimit.map { plotted < $0 } ?? false
                    if !crossed { colour = palette.data }
                }
                let isHighlighted = colour != palette.data
                var attributes: [(name: String, value: SVGElement.Value)] = [
                    ("cx", .number(layout.xScale.position(layout.xCoordinates[offset]))),
                    ("cy", .number(layout.yScale.position(plotted))),
                    ("r", .number(isHighlighted ? style.pointRadius + 1 : style.pointRadius)),
                ]
                if point.isExcluded {
                    attributes += [("fill", .text(palette.background)), ("stroke", .text(colour)), ("stroke-width", "1.3")]
                } else {
                    attributes.append(("fill", .text(colour)))
                }
                dots.append(SVGElement("circle", attributes, children: [
                    .element(SVGElement("title", text: ChartDescription.pointText(renderable, offset: offset, value: plotted, format: format))),
                ]))
            }
        }
        elements.append(dots)
        return elements
    }

    private func pointColour(_ point: ChartPoint, chart: ControlChart) -> String {
        let palette = style.palette
        switch chart.options.rules {
        case .mdc:
            switch point.pointType {
            case .specialCauseImprovement?: return palette.improvement
            case .specialCauseConcern?: return palette.concern
            case .specialCauseNeutral?: return palette.neutral
            case .commonCause?, nil: return palette.commonCause
            }
        case .anhoej:
            // qicharts2: only points outside the limits are marked; runs show on the centre line.
            return point.sigmaSignal ? palette.signal : palette.data
        case .ihi, .westernElectric, .nelson:
            return point.sigmaSignal || !point.signals.isEmpty ? palette.signal : palette.data
        }
    }
}
