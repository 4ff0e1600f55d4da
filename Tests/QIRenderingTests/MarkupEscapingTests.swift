import QIRendering
import Testing

struct MarkupEscapingTests {
    @Test func scriptTagBecomesText() {
        #expect(MarkupEscaping.text("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
    }

    @Test func quotesCannotCloseAnAttribute() {
        #expect(MarkupEscaping.attribute("a\" onload=\"x") == "a&quot; onload=&quot;x")
        #expect(MarkupEscaping.attribute("it's") == "it&#39;s")
    }

    @Test func ampersandIsEscapedFirstAndOnlyOnce() {
        #expect(MarkupEscaping.text("A&E &amp;") == "A&amp;E &amp;amp;")
    }

    @Test func controlCharactersThatXMLForbidsAreDropped() {
        #expect(MarkupEscaping.text("a\u{0}b\u{1B}c\td\ne") == "abc\td\ne")
    }

    @Test func nonASCIITextIsKept() {
        #expect(MarkupEscaping.text("Anhøj – Ärzte") == "Anhøj – Ärzte")
    }
}
