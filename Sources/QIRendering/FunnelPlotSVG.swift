import QISPC

/// Draws a computed funnel plot as SVG: each unit's rate against its denominator, the target
/// (pooled rate) and the 95 % and 99.8 % limit curves (Spiegelhalter 2005, Stat Med 24:1185).
///
/// The curves come from the plot's own `limitModel`, evaluated on a grid of denominators from
/// the smallest unit's to the largest (denser where the funnel is steep); nothing is estimated
/// here. Units beyond the 99.8 % limits are drawn in the signal colour, those beyond 95 % in
/// the concern colour, the rest in the data colour; each unit's name is its tooltip.
public struct FunnelPlotSVG: Sendable {
    public var style: ChartStyle

    public init(style: ChartStyle = .standard) {
        self.style = style
    }

    public func render(_ funnel: FunnelPlot, title: String, denominatorTitle: String = "Denominator",
                       rateTitle: String = "Rate") -> String {
        element(funnel, title: title, denominatorTitle: denominatorTitle, rateTitle: rateTitle).markup
    }

    /// Denominators from `lower` to `upper`, spaced quadratically so that the steep start of
    /// the funnel gets most of them.
    /// Exact binomial limits exist for whole numbers of trials only, so those grids are rounded.
    static func grid(from lower: Double, to upper: Double, count: Int = 120, wholeNumbers: Bool) -> [Double] {
        var values: [Double] = []
        for step in 0..<count {
            let fraction = Double(step) / Double(count - 1)
            var value = lower + (upper - lower) * fraction * fraction
            if wholeNumbers { value = value.rounded() }
            if values.last != value { values.append(value) }
        }
        return values
    }

