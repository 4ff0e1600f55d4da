import ArgumentParser
import QIData
import QIRegression

/// The families `--family` accepts.
enum FitFamily: String, ExpressibleByArgument, CaseIterable {
    case gaussian, binomial, poisson
    case negativeBinomial = "negative-binomial"

    var family: GLMFamily {
        switch self {
        case .gaussian: .gaussian
        case .binomial: .binomial
        case .poisson: .poisson
        case .negativeBinomial: .negativeBinomial(theta: nil)
        }
    }
}

extension LinkFunction: ExpressibleByArgument {}

/// `qi fit`: a regression model from an R / lme4 formula.
///
/// This version fits generalised linear models by maximum likelihood with Wald inference.
/// Options of the interface whose methods have not landed (random-effect terms, `--method
/// reml|firth`, `--cluster`, `--ci profile`, `--nagq`) are refused with exit 2 and say so,
/// rather than silently fitting another model.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Regression across project outcomes (generalised linear models).",
        discussion: """
            Formulas follow R: y ~ a + b + a:b + a*b + factor(c) + offset(log(t)); a binomial \
            response may be cbind(successes, failures); - 1 or + 0 drops the intercept. Terms \
            are named as R names them. Fitted by IRLS on a pivoted QR (LAPACK); standard errors \
            from the Fisher information at the estimate; aliased terms are named and get null \
            coefficients. Rows with a missing value in a variable the model uses are dropped \
            and counted.
            """)

    @Argument(help: "CSV file, one row per observation (- for standard input).")
    var data: String

    @Option(help: "The model formula in R syntax, e.g. \"success ~ champion + payment\".")
    var formula: String

    @Option(help: "gaussian (default), binomial, poisson or negative-binomial.")
    var family: FitFamily = .gaussian

    @Option(help: "identity or log (gaussian); logit, probit or cloglog (binomial); log (counts).")
    var link: LinkFunction?

    @Option(help: "ml (default); reml and firth are not yet available.")
    var method: String = "ml"

    @Option(help: "Quadrature points for a random intercept (not yet available).")
    var nagq: Int?

    @Option(help: "A numeric column of prior weights (binomial: the trials of a proportion).")
    var weights: String?

    @Option(help: "Cluster-robust standard errors by this column (not yet available).")
    var cluster: String?

    @Option(help: "CR0, CR1S, CR2 or CR3 with --cluster (not yet available).")
    var robust: String?

    @Option(help: "wald (default); profile is not yet available.")
    var ci: String = "wald"

    @Option(help: "Confidence level of the intervals, between 0 and 1.")
    var level: Double = 0.95

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard level > 0, level < 1 else {
            throw ValidationError("--level must lie strictly between 0 and 1, e.g. 0.95.")
        }
        guard ["ml", "reml", "firth"].contains(method) else {
            throw ValidationError("--method must be ml, reml or firth.")
        }
        guard ["wald", "profile"].contains(ci) else {
            throw ValidationError("--ci must be wald or profile.")
        }
        if let robust, !["CR0", "CR1S", "CR2", "CR3"].contains(robust) {
            throw ValidationError("--robust must be CR0, CR1S, CR2 or CR3.")
        }
        if robust != nil, cluster == nil {
            throw ValidationError("--robust needs --cluster COLUMN naming the clusters.")
        }
        if let nagq, nagq < 1 { throw ValidationError("--nagq must be 1 or more.") }
    }

    func run() throws {
        let parsed: Formula
        do {
            parsed = try Formula(formula)
        } catch {
            let message = "--formula: \(error.description)"
            throw error.isUnknownName ? CommandFailure.badInput(message) : CommandFailure.badUsage(message)
        }
        try refuseUnavailable(parsed)
        let table = try CSVReader.read(path: data)
        let modelData = try FitCommand.modelData(table, columns: parsed.columnNames + (weights.map { [$0] } ?? []))
        let fit: GLMFit
        let design: DesignMatrix
        do {
            design = try DesignMatrix(formula: parsed, data: modelData, weightsColumn: weights)
            let model = try GeneralizedLinearModel(design: design, family: family.family, link: link)
            fit = try model.fit()
        } catch let error as ModelDataError {
            throw CommandFailure.badInput("\(table.source): \(error.description)")
        } catch let error as GLMError {
            switch error {
            case .didNotConverge, .noValidStep, .thetaUnbounded, .linearAlgebra:
                throw CommandFailure.computationFailed("\(table.source): \(error.description)")
            default:
                throw CommandFailure.badInput("\(table.source): \(error.description)")
            }
        }
        let report = FitReport(fit: fit, design: design, formula: formula, level: level)
        for warning in report.warnings { StandardStreams.writeError("qi: warning: \(warning)\n") }
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try FitJSONWriter.write(report, to: sink)
            case .csv: try FitCSVWriter.write(report, to: sink)
            case .table: try FitTableWriter.write(report, to: sink)
            }
        }
    }

    /// Refuses, with exit 2, options and terms whose methods are not in this version.
    private func refuseUnavailable(_ parsed: Formula) throws {
        func unavailable(_ what: String) -> CommandFailure {
            .badUsage("\(what) is not yet available in this version of qi fit; it fits "
                      + "generalised linear models by maximum likelihood with Wald intervals.")
        }
        if !parsed.randomEffects.isEmpty {
            throw unavailable("the random-effect term (\(parsed.randomEffects.map { $0.groupingLabels.joined(separator: ", ") }.joined(separator: "; "))) of a mixed model")
        }
        if method != "ml" { throw unavailable("--method \(method)") }
        if cluster != nil { throw unavailable("--cluster (cluster-robust standard errors)") }
        if ci != "wald" { throw unavailable("--ci \(ci)") }
        if nagq != nil { throw unavailable("--nagq (adaptive quadrature for mixed models)") }
    }

    /// The columns the model reads, typed as INTERFACE.md says: numeric when every
    /// non-missing value parses as a number, text otherwise (dates are text, hence factors).
    static func modelData(_ table: CSVTable, columns: [String]) throws -> ModelData {
        var typed: [(name: String, column: ModelData.Column)] = []
        for name in columns where !typed.contains(where: { $0.name == name }) {
            if try table.kind(of: name) == .number {
                typed.append((name, .numeric(try table.numbers(name))))
            } else {
                typed.append((name, .text(try table.texts(name))))
            }
        }
        return ModelData(columns: typed)
    }
}

/// What `qi fit` reports: the fit with its inference at the chosen level and the warnings.
struct FitReport {
    let fit: GLMFit
    let formula: String
    let level: Double
    let intervals: [(lower: Double, upper: Double)?]
    let pValues: [Double?]
    let statistics: [Double?]
    let warnings: [String]

    init(fit: GLMFit, design: DesignMatrix, formula: String, level: Double) {
        self.fit = fit
        self.formula = formula
        self.level = level
        self.intervals = fit.waldIntervals(level: level)
        self.pValues = fit.pValues
        self.statistics = fit.statistics
        var warnings: [String] = []
        if !fit.aliasedNames.isEmpty {
            warnings.append("rank deficient: \(fit.aliasedNames.joined(separator: ", ")) "
                + "\(fit.aliasedNames.count == 1 ? "is a linear combination" : "are linear combinations") "
                + "of earlier terms; dropped (coefficient null).")
        }
        if design.rowsDropped > 0 {
            warnings.append("\(design.rowsDropped) row\(design.rowsDropped == 1 ? "" : "s") with a "
                + "missing value in a model variable dropped; \(design.rowCount) used.")
        }
        self.warnings = warnings
    }

    var standardErrorsName: String { "fisher_at_estimate" }
}
