/// The 95% and 99.8% funnel limits at one denominator, in the units of the plotted rate.
public struct FunnelLimits: Sendable, Equatable {
    public var lower95: Double
    public var upper95: Double
    public var lower998: Double
    public var upper998: Double

    public init(lower95: Double, upper95: Double, lower998: Double, upper998: Double) {
        self.lower95 = lower95
        self.upper95 = upper95
        self.lower998 = lower998
        self.upper998 = upper998
    }

    /// Every limit multiplied by `factor`.
    public func scaled(by factor: Double) -> FunnelLimits {
        FunnelLimits(lower95: lower95 * factor, upper95: upper95 * factor,
                     lower998: lower998 * factor, upper998: upper998 * factor)
    }

    /// Where `rate` lies: beyond 99.8% limits first, then beyond 95%, else within. A rate
    /// equal to a limit is within it, as FunnelPlotR's `outliers_func` treats it.
    public func flag(for rate: Double) -> FunnelFlag {
        if rate > upper998 { return .above998 }
        if rate > upper95 { return .above95 }
        if rate < lower998 { return .below998 }
        if rate < lower95 { return .below95 }
        return .within
    }
}

/// One point of a funnel curve: the limits at one denominator.
public struct FunnelCurvePoint: Sendable, Equatable {
    public var denominator: Double
    public var limits: FunnelLimits
}
