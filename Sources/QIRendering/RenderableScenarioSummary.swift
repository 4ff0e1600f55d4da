/// What the scenario charts draw for one simulated scenario: figures computed by the simulation
/// (QISimulation) and copied here as plain values, so this module neither depends on the
/// simulation nor computes anything from its output.
public struct RenderableScenarioSummary: Sendable, Equatable {
    /// The mean share of practices adopted in one month, with the 2.5 and 97.5 percentiles of
    /// that share across the simulated CCGs (replicates).
    public struct MonthlyBand: Sendable, Equatable {
        /// 1 for the first simulated month.
        public let month: Int
        public let mean: Double
        public let lower: Double
        public let upper: Double

        public init(month: Int, mean: Double, lower: Double, upper: Double) {
            self.month = month
            self.mean = mean
            self.lower = lower
            self.upper = upper
        }
    }

    /// A pooled sustained share with its 95% Monte Carlo interval, and the clock it was
    /// measured on; nil where the simulation found no eligible practices.
    public struct SustainedShare: Sendable, Equatable {
        /// The clock's name as readers see it, such as "after success" or "after support".
        public let clock: String
        public let horizonMonths: Int
        public let pooled: Double?
        public let lower95: Double?
        public let upper95: Double?

        public init(clock: String, horizonMonths: Int, pooled: Double?, lower95: Double?, upper95: Double?) {
            self.clock = clock
            self.horizonMonths = horizonMonths
            self.pooled = pooled
            self.lower95 = lower95
            self.upper95 = upper95
        }
    }

    public let id: String
    public let adoption: [MonthlyBand]
    public let sustainedShares: [SustainedShare]

    public init(id: String, adoption: [MonthlyBand], sustainedShares: [SustainedShare]) {
        self.id = id
        self.adoption = adoption
        self.sustainedShares = sustainedShares
    }
}

/// A simulation run as the scenario charts describe it: its scenarios, the reference they are
/// compared with, and the run's size and seed (written on every chart, with the note that the
/// effect sizes are assumptions).
public struct RenderableScenarioRun: Sendable, Equatable {
    public let scenarios: [RenderableScenarioSummary]
    public let reference: String
    public let replicates: Int
    public let practices: Int
    public let seed: UInt64

    public init(scenarios: [RenderableScenarioSummary], reference: String, replicates: Int, practices: Int, seed: UInt64) {
        self.scenarios = scenarios
        self.reference = reference
        self.replicates = replicates
        self.practices = practices
        self.seed = seed
    }

    public var referenceScenario: RenderableScenarioSummary? { scenarios.first { $0.id == reference } }

    /// Written on every scenario chart: the model's effect sizes are inputs, not findings.
    static let assumptionNote = "Effect sizes are assumptions, not estimates: compare scenarios; the figures are not forecasts."

    /// "300 simulated CCGs of 60 practices, seed 20200623".
    var runDescription: String {
        "\(replicates) simulated CCGs of \(practices) practices, seed \(seed)"
    }

    /// "300 CCGs of 60 practices", short enough for a subtitle (the seed goes in a corner).
    var shortRunDescription: String {
        "\(replicates) CCGs of \(practices) practices"
    }
}
