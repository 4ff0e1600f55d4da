import Foundation

/// A logistic regression of project success fitted by `qi fit` or `qi factors`, as read from
/// its JSON output: what ``SuccessModelMapping`` turns into the simulation's success model.
///
/// Read once at the boundary (``read(path:)``) and checked there: the family and link must be
/// binomial and logit, and the fit must have converged with every coefficient finite.
public struct FittedSuccessModel: Sendable, Hashable {
    /// One fixed-effect coefficient, named as R names it (`(Intercept)`, `control`).
    public struct Coefficient: Sendable, Hashable {
        public let term: String
        public let estimate: Double
        public let standardError: Double?

        public init(term: String, estimate: Double, standardError: Double?) {
            self.term = term
            self.estimate = estimate
            self.standardError = standardError
        }
    }

    /// A random intercept's grouping column and standard deviation on the logit scale.
    public struct RandomIntercept: Sendable, Hashable {
        public let group: String
        public let term: String
        public let standardDeviation: Double

        public init(group: String, term: String, standardDeviation: Double) {
            self.group = group
            self.term = term
            self.standardDeviation = standardDeviation
        }
    }

    /// The file it was read from, as given.
    public let source: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    public let sourceSHA256: String
    /// `qi fit` or `qi factors`.
    public let command: String
    /// The outcome column (`qi factors`) or the formula's response (`qi fit`).
    public let outcome: String
    /// The fit's `method` (`ml`, `firth`), with its approximation when it has one.
    public let method: String
    public let coefficients: [Coefficient]
    public let randomIntercepts: [RandomIntercept]

    public init(source: String, sourceSHA256: String, command: String, outcome: String, method: String,
                coefficients: [Coefficient], randomIntercepts: [RandomIntercept]) {
        self.source = source
        self.sourceSHA256 = sourceSHA256
        self.command = command
        self.outcome = outcome
        self.method = method
        self.coefficients = coefficients
        self.randomIntercepts = randomIntercepts
    }

    /// Whether the coefficients are conditional on a random intercept per practice (a mixed
    /// model) rather than population-averaged over practices (a GLM, with or without
    /// cluster-robust errors).
    public var isConditional: Bool { randomIntercepts.contains { $0.group == "practice" } }

