#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The study's facilitator analysis: which facilitators go with a quality-improvement
/// project's outcomes, with projects nested in practices.
///
/// For each outcome the model is outcome ~ control + payment + champion + coach_relationship
/// + small + cross_org (the facilitators are overridable), with `offset(log(exposure))` for a
/// count outcome when an exposure column is given. A 0/1 outcome gets a logistic model, a
/// count outcome (non-negative whole numbers) a Poisson model. ``fit(_:options:)`` runs, in
/// this order:
///
/// 1. the separation check (Konis's linear program) of a binary outcome;
/// 2. the primary model: maximum likelihood with CR2 cluster-robust errors by practice
///    (Bell-McCaffrey with Satterthwaite degrees of freedom; recommended with few clusters),
///    or, when the outcome is separated, Firth's penalised logistic regression with profile
///    penalised-likelihood intervals, whose estimates stay finite;
/// 3. sensitivity models: maximum likelihood with model-based (Fisher information) errors,
///    and for a binary outcome the method the primary model did not use (Firth when not
///    separated; maximum likelihood with CR2, diverging terms reported as infinite, when
///    separated).
///
/// The study's model has a random intercept per practice. The analysis does not yet use
/// QIKit's GLMM (``GeneralizedLinearMixedModel``, one random intercept), so none is fitted,
/// and the result says so in ``FacilitatorAnalysisResult/warnings``.
/// Meanwhile the maximum likelihood estimates are population-averaged (marginal) effects,
/// and the cluster-robust errors account for the correlation of projects in one practice.
/// With a logit link and a random intercept of standard deviation σ the marginal log odds
/// ratios are attenuated relative to the practice-specific ones by about
/// 1/√(1 + c²σ²), c = 16√3/(15π), c² ≈ 0.346 (Zeger, Liang & Albert 1988); with a log link
/// only the intercept differs (by σ²/2).
///
/// - Note: Zeger, Liang & Albert (1988), Biometrics 44(4), 1049–1060, doi:10.2307/2531734;
///   Bell & McCaffrey (2002), Survey Methodology 28(2), 169–181; Heinze & Schemper (2002),
///   Statistics in Medicine 21(16), 2409–2419, doi:10.1002/sim.1047.
public struct FacilitatorAnalysis: Sendable {
    /// The study's facilitators and project characteristics, in the model's term order.
    public static let defaultFactors = ["control", "payment", "champion", "coach_relationship",
                                        "small", "cross_org"]

    /// The outcome columns, one model each.
    public let outcomes: [String]
    /// The explanatory columns.
    public let factors: [String]
    /// The column naming each project's practice (the clusters).
    public let practiceColumn: String
    /// The exposure of a count outcome (e.g. months followed), used as `offset(log(exposure))`.
    public let exposureColumn: String?
    /// The confidence level of every interval.
    public let level: Double
    /// The cluster-robust correction of the maximum likelihood models.
    public let robustType: ClusterRobustType

    /// - Precondition: at least one outcome and one factor, and 0 < level < 1 (the command
    ///   line validates them).
    public init(outcomes: [String] = ["success"], factors: [String] = defaultFactors,
                practiceColumn: String = "practice", exposureColumn: String? = nil,
                level: Double = 0.95, robustType: ClusterRobustType = .cr2) {
        precondition(!outcomes.isEmpty && !factors.isEmpty, "an outcome and a factor are needed")
        precondition(level > 0 && level < 1, "the level lies strictly between 0 and 1")
        self.outcomes = outcomes
        self.factors = factors
        self.practiceColumn = practiceColumn
        self.exposureColumn = exposureColumn
        self.level = level
        self.robustType = robustType
    }

    /// The formula of one outcome's model, in R syntax.
    public func formula(outcome: String, kind: OutcomeKind) -> String {
        var text = Self.quoted(outcome) + " ~ " + factors.map(Self.quoted).joined(separator: " + ")
        if kind == .count, let exposureColumn {
            text += " + offset(log(\(Self.quoted(exposureColumn))))"
        }
        return text
    }

