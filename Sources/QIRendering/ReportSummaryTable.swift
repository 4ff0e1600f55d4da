import QISPC

/// The summary table of a batch: one row per series with its latest value, the latest centre
/// line and limits, the Making Data Count icons and the signals, each row linking to its chart.
///
/// Cells carry `data-sort` values (plain numbers in plotted units, or text) so the page's
/// script sorts without parsing what is displayed.
struct ReportSummaryTable {
    let charts: [RenderableChart]
    let sectionID: String

    func write<Target: TextOutputStream>(to target: inout Target) {
        let isMakingDataCount = charts.contains { $0.chart.options.rules == .mdc }
        let hasAssurance = charts.contains { $0.chart.assurance != nil }
        target.write("<div class=\"summary-block\">\n<div class=\"controls\">")
        target.write("<label>Filter <input type=\"search\" placeholder=\"series name\" aria-label=\"Filter series by name\"></label>")
        if isMakingDataCount {
            target.write("<label>Variation <select aria-label=\"Filter by variation\"><option value=\"\">any</option>")
            for type in [PointType.commonCause, .specialCauseImprovement, .specialCauseConcern, .specialCauseNeutral] {
                target.write("<option value=\"\(type.rawValue)\">\(ChartDescription.readable(type))</option>")
            }
            target.write("</select></label>")
        }
        target.write("<label><input type=\"checkbox\"> only series with signals</label><span class=\"count\"></span></div>\n")
        target.write("<div class=\"table-wrap\"><table class=\"summary\">\n<thead><tr>")
        var headings: [(String, Bool)] = [("Series", false), ("Latest", false), ("Value", true), ("Centre line", true),
                                          ("Lower limit", true), ("Upper limit", true)]
        if isMakingDataCount { headings.append(("Variation", false)) }
        if hasAssurance { headings.append(("Assurance", false)) }
        headings.append(("Signals", false))
        for (heading, isNumber) in headings {
            target.write("<th scope=\"col\"\(isNumber ? " data-type=\"number\"" : " class=\"text\"")><button type=\"button\">\(heading)</button></th>")
        }
        target.write("</tr></thead>\n<tbody>\n")
        for (index, renderable) in charts.enumerated() {
            writeRow(renderable, chartID: "\(sectionID)-c\(index + 1)", isMakingDataCount: isMakingDataCount,
                     hasAssurance: hasAssurance, to: &target)
        }
        target.write("</tbody>\n</table></div>\n</div>\n")
    }

    private func writeRow<Target: TextOutputStream>(_ renderable: RenderableChart, chartID: String, isMakingDataCount: Bool,
                                                    hasAssurance: Bool, to target: inout Target) {
        let chart = renderable.chart
        let format = ValueFormat(options: chart.options)
        let name = renderable.seriesKey.isEmpty ? renderable.title : renderable.seriesKey
        let latestOffset = chart.points.lastIndex { $0.value != nil }
        let latest = latestOffset.map { chart.points[$0] }
        let limitsPoint = chart.points.last { $0.centreLine != nil }
        let outside = chart.points.filter(\.sigmaSignal).count
        let runsParts = chart.parts.filter(\.runsSignal).map(\.part)
        var signalTexts: [String] = []
        if outside > 0 { signalTexts.append("\(outside) outside limits") }
        if !runsParts.isEmpty {
            signalTexts.append(chart.parts.count > 1 ? "runs (part \(runsParts.map(String.init).joined(separator: ", ")))" : "runs")
        }
        let hasSignal = !signalTexts.isEmpty
        let variation = chart.variation ?? .commonCause

        target.write("<tr data-chart=\"\(chartID)\" data-search=\"\(MarkupEscaping.attribute(name.lowercased()))\"")
        if isMakingDataCount { target.write(" data-variation=\"\(variation.rawValue)\"") }
        target.write(" data-signal=\"\(hasSignal ? 1 : 0)\">")
        target.write("<td class=\"text\" data-sort=\"\(MarkupEscaping.attribute(name))\"><a href=\"#\(chartID)\">\(MarkupEscaping.text(name))</a></td>")
        let latestText = latestOffset.map { renderable.xText(at: $0) } ?? ""
        target.write("<td class=\"text\" data-sort=\"\(MarkupEscaping.attribute(latestText))\">\(MarkupEscaping.text(latestText))</td>")
        for value in [latest?.value, limitsPoint?.centreLine, limitsPoint?.lowerLimit, limitsPoint?.upperLimit] {
            let sortValue = value.map { DecimalText.trimmed($0, decimals: 9) } ?? ""
            target.write("<td data-sort=\"\(sortValue)\">\(MarkupEscaping.text(value == nil ? "–" : format.readable(value)))</td>")
        }
        if isMakingDataCount {
            let label = ChartDescription.readable(variation)
            target.write("<td class=\"icon\" data-sort=\"\(variation.rawValue)\" title=\"\(label)\"><svg role=\"img\" aria-label=\"\(label)\" viewBox=\"0 0 34 34\"><use href=\"#\(Self.variationSymbolID(variation, improvement: chart.options.improvement))\"/></svg></td>")
        }
        if hasAssurance {
            if let assurance = chart.assurance {
                let label = ChartDescription.readable(assurance)
                target.write("<td class=\"icon\" data-sort=\"\(assurance.rawValue)\" title=\"\(label)\"><svg role=\"img\" aria-label=\"\(label)\" viewBox=\"0 0 34 34\"><use href=\"#\(Self.assuranceSymbolID(assurance))\"/></svg></td>")
            } else {
                target.write("<td class=\"icon\" data-sort=\"\">–</td>")
            }
        }
        let signals = signalTexts.joined(separator: "; ")
        target.write("<td class=\"text\" data-sort=\"\(MarkupEscaping.attribute(signals))\">\(signals.isEmpty ? "–" : signals)</td></tr>\n")
    }

    static func variationSymbolID(_ type: PointType, improvement: ImprovementDirection) -> String {
        "qi-variation-\(type.rawValue)-\(improvement.rawValue)"
    }

    static func assuranceSymbolID(_ assurance: Assurance) -> String {
        "qi-assurance-\(assurance.rawValue)"
    }
}
