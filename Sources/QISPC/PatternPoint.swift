/// A point as the pattern rules see it: present, included, with its centre line and zones.
///
/// `position` is the point's place in the chart's `points` array. Zone boundaries are
/// `centre +/- k * upperSigma` (or `lowerSigma`) for k = 1, 2; the limits are `lower`/`upper`.
struct PatternPoint {
    let position: Int
    let value: Double
    let centre: Double
    let upperSigma: Double?
    let lowerSigma: Double?
    let lower: Double?
    let upper: Double?

    /// +1 above the centre line, -1 below, 0 on it.
    var side: Int { value > centre ? 1 : (value < centre ? -1 : 0) }

    var isOutsideLimits: Bool {
        if let upper, value > upper { return true }
        if let lower, value < lower { return true }
        return false
    }

    /// Whether the point lies beyond `sigmas` zone widths on its own side.
    func isBeyond(sigmas: Double) -> Bool {
        switch side {
        case 1: return upperSigma.map { value > centre + sigmas * $0 } ?? false
        case -1: return lowerSigma.map { value < centre - sigmas * $0 } ?? false
        default: return false
        }
    }
}