    /// Reads the JSON that `qi fit --format json` or `qi factors --format json` wrote.
    ///
    /// From `qi factors`, the outcome `success` is used (or the only binary outcome) and its
    /// primary model. - Throws: ``SuccessModelError`` naming the file and what is wrong.
    public static func read(path: String) throws(SuccessModelError) -> FittedSuccessModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: FileManager.default.fileExists(atPath: path) ? "it is not readable" : "no such file")
        }
        return try parse(data, source: path)
    }

    /// Parses a fit's JSON; `source` names it in errors and in the mapping.
    ///
    /// Decoded with `JSONDecoder`, which rounds decimal numbers correctly (Foundation's
    /// `JSONSerialization` reads long decimals through `NSDecimalNumber` and can be an ulp off).
    public static func parse(_ data: Data, source: String) throws(SuccessModelError) -> FittedSuccessModel {
        let file: FitFile
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            file = try decoder.decode(FitFile.self, from: data)
        } catch {
            throw .unreadable(file: source, reason: "it is not the JSON of qi fit or qi factors --format json")
        }
        let digest = ParameterHash.sha256Hexadecimal([UInt8](data))
        if file.analysis == "facilitators" {
            guard let outcomes = file.outcomes else { throw .unreadable(file: source, reason: "its outcomes are missing") }
            let binary = outcomes.filter { $0.family == "binomial" }
            let chosen: FitFile.Outcome
            if let success = outcomes.first(where: { $0.outcome == "success" }) {
                chosen = success
            } else if binary.count == 1 {
                chosen = binary[0]
            } else if outcomes.count == 1 {
                chosen = outcomes[0]
            } else {
                throw .noSuccessOutcome(file: source, outcomes: outcomes.map(\.outcome))
            }
            try checkLogistic(family: chosen.family, link: chosen.link, context: " (outcome '\(chosen.outcome)')", source: source)
            guard let primary = chosen.models.first(where: { $0.role == "primary" }) ?? chosen.models.first else {
                throw .unreadable(file: source, reason: "outcome '\(chosen.outcome)' has no fitted model")
            }
            if primary.converged == false { throw .notConverged(file: source) }
            var method = primary.method ?? "ml"
            if let errors = primary.standardErrors { method += ", " + errors }
            return FittedSuccessModel(source: source, sourceSHA256: digest, command: "qi factors", outcome: chosen.outcome,
                                      method: method, coefficients: try coefficients(primary.coefficients, source: source),
                                      randomIntercepts: try randomIntercepts(primary.randomEffects ?? [], source: source))
        }
        guard let formula = file.formula, let rows = file.coefficients else {
            throw .unreadable(file: source, reason: "it has neither the coefficients of qi fit nor the outcomes of qi factors")
        }
        try checkLogistic(family: file.family, link: file.link, context: "", source: source)
        if file.converged == false { throw .notConverged(file: source) }
        var method = file.method ?? "ml"
        if let approximation = file.approximation { method += ", " + approximation }
        if let points = file.nagq, points > 1 { method += " (nagq \(points))" }
        let response = formula.split(separator: "~").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? formula
        return FittedSuccessModel(source: source, sourceSHA256: digest, command: "qi fit", outcome: response, method: method,
                                  coefficients: try coefficients(rows, source: source),
                                  randomIntercepts: try randomIntercepts(file.randomEffects ?? [], source: source))
    }

    private static func checkLogistic(family: String?, link: String?, context: String, source: String) throws(SuccessModelError) {
        guard family == "binomial", link == "logit" else {
            throw .notLogistic(file: source, family: (family ?? "unknown") + context, link: link ?? "unknown")
        }
    }

    private static func coefficients(_ rows: [FitFile.Coefficient], source: String) throws(SuccessModelError) -> [Coefficient] {
        guard !rows.isEmpty else { throw .unreadable(file: source, reason: "it has no coefficients") }
        var result: [Coefficient] = []
        for row in rows {
            if row.aliased == true { throw .unusableCoefficient(file: source, term: row.term, reason: "it is aliased (not estimable)") }
            if let diverges = row.diverges {
                throw .unusableCoefficient(file: source, term: row.term, reason: "its estimate diverges (\(diverges)): the data are separated")
            }
            guard let estimate = row.estimate, estimate.isFinite else {
                throw .unusableCoefficient(file: source, term: row.term, reason: "its estimate is missing or not finite")
            }
            result.append(Coefficient(term: row.term, estimate: estimate, standardError: row.stdError))
        }
        return result
    }

    private static func randomIntercepts(_ rows: [FitFile.RandomEffect], source: String) throws(SuccessModelError) -> [RandomIntercept] {
        var result: [RandomIntercept] = []
        for row in rows {
            guard let standardDeviation = row.stdDev, standardDeviation.isFinite else {
                throw .unusableRandomEffect(file: source, group: row.group, term: row.term, reason: "its std_dev is missing or not finite")
            }
            result.append(RandomIntercept(group: row.group, term: row.term, standardDeviation: standardDeviation))
        }
        return result
    }
}

/// The keys of `qi fit` and `qi factors` JSON that the mapping reads (INTERFACE.md).
private struct FitFile: Decodable {
    struct Coefficient: Decodable {
        let term: String
        let estimate: Double?
        let stdError: Double?
        let aliased: Bool?
        let diverges: String?
    }

    struct RandomEffect: Decodable {
        let group: String
        let term: String
        let stdDev: Double?
    }

    struct Model: Decodable {
        let role: String?
        let method: String?
        let standardErrors: String?
        let converged: Bool?
        let coefficients: [Coefficient]
        let randomEffects: [RandomEffect]?
    }

    struct Outcome: Decodable {
        let outcome: String
        let family: String?
        let link: String?
        let models: [Model]
    }

    let analysis: String?
    let outcomes: [Outcome]?
    let formula: String?
    let family: String?
    let link: String?
    let method: String?
    let approximation: String?
    let nagq: Int?
    let converged: Bool?
    let coefficients: [Coefficient]?
    let randomEffects: [RandomEffect]?
}
