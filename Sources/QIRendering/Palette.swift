/// The colours of a chart.
///
/// Signal and reference colours come from the Okabe-Ito palette (M. Okabe & K. Ito, "Color
/// Universal Design", 2002), distinguishable with the common colour-vision deficiencies. The
/// Making Data Count colours follow the NHS convention (improvement blue, concern orange,
/// neutral purple, common cause grey) in shades chosen here, with blue and orange again from
/// Okabe-Ito so improvement and concern stay apart for colour-blind readers.
public struct Palette: Sendable, Equatable {
    public var data: String
    public var centreLine: String
    public var limits: String
    public var sigmaLines: String
    public var target: String
    /// Points outside the limits and centre lines of parts with a runs signal.
    public var signal: String
    public var partBoundary: String
    public var text: String
    public var mutedText: String
    public var grid: String
    public var background: String
    public var improvement: String
    public var concern: String
    public var neutral: String
    public var commonCause: String

    public init(data: String, centreLine: String, limits: String, sigmaLines: String, target: String,
                signal: String, partBoundary: String, text: String, mutedText: String, grid: String,
                background: String, improvement: String, concern: String, neutral: String, commonCause: String) {
        self.data = data
        self.centreLine = centreLine
        self.limits = limits
        self.sigmaLines = sigmaLines
        self.target = target
        self.signal = signal
        self.partBoundary = partBoundary
        self.text = text
        self.mutedText = mutedText
        self.grid = grid
        self.background = background
        self.improvement = improvement
        self.concern = concern
        self.neutral = neutral
        self.commonCause = commonCause
    }

    /// Okabe-Ito blue #0072B2, vermillion #D55E00, bluish green #009E73 and orange #E69F00
    /// with greys; purple #7B3294 for neutral special causes.
    public static let standard = Palette(
        data: "#4D4D4D", centreLine: "#0072B2", limits: "#7F7F7F", sigmaLines: "#B3B3B3",
        target: "#009E73", signal: "#D55E00", partBoundary: "#9E9E9E", text: "#1A1A1A",
        mutedText: "#595959", grid: "#EBEBEB", background: "#FFFFFF",
        improvement: "#0072B2", concern: "#E69F00", neutral: "#7B3294", commonCause: "#8C8C8C")
}
