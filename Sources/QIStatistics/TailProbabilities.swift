/// A probability split into its two tails, `lower + upper = 1`.
///
/// The special functions compute the smaller tail directly and derive the other as its
/// complement, so `min(lower, upper)` keeps full relative precision far into the tail, where
/// `1 - lower` would round to zero.
struct TailProbabilities: Sendable, Equatable {
    /// P(X <= x), or the regularised lower incomplete function.
    var lower: Double
    /// P(X > x), or the regularised upper incomplete function.
    var upper: Double

    /// Builds the pair from the tail computed directly.
    static func fromLower(_ lower: Double) -> TailProbabilities {
        TailProbabilities(lower: lower, upper: 1 - lower)
    }

    /// Builds the pair from the tail computed directly.
    static func fromUpper(_ upper: Double) -> TailProbabilities {
        TailProbabilities(lower: 1 - upper, upper: upper)
    }

    /// The pair with the tails exchanged (the reflection X -> -X).
    var swapped: TailProbabilities { TailProbabilities(lower: upper, upper: lower) }
}
