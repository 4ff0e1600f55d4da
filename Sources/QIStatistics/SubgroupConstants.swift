import RealModule
// Interim: replaced by the statistics core's SubgroupConstants when that branch merges.
public enum SubgroupConstants {
    public static func c4(_ n: Int) -> Double {
        let size = Double(n)
        return (2 / (size - 1)).squareRoot() * Double.exp(Double.logGamma(size / 2) - Double.logGamma((size - 1) / 2))
    }
}
