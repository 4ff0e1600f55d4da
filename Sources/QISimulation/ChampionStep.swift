/// Step 1 of a month: the senior champion of an engaged (ACTIVE or SUCCEEDED) practice.
///
///     turnover:             a champion leaves if u_loss < h_loss; a practice without one
///                           gains one if u_new < monthly_replace (not the month it lost one)
///     retained:             champions never leave; practices without one gain one as above
///     lost_at_support_end:  as turnover while t < support_end; from support_end on, no
///                           champion and none gained
///
/// h_loss = 1 - (1 - annual_loss)^(1/12) (``DerivedConstants``). Champion turnover follows GP
/// turnover of 10-14% a year in English practices (Parisi et al. 2021, BMJ Open).
public enum ChampionStep {
    /// Applies step 1 in month `month` with the monthly block-0 lanes champion_loss and
    /// champion_new.
    @inlinable @inline(__always)
    public static func apply(_ state: inout PracticeState, month: Int, lossDraw: Double, newDraw: Double,
                             parameters: ChampionParameters, monthlyLoss: Double) {
        switch parameters.mode {
        case .turnover:
            turnover(&state, lossDraw: lossDraw, newDraw: newDraw, monthlyLoss: monthlyLoss,
                     monthlyReplace: parameters.monthlyReplace)
        case .retained:
            if !state.champion && newDraw < parameters.monthlyReplace { state.champion = true }
        case .lostAtSupportEnd:
            if month < state.supportEnd {
                turnover(&state, lossDraw: lossDraw, newDraw: newDraw, monthlyLoss: monthlyLoss,
                         monthlyReplace: parameters.monthlyReplace)
            } else {
                state.champion = false
            }
        }
    }

    @inlinable @inline(__always)
    static func turnover(_ state: inout PracticeState, lossDraw: Double, newDraw: Double,
                         monthlyLoss: Double, monthlyReplace: Double) {
        if state.champion {
            if lossDraw < monthlyLoss { state.champion = false }
        } else if newDraw < monthlyReplace {
            state.champion = true
        }
    }
}
