import Foundation
import MemchatCore
import MemchatTerminal

/// Markdown blocks laid out as chat pane lines at a width. Prose wraps; code never does:
/// a line wider than the pane is cut with a marker (`cutMarker`); tables fit their
/// columns to the width, and a table too wide for any layout shows one record per row.
enum MarkdownLayout {
    typealias Line = ChatView.Line

    static let cutMarker = "→"
    /// How a code block's frame begins, before its language.
    static let codeTop = "╭─ "
    /// The narrowest a table column is shrunk to before the table shows records instead.
    static let narrowestColumn = 6

    static func lines(_ blocks: [MarkdownBlock], width: Int) -> [Line] {
        var lines: [Line] = []
        for (index, block) in blocks.enumerated() {
            if index > 0, !joins(blocks[index - 1], block) { lines.append(Line(segments: [])) }
            lines += blockCache.value(for: BlockAtWidth(block: block, width: width)) { self.lines(block, width: width) }
        }
        return lines
    }

    /// Whether `next` follows `previous` with no blank line between: blocks are set apart by
    /// one, but the items of a list are not.
    static func joins(_ previous: MarkdownBlock, _ next: MarkdownBlock) -> Bool {
        previous.isListItem && next.isListItem
    }

    /// A block laid out at a width, once: a streaming answer's finished part is parsed
    /// again when it grows by a block, but its blocks are not laid out again.
    private struct BlockAtWidth: Hashable {
        var block: MarkdownBlock
        var width: Int
    }

    private static let blockCache = BoundedCache<BlockAtWidth, [Line]>(capacity: 4_096)

    static func lines(_ block: MarkdownBlock, width: Int) -> [Line] {
        guard width > 0 else { return [] }
        switch block {
        case .heading(let level, let text):
            var style = Paint(.heading)
            style.underline = level == 1
            return wrapped(MarkdownInline.spans(text, style: style), width: width)
        case .paragraph(let text):
            return rows(text, style: Paint(.text), width: width).map { Line(segments: $0) }
        case .listItem(let depth, let marker, let text):
            let indent = String(repeating: "  ", count: min(depth, max(0, (width - 4) / 2)))
            let lead = indent + marker + " "
            let body = rows(text, style: Paint(.text), width: max(width - TextWidth.of(lead), 1))
            return body.enumerated().map { row, spans in
                Line(segments: [(row == 0 ? lead : String(repeating: " ", count: TextWidth.of(lead)), row == 0 ? Paint(.listMarker) : Paint(.text))] + spans)
            }
        case .quote(let text):
            let body = rows(text, style: Paint(.quote), width: max(width - 2, 1))
            return body.map { Line(segments: [("│ ", Paint(.quoteBar))] + $0) }
        case .rule:
            return [Line(segments: [(String(repeating: "─", count: width), Paint(.rule))])]
        case .code(let language, let codeLines, let closed):
            let label = language.isEmpty ? "code" : language
            let coloured = SyntaxHighlight.lines(codeLines, language: SyntaxHighlight.language(named: language))
            // A block with lines cut says which key shows it whole.
            let isCut = codeLines.contains { TextWidth.of($0) > width - 2 }
            let top = codeTop + label + (isCut ? " · \(Keymap.firstKey(of: .viewCode)) shows all " : " ")
            var lines = [Line(segments: [(TextWidth.truncate(top, to: width), Paint(.codeFrame))])]
            for spans in coloured {
                lines.append(Line(segments: [("│ ", Paint(.codeFrame))] + cut(spans, width: width - 2)))
            }
            // A fence still open (an answer streaming) has no bottom edge yet.
            if closed { lines.append(Line(segments: [("╰─", Paint(.codeFrame))])) }
            return lines
        case .table(let header, let rows):
            return MarkdownTable(header: header, rows: rows).lines(width: width)
        }
    }

    /// The wrapped rows of a block's lines, each line's inline marks read and wrapped once
    /// per process (a streaming answer lays its growing block out again on every frame).
    static func rows(_ text: String, style: Paint, width: Int) -> [[MarkdownInline.Span]] {
        let variant = style == Paint(.quote) ? 1 : 0
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            rowCache.value(for: TextAtWidth(text: String(line), width: width, variant: variant)) {
                StyledWrap.lines(MarkdownInline.spans(String(line), style: style), width: width)
            }
        }
    }

    private static let rowCache = BoundedCache<TextAtWidth, [[MarkdownInline.Span]]>(capacity: 8_192)

    static func wrapped(_ spans: [MarkdownInline.Span], width: Int) -> [Line] {
        StyledWrap.lines(spans, width: width).map { Line(segments: $0) }
    }

    /// A code line as it fits: whole, or cut with `cutMarker` where the pane ends.
    static func cut(_ spans: [MarkdownInline.Span], width: Int) -> [MarkdownInline.Span] {
        guard width > 0 else { return [] }
        guard spans.reduce(0, { $0 + TextWidth.of($1.text) }) > width else { return spans }
        return columns(spans, from: 0, width: width - 1) + [(cutMarker, Paint(.cutMarker))]
    }

    /// The part of a line from column `start`, at most `width` columns wide; a wide
    /// character half in and half out of the part is left out.
    static func columns(_ spans: [MarkdownInline.Span], from start: Int, width: Int) -> [MarkdownInline.Span] {
        var kept: [MarkdownInline.Span] = []
        var column = 0
        for span in spans {
            var text = ""
            for character in span.text {
                let characterWidth = TextWidth.of(character)
                defer { column += characterWidth }
                if column < start {
                    // The right half of a wide character cut in two is a space.
                    if column + characterWidth > start { text += String(repeating: " ", count: column + characterWidth - start) }
                    continue
                }
                if column + characterWidth > start + width { break }
                text.append(character)
            }
            if !text.isEmpty { kept.append((text, span.style)) }
            if column >= start + width { break }
        }
        return kept
    }
}

extension MarkdownBlock {
    var isListItem: Bool {
        if case .listItem = self { return true }
        return false
    }
}