    /// Fits every outcome's models; see ``FacilitatorAnalysis``.
    ///
    /// - Parameter data: the outcome, factor, exposure and practice columns.
    /// - Throws: ``FacilitatorAnalysisError`` naming the outcome: an outcome that is neither
    ///   0/1 nor a count, a missing practice on a row a model uses, the data and model errors
    ///   of ``DesignMatrix`` and ``GeneralizedLinearModel`` (fewer than two practices, a
    ///   constant outcome, non-convergence of a primary model).
    /// - Complexity: per outcome, a few IRLS fits and the CR2 adjustment, O(n·p² + Σ n_g³),
    ///   plus about 2p × 30 constrained fits for Firth's profile intervals of a binary outcome.
    public func fit(_ data: ModelData,
                    options: GLMOptions = GLMOptions()) throws(FacilitatorAnalysisError)
        -> FacilitatorAnalysisResult {
        let practices = try practiceLabels(data)
        var analyses: [OutcomeAnalysis] = []
        for outcome in outcomes {
            analyses.append(try analyse(outcome, data: data, practices: practices, options: options))
        }
        let distinct = Set(practices.compactMap { $0 })
        return FacilitatorAnalysisResult(
            practiceColumn: practiceColumn, practiceCount: distinct.count, factors: factors,
            exposureColumn: exposureColumn, level: level, outcomes: analyses,
            warnings: [Self.randomInterceptNote(practiceColumn: practiceColumn,
                                                robustType: robustType)])
    }

    /// What the result says about the random intercept it did not fit.
    static func randomInterceptNote(practiceColumn: String, robustType: ClusterRobustType) -> String {
        "random intercept per \(practiceColumn) not fitted: qi factors does not yet use the "
            + "mixed model (fit it with qi fit \"... + (1 | \(practiceColumn))\" --nagq K, Laplace or "
            + "adaptive quadrature). Meanwhile the maximum likelihood estimates are population-averaged "
            + "(marginal) odds or rate ratios with \(robustType.rawValue) cluster-robust errors "
            + "by \(practiceColumn), which account for projects in one practice being alike. "
            + "Practice-specific log odds ratios from a random-intercept model are larger in "
            + "magnitude, by about sqrt(1 + 0.346 s^2) for a random-intercept SD s."
    }

    // MARK: - One outcome

