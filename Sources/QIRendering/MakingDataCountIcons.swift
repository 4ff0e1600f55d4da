import QISPC

/// The Making Data Count variation and assurance icons, drawn here as simple SVG (their meaning
/// and colours follow NHS England's "Making Data Count" guidance, 2019; the drawings are
/// QIKit's own).
///
/// Variation: a ring in the variation colour around a small run chart; for a special cause the
/// last points break away upwards or downwards and the letter H (high) or L (low) says which.
/// Assurance: a ring around P (the process consistently passes the target), F (consistently
/// fails) or ? (it may or may not), above a short target line.
public enum MakingDataCountIcons {
    /// The variation icon for the latest point's type.
    static func variation(_ type: PointType, improvement: ImprovementDirection, x: Double, y: Double,
                          size: Double, palette: Palette) -> SVGElement {
        let colour: String
        let high: Bool?
        switch type {
        case .commonCause: colour = palette.commonCause; high = nil
        case .specialCauseImprovement: colour = palette.improvement; high = improvement != .decrease
        case .specialCauseConcern: colour = palette.concern; high = improvement == .decrease
        case .specialCauseNeutral: colour = palette.neutral; high = true
        }
        let unit = size / 34
        // A small run chart: five points around the middle, then two that stay or break away.
        var heights: [Double] = [0, 2.5, -1.5, 2, -2]
        switch high {
        case nil: heights += [1.5, -1]
        case true?: heights += [-5, -7]
        case false?: heights += [5, 7]
        }
        let middleY = y + size * 0.6
        let startX = x + size * 0.2
        let stepX = size * 0.6 / Double(heights.count - 1)
        let coordinates = heights.enumerated().map { index, height in
            (startX + Double(index) * stepX, middleY + height * unit)
        }
        let line = coordinates.enumerated().map { index, point in
            (index == 0 ? "M" : "L") + DecimalText.trimmed(point.0) + " " + DecimalText.trimmed(point.1)
        }.joined(separator: " ")
        var group = SVGElement("g", [("class", "mdc-icon variation")])
        group.append(SVGElement("title", text: "Variation: " + ChartDescription.readable(type)))
        group.append(ring(x: x, y: y, size: size, colour: colour, palette: palette))
        group.append(SVGElement("path", [("d", .text(line)), ("fill", "none"), ("stroke", .text(palette.commonCause)),
                                         ("stroke-width", .number(unit))]))
        for (index, point) in coordinates.enumerated() {
            let isBreak = high != nil && index >= heights.count - 2
            group.append(SVGElement("circle", [("cx", .number(point.0)), ("cy", .number(point.1)),
                                               ("r", .number(1.7 * unit)),
                                               ("fill", .text(isBreak ? colour : palette.commonCause))]))
        }
        if let high {
            group.append(SVGElement("text", [("x", .number(x + size / 2)), ("y", .number(y + size * 0.36)),
                                             ("text-anchor", "middle"), ("font-size", .number(10 * unit)),
                                             ("font-weight", "700"), ("fill", .text(colour))], text: high ? "H" : "L"))
        }
        return group
    }

    /// The assurance icon.
    static func assurance(_ assurance: Assurance, improvement: ImprovementDirection, x: Double, y: Double,
                          size: Double, palette: Palette) -> SVGElement {
        let colour: String
        let letter: String
        switch assurance {
        case .consistentPass: colour = palette.improvement; letter = "P"
        case .consistentFail: colour = palette.concern; letter = "F"
        case .inconsistent: colour = palette.commonCause; letter = "?"
        }
        let unit = size / 34
        var group = SVGElement("g", [("class", "mdc-icon assurance")])
        group.append(SVGElement("title", text: "Assurance: " + ChartDescription.readable(assurance)))
        group.append(ring(x: x, y: y, size: size, colour: colour, palette: palette))
        group.append(SVGElement("text", [("x", .number(x + size / 2)), ("y", .number(y + size * 0.6)),
                                         ("text-anchor", "middle"), ("font-size", .number(16 * unit)),
                                         ("font-weight", "700"), ("fill", .text(colour))], text: letter))
        group.append(SVGElement("line", [("x1", .number(x + size * 0.25)), ("y1", .number(y + size * 0.74)),
                                         ("x2", .number(x + size * 0.75)), ("y2", .number(y + size * 0.74)),
                                         ("stroke", .text(palette.target)), ("stroke-width", .number(1.5 * unit)),
                                         ("stroke-dasharray", .text(DecimalText.trimmed(3 * unit) + " " + DecimalText.trimmed(2 * unit)))]))
        return group
    }

    private static func ring(x: Double, y: Double, size: Double, colour: String, palette: Palette) -> SVGElement {
        SVGElement("circle", [("cx", .number(x + size / 2)), ("cy", .number(y + size / 2)),
                              ("r", .number(size / 2 - size / 34 * 1.5)), ("fill", .text(palette.background)),
                              ("stroke", .text(colour)), ("stroke-width", .number(size / 34 * 2.5))])
    }

    /// A stand-alone `<svg>` of the variation icon (for tables).
    public static func variationSVG(_ type: PointType, improvement: ImprovementDirection, size: Double = 26,
                                    palette: Palette = .standard) -> String {
        standalone(variation(type, improvement: improvement, x: 0, y: 0, size: size, palette: palette), size: size)
    }

    /// A stand-alone `<svg>` of the assurance icon (for tables).
    public static func assuranceSVG(_ assurance: Assurance, improvement: ImprovementDirection, size: Double = 26,
                                    palette: Palette = .standard) -> String {
        standalone(self.assurance(assurance, improvement: improvement, x: 0, y: 0, size: size, palette: palette), size: size)
    }

    private static func standalone(_ icon: SVGElement, size: Double) -> String {
        var root = SVGElement("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", "mdc"),
                                      ("width", .number(size)), ("height", .number(size)),
                                      ("viewBox", .text("0 0 \(DecimalText.trimmed(size)) \(DecimalText.trimmed(size))")),
                                      ("font-family", "system-ui, 'DejaVu Sans', Arial, sans-serif")])
        root.append(icon)
        return root.markup
    }
}
