import QISPC

/// One self-contained HTML page of charts: inline SVG and CSS and a small inline script to sort
/// and filter the summary table. It needs no network (a Content-Security-Policy forbids every
/// fetch), so it opens from disk anywhere.
///
/// Every piece of user text (series keys, x values, titles, file names, warnings) is escaped:
/// a series named `<script>alert(1)</script>` is shown as that text and runs nothing. Charts
/// far below the fold are laid out only when scrolled to (`content-visibility: auto`), so a
/// page with hundreds of series opens quickly.
public struct HTMLReport: Sendable {
    public enum Section: Sendable {
        /// Many series: a summary table (sortable, filterable; one row per series), then a chart
        /// per series.
        case batch(title: String, note: String, charts: [RenderableChart])
        /// One series: its chart and its runs-analysis table.
        case single(title: String, note: String, chart: RenderableChart)
        /// Free-standing figures, each with its caption (the scenario charts of a simulation).
        case figures(title: String, note: String, figures: [Figure])
    }

    /// A chart drawn by one of this module's renderers, with a caption in words. Only the
    /// renderers make them (`AdoptionFanChartSVG.figure`, `SustainedSharesSVG.figure`), so the
    /// markup placed in the page is always markup this module wrote and escaped.
    public struct Figure: Sendable {
        let markup: String
        public let caption: String

        init(markup: String, caption: String) {
            self.markup = markup
            self.caption = caption
        }
    }

    public var title: String
    public var sections: [Section]
    public var style: ChartStyle

    public init(title: String, sections: [Section], style: ChartStyle = .standard) {
        self.title = title
        self.sections = sections
        self.style = style
    }

    /// The page as one string.
    public var html: String {
        var output = ""
        write(to: &output)
        return output
    }

