import MemchatCore
import MemchatTerminal

/// A Markdown table laid out to a width: columns as wide as their widest cell when the
/// table fits; else the widest columns shrink (cells wrap) down to
/// `MarkdownLayout.narrowestColumn`; a table that still does not fit shows each row as a
/// record, one "header: value" line per cell.
struct MarkdownTable {
    var header: [String]
    var rows: [[String]]

    private static let separator = " │ "

    func lines(width: Int) -> [ChatView.Line] {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        let cells = ([header] + rows).map { row in (0..<columns).map { $0 < row.count ? MarkdownInline.spans(row[$0], style: Paint(.text)) : [] } }
        var widths = (0..<columns).map { column in
            cells.map { row in row[column].reduce(0) { $0 + TextWidth.of($1.text) } }.max() ?? 0
        }.map { max($0, 1) }
        let separators = TextWidth.of(Self.separator) * (columns - 1)
        while widths.reduce(0, +) + separators > width {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > MarkdownLayout.narrowestColumn else {
                return records(cells, width: width)
            }
            widths[widest] -= 1
        }
        var lines: [ChatView.Line] = []
        for (index, row) in cells.enumerated() {
            lines += self.row(index == 0 ? row.map { $0.map { ($0.text, Paint(.tableHeader)) } } : row, widths: widths)
            if index == 0 {
                let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
                lines.append(ChatView.Line(segments: [(rule, Paint(.tableBorder))]))
            }
        }
        return lines
    }

    /// One table row: each cell wrapped to its column, padded, as tall as its tallest cell.
    private func row(_ cells: [[MarkdownInline.Span]], widths: [Int]) -> [ChatView.Line] {
        let wrapped = zip(cells, widths).map { StyledWrap.lines($0, width: $1) }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { line in
            var segments: [(text: String, style: Paint)] = []
            for (column, cell) in wrapped.enumerated() {
                if column > 0 { segments.append((Self.separator, Paint(.tableBorder))) }
                let spans = line < cell.count ? cell[line] : []
                segments += spans
                let used = spans.reduce(0) { $0 + TextWidth.of($1.text) }
                if column < wrapped.count - 1 { segments.append((String(repeating: " ", count: max(widths[column] - used, 0)), Paint(.text))) }
            }
            return ChatView.Line(segments: segments)
        }
    }

    /// Each row as a record: "header: value" lines, rows set apart by a blank line.
    private func records(_ cells: [[[MarkdownInline.Span]]], width: Int) -> [ChatView.Line] {
        var lines: [ChatView.Line] = []
        for (index, row) in cells.dropFirst().enumerated() {
            if index > 0 { lines.append(ChatView.Line(segments: [])) }
            for (column, spans) in row.enumerated() {
                let name = column < header.count ? header[column] : ""
                lines += MarkdownLayout.wrapped([(name + ": ", Paint(.tableHeader))] + spans, width: width)
            }
        }
        return lines
    }
}
