import Foundation
import QIData
import QIRegression
import Testing

/// The facilitator analysis on the bundled projects data (datasets/projects.csv) and the
/// separated example, against the truth of the generator
/// (notebooks/reference/regression/make_projects.py -> output/projects_truth.json) and against
/// R (projects_reference.R -> output/projects_cases.json: glm, clubSandwich 0.5.8 CR2,
/// brglm2 0.9, logistf 1.26.1; projects_glmm_reference.R -> output/projects_glmm_cases.json:
/// lme4 1.1-31 glmer).
@Suite("Facilitator analysis")
struct FacilitatorAnalysisTests {
    static let outcomes = ["success", "sustained_12m", "improvements"]

    /// One run shared by the tests: Firth's profile intervals make a run take seconds in a
    /// debug build.
    static let projects: Result<FacilitatorAnalysisResult, any Error> = Result {
        try FacilitatorAnalysis(outcomes: outcomes, exposureColumn: "months_followed")
            .fit(try RegressionReference.dataset("projects.csv"))
    }

    static let separated: Result<FacilitatorAnalysisResult, any Error> = Result {
        try FacilitatorAnalysis().fit(try RegressionReference.data("projects_separated"))
    }

    static func referenceCase(_ name: String) throws -> [String: Any] {
        let cases = try RegressionReference.json("projects_cases")["cases"] as! [[String: Any]]
        return try #require(cases.first { $0["name"] as? String == name })
    }

    /// How many of the 21 true coefficients (three outcomes x seven terms) may lie outside their
    /// 95% intervals: 4. Fixed from the binomial tail, not from the fits: if every interval
    /// covers with probability 0.95 independently, the misses X ~ Binomial(21, 0.05) have
    /// mean 1.05 and P(X >= 5) = 0.0032 (R pbinom), so a fifth miss is evidence of intervals too narrow
    /// or a wrong truth (misses within one outcome are positively correlated, which makes a
    /// bound from independence slightly lenient). The threshold is stated before this
    /// session's GLMM intervals were compared with the truth; the previous session's GLM
    /// intervals missed 4 times, so the data set's draw is known to be unkind.
    static let allowedMisses = 4

    /// The true coefficients outside their 95% intervals, as "outcome term" texts.
    static func misses(_ result: FacilitatorAnalysisResult, truth: [String: [String: Double]],
                       model choose: (OutcomeAnalysis) -> FacilitatorModel) throws -> [String] {
        var misses: [String] = []
        for outcome in result.outcomes {
            for row in choose(outcome).coefficients {
                let value = try #require(truth[outcome.outcome]?[row.term])
                let interval = try #require(row.interval)
                if !(interval.lower < value && value < interval.upper) {
                    misses.append("\(outcome.outcome) \(row.term): true \(value) outside [\(interval.lower), \(interval.upper)]")
                }
            }
        }
        return misses
    }

    /// The primary model (the GLMM, random intercept per practice, AGQ 9) estimates the
    /// practice-specific coefficients the generator used (`conditional` in projects_truth.json);
    /// at most ``allowedMisses`` of the 21 lie outside their 95% Wald intervals.
    ///
    /// The truth itself was checked (projects_truth_check.py, 400 data sets from the same
    /// generator): the mean GLM estimates match the `marginal` truth within Monte Carlo error
    /// and maximum likelihood's small-sample bias, for sustained_12m too (its selection on
    /// success does not bias it: the sustained draw and its practice effect are independent of
    /// success given the factors) and for the Poisson intercept (the marginal value includes
    /// + SD^2/2). So a miss is the draw's: e.g. sustained_12m's control, 2.0 here against 0.9.
    @Test func primaryIntervalsContainTheTrueConditionalCoefficients() throws {
        let truth = try RegressionReference.json("projects_truth")["conditional"] as! [String: [String: Double]]
        let result = try Self.projects.get()
        #expect(result.outcomes.allSatisfy { $0.primary.mixedFit != nil })
        let misses = try Self.misses(result, truth: truth) { $0.primary }
        #expect(misses.count <= Self.allowedMisses, "\(misses)")
        print("GLMM 95% interval misses of the conditional truth: \(misses.count) of 21: \(misses)")
    }

