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
/// 2. the primary model: when the outcome is not separated, the mixed model with a random
///    intercept per practice (``GeneralizedLinearMixedModel``): logit P(y = 1 | b) or
///    log E[y | b] = xᵀβ + o + b_practice, b ~ N(0, σ²), by maximum likelihood with adaptive
///    Gauss-Hermite quadrature (9 nodes) when practices are small, the Laplace approximation
///    otherwise (``quadratureRule(medianPracticeSize:)``); its β are practice-specific
///    (conditional) effects. When the outcome is separated, Firth's penalised logistic
///    regression with profile penalised-likelihood intervals, whose estimates stay finite; it
///    has no random intercept (none is available for a penalised fit here), and says so;
/// 3. sensitivity models: maximum likelihood with CR2 cluster-robust errors by practice
///    (Bell-McCaffrey with Satterthwaite degrees of freedom; population-averaged effects),
///    maximum likelihood with model-based (Fisher information) errors, and for a binary
///    outcome Firth's method when it is not the primary model.
///
/// The GLMM's log odds ratios are practice-specific; the GLM's are population-averaged and
/// smaller in magnitude by about 1/√(1 + c²σ²), c = 16√3/(15π), c² ≈ 0.346 (Zeger, Liang &
/// Albert 1988); with a log link only the intercept differs (by σ²/2). So the ML + CR2 row
/// is a check on the clustering, not on the same numbers.
///
/// - Note: Zeger, Liang & Albert (1988), Biometrics 44(4), 1049–1060, doi:10.2307/2531734;
///   Bell & McCaffrey (2002), Survey Methodology 28(2), 169–181; Heinze & Schemper (2002),
///   Statistics in Medicine 21(16), 2409–2419, doi:10.1002/sim.1047; Pinheiro & Bates (1995),
///   J Comput Graph Stat 4(1), 12–35, doi:10.1080/10618600.1995.10474663.
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
    /// Quadrature points of the mixed models; nil applies ``quadratureRule(medianPracticeSize:)``.
    public let quadraturePoints: Int?

    /// - Precondition: at least one outcome and one factor, and 0 < level < 1 (the command
    ///   line validates them).
    public init(outcomes: [String] = ["success"], factors: [String] = defaultFactors,
                practiceColumn: String = "practice", exposureColumn: String? = nil,
                level: Double = 0.95, robustType: ClusterRobustType = .cr2,
                quadraturePoints: Int? = nil) {
        precondition(!outcomes.isEmpty && !factors.isEmpty, "an outcome and a factor are needed")
        precondition(level > 0 && level < 1, "the level lies strictly between 0 and 1")
        precondition(quadraturePoints.map { (1...50).contains($0) } ?? true, "1 to 50 nodes")
        self.quadraturePoints = quadraturePoints
        self.outcomes = outcomes
        self.factors = factors
        self.practiceColumn = practiceColumn
        self.exposureColumn = exposureColumn
        self.level = level
        self.robustType = robustType
    }

    /// The practice size below which the mixed models use quadrature rather than Laplace.
    public static let smallPracticeSize = 10.0
    /// The quadrature nodes used for small practices.
    public static let smallPracticeQuadraturePoints = 9

    /// The number of adaptive Gauss-Hermite nodes for a random intercept per practice:
    /// 9 when the median practice has fewer than 10 rows in the model, else 1 (Laplace).
    ///
    /// The Laplace approximation's error in a group's log-likelihood shrinks as 1/n_g with
    /// the group's size n_g (Tierney & Kadane 1986; Shun & McCullagh 1995), and is worst for
    /// binary outcomes, where it underestimates the random-intercept SD (Breslow & Lin 1995,
    /// Biometrika 82:81; Joe 2008, Comput Stat Data Anal 52:5066). With a single random
    /// intercept adaptive quadrature costs K times the Laplace evaluation, so it is cheap for
    /// study-sized data; 9 nodes integrate the normalised integrand's polynomial part to
    /// degree 17. On the bundled projects data (median 5 projects per practice) K = 9 and
    /// K = 25 agree to 1e-5 in every estimate while Laplace moves σ̂ of `success` by 7% (0.386
    /// against 0.414; `projects_glmm_reference.R`). At 10 rows or more per practice the
    /// Laplace error is small beside the sampling error and K = 1 keeps large data fast.
    public static func quadratureRule(medianPracticeSize: Double) -> Int {
        medianPracticeSize < smallPracticeSize ? smallPracticeQuadraturePoints : 1
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
    ///   of ``DesignMatrix``, ``GeneralizedLinearModel`` and ``GeneralizedLinearMixedModel``
    ///   (fewer than two practices, a constant outcome, non-convergence of a primary model).
    /// - Complexity: per outcome, the mixed model (O(n·K) per log-likelihood evaluation, O(p²)
    ///   evaluations per Newton iteration), a few IRLS fits and the CR2 adjustment,
    ///   O(n·p² + Σ n_g³), plus about 2p × 30 constrained fits for Firth's profile intervals
    ///   of a binary outcome.
    public func fit(_ data: ModelData, options: GLMOptions = GLMOptions(),
                    mixedOptions: GLMMOptions = GLMMOptions()) throws(FacilitatorAnalysisError)
        -> FacilitatorAnalysisResult {
        let practices = try practiceLabels(data)
        var analyses: [OutcomeAnalysis] = []
        for outcome in outcomes {
            analyses.append(try analyse(outcome, data: data, practices: practices, options: options,
                                        mixedOptions: mixedOptions))
        }
        let distinct = Set(practices.compactMap { $0 })
        return FacilitatorAnalysisResult(
            practiceColumn: practiceColumn, practiceCount: distinct.count, factors: factors,
            exposureColumn: exposureColumn, level: level, outcomes: analyses, warnings: [])
    }

    // MARK: - One outcome

    private func analyse(_ outcome: String, data: ModelData, practices: [String?],
                         options: GLMOptions,
                         mixedOptions: GLMMOptions) throws(FacilitatorAnalysisError) -> OutcomeAnalysis {
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
        let medianSize = Self.median(Dictionary(clusters.map { ($0, 1) }, uniquingKeysWith: +)
            .values.map(Double.init))
        var warnings: [String] = []
        if design.rowsDropped > 0 {
            warnings.append("\(outcome): \(design.rowsDropped) row\(design.rowsDropped == 1 ? "" : "s") "
                + "with a missing value in the outcome, a factor or the exposure dropped; "
                + "\(design.rowCount) used.")
        }
        let maximumLikelihood: GLMFit
        let robustModel: FacilitatorModel
        do {
            maximumLikelihood = try model.fit(options: options)
            let robust = try model.clusterRobust(maximumLikelihood, clusters: clusters,
                                                 type: robustType)
            robustModel = FacilitatorModel(fit: maximumLikelihood, role: .sensitivity,
                                           robust: robust, level: level)
        } catch {
            throw .model(outcome: outcome, error)
        }
        let modelBased = FacilitatorModel(fit: maximumLikelihood, role: .sensitivity, level: level)
        func analysis(_ models: [FacilitatorModel], omission: String?) -> OutcomeAnalysis {
            OutcomeAnalysis(
                outcome: outcome, kind: kind, formula: formulaText,
                separation: maximumLikelihood.separation, rowCount: design.rowCount,
                rowsDropped: design.rowsDropped,
                practiceCount: robustModel.robustCovariance?.clusterCount ?? 0, models: models,
                warnings: warnings, medianPracticeSize: medianSize,
                randomInterceptOmission: omission)
        }
        if !maximumLikelihood.aliasedNames.isEmpty {
            let names = maximumLikelihood.aliasedNames.joined(separator: ", ")
            warnings.append("\(outcome): \(names) aliased with earlier terms (a linear "
                + "combination of them); coefficient null. The mixed model needs a full-rank "
                + "design, so the primary model is maximum likelihood with "
                + "\(robustType.rawValue) errors by \(practiceColumn), without a random "
                + "intercept; remove \(names) to fit it.")
            return analysis([robustModel.asPrimary, modelBased],
                            omission: "aliased terms: \(names)")
        }
        if let separation = maximumLikelihood.separation, separation.isSeparated {
            let terms = separation.divergingTerms
                .map { "\($0.name) (\($0.direction.rawValue))" }.joined(separator: ", ")
            warnings.append("\(outcome): separation detected (Konis linear program): the "
                + "maximum likelihood estimates of \(terms) are infinite, so the primary "
                + "model is Firth's penalised logistic regression (finite estimates, profile "
                + "penalised-likelihood intervals), WITHOUT the random intercept per "
                + "\(practiceColumn): its errors are model-based and do not account for "
                + "clustering by \(practiceColumn); the ML + \(robustType.rawValue) rows do, "
                + "and show the diverging terms as infinite.")
            do {
                let firth = try model.fitFirth(options: options)
                let inference = try model.firthInference(firth, level: level, options: options)
                return analysis([FacilitatorModel(fit: firth, role: .primary,
                                                  firthInference: inference, level: level),
                                 robustModel, modelBased],
                                omission: "separation in \(terms)")
            } catch {
                throw .model(outcome: outcome, error)
            }
        }
        let mixed = try mixedModel(outcome, kind: kind, data: data, medianPracticeSize: medianSize,
                                   options: mixedOptions)
        if mixed.isSingular {
            warnings.append("\(outcome): the random-intercept SD per \(practiceColumn) is "
                + "estimated at the boundary, 0 (singular fit; derivative "
                + "\(RNumberText.text(mixed.gradient[0])) there): the data show no variation "
                + "between practices beyond chance, so the mixed model equals the GLM and the "
                + "ML + \(robustType.rawValue) row is the check on clustering.")
        }
        var models = [FacilitatorModel(mixed: mixed, role: .primary, level: level), robustModel,
                      modelBased]
        if kind == .binary {
            do {
                let firth = try model.fitFirth(options: options)
                let inference = try model.firthInference(firth, level: level, options: options)
                models.append(FacilitatorModel(fit: firth, role: .sensitivity,
                                               firthInference: inference, level: level))
            } catch {
                warnings.append("\(outcome): the Firth sensitivity model could not be completed "
                    + "(\(error.description)); it is left out.")
            }
        }
        return analysis(models, omission: nil)
    }

    /// The outcome's model with a random intercept per practice, by adaptive quadrature for
    /// small practices (``quadratureRule(medianPracticeSize:)``) unless K was given.
    private func mixedModel(_ outcome: String, kind: OutcomeKind, data: ModelData,
                            medianPracticeSize: Double,
                            options: GLMMOptions) throws(FacilitatorAnalysisError) -> GLMMFit {
        let text = formula(outcome: outcome, kind: kind) + " + (1 | \(Self.quoted(practiceColumn)))"
        let design: DesignMatrix
        do {
            design = try DesignMatrix(formula: try Formula(text), data: data)
        } catch let error as ModelDataError {
            throw .data(outcome: outcome, error)
        } catch {
            throw .unusableColumnName(outcome: outcome, formula: text, message: "\(error)")
        }
        let points = quadraturePoints ?? Self.quadratureRule(medianPracticeSize: medianPracticeSize)
        do {
            return try GeneralizedLinearMixedModel(
                design: design, family: kind == .binary ? .binomial : .poisson,
                quadraturePoints: points).fit(options: options)
        } catch {
            throw .mixedModel(outcome: outcome, error)
        }
    }

    /// The median of a non-empty list.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
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
