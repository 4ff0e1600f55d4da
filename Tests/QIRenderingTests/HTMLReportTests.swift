import Foundation
import QIRendering
import QISPC
import Testing

struct HTMLReportTests {
    private func batch(keys: [String]) throws -> HTMLReport {
        let charts = try keys.map { key in
            let chart = try SampleCharts.chart(.i) { options in
                options.rules = .mdc
                options.improvement = .decrease
                options.target = 12
            }
            return RenderableChart(chart: chart, title: key, seriesKey: key, xValues: SampleCharts.monthly(24),
                                   xAxisTitle: "month", yAxisTitle: "value")
        }
        return HTMLReport(title: "Report", sections: [.batch(title: "Batch", note: "", charts: charts)])
    }

    @Test func aSeriesNamedScriptTagIsShownAsTextAndRunsNothing() throws {
        let html = try batch(keys: ["<script>alert(1)</script>", "plain"]).html
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert"))
        // Exactly one script element: the page's own sorting and filtering.
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test func quotesInSeriesNamesCannotBreakOutOfAttributes() throws {
        let html = try batch(keys: ["x\" onmouseover=\"alert(1)"]).html
        #expect(!html.contains("\" onmouseover=\""))
        #expect(html.contains("x&quot; onmouseover=&quot;alert(1)"))
    }

    @Test func aBatchHasOneSummaryRowAndOneChartPerSeries() throws {
        let html = try batch(keys: ["a", "b", "c"]).html
        #expect(html.components(separatedBy: "<tr data-chart=").count - 1 == 3)
        #expect(html.components(separatedBy: "<figure class=\"chart\"").count - 1 == 3)
        #expect(html.contains("href=\"#s1-c3\"") && html.contains("id=\"s1-c3\""))
    }

    @Test func summaryRowsCarryTheMakingDataCountIcons() throws {
        let html = try batch(keys: ["a"]).html
        #expect(html.contains("<symbol id=\"qi-variation-"))
        #expect(html.contains("<use href=\"#qi-assurance-"))
    }

    @Test func thePageNeedsNoNetwork() throws {
        let html = try batch(keys: ["a", "b"]).html
        let withoutNamespace = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
        #expect(!html.contains(" src="))
        #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
    }

    @Test func aSingleSeriesShowsItsChartAndRunsAnalysis() throws {
        let report = HTMLReport(title: "Semmelweis", sections: [
            .single(title: "Semmelweis", note: "Two parts", chart: try SampleCharts.semmelweisChart()),
        ])
        let html = report.html
        #expect(html.contains("<table class=\"runs\">"))
        #expect(html.contains("<td>10 (9)</td><td>20 (30)</td><td>yes</td>"))
        #expect(!html.contains("<table class=\"summary\">"))
    }

    @Test func theReportIsDeterministic() throws {
        #expect(try batch(keys: ["a", "b"]).html == batch(keys: ["a", "b"]).html)
    }

    @Test func figuresSectionShowsEachChartWithItsEscapedCaption() {
        let run = SampleScenarioRun.run
        let figures = [SustainedSharesSVG().figure(run, caption: "Sustained <b>shares</b>")]
            + run.scenarios.map { AdoptionFanChartSVG().figure($0, run: run, caption: "Adoption \($0.id)") }
        let html = HTMLReport(title: "Scenarios", sections: [.figures(title: "Simulated", note: "Assumptions.", figures: figures)]).html
        #expect(html.components(separatedBy: "<figure class=\"chart\"").count - 1 == 1 + run.scenarios.count)
        #expect(html.contains("<figcaption>Sustained &lt;b&gt;shares&lt;/b&gt;</figcaption>"))
        #expect(html.contains("<figcaption>Adoption coach6</figcaption>"))
        #expect(html.contains("class=\"qi-chart qi-sustained-shares\""))
        #expect(html.components(separatedBy: "class=\"qi-chart qi-adoption-fan\"").count - 1 == run.scenarios.count)
    }
}
