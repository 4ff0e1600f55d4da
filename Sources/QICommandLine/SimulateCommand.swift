import ArgumentParser
import QIData
import QIParallel
import QIRendering
import QISimulation

/// `qi simulate`: the programme spread and sustainability Monte Carlo (design/simulation-model.md).
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Monte Carlo model of programme spread and sustainability under named scenarios.",
        discussion: """
            Simulates a CCG's practices month by month under each scenario of a YAML or JSON \
            file, with common random numbers (Philox4x32-10, layout v1), and reports every \
            figure with its Monte Carlo standard error. An assumption-driven model: compare \
            scenarios rather than reading absolute figures.
            """,
        subcommands: [SimulateRunCommand.self, SimulateMergeCommand.self],
        defaultSubcommand: SimulateRunCommand.self)
}

/// A `--shard I/N` value (0-based I).
struct ShardOption: ExpressibleByArgument {
    let index: Int
    let count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.index = index
        self.count = count
    }
}

/// `qi simulate [SCENARIOS.yaml] ...`: runs the scenarios.
struct SimulateRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the scenarios of a file (the default subcommand: `qi simulate FILE`).")

    static let defaultScenarioFile = "datasets/scenarios.yaml"

    @Argument(help: "Scenario file, YAML or JSON (default: datasets/scenarios.yaml).")
    var scenarios: String = SimulateRunCommand.defaultScenarioFile

    @Option(help: "Run only these scenario ids (comma-separated).")
    var only: String?

    @Option(help: "Replicates (CCGs) per scenario, at least 2 (default: the file's run.replicates).")
    var replicates: Int?

    @Option(help: "64-bit master seed (default: the file's run.seed).")
    var seed: UInt64?

    @Option(help: "Practices per CCG (default: the file's run.practices).")
    var practices: Int?

    @Option(help: "Months simulated (default: the file's run.months).")
    var months: Int?

    @Option(help: "Worker threads (default: all cores). Never changes the results.")
    var threads: Int?

    @Option(help: "Run shard I of N (0-based): replicates [floor(I R/N), floor((I+1) R/N)).")
    var shard: ShardOption?

    @Option(name: .customLong("replicates-csv"), help: "Also write one row per replicate and scenario to this CSV file.")
    var replicatesCSV: String?

    @Option(name: .customLong("success-model"), help: ArgumentHelp(
        "Set every scenario's success model from a logistic fit: the JSON of `qi fit` or `qi factors`.",
        discussion: """
            Terms map by name onto success.*: (Intercept), control, payment, champion, small, \
            cross_org, clinical, coach_dose, relationship (per SD), coach_relationship (0/1, \
            times sqrt(pi/8)), and a random intercept per practice or ccg onto sd_practice or \
            sd_ccg. A population-averaged (GLM) fit is scaled to the model's practice-specific \
            coefficients by sqrt(1 + 0.346 sd_practice^2). Other terms, other families or links \
            are refused. The mapping is written in meta.success_model and hashed with the \
            parameters.
            """, valueName: "FIT.json"))
    var successModel: String?

    @Option(help: "Also write the scenario charts (sustained shares, and adoption per scenario) as SVG files into this folder (created if missing).")
    var svg: String?

    @Flag(inversion: .prefixedNo, help: "Progress bar on standard error (default: when it is a terminal).")
    var progress: Bool?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let replicates, replicates < 2 {
            throw ValidationError("--replicates \(replicates): summaries need at least 2 replicates.")
        }
        if let practices, practices < 1 || practices > ScenarioFile.maximumPractices {
            throw ValidationError("--practices must be from 1 to \(ScenarioFile.maximumPractices).")
        }
        if let months, months < 1 || months > ScenarioFile.maximumMonths {
            throw ValidationError("--months must be from 1 to \(ScenarioFile.maximumMonths).")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more.") }
        if let shard, shard.count < 1 || shard.index < 0 || shard.index >= shard.count {
            throw ValidationError("--shard \(shard.index)/\(shard.count) is out of range: use I/N with 0 <= I < N (0-based).")
        }
        if outputOptions.format == .csv {
            throw ValidationError("--format csv is not available for qi simulate; use --replicates-csv PATH for per-replicate rows.")
        }
    }

    func run() throws {
        let file: ScenarioFile
        do {
            file = try ScenarioFile.load(path: scenarios)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        var settings = file.run
        if let replicates { settings.replicates = replicates }
        if let seed { settings.seed = seed }
        if let practices { settings.practices = practices }
        if let months { settings.months = months }
        if settings.replicates > ScenarioFile.maximumReplicates {
            throw CommandFailure.badUsage("--replicates must be at most \(ScenarioFile.maximumReplicates).")
        }
        var selected = file.scenarios
        if let only {
            let ids = only.split(separator: ",").map { String($0).trimmingSpaces }
            let known = file.scenarios.map(\.id)
            for id in ids where !known.contains(id) {
                throw CommandFailure.badUsage(SimulationError.unknownScenario(
                    id: id, known: known, suggestion: NearestName.closest(to: id, among: known)).description)
            }
            selected = file.scenarios.filter { ids.contains($0.id) }
        }
        var mapping: SuccessModelMapping?
        if let successModel {
            do {
                let fit = try FittedSuccessModel.read(path: successModel)
                let spread = try SuccessModelMapping.practiceStandardDeviation(for: fit, scenarios: selected)
                let fitted = try SuccessModelMapping(fit: fit, practiceStandardDeviation: spread)
                selected = selected.map { $0.applying(fitted) }
                mapping = fitted
            } catch {
                throw CommandFailure.badInput(error.description)
            }
        }
        let plan: SimulationPlan
        do {
            let range = try shard.map { shard throws(SimulationError) in
                try ReplicateRange(shard: shard.index, of: shard.count, replicates: settings.replicates)
            } ?? ReplicateRange(0..<settings.replicates)
            let reference = selected.contains { $0.id == file.reference } ? file.reference : selected[0].id
            plan = try SimulationPlan(run: settings, scenarios: selected, reference: reference, replicates: range)
        } catch {
            switch error {
            case .horizonsDiffer: throw CommandFailure.badInput("\(scenarios): \(error.description)")
            default: throw CommandFailure.badUsage(error.description)
            }
        }
        if let svg { try StagedFiles.makeFolder(svg) }
        let showProgress = progress ?? StandardStreams.errorIsTerminal
        let bar = showProgress ? ProgressBar(total: plan.replicates.count) : nil
        var csvFile: AtomicFile?
        if let replicatesCSV { csvFile = try AtomicFile(destination: replicatesCSV) }
        var rowWriter: ((Int, [[ReplicateOutcome]]) throws -> Void)?
        if let csvFile {
            rowWriter = { first, outcomes in
                try ReplicatesCSVWriter.write(first: first, outcomes: outcomes, plan: plan, to: csvFile)
            }
        }
        var progressHandler: (@Sendable (Int) -> Void)?
        if let bar { progressHandler = { done in bar.update(done) } }
        let accumulator: SimulationAccumulator
        do {
            if let csvFile { try ReplicatesCSVWriter.writeHeader(plan: plan, to: csvFile) }
            accumulator = try SimulationRun.execute(plan, threads: threads ?? ProcessorCount.online,
                                                    rows: rowWriter, progress: progressHandler)
            bar?.finish()
            let result = SimulationResultFile(plan: plan, accumulator: accumulator, successModel: mapping)
            var charts = StagedFiles()
            if let svg {
                for file in RenderableScenarioRun(result).chartFiles() { charts.add(svg + "/" + file.name, file.text) }
            }
            try charts.commit()
            do {
                try outputOptions.emit { sink in
                    switch outputOptions.resolvedFormat {
                    case .table: try SimulationTableWriter.write(result, to: sink)
                    default: try result.write(to: sink)
                    }
                }
                try csvFile?.commit()
            } catch {
                charts.remove()
                throw error
            }
        } catch {
            bar?.finish()
            csvFile?.abandon()
            throw error
        }
    }
}

