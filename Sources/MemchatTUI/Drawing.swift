import MemchatTerminal

extension Grid {
    /// A box with a title in its top border.
    mutating func box(_ rect: Rect, title: String, style: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        put("┌" + horizontal + "┐", column: rect.x, row: rect.y, style: style)
        for row in (rect.y + 1)..<(rect.y + rect.height - 1) {
            put("│", column: rect.x, row: row, style: style)
            put("│", column: rect.x + rect.width - 1, row: row, style: style)
        }
        put("└" + horizontal + "┘", column: rect.x, row: rect.y + rect.height - 1, style: style)
        if !title.isEmpty {
            put(" " + title + " ", column: rect.x + 1, row: rect.y, style: style, limit: rect.width - 2)
        }
    }

    /// Clears a rectangle to spaces.
    mutating func clear(_ rect: Rect, style: Style) {
        for row in rect.y..<(rect.y + rect.height) { fill(row: row, column: rect.x, count: rect.width, style: style) }
    }
}
