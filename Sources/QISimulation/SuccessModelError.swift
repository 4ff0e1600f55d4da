/// Why a fitted model cannot set the simulation's success model, naming the file and the term.
public enum SuccessModelError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    /// Not a logistic regression: the simulation's success model is logit-linear.
    case notLogistic(file: String, family: String, link: String)
    case notConverged(file: String)
    /// A `qi factors` file with several outcomes, none named `success` and more than one binary.
    case noSuccessOutcome(file: String, outcomes: [String])
    case unusableCoefficient(file: String, term: String, reason: String)
    case unusableRandomEffect(file: String, group: String, term: String, reason: String)
    /// A fixed-effect term with no counterpart in the success model.
    case unmappedTerm(file: String, term: String, known: [String])
    /// A random effect other than a random intercept per practice or per CCG.
    case unmappedRandomEffect(file: String, group: String, term: String)
    /// Two terms of the fit would set the same parameter.
    case duplicateParameter(file: String, parameter: String, terms: [String])
    case noIntercept(file: String)
    /// A population-averaged fit is converted with the scenarios' success.sd_practice, which
    /// must then be one fixed number across the scenarios run.
    case practiceSpreadDiffers(file: String, values: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot be read as a fitted model: \(reason)."
        case .notLogistic(let file, let family, let link):
            return "\(file): the fit is family \(family), link \(link); the success model is a logistic regression, so give a fit with --family binomial and the logit link."
        case .notConverged(let file):
            return "\(file): the fit did not converge; its coefficients cannot set the success model."
        case .noSuccessOutcome(let file, let outcomes):
            return "\(file): no outcome named 'success' and not exactly one binary outcome among \(outcomes.joined(separator: ", ")); run qi factors with --outcome naming the success column."
        case .unusableCoefficient(let file, let term, let reason):
            return "\(file): term '\(term)' cannot set the success model: \(reason)."
        case .unusableRandomEffect(let file, let group, let term, let reason):
            return "\(file): random effect '\(term) | \(group)' cannot set the success model: \(reason)."
        case .unmappedTerm(let file, let term, let known):
            return "\(file): term '\(term)' has no counterpart in the success model; fit only these terms: \(known.joined(separator: ", "))."
        case .unmappedRandomEffect(let file, let group, let term):
            return "\(file): random effect '\(term) | \(group)' has no counterpart in the success model, which has random intercepts per practice (group 'practice') and per CCG (group 'ccg') only."
        case .duplicateParameter(let file, let parameter, let terms):
            return "\(file): terms \(terms.map { "'\($0)'" }.joined(separator: " and ")) would both set \(parameter); keep one of them in the fit."
        case .noIntercept(let file):
            return "\(file): the fit has no (Intercept); the success model needs one, so refit without '- 1' or '+ 0'."
        case .practiceSpreadDiffers(let file, let values):
            return "\(file): a population-averaged fit is converted to the model's practice-specific scale with success.sd_practice, which differs between the scenarios run (\(values.joined(separator: ", "))); run them separately with --only, or give a mixed-model fit with (1 | practice)."
        }
    }
}
