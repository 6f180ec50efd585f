import Foundation
import MemchatTerminal

/// An answer's text as chat pane lines, parsed (`MarkdownBlock`) and laid out
/// (`MarkdownLayout`) once per text and width (`BoundedCache`).
enum MarkdownText {
    static func cachedLines(_ text: String, width: Int) -> [ChatView.Line] {
        laidOut(text, width: width).lines
    }

    /// An answer laid out, whether it ended inside a paragraph, and its last block.
    private struct LaidOut {
        var lines: [ChatView.Line]
        var endsInParagraph: Bool
        var last: MarkdownBlock?
    }

    private static func laidOut(_ text: String, width: Int) -> LaidOut {
        cache.value(for: TextAtWidth(text: text, width: width)) {
            let parsed = MarkdownBlock.parseTrackingParagraph(TerminalText.sanitized(text))
            return LaidOut(
                lines: MarkdownLayout.lines(parsed.blocks, width: width), endsInParagraph: parsed.endsInParagraph, last: parsed.blocks.last)
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
        let finished = split > text.startIndex ? laidOut(String(text[..<split]), width: width) : nil
        var lines = finished?.lines ?? []
        let tail = TerminalText.sanitized(String(text[split...]))
        let blocks = MarkdownBlock.parse(tail)
        let growing = MarkdownLayout.lines(blocks, width: width)
        // The next block starts after a blank line, as stored, except that the items of a
        // list follow one another: after an item, the cursor waits right below it while
        // what comes may still be the next item ("", "2", "2.").
        if let last = finished?.last {
            let joins = blocks.first.map { MarkdownLayout.joins(last, $0) } ?? false
            let mayBeItem = last.isListItem && (blocks.isEmpty || mayStartListItem(tail))
            if !joins, !mayBeItem { lines.append(ChatView.Line(segments: [])) }
        }
        if growing.isEmpty {
            lines.append(ChatView.Line(segments: []))
        } else {
            lines += growing
        }
        lines[lines.count - 1].segments.append(("▍", Paint(.text)))
        return lines
    }

    /// Whether `text` is the start of a list item's marker: "-", "12", "12." and the like.
    private static func mayStartListItem(_ text: String) -> Bool {
        let marker = text.drop { $0 == " " }
        if marker.count == 1, let bullet = marker.first, "-*+".contains(bullet) { return true }
        let digits = marker.prefix { $0.isASCII && $0.isNumber }
        let rest = marker.dropFirst(digits.count)
        return (1...9).contains(digits.count) && (rest.isEmpty || rest == "." || rest == ")")
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
        var fence: Fence?
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let content = bytes[lineStart..<lineEnd].drop { $0 == 0x20 }
            if let open = fence {
                if open.isClosed(by: content) { fence = nil }
            } else if let opening = Fence(opening: content) {
                fence = opening
            } else if lineEnd < bytes.endIndex {
                line = bytes.index(after: lineEnd)
                if content.isEmpty { blank = line }
            }
            lineStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : bytes.endIndex
        }
        return (blank, line)
    }
}
