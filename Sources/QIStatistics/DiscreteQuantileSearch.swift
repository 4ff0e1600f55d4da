/// The search behind the discrete quantile functions (R's `qbinom`, `qpois`): the smallest
/// integer x with cdf(x) >= target, found by stepping from a starting guess.
///
/// Stepping one at a time from the Cornish-Fisher start takes a handful of evaluations;
/// the bounds stop the search at the support's ends.
enum DiscreteQuantileSearch {
    static func smallestReaching(
        _ target: Double, from start: Int, lowerBound: Int, upperBound: Int,
        cdf: (Int) -> Double
    ) -> Int {
        var x = start
        if cdf(x) >= target {
            while x > lowerBound && cdf(x - 1) >= target { x -= 1 }
            return x
        }
        while x < upperBound {
            x += 1
            if cdf(x) >= target { return x }
        }
        return upperBound
    }
}
