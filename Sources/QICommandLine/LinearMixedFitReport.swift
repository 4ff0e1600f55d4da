import QIRegression

/// What `qi fit` reports for a linear mixed model: the fit with Wald inference at the chosen
/// level and the warnings.
struct LinearMixedFitReport {
    let fit: LMMFit
    let formula: String
    let level: Double
    let intervals: [(lower: Double, upper: Double)]
    var warnings: [String]
    /// The likelihood-ratio test of `--compare`, when asked for.
    var comparison: ModelComparison?

    init(fit: LMMFit, design: DesignMatrix, formula: String, level: Double) {
        self.fit = fit
        self.formula = formula
        self.level = level
        self.intervals = fit.waldIntervals(level: level)
        var warnings: [String] = []
        if fit.isSingular {
            let components = fit.boundaryComponents.map { component in
                "\(component.term) | \(component.group) (relative factor theta "
                    + "\(FitTableWriter.format(component.theta)), derivative of the criterion "
                    + "\(FitTableWriter.format(component.gradient)))"
            }.joined(separator: ", ")
            warnings.append("boundary (singular) fit: the random-effect covariance is singular "
                + "at \(components): below 1e-4, as lme4's isSingular judges. The groups vary "
                + "no more than the residual explains in that direction; consider removing that "
                + "term (or its correlation).")
        }
        if let dropped = FitReport.rowsDroppedWarning(design) { warnings.append(dropped) }
        self.warnings = warnings
    }

    /// `reml` or `ml`, as `--method` names them.
    var method: String { fit.criterion.rawValue }

    /// How the standard errors were computed: σ̂²(RXRXᵀ)⁻¹, the inverse information of β
    /// given θ̂, as lme4's `vcov`.
    var standardErrorsName: String { "fixed_effects_given_theta" }
}
