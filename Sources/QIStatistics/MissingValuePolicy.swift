/// What a descriptive statistic does with missing values (`nil`).
///
/// There is no default: a caller states the policy at every use, so that a chart computed
/// from incomplete data says so in its source.
public enum MissingValuePolicy: Sendable, Hashable {
    /// Ignore missing values and compute from the values present (R's `na.rm = TRUE`).
    case skip
    /// The statistic is undefined (`nil`) as soon as one value is missing (R's default,
    /// `na.rm = FALSE`, which returns `NA`).
    case propagate
}
