import Foundation
import QISimulation

/// RESULT.json of `qi simulate`: `meta`, `scenarios` (the summaries) and `accumulators` (the
/// integer sums every summary is computed from, which is what `qi simulate merge` adds).
///
/// Every shard's file is a complete result of its replicate range; merging the shards of a
/// run gives the same bytes as a single run because the summaries are functions of exact
/// integer sums. Keys are snake_case and numbers in their shortest round-trip form.
struct SimulationResultFile {
    /// What must agree between shards of one run: everything in `meta` but the range.
    struct Identity: Equatable {
        var qikitVersion: String
        var rng: String
        var seed: UInt64
        var replicates: Int
        var practices: Int
        var months: Int
        var reference: String
        var horizons: [Int]
        var scenarioIDs: [String]
        var parameterHashes: [String]
        /// Where the success model came from, when `--success-model` set it.
        var successModel: SuccessModelRecord? = nil
    }

    let identity: Identity
    let range: ReplicateRange
    let accumulator: SimulationAccumulator

    static let note = "An assumption-driven model: every parameter is an explicit, documented assumption (datasets/scenarios.yaml); absolute figures are illustrative, and its value is in comparing scenarios under common random numbers."

    init(identity: Identity, range: ReplicateRange, accumulator: SimulationAccumulator) {
        self.identity = identity
        self.range = range
        self.accumulator = accumulator
    }

    /// The result of running `plan`, whose success model was set by `successModel` if given.
    init(plan: SimulationPlan, accumulator: SimulationAccumulator, successModel: SuccessModelMapping? = nil) {
        identity = Identity(qikitVersion: QICommand.version, rng: RandomLayout.name, seed: plan.run.seed,
                            replicates: plan.run.replicates, practices: plan.run.practices, months: plan.run.months,
                            reference: plan.scenarios[plan.referenceIndex].id, horizons: plan.horizons,
                            scenarioIDs: plan.scenarios.map(\.id), parameterHashes: plan.scenarios.map(\.parameterHash),
                            successModel: successModel.map(SuccessModelRecord.init))
        range = plan.replicates
        self.accumulator = accumulator
    }

    var layout: SummaryLayout {
        SummaryLayout(scenarioIDs: identity.scenarioIDs,
                      referenceIndex: identity.scenarioIDs.firstIndex(of: identity.reference) ?? 0,
                      horizons: identity.horizons, months: identity.months, practices: identity.practices)
    }

    // MARK: Writing

    func write(to sink: TextSink) throws(CommandFailure) {
        let layout = self.layout
        let summaries = SimulationSummary.summarise(accumulator, layout: layout)
        var out = OutputBytes(capacity: 1 << 16)
        out.append("{\n\"meta\": {")
        out.append("\"qikit_version\": "); out.appendJSONString(identity.qikitVersion)
        out.append(", \"rng\": "); out.appendJSONString(identity.rng)
        out.append(", \"seed\": "); out.append(String(identity.seed))
        out.append(", \"replicates\": "); out.appendInteger(identity.replicates)
        out.append(", \"practices\": "); out.appendInteger(identity.practices)
        out.append(", \"months\": "); out.appendInteger(identity.months)
        out.append(", \"replicate_range\": ["); out.appendInteger(range.lowerBound)
        out.append(", "); out.appendInteger(range.upperBound); out.append("]")
        out.append(", \"reference\": "); out.appendJSONString(identity.reference)
        out.append(", \"scenario_ids\": [")
        for (index, id) in identity.scenarioIDs.enumerated() {
            if index > 0 { out.append(", ") }
            out.appendJSONString(id)
        }
        out.append("], \"sustained_at_months\": ["); Self.appendList(identity.horizons.map(Int64.init), to: &out); out.append("]")
        out.append(", \"clocks\": {\"after_success\": \"origin = success_month\", \"after_support\": \"origin = max(success_month, support_end)\"}")
        out.append(", \"parameter_hash\": {")
        for (index, id) in identity.scenarioIDs.enumerated() {
            if index > 0 { out.append(", ") }
            out.appendJSONString(id); out.append(": "); out.appendJSONString(identity.parameterHashes[index])
        }
        out.append("}")
        if let successModel = identity.successModel {
            out.append(", \"success_model\": ")
            successModel.write(to: &out)
        }
        out.append(", \"note\": "); out.appendJSONString(Self.note)
        out.append("},\n\"scenarios\": {")
        for (index, summary) in summaries.enumerated() {
            out.append(index == 0 ? "\n" : ",\n")
            Self.appendSummary(summary, reference: identity.reference, to: &out)
        }
        out.append("\n},\n\"accumulators\": {\"quantities\": [")
        for (index, quantity) in layout.quantities.enumerated() {
            if index > 0 { out.append(", ") }
            out.appendJSONString(SimulationSummary.name(quantity, horizons: layout.horizons, months: layout.months))
        }
        out.append("], \"sums\": [\"sum_n\", \"sum_d\", \"sum_nn\", \"sum_nd\", \"sum_dd\", \"sum_n_nref\", \"sum_n_dref\", \"sum_d_nref\", \"sum_d_dref\"]")
        out.append(", \"scenarios\": {")
        for (index, scenario) in accumulator.scenarios.enumerated() {
            out.append(index == 0 ? "\n" : ",\n")
            out.appendJSONString(identity.scenarioIDs[index])
            out.append(": {\"replicates\": "); out.appendInteger(scenario.replicates)
            out.append(", \"quantities\": [")
            for (position, sums) in scenario.quantities.enumerated() {
                out.append(position == 0 ? "[" : ", [")
                Self.appendList(sums.values, to: &out)
                out.append("]")
            }
            out.append("], \"adopted_histogram\": ["); Self.appendList(scenario.adoptedHistogram, to: &out)
            out.append("], \"sustaining_histogram\": ["); Self.appendList(scenario.sustainingHistogram, to: &out)
            out.append("]}")
        }
        out.append("\n}}\n}\n")
        try sink.write(out)
    }

