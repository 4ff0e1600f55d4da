import Foundation

/// How a fitted logistic regression of project success sets the simulation's success model:
/// one entry per term (term -> parameter, estimate, factor, value).
///
/// Terms map by name onto `success.*` (design/simulation-model.md, step 3):
///
///     (Intercept) -> intercept      control -> control      payment -> payment
///     champion -> champion          small -> small          cross_org -> cross_org
///     clinical -> clinical          coach_dose -> coach_dose
///     relationship -> relationship (per SD of relationship quality)
///     coach_relationship -> relationship, times sqrt(pi / 8) (a 0/1 "good relationship")
///     random intercept | practice -> sd_practice;  random intercept | ccg -> sd_ccg
///
/// Any other term, a random slope, or a fit without an intercept is refused. Parameters the
/// fit does not name keep the scenario's values (listed in ``keptParameters``).
///
/// Value = estimate x factor, the factor being the product of:
/// - *Scale.* The model's coefficients are practice-specific (conditional on the random
///   intercept u_i, SD sd_practice). A mixed model with `(1 | practice)` is on that scale
///   (factor 1). A GLM's coefficients are population-averaged, smaller by about
///   1 / sqrt(1 + c^2 sigma^2), c = 16 sqrt(3) / (15 pi) (c^2 = 0.346), so they are multiplied
///   by sqrt(1 + c^2 sigma^2) with sigma the scenarios' success.sd_practice (Zeger, Liang &
///   Albert 1988, Biometrics 44:1049, eq. 2.4; doi:10.2307/2531734).
/// - *Relationship.* The model's relationship term is per SD of a standard normal quality
///   score rel. A 0/1 "good relationship" read as rel > 0 contrasts the means of the two
///   halves, 2 sqrt(2 / pi) SDs apart (the half-normal mean is sqrt(2 / pi)), so the per-SD
///   coefficient is the 0/1 one divided by 2 sqrt(2 / pi), i.e. times sqrt(pi / 8).
public struct SuccessModelMapping: Sendable, Hashable {
    /// One term of the fit and the parameter it sets.
    public struct Entry: Sendable, Hashable {
        /// The fit's term (for a random intercept, `(Intercept) | group`).
        public let term: String
        /// The scenario key it sets, e.g. `success.control`.
        public let parameter: String
        public let estimate: Double
        public let standardError: Double?
        /// Value / estimate.
        public let factor: Double
        /// How the factor arises: `identity`, `marginal_to_conditional`,
        /// `binary_to_per_sd`, or both joined by `+`.
        public let transform: String
        public let value: Double
    }

    /// c^2 of Zeger, Liang & Albert (1988): (16 sqrt(3) / (15 pi))^2 = 0.3458.
    public static let logitProbitScaleSquared = pow(16 * 3.0.squareRoot() / (15 * Double.pi), 2)
    /// Per-SD relationship coefficient / 0/1 coefficient: 1 / (2 sqrt(2 / pi)) = sqrt(pi / 8).
    public static let binaryToPerStandardDeviation = (Double.pi / 8).squareRoot()

    /// The fit's term names the mapping understands, and the parameters they set.
    public static let fixedTerms: [(term: String, parameter: String)] = [
        ("(Intercept)", "success.intercept"), ("coach_dose", "success.coach_dose"),
        ("control", "success.control"), ("payment", "success.payment"), ("champion", "success.champion"),
        ("relationship", "success.relationship"), ("coach_relationship", "success.relationship"),
        ("small", "success.small"), ("cross_org", "success.cross_org"), ("clinical", "success.clinical"),
    ]
    static let randomGroups: [(group: String, parameter: String)] = [
        ("practice", "success.sd_practice"), ("ccg", "success.sd_ccg"),
    ]
    static let successParameters = ["success.intercept", "success.coach_dose", "success.control", "success.payment",
                                    "success.champion", "success.relationship", "success.small",
                                    "success.cross_org", "success.clinical", "success.sd_practice", "success.sd_ccg"]

    public let fit: FittedSuccessModel
    /// "conditional" (a mixed model's practice-specific coefficients) or "population_averaged".
    public let scale: String
    public let entries: [Entry]
    /// The success model's parameters the fit does not set, which keep the scenario's values.
    public let keptParameters: [String]

