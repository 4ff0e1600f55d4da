/// One unit (practice, trust) to place on a funnel plot: its name, numerator and denominator
/// as read from the input; `nil` marks a missing value.
public struct FunnelUnitData: Sendable, Hashable {
    public var name: String
    public var numerator: Double?
    public var denominator: Double?

    public init(name: String, numerator: Double?, denominator: Double?) {
        self.name = name
        self.numerator = numerator
        self.denominator = denominator
    }
}
