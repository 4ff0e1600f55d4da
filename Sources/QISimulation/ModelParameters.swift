/// Every parameter of the spread and sustainability model, resolved to plain values.
///
/// One value per key of a scenario file's `base` (design/scenarios.yaml documents each one's
/// unit and basis). Probabilities are in [0, 1], times in months unless a name says
/// `PerYear`, coefficients are log-odds (logistic models) or log hazard ratios
/// (sustainability). Built only by ``ScenarioFile`` (which validates ranges) or by tests;
/// under probabilistic sensitivity analysis one value per replicate is drawn for each
/// parameter given as a distribution (``ParameterDistribution``).
public struct ModelParameters: Sendable, Hashable {
    /// Rogers' adopter shares, innovators to laggards; they sum to 1.
    public var adopterShares: [Double]
    /// Relative adoption propensity of each category (renormalised so that the
    /// share-weighted mean is 1, ``DerivedConstants``).
    public var adopterMultipliers: [Double]
    public var bass: BassParameters
    public var payment: PaymentParameters
    public var coach: CoachParameters
    public var champion: ChampionParameters
    public var project: ProjectParameters
    public var engage: EngagementCoefficients
    public var success: SuccessCoefficients
    public var sustain: SustainabilityCoefficients
    /// The s of "sustained s months after the clock's origin" (default 12 and 24).
    public var sustainedAtMonths: [Int]

    public init(adopterShares: [Double], adopterMultipliers: [Double], bass: BassParameters,
                payment: PaymentParameters, coach: CoachParameters, champion: ChampionParameters,
                project: ProjectParameters, engage: EngagementCoefficients, success: SuccessCoefficients,
                sustain: SustainabilityCoefficients, sustainedAtMonths: [Int]) {
        self.adopterShares = adopterShares
        self.adopterMultipliers = adopterMultipliers
        self.bass = bass
        self.payment = payment
        self.coach = coach
        self.champion = champion
        self.project = project
        self.engage = engage
        self.success = success
        self.sustain = sustain
        self.sustainedAtMonths = sustainedAtMonths
    }
}

/// Which practices' share drives peer influence in the Bass adoption hazard.
public enum PeerSource: String, Sendable, Hashable, CaseIterable {
    /// Practices that have adopted (classic Bass).
    case adopted
    /// Only practices currently sustaining a success (visible successes influence peers).
    case sustaining
}

/// How a practice's senior champion comes and goes while it is engaged.
public enum ChampionMode: String, Sendable, Hashable, CaseIterable {
    /// Champions leave at the monthly hazard h_loss; practices without one may gain one.
    case turnover
    /// Champions never leave; practices without one may gain one.
    case retained
    /// As `turnover` until support ends, then no champion and none gained.
    case lostAtSupportEnd = "lost_at_support_end"
}

/// The Bass (1969) adoption model: external influence p, peer influence q.
public struct BassParameters: Sendable, Hashable {
    public var pPerYear: Double
    public var qPerYear: Double
    /// Adoption is possible while month < recruitMonths.
    public var recruitMonths: Int
    public var peerSource: PeerSource

    public init(pPerYear: Double, qPerYear: Double, recruitMonths: Int, peerSource: PeerSource) {
        self.pPerYear = pPerYear
        self.qPerYear = qPerYear
        self.recruitMonths = recruitMonths
        self.peerSource = peerSource
    }
}

/// The enhanced service payment.
public struct PaymentParameters: Sendable, Hashable {
    public var enabled: Bool
    /// Whether payment continues after coach support ends (affects sustainability only).
    public var continuesAfterSupport: Bool
    /// Multiplies p while payment is enabled.
    public var adoptionMultiplier: Double

    public init(enabled: Bool, continuesAfterSupport: Bool, adoptionMultiplier: Double) {
        self.enabled = enabled
        self.continuesAfterSupport = continuesAfterSupport
        self.adoptionMultiplier = adoptionMultiplier
    }
}

/// QI coaches: intensive months from project start, follow-up, and slots.
public struct CoachParameters: Sendable, Hashable {
    /// Intensive coaching months from project start; 0 = no coach (self-directed).
    public var months: Int
    /// Light-touch follow-up after intensive coaching (holds no slot).
    public var followupMonths: Int
    public var count: Int
    /// Concurrent practices per coach.
    public var capacity: Int