    /// Maps `fit`; `practiceStandardDeviation` (the scenarios' success.sd_practice) converts a
    /// population-averaged fit and is not used for a mixed model.
    /// - Throws: ``SuccessModelError`` naming the first term that does not map.
    public init(fit: FittedSuccessModel, practiceStandardDeviation: Double) throws(SuccessModelError) {
        self.fit = fit
        let file = fit.source
        guard fit.coefficients.contains(where: { $0.term == "(Intercept)" }) else { throw .noIntercept(file: file) }
        let scaleFactor = fit.isConditional
            ? 1 : (1 + Self.logitProbitScaleSquared * practiceStandardDeviation * practiceStandardDeviation).squareRoot()
        scale = fit.isConditional ? "conditional" : "population_averaged"
        var entries: [Entry] = []
        var setBy: [String: String] = [:]
        for coefficient in fit.coefficients {
            guard let parameter = Self.fixedTerms.first(where: { $0.term == coefficient.term })?.parameter else {
                throw .unmappedTerm(file: file, term: coefficient.term, known: Self.fixedTerms.map(\.term))
            }
            if let other = setBy[parameter] {
                throw .duplicateParameter(file: file, parameter: parameter, terms: [other, coefficient.term])
            }
            setBy[parameter] = coefficient.term
            var factor = scaleFactor
            var transforms = fit.isConditional ? [] : ["marginal_to_conditional"]
            if coefficient.term == "coach_relationship" {
                factor *= Self.binaryToPerStandardDeviation
                transforms.append("binary_to_per_sd")
            }
            entries.append(Entry(term: coefficient.term, parameter: parameter, estimate: coefficient.estimate,
                                 standardError: coefficient.standardError, factor: factor,
                                 transform: transforms.isEmpty ? "identity" : transforms.joined(separator: "+"),
                                 value: coefficient.estimate * factor))
        }
        for intercept in fit.randomIntercepts {
            guard intercept.term == "(Intercept)",
                  let parameter = Self.randomGroups.first(where: { $0.group == intercept.group })?.parameter else {
                throw .unmappedRandomEffect(file: file, group: intercept.group, term: intercept.term)
            }
            let term = "\(intercept.term) | \(intercept.group)"
            if let other = setBy[parameter] {
                throw .duplicateParameter(file: file, parameter: parameter, terms: [other, term])
            }
            setBy[parameter] = term
            entries.append(Entry(term: term, parameter: parameter, estimate: intercept.standardDeviation,
                                 standardError: nil, factor: 1, transform: "identity", value: intercept.standardDeviation))
        }
        self.entries = entries
        keptParameters = Self.successParameters.filter { setBy[$0] == nil }
    }

    /// The success.sd_practice that converts a population-averaged `fit` for `scenarios`: their
    /// common fixed value (0 for a mixed-model fit, which needs none).
    /// - Throws: ``SuccessModelError/practiceSpreadDiffers(file:values:)`` when the scenarios
    ///   differ or draw it from a distribution.
    public static func practiceStandardDeviation(for fit: FittedSuccessModel,
                                                 scenarios: [Scenario]) throws(SuccessModelError) -> Double {
        if fit.isConditional { return 0 }
        let values = scenarios.map { scenario in
            scenario.distributions.contains { $0.path == "success.sd_practice" }
                ? "\(scenario.id): a distribution" : "\(scenario.id): \(scenario.parameters.success.sdPractice)"
        }
        let first = scenarios.first?.parameters.success.sdPractice ?? 0
        let fixed = scenarios.allSatisfy { scenario in
            scenario.parameters.success.sdPractice == first && !scenario.distributions.contains { $0.path == "success.sd_practice" }
        }
        guard fixed else { throw .practiceSpreadDiffers(file: fit.source, values: values) }
        return first
    }

    /// The parameters with the fit's values set.
    public func apply(to parameters: inout ModelParameters) {
        for entry in entries {
            guard let target = Self.keyPath(entry.parameter) else { continue }
            parameters[keyPath: target] = entry.value
        }
    }

    /// The canonical form hashed with a scenario's parameters: which file (by digest), which
    /// model, and how each term was mapped. The source path is left out so that shards run
    /// from different folders agree.
    var canonical: ParameterHash.Value {
        var terms: [String: ParameterHash.Value] = [:]
        for entry in entries {
            terms[entry.term] = .object(["parameter": .text(entry.parameter), "estimate": .number(entry.estimate),
                                         "factor": .number(entry.factor), "transform": .text(entry.transform)])
        }
        return .object(["sha256": .text(fit.sourceSHA256), "command": .text(fit.command), "outcome": .text(fit.outcome),
                        "method": .text(fit.method), "scale": .text(scale), "terms": .object(terms)])
    }

    static func keyPath(_ parameter: String) -> WritableKeyPath<ModelParameters, Double>? {
        for entry in ParameterSchema.entries where entry.path == parameter {
            if case .real(let target, _) = entry.kind { return target }
        }
        return nil
    }
}
