import QIStatistics

/// The constants the anchors use, named and derived.
///
/// The exact values come from ``SubgroupConstants``; the presets that reproduce a tool use
/// that tool's rounded constants, because the fourth significant figure of a limit depends on
/// it (3/d2(2) = 2.6587 exact, 3/1.128 = 2.6596 in qicharts2, 2.66 in NHSRplotthedots).
enum ChartConstants {
    /// d2(2) = 2/sqrt(pi) = 1.1284, as qicharts2 writes it (to three decimals).
    static let qicharts2MovingRangeD2 = 1.128
    /// D4(2) = 1 + 3 d3(2)/d2(2) = 3.2665, as both anchors write it; the moving-range chart's
    /// upper limit factor and the screening threshold of Nelson (1982, J Qual Technol 14:172).
    static let movingRangeD4 = 3.267
    /// 3/d2(2) rounded to 2.66 by Making Data Count (NHSRplotthedots `ptd_spc_standard.R`).
    static let makingDataCountLimitFactor = 2.66
    /// The t chart's power transform (Nelson 1994, J Qual Technol 26:239): y^(1/3.6) is
    /// close to normal when y is exponential (times between rare events).
    static let timeBetweenEventsPower = 3.6
}
