/// One scenario of one replicate (one CCG of N practices over T months), month by month.
///
/// Holds per-replicate scratch storage so that a worker thread simulates replicate after
/// replicate without allocating. Steps 1-3 of a month are applied practice by practice in one
/// pass (each depends only on the practice's own state), then the peer share is measured and
/// steps 4-6 follow (``ChampionStep``, ``SustainabilityStep``, ``ActiveProjectStep``,
/// ``AdoptionStep``, ``AdmissionStep``). Draws are computed from their Philox counters only
/// where a step uses them; the others are never needed, and skipping them changes no draw.
///
/// - Complexity: O(T N) time (plus O(W^2) when W practices queue), O(N) memory.
public struct ReplicateSimulator {
    public let layout: RandomLayout
    public let practices: Int
    public let months: Int

    private var staticDraws: [SIMD4<Double>]
    private var ccgDraws = SIMD4<Double>()
    private var preparedReplicate = -1
    private var attributes: [PracticeAttributes]
    private var states: [PracticeState]
    private var waiting: [(priority: Double, practice: Int)] = []

    public init(layout: RandomLayout, practices: Int, months: Int) {
        self.layout = layout
        self.practices = practices
        self.months = months
        staticDraws = Array(repeating: SIMD4(), count: 3 * practices)
        attributes = Array(repeating: PracticeAttributes(category: 0, championAtAdoption: false, control: false,
                                                         clinical: false, small: false, crossOrganisation: false,
                                                         relationship: 0, practiceEffect: 0, projectLength: 1),
                           count: practices)
        states = Array(repeating: PracticeState(), count: practices)
        waiting.reserveCapacity(practices)
    }

    /// The static and CCG uniforms of `replicate`, shared by every scenario.
    private mutating func prepare(replicate: Int) {
        guard preparedReplicate != replicate else { return }
        for practice in 0..<practices {
            for block in 0..<3 {
                staticDraws[3 * practice + block] = layout.staticDraws(replicate: replicate, practice: practice,
                                                                       block: UInt32(block))
            }
        }
        ccgDraws = layout.ccgDraws(replicate: replicate)
        preparedReplicate = replicate
    }

    /// Simulates `replicate` under `parameters`; `observe(month, states)` (if given) sees the
    /// practices after each month's step 6 (month = 1..T).
    public mutating func run(replicate: Int, parameters: ModelParameters, constants: DerivedConstants,
                             observe: ((Int, [PracticeState]) -> Void)? = nil) -> ReplicateOutcome {
        prepare(replicate: replicate)
        for practice in 0..<practices {
            attributes[practice] = PracticeAttributes(block0: staticDraws[3 * practice],
                                                      block1: staticDraws[3 * practice + 1],
                                                      block2: staticDraws[3 * practice + 2],
                                                      parameters: parameters, constants: constants)
            states[practice] = PracticeState()
        }
        let ccgEffect = RandomLayout.standardNormal(ccgDraws[0], ccgDraws[1]) * parameters.success.sdCCG
        var outcome = ReplicateOutcome(horizons: parameters.sustainedAtMonths.count, months: months)
        let layout = self.layout
        let practices = self.practices
        let months = self.months
        var waiting = self.waiting
        var adoptedCount = 0
        // Practices WAITING: step 4 adds to them, step 5 admits them; when none wait, step 5
        // has nothing to do and its scan of the practices is skipped.
        var waitingCount = 0
        attributes.withUnsafeBufferPointer { attributes in
            states.withUnsafeMutableBufferPointer { states in
                for month in 0..<months {
                    // Steps 1-3.
                    var succeededCount = 0
                    for practice in 0..<practices {
                        let status = states[practice].status
                        guard status == .active || status == .succeeded else { continue }
                        let block0 = layout.monthlyDraws(replicate: replicate, practice: practice, month: month, block: 0)
                        ChampionStep.apply(&states[practice], month: month, lossDraw: block0[1], newDraw: block0[2],
                                           parameters: parameters.champion, monthlyLoss: constants.monthlyChampionLoss)
                        if status == .succeeded {
                            let block1 = layout.monthlyDraws(replicate: replicate, practice: practice, month: month, block: 1)
                            SustainabilityStep.apply(&states[practice], attributes: attributes[practice], month: month,
                                                     months: months, lapseDraw: block1[1], parameters: parameters,
                                                     constants: constants)
                        } else {
                            ActiveProjectStep.apply(
                                &states[practice], attributes: attributes[practice], month: month,
                                dropoutDraw: block0[3],
                                successDraw: { layout.monthlyDraws(replicate: replicate, practice: practice, month: month, block: 1)[0] },
                                ccgEffect: ccgEffect, parameters: parameters)
                        }
                        if states[practice].status == .succeeded { succeededCount += 1 }
                    }
                    // Step 4.
                    if month < parameters.bass.recruitMonths && adoptedCount < practices {
                        let peers = parameters.bass.peerSource == .adopted ? adoptedCount : succeededCount
                        let peerShare = Double(peers) / Double(practices)
                        var probabilities = SIMD8<Double>()
                        for category in 0..<constants.normalisedMultipliers.count {
                            probabilities[category] = AdoptionStep.probability(category: category, peerShare: peerShare,
                                                                               constants: constants)
                        }
                        for practice in 0..<practices where states[practice].status == .notAdopted {
                            let block0 = layout.monthlyDraws(replicate: replicate, practice: practice, month: month, block: 0)
                            AdoptionStep.apply(&states[practice], attributes: attributes[practice], month: month,
                                               adoptDraw: block0[0],
                                               probability: probabilities[attributes[practice].category])
                            if states[practice].status == .waiting {
                                adoptedCount += 1
                                waitingCount += 1
                            }
                        }
                    }
                    // Step 5.
                    if waitingCount > 0 {
                        waitingCount -= AdmissionStep.apply(states, attributes: attributes, month: month,
                                                            coach: parameters.coach, slots: constants.coachSlots,
                                                            waiting: &waiting) { practice in
                            layout.monthlyDraws(replicate: replicate, practice: practice, month: month, block: 1)[2]
                        }
                    }
                    // Step 6. Steps 4 and 5 neither make nor end a success, so the practices
                    // SUCCEEDED are those counted after steps 1-3.
                    outcome.adopted[month] = adoptedCount
                    outcome.sustaining[month] = succeededCount
                    if let observe { observe(month + 1, Array(states)) }
                }
            }
        }
        self.waiting = waiting
        summarise(into: &outcome, parameters: parameters)
        return outcome
    }

    /// The end-of-run counts and the sustained/eligible pairs of each clock and horizon.
    private func summarise(into outcome: inout ReplicateOutcome, parameters: ModelParameters) {
        for state in states {
            if state.start != PracticeState.never { outcome.started += 1 }
            switch state.status {
            case .succeeded, .lapsed: outcome.success += 1
            case .failed: outcome.failed += 1
            case .dropped: outcome.dropped += 1
            default: break
            }
            guard state.everSucceeded else { continue }
            for (index, horizon) in parameters.sustainedAtMonths.enumerated() {
                let afterSupport = max(state.successMonth, state.supportEnd)
                if afterSupport + horizon <= months {
                    outcome.eligibleAfterSupport[index] += 1
                    if state.lapseMonth > afterSupport + horizon { outcome.sustainedAfterSupport[index] += 1 }
                }
                let afterSuccess = state.successMonth
                if afterSuccess + horizon <= months {
                    outcome.eligibleAfterSuccess[index] += 1
                    if state.lapseMonth > afterSuccess + horizon { outcome.sustainedAfterSuccess[index] += 1 }
                }
            }
        }
    }
}