    func element(_ funnel: FunnelPlot, title: String, denominatorTitle: String, rateTitle: String) -> SVGElement {
        let palette = style.palette
        let format = ValueFormat(funnel: funnel.options)
        let units = funnel.units.filter { $0.rate != nil && ($0.denominator ?? 0) > 0 }
        let denominators = units.compactMap(\.denominator)
        let lowest = denominators.min() ?? 1
        let highest = max(denominators.max() ?? 1, lowest + 1)
        let curve: [(Double, FunnelLimits)] = Self.grid(from: lowest, to: highest, wholeNumbers: funnel.options.chart == .proportion).compactMap { denominator in
            (try? funnel.limitModel.limits(forDenominator: denominator)).map { (denominator, $0) }
        }
        var values = units.compactMap(\.rate) + [funnel.target]
        if let first = curve.first?.1 { values += [first.lower998, first.upper998] }
        let plotTop = ChartLayout.headerHeight + 8
        let plotBottom = style.height - ChartLayout.bottomMargin
        let ticks = NiceTicks(minimum: values.min() ?? 0, maximum: values.max() ?? 1,
                              desiredCount: max(3, Int((plotBottom - plotTop) / 45)))
        let yLabels = ticks.values.map { format.tick($0, step: ticks.step) }
        let widest = yLabels.map { style.textWidth($0, size: style.fontSize) }.max() ?? 0
        let plotLeft = (22 + widest + 8).rounded(.up)
        let plotRight = style.width - ChartLayout.rightMargin
        let xTicks = NiceTicks(minimum: 0, maximum: highest, desiredCount: max(2, Int((plotRight - plotLeft) / 80)))
        let xScale = LinearScale(domain: 0...xTicks.upper, start: plotLeft, end: plotRight)
        let yScale = LinearScale(domain: ticks.lower...ticks.upper, start: plotBottom, end: plotTop)

        var root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", "qi-chart qi-funnel"), ("role", "img"),
            ("width", .number(style.width)), ("height", .number(style.height)),
            ("viewBox", .text("0 0 \(DecimalText.trimmed(style.width)) \(DecimalText.trimmed(style.height))")),
            ("font-family", .text(style.fontFamily)), ("font-size", .number(style.fontSize)),
        ])
        let flagged = units.filter { $0.flag != nil && $0.flag != .within }.count
        root.append(SVGElement("title", text: title))
        root.append(SVGElement("desc", text: "Funnel plot of \(rateTitle) against \(denominatorTitle) for \(units.count) units, target \(format.readable(funnel.target)); \(flagged) outside the 95% limits."))
        root.append(SVGElement("rect", [("width", .number(style.width)), ("height", .number(style.height)), ("fill", .text(palette.background))]))
        let chartName = funnel.options.chart == .proportion ? "Funnel plot of proportions" : "Funnel plot of rates"
        let adjustment = funnel.options.overdispersion.rawValue == "none" ? "" : " · overdispersion: \(funnel.options.overdispersion.rawValue)"
        let limit = max(8, Int((style.width - 32) / (style.fontSize * ChartStyle.averageCharacterWidth)))
        root.append(SVGElement("text", [("x", 16), ("y", 20), ("font-size", .number(style.titleFontSize)),
                                        ("font-weight", "600"), ("fill", .text(palette.text))],
                               text: ChartLayout.shortened(title, to: limit)))
        root.append(SVGElement("text", [("x", 16), ("y", 37), ("fill", .text(palette.mutedText))],
                               text: ChartLayout.shortened("\(chartName) · target \(format.readable(funnel.target)) · 95% and 99.8% limits\(adjustment)", to: limit)))
        for (value, label) in zip(ticks.values, yLabels) {
            let y = yScale.position(value)
            root.append(SVGElement("line", [("x1", .number(plotLeft)), ("y1", .number(y)), ("x2", .number(plotRight)),
                                            ("y2", .number(y)), ("stroke", .text(palette.grid))]))
            root.append(SVGElement("text", [("x", .number(plotLeft - 6)), ("y", .number(y + style.fontSize * 0.35)),
                                            ("text-anchor", "end"), ("fill", .text(palette.mutedText))], text: label))
        }
        root.append(SVGElement("line", [("x1", .number(plotLeft)), ("y1", .number(plotBottom)), ("x2", .number(plotRight)),
                                        ("y2", .number(plotBottom)), ("stroke", .text(palette.mutedText))]))
        for value in xTicks.values {
            let x = xScale.position(value)
            root.append(SVGElement("line", [("x1", .number(x)), ("y1", .number(plotBottom)), ("x2", .number(x)),
                                            ("y2", .number(plotBottom + 4)), ("stroke", .text(palette.mutedText))]))
            root.append(SVGElement("text", [("x", .number(x)), ("y", .number(plotBottom + 16)), ("text-anchor", "middle"),
                                            ("fill", .text(palette.mutedText))], text: DecimalText.fixed(value, decimals: xTicks.decimals)))
        }
        let middleY = (plotTop + plotBottom) / 2
        root.append(SVGElement("text", [("x", .number((plotLeft + plotRight) / 2)), ("y", .number(style.height - 8)),
                                        ("text-anchor", "middle"), ("fill", .text(palette.text))], text: denominatorTitle))
        root.append(SVGElement("text", [("x", 14), ("y", .number(middleY)), ("text-anchor", "middle"),
                                        ("transform", .text("rotate(-90 14 \(DecimalText.trimmed(middleY)))")),
                                        ("fill", .text(palette.text))], text: rateTitle))

        func path(_ value: (FunnelLimits) -> Double) -> String {
            curve.enumerated().map { index, point in
                (index == 0 ? "M" : "L") + DecimalText.trimmed(xScale.position(point.0)) + " "
                    + DecimalText.trimmed(yScale.position(min(max(value(point.1), ticks.lower), ticks.upper)))
            }.joined(separator: " ")
        }
        for (limits, dashed) in [((\FunnelLimits.lower998, \FunnelLimits.upper998)), (\FunnelLimits.lower95, \FunnelLimits.upper95)]
            .enumerated().map({ ($0.element, $0.offset == 1) }) {
            for keyPath in [limits.0, limits.1] {
                var attributes: [(name: String, value: SVGElement.Value)] = [
                    ("class", dashed ? "limit limit-95" : "limit limit-998"), ("d", .text(path { $0[keyPath: keyPath] })),
                    ("fill", "none"), ("stroke", .text(palette.limits)), ("stroke-width", "1.2"),
                ]
                if dashed { attributes.append(("stroke-dasharray", "5 3")) }
                root.append(SVGElement("path", attributes))
            }
        }
        let targetY = yScale.position(funnel.target)
        root.append(SVGElement("line", [("class", "centre"), ("x1", .number(plotLeft)), ("y1", .number(targetY)),
                                        ("x2", .number(plotRight)), ("y2", .number(targetY)),
                                        ("stroke", .text(palette.centreLine)), ("stroke-width", "1.5")]))
        if let last = curve.last?.1 {
            var labels = [(last.upper998, "99.8%"), (last.upper95, "95%"), (funnel.target, "target"),
                          (last.lower95, "95%"), (last.lower998, "99.8%")].map { (y: yScale.position($0.0), text: $0.1) }
            labels.sort { $0.y < $1.y }
            // The curves meet the right edge close together: spread the labels, centred on them.
            let gap = style.fontSize + 1
            for index in labels.indices.dropFirst() where labels[index].y - labels[index - 1].y < gap {
                labels[index].y = labels[index - 1].y + gap
            }
            let shift = ((labels.last!.y - labels.first!.y) - (yScale.position(last.lower998) - yScale.position(last.upper998))) / 2
            for label in labels {
                root.append(SVGElement("text", [("x", .number(plotRight + 4)), ("y", .number(label.y - max(0, shift) + style.fontSize * 0.35)),
                                                ("fill", .text(label.text == "target" ? palette.centreLine : palette.mutedText))], text: label.text))
            }
        }
        var dots = SVGElement("g", [("class", "points")])
        for unit in units {
            guard let rate = unit.rate, let denominator = unit.denominator else { continue }
            let colour: String
            switch unit.flag {
            case .above998?, .below998?: colour = palette.signal
            case .above95?, .below95?: colour = palette.concern
            case .within?, nil: colour = palette.data
            }
            var tooltip = "\(unit.name): \(format.readable(rate)) (n = \(DecimalText.shortest(denominator)))"
            switch unit.flag {
            case .above998?: tooltip += " · above the 99.8% limit"
            case .above95?: tooltip += " · above the 95% limit"
            case .below95?: tooltip += " · below the 95% limit"
            case .below998?: tooltip += " · below the 99.8% limit"
            case .within?, nil: break
            }
            dots.append(SVGElement("circle", [("cx", .number(xScale.position(denominator))), ("cy", .number(yScale.position(rate))),
                                              ("r", .number(style.pointRadius + 0.6)), ("fill", .text(colour)),
                                              ("fill-opacity", "0.85")],
                                   children: [.element(SVGElement("title", text: tooltip))]))
        }
        root.append(dots)
        return root
    }
}
