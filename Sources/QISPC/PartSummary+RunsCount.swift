extension PartSummary {
    /// The IHI runs test replaces Anhøj's: runs = crossings + 1, signalling when fewer than the
    /// lower limit or more than the upper one.
    mutating func applyRunsCountLimits() {
        let limits = RunsCountLimits.limits(usefulObservations: usefulObservations)
        runsMinimum = limits?.lower
        runsMaximum = limits?.upper
        if let runs, let limits {
            runsSignal = runs < limits.lower || runs > limits.upper
        } else {
            runsSignal = false
        }
    }
}
