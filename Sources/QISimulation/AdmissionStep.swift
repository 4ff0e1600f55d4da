/// Step 5 of a month: WAITING practices (including this month's adopters) are admitted to a
/// project, subject to coach slots.
///
///     no coach (coach.months = 0): all are admitted
///     otherwise free = max(0, slots - #{ACTIVE or SUCCEEDED, started, t + 1 - start < coach.months});
///     when more wait than are free, the `free` practices with the smallest
///     priority = adoption_month + u_priority are admitted (ties by practice index)
///
/// An admitted practice becomes ACTIVE with start = t + 1, end = t + 1 + L, and
/// support_end = max(end, t + 1 + coach.months + coach.followup_months) with a coach, or end
/// without one. The priority draw (monthly block 1, lane priority) is needed only when the
/// queue binds.
public enum AdmissionStep {
    /// Admits practices in month `month` and returns how many. `waiting` is scratch space (its
    /// contents are replaced); `priorityDraw(i)` gives practice i's priority lane for this month.
    ///
    /// - Complexity: O(N + W^2) for W waiting practices (insertion sort; W is small).
    @inlinable @inline(__always) @discardableResult
    public static func apply(_ states: UnsafeMutableBufferPointer<PracticeState>,
                             attributes: UnsafeBufferPointer<PracticeAttributes>, month: Int,
                             coach: CoachParameters, slots: Int, waiting: inout [(priority: Double, practice: Int)],
                             priorityDraw: (Int) -> Double) -> Int {
        var admitted = 0
        if coach.months == 0 {
            for practice in states.indices where states[practice].status == .waiting {
                admit(&states[practice], attributes: attributes[practice], month: month, coach: coach)
                admitted += 1
            }
            return admitted
        }
        var occupied = 0
        var waitingCount = 0
        for practice in states.indices {
            let state = states[practice]
            switch state.status {
            case .active, .succeeded:
                if state.start <= month && month + 1 - state.start < coach.months { occupied += 1 }
            case .waiting:
                waitingCount += 1
            default:
                break
            }
        }
        guard waitingCount > 0 else { return 0 }
        let free = max(0, slots - occupied)
        if waitingCount <= free {
            for practice in states.indices where states[practice].status == .waiting {
                admit(&states[practice], attributes: attributes[practice], month: month, coach: coach)
            }
            return waitingCount
        }
        guard free > 0 else { return 0 }
        waiting.removeAll(keepingCapacity: true)
        for practice in states.indices where states[practice].status == .waiting {
            let priority = Double(states[practice].adoptionMonth) + priorityDraw(practice)
            // Insertion in order of (priority, practice index); practices arrive in index order,
            // so an equal priority goes after the ones already there.
            var position = waiting.count
            while position > 0 && waiting[position - 1].priority > priority { position -= 1 }
            waiting.insert((priority, practice), at: position)
        }
        for entry in waiting.prefix(free) {
            admit(&states[entry.practice], attributes: attributes[entry.practice], month: month, coach: coach)
        }
        return free
    }

    /// Makes a practice ACTIVE from month t + 1.
    @inlinable @inline(__always)
    public static func admit(_ state: inout PracticeState, attributes: PracticeAttributes, month: Int,
                             coach: CoachParameters) {
        state.status = .active
        state.start = month + 1
        state.end = month + 1 + attributes.projectLength
        state.supportEnd = coach.months > 0
            ? max(state.end, month + 1 + coach.months + coach.followupMonths)
            : state.end
    }
}
