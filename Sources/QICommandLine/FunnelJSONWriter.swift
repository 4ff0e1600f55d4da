import QISPC

/// Writes `qi funnel` results as the JSON object INTERFACE.md specifies.
enum FunnelJSONWriter {
    static func write(_ plot: FunnelPlot, source: String, to sink: TextSink) throws(CommandFailure) {
        let overdispersion = plot.overdispersion
        var output = OutputBytes()
        output.append("{\"chart\":")
        output.appendJSONString(plot.options.chart.rawValue)
        output.append(",\"source\":")
        output.appendJSONString(source)
        output.append(",\"multiply\":")
        output.appendNumber(plot.options.multiply)
        output.append(",\"target\":")
        output.appendNumber(plot.target)
        output.append(",\"overdispersion\":{\"method\":")
        output.appendJSONString(overdispersion.method.rawValue)
        output.append(",\"estimate\":")
        output.appendNumber(overdispersion.estimate)
        output.append(",\"phi\":")
        output.appendNumber(overdispersion.phi)
        output.append(",\"tau2\":")
        output.appendNumber(overdispersion.tau2)
        output.append(",\"applied\":")
        output.appendBool(overdispersion.isApplied)
        output.append(",\"scale\":")
        output.appendJSONString(plot.options.chart.scaleName)
        output.append(",\"winsorised_fraction\":")
        output.appendNumber(overdispersion.winsorisedFraction)
        output.append(",\"units_used\":")
        output.appendInteger(overdispersion.unitsUsed)
        output.append("},\"units\":[\n")
        for (offset, unit) in plot.units.enumerated() {
            let limits = unit.limits
            output.append(offset == 0 ? "{\"unit\":" : ",\n{\"unit\":")
            output.appendJSONString(unit.name)
            let fields: [(StaticString, Double?)] = [
                (",\"y\":", unit.numerator), (",\"n\":", unit.denominator), (",\"rate\":", unit.rate),
                (",\"z\":", unit.zScore), (",\"z_unadjusted\":", unit.unadjustedZScore),
                (",\"lcl_95\":", limits?.lower95), (",\"ucl_95\":", limits?.upper95),
                (",\"lcl_998\":", limits?.lower998), (",\"ucl_998\":", limits?.upper998),
            ]
            for (key, value) in fields {
                output.append(key)
                output.appendNumber(value)
            }
            output.append(",\"flag\":")
            output.appendJSONString(unit.flag?.rawValue)
            output.append("}")
        }
        output.append("\n],\"warnings\":[")
        output.appendJSONStrings(plot.warnings)
        output.append("]}\n")
        try sink.write(output)
    }
}
