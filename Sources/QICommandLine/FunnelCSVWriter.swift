import QISPC

/// Writes `qi funnel` results as CSV: one row per unit, NA where a value does not exist.
enum FunnelCSVWriter {
    static func write(_ plot: FunnelPlot, to sink: TextSink) throws(CommandFailure) {
        try sink.write("unit,y,n,rate,z,z_unadjusted,lcl_95,ucl_95,lcl_998,ucl_998,flag\n")
        func number(_ value: Double?) -> String { value.map(JSONText.number) ?? "NA" }
        for unit in plot.units {
            let limits = unit.limits
            let row = [SPCCSVWriter.field(unit.name), number(unit.numerator), number(unit.denominator), number(unit.rate),
                       number(unit.zScore), number(unit.unadjustedZScore), number(limits?.lower95), number(limits?.upper95),
                       number(limits?.lower998), number(limits?.upper998), unit.flag?.rawValue ?? "NA"]
            try sink.write(row.joined(separator: ",") + "\n")
        }
    }
}
