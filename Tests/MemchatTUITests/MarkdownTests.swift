import MemchatTerminal
import Testing
@testable import MemchatTUI

/// Markdown in answers: blocks, inline marks, layout at a width and streaming.
@Suite("Markdown")
struct MarkdownTests {
    private func text(_ lines: [ChatView.Line]) -> [String] {
        lines.map { $0.segments.map(\.text).joined() }
    }

    @Test func blocks() {
        let answer = """
            # Title ##
            Some *text*
            continued here.

            - one
              - nested
            3) third
            > quoted
            lazily
            ***
            ```swift extra
            let x = 1
            ```
            | a | b \\| c |
            |---|:-:|
            | 1 | 2 |
            """
        #expect(MarkdownBlock.parse(answer) == [
            .heading(level: 1, text: "Title"), .paragraph("Some *text*\ncontinued here."),
            .listItem(depth: 0, marker: "•", text: "one"), .listItem(depth: 1, marker: "•", text: "nested"),
            .listItem(depth: 0, marker: "3)", text: "third"), .quote("quoted\nlazily"), .rule,
            .code(language: "swift", lines: ["let x = 1"], closed: true),
            .table(header: ["a", "b | c"], rows: [["1", "2"]]),
        ])
        // CommonMark: "#5" and "####### x" are not headings; an unclosed fence is code to the end.
        #expect(MarkdownBlock.parse("#5 bolt\n####### seven") == [.paragraph("#5 bolt\n####### seven")])
        #expect(MarkdownBlock.parse("~~~\na\n\nb") == [.code(language: "", lines: ["a", "", "b"], closed: false)])
        #expect(MarkdownBlock.parse("``` a`b\n") == [.paragraph("``` a`b")])
    }

    @Test func inlineMarks() {
        let spans = MarkdownInline.spans("**bold** and *it* `co*de` [site](https://x.org) snake_case_name", style: Paint(.text))
        #expect(spans.map(\.text).joined() == "bold and it co*de site (https://x.org) snake_case_name")
        #expect(spans.first { $0.text == "bold" }?.style.bold == true)
        #expect(spans.first { $0.text == "it" }?.style.italic == true)
        #expect(spans.first { $0.text == "co*de" }?.style == Paint(.inlineCode))
        #expect(spans.first { $0.text == "site" }?.style.underline == true)
        #expect(spans.first { $0.text == " (https://x.org)" }?.style == Paint(.linkURL))
        // Unclosed marks stay as typed, as a half-streamed answer has them.
        #expect(MarkdownInline.spans("a **half", style: Paint(.text)).map(\.text).joined() == "a **half")
        #expect(MarkdownInline.spans("2 * 3 * 4 and \\*not\\*", style: Paint(.text)).map(\.text).joined() == "2 * 3 * 4 and *not*")
    }

    @Test func codeIsCutNotWrapped() {
        let lines = text(MarkdownText.cachedLines("```python\ndef f():\n    return [value for value in range(100) if value % 7 == 0]\n```", width: 30))
        #expect(lines == [
            "╭─ python · C-g shows all ", "│ def f():", "│     return [value for value" + MarkdownLayout.cutMarker, "╰─",
        ])
    }

    @Test func aTableFitsOrShrinksOrBecomesRecords() {
        let table = "| Name | Role |\n|---|---|\n| Priya Sharma | Engineering manager for storage |"
        #expect(text(MarkdownText.cachedLines(table, width: 60)) == [
            "Name         │ Role", "─────────────┼────────────────────────────────", "Priya Sharma │ Engineering manager for storage",
        ])
        #expect(text(MarkdownText.cachedLines(table, width: 30)) == [
            "Name         │ Role", "─────────────┼────────────────", "Priya Sharma │ Engineering", "             │ manager for", "             │ storage",
        ])
        #expect(text(MarkdownText.cachedLines(table, width: 12)) == ["Name: Priya", "Sharma", "Role:", "Engineering", "manager for", "storage"])
    }

    @Test func streamingInOddChunksKeepsWhatWasShownAndEndsAsTheWholeAnswer() {
        let answer = "## Plan\n\nFirst **promote** the standby,\nthen point the *app* at it\nand check `lag`:\n- one\n- two\nafter | pipe\n\n```sql\nSELECT pg_promote();\n\n-- wait\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nDone."
        let whole = text(MarkdownText.cachedLines(answer, width: 40))
        var streamed = ""
        var chunks = answer.makeIterator()
        var size = 1
        while true {
            var chunk = ""
            for _ in 0..<size { if let character = chunks.next() { chunk.append(character) } }
            guard !chunk.isEmpty else { break }
            streamed += chunk
            size = size % 7 + 2
            let shown = text(MarkdownText.streamingLines(streamed, width: 40))
            // What is finished is shown as it will stay.
            let finished = MarkdownText.finishedEnds(of: streamed).blank
            let stable = text(MarkdownText.cachedLines(String(streamed[..<finished]), width: 40))
            #expect(Array(whole.prefix(stable.count)) == stable, "\(streamed)")
            #expect(Array(shown.prefix(stable.count)) == stable)
            #expect(!shown.joined().contains("```"), "a fence is never shown raw: \(streamed)")
        }
        var last = text(MarkdownText.streamingLines(answer, width: 40))
        #expect(last.last?.hasSuffix("▍") == true)
        last[last.count - 1].removeLast()
        #expect(last == whole)
    }
}
