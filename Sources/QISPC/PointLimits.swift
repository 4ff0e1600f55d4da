/// The centre line and limits of one point, before `multiply`.
///
/// `upperSigma` and `lowerSigma` are the distances from the centre line to the 1-sigma zone
/// boundaries on each side (equal for symmetric limits); the zone rules use them.
struct PointLimits: Sendable {
    var centre: Double?
    var lower: Double?
    var upper: Double?
    var lower95: Double?
    var upper95: Double?
    var upperSigma: Double?
    var lowerSigma: Double?

    static let none = PointLimits()

    /// Limits centre +/- 3 sigma (and +/- 2 sigma), clamped to [floor, cap].
    static func symmetric(centre: Double, sigma: Double?, floor: Double? = nil, cap: Double? = nil) -> PointLimits {
        guard let sigma, sigma.isFinite else { return PointLimits(centre: centre) }
        func clamp(_ value: Double) -> Double {
            var clamped = value
            if let floor { clamped = max(clamped, floor) }
            if let cap { clamped = min(clamped, cap) }
            return clamped
        }
        return PointLimits(centre: centre, lower: clamp(centre - 3 * sigma), upper: clamp(centre + 3 * sigma),
                           lower95: clamp(centre - 2 * sigma), upper95: clamp(centre + 2 * sigma),
                           upperSigma: sigma, lowerSigma: sigma)
    }

    func scaled(by factor: Double) -> PointLimits {
        guard factor != 1 else { return self }
        func scale(_ value: Double?) -> Double? { value.map { $0 * factor } }
        return PointLimits(centre: scale(centre), lower: scale(lower), upper: scale(upper),
                           lower95: scale(lower95), upper95: scale(upper95),
                           upperSigma: scale(upperSigma).map(abs), lowerSigma: scale(lowerSigma).map(abs))
    }
}