    public init(months: Int, followupMonths: Int, count: Int, capacity: Int) {
        self.months = months
        self.followupMonths = followupMonths
        self.count = count
        self.capacity = capacity
    }
}

/// The practice's senior champion.
public struct ChampionParameters: Sendable, Hashable {
    public var mode: ChampionMode
    /// P(champion present at adoption).
    public var pInitial: Double
    /// Annual probability that the champion leaves.
    public var annualLoss: Double
    /// P(a new champion emerges) per month without one.
    public var monthlyReplace: Double

    public init(mode: ChampionMode, pInitial: Double, annualLoss: Double, monthlyReplace: Double) {
        self.mode = mode
        self.pInitial = pInitial
        self.annualLoss = annualLoss
        self.monthlyReplace = monthlyReplace
    }
}

/// The kind of project a practice chooses.
public struct ProjectParameters: Sendable, Hashable {
    public var pClinical: Double
    public var pSmall: Double
    public var pCrossOrganisation: Double
    /// P(the practice chose its own topic: "feeling in control").
    public var pControl: Double
    public var monthsSmall: Int
    public var monthsLarge: Int

    public init(pClinical: Double, pSmall: Double, pCrossOrganisation: Double, pControl: Double,
                monthsSmall: Int, monthsLarge: Int) {
        self.pClinical = pClinical
        self.pSmall = pSmall
        self.pCrossOrganisation = pCrossOrganisation
        self.pControl = pControl
        self.monthsSmall = monthsSmall
        self.monthsLarge = monthsLarge
    }
}

/// Monthly dropout while active: logit d = x.beta (log-odds).
public struct EngagementCoefficients: Sendable, Hashable {
    public var intercept: Double
    public var coached: Double
    public var control: Double
    public var payment: Double
    public var champion: Double
    /// Per SD of relationship quality, in coached months only.
    public var relationship: Double
    public var small: Double
    public var crossOrganisation: Double
    public var clinical: Double

    public init(intercept: Double, coached: Double, control: Double, payment: Double, champion: Double,
                relationship: Double, small: Double, crossOrganisation: Double, clinical: Double) {
        self.intercept = intercept
        self.coached = coached
        self.control = control
        self.payment = payment
        self.champion = champion
        self.relationship = relationship
        self.small = small
        self.crossOrganisation = crossOrganisation
        self.clinical = clinical
    }
}

/// P(project meets its aim at completion): logit s = x.beta + u_i + v (log-odds).
public struct SuccessCoefficients: Sendable, Hashable {
    public var intercept: Double
    /// Per unit of dose = coached months / project months.
    public var coachDose: Double
    public var control: Double
    public var payment: Double
    public var champion: Double
    public var relationship: Double
    public var small: Double
    public var crossOrganisation: Double
    public var clinical: Double
    /// Random-intercept SD of the practice effect u_i.
    public var sdPractice: Double
    /// Random-intercept SD of the CCG effect v.
    public var sdCCG: Double

    public init(intercept: Double, coachDose: Double, control: Double, payment: Double, champion: Double,
                relationship: Double, small: Double, crossOrganisation: Double, clinical: Double,
                sdPractice: Double, sdCCG: Double) {
        self.intercept = intercept
        self.coachDose = coachDose
        self.control = control
        self.payment = payment
        self.champion = champion
        self.relationship = relationship
        self.small = small
        self.crossOrganisation = crossOrganisation
        self.clinical = clinical
        self.sdPractice = sdPractice
        self.sdCCG = sdCCG
    }
}

/// Discrete-time Weibull proportional hazards for lapsing after success (log hazard ratios).
public struct SustainabilityCoefficients: Sendable, Hashable {
    /// k; below 1 the hazard is highest soon after success.
    public var weibullShape: Double
    /// Baseline median time to lapse (champion present, unsupported, unpaid).
    public var medianMonths: Double
    public var noChampion: Double
    public var supported: Double
    public var payment: Double
    public var small: Double
    public var clinical: Double
    public var crossOrganisation: Double

    public init(weibullShape: Double, medianMonths: Double, noChampion: Double, supported: Double,
                payment: Double, small: Double, clinical: Double, crossOrganisation: Double) {
        self.weibullShape = weibullShape
        self.medianMonths = medianMonths
        self.noChampion = noChampion
        self.supported = supported
        self.payment = payment
        self.small = small
        self.clinical = clinical
        self.crossOrganisation = crossOrganisation
    }
}
