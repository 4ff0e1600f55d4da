import QISimulation

/// `--replicates-csv`: one row per replicate and scenario, replicate by replicate (scenarios
/// in file order within a replicate), so shards' files concatenate (without their headers)
/// to the single run's file.
enum ReplicatesCSVWriter {
    static func writeHeader(plan: SimulationPlan, to file: AtomicFile) throws(CommandFailure) {
        var columns = ["scenario", "replicate", "started", "success", "failed", "dropped"]
        for clock in SustainabilityClock.allCases {
            for horizon in plan.horizons {
                columns.append("sustained_\(clock.rawValue)_\(horizon)")
                columns.append("eligible_\(clock.rawValue)_\(horizon)")
            }
        }
        columns += (1...plan.run.months).map { "adopted_m\($0)" }
        columns += (1...plan.run.months).map { "sustaining_m\($0)" }
        try file.write(columns.joined(separator: ",") + "\n")
    }

    static func write(first: Int, outcomes: [[ReplicateOutcome]], plan: SimulationPlan,
                      to file: AtomicFile) throws(CommandFailure) {
        var out = OutputBytes(capacity: outcomes.count * plan.scenarios.count * (16 + 8 * plan.run.months))
        for (offset, replicate) in outcomes.enumerated() {
            for (index, outcome) in replicate.enumerated() {
                out.appendCSVField(plan.scenarios[index].id)
                for value in [first + offset, outcome.started, outcome.success, outcome.failed, outcome.dropped] {
                    out.appendByte(UInt8(ascii: ","))
                    out.appendInteger(Int64(value))
                }
                for (sustained, eligible) in [(outcome.sustainedAfterSupport, outcome.eligibleAfterSupport),
                                              (outcome.sustainedAfterSuccess, outcome.eligibleAfterSuccess)] {
                    for horizon in sustained.indices {
                        out.appendByte(UInt8(ascii: ","))
                        out.appendInteger(Int64(sustained[horizon]))
                        out.appendByte(UInt8(ascii: ","))
                        out.appendInteger(Int64(eligible[horizon]))
                    }
                }
                for value in outcome.adopted + outcome.sustaining {
                    out.appendByte(UInt8(ascii: ","))
                    out.appendInteger(Int64(value))
                }
                out.appendByte(UInt8(ascii: "\n"))
            }
        }
        try file.write([out.bytes])
    }
}