    private func analyse(_ outcome: String, data: ModelData, practices: [String?],
                         options: GLMOptions) throws(FacilitatorAnalysisError) -> OutcomeAnalysis {
        let kind = try outcomeKind(outcome, data: data)
        let formulaText = formula(outcome: outcome, kind: kind)
        let design: DesignMatrix
        let model: GeneralizedLinearModel
        do {
            let parsed = try Formula(formulaText)
            design = try DesignMatrix(formula: parsed, data: data)
        } catch let error as ModelDataError {
            throw .data(outcome: outcome, error)
        } catch {
            throw .unusableColumnName(outcome: outcome, formula: formulaText,
                                      message: "\(error)")
        }
        do {
            model = try GeneralizedLinearModel(design: design,
                                               family: kind == .binary ? .binomial : .poisson)
        } catch {
            throw .model(outcome: outcome, error)
        }
        var clusters: [String] = []
        for row in design.rowsUsed {
            guard let practice = practices[row] else {
                throw .missingPractice(outcome: outcome, row: row + 1, column: practiceColumn)
            }
            clusters.append(practice)
        }
        var warnings: [String] = []
        if design.rowsDropped > 0 {
            warnings.append("\(outcome): \(design.rowsDropped) row\(design.rowsDropped == 1 ? "" : "s") "
                + "with a missing value in the outcome, a factor or the exposure dropped; "
                + "\(design.rowCount) used.")
        }
        do {
            let maximumLikelihood = try model.fit(options: options)
            let robust = try model.clusterRobust(maximumLikelihood, clusters: clusters,
                                                 type: robustType)
            let robustModel = FacilitatorModel(fit: maximumLikelihood, role: .primary,
                                               robust: robust, level: level)
            if !maximumLikelihood.aliasedNames.isEmpty {
                warnings.append("\(outcome): \(maximumLikelihood.aliasedNames.joined(separator: ", ")) "
                    + "aliased with earlier terms (a linear combination of them); coefficient null.")
            }
            guard kind == .binary else {
                return OutcomeAnalysis(
                    outcome: outcome, kind: kind, formula: formulaText, separation: nil,
                    rowCount: design.rowCount, rowsDropped: design.rowsDropped,
                    practiceCount: robust.clusterCount,
                    models: [robustModel,
                             FacilitatorModel(fit: maximumLikelihood, role: .sensitivity,
                                              level: level)],
                    warnings: warnings)
            }
            let separation = maximumLikelihood.separation
            if let separation, separation.isSeparated {
                let terms = separation.divergingTerms
                    .map { "\($0.name) (\($0.direction.rawValue))" }.joined(separator: ", ")
                warnings.append("\(outcome): separation detected (Konis linear program): the "
                    + "maximum likelihood estimates of \(terms) are infinite, so the primary "
                    + "model is Firth's penalised logistic regression (finite estimates, profile "
                    + "penalised-likelihood intervals). Its errors are model-based and do not "
                    + "account for clustering by \(practiceColumn); the maximum likelihood rows "
                    + "show the diverging terms as infinite.")
                let firth = try model.fitFirth(options: options)
                let inference = try model.firthInference(firth, level: level, options: options)
                return OutcomeAnalysis(
                    outcome: outcome, kind: kind, formula: formulaText, separation: separation,
                    rowCount: design.rowCount, rowsDropped: design.rowsDropped,
                    practiceCount: robust.clusterCount,
                    models: [FacilitatorModel(fit: firth, role: .primary,
                                              firthInference: inference, level: level),
                             robustModel.asSensitivity,
                             FacilitatorModel(fit: maximumLikelihood, role: .sensitivity,
                                              level: level)],
                    warnings: warnings)
            }
            var models = [robustModel,
                          FacilitatorModel(fit: maximumLikelihood, role: .sensitivity,
                                           level: level)]
            do {
                let firth = try model.fitFirth(options: options)
                let inference = try model.firthInference(firth, level: level, options: options)
                models.append(FacilitatorModel(fit: firth, role: .sensitivity,
                                               firthInference: inference, level: level))
            } catch {
                warnings.append("\(outcome): the Firth sensitivity model could not be completed "
                    + "(\(error.description)); it is left out.")
            }
            return OutcomeAnalysis(
                outcome: outcome, kind: kind, formula: formulaText, separation: separation,
                rowCount: design.rowCount, rowsDropped: design.rowsDropped,
                practiceCount: robust.clusterCount, models: models, warnings: warnings)
        } catch {
            throw .model(outcome: outcome, error)
        }
    }

    /// 0/1 values make a binary outcome; non-negative whole numbers a count.
    private func outcomeKind(_ outcome: String,
                             data: ModelData) throws(FacilitatorAnalysisError) -> OutcomeKind {
        let column: ModelData.Column
        do {
            column = try data.column(outcome)
        } catch {
            throw .data(outcome: outcome, error)
        }
        guard case let .numeric(values) = column else {
            throw .outcomeNotNumeric(outcome: outcome)
        }
        var binary = true
        for (row, value) in values.enumerated() {
            guard let value else { continue }
            guard value >= 0, value == value.rounded() else {
                throw .outcomeNotBinaryOrCount(outcome: outcome, row: row + 1, value: value)
            }
            if value > 1 { binary = false }
        }
        return binary ? .binary : .count
    }

    /// The practice of every row, as text (numbers written as R writes them); nil where missing.
    private func practiceLabels(_ data: ModelData) throws(FacilitatorAnalysisError) -> [String?] {
        let column: ModelData.Column
        do {
            column = try data.column(practiceColumn)
        } catch {
            throw .data(outcome: nil, error)
        }
        switch column {
        case let .text(values): return values
        case let .numeric(values): return values.map { $0.map(RNumberText.text) }
        }
    }

    /// A column name as a formula reads it: bare when R would write it bare, else in backticks.
    static func quoted(_ name: String) -> String {
        FormulaExpression.name(name, position: 0).deparsed
    }
}

/// Whether an outcome is a 0/1 indicator (a logistic model) or a count (a Poisson model).
public enum OutcomeKind: String, Sendable, Equatable {
    case binary
    case count
}
