/// The keys of a scenario's parameters (`base` and each scenario's overrides): their paths,
/// kinds, ranges, and the PSA block of each real-valued parameter.
///
/// The PSA index of a real parameter is its position among the real parameters in this table
/// (0 = bass.p_per_year ... 37 = sustain.cross_org); it is the block word of the parameter's
/// Philox counter (``RandomLayout/parameterDraws(replicate:parameterIndex:)``). New parameters
/// are appended, so existing indices never change.
enum ParameterSchema {
    /// What a real-valued parameter may be.
    enum ValueRange: Sendable {
        case probability, nonNegative, positive, any

        func contains(_ value: Double) -> Bool {
            guard value.isFinite else { return false }
            switch self {
            case .probability: return value >= 0 && value <= 1
            case .nonNegative: return value >= 0
            case .positive: return value > 0
            case .any: return true
            }
        }

        var requirement: String {
            switch self {
            case .probability: return "a probability must be between 0 and 1"
            case .nonNegative: return "it must be 0 or more"
            case .positive: return "it must be greater than 0"
            case .any: return "it must be a finite number"
            }
        }
    }

    enum Kind {
        case real(WritableKeyPath<ModelParameters, Double>, ValueRange)
        case integer(WritableKeyPath<ModelParameters, Int>, minimum: Int)
        case boolean(WritableKeyPath<ModelParameters, Bool>)
        case peerSource
        case championMode
        case realList(WritableKeyPath<ModelParameters, [Double]>, count: Int, ValueRange)
        case integerList(WritableKeyPath<ModelParameters, [Int]>, minimum: Int)
    }

    struct Entry {
        /// Dotted path below `base`, e.g. `coach.months`.
        let path: String
        let kind: Kind
    }

    static var entries: [Entry] {
        [
            Entry(path: "adopter_shares", kind: .realList(\.adopterShares, count: 5, .probability)),
            Entry(path: "adopter_multiplier", kind: .realList(\.adopterMultipliers, count: 5, .nonNegative)),
            Entry(path: "bass.p_per_year", kind: .real(\.bass.pPerYear, .nonNegative)),
            Entry(path: "bass.q_per_year", kind: .real(\.bass.qPerYear, .nonNegative)),
            Entry(path: "bass.recruit_months", kind: .integer(\.bass.recruitMonths, minimum: 0)),
            Entry(path: "bass.peer_source", kind: .peerSource),
            Entry(path: "payment.enabled", kind: .boolean(\.payment.enabled)),
            Entry(path: "payment.continues_after_support", kind: .boolean(\.payment.continuesAfterSupport)),
            Entry(path: "payment.adoption_multiplier", kind: .real(\.payment.adoptionMultiplier, .nonNegative)),
            Entry(path: "coach.months", kind: .integer(\.coach.months, minimum: 0)),
            Entry(path: "coach.followup_months", kind: .integer(\.coach.followupMonths, minimum: 0)),
            Entry(path: "coach.count", kind: .integer(\.coach.count, minimum: 0)),
            Entry(path: "coach.capacity", kind: .integer(\.coach.capacity, minimum: 0)),
            Entry(path: "champion.mode", kind: .championMode),
            Entry(path: "champion.p_initial", kind: .real(\.champion.pInitial, .probability)),
            Entry(path: "champion.annual_loss", kind: .real(\.champion.annualLoss, .probability)),
            Entry(path: "champion.monthly_replace", kind: .real(\.champion.monthlyReplace, .probability)),
            Entry(path: "project.p_clinical", kind: .real(\.project.pClinical, .probability)),
            Entry(path: "project.p_small", kind: .real(\.project.pSmall, .probability)),
            Entry(path: "project.p_cross_org", kind: .real(\.project.pCrossOrganisation, .probability)),
            Entry(path: "project.p_control", kind: .real(\.project.pControl, .probability)),
            Entry(path: "project.months_small", kind: .integer(\.project.monthsSmall, minimum: 1)),
            Entry(path: "project.months_large", kind: .integer(\.project.monthsLarge, minimum: 1)),
            Entry(path: "engage.intercept", kind: .real(\.engage.intercept, .any)),
            Entry(path: "engage.coached", kind: .real(\.engage.coached, .any)),
            Entry(path: "engage.control", kind: .real(\.engage.control, .any)),
            Entry(path: "engage.payment", kind: .real(\.engage.payment, .any)),
            Entry(path: "engage.champion", kind: .real(\.engage.champion, .any)),
            Entry(path: "engage.relationship", kind: .real(\.engage.relationship, .any)),
            Entry(path: "engage.small", kind: .real(\.engage.small, .any)),
            Entry(path: "engage.cross_org", kind: .real(\.engage.crossOrganisation, .any)),
            Entry(path: "engage.clinical", kind: .real(\.engage.clinical, .any)),
            Entry(path: "success.intercept", kind: .real(\.success.intercept, .any)),
            Entry(path: "success.coach_dose", kind: .real(\.success.coachDose, .any)),
            Entry(path: "success.control", kind: .real(\.success.control, .any)),
            Entry(path: "success.payment", kind: .real(\.success.payment, .any)),
            Entry(path: "success.champion", kind: .real(\.success.champion, .any)),
            Entry(path: "success.relationship", kind: .real(\.success.relationship, .any)),
            Entry(path: "success.small", kind: .real(\.success.small, .any)),
            Entry(path: "success.cross_org", kind: .real(\.success.crossOrganisation, .any)),
            Entry(path: "success.clinical", kind: .real(\.success.clinical, .any)),
            Entry(path: "success.sd_practice", kind: .real(\.success.sdPractice, .nonNegative)),
            Entry(path: "success.sd_ccg", kind: .real(\.success.sdCCG, .nonNegative)),
            Entry(path: "sustain.weibull_shape", kind: .real(\.sustain.weibullShape, .positive)),
            Entry(path: "sustain.median_months", kind: .real(\.sustain.medianMonths, .positive)),
            Entry(path: "sustain.no_champion", kind: .real(\.sustain.noChampion, .any)),
            Entry(path: "sustain.supported", kind: .real(\.sustain.supported, .any)),
            Entry(path: "sustain.payment", kind: .real(\.sustain.payment, .any)),
            Entry(path: "sustain.small", kind: .real(\.sustain.small, .any)),
            Entry(path: "sustain.clinical", kind: .real(\.sustain.clinical, .any)),
            Entry(path: "sustain.cross_org", kind: .real(\.sustain.crossOrganisation, .any)),
            Entry(path: "outputs.sustained_at_months", kind: .integerList(\.sustainedAtMonths, minimum: 0)),
        ]
    }

