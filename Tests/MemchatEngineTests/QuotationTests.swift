import Testing
@testable import MemchatEngine

/// Quoting past text keeps its lines; long text is cut at a line with a marker.
@Suite("Quotation")
struct QuotationTests {
    @Test func shortTextIsKeptAsItIs() {
        let text = "first line\n\n    indented\n```sh\nls -la\n```"
        #expect(Quotation.excerpt(text, limit: 200) == text)
    }

    @Test func longTextIsCutAtALineAndSaysHowMuchIsLeft() {
        let text = (1...10).map { "line number \($0)" }.joined(separator: "\n")
        let quoted = Quotation.excerpt(text, limit: 45)
        #expect(quoted == "line number 1\nline number 2\nline number 3\n[… 7 more lines not quoted]")
    }

    @Test func anOpenFenceIsClosedWhereTheQuoteIsCut() {
        let text = "Try:\n  ~~~python\n  def f():\n      return 1\n  ~~~\nDone."
        let quoted = Quotation.excerpt(text, limit: 30)
        #expect(quoted == "Try:\n  ~~~python\n  def f():\n  ~~~\n[… 3 more lines not quoted]")
    }

    @Test func aSingleLongLineIsCutAtAWord() {
        let text = String(repeating: "word ", count: 40) + "end"
        let quoted = Quotation.excerpt(text, limit: 50)
        #expect(quoted.hasSuffix(" …"))
        #expect(!quoted.contains("\n"))
        #expect(quoted.count <= 52)
        #expect(Quotation.excerpt(text + "\nsecond", limit: 50).hasSuffix("…\n[… 1 more line not quoted]"))
    }

    @Test func labelledQuotesOneLineInlineAndMoreAsABlockQuote() {
        #expect(Quotation.labelled("You said", "hello", limit: 100) == "You said: \"hello\"")
        #expect(Quotation.labelled("You said", "a\n\nb", limit: 100) == "You said:\n> a\n>\n> b")
    }
}
