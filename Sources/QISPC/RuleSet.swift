/// The sets of rules that decide which variation is a signal (see `Guides/RuleSets.md`).
public enum RuleSet: String, Sendable, CaseIterable {
    /// 3-sigma test plus Anhøj's runs rules, as qicharts2 computes them (the default).
    case anhoej
    /// IHI run chart rules (Perla, Provost & Murray 2011, BMJ Qual Saf 20:46).
    case ihi
    /// NHS Making Data Count, as NHSRplotthedots computes it.
    case mdc
    /// Western Electric zone tests (Western Electric 1956), as qcc names and applies them.
    case westernElectric = "western-electric"
    /// Nelson's eight tests (Nelson 1984, J Qual Technol 16:237).
    case nelson

    /// Whether the anchor screens moving ranges by default: qicharts2 (attached, as it is
    /// used) and NHSRplotthedots do; qcc, the anchor of the zone-test presets, does not.
    public var screensMovingRanges: Bool {
        switch self {
        case .anhoej, .ihi, .mdc: return true
        case .westernElectric, .nelson: return false
        }
    }
}

/// Which way is better for the measure, for Making Data Count point types and icons.
public enum ImprovementDirection: String, Sendable, CaseIterable {
    case increase, decrease, neutral
}

/// The rule that flagged a point, named as in the JSON `signals` array.
public enum SignalRule: String, Sendable, CaseIterable, Comparable {
    case outsideLimits = "outside_limits"
    case shift
    case trend
    case twoOfThree = "two_of_three"
    case fourOfFive = "four_of_five"
    case fifteenWithinOneSigma = "fifteen_within_one_sigma"
    case eightOutsideOneSigma = "eight_outside_one_sigma"
    case alternating

    /// Position in the declared order, the order in which a point's signals are listed.
    var order: Int {
        switch self {
        case .outsideLimits: return 0
        case .shift: return 1
        case .trend: return 2
        case .twoOfThree: return 3
        case .fourOfFive: return 4
        case .fifteenWithinOneSigma: return 5
        case .eightOutsideOneSigma: return 6
        case .alternating: return 7
        }
    }

    public static func < (lhs: SignalRule, rhs: SignalRule) -> Bool { lhs.order < rhs.order }
}

/// A Making Data Count classification of one point.
public enum PointType: String, Sendable {
    case commonCause = "common_cause"
    case specialCauseImprovement = "special_cause_improvement"
    case specialCauseConcern = "special_cause_concern"
    case specialCauseNeutral = "special_cause_neutral"
}

/// The Making Data Count assurance icon: can the process be relied on to meet the target?
public enum Assurance: String, Sendable {
    case consistentPass = "consistent_pass"
    case consistentFail = "consistent_fail"
    case inconsistent
}
