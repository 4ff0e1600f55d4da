/// The parts every scenario chart shares: the `<svg>` root with its title and description, the
/// background, and a header of title, subtitle and a note, each shortened to fit the width.
extension SVGElement {
    /// The header's three baselines; the plot starts below the last.
    static let titleBaseline = 20.0
    static let subtitleBaseline = 37.0
    static let noteBaseline = 53.0
    static let framedHeaderHeight = 62.0

    /// A stand-alone `<svg>` of class `qi-chart` plus `kind`, with `<title>`, `<desc>` and the
    /// background, ready for the chart's own elements.
    static func chartFrame(kind: String, width: Double, height: Double, title: String, description: String,
                           style: ChartStyle) -> SVGElement {
        var root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("class", .text("qi-chart \(kind)")), ("role", "img"),
            ("width", .number(width)), ("height", .number(height)),
            ("viewBox", .text("0 0 \(DecimalText.trimmed(width)) \(DecimalText.trimmed(height))")),
            ("font-family", .text(style.fontFamily)), ("font-size", .number(style.fontSize)),
        ])
        root.append(SVGElement("title", text: title))
        root.append(SVGElement("desc", text: description))
        root.append(SVGElement("rect", [("width", .number(width)), ("height", .number(height)),
                                        ("fill", .text(style.palette.background))]))
        return root
    }

    /// Title, subtitle and an italic note (the assumption statement) at the top left.
    static func chartHeader(title: String, subtitle: String, note: String, width: Double, style: ChartStyle) -> [SVGElement] {
        let palette = style.palette
        let titleLimit = max(8, Int((width - 32) / (style.titleFontSize * ChartStyle.averageCharacterWidth)))
        let textLimit = max(8, Int((width - 32) / (style.fontSize * ChartStyle.averageCharacterWidth)))
        return [
            SVGElement("text", [("x", 16), ("y", .number(titleBaseline)), ("font-size", .number(style.titleFontSize)),
                                ("font-weight", "600"), ("fill", .text(palette.text))],
                       text: ChartLayout.shortened(title, to: titleLimit)),
            SVGElement("text", [("x", 16), ("y", .number(subtitleBaseline)), ("fill", .text(palette.mutedText))],
                       text: ChartLayout.shortened(subtitle, to: textLimit)),
            SVGElement("text", [("class", "assumption"), ("x", 16), ("y", .number(noteBaseline)), ("font-style", "italic"),
                                ("fill", .text(palette.mutedText))],
                       text: ChartLayout.shortened(note, to: textLimit)),
        ]
    }

    /// The run's seed, small in the bottom right corner, so a chart can be traced to its run.
    static func seedLabel(_ seed: UInt64, width: Double, height: Double, style: ChartStyle) -> SVGElement {
        SVGElement("text", [("x", .number(width - 8)), ("y", .number(height - 8)), ("text-anchor", "end"),
                            ("font-size", .number(style.fontSize - 1)), ("fill", .text(style.palette.mutedText))],
                   text: "seed \(seed)")
    }
}
