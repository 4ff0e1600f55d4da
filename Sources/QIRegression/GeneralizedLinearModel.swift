import QILinearAlgebra
import QIParallel

/// A generalised linear model: a design, a family and a link, ready to fit.
///
/// Model: g(E[yᵢ]) = ηᵢ = xᵢᵀβ + oᵢ, Var(yᵢ) = φ V(μᵢ)/wᵢ, with link g, variance function V,
/// offset o, prior weights w and dispersion φ (1 for binomial, Poisson and negative
/// binomial). ``fit(options:)`` estimates β by iteratively reweighted least squares, solved
/// by the normal equations when the design is well conditioned and by a pivoted QR
/// factorisation of the weighted design otherwise (which also decides aliasing); see
/// ``GLMFit`` for what it reports.
///
/// Validation happens here, once: the response must lie in the family's support (0 ≤ y ≤ 1
/// for a binomial proportion, non-negative successes and failures, non-negative counts), the
/// link must suit the family, and there must be at least as many rows as coefficients.
///
/// - Note: Nelder & Wedderburn (1972), "Generalized linear models", JRSS A 135(3), 370–384,
///   doi:10.2307/2344614; McCullagh & Nelder (1989), *Generalized Linear Models*, 2nd ed.
public struct GeneralizedLinearModel: Sendable {
    public let design: DesignMatrix
    public let family: GLMFamily
    public let link: LinkFunction

    /// The response IRLS works with: a proportion for the binomial family.
    let response: [Double]
    /// Prior weights: the binomial trials times any given weight.
    let priorWeights: [Double]
    /// The binomial trials of a `cbind` response (R's `n`), for the log-likelihood.
    let trials: [Double]?

    /// Describes a model and checks that it can be fitted.
    ///
    /// - Parameters:
    ///   - link: nil for the family's canonical link.
    /// - Throws: ``GLMError`` naming the row of a response outside the support, a link the
    ///   family does not take, a constant response, or too few rows.
    public init(design: DesignMatrix, family: GLMFamily,
                link: LinkFunction? = nil) throws(GLMError) {
        let link = link ?? family.defaultLink
        guard family.links.contains(link) else {
            throw .linkNotAvailable(link: link.rawValue, family: family.name,
                                    available: family.links.map(\.rawValue))
        }
        let given = design.weights ?? Array(repeating: 1, count: design.rowCount)
        func row(_ i: Int) -> Int { design.rowsUsed[i] + 1 }
        var response: [Double]
        var weights = given
        var trials: [Double]? = nil
        switch design.response {
        case let .counts(successes, failures):
            guard family == .binomial else { throw .countsNeedBinomial(family: family.name) }
            response = []
            var counts: [Double] = []
            for i in successes.indices {
                for value in [successes[i], failures[i]] where value < 0 {
                    throw .responseOutOfSupport(row: row(i), value: value, family: family.name,
                                                requirement: "successes and failures are counts, 0 or more")
                }
                let m = successes[i] + failures[i]
                counts.append(m)
                response.append(m > 0 ? successes[i] / m : 0)
                weights[i] *= m
            }
            trials = counts
        case let .values(values):
            response = values
            for (i, y) in values.enumerated() {
                switch family {
                case .binomial where y < 0 || y > 1:
                    throw .responseOutOfSupport(row: row(i), value: y, family: family.name,
                                                requirement: "a binomial response is 0 or 1, or a proportion between 0 and 1 with the trials as --weights, or cbind(successes, failures)")
                case .poisson where y < 0, .negativeBinomial where y < 0:
                    throw .responseOutOfSupport(row: row(i), value: y, family: family.name,
                                                requirement: "counts are 0 or more")
                default: break
                }
            }
        }
        let used = weights.indices.filter { weights[$0] > 0 }
        guard used.count >= design.matrix.columns, !used.isEmpty else {
            throw .tooFewRows(rows: used.count, coefficients: design.matrix.columns)
        }
        let first = response[used[0]]
        if used.allSatisfy({ response[$0] == first }) {
            switch family {
            case .binomial, .gaussian:
                throw .constantResponse(value: first, family: family.name)
            case .poisson, .negativeBinomial:
                if first == 0 { throw .constantResponse(value: first, family: family.name) }
            }
        }
        self.design = design
        self.family = family
        self.link = link
        self.response = response
        self.priorWeights = weights
        self.trials = trials
    }

    /// Fits the model by maximum likelihood; see ``GLMFit``.
    ///
    /// A binomial model is first checked for separation (``separation(options:)``). When
    /// separated, no finite maximum exists: the fit iterates until the deviance and the other
    /// coefficients settle, reports the diverging terms with null estimates in
    /// ``GLMFit/separation`` and ``GLMFit/divergingNames``, and keeps the others (the limits
    /// they approach as the diverging terms grow). Use Firth's method
    /// (``fitFirth(options:)``) for finite estimates.
    ///
    /// - Throws: ``GLMError/didNotConverge(iterations:lastChange:deviance:)`` with the
    ///   evidence, ``GLMError/noValidStartingValues(family:link:)``,
    ///   ``GLMError/noValidStep(iteration:)``, ``GLMError/thetaUnbounded(theta:)``.
    /// - Complexity: O(n·p²) per iteration for n rows and p coefficients.
    public func fit(options: GLMOptions = GLMOptions()) throws(GLMError) -> GLMFit {
        if case .negativeBinomial(nil) = family {
            return try fitNegativeBinomial(options: options)
        }
        // A converged binomial fit usually proves there is no separation (see
        // `excludesSeparation`), which spares the linear program a pass over every row per
        // simplex iteration; otherwise the linear program decides, as before.
        var proven: IRLSResult? = nil
        if family == .binomial,
           let result = try? iterateByNormalEquations(family: family, start: nil, options: options),
           result.excludesSeparation {
            proven = result
        }
        let separation = proven == nil ? try self.separation(options: options)
            : Separation.none(columns: design.matrix.columns)
        guard separation.isSeparated else {
            let result: IRLSResult
            if let proven {
                result = proven
            } else {
                result = try iterate(family: family, start: nil, options: options)
            }
            return try summarise(result, family: family, options: options,
                                 separation: family == .binomial ? separation : nil)
        }
        // No finite maximum exists: iterate as R's glm does until the deviance and the finite
        // coefficients settle, and report the diverging terms instead of their last values.
        let diverging = Set(separation.divergingTerms.map(\.column))
        var settled = options
        settled.maximumIterations = max(options.maximumIterations, 200)
        let result = try iterate(family: family, start: nil, options: settled,
                                 divergingColumns: diverging)
        return try summarise(result, family: family, options: options, separation: separation)
    }
}

/// Tolerances and limits of the IRLS iteration, passed in rather than global.
public struct GLMOptions: Sendable, Equatable {
    /// R's criterion: |D − D_old| / (|D| + 0.1) below this (R's default 1e-8).
    public var devianceTolerance: Double = 1e-8
    /// And the largest step |Δβⱼ| / max(|βⱼ|, seⱼ) below this, so that the coefficients,
    /// not only the deviance, have settled (R stops on the deviance alone).
    public var coefficientTolerance: Double = 1e-10
    /// The rank tolerance of the pivoted QR (R's `lm`, 1e-7).
    public var rankTolerance: Double = PivotedQR.defaultTolerance
    public var maximumIterations: Int = 100
    public var maximumStepHalvings: Int = 30
    /// Threads for the passes over the rows of a large design (one per 16,384 rows at most);
    /// the fit does not depend on the number.
    public var threads: Int = ProcessorCount.online

    public init() {}
}
