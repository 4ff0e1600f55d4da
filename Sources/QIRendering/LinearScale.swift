/// Maps a data interval linearly onto a pixel interval (which may run backwards, as a y axis
/// does: larger values higher up, at smaller pixel coordinates).
public struct LinearScale: Sendable, Equatable {
    public let domain: ClosedRange<Double>
    public let start: Double
    public let end: Double

    public init(domain: ClosedRange<Double>, start: Double, end: Double) {
        self.domain = domain
        self.start = start
        self.end = end
    }

    /// The pixel position of `value`; the middle of the range when the domain is one point.
    public func position(_ value: Double) -> Double {
        let width = domain.upperBound - domain.lowerBound
        guard width > 0 else { return (start + end) / 2 }
        return start + (value - domain.lowerBound) / width * (end - start)
    }
}
