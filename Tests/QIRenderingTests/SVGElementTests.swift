@testable import QIRendering
import Testing

struct SVGElementTests {
    @Test func attributesKeepTheirOrderAndNumbersTheirFormat() {
        let element = SVGElement("circle", [("r", 2.5), ("cy", .number(10.0 / 3)), ("cx", 4), ("fill", "#000")])
        #expect(element.markup == "<circle r=\"2.5\" cy=\"3.33\" cx=\"4\" fill=\"#000\"/>\n")
    }

    @Test func textAndAttributesAreEscaped() {
        let element = SVGElement("text", [("data-name", "\"><script>")], text: "<b>&</b>")
        #expect(element.markup == "<text data-name=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;&lt;/b&gt;</text>\n")
    }

    @Test func childrenAreIndentedOnePerLine() {
        var group = SVGElement("g")
        group.append(SVGElement("title", text: "t"))
        group.append(SVGElement("rect", [("width", 1)]))
        #expect(group.markup == "<g>\n  <title>t</title>\n  <rect width=\"1\"/>\n</g>\n")
    }
}
