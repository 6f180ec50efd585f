import MemchatCore
import MemchatTerminal

/// The message box: the text being typed, wrapped, with the cursor placed on the grid.
enum InputView {
    static let prompt = "> "

    /// The message's lines as drawn (each wrapped to `width`), and where the cursor is.
    static func layout(_ input: InputBuffer, width: Int) -> (lines: [String], cursor: (column: Int, row: Int)) {
        let width = max(width, 1)
        var lines: [String] = [""]
        var widths: [Int] = [0]
        var cursor = (column: 0, row: 0)
        for (index, character) in input.characters.enumerated() {
            if index == input.cursor { cursor = (widths[widths.count - 1], lines.count - 1) }
            if character == "\n" {
                lines.append("")
                widths.append(0)
                continue
            }
            let shown = TerminalText.sanitized(String(character))
            let characterWidth = TextWidth.of(shown)
            if widths[widths.count - 1] + characterWidth > width {
                lines.append("")
                widths.append(0)
                if index == input.cursor { cursor = (0, lines.count - 1) }
            }
            lines[lines.count - 1] += shown
            widths[widths.count - 1] += characterWidth
        }
        if input.cursor >= input.characters.count { cursor = (widths[widths.count - 1], lines.count - 1) }
        if cursor.column >= width {
            lines.append("")
            cursor = (0, cursor.row + 1)
        }
        return (lines, cursor)
    }

    static func lines(_ state: State, width: Int) -> [String] {
        layout(state.input, width: width).lines
    }

    static func draw(_ state: State, in rect: Rect, on grid: inout Grid) {
        let title = state.incognito ? "Message · incognito" : "Message"
        grid.box(rect, title: title, style: state.focus == .input && state.overlay == nil ? state.theme[.focusedBorder] : state.theme[.border])
        let inner = rect.padded
        let textWidth = inner.width - prompt.count
        guard textWidth > 0, inner.height > 0 else { return }
        let (lines, cursor) = layout(state.input, width: textWidth)
        // Keep the cursor's line in view when the message is taller than the box.
        let first = max(0, min(cursor.row - inner.height + 1, lines.count - inner.height))
        grid.put(prompt, column: inner.x, row: inner.y, style: state.theme[.prompt])
        for (offset, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            grid.put(line, column: inner.x + prompt.count, row: inner.y + offset, style: state.theme[.text], limit: textWidth)
        }
        if state.focus == .input, state.overlay == nil {
            grid.cursor = (inner.x + prompt.count + cursor.column, inner.y + cursor.row - first)
        }
    }
}
