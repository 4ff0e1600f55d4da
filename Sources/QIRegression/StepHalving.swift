/// A step of a maximisation, halved until it does not lower the objective: the backtracking
/// every ascent of the mixed models uses (the conditional modes of penalised IRLS and the outer
/// Newton iteration on the variance parameters and fixed effects).
///
/// Tries x + s·d for s = 1, 1/2, 1/4, … and stops at the first s whose objective is at least
/// the current value less `relativeTolerance`·|value| (a rounding allowance), or after
/// `maximumHalvings` halvings; a NaN objective never qualifies (Nocedal & Wright 2006, §3.1,
/// backtracking with the simple-decrease condition).
///
/// - Note: Nocedal & Wright (2006), *Numerical Optimization*, 2nd ed., Springer.
enum StepHalving {
    struct Step<Evaluation> {
        /// The point reached, x + scale·d.
        let point: [Double]
        let evaluation: Evaluation
        let scale: Double
        /// How often the step was halved; `maximumHalvings` when no step qualified.
        let halvings: Int
    }

    static func ascend<Evaluation>(from x: [Double], along direction: [Double], value: Double,
                                   relativeTolerance: Double, maximumHalvings: Int,
                                   objective: ([Double]) -> Evaluation,
                                   valueOf: (Evaluation) -> Double) -> Step<Evaluation> {
        var scale = 1.0
        var point = zip(x, direction).map { $0 + $1 }
        var evaluation = objective(point)
        var halvings = 0
        while !(valueOf(evaluation) >= value - relativeTolerance * abs(value)) && halvings < maximumHalvings {
            scale /= 2
            point = zip(x, direction).map { $0 + scale * $1 }
            evaluation = objective(point)
            halvings += 1
        }
        return Step(point: point, evaluation: evaluation, scale: scale, halvings: halvings)
    }
}
