/// Where a practice is in the programme.
///
/// NOT_ADOPTED -> WAITING (adopted, waiting for a coach slot) -> ACTIVE (running a project)
/// -> SUCCEEDED ("sustaining") -> LAPSED, or ACTIVE -> FAILED / DROPPED. A practice runs at
/// most one project; nothing leaves LAPSED, FAILED or DROPPED.
public enum PracticeStatus: UInt8, Sendable, Hashable, CaseIterable {
    case notAdopted, waiting, active, succeeded, lapsed, failed, dropped

    /// Engaged practices (ACTIVE or SUCCEEDED) are the ones whose champion can change.
    @inlinable public var isEngaged: Bool { self == .active || self == .succeeded }
}

/// A practice's changing state within one replicate.
///
/// Months are the model's month indices: the step of month t sees t = 0..T-1 and an event in
/// it is dated t + 1 ("at the end of month t"), except adoption, dated t.
public struct PracticeState: Sendable, Hashable {
    /// A month that never comes: "never lapsed" is an infinite lapse month.
    public static let never = Int.max

    public var status: PracticeStatus = .notAdopted
    /// Whether a senior champion is present (meaningful from adoption on).
    public var champion = false
    public var adoptionMonth = PracticeState.never
    /// First month of the project (t + 1 for a practice admitted in month t).
    public var start = PracticeState.never
    /// start + L.
    public var end = PracticeState.never
    /// When coach support (intensive plus follow-up) and the project have both ended.
    public var supportEnd = PracticeState.never
    public var coachedMonths = 0
    public var successMonth = PracticeState.never
    public var lapseMonth = PracticeState.never

    public init() {}

    /// Whether the practice ever succeeded (SUCCEEDED now, or LAPSED since).
    @inlinable public var everSucceeded: Bool { status == .succeeded || status == .lapsed }
}

/// A practice's fixed attributes, drawn once per replicate from its static draws.
///
/// From block 0 = [category, champion_at_adoption, control, clinical], block 1 = [small,
/// cross_org, rel_u1, rel_u2] and block 2 = [pr_u1, pr_u2, -, -] (``RandomLayout``):
///
///     category c = #{ j in 0..3 : C_j <= u }      (u < 0.025 -> innovator, c = 0)
///     champion_at_adoption = u < champion.p_initial, control = u < project.p_control,
///     clinical = u < p_clinical, small = u < p_small, cross_org = u < p_cross_org
///     rel = normal(rel_u1, rel_u2),   u_i = normal(pr_u1, pr_u2) * success.sd_practice
///     L = months_small if small else months_large
public struct PracticeAttributes: Sendable, Hashable {
    public var category: Int
    public var championAtAdoption: Bool
    public var control: Bool
    public var clinical: Bool
    public var small: Bool
    public var crossOrganisation: Bool
    /// Relationship quality with the coach, in SDs.
    public var relationship: Double
    /// The practice's random intercept u_i on the success log-odds.
    public var practiceEffect: Double
    /// Project length L in months.
    public var projectLength: Int

    public init(category: Int, championAtAdoption: Bool, control: Bool, clinical: Bool, small: Bool,
                crossOrganisation: Bool, relationship: Double, practiceEffect: Double, projectLength: Int) {
        self.category = category
        self.championAtAdoption = championAtAdoption
        self.control = control
        self.clinical = clinical
        self.small = small
        self.crossOrganisation = crossOrganisation
        self.relationship = relationship
        self.practiceEffect = practiceEffect
        self.projectLength = projectLength
    }

    /// The attributes from the three static blocks' uniforms.
    @inlinable
    public init(block0: SIMD4<Double>, block1: SIMD4<Double>, block2: SIMD4<Double>,
                parameters: ModelParameters, constants: DerivedConstants) {
        var category = 0
        for cumulative in constants.cumulativeShares where cumulative <= block0[0] { category += 1 }
        let small = block1[0] < parameters.project.pSmall
        self.init(category: category,
                  championAtAdoption: block0[1] < parameters.champion.pInitial,
                  control: block0[2] < parameters.project.pControl,
                  clinical: block0[3] < parameters.project.pClinical,
                  small: small,
                  crossOrganisation: block1[1] < parameters.project.pCrossOrganisation,
                  relationship: RandomLayout.standardNormal(block1[2], block1[3]),
                  practiceEffect: RandomLayout.standardNormal(block2[0], block2[1]) * parameters.success.sdPractice,
                  projectLength: small ? parameters.project.monthsSmall : parameters.project.monthsLarge)
    }
}
