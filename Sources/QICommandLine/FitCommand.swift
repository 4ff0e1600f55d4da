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
/// or cluster-robust inference, and binomial (logit) or Poisson (log) mixed models (random
/// intercepts and slopes, crossed and nested) by the Laplace approximation, one random
/// intercept `(1 | g)` also by adaptive quadrature (`--nagq`), and
/// gaussian linear mixed models (random intercepts and slopes, crossed and nested grouping
/// factors) by REML (the default) or ML. Options of the interface whose methods have not
/// landed (adaptive quadrature beyond one random intercept, `--ci profile` for mixed models)
/// are refused with exit 2 and say so, rather than silently fitting another model.
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
            full log-likelihood at every K; several terms, (1 | a) + (1 | b) or (1 | g1/g2), and \
            random slopes (x | g) by the Laplace approximation. A gaussian model with \
            random-effect terms, such as \
            y ~ x + (x | g), (1 | a) + (1 | b) or (1 | g1/g2), is a linear mixed model fitted as \
            lme4's lmer fits it, by REML (the default) or --method ml. Rows with a missing value \
            in a variable the model uses are dropped and counted (--na fail refuses them instead, \
            naming the first missing cell).
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

    @Option(help: "wald (the default for ml) or profile (profile likelihood as R's confint: gaussian deviance over the dispersion, negative binomial at fixed theta; the default for firth: profile penalised likelihood).")
    var ci: String?

    @Option(help: "Confidence level of the intervals, between 0 and 1.")
    var level: Double = 0.95

    @Flag(help: "Add average marginal effects on the mean (dy/dx averaged over the rows) and, for 0/1 columns, average discrete changes (0 to 1), with delta-method standard errors.")
    var margins = false

    @Option(help: "A reduced formula nested in --formula (same response, a subset of its terms): adds the likelihood-ratio test of the reduced model against the full one.")
    var compare: String?

    @Option(help: "Missing values in a model column: drop (default: drop the rows and report the count) or fail (exit 1 naming the first missing cell).")
    var na: MissingValueAction = .drop

    @OptionGroup var outputOptions: OutputOptions

    /// Every column the model reads: the formula's, the weights and the clusters.
    func modelColumns(_ parsed: Formula) -> [String] {
        parsed.columnNames + (weights.map { [$0] } ?? []) + (cluster.map { [$0] } ?? [])
    }

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
        try na.check(table, columns: modelColumns(parsed))
        let modelData = try FitCommand.modelData(table, columns: parsed.columnNames + (weights.map { [$0] } ?? []))
        let clusterLabels = try cluster.map { name in try table.texts(name) }
        let fit: GLMFit
        let design: DesignMatrix
        var firthInference: FirthInference? = nil
        var robustCovariance: ClusterRobustCovariance? = nil
        var profileIntervals: [(lower: Double, upper: Double)?]? = nil
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
                if resolvedInterval == "profile" {
                    if let separation = fit.separation, separation.isSeparated {
                        throw CommandFailure.badUsage("--ci profile: the data are separated (\(fit.divergingNames.joined(separator: ", ")) diverge), so maximum likelihood profile intervals are half-infinite; use --method firth for profile penalised-likelihood intervals.")
                    }
                    profileIntervals = try model.profileLikelihoodIntervals(fit, level: level)
                }
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
        var report = FitReport(fit: fit, design: design, formula: formula, level: level,
                               firthInference: firthInference, robustCovariance: robustCovariance,
                               clusterColumn: cluster, profileIntervals: profileIntervals)
        if margins {
            report.marginalEffects = fit.averageMarginalEffects(
                design: design, covariance: robustCovariance?.covariance, level: level)
            report.discreteChanges = fit.averageDiscreteChanges(
                design: design, covariance: robustCovariance?.covariance, level: level)
        }
        if let compare {
            let comparison = try likelihoodRatioTest(reducedFormula: compare, full: fit,
                                                     design: design, table: table)
            report.comparison = comparison
            if comparison.reducedSeparated || (fit.separation?.isSeparated ?? false) {
                report.warnings.append("--compare: a model of the likelihood-ratio test is "
                    + "separated, so its maximum likelihood is a supremum approached as estimates "
                    + "diverge; the chi-square approximation is doubtful.")
            }
        }
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
        if compare != nil, method == "firth" {
            throw CommandFailure.badUsage("--compare gives the maximum likelihood ratio test; with --method firth the penalised tests are reported per coefficient.")
        }
        if nagq != nil, parsed.randomEffects.isEmpty {
            throw CommandFailure.badUsage("--nagq applies to mixed models: add a random intercept such as (1 | practice) to the formula.")
        }
    }

    /// Refuses, with exit 2, the mixed models this version does not fit: it fits random
    /// intercepts and slopes, crossed or nested, in a binomial (logit) or Poisson (log) model
    /// by maximum likelihood (adaptive quadrature for one random intercept only).
    private func refuseUnavailableMixedModel(_ parsed: Formula) throws {
        func unavailable(_ what: String) -> CommandFailure {
            .badUsage("\(what) is not yet available in this version of qi fit; it fits "
                      + "random intercepts and slopes, crossed or nested, in a binomial (logit) or "
                      + "poisson (log) model by maximum likelihood (Laplace, or adaptive quadrature "
                      + "with --nagq for one random intercept).")
        }
        let groupings = parsed.randomEffects.flatMap(\.groupingLabels)
        let slopes = parsed.randomEffects.contains { !$0.variables.isEmpty || !$0.hasIntercept }
        if groupings.count > 1 || slopes, let nagq, nagq > 1 {
            let what = groupings.count > 1
                ? "the model has \(groupings.count) random-effect terms (\(groupings.joined(separator: ", ")))"
                : "the model has a random slope"
            throw CommandFailure.badUsage("--nagq \(nagq) (adaptive Gauss-Hermite quadrature) needs a single random intercept; \(what). Use --nagq 1 (the Laplace approximation), as lme4's glmer requires too.")
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
        if margins { throw unavailable("--margins (average marginal effects) for a mixed model") }
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
        if margins {
            throw CommandFailure.badUsage("--margins (average marginal effects) for a linear mixed model is not yet available; the fixed effects are already the average change in the mean per unit.")
        }
    }

    /// Fits and writes a linear mixed model (options checked by
    /// ``refuseUnavailableLinearMixedModel(_:)``).
    private func runLinearMixedModel(_ parsed: Formula) throws {
        let table = try CSVReader.read(path: data)
        try na.check(table, columns: modelColumns(parsed))
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
        var report = LinearMixedFitReport(fit: fit, design: design, formula: formula, level: level)
        if let compare {
            report.comparison = try likelihoodRatioTest(reducedFormula: compare, full: fit,
                                                        design: design, fullFormula: parsed,
                                                        table: table)
            if fit.criterion == .reml {
                report.warnings.append("--compare: both models were refitted by maximum likelihood for the likelihood-ratio test, as lme4's anova does (REML criteria of models with different fixed effects are not comparable); the estimates above are REML.")
            }
        }
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
        try na.check(table, columns: modelColumns(parsed))
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
        var report = MixedFitReport(fit: fit, design: design, formula: formula, level: level)
        if let compare {
            report.comparison = try likelihoodRatioTest(reducedFormula: compare, full: fit,
                                                        design: design, fullFormula: parsed,
                                                        table: table)
        }
        for warning in report.warnings { StandardStreams.writeError("qi: warning: \(warning)\n") }
        try outputOptions.emit { sink in
            switch outputOptions.resolvedFormat {
            case .json: try MixedFitJSONWriter.write(report, to: sink)
            case .csv: try MixedFitCSVWriter.write(report, to: sink)
            case .table: try MixedFitTableWriter.write(report, to: sink)
            }
        }
    }

    /// The likelihood-ratio test of `--compare`'s reduced model against the full GLM fit.
    private func likelihoodRatioTest(reducedFormula: String, full: GLMFit, design: DesignMatrix,
                                     table: CSVTable) throws -> ModelComparison {
        try comparison(reducedFormula, full: design, fullFormula: nil, table: table,
                       fitReduced: { try GeneralizedLinearModel(design: $0, family: family.family, link: link).fit() },
                       test: { try LikelihoodRatioTest(full: full, reduced: $0) },
                       reducedSeparated: { $0.separation?.isSeparated ?? false })
    }

    /// The likelihood-ratio test of `--compare`'s reduced mixed model (the same random-effect
    /// terms, fewer fixed effects) against the full one, both with the same quadrature.
    private func likelihoodRatioTest(reducedFormula: String, full: GLMMFit, design: DesignMatrix,
                                     fullFormula: Formula, table: CSVTable) throws -> ModelComparison {
        try comparison(reducedFormula, full: design, fullFormula: fullFormula, table: table,
                       fitReduced: {
                           try GeneralizedLinearMixedModel(design: $0, family: family.family, link: link,
                                                           quadraturePoints: nagq ?? 1).fit()
                       },
                       test: { try LikelihoodRatioTest(full: full, reduced: $0) })
    }

    /// The likelihood-ratio test of `--compare`'s reduced linear mixed model (the same
    /// random-effect terms, fewer fixed effects) against the full one, both fitted by maximum
    /// likelihood (the full one refitted when it was fitted by REML).
    private func likelihoodRatioTest(reducedFormula: String, full: LMMFit, design: DesignMatrix,
                                     fullFormula: Formula, table: CSVTable) throws -> ModelComparison {
        let fullML: LMMFit
        do {
            fullML = full.criterion == .maximumLikelihood ? full
                : try LinearMixedModel(design: design, criterion: .maximumLikelihood).fit()
        } catch {
            throw CommandFailure.computationFailed("\(table.source): --compare: the full model refitted by maximum likelihood: \(error.description)")
        }
        return try comparison(reducedFormula, full: design, fullFormula: fullFormula, table: table,
                              fitReduced: { try LinearMixedModel(design: $0, criterion: .maximumLikelihood).fit() },
                              test: { try LikelihoodRatioTest(full: fullML, reduced: $0) })
    }

    /// Fits `--compare`'s reduced formula on the full model's rows (``nestedDesign(_:full:fullFormula:table:)``)
    /// with `fitReduced` and tests it against the full model with `test`: a reduced fit that
    /// fails is exit 3, models that cannot be compared exit 2.
    private func comparison<Fit>(_ reducedFormula: String, full design: DesignMatrix, fullFormula: Formula?,
                                 table: CSVTable, fitReduced: (DesignMatrix) throws -> Fit,
                                 test: (Fit) throws -> LikelihoodRatioTest,
                                 reducedSeparated: (Fit) -> Bool = { _ in false }) throws -> ModelComparison {
        let reducedDesign = try nestedDesign(reducedFormula, full: design, fullFormula: fullFormula,
                                             table: table)
        let reduced: Fit
        do {
            reduced = try fitReduced(reducedDesign)
        } catch {
            throw CommandFailure.computationFailed("\(table.source): --compare: the reduced model: \(error)")
        }
        do {
            return ModelComparison(reducedFormula: reducedFormula, test: try test(reduced),
                                   reducedSeparated: reducedSeparated(reduced))
        } catch {
            throw CommandFailure.badUsage("--compare: \(error)")
        }
    }

    /// The design of `--compare`'s reduced formula on the full model's rows, refused (exit 2)
    /// when it is not nested in the full model: another response, a fixed-effect column the
    /// full model lacks, other random effects than the full model's (`fullFormula`, nil for a
    /// GLM: none), different rows or offset.
    private func nestedDesign(_ reducedFormula: String, full design: DesignMatrix,
                              fullFormula: Formula?, table: CSVTable) throws -> DesignMatrix {
        let parsed: Formula
        do {
            parsed = try Formula(reducedFormula)
        } catch {
            let message = "--compare: \(error.description)"
            throw error.isUnknownName ? CommandFailure.badInput(message) : CommandFailure.badUsage(message)
        }
        func notNested(_ reason: String) -> CommandFailure {
            .badUsage("--compare: " + LikelihoodRatioTestError.notNested(reason: reason).description)
        }
        // A random-effect term as written, without its position in the formula.
        let terms = { (formula: Formula) in
            formula.randomEffects.map { term in
                [term.hasIntercept ? "1" : "0", term.isUncorrelated ? "||" : "|"]
                    + term.variables.map(\.deparsed) + ["|"] + term.groupingLabels
            }
        }
        if let fullFormula {
            guard terms(parsed) == terms(fullFormula) else {
                throw notNested("the reduced formula needs the full model's random-effect terms unchanged (\(fullFormula.randomEffects.count) of them, grouped by \(fullFormula.randomEffects.flatMap(\.groupingLabels).joined(separator: ", "))); only fixed effects can be tested")
            }
        } else if !parsed.randomEffects.isEmpty {
            throw notNested("the reduced formula has a random effect and the full model none")
        }
        let columns = parsed.columnNames + (weights.map { [$0] } ?? [])
        let all = try FitCommand.modelData(table, columns: columns)
        let subset = ModelData(columns: all.columnOrder.map { name in
            switch all.columns[name]! {
            case let .numeric(values): (name, .numeric(design.rowsUsed.map { values[$0] }))
            case let .text(values): (name, .text(design.rowsUsed.map { values[$0] }))
            }
        })
        let reducedDesign: DesignMatrix
        do {
            reducedDesign = try DesignMatrix(formula: parsed, data: subset, weightsColumn: weights)
        } catch {
            throw CommandFailure.badInput("\(table.source): --compare: \(error.description)")
        }
        guard reducedDesign.responseLabel == design.responseLabel else {
            throw notNested("the response is \(reducedDesign.responseLabel), not \(design.responseLabel)")
        }
        if let extra = reducedDesign.columnNames.first(where: { !design.columnNames.contains($0) }) {
            throw notNested("\(extra) is not a term of the full model")
        }
        guard reducedDesign.rowCount == design.rowCount else {
            throw notNested("the reduced model uses \(reducedDesign.rowCount) rows, the full model \(design.rowCount)")
        }
        guard reducedDesign.offset == design.offset else {
            throw notNested("the offsets differ")
        }
        return reducedDesign
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

/// A likelihood-ratio test of `--compare`'s reduced model against the fitted one.
struct ModelComparison {
    let reducedFormula: String
    let test: LikelihoodRatioTest
    /// Whether either model's maximum likelihood estimates diverge (the test then compares
    /// suprema approached, not attained).
    let reducedSeparated: Bool
}

/// What `qi fit` reports: the fit with its inference at the chosen level and the warnings.
struct FitReport {
    /// The likelihood-ratio test of `--compare`, when asked for.
    var comparison: ModelComparison?
    /// The average marginal effects of `--margins`, when asked for.
    var marginalEffects: [AverageMarginalEffect]?
    /// The average discrete changes of the 0/1 columns, with `--margins`.
    var discreteChanges: [AverageMarginalEffect]?
    let fit: GLMFit
    let formula: String
    let level: Double
    let intervals: [(lower: Double, upper: Double)?]
    let pValues: [Double?]
    let statistics: [Double?]
    var warnings: [String]
    /// Profile penalised-likelihood inference of a Firth fit, when asked for.
    let firthInference: FirthInference?
    /// Cluster-robust errors with --cluster.
    let robustCovariance: ClusterRobustCovariance?
    let clusterColumn: String?
    /// The standard errors reported: cluster-robust with --cluster, model-based otherwise.
    let standardErrors: [Double?]

    /// Profile likelihood intervals of a maximum likelihood fit (`--ci profile`).
    let profileIntervals: [(lower: Double, upper: Double)?]?

    init(fit: GLMFit, design: DesignMatrix, formula: String, level: Double,
         firthInference: FirthInference? = nil,
         robustCovariance: ClusterRobustCovariance? = nil, clusterColumn: String? = nil,
         profileIntervals: [(lower: Double, upper: Double)?]? = nil) {
        self.fit = fit
        self.profileIntervals = profileIntervals
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
            self.intervals = profileIntervals ?? fit.waldIntervals(level: level)
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
        if profileIntervals != nil, fit.family.estimatesDispersion {
            warnings.append("--ci profile for the gaussian family follows R's confint: the "
                + "change in deviance over the estimated dispersion against the normal quantile, "
                + "which ignores the uncertainty in the dispersion. With the identity link this is "
                + "estimate +- z se, narrower than the exact t interval that --ci wald gives.")
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
        if profileIntervals != nil { return "profile_likelihood" }
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
