/// The size of each IRLS step and whether the iteration has reached its rounding floor, for
/// both iterations of ``GeneralizedLinearModel`` (pivoted QR and normal equations).
///
/// A step's size is the largest |βⱼ − βⱼ⁽ᵖʳᵉᵛ⁾| / max(|βⱼ|, seⱼ) over the columns (the raw
/// change where both are 0). Steps below `floor` that no longer shrink by 10 % are noise of
/// order ε·cond(√W X), not progress.
struct IRLSStepSize {
    /// Steps below this (relative to max(|βⱼ|, seⱼ)) that stop shrinking are rounding noise.
    static let floor = 1e-8

    private var previousLargest = Double.infinity

    /// The largest scaled step of this iteration (+∞ when there is no previous β) and whether
    /// it sits at the rounding floor; remembers it for the next iteration.
    mutating func record(_ steps: [(current: Double, previous: Double, standardError: Double)]?)
        -> (largest: Double, atRoundingFloor: Bool) {
        var largest = Double.infinity
        if let steps {
            largest = 0
            for step in steps {
                let scale = max(abs(step.current), step.standardError)
                let change = abs(step.current - step.previous)
                largest = max(largest, scale > 0 ? change / scale : change)
            }
        }
        let atRoundingFloor = largest < Self.floor && largest >= 0.9 * previousLargest
        previousLargest = largest
        return (largest, atRoundingFloor)
    }
}
