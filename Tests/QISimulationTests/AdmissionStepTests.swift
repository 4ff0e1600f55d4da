import Testing
@testable import QISimulation

/// Hand-worked cases for step 5.
struct AdmissionStepTests {
    func attributes(_ count: Int, length: Int = 12) -> [PracticeAttributes] {
        Array(repeating: PracticeAttributes(category: 2, championAtAdoption: false, control: false, clinical: false,
                                            small: false, crossOrganisation: false, relationship: 0, practiceEffect: 0,
                                            projectLength: length), count: count)
    }

    func waiting(adoptionMonth: Int) -> PracticeState {
        var state = PracticeState()
        state.status = .waiting
        state.adoptionMonth = adoptionMonth
        return state
    }

    @Test func withoutACoachEveryWaitingPracticeIsAdmittedWithSupportEndingAtProjectEnd() {
        var states = [waiting(adoptionMonth: 2), PracticeState(), waiting(adoptionMonth: 5)]
        let attributes = attributes(3)
        var scratch: [(priority: Double, practice: Int)] = []
        let coach = CoachParameters(months: 0, followupMonths: 6, count: 0, capacity: 0)
        let admitted = states.withUnsafeMutableBufferPointer { states in
            attributes.withUnsafeBufferPointer { attributes in
                AdmissionStep.apply(states, attributes: attributes, month: 5, coach: coach, slots: 0, waiting: &scratch) { _ in
                    Issue.record("no priority draw without a queue")
                    return 0.5
                }
            }
        }
        #expect(admitted == 2)
        #expect(states[0].status == .active && states[2].status == .active)
        #expect(states[1].status == .notAdopted)
        #expect(states[0].start == 6 && states[0].end == 18 && states[0].supportEnd == 18)
    }

    @Test func queuedPracticesAreAdmittedBySmallestPriorityWhenSlotsBind() {
        // Slots 2; practice 0 is ACTIVE since month 3 and still coached next month (6 - 3 = 3 < 6): 1 free.
        var active = PracticeState()
        active.status = .active
        active.start = 3
        var states = [active, waiting(adoptionMonth: 4), waiting(adoptionMonth: 5), waiting(adoptionMonth: 5)]
        let draws = [0.0, 0.9, 0.1, 0.05]  // priorities 4.9, 5.1, 5.05
        let attributes = attributes(4, length: 6)
        var scratch: [(priority: Double, practice: Int)] = []
        let coach = CoachParameters(months: 6, followupMonths: 3, count: 1, capacity: 2)
        let admitted = states.withUnsafeMutableBufferPointer { states in
            attributes.withUnsafeBufferPointer { attributes in
                AdmissionStep.apply(states, attributes: attributes, month: 5, coach: coach, slots: 2, waiting: &scratch) {
                    draws[$0]
                }
            }
        }
        #expect(admitted == 1)
        #expect(states.map(\.status) == [.active, .active, .waiting, .waiting])
        // start 6, end 12, support_end = max(12, 6 + 6 + 3) = 15.
        #expect(states[1].start == 6 && states[1].end == 12 && states[1].supportEnd == 15)
    }

    @Test func aPracticeWhoseCoachingHasEndedFreesItsSlot() {
        var finished = PracticeState()
        finished.status = .succeeded
        finished.start = 0  // t + 1 - start = 6, not < 6
        var states = [finished, waiting(adoptionMonth: 4)]
        let attributes = attributes(2)
        var scratch: [(priority: Double, practice: Int)] = []
        let coach = CoachParameters(months: 6, followupMonths: 0, count: 1, capacity: 1)
        _ = states.withUnsafeMutableBufferPointer { states in
            attributes.withUnsafeBufferPointer { attributes in
                AdmissionStep.apply(states, attributes: attributes, month: 5, coach: coach, slots: 1, waiting: &scratch) { _ in 0.5 }
            }
        }
        #expect(states[1].status == .active)
    }
}
