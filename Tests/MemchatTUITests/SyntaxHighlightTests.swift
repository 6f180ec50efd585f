import MemchatTerminal
import Testing
@testable import MemchatTUI

@Suite("Syntax colours")
struct SyntaxHighlightTests {
    /// The text shown in `style` on a line.
    private func text(in style: Paint, _ spans: [MarkdownInline.Span]) -> [String] {
        spans.filter { $0.style == style }.map(\.text)
    }

    @Test(arguments: [
        ("swift", #"let total = 42 // sum"#, "let", nil, "// sum", "42"),
        ("python", #"def f(): return "x"  # note"#, "def", #""x""#, "# note", nil),
        ("ts", #"const n = `a${b}` + 0x1F"#, "const", "`a${b}`", nil, "0x1F"),
        ("bash", #"if [ -f "$F" ]; then echo 1; fi # ok"#, "if", #""$F""#, "# ok", "1"),
        ("json", #"{"on": true, "n": 3.5}"#, "true", #""on""#, nil, "3.5"),
        ("sql", #"SELECT 'a' FROM t -- all"#, "SELECT", "'a'", "-- all", nil),
        ("go", #"func main() { x := 7 } /* c */"#, "func", nil, "/* c */", "7"),
        ("rust", #"fn main() { let s = "hi"; }"#, "fn", #""hi""#, nil, nil),
    ] as [(String, String, String, String?, String?, String?)])
    func eachLanguage(_ name: String, _ line: String, keyword: String, string: String?, comment: String?, number: String?) throws {
        let language = try #require(SyntaxHighlight.language(named: name))
        let spans = try #require(SyntaxHighlight.lines([line], language: language).first)
        #expect(spans.map(\.text).joined() == line)
        #expect(text(in: Paint(.codeKeyword), spans).contains(keyword), "\(spans)")
        if let string { #expect(text(in: Paint(.codeString), spans).contains(string), "\(spans)") }
        if let comment { #expect(text(in: Paint(.codeComment), spans).contains(comment), "\(spans)") }
        if let number { #expect(text(in: Paint(.codeNumber), spans).contains(number), "\(spans)") }
    }

    @Test func aBlockCommentRunsOverLinesAndAnUnknownLanguageIsPlain() throws {
        let lines = SyntaxHighlight.lines(["a /* one", "two */ let b"], language: SyntaxHighlight.swift)
        #expect(text(in: Paint(.codeComment), lines[1]) == ["two */"])
        #expect(text(in: Paint(.codeKeyword), lines[1]) == ["let"])
        #expect(SyntaxHighlight.language(named: "cobol") == nil)
        let plain = SyntaxHighlight.lines(["MOVE A TO B"], language: nil)[0]
        #expect(plain.count == 1 && plain[0].text == "MOVE A TO B" && plain[0].style == Paint(.code))
    }

    @Test func aColouredLineIsCutWithTheMarker() {
        let spans = SyntaxHighlight.lines([#"let message = "a long string that will not fit""#], language: SyntaxHighlight.swift)[0]
        let cut = MarkdownLayout.cut(spans, width: 20)
        #expect(cut.map(\.text).joined() == #"let message = "a lo"# + MarkdownLayout.cutMarker)
        #expect(cut.first?.style == Paint(.codeKeyword))
        #expect(cut.last?.style == Paint(.cutMarker))
    }
}
