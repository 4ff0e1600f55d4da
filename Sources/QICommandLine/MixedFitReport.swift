import QIRegression

/// What `qi fit` reports for a mixed model: the fit with Wald inference at the chosen level
/// and the warnings.
struct MixedFitReport {
    let fit: GLMMFit
    let formula: String
    let level: Double
    let intervals: [(lower: Double, upper: Double)]
    let warnings: [String]
    /// The likelihood-ratio test of `--compare`, when asked for.
    var comparison: ModelComparison?

    init(fit: GLMMFit, design: DesignMatrix, formula: String, level: Double) {
        self.fit = fit
        self.formula = formula
        self.level = level
        self.intervals = fit.waldIntervals(level: level)
        var warnings: [String] = []
        for component in fit.boundaryComponents {
            let evidence = "(below 1e-4; derivative of the log-likelihood in it \(FitTableWriter.format(component.gradient))"
                + (component.curvature.map { ", second derivative \(FitTableWriter.format($0))" } ?? "") + ")"
            guard component.term == "(Intercept)" || fit.randomEffects.count == 1 else {
                // A slope's diagonal of the relative covariance factor: the term's covariance
                // matrix is singular (a correlation of ±1 or a zero variance).
                warnings.append("boundary (singular) fit: the relative covariance factor of the random "
                    + "effects for \(component.group) has a zero diagonal at \(component.term) \(evidence): "
                    + "their covariance matrix is singular (a correlation of -1 or 1, or a zero "
                    + "variance), so the term has fewer dimensions than columns.")
                continue
            }
            warnings.append("boundary (singular) fit: the standard deviation of the random "
                + "intercept for \(component.group) is \(FitTableWriter.format(component.theta)) "
                + evidence + ": "
                + (fit.randomEffects.count == 1
                   ? "the groups vary no more than the fixed effects explain, so the fit is the GLM's "
                     + "and the standard deviation has no standard error."
                   : "the groups vary no more than the fixed effects and the other random effects "
                     + "explain, so the term drops out and its standard deviation has no standard error."))
        }
        if design.rowsDropped > 0 {
            warnings.append("\(design.rowsDropped) row\(design.rowsDropped == 1 ? "" : "s") with a "
                + "missing value in a model variable dropped; \(design.rowCount) used.")
        }
        self.warnings = warnings
    }

    /// The approximation of the marginal likelihood.
    var approximation: String {
        fit.quadraturePoints == 1 ? "laplace" : "adaptive_gauss_hermite"
    }

    /// How the standard errors were computed: the inverse of the negative Hessian of the
    /// approximate log-likelihood over (σ, β) by Richardson-extrapolated central differences.
    var standardErrorsName: String { "observed_hessian_richardson" }
}