    /// The ML + CR2 sensitivity model estimates the population-averaged coefficients
    /// (`marginal` in projects_truth.json); at most ``allowedMisses`` of 21 outside their 95%
    /// intervals. (Known since the last session: 4, sustained_12m control and intercept,
    /// improvements intercept and cross_org; R's glm with clubSandwich gives the same.)
    @Test func clusterRobustIntervalsContainTheTrueMarginalCoefficients() throws {
        let truth = try RegressionReference.json("projects_truth")["marginal"] as! [String: [String: Double]]
        let result = try Self.projects.get()
        let misses = try Self.misses(result, truth: truth) { outcome in
            outcome.models.first { $0.standardErrorsName == "cluster_robust_CR2" }!
        }
        #expect(misses.count <= Self.allowedMisses, "\(misses)")
    }

    /// The primary GLMM of each outcome as lme4 1.1-31 glmer gives it, tightly converged at
    /// nAGQ = 9 (projects_glmm_reference.R -> output/projects_glmm_cases.json).
    ///
    /// Tolerances: estimates 1e-6 relative to max(|b|, se), SD 1e-6, log-likelihood 1e-10
    /// (they agree to 1e-14: a flat optimum, where lme4's SD differs from QIKit's by 4e-7).
    /// Standard errors 3e-6, looser than the 1e-6, because both sides are central-
    /// difference Hessians (Richardson from step 1e-3) of a log-likelihood of size 165 to 670:
    /// rounding alone leaves about 1e-6 relative in each (R's written-out AGQ function and
    /// lme4's deviance function differ by up to 1.8e-6 from each other), and the two optima
    /// differ. sustained_12m is a boundary fit (SD 0): the marginal likelihood is then the
    /// GLM's, so its errors are checked against R glm's Fisher-information errors
    /// (projects_cases.json), an exact reference, at 1e-6: QIKit's finite-difference Hessian
    /// carries up to 4e-7 of rounding noise there.
    @Test(arguments: [("success", 0), ("sustained", 1), ("improvements", 2)])
    func primaryMixedModelMatchesLme4(name: String, index: Int) throws {
        let cases = try RegressionReference.json("projects_glmm_cases")["cases"] as! [[String: Any]]
        let reference = try #require(cases.first { $0["name"] as? String == name && $0["nagq"] as? Int == 9 })
        let outcome = try Self.projects.get().outcomes[index]
        let mixed = try #require(outcome.randomIntercept)
        #expect(mixed.quadraturePoints == 9)
        #expect(outcome.medianPracticeSize == reference["median_practice_size"] as? Double)
        #expect(mixed.names == RegressionReference.strings(reference["terms"]))
        let estimates = RegressionReference.numbers(reference["coefficients"])
        let sd = (reference["sd"] as! NSNumber).doubleValue
        let errors = sd == 0
            ? RegressionReference.numbers(try Self.referenceCase("projects_\(name)")["model_std_errors"])
            : RegressionReference.numbers(reference["std_errors"])
        for j in mixed.names.indices {
            let scale = max(abs(estimates[j]!), errors[j]!)
            #expect(abs(mixed.coefficients[j] - estimates[j]!) <= 1e-6 * scale, "\(name) \(mixed.names[j])")
            #expect(isClose(mixed.standardErrors[j], errors[j], relative: sd == 0 ? 1e-6 : 3e-6),
                    "\(name) \(mixed.names[j]) se")
        }
        if sd == 0 {
            #expect(mixed.isSingular && mixed.randomInterceptStandardDeviation < 1e-6)
        } else {
            #expect(abs(mixed.randomInterceptStandardDeviation - sd) <= 1e-6 * sd)
            #expect(isClose(mixed.randomInterceptStandardDeviationError,
                            (reference["sd_std_error"] as! NSNumber).doubleValue, relative: 3e-6))
        }
        #expect(isClose(mixed.logLikelihood, (reference["log_likelihood"] as! NSNumber).doubleValue, relative: 1e-10))
    }

    /// Estimates, model-based and CR2 errors, Satterthwaite df and intervals as R's glm and
    /// clubSandwich give them; Firth's estimates, profile intervals and penalised LR p-values
    /// as brglm2 and logistf give them. Tolerances, relative (estimates and limits relative to
    /// max(|b|, se)): 1e-8 for the GLM's estimates and model-based errors (they agree to
    /// 1e-15) and the Satterthwaite df; 5e-8 for CR2 errors and limits (p-values 1e-6, as
    /// the cluster tests, since a t tail magnifies relative error), which
    /// differ from clubSandwich by 0.9e-8 to 1.5e-8, all in the same direction (the infert
    /// cluster test agrees within 1e-8; not yet explained, perhaps the conditioning of the
    /// per-practice B_g^-1/2 with practice-level factors); 1e-7 for logistf's profile limits
    /// (it stops at 1e-12 in the penalised log-likelihood).
    @Test(arguments: [("projects_success", 0), ("projects_sustained", 1), ("projects_improvements", 2)])
    func everyModelMatchesR(name: String, index: Int) throws {
        let reference = try Self.referenceCase(name)
        let outcome = try Self.projects.get().outcomes[index]
        #expect(outcome.rowCount == reference["n"] as? Int)
        #expect(outcome.practiceCount == reference["practices"] as? Int)
        let terms = RegressionReference.strings(reference["terms"])
        let estimates = RegressionReference.numbers(reference["glm_estimates"])
        let modelErrors = RegressionReference.numbers(reference["model_std_errors"])
        let cr2 = reference["cr2"] as! [String: Any]
        let robust = outcome.models.first { $0.standardErrorsName == "cluster_robust_CR2" }!
        let modelBased = outcome.models.first { $0.label == "ML" }!
        #expect(robust.coefficients.map(\.term) == terms)
        for (j, row) in robust.coefficients.enumerated() {
            let scale = max(abs(estimates[j]!), modelErrors[j]!)
            #expect(abs(row.estimate! - estimates[j]!) <= 1e-8 * scale, "\(name) \(row.term)")
            #expect(isClose(row.standardError, RegressionReference.numbers(cr2["std_errors"])[j], relative: 5e-8))
            #expect(isClose(row.degreesOfFreedom, RegressionReference.numbers(cr2["df"])[j], relative: 1e-8))
            #expect(isClose(row.pValue, RegressionReference.numbers(cr2["p_values"])[j], relative: 1e-6, floor: 1e-10))
            #expect(isClose(row.interval?.lower, RegressionReference.numbers(cr2["ci_lower"])[j], relative: 5e-8, floor: scale))
            #expect(isClose(row.interval?.upper, RegressionReference.numbers(cr2["ci_upper"])[j], relative: 5e-8, floor: scale))
            #expect(isClose(modelBased.coefficients[j].standardError, modelErrors[j], relative: 1e-8))
        }
        guard let firthReference = reference["firth"] as? [String: Any] else {
            #expect(outcome.kind == .count)
            #expect(outcome.models.allSatisfy { $0.method == .maximumLikelihood })
            return
        }
        let firth = try #require(outcome.models.first { $0.method == .firth })
        #expect(firth.role == .sensitivity)
        try Self.expectFirthMatches(firth, firthReference)
    }

    static func expectFirthMatches(_ firth: FacilitatorModel, _ reference: [String: Any]) throws {
        let estimates = RegressionReference.numbers(reference["estimates"])
        let errors = RegressionReference.numbers(reference["std_errors"])
        for (j, row) in firth.coefficients.enumerated() {
            let scale = max(abs(estimates[j]!), errors[j]!)
            #expect(abs(row.estimate! - estimates[j]!) <= 1e-8 * scale, "Firth \(row.term)")
            #expect(isClose(row.standardError, errors[j], relative: 1e-8))
            #expect(isClose(row.interval?.lower, RegressionReference.numbers(reference["ci_lower"])[j], relative: 1e-7, floor: scale))
            #expect(isClose(row.interval?.upper, RegressionReference.numbers(reference["ci_upper"])[j], relative: 1e-7, floor: scale))
            #expect(isClose(row.pValue, RegressionReference.numbers(reference["p_values"])[j], relative: 1e-6, floor: 1e-10))
        }
    }

    @Test func separatedOutcomeSwitchesToFirthAndSaysSo() throws {
        let result = try Self.separated.get()
        let outcome = result.outcomes[0]
        let separation = try #require(outcome.separation)
        #expect(separation.divergingTerms.map(\.name) == ["champion"])
        #expect(separation.divergingTerms.first?.direction == .plusInfinity)
        #expect(outcome.primary.method == .firth)
        #expect(outcome.primary.intervalMethod == "profile_penalized_likelihood")
        #expect(outcome.models.map(\.label) == ["Firth", "ML + CR2", "ML"])
        #expect(outcome.randomIntercept == nil)
        #expect(outcome.randomInterceptOmission == "separation in champion (+infinity)")
        #expect(outcome.warnings.contains { $0.contains("WITHOUT the random intercept") })
        #expect(outcome.models.dropFirst().allSatisfy { $0.role == .sensitivity })
        for model in outcome.models.dropFirst() {
            let champion = model.coefficients.first { $0.term == "champion" }!
            #expect(champion.estimate == nil && champion.diverges == .plusInfinity)
        }
        #expect(outcome.warnings.contains { $0.contains("separation detected") && $0.contains("Firth") })
        try Self.expectFirthMatches(outcome.primary,
                                    try Self.referenceCase("separated_success")["firth"] as! [String: Any])
    }

    @Test func smallPracticesGetAdaptiveQuadratureAndLargeOnesLaplace() throws {
        #expect(FacilitatorAnalysis.quadratureRule(medianPracticeSize: 5) == 9)
        #expect(FacilitatorAnalysis.quadratureRule(medianPracticeSize: 9.5) == 9)
        #expect(FacilitatorAnalysis.quadratureRule(medianPracticeSize: 10) == 1)
        let result = try Self.projects.get()
        #expect(result.warnings.isEmpty)
        #expect(result.practiceCount == 56)
        #expect(result.outcomes.map(\.medianPracticeSize) == [5, 3, 5])
        #expect(result.outcomes.map { $0.primary.label } == ["GLMM (AGQ 9)", "GLMM (AGQ 9)", "GLMM (AGQ 9)"])
        #expect(result.outcomes[1].warnings.contains { $0.contains("boundary") })
    }

    /// `--nagq 1` overrides the rule: the Laplace fit, as lme4's nAGQ = 1 (same reference
    /// script and tolerances as ``primaryMixedModelMatchesLme4(name:index:)``).
    @Test func quadratureCanBeOverriddenWithLaplace() throws {
        let cases = try RegressionReference.json("projects_glmm_cases")["cases"] as! [[String: Any]]
        let reference = try #require(cases.first { $0["name"] as? String == "success" && $0["nagq"] as? Int == 1 })
        let result = try FacilitatorAnalysis(quadraturePoints: 1)
            .fit(try RegressionReference.dataset("projects.csv"))
        let mixed = try #require(result.outcomes[0].randomIntercept)
        #expect(result.outcomes[0].primary.label == "GLMM (Laplace)")
        #expect(mixed.quadraturePoints == 1)
        let sd = RegressionReference.number(reference["sd"])!
        #expect(abs(mixed.randomInterceptStandardDeviation - sd) <= 1e-6 * sd)
        let estimates = RegressionReference.numbers(reference["coefficients"])
        let errors = RegressionReference.numbers(reference["std_errors"])
        for j in mixed.names.indices {
            #expect(abs(mixed.coefficients[j] - estimates[j]!) <= 1e-6 * max(abs(estimates[j]!), errors[j]!))
            #expect(isClose(mixed.standardErrors[j], errors[j], relative: 3e-6))
        }
    }

    /// An aliased factor leaves the mixed model without a full-rank design: the primary model
    /// is then ML + CR2, and the outcome says why it has no random intercept.
    @Test func anAliasedFactorFallsBackToClusterRobustMaximumLikelihoodAndSaysWhy() throws {
        let projects = try RegressionReference.dataset("projects.csv")
        var columns = projects.columnOrder.map { (name: $0, column: projects.columns[$0]!) }
        columns.append((name: "payment_again", column: projects.columns["payment"]!))
        let result = try FacilitatorAnalysis(factors: ["payment", "payment_again", "champion"])
            .fit(ModelData(columns: columns))
        let outcome = result.outcomes[0]
        #expect(outcome.primary.label == "ML + CR2" && outcome.primary.role == .primary)
        #expect(outcome.randomIntercept == nil)
        #expect(outcome.randomInterceptOmission == "aliased terms: payment_again")
        #expect(outcome.warnings.contains { $0.contains("payment_again aliased") && $0.contains("remove payment_again") })
    }

    @Test func outcomesGetTheirFamiliesAndTheCountItsOffset() throws {
        let result = try Self.projects.get()
        #expect(result.outcomes.map(\.outcome) == Self.outcomes)
        #expect(result.outcomes.map(\.kind) == [.binary, .binary, .count])
        #expect(result.outcomes.map(\.family) == [.binomial, .binomial, .poisson])
        #expect(result.outcomes[2].formula.hasSuffix("+ offset(log(months_followed))"))
        #expect(result.outcomes[2].ratioName == "rate_ratio")
        #expect(result.outcomes[1].rowsDropped == 120)
        #expect(result.outcomes[1].warnings.contains { $0.contains("120 rows") })
        #expect(result.outcomes.map { $0.models.map(\.label) } == [
            ["GLMM (AGQ 9)", "ML + CR2", "ML", "Firth"], ["GLMM (AGQ 9)", "ML + CR2", "ML", "Firth"],
            ["GLMM (AGQ 9)", "ML + CR2", "ML"]])
        let row = result.outcomes[0].primary.coefficients[1]
        #expect(abs(row.ratio! - exp(row.estimate!)) <= 1e-15 * row.ratio!)
    }

    @Test func anOutcomeThatIsNeitherBinaryNorACountIsRefused() throws {
        let data = ModelData(columns: [
            ("practice", .text(["a", "a", "b", "b"])), ("score", .numeric([0, 1.5, 1, 0])),
            ("champion", .numeric([0, 1, 1, 0])),
        ])
        #expect(throws: FacilitatorAnalysisError.outcomeNotBinaryOrCount(outcome: "score", row: 2, value: 1.5)) {
            try FacilitatorAnalysis(outcomes: ["score"], factors: ["champion"]).fit(data)
        }
    }

    @Test func aRowWithoutItsPracticeIsRefused() throws {
        let data = ModelData(columns: [
            ("practice", .text(["a", nil, "b", "b", "c", "c"])),
            ("success", .numeric([0, 1, 1, 0, 1, 0])), ("champion", .numeric([0, 1, 1, 0, 0, 1])),
        ])
        #expect(throws: FacilitatorAnalysisError.missingPractice(outcome: "success", row: 2, column: "practice")) {
            try FacilitatorAnalysis(factors: ["champion"]).fit(data)
        }
    }
}
