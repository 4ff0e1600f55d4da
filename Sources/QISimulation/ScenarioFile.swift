import Foundation
import QIData

/// A validated scenario file (YAML, or JSON): `version: 1`, `run`, `base`, `scenarios`, and an
/// optional `reference` naming the scenario contrasts are taken against (default: the first).
///
/// Every scenario is `base` deep-merged with its overrides (mappings merged key by key, other
/// values replaced). Validation is strict: unknown keys, wrong types and out-of-range values
/// are errors naming the file, line, column and key path of the value (for a merged value, the
/// place in the file that gave it). YAML 1.1 words (`yes`, `on`...) are never read as booleans:
/// booleans are `true` or `false`.
public struct ScenarioFile: Sendable {
    public static let supportedVersion = 1
    static let topLevelKeys = ["version", "run", "base", "scenarios", "reference"]
    static let runKeys = ["seed", "replicates", "months", "practices"]
    static let distributionKeys = ["dist", "mean", "sd", "min", "max"]
    /// Largest counts the Philox counter words can address (0xFFFFFFFF and 0xFFFFFFFE are
    /// reserved for "not a practice/month" and PSA draws).
    public static let maximumReplicates = 1 << 32
    public static let maximumPractices = (1 << 32) - 1
    public static let maximumMonths = (1 << 32) - 2

    public let source: String
    public var run: RunSettings
    public let scenarios: [Scenario]
    /// The id of the reference scenario.
    public let reference: String

    public init(source: String, run: RunSettings, scenarios: [Scenario], reference: String) {
        self.source = source
        self.run = run
        self.scenarios = scenarios
        self.reference = reference
    }

