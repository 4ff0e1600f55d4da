// Interim: replaced by the statistics core's BinomialDistribution when that branch merges.
public struct BinomialDistribution: Sendable {
    let trials: Int
    let probability: Double
    public init(trials: Int, probability: Double) throws { self.trials = trials; self.probability = probability }
    public func quantile(_ p: Double) throws -> Int {
        var cumulative = 0.0
        var mass = Double.pow(1 - probability, trials)
        for k in 0...trials {
            if k > 0 { mass *= Double(trials - k + 1) / Double(k) * probability / (1 - probability) }
            cumulative += mass
            if cumulative >= p * (1 - 64 * Double.ulpOfOne) { return k }
        }
        return trials
    }
}
import RealModule