    static func appendList(_ values: [Int64], to out: inout OutputBytes) {
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(", ") }
            out.appendInteger(value)
        }
    }

    private static func appendEstimate(_ estimate: RatioEstimate, to out: inout OutputBytes) {
        out.append("{\"pooled\": "); out.appendNumber(estimate.pooled)
        out.append(", \"mcse\": "); out.appendNumber(estimate.mcse)
        out.append(", \"ci95\": ")
        if let lower = estimate.lower95, let upper = estimate.upper95 {
            out.append("["); out.appendNumber(lower); out.append(", "); out.appendNumber(upper); out.append("]")
        } else {
            out.append("null")
        }
        out.append("}")
    }

    private static func appendShares(_ shares: [MonthlyShare], to out: inout OutputBytes) {
        out.append("[")
        for (index, share) in shares.enumerated() {
            out.append(index == 0 ? "\n  " : ",\n  ")
            out.append("{\"month\": "); out.appendInteger(share.month)
            out.append(", \"mean\": "); out.appendNumber(share.mean)
            out.append(", \"mcse\": "); out.appendNumber(share.mcse)
            out.append(", \"p2_5\": "); out.appendNumber(share.percentile2_5)
            out.append(", \"p97_5\": "); out.appendNumber(share.percentile97_5)
            out.append("}")
        }
        out.append("]")
    }

    private static func appendSummary(_ summary: ScenarioSummary, reference: String, to out: inout OutputBytes) {
        out.appendJSONString(summary.id)
        out.append(": {\"replicates\": "); out.appendInteger(summary.replicates)
        out.append(",\n \"adopted_share\": "); appendShares(summary.adoptedShare, to: &out)
        out.append(",\n \"sustaining_share\": "); appendShares(summary.sustainingShare, to: &out)
        out.append(",\n \"success_per_started\": "); appendEstimate(summary.successPerStarted, to: &out)
        out.append(",\n \"dropout_per_started\": "); appendEstimate(summary.dropoutPerStarted, to: &out)
        for (name, estimate) in summary.sustainedShares + summary.practicesSustained {
            out.append(",\n "); out.appendJSONString(name); out.append(": "); appendEstimate(estimate, to: &out)
        }
        out.append(",\n \"contrasts\": ")
        if let contrasts = summary.contrasts {
            out.append("{\"reference\": "); out.appendJSONString(reference)
            for contrast in contrasts {
                out.append(",\n  "); out.appendJSONString(contrast.quantity)
                out.append(": {\"difference\": "); out.appendNumber(contrast.difference)
                out.append(", \"paired_mcse\": "); out.appendNumber(contrast.pairedMCSE)
                out.append(", \"independent_mcse\": "); out.appendNumber(contrast.independentMCSE)
                out.append(", \"variance_reduction_factor\": "); out.appendNumber(contrast.varianceReductionFactor)
                out.append(", \"ci95\": ")
                if let lower = contrast.lower95, let upper = contrast.upper95 {
                    out.append("["); out.appendNumber(lower); out.append(", "); out.appendNumber(upper); out.append("]")
                } else {
                    out.append("null")
                }
                out.append("}")
            }
            out.append("}")
        } else {
            out.append("null")
        }
        out.append("}")
    }

    // MARK: Reading

    /// Reads a result file for merging.
    static func read(path: String) throws(SimulationError) -> SimulationResultFile {
        func fail(_ reason: String) -> SimulationError { .unreadableResult(file: path, reason: reason) }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("the file cannot be read") }
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any],
              let meta = root["meta"] as? [String: Any], let sums = root["accumulators"] as? [String: Any] else {
            throw fail("it is not JSON with meta and accumulators")
        }
        func integer(_ value: Any?) -> Int64? { (value as? NSNumber).map { $0.int64Value } }
        func integers(_ value: Any?) -> [Int64]? {
            guard let list = value as? [Any] else { return nil }
            var result: [Int64] = []
            result.reserveCapacity(list.count)
            for item in list {
                guard let number = integer(item) else { return nil }
                result.append(number)
            }
            return result
        }
        guard let version = meta["qikit_version"] as? String, let rng = meta["rng"] as? String,
              let seed = (meta["seed"] as? NSNumber)?.uint64Value,
              let replicates = integer(meta["replicates"]), let practices = integer(meta["practices"]),
              let months = integer(meta["months"]), let range = integers(meta["replicate_range"]), range.count == 2,
              let reference = meta["reference"] as? String, let horizons = integers(meta["sustained_at_months"]),
              let scenarioSums = sums["scenarios"] as? [String: Any]
        else { throw fail("its meta section is incomplete") }
        guard let hashes = meta["parameter_hash"] as? [String: String], let ids = meta["scenario_ids"] as? [String],
              ids.allSatisfy({ hashes[$0] != nil }) else { throw fail("meta.scenario_ids or meta.parameter_hash is missing") }
        let successModel: SuccessModelRecord?
        do {
            successModel = try SuccessModelRecord.read(from: data)
        } catch {
            throw fail("its meta.success_model is malformed")
        }
        var scenarios: [ScenarioAccumulator] = []
        for id in ids {
            guard let entry = scenarioSums[id] as? [String: Any], let count = integer(entry["replicates"]),
                  let quantityLists = entry["quantities"] as? [Any],
                  let adopted = integers(entry["adopted_histogram"]), let sustaining = integers(entry["sustaining_histogram"])
            else { throw fail("the accumulators of scenario '\(id)' are incomplete") }
            var quantities: [RatioSums] = []
            for list in quantityLists {
                guard let values = integers(list), let ratio = RatioSums(values: values) else {
                    throw fail("the accumulators of scenario '\(id)' are malformed")
                }
                quantities.append(ratio)
            }
            scenarios.append(ScenarioAccumulator(replicates: count, quantities: quantities, adoptedHistogram: adopted,
                                                 sustainingHistogram: sustaining))
        }
        let quantityCount = SummaryQuantity.all(horizons: horizons.count, months: Int(months)).count
        let histogramCount = Int(months) * (Int(practices) + 1)
        for (index, scenario) in scenarios.enumerated() where scenario.quantities.count != quantityCount
            || scenario.adoptedHistogram.count != histogramCount || scenario.sustainingHistogram.count != histogramCount {
            throw fail("the accumulators of scenario '\(ids[index])' do not match its months and practices")
        }
        guard range[0] >= 0, range[0] <= range[1], range[1] <= replicates else {
            throw fail("meta.replicate_range \(range) is not within 0 to \(replicates)")
        }
        let identity = Identity(qikitVersion: version, rng: rng, seed: seed, replicates: Int(replicates),
                                practices: Int(practices), months: Int(months), reference: reference,
                                horizons: horizons.map { Int($0) }, scenarioIDs: ids, parameterHashes: ids.map { hashes[$0]! },
                                successModel: successModel)
        return SimulationResultFile(identity: identity, range: ReplicateRange(Int(range[0])..<Int(range[1])),
                                    accumulator: SimulationAccumulator(scenarios: scenarios))
    }
}
