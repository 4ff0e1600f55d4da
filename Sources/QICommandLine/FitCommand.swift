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
/// This version fits generalised linear models by maximum likelihood (with a separation check
/// for binomial models) or Firth's penalised likelihood, with Wald, profile penalised-likelihood
/// or cluster-robust inference, and binomial (logit) or Poisson (log) models with one random
/// intercept `(1 | g)` by the Laplace approximation or adaptive quadrature (`--nagq`), and
/// gaussian linear mixed models (random intercepts and slopes, crossed and nested grouping
/// factors) by REML (the default) or ML. Options of the interface whose methods have not
/// landed (other random-effect structures in binomial or Poisson models, `--ci profile` with
/// `--method ml`) are refused with exit 2 and say so, rather than silently fitting another
/// model.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Regression across project outcomes (generalised linear and mixed models).",
        discussion: """
            Formulas follow R: y ~ a + b + a:b + a*b + factor(c) + offset(log(t)); a binomial \
            response may be cbind(successes, failures); - 1 or + 0 drops the intercept. Terms \
            are named as R names them. Fitted by IRLS on a pivoted QR (LAPACK); standard errors \
            from the Fisher information at the estimate; aliased terms are named and get null \
            coefficients. Binomial fits are checked for separation (Konis linear program): \
            diverging terms are named, with null estimates, and --method firth gives finite \
            penalised estimates with profile penalised-likelihood intervals. --cluster COL gives \
            cluster-robust errors (CR2 by default) with Satterthwaite degrees of freedom. One random \
            intercept (1 | group) in a binomial or poisson model is fitted by the Laplace \
            approximation (--nagq 1) or adaptive Gauss-Hermite quadrature (--nagq K), with the \
            full log-likelihood at every K. A gaussian model with random-effect terms, such as \
            y ~ x + (x | g), (1 | a) + (1 | b) or (1 | g1/g2), is a linear mixed model fitted as \
            lme4's lmer fits it, by REML (the default) or --method ml. Rows with a missing value \
            in a variable the model uses are dropped and counted.
            """)

    @Argument(help: "CSV file, one row per observation (- for standard input).")
    var data: String

    @Option(help: "The model formula in R syntax, e.g. \"success ~ champion + payment\".")
    var formula: String

    @Option(help: "gaussian (default), binomial, poisson or negative-binomial.")
    var family: FitFamily = .gaussian

    @Option(help: "identity or log (gaussian); logit, probit or cloglog (binomial); log (counts).")
    var link: LinkFunction?

    @Option(name: .customLong("method"), help: "ml (default), reml (linear mixed models; their default) or firth (penalised logistic regression).")
    var methodOption: String?

    /// The method: `--method` when given, otherwise reml for a linear mixed model and ml for
    /// every other model, as lme4 and glm default.
    var method: String { methodOption ?? (isLinearMixedModel ? "reml" : "ml") }

    /// Whether the family is gaussian and the formula has random-effect terms.
    private var isLinearMixedModel: Bool {
        family == .gaussian && (try? Formula(formula))?.randomEffects.isEmpty == false
    }

    @Option(help: "Quadrature points for a random intercept: 1 (default) is the Laplace approximation, K > 1 adaptive Gauss-Hermite quadrature.")
    var nagq: Int?

    @Option(help: "A numeric column of prior weights (binomial: the trials of a proportion).")
    var weights: String?

    @Option(help: "Cluster-robust standard errors, clustered by this column (e.g. practice).")
    var cluster: String?

    @Option(help: "CR0, CR1S, CR2 (default: Bell-McCaffrey with Satterthwaite df) or CR3, with --cluster.")
    var robust: String?

    @Option(help: "wald (the default for ml) or profile (the default for firth: profile penalised likelihood).")
    var ci: String?

    @Option(help: "Confidence level of the intervals, between 0 and 1.")
    var level: Double = 0.95

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard level > 0, level < 1 else {
            throw ValidationError("--level must lie strictly between 0 and 1, e.g. 0.95.")
        }
        guard ["ml", "reml", "firth"].contains(methodOption ?? "ml") else {
            throw ValidationError("--method must be ml, reml or firth.")
        }
        guard ci == nil || ["wald", "profile"].contains(ci!) else {
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
        if !parsed.randomEffects.isEmpty, family == .gaussian {
            try refuseUnavailableLinearMixedModel(parsed)
            return try runLinearMixedModel(parsed)
        }
        try refuseUnavailable(parsed)
        if !parsed.randomEffects.isEmpty { return try runMixedModel(parsed) }
        let table = try CSVReader.read(path: data)
        let modelData = try FitCommand.modelData(table, columns: parsed.columnNames + (weights.map { [$0] } ?? []))
        let clusterLabels = try cluster.map { name in try table.texts(name) }
        let fit: GLMFit
        let design: DesignMatrix
        var firthInference: FirthInference? = nil
        var robustCovariance: ClusterRobustCovariance? = nil
        do {
            design = try DesignMatrix(formula: parsed, data: modelData, weightsColumn: weights)
            let model = try GeneralizedLinearModel(design: design, family: family.family, link: link)
            if method == "firth" {
                fit = try model.fitFirth()
                if resolvedInterval == "profile" {
                    firthInference = try model.firthInference(fit, level: level)
                }
            } else {
                fit = try model.fit()
                if let cluster, let clusterLabels {
                    var labels: [String] = []
                    for row in design.rowsUsed {
                        guard let label = clusterLabels[row] else {
                            throw CommandFailure.badInput("\(table.source): data row \(row + 1), column \(cluster): the cluster is missing; every row the model uses needs a cluster.")
                        }
                        labels.append(label)
                    }
                    robustCovariance = try model.clusterRobust(
                        fit, clusters: labels,
                        type: ClusterRobustType(rawValue: robust ?? "CR2")!)
                }
            }
        } catch let error as ModelDataError {
            throw CommandFailure.badInput("\(table.source): \(error.description)")
        } catch let error as GLMError {
            switch error {
            case .didNotConverge, .noValidStep, .thetaUnbounded, .linearAlgebra:
                throw CommandFailure.computationFailed("\(table.source): \(error.description)")
            case .tooFewClusters:
                throw CommandFailure.badInput("\(table.source): \(error.description)")
            case .firthNeedsLogistic:
                throw CommandFailure.badUsage("--method firth: \(error.description)")
            default:
                throw CommandFailure.badInput("\(table.source): \(error.description)")
            }
        }
        let report = FitReport(fit: fit, design: design, formula: formula, level: level,
                               firthInference: firthInference, robustCovariance: robustCovariance,
                               clusterColumn: cluster)
        for warning in report.warnings { StandardStreams.writeError("qi: warning: \(warning)\n") }
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try FitJSONWriter.write(report, to: sink)
            case .csv: try FitCSVWriter.write(report, to: sink)
            case .table: try FitTableWriter.write(report, to: sink)
            }
        }
    }

    /// The interval method: profile penalised likelihood for Firth unless --ci wald, Wald
    /// otherwise.
    var resolvedInterval: String { ci ?? (method == "firth" ? "profile" : "wald") }

    /// Refuses, with exit 2, options and terms whose methods are not in this version.
    private func refuseUnavailable(_ parsed: Formula) throws {
        func unavailable(_ what: String) -> CommandFailure {
            .badUsage("\(what) is not yet available in this version of qi fit; it fits "
                      + "generalised linear models by maximum likelihood with Wald intervals.")
        }
        if !parsed.randomEffects.isEmpty { try refuseUnavailableMixedModel(parsed) }
        if method == "reml" {
            throw CommandFailure.badUsage("--method reml is for linear mixed models (--family gaussian with a random-effect term such as (1 | practice)); it is not available for this model.")
        }
        if method == "firth", family != .binomial {
            throw CommandFailure.badUsage("--method firth is penalised logistic regression: it needs --family binomial (the family is \(family.rawValue)).")
        }
        if cluster != nil, method == "firth" {
            throw CommandFailure.badUsage("--cluster is available with --method ml; Firth's method reports model-based errors.")
        }
        if cluster != nil, ci == "profile" {
            throw CommandFailure.badUsage("--cluster gives Wald-type intervals on Satterthwaite degrees of freedom; --ci profile does not apply.")
        }
        if method == "ml", ci == "profile" {
            throw unavailable("--ci profile with --method ml (profile intervals are available with --method firth)")
        }
        if nagq != nil, parsed.randomEffects.isEmpty {
            throw CommandFailure.badUsage("--nagq applies to mixed models: add a random intercept such as (1 | practice) to the formula.")
        }
    }

    /// Refuses, with exit 2, the mixed models this version does not fit: it fits one random
    /// intercept `(1 | g)` in a binomial (logit) or Poisson (log) model by maximum likelihood.
    private func refuseUnavailableMixedModel(_ parsed: Formula) throws {
        func unavailable(_ what: String) -> CommandFailure {
            .badUsage("\(what) is not yet available in this version of qi fit; it fits one "
                      + "random intercept (1 | group) in a binomial (logit) or poisson (log) model "
                      + "by maximum likelihood (Laplace, or adaptive quadrature with --nagq).")
        }
        let labels = parsed.randomEffects.map { $0.groupingLabels.joined(separator: ", ") }
            .joined(separator: "; ")
        if parsed.randomEffects.count > 1 {
            throw unavailable("more than one random-effect term (\(labels))")
        }
        let effect = parsed.randomEffects[0]
        if !effect.variables.isEmpty || !effect.hasIntercept {
            throw unavailable("a random slope (in the term for \(labels))")
        }
        if effect.groupings.count > 1 {
            throw unavailable("nested random intercepts (\(labels))")
        }
        if family == .negativeBinomial {
            throw unavailable("a \(family.rawValue) mixed model")
        }
        if let link, link != family.family.defaultLink {
            throw unavailable("a mixed model with the \(link.rawValue) link")
        }
        if method != "ml" { throw unavailable("--method \(method) for a mixed model") }
        if cluster != nil { throw unavailable("--cluster with a mixed model") }
        if ci == "profile" { throw unavailable("--ci profile for a mixed model") }
        if let nagq, nagq > 50 {
            throw CommandFailure.badUsage("--nagq must be between 1 and 50 (got \(nagq)).")
        }
    }

    /// Refuses, with exit 2, options that do not apply to a linear mixed model.
    private func refuseUnavailableLinearMixedModel(_ parsed: Formula) throws {
        if let link, link != .identity {
            throw CommandFailure.badUsage("a linear mixed model has the identity link; --link \(link.rawValue) with random effects is not yet available.")
        }
        if method == "firth" {
            throw CommandFailure.badUsage("--method firth is penalised logistic regression: it needs --family binomial (the family is gaussian).")
        }
        if nagq != nil {
            throw CommandFailure.badUsage("--nagq applies to binomial and poisson mixed models; a linear mixed model's likelihood is exact.")
        }
        if cluster != nil {
            throw CommandFailure.badUsage("--cluster with a linear mixed model is not yet available; the random effects already model the clustering.")
        }
        if ci == "profile" {
            throw CommandFailure.badUsage("--ci profile for a linear mixed model is not yet available; intervals are Wald.")
        }
        if weights != nil {
            throw CommandFailure.badUsage("--weights with a linear mixed model is not yet available.")
        }
    }

    /// Fits and writes a linear mixed model (options checked by
    /// ``refuseUnavailableLinearMixedModel(_:)``).
    private func runLinearMixedModel(_ parsed: Formula) throws {
        let table = try CSVReader.read(path: data)
        let modelData = try FitCommand.modelData(table, columns: parsed.columnNames)
        let fit: LMMFit
        let design: DesignMatrix
        do {
            design = try DesignMatrix(formula: parsed, data: modelData)
            fit = try LinearMixedModel(design: design,
                                       criterion: method == "ml" ? .maximumLikelihood : .reml).fit()
        } catch let error as ModelDataError {
            throw CommandFailure.badInput("\(table.source): \(error.description)")
        } catch let error as LMMError {
            switch error {
            case .didNotConverge, .linearAlgebra:
                throw CommandFailure.computationFailed("\(table.source): \(error.description)")
            case .noRandomEffects, .priorWeights:
                throw CommandFailure.badUsage(error.description)
            case .countsResponse, .aliasedColumns, .tooManyRandomEffects, .tooFewRows:
                throw CommandFailure.badInput("\(table.source): \(error.description)")
            }
        }
        let report = LinearMixedFitReport(fit: fit, design: design, formula: formula, level: level)
        for warning in report.warnings { StandardStreams.writeError("qi: warning: \(warning)\n") }
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try LinearMixedFitJSONWriter.write(report, to: sink)
            case .csv: try LinearMixedFitCSVWriter.write(report, to: sink)
            case .table: try LinearMixedFitTableWriter.write(report, to: sink)
            }
        }
    }

    /// Fits and writes a mixed model (random-effect term checked by
    /// ``refuseUnavailableMixedModel(_:)``).
    private func runMixedModel(_ parsed: Formula) throws {
        let table = try CSVReader.read(path: data)
        let modelData = try FitCommand.modelData(table, columns: parsed.columnNames + (weights.map { [$0] } ?? []))
        let fit: GLMMFit
        let design: DesignMatrix
        do {
            design = try DesignMatrix(formula: parsed, data: modelData, weightsColumn: weights)
            fit = try GeneralizedLinearMixedModel(design: design, family: family.family, link: link,
                                                  quadraturePoints: nagq ?? 1).fit()
        } catch let error as ModelDataError {
            throw CommandFailure.badInput("\(table.source): \(error.description)")
        } catch let error as GLMMError {
            switch error {
            case .didNotConverge:
                throw CommandFailure.computationFailed("\(table.source): \(error.description)")
            case .unsupportedRandomEffects, .unsupportedFamily, .invalidQuadraturePoints:
                throw CommandFailure.badUsage(error.description)
            case let .fixedEffects(inner):
                switch inner {
                case .didNotConverge, .noValidStep, .linearAlgebra:
                    throw CommandFailure.computationFailed("\(table.source): \(error.description)")
                default:
                    throw CommandFailure.badInput("\(table.source): \(error.description)")
                }
            case .aliasedColumns:
                throw CommandFailure.badInput("\(table.source): \(error.description)")
            }
        }
        let report = MixedFitReport(fit: fit, design: design, formula: formula, level: level)
        for warning in report.warnings { StandardStreams.writeError("qi: warning: \(warning)\n") }
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try MixedFitJSONWriter.write(report, to: sink)
            case .csv: try MixedFitCSVWriter.write(report, to: sink)
            case .table: try MixedFitTableWriter.write(report, to: sink)
            }
        }
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
    /// Profile penalised-likelihood inference of a Firth fit, when asked for.
    let firthInference: FirthInference?
    /// Cluster-robust errors with --cluster.
    let robustCovariance: ClusterRobustCovariance?
    let clusterColumn: String?
    /// The standard errors reported: cluster-robust with --cluster, model-based otherwise.
    let standardErrors: [Double?]

    init(fit: GLMFit, design: DesignMatrix, formula: String, level: Double,
         firthInference: FirthInference? = nil,
         robustCovariance: ClusterRobustCovariance? = nil, clusterColumn: String? = nil) {
        self.fit = fit
        self.formula = formula
        self.level = level
        self.firthInference = firthInference
        self.robustCovariance = robustCovariance
        self.clusterColumn = clusterColumn
        self.standardErrors = robustCovariance?.standardErrors ?? fit.standardErrors
        if let robustCovariance {
            self.intervals = robustCovariance.intervals(level: level)
            self.pValues = robustCovariance.pValues
            self.statistics = robustCovariance.statistics
        } else if let firthInference {
            self.intervals = firthInference.intervals
            self.pValues = firthInference.pValues
            self.statistics = firthInference.statistics
        } else {
            self.intervals = fit.waldIntervals(level: level)
            self.pValues = fit.pValues
            self.statistics = fit.statistics
        }
        var warnings: [String] = []
        if let separation = fit.separation, separation.isSeparated {
            let terms = separation.divergingTerms.map { "\($0.name) (\($0.direction.rawValue))" }
                .joined(separator: ", ")
            if fit.method == .firth {
                warnings.append("separation detected (Konis linear program): maximum likelihood "
                    + "estimates of \(terms) would be infinite; Firth's penalised estimates are "
                    + "finite. Prefer the profile penalised-likelihood intervals to Wald ones.")
            } else {
                warnings.append("SEPARATION: the maximum likelihood estimates of \(terms) are "
                    + "infinite (Konis linear program): some combination of predictors splits the "
                    + "0s from the 1s. Their estimates are reported as null; the other estimates are "
                    + "the limits approached as those terms grow. Use --method firth for finite "
                    + "estimates, or remove or merge the separating term.")
            }
        }
        if !fit.aliasedNames.isEmpty {
            warnings.append("rank deficient: \(fit.aliasedNames.joined(separator: ", ")) "
                + "\(fit.aliasedNames.count == 1 ? "is a linear combination" : "are linear combinations") "
                + "of earlier terms; dropped (coefficient null).")
        }
        if let dropped = Self.rowsDroppedWarning(design) { warnings.append(dropped) }
        self.warnings = warnings
    }

    /// The warning for rows dropped for missing values, nil when none was.
    static func rowsDroppedWarning(_ design: DesignMatrix) -> String? {
        guard design.rowsDropped > 0 else { return nil }
        return "\(design.rowsDropped) row\(design.rowsDropped == 1 ? "" : "s") with a "
            + "missing value in a model variable dropped; \(design.rowCount) used."
    }

    var standardErrorsName: String {
        robustCovariance.map { "cluster_robust_\($0.type.rawValue)" } ?? "fisher_at_estimate"
    }

    /// How the intervals were computed.
    var intervalMethod: String {
        if robustCovariance != nil { return "wald_t_satterthwaite" }
        return firthInference == nil ? "wald" : "profile_penalized_likelihood"
    }

    /// The statistic in `coefficients[].statistic`.
    var statisticName: String {
        if firthInference != nil { return "penalized_lr_chisq" }
        if robustCovariance != nil { return "t_satterthwaite" }
        return fit.usesTDistribution ? "t" : "z"
    }

    /// The direction of a diverging maximum likelihood estimate, or nil (always nil for
    /// Firth's finite estimates).
    func divergence(_ column: Int) -> String? {
        guard fit.method == .maximumLikelihood else { return nil }
        return fit.separation?.divergingTerms.first { $0.column == column }?.direction.rawValue
    }
}
