import Foundation
import MemchatTerminal

/// An answer's text as chat pane lines, parsed (`MarkdownBlock`) and laid out
/// (`MarkdownLayout`) once per text and width (`BoundedCache`).
enum MarkdownText {
    static func cachedLines(_ text: String, width: Int) -> [ChatView.Line] {
        laidOut(text, width: width).lines
    }

    /// An answer laid out, and whether it ended inside a paragraph.
    private struct LaidOut {
        var lines: [ChatView.Line]
        var endsInParagraph: Bool
    }

    private static func laidOut(_ text: String, width: Int) -> LaidOut {
        cache.value(for: TextAtWidth(text: text, width: width)) {
            let parsed = MarkdownBlock.parseTrackingParagraph(TerminalText.sanitized(text))
            return LaidOut(lines: MarkdownLayout.lines(parsed.blocks, width: width), endsInParagraph: parsed.endsInParagraph)
        }
    }

    private static let cache = BoundedCache<TextAtWidth, LaidOut>(capacity: 1_024)

    /// A streaming answer, with the cursor after it. What is finished comes from the cache
    /// and does not move: the blocks before the last blank line outside a code fence, and
    /// within a paragraph its complete lines (a paragraph keeps its line breaks, so a line
    /// more only adds rows). Only the rest is laid out again on each frame.
    static func streamingLines(_ text: String, width: Int) -> [ChatView.Line] {
        let ends = finishedEnds(of: text)
        if ends.line > ends.blank, let lines = paragraphLines(text, splitAt: ends.line, width: width) { return lines }
        let split = ends.blank
        var lines = split > text.startIndex ? cachedLines(String(text[..<split]), width: width) : []
        let growing = MarkdownLayout.lines(MarkdownBlock.parse(TerminalText.sanitized(String(text[split...]))), width: width)
        // The next block starts after a blank line: the cursor waits there, not on a finished line.
        if !lines.isEmpty { lines.append(ChatView.Line(segments: [])) }
        if growing.isEmpty {
            lines.append(ChatView.Line(segments: []))
        } else {
            lines += growing
        }
        lines[lines.count - 1].segments.append(("▍", Paint(.text)))
        return lines
    }

    /// The streaming answer as its complete lines (cached) and the line being written, when
    /// that line continues a paragraph; nil when it may start or end another block (a
    /// table, whose header is a line with "|", is laid out from its start instead).
    private static func paragraphLines(_ text: String, splitAt split: String.Index, width: Int) -> [ChatView.Line]? {
        let head = text[..<text.utf8.index(before: split)]
        let tail = TerminalText.sanitized(String(text[split...]))
        guard !tail.contains("|"), !(head.utf8.lastIndex(of: 0x0A).map { head[$0...] } ?? head).contains("|") else { return nil }
        let laid = laidOut(String(head), width: width)
        let tailBlocks = MarkdownBlock.parse(tail)
        guard laid.endsInParagraph, tailBlocks.allSatisfy({ if case .paragraph = $0 { return true } else { return false } }) else { return nil }
        var lines = laid.lines
        let rows = MarkdownLayout.rows(tail, style: Paint(.text), width: width)
        lines += rows.map { ChatView.Line(segments: $0) }
        lines[lines.count - 1].segments.append(("▍", Paint(.text)))
        return lines
    }

    /// Where the last blank line outside a code fence ends (`blank`: what comes before is
    /// finished), and where the last line outside one ends (`line`). Read as bytes: it runs
    /// over the whole answer on every frame.
    static func finishedEnds(of text: String) -> (blank: String.Index, line: String.Index) {
        let bytes = text.utf8
        var blank = bytes.startIndex
        var line = bytes.startIndex
        var fence: UInt8?
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let content = bytes[lineStart..<lineEnd].drop { $0 == 0x20 }
            if let mark = content.first, mark == 0x60 || mark == 0x7E, content.prefix(while: { $0 == mark }).count >= 3 {
                if fence == nil { fence = mark } else if fence == mark { fence = nil }
            } else if fence == nil, lineEnd < bytes.endIndex {
                line = bytes.index(after: lineEnd)
                if content.isEmpty { blank = line }
            }
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : bytes.endIndex
        }
        return (blank, line)
    }
}
