/// Sizes, fonts and colours of a chart: a value passed to the renderer, never global state.
public struct ChartStyle: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var fontFamily: String
    public var fontSize: Double
    public var titleFontSize: Double
    public var pointRadius: Double
    public var palette: Palette
    /// Whether to draw the 2-sigma lines (the inner limits `lcl_95`/`ucl_95`).
    public var showsTwoSigmaLines: Bool

    public init(width: Double = 760, height: Double = 380,
                fontFamily: String = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif",
                fontSize: Double = 11, titleFontSize: Double = 15, pointRadius: Double = 2.6,
                palette: Palette = .standard, showsTwoSigmaLines: Bool = false) {
        self.width = width
        self.height = height
        self.fontFamily = fontFamily
        self.fontSize = fontSize
        self.titleFontSize = titleFontSize
        self.pointRadius = pointRadius
        self.palette = palette
        self.showsTwoSigmaLines = showsTwoSigmaLines
    }

    public static let standard = ChartStyle()

    /// Average glyph width of a sans-serif font, as a share of its size, to estimate text
    /// widths without measuring (enough to avoid overlaps; long text is shortened).
    static let averageCharacterWidth = 0.62

    func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * Self.averageCharacterWidth
    }
}
