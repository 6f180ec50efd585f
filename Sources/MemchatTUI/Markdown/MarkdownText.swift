import Foundation
import MemchatTerminal

/// An answer's text as chat pane lines, parsed (`MarkdownBlock`) and laid out
/// (`MarkdownLayout`) once per text and width (`WidthCache`).
enum MarkdownText {
    static func cachedLines(_ text: String, width: Int) -> [ChatView.Line] {
        cache.value(for: text, width: width) {
            MarkdownLayout.lines(MarkdownBlock.parse(TerminalText.sanitized(text)), width: width)
        }
    }

    private static let cache = WidthCache<[ChatView.Line]>(capacity: 1_024)

    /// A streaming answer: its finished blocks (up to the last blank line outside a code
    /// fence) come from the cache and do not move; only the block still growing is laid
    /// out again, with the cursor after it.
    static func streamingLines(_ text: String, width: Int) -> [ChatView.Line] {
        let split = finishedEnd(of: text)
        var lines = split > text.startIndex ? cachedLines(String(text[..<split]), width: width) : []
        let growing = MarkdownLayout.lines(MarkdownBlock.parse(TerminalText.sanitized(String(text[split...]))), width: width)
        // The next block starts after a blank line: the cursor waits there, not on a finished line.
        if !lines.isEmpty { lines.append(ChatView.Line(segments: [])) }
        if growing.isEmpty {
            lines.append(ChatView.Line(segments: []))
        } else {
            lines += growing
        }
        lines[lines.count - 1].segments.append(("▍", Theme.text))
        return lines
    }

    /// Where the last blank line outside a code fence ends: what comes before is finished.
    static func finishedEnd(of text: String) -> String.Index {
        var end = text.startIndex
        var fence: Character?
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd].drop { $0 == " " }
            if let mark = line.first, mark == "`" || mark == "~", line.prefix(while: { $0 == mark }).count >= 3 {
                if fence == nil { fence = mark } else if fence == mark { fence = nil }
            } else if fence == nil, line.isEmpty, lineEnd < text.endIndex {
                end = text.index(after: lineEnd)
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        return end
    }
}