/// `qi simulate merge SHARD.json... --output RESULT.json`.
struct SimulateMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the result files of `qi simulate --shard I/N` into the file a single run gives.")

    @Argument(help: "The shards' result files, in any order.")
    var shards: [String]

    @Option(help: "Also write the merged run's scenario charts (as qi simulate --svg) as SVG files into this folder (created if missing).")
    var svg: String?

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard files to merge.") }
        if outputOptions.format == .csv { throw ValidationError("--format csv is not available for merge.") }
    }

    func run() throws {
        var files: [(path: String, file: SimulationResultFile)] = []
        do {
            for path in shards { files.append((path, try SimulationResultFile.read(path: path))) }
            let merged = try Self.merge(files)
            if let svg { try StagedFiles.makeFolder(svg) }
            var charts = StagedFiles()
            if let svg {
                for file in RenderableScenarioRun(merged).chartFiles() { charts.add(svg + "/" + file.name, file.text) }
            }
            try charts.commit()
            do {
                try outputOptions.emit { sink in
                    switch outputOptions.resolvedFormat {
                    case .table: try SimulationTableWriter.write(merged, to: sink)
                    default: try merged.write(to: sink)
                    }
                }
            } catch {
                charts.remove()
                throw error
            }
        } catch let error as SimulationError {
            throw CommandFailure.badInput(error.description)
        }
    }

    /// Checks that the files are shards of one run covering every replicate once, and adds them.
    static func merge(_ files: [(path: String, file: SimulationResultFile)]) throws(SimulationError) -> SimulationResultFile {
        let first = files[0].file.identity
        for (path, file) in files.dropFirst() {
            let other = file.identity
            func check(_ field: String, _ expected: String, _ found: String) throws(SimulationError) {
                if expected != found { throw .mismatchedShard(file: path, field: field, expected: expected, found: found) }
            }
            try check("qikit_version", first.qikitVersion, other.qikitVersion)
            try check("rng", first.rng, other.rng)
            try check("seed", String(first.seed), String(other.seed))
            try check("replicates", String(first.replicates), String(other.replicates))
            try check("practices", String(first.practices), String(other.practices))
            try check("months", String(first.months), String(other.months))
            try check("scenarios", first.scenarioIDs.joined(separator: ","), other.scenarioIDs.joined(separator: ","))
            try check("reference", first.reference, other.reference)
            try check("sustained_at_months", "\(first.horizons)", "\(other.horizons)")
            try check("success_model sha256", first.successModel?.sha256 ?? "none", other.successModel?.sha256 ?? "none")
            for (index, id) in first.scenarioIDs.enumerated() {
                try check("parameter hash of '\(id)'", first.parameterHashes[index], other.parameterHashes[index])
            }
        }
        let sorted = files.sorted { $0.file.range.lowerBound < $1.file.range.lowerBound }
        var covered = 0
        var previous = ""
        for (path, file) in sorted {
            if file.range.lowerBound > covered {
                throw .gap(file: path, missingFrom: covered, missingTo: file.range.lowerBound)
            }
            if file.range.lowerBound < covered {
                throw .overlap(file: path, otherFile: previous, from: file.range.lowerBound, to: min(covered, file.range.upperBound))
            }
            covered = file.range.upperBound
            previous = path
        }
        if covered < first.replicates {
            throw .gap(file: sorted.last!.path, missingFrom: covered, missingTo: first.replicates)
        }
        var total = sorted[0].file.accumulator
        for (_, file) in sorted.dropFirst() { total.add(file.accumulator) }
        return SimulationResultFile(identity: first, range: ReplicateRange(0..<first.replicates), accumulator: total)
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