    /// Reads and validates the file at `path`.
    public static func load(path: String) throws(ScenarioFileError) -> ScenarioFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it is not readable" : "no such file"
            throw ScenarioFileError(file: path, line: nil, column: nil, path: "", problem: .unreadable(reason: reason))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioFileError(file: path, line: nil, column: nil, path: "",
                                    problem: .unreadable(reason: "it is not UTF-8 text"))
        }
        return try parse(text, file: path)
    }

    /// Validates a scenario file's text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ScenarioFileError) -> ScenarioFile {
        let root = try ScenarioNode.parse(text, file: file)
        let reader = Reader(file: file)
        guard case .mapping(let pairs) = root.content else {
            throw root.error(.wrongType(expected: "a mapping with version, run, base and scenarios", found: root.kindDescription), file: file)
        }
        for (key, value) in pairs where !topLevelKeys.contains(key) {
            throw reader.unknownKey(key, node: value, known: topLevelKeys)
        }
        let version = try reader.integer(try reader.required("version", in: root), minimum: 1)
        guard version == supportedVersion else {
            throw try reader.required("version", in: root).error(
                .outOfRange(value: String(version), requirement: "this QIKit reads version \(supportedVersion)"), file: file)
        }
        let run = try reader.runSettings(try reader.required("run", in: root))
        let base = try reader.required("base", in: root)
        try reader.checkKeys(base, prefix: "")
        _ = try reader.parameters(base)
        let list = try reader.required("scenarios", in: root)
        guard case .sequence(let items) = list.content, !items.isEmpty else {
            throw list.error(.wrongType(expected: "a non-empty list of scenarios, each with an id", found: list.kindDescription), file: file)
        }
        var scenarios: [Scenario] = []
        for item in items {
            guard case .mapping(var overrides) = item.content else {
                throw item.error(.wrongType(expected: "a mapping with an id and overrides", found: item.kindDescription), file: file)
            }
            let idNode = try reader.required("id", in: item)
            let id = try reader.identifier(idNode)
            if scenarios.contains(where: { $0.id == id }) {
                throw idNode.error(.invalid(reason: "scenario id '\(id)' is used twice; ids must be unique."), file: file)
            }
            overrides.removeAll { $0.key == "id" }
            var overrideNode = item
            overrideNode.content = .mapping(overrides)
            try reader.checkKeys(overrideNode, prefix: "")
            let merged = base.merged(with: overrideNode)
            let (parameters, distributions, canonical) = try reader.parameters(merged)
            scenarios.append(Scenario(id: id, parameters: parameters, distributions: distributions,
                                      canonicalValue: canonical))
        }
        var reference = scenarios[0].id
        if let referenceNode = root["reference"] {
            let named = try reader.identifier(referenceNode)
            guard scenarios.contains(where: { $0.id == named }) else {
                throw referenceNode.error(.invalid(reason: "names no scenario in this file; use one of: \(scenarios.map(\.id).joined(separator: ", "))."), file: file)
            }
            reference = named
        }
        return ScenarioFile(source: file, run: run, scenarios: scenarios, reference: reference)
    }

    /// Reads values out of nodes, throwing errors that name `file`.
    struct Reader {
        let file: String

        func required(_ key: String, in node: ScenarioNode) throws(ScenarioFileError) -> ScenarioNode {
            if let value = node[key] { return value }
            let path = node.path.isEmpty ? key : "\(node.path).\(key)"
            throw ScenarioFileError(file: file, line: node.line, column: node.column, path: path, problem: .missingKey)
        }

        func unknownKey(_ key: String, node: ScenarioNode, known: [String]) -> ScenarioFileError {
            node.error(.unknownKey(suggestion: NearestName.closest(to: key, among: known), known: known), file: file)
        }

        /// Checks that every key of a parameter mapping (at schema `prefix`) exists.
        func checkKeys(_ node: ScenarioNode, prefix: String) throws(ScenarioFileError) {
            guard case .mapping(let pairs) = node.content else {
                throw node.error(.wrongType(expected: "a mapping", found: node.kindDescription), file: file)
            }
            let known = ParameterSchema.keys(under: prefix)
            let leaves = Set(ParameterSchema.entries.map(\.path))
            for (key, value) in pairs {
                guard known.contains(key) else { throw unknownKey(key, node: value, known: known) }
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                if !leaves.contains(path) { try checkKeys(value, prefix: path) }
            }
        }

        func runSettings(_ node: ScenarioNode) throws(ScenarioFileError) -> RunSettings {
            guard case .mapping(let pairs) = node.content else {
                throw node.error(.wrongType(expected: "a mapping with seed, replicates, months and practices", found: node.kindDescription), file: file)
            }
            for (key, value) in pairs where !ScenarioFile.runKeys.contains(key) {
                throw unknownKey(key, node: value, known: ScenarioFile.runKeys)
            }
            let seedNode = try required("seed", in: node)
            guard case .scalar(let text, false) = seedNode.content, let seed = UInt64(text) else {
                throw seedNode.error(.wrongType(expected: "a whole number from 0 to 2^64 - 1", found: seedNode.kindDescription), file: file)
            }
            return RunSettings(
                seed: seed,
                replicates: try integer(try required("replicates", in: node), minimum: 2, maximum: ScenarioFile.maximumReplicates,
                                        requirement: "summaries need at least 2 replicates"),
                months: try integer(try required("months", in: node), minimum: 1, maximum: ScenarioFile.maximumMonths),
                practices: try integer(try required("practices", in: node), minimum: 1, maximum: ScenarioFile.maximumPractices))
        }

        func identifier(_ node: ScenarioNode) throws(ScenarioFileError) -> String {
            guard case .scalar(let text, _) = node.content, !text.isEmpty,
                  text.unicodeScalars.allSatisfy({ ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == "." })
            else {
                throw node.error(.wrongType(expected: "a scenario id of letters, digits, '_', '-' or '.'", found: node.kindDescription), file: file)
            }
            return text
        }

        func integer(_ node: ScenarioNode, minimum: Int, maximum: Int = Int.max,
                     requirement: String? = nil) throws(ScenarioFileError) -> Int {
            guard case .scalar(let text, false) = node.content, let value = Self.wholeNumber(text) else {
                throw node.error(.wrongType(expected: "a whole number", found: node.kindDescription), file: file)
            }
            guard value >= minimum, value <= maximum else {
                let bound = maximum == Int.max ? "it must be \(minimum) or more" : "it must be from \(minimum) to \(maximum)"
                throw node.error(.outOfRange(value: text, requirement: requirement ?? bound), file: file)
            }
            return value
        }

        static func wholeNumber(_ text: String) -> Int? {
            var digits = Substring(text)
            if digits.first == "+" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else { return nil }
            return Int(digits)
        }

        func real(_ node: ScenarioNode, range: ParameterSchema.ValueRange) throws(ScenarioFileError) -> Double {
            guard case .scalar(let text, false) = node.content, let value = Self.decimal(text) else {
                throw node.error(.wrongType(expected: "a number", found: node.kindDescription), file: file)
            }
            guard range.contains(value) else {
                throw node.error(.outOfRange(value: text, requirement: range.requirement), file: file)
            }
            return value
        }

        /// A decimal number as JSON and YAML write one: no `.inf`, `nan`, hex or underscores.
        static func decimal(_ text: String) -> Double? {
            let allowed = Set("0123456789+-.eE")
            guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }), text.contains(where: \.isNumber),
                  let value = Double(text), value.isFinite else { return nil }
            return value
        }

        func boolean(_ node: ScenarioNode) throws(ScenarioFileError) -> Bool {
            guard case .scalar(let text, false) = node.content, text == "true" || text == "false" else {
                throw node.error(.wrongType(expected: "true or false", found: node.kindDescription), file: file)
            }
            return text == "true"
        }

        func choice(_ node: ScenarioNode, options: [String]) throws(ScenarioFileError) -> String {
            guard case .scalar(let text, _) = node.content, options.contains(text) else {
                throw node.error(.wrongType(expected: options.joined(separator: " or "), found: node.kindDescription), file: file)
            }
            return text
        }

        func list(_ node: ScenarioNode) throws(ScenarioFileError) -> [ScenarioNode] {
            guard case .sequence(let items) = node.content else {
                throw node.error(.wrongType(expected: "a list", found: node.kindDescription), file: file)
            }
            return items
        }

        /// A real parameter given as a distribution.
        func distribution(_ node: ScenarioNode, range: ParameterSchema.ValueRange) throws(ScenarioFileError) -> ParameterDistribution.Family {
            guard case .mapping(let pairs) = node.content else { preconditionFailure("called on a mapping") }
            for (key, value) in pairs where !ScenarioFile.distributionKeys.contains(key) {
                throw unknownKey(key, node: value, known: ScenarioFile.distributionKeys)
            }
            let name = try choice(try required("dist", in: node), options: ["normal", "beta", "gamma", "uniform"])
            let expected = name == "uniform" ? ["dist", "min", "max"] : ["dist", "mean", "sd"]
            for (key, value) in pairs where !expected.contains(key) {
                throw value.error(.invalid(reason: "is not a parameter of the \(name) distribution, which takes \(expected.dropFirst().joined(separator: " and "))."), file: file)
            }
            func number(_ key: String, _ valueRange: ParameterSchema.ValueRange) throws(ScenarioFileError) -> Double {
                try real(try required(key, in: node), range: valueRange)
            }
            func unsupported(_ support: String) -> ScenarioFileError {
                node.error(.outOfRange(value: "a \(name) distribution", requirement: "its support (\(support)) must lie within the parameter's range: \(range.requirement)"), file: file)
            }
            switch name {
            case "normal":
                let mean = try number("mean", .any), sd = try number("sd", .nonNegative)
                if range != .any && sd > 0 { throw unsupported("all real numbers") }
                return .normal(mean: mean, standardDeviation: sd)
            case "uniform":
                let minimum = try number("min", .any), maximum = try number("max", .any)
                guard minimum <= maximum else {
                    throw node.error(.invalid(reason: "min must not exceed max."), file: file)
                }
                guard range.contains(minimum), range.contains(maximum) else { throw unsupported("\(minimum) to \(maximum)") }
                return .uniform(minimum: minimum, maximum: maximum)
            case "gamma":
                let mean = try number("mean", .positive), sd = try number("sd", .positive)
                if range == .probability { throw unsupported("all positive numbers") }
                return .gamma(mean: mean, standardDeviation: sd)
            default:
                let mean = try number("mean", .positive), sd = try number("sd", .positive)
                guard mean < 1, sd * sd < mean * (1 - mean) else {
                    throw node.error(.invalid(reason: "a beta distribution needs 0 < mean < 1 and sd^2 < mean (1 - mean)."), file: file)
                }
                return .beta(mean: mean, standardDeviation: sd)
            }
        }

        /// The parameters of a merged parameter mapping, its distributions and canonical form.
        func parameters(_ root: ScenarioNode) throws(ScenarioFileError) -> (ModelParameters, [ParameterDistribution], ParameterHash.Value) {
            var parameters = ParameterSchema.placeholder
            var distributions: [ParameterDistribution] = []
            var canonical: [String: ParameterHash.Value] = [:]
            var realIndex = 0
            var sharesNode: ScenarioNode?
            for entry in ParameterSchema.entries {
                var node = root
                for component in entry.path.split(separator: ".") {
                    node = try required(String(component), in: node)
                }
                let value: ParameterHash.Value
                switch entry.kind {
                case .real(let target, let range):
                    if node.isMapping {
                        let family = try distribution(node, range: range)
                        parameters[keyPath: target] = family.mean
                        distributions.append(ParameterDistribution(path: entry.path, parameterIndex: realIndex,
                                                                   family: family, target: target))
                        value = Self.canonical(family)
                    } else {
                        let number = try real(node, range: range)
                        parameters[keyPath: target] = number
                        value = .number(number)
                    }
                    realIndex += 1
                case .integer(let target, let minimum):
                    let number = try integer(node, minimum: minimum)
                    parameters[keyPath: target] = number
                    value = .number(Double(number))
                case .boolean(let target):
                    let flag = try boolean(node)
                    parameters[keyPath: target] = flag
                    value = .boolean(flag)
                case .peerSource:
                    let text = try choice(node, options: PeerSource.allCases.map(\.rawValue))
                    parameters.bass.peerSource = PeerSource(rawValue: text)!
                    value = .text(text)
                case .championMode:
                    let text = try choice(node, options: ChampionMode.allCases.map(\.rawValue))
                    parameters.champion.mode = ChampionMode(rawValue: text)!
                    value = .text(text)
                case .realList(let target, let count, let range):
                    let items = try list(node)
                    guard items.count == count else {
                        throw node.error(.invalid(reason: "needs \(count) numbers (innovators, early adopters, early majority, late majority, laggards); found \(items.count)."), file: file)
                    }
                    var numbers: [Double] = []
                    for item in items { numbers.append(try real(item, range: range)) }
                    parameters[keyPath: target] = numbers
                    value = .list(numbers.map { .number($0) })
                    if entry.path == "adopter_shares" { sharesNode = node }
                case .integerList(let target, let minimum):
                    var numbers: [Int] = []
                    for item in try list(node) { numbers.append(try integer(item, minimum: minimum)) }
                    parameters[keyPath: target] = numbers
                    value = .list(numbers.map { .number(Double($0)) })
                }
                Self.insert(value, at: entry.path.split(separator: ".").map(String.init), into: &canonical)
            }
            let shareSum = parameters.adopterShares.reduce(0, +)
            if let sharesNode, abs(shareSum - 1) > 1e-9 {
                throw sharesNode.error(.outOfRange(value: "a sum of \(shareSum)", requirement: "the five adopter shares must sum to 1"), file: file)
            }
            let weighted = zip(parameters.adopterShares, parameters.adopterMultipliers).reduce(0) { $0 + $1.0 * $1.1 }
            if weighted <= 0, let multipliers = root["adopter_multiplier"] {
                throw multipliers.error(.invalid(reason: "the share-weighted mean multiplier is 0; at least one category with a positive share needs a positive multiplier."), file: file)
            }
            return (parameters, distributions, .object(canonical))
        }

        static func canonical(_ family: ParameterDistribution.Family) -> ParameterHash.Value {
            switch family {
            case .normal(let mean, let sd):
                return .object(["dist": .text("normal"), "mean": .number(mean), "sd": .number(sd)])
            case .beta(let mean, let sd):
                return .object(["dist": .text("beta"), "mean": .number(mean), "sd": .number(sd)])
            case .gamma(let mean, let sd):
                return .object(["dist": .text("gamma"), "mean": .number(mean), "sd": .number(sd)])
            case .uniform(let minimum, let maximum):
                return .object(["dist": .text("uniform"), "min": .number(minimum), "max": .number(maximum)])
            }
        }

        static func insert(_ value: ParameterHash.Value, at path: [String], into object: inout [String: ParameterHash.Value]) {
            guard path.count > 1 else {
                object[path[0]] = value
                return
            }
            var child: [String: ParameterHash.Value] = [:]
            if case .object(let existing) = object[path[0]] { child = existing }
            insert(value, at: Array(path.dropFirst()), into: &child)
            object[path[0]] = .object(child)
        }
    }
}
