/// Why a simulation run, shard or merge cannot go ahead, with the evidence.
public enum SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    case shardOutOfRange(index: Int, count: Int)
    case moreShardsThanReplicates(shards: Int, replicates: Int)
    case tooFewReplicates(found: Int)
    case noScenarios
    case unknownScenario(id: String, known: [String], suggestion: String?)
    case horizonsDiffer(first: String, other: String)
    /// Merge: a shard file that does not belong with the first one.
    case mismatchedShard(file: String, field: String, expected: String, found: String)
    /// Merge: replicates missing between two shards.
    case gap(file: String, missingFrom: Int, missingTo: Int)
    /// Merge: replicates covered twice.
    case overlap(file: String, otherFile: String, from: Int, to: Int)
    /// Merge: a result file that cannot be read.
    case unreadableResult(file: String, reason: String)

    public var description: String {
        switch self {
        case .shardOutOfRange(let index, let count):
            return "--shard \(index)/\(count) is out of range: I must be from 0 to N - 1 (0-based) and N at least 1."
        case .moreShardsThanReplicates(let shards, let replicates):
            return "--shard asks for \(shards) shards of \(replicates) replicates; use at most one shard per replicate."
        case .tooFewReplicates(let found):
            return "\(found) replicate\(found == 1 ? "" : "s") cannot give Monte Carlo standard errors; use at least 2."
        case .noScenarios:
            return "no scenario to run."
        case .unknownScenario(let id, let known, let suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "--only names '\(id)', which is not a scenario in the file.\(hint) Scenarios: \(known.joined(separator: ", "))."
        case .horizonsDiffer(let first, let other):
            return "scenarios '\(first)' and '\(other)' give different outputs.sustained_at_months; set them in base only, so that every scenario has the same columns."
        case .mismatchedShard(let file, let field, let expected, let found):
            return "\(file): its \(field) is \(found), but the first file's is \(expected); merge only shards of one run (same seed, parameters and version)."
        case .gap(let file, let from, let to):
            return "\(file): replicates \(from) to \(to - 1) are in no file; add the missing shard."
        case .overlap(let file, let otherFile, let from, let to):
            return "\(file): replicates \(from) to \(to - 1) are also in \(otherFile); each replicate must come from one shard."
        case .unreadableResult(let file, let reason):
            return "\(file): not a qi simulate result file: \(reason)."
        }
    }
}
