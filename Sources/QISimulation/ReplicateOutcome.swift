/// The integer outputs of one scenario in one replicate (one CCG): the unit of merging.
///
/// - `started`: practices ever admitted (given a start month), including those admitted in
///   the final month whose project never runs a month;
/// - `success`: SUCCEEDED or LAPSED at the end; `failed`; `dropped`;
/// - for each s in outputs.sustained_at_months and each clock, origin = max(success_month,
///   support_end) ("after support") or success_month ("after success"):
///   eligible = ever succeeded and origin + s <= T; sustained = eligible and
///   lapse_month > origin + s (never lapsed = infinite lapse month);
/// - `adopted[m - 1]`, `sustaining[m - 1]`: practices not NOT_ADOPTED, and SUCCEEDED, at the
///   end of month m = 1..T.
public struct ReplicateOutcome: Sendable, Hashable {
    public var started = 0
    public var success = 0
    public var failed = 0
    public var dropped = 0
    /// Indexed like outputs.sustained_at_months.
    public var sustainedAfterSupport: [Int]
    public var eligibleAfterSupport: [Int]
    public var sustainedAfterSuccess: [Int]
    public var eligibleAfterSuccess: [Int]
    public var adopted: [Int]
    public var sustaining: [Int]

    public init(horizons: Int, months: Int) {
        sustainedAfterSupport = Array(repeating: 0, count: horizons)
        eligibleAfterSupport = sustainedAfterSupport
        sustainedAfterSuccess = sustainedAfterSupport
        eligibleAfterSuccess = sustainedAfterSupport
        adopted = Array(repeating: 0, count: months)
        sustaining = adopted
    }
}

/// The clock from which "sustained s months" is counted.
public enum SustainabilityClock: String, Sendable, Hashable, CaseIterable {
    /// origin = max(success_month, support_end): sustained after support ends.
    case afterSupport = "after_support"
    /// origin = success_month: sustained after the success itself.
    case afterSuccess = "after_success"
}
