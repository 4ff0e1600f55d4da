/// One named scenario: the base parameters with its overrides, validated.
///
/// Parameters given as distributions (``ParameterDistribution``) hold their mean in
/// ``parameters`` and are drawn per replicate by ``parameters(replicate:layout:)``.
public struct Scenario: Sendable {
    public let id: String
    public let parameters: ModelParameters
    public let distributions: [ParameterDistribution]
    /// The resolved parameters as canonical JSON (sorted keys), the text that is hashed.
    public let canonicalParameters: String
    /// SHA-256 of ``canonicalParameters``, recorded in every output.
    public let parameterHash: String
    /// The canonical parameters as a value, when the scenario was read from a file.
    let canonicalValue: ParameterHash.Value?

    public init(id: String, parameters: ModelParameters, distributions: [ParameterDistribution] = [],
                canonicalParameters: String) {
        self.id = id
        self.parameters = parameters
        self.distributions = distributions
        self.canonicalParameters = canonicalParameters
        canonicalValue = nil
        parameterHash = ParameterHash.sha256(canonicalParameters)
    }

    init(id: String, parameters: ModelParameters, distributions: [ParameterDistribution], canonicalValue: ParameterHash.Value) {
        self.id = id
        self.parameters = parameters
        self.distributions = distributions
        self.canonicalValue = canonicalValue
        canonicalParameters = canonicalValue.canonicalText
        parameterHash = ParameterHash.sha256(canonicalParameters)
    }

    /// Whether any parameter varies by replicate.
    public var hasDistributions: Bool { !distributions.isEmpty }

    /// The parameters of `replicate`: each distribution drawn from its own Philox block.
    public func parameters(replicate: Int, layout: RandomLayout) -> ModelParameters {
        var resolved = parameters
        for distribution in distributions { distribution.apply(to: &resolved, replicate: replicate, layout: layout) }
        return resolved
    }
}

/// The `run` section of a scenario file: what is simulated and with which seed.
public struct RunSettings: Sendable, Hashable {
    /// The 64-bit master seed: the Philox key. One seed for all scenarios gives common random numbers.
    public var seed: UInt64
    public var replicates: Int
    public var months: Int
    public var practices: Int

    public init(seed: UInt64, replicates: Int, months: Int, practices: Int) {
        self.seed = seed
        self.replicates = replicates
        self.months = months
        self.practices = practices
    }
}