    /// Writes the page to `target` piece by piece (a large batch never needs a second copy).
    public func write<Target: TextOutputStream>(to target: inout Target) {
        target.write("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <meta name="generator" content="QIKit">
            <title>\(MarkupEscaping.text(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <header><h1>\(MarkupEscaping.text(title))</h1>
            \(Self.legend(style.palette))
            </header>

            """)
        let symbols = iconSymbols()
        if !symbols.isEmpty {
            target.write("<svg class=\"sprites\" aria-hidden=\"true\" width=\"0\" height=\"0\">\n<defs>\n")
            for symbol in symbols { target.write(symbol) }
            target.write("</defs>\n</svg>\n")
        }
        let renderer = ControlChartSVG(style: style)
        for (number, section) in sections.enumerated() {
            let sectionID = "s\(number + 1)"
            switch section {
            case .batch(let title, let note, let charts):
                target.write("<section class=\"batch\" id=\"\(sectionID)\">\n<h2>\(MarkupEscaping.text(title))</h2>\n")
                if !note.isEmpty { target.write("<p class=\"note\">\(MarkupEscaping.text(note))</p>\n") }
                ReportSummaryTable(charts: charts, sectionID: sectionID).write(to: &target)
                for (index, chart) in charts.enumerated() {
                    writeFigure(chart, id: "\(sectionID)-c\(index + 1)", renderer: renderer, to: &target)
                }
                target.write("</section>\n")
            case .single(let title, let note, let chart):
                target.write("<section class=\"single\" id=\"\(sectionID)\">\n<h2>\(MarkupEscaping.text(title))</h2>\n")
                if !note.isEmpty { target.write("<p class=\"note\">\(MarkupEscaping.text(note))</p>\n") }
                writeFigure(chart, id: "\(sectionID)-c1", renderer: renderer, to: &target)
                Self.writeRunsTable(chart, to: &target)
                target.write("</section>\n")
            case .figures(let title, let note, let figures):
                target.write("<section class=\"figures\" id=\"\(sectionID)\">\n<h2>\(MarkupEscaping.text(title))</h2>\n")
                if !note.isEmpty { target.write("<p class=\"note\">\(MarkupEscaping.text(note))</p>\n") }
                for (index, figure) in figures.enumerated() {
                    target.write("<figure class=\"chart\" id=\"\(sectionID)-c\(index + 1)\">\n")
                    target.write(figure.markup)
                    if !figure.caption.isEmpty { target.write("<figcaption>\(MarkupEscaping.text(figure.caption))</figcaption>\n") }
                    target.write("</figure>\n")
                }
                target.write("</section>\n")
            }
        }
        target.write("<script>\(Self.script)</script>\n</body>\n</html>\n")
    }

    private func writeFigure<Target: TextOutputStream>(_ chart: RenderableChart, id: String, renderer: ControlChartSVG,
                                                       to target: inout Target) {
        target.write("<figure class=\"chart\" id=\"\(id)\">\n")
        target.write(renderer.render(chart))
        if !chart.chart.warnings.isEmpty {
            target.write("<figcaption><ul class=\"warnings\">")
            for warning in chart.chart.warnings { target.write("<li>\(MarkupEscaping.text(warning))</li>") }
            target.write("</ul></figcaption>\n")
        }
        target.write("</figure>\n")
    }

    /// The runs analysis per part (Anhøj & Olesen 2014): the numbers behind a dashed centre line.
    static func writeRunsTable<Target: TextOutputStream>(_ renderable: RenderableChart, to target: inout Target) {
        let chart = renderable.chart
        let format = ValueFormat(options: chart.options)
        target.write("""
            <table class="runs">
            <caption>Runs analysis (Anhøj &amp; Olesen 2014): a part signals non-random variation when its longest run is longer than the maximum or it crosses the centre line fewer times than the minimum.</caption>
            <thead><tr><th scope="col">Part</th><th scope="col">Points</th><th scope="col">Useful</th><th scope="col">Centre line</th><th scope="col">Longest run (max)</th><th scope="col">Crossings (min)</th><th scope="col">Runs signal</th></tr></thead>
            <tbody>

            """)
        for part in chart.parts {
            let longest = part.longestRun.map { "\($0) (\(part.longestRunMaximum ?? 0))" } ?? "–"
            let crossings = part.crossings.map { "\($0) (\(part.crossingsMinimum ?? 0))" } ?? "–"
            target.write("<tr\(part.runsSignal ? " class=\"signal\"" : "")><td>\(part.part)</td><td>\(part.observations)</td><td>\(part.usefulObservations)</td><td>\(MarkupEscaping.text(format.readable(part.centreLine)))</td><td>\(longest)</td><td>\(crossings)</td><td>\(part.runsSignal ? "yes" : "no")</td></tr>\n")
        }
        target.write("</tbody>\n</table>\n")
    }

    /// Icon symbols used by the summary tables, each defined once and drawn with `<use>`.
    private func iconSymbols() -> [String] {
        var seen = Set<String>()
        var symbols: [String] = []
        for section in sections {
            guard case .batch(_, _, let charts) = section else { continue }
            for renderable in charts where renderable.chart.options.rules == .mdc {
                let improvement = renderable.chart.options.improvement
                let variation = renderable.chart.variation ?? .commonCause
                let variationID = ReportSummaryTable.variationSymbolID(variation, improvement: improvement)
                if seen.insert(variationID).inserted {
                    symbols.append(Self.symbol(id: variationID, MakingDataCountIcons.variation(
                        variation, improvement: improvement, x: 0, y: 0, size: 34, palette: style.palette)))
                }
                if let assurance = renderable.chart.assurance {
                    let assuranceID = ReportSummaryTable.assuranceSymbolID(assurance)
                    if seen.insert(assuranceID).inserted {
                        symbols.append(Self.symbol(id: assuranceID, MakingDataCountIcons.assurance(
                            assurance, improvement: improvement, x: 0, y: 0, size: 34, palette: style.palette)))
                    }
                }
            }
        }
        return symbols
    }

    private static func symbol(id: String, _ icon: SVGElement) -> String {
        SVGElement("symbol", [("id", .text(id)), ("viewBox", "0 0 34 34")], children: [.element(icon)]).markup
    }

    private static func legend(_ palette: Palette) -> String {
        func swatch(_ colour: String, _ kind: String) -> String {
            "<span class=\"swatch \(kind)\" style=\"--c:\(colour)\"></span>"
        }
        return """
            <ul class="legend">
            <li>\(swatch(palette.data, "dot"))value</li>
            <li>\(swatch(palette.centreLine, "line"))centre line</li>
            <li>\(swatch(palette.limits, "line"))control limits</li>
            <li>\(swatch(palette.signal, "dot"))outside the limits</li>
            <li>\(swatch(palette.signal, "dash"))centre line of a part whose runs analysis signals</li>
            <li>\(swatch(palette.target, "dash"))target</li>
            <li>\(swatch(palette.data, "hollow"))excluded from the calculations</li>
            <li>Making Data Count: \(swatch(palette.improvement, "dot"))improvement \(swatch(palette.concern, "dot"))concern \(swatch(palette.neutral, "dot"))neither \(swatch(palette.commonCause, "dot"))common cause</li>
            </ul>
            """
    }

    static let css = """
        :root{color-scheme:light;--text:#1a1a1a;--muted:#595959;--rule:#d9d9d9}
        *{box-sizing:border-box}
        body{margin:0 auto;max-width:1180px;padding:16px 24px 48px;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;color:var(--text);background:#fff}
        h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid var(--rule);padding-bottom:4px}
        .note{color:var(--muted);margin:4px 0 12px}
        .legend{list-style:none;padding:0;margin:4px 0 8px;display:flex;flex-wrap:wrap;gap:4px 16px;color:var(--muted);font-size:12px}
        .swatch{display:inline-block;vertical-align:middle;margin:0 4px 0 2px}
        .swatch.dot{width:9px;height:9px;border-radius:50%;background:var(--c)}
        .swatch.hollow{width:9px;height:9px;border-radius:50%;border:1.5px solid var(--c)}
        .swatch.line{width:18px;border-top:2px solid var(--c)}
        .swatch.dash{width:18px;border-top:2px dashed var(--c)}
        .sprites{position:absolute;width:0;height:0;overflow:hidden}
        figure.chart{margin:12px 0 20px;content-visibility:auto;contain-intrinsic-size:auto 400px}
        figure.chart svg{display:block;width:100%;max-width:760px;height:auto}
        figcaption{color:var(--muted);font-size:12px}
        .warnings{margin:2px 0;padding-left:18px}
        .controls{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:8px 0}
        .controls input[type=search]{padding:4px 8px;min-width:240px;font:inherit}
        .controls select{font:inherit;padding:3px}
        .count{color:var(--muted)}
        .table-wrap{max-height:70vh;overflow:auto;border:1px solid var(--rule)}
        table{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums}
        table.summary{width:100%}
        th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
        th.text,td.text{text-align:left}
        thead th{position:sticky;top:0;background:#f5f5f5;z-index:1}
        th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:inherit}
        th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
        td.icon{text-align:center}td.icon svg{width:28px;height:28px;vertical-align:middle}
        tr.signal td{background:#fff4ec}
        table.runs{margin:4px 0 16px}table.runs caption{caption-side:top;text-align:left;color:var(--muted);font-size:12px;padding:4px 0}
        a{color:#0063a0}
        """

    /// Sorting (click a column heading) and filtering (text, variation, signals) of the summary
    /// table; filtering also hides the charts of the rows it hides.
    static let script = """
        (function(){
        document.querySelectorAll('.summary-block').forEach(function(block){
          var table=block.querySelector('table');var body=table.tBodies[0];
          var rows=Array.prototype.slice.call(body.rows);
          var search=block.querySelector('input[type=search]');var variation=block.querySelector('select');
          var signals=block.querySelector('input[type=checkbox]');var count=block.querySelector('.count');
          function apply(){
            var text=search.value.trim().toLowerCase();var kind=variation?variation.value:'';var shown=0;
            rows.forEach(function(row){
              var ok=(!text||row.getAttribute('data-search').indexOf(text)>=0)&&(!kind||row.getAttribute('data-variation')===kind)&&(!signals.checked||row.getAttribute('data-signal')==='1');
              row.hidden=!ok;if(ok){shown++;}
              var chart=document.getElementById(row.getAttribute('data-chart'));if(chart){chart.hidden=!ok;}
            });
            count.textContent=shown+' of '+rows.length+' series';
          }
          search.addEventListener('input',apply);if(variation){variation.addEventListener('change',apply);}
          signals.addEventListener('change',apply);
          table.querySelectorAll('thead th').forEach(function(th,column){
            var button=th.querySelector('button');if(!button){return;}
            button.addEventListener('click',function(){
              var ascending=th.getAttribute('aria-sort')!=='ascending';var numeric=th.getAttribute('data-type')==='number';
              table.querySelectorAll('thead th').forEach(function(other){other.removeAttribute('aria-sort');});
              th.setAttribute('aria-sort',ascending?'ascending':'descending');
              rows.sort(function(a,b){
                var x=a.cells[column].getAttribute('data-sort'),y=b.cells[column].getAttribute('data-sort');
                var order;
                if(numeric){var p=x===''?NaN:+x,q=y===''?NaN:+y;order=isNaN(p)?(isNaN(q)?0:1):(isNaN(q)?-1:p-q);if(isNaN(p)||isNaN(q)){return order;}}
                else{order=x<y?-1:(x>y?1:0);}
                return ascending?order:-order;
              });
              rows.forEach(function(row){body.appendChild(row);});
            });
          });
          apply();
        });
        })();
        """
}
