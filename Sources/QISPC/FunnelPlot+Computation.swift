/// Computing a funnel plot from its units: validate, pool the target, estimate
/// overdispersion from z-scores on the variance-stabilising scale, then place every unit
/// against the limits at its denominator.
extension FunnelPlot {
    /// The fewest units a funnel plot can compare.
    public static let minimumUnits = 2

    /// Computes a funnel plot.
    ///
    ///     target   theta = sum(y_i) / sum(n_i)             over units with n_i > 0
    ///     z_i      = (g(y_i / n_i) - g(theta)) / s(n_i)    (see FunnelChartType.transformed)
    ///     phi, tau^2 from the z_i                          (see OverdispersionEstimate)
    ///     limits   at n_i                                  (see FunnelLimitModel)
    ///     flag     the rate against the 99.8% limits, then the 95% limits
    ///
    /// A unit with n = 0 or a missing y or n has no rate: it is kept, with nil rate, z, limits
    /// and flag, left out of the target and the overdispersion estimate, and named in a
    /// warning.
    ///
    /// - Throws: `FunnelError` for negative values, y > n or non-whole counts in a p funnel,
    ///   a unit name used twice, fewer than `minimumUnits` units with n > 0, or options out
    ///   of range.
    /// - Complexity: O(I log I) for I units, plus O(1) distribution evaluations per unit for
    ///   exact limits.
    public static func compute(_ data: [FunnelUnitData], options: FunnelOptions) throws(FunnelError) -> FunnelPlot {
        try validate(data, options: options)
        let chart = options.chart
        var warnings: [String] = []
        let usable = data.indices.filter { isUsable(data[$0]) }
        for unit in data where !isUsable(unit) {
            let reason = unit.numerator == nil || unit.denominator == nil ? "a missing y or n" : "n = 0"
            warnings.append("unit '\(unit.name)' has \(reason), so it has no rate: it is listed with null values and left out of the target and the overdispersion estimate.")
        }
        let numeratorSum = usable.reduce(0.0) { $0 + data[$1].numerator! }
        let denominatorSum = usable.reduce(0.0) { $0 + data[$1].denominator! }
        let target = numeratorSum / denominatorSum

        let centre = chart.transformed(target)
        let standardErrors = usable.map { chart.standardError(denominator: data[$0].denominator!) }
        let zScores = zip(usable, standardErrors).map { index, standardError in
            (chart.transformed(data[index].numerator! / data[index].denominator!) - centre) / standardError
        }
        let overdispersion = OverdispersionEstimate.estimate(
            zScores: zScores, standardErrors: standardErrors, method: options.overdispersion,
            winsorisedFraction: options.winsorisedFraction)
        if options.overdispersion == .none, overdispersion.isSignificant {
            warnings.append("the units vary more than chance allows (phi = \(overdispersion.phi.threeDecimals), significant at 5%): consider --overdispersion additive or multiplicative.")
        } else if options.overdispersion != .none, !overdispersion.isApplied {
            warnings.append("no overdispersion (phi = \(overdispersion.phi.threeDecimals) <= 1): the exact limits are used.")
        }

        let adjustment: FunnelLimitModel.Adjustment
        switch (options.overdispersion, overdispersion.isApplied) {
        case (.multiplicative, true): adjustment = .multiplicative(phi: overdispersion.phi)
        case (.additive, true): adjustment = .additive(tau2: overdispersion.tau2)
        default: adjustment = .exact
        }
        let unscaledModel = FunnelLimitModel(chart: chart, target: target, adjustment: adjustment)

        var units = data.map { FunnelUnit(name: $0.name, numerator: $0.numerator, denominator: $0.denominator) }
        for (position, index) in usable.enumerated() {
            let rate = data[index].numerator! / data[index].denominator!
            let limits = try unscaledModel.limits(forDenominator: data[index].denominator!)
            let unadjusted = zScores[position]
            let adjusted: Double
            switch adjustment {
            case .exact: adjusted = unadjusted
            case .multiplicative(let phi): adjusted = unadjusted / phi.squareRoot()
            case .additive(let tau2):
                let standardError = standardErrors[position]
                adjusted = (chart.transformed(rate) - centre) / (standardError * standardError + tau2).squareRoot()
            }
            units[index].rate = rate * options.multiply
            units[index].zScore = adjusted
            units[index].unadjustedZScore = unadjusted
            units[index].limits = limits.scaled(by: options.multiply)
            units[index].flag = limits.flag(for: rate)
        }
        var model = unscaledModel
        model.multiply = options.multiply
        return FunnelPlot(options: options, target: target * options.multiply, overdispersion: overdispersion,
                          units: units, limitModel: model, warnings: warnings)
    }

    /// Checks data and options without computing the plot.
    ///
    /// - Throws: as `compute`.
    public static func validate(_ data: [FunnelUnitData], options: FunnelOptions) throws(FunnelError) {
        guard options.multiply.isFinite, options.multiply > 0 else {
            throw .invalidOption("the multiplier must be a positive number, not \(options.multiply).")
        }
        guard options.winsorisedFraction >= 0, options.winsorisedFraction < 0.5 else {
            throw .invalidOption("the winsorised fraction must be in [0, 0.5), not \(options.winsorisedFraction).")
        }
        var positions: [String: [Int]] = [:]
        var order: [String] = []
        for (index, unit) in data.enumerated() {
            let number = index + 1
            if positions[unit.name] == nil { order.append(unit.name) }
            positions[unit.name, default: []].append(number)
            for (quantity, value) in [(FunnelError.Quantity.numerator, unit.numerator), (.denominator, unit.denominator)] {
                guard let value else { continue }
                if value < 0 { throw .negativeValue(unit: number, quantity: quantity, value: value) }
                if options.chart == .proportion, value != value.rounded() {
                    throw .notWholeNumber(unit: number, quantity: quantity, value: value)
                }
            }
            if options.chart == .proportion, let y = unit.numerator, let n = unit.denominator, y > n {
                throw .valueExceedsDenominator(unit: number, value: y, denominator: n)
            }
        }
        if let repeated = order.first(where: { positions[$0]!.count > 1 }) {
            throw .duplicateUnit(name: repeated, units: positions[repeated]!)
        }
        let usableCount = data.filter(isUsable).count
        guard usableCount >= minimumUnits else {
            throw .tooFewUnits(required: minimumUnits, found: usableCount)
        }
    }

    private static func isUsable(_ unit: FunnelUnitData) -> Bool {
        unit.numerator != nil && (unit.denominator ?? 0) > 0
    }
}

extension FunnelUnit {
    init(name: String, numerator: Double?, denominator: Double?) {
        self.init(name: name, numerator: numerator, denominator: denominator, rate: nil, zScore: nil,
                  unadjustedZScore: nil, limits: nil, flag: nil)
    }
}

private extension Double {
    /// Three decimals, for messages.
    var threeDecimals: String { String((self * 1000).rounded() / 1000) }
}
