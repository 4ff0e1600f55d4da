import QISPC

/// Writes `qi funnel` results as the JSON object INTERFACE.md specifies.
enum FunnelJSONWriter {
    static func write(_ plot: FunnelPlot, source: String, to sink: TextSink) throws(CommandFailure) {
        let overdispersion = plot.overdispersion
        try sink.write("{\"chart\":\(JSONText.string(plot.options.chart.rawValue)),\"source\":\(JSONText.string(source)),\"multiply\":\(JSONText.number(plot.options.multiply)),\"target\":\(JSONText.number(plot.target)),")
        try sink.write("\"overdispersion\":{\"method\":\(JSONText.string(overdispersion.method.rawValue)),\"estimate\":\(JSONText.number(overdispersion.estimate)),\"phi\":\(JSONText.number(overdispersion.phi)),\"tau2\":\(JSONText.number(overdispersion.tau2)),\"applied\":\(JSONText.bool(overdispersion.isApplied)),\"scale\":\(JSONText.string(plot.options.chart.scaleName)),\"winsorised_fraction\":\(JSONText.number(overdispersion.winsorisedFraction)),\"units_used\":\(overdispersion.unitsUsed)},\"units\":[\n")
        for (offset, unit) in plot.units.enumerated() {
            let limits = unit.limits
            try sink.write((offset == 0 ? "" : ",\n") + "{\"unit\":\(JSONText.string(unit.name)),\"y\":\(JSONText.number(unit.numerator)),\"n\":\(JSONText.number(unit.denominator)),\"rate\":\(JSONText.number(unit.rate)),\"z\":\(JSONText.number(unit.zScore)),\"z_unadjusted\":\(JSONText.number(unit.unadjustedZScore)),\"lcl_95\":\(JSONText.number(limits?.lower95)),\"ucl_95\":\(JSONText.number(limits?.upper95)),\"lcl_998\":\(JSONText.number(limits?.lower998)),\"ucl_998\":\(JSONText.number(limits?.upper998)),\"flag\":\(JSONText.string(unit.flag?.rawValue))}")
        }
        try sink.write("\n],\"warnings\":[\(plot.warnings.map(JSONText.string).joined(separator: ","))]}\n")
    }
}
