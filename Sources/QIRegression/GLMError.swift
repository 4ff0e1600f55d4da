/// Why a generalised linear model cannot be fitted, with the evidence and what to change.
/// Rows are 1-based data rows of the input.
public enum GLMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The link is not offered for the family.
    case linkNotAvailable(link: String, family: String, available: [String])
    /// `cbind(successes, failures)` with a family other than binomial.
    case countsNeedBinomial(family: String)
    /// A response value outside the family's support.
    case responseOutOfSupport(row: Int, value: Double, family: String, requirement: String)
    /// Every response is the same, so the model has nothing to explain (or its estimates are
    /// infinite).
    case constantResponse(value: Double, family: String)
    /// Fewer usable rows than coefficients.
    case tooFewRows(rows: Int, coefficients: Int)
    /// No valid linear predictor at the starting values (e.g. a log link with y ≤ 0).
    case noValidStartingValues(family: String, link: String)
    /// The coefficients left the valid region and step-halving could not bring them back.
    case noValidStep(iteration: Int)
    /// IRLS stopped without meeting its criterion.
    case didNotConverge(iterations: Int, lastChange: Double, deviance: Double)
    /// θ of the negative binomial ran to infinity: no overdispersion to estimate.
    case thetaUnbounded(theta: Double)
    /// A failure in the linear algebra underneath.
    case linearAlgebra(String)

    public var description: String {
        switch self {
        case let .linkNotAvailable(link, family, available):
            return "the \(link) link is not available for the \(family) family; use "
                + available.joined(separator: ", ") + "."
        case let .countsNeedBinomial(family):
            return "cbind(successes, failures) is a binomial response, but the family is "
                + "\(family). Use --family binomial, or give one response column."
        case let .responseOutOfSupport(row, value, family, requirement):
            return "row \(row): the response \(RNumberText.text(value)) is outside the \(family) "
                + "family's range: \(requirement)."
        case let .constantResponse(value, family):
            return "every response equals \(RNumberText.text(value)), so a \(family) model has "
                + "nothing to estimate (or its estimates are infinite). Check the response column."
        case let .tooFewRows(rows, coefficients):
            return "\(rows) usable row\(rows == 1 ? "" : "s") for \(coefficients) coefficients: a "
                + "model needs at least as many rows as coefficients. Drop terms or add data."
        case let .noValidStartingValues(family, link):
            return "no valid starting values for the \(family) family with the \(link) link: "
                + "some responses lie outside the link's range (a log link needs positive "
                + "responses). Use another link or family."
        case let .noValidStep(iteration):
            return "at iteration \(iteration) the coefficients left the region where the model "
                + "is defined and step-halving could not bring them back. Try the family's "
                + "default link."
        case let .didNotConverge(iterations, lastChange, deviance):
            let evidence = "the fit did not converge in \(iterations) iterations: the coefficients "
                + "were still moving (last relative change in deviance \(lastChange), deviance "
                + "\(deviance))."
            if deviance < 1e-6 {
                return evidence + " The deviance is essentially 0: the model reproduces the data "
                    + "exactly, which for binomial data means separation (some predictor or "
                    + "combination splits the 0s from the 1s) and an estimate running to infinity. "
                    + "Remove or merge the separating term."
            }
            return evidence + " Look for separation, extreme values or a predictor measured on "
                + "a huge scale."
        case let .thetaUnbounded(theta):
            return "the negative binomial θ grew beyond \(RNumberText.text(theta)): the counts "
                + "show no overdispersion. Fit a Poisson model instead."
        case let .linearAlgebra(message):
            return "a linear-algebra step failed: \(message)"
        }
    }
}
