import QISPC

/// Writes `qi funnel` results as CSV: one row per unit, NA where a value does not exist.
enum FunnelCSVWriter {
    static func write(_ plot: FunnelPlot, to sink: TextSink) throws(CommandFailure) {
        var output = OutputBytes()
        output.append("unit,y,n,rate,z,z_unadjusted,lcl_95,ucl_95,lcl_998,ucl_998,flag\n")
        for unit in plot.units {
            let limits = unit.limits
            output.appendCSVField(unit.name)
            for value in [unit.numerator, unit.denominator, unit.rate, unit.zScore, unit.unadjustedZScore,
                          limits?.lower95, limits?.upper95, limits?.lower998, limits?.upper998] {
                output.append(",")
                output.appendCSVNumber(value)
            }
            output.append(",")
            output.append(unit.flag?.rawValue ?? "NA")
            output.append("\n")
        }
        try sink.write(output)
    }
}