    /// The PSA block of each real parameter, by path.
    static var parameterIndices: [String: Int] {
        var indices: [String: Int] = [:]
        for entry in entries {
            if case .real = entry.kind { indices[entry.path] = indices.count }
        }
        return indices
    }

    /// The keys allowed directly inside the mapping at `prefix` ("" = the parameters' top level).
    static func keys(under prefix: String) -> [String] {
        var keys: [String] = []
        for entry in entries {
            let components = entry.path.split(separator: ".").map(String.init)
            let prefixComponents = prefix.isEmpty ? [] : prefix.split(separator: ".").map(String.init)
            guard components.count > prefixComponents.count,
                  Array(components.prefix(prefixComponents.count)) == prefixComponents else { continue }
            let key = components[prefixComponents.count]
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// Every parameter with a neutral value, overwritten key by key when a file is read.
    static var placeholder: ModelParameters {
        ModelParameters(
            adopterShares: [], adopterMultipliers: [],
            bass: BassParameters(pPerYear: 0, qPerYear: 0, recruitMonths: 0, peerSource: .adopted),
            payment: PaymentParameters(enabled: false, continuesAfterSupport: false, adoptionMultiplier: 1),
            coach: CoachParameters(months: 0, followupMonths: 0, count: 0, capacity: 0),
            champion: ChampionParameters(mode: .turnover, pInitial: 0, annualLoss: 0, monthlyReplace: 0),
            project: ProjectParameters(pClinical: 0, pSmall: 0, pCrossOrganisation: 0, pControl: 0,
                                       monthsSmall: 1, monthsLarge: 1),
            engage: EngagementCoefficients(intercept: 0, coached: 0, control: 0, payment: 0, champion: 0,
                                           relationship: 0, small: 0, crossOrganisation: 0, clinical: 0),
            success: SuccessCoefficients(intercept: 0, coachDose: 0, control: 0, payment: 0, champion: 0,
                                         relationship: 0, small: 0, crossOrganisation: 0, clinical: 0,
                                         sdPractice: 0, sdCCG: 0),
            sustain: SustainabilityCoefficients(weibullShape: 1, medianMonths: 1, noChampion: 0, supported: 0,
                                                payment: 0, small: 0, clinical: 0, crossOrganisation: 0),
            sustainedAtMonths: [])
    }
}
