import MemchatCore
import MemchatTerminal

/// The top line: who, where, which model, which session; an error or notice replaces
/// the right part until the next key.
enum StatusBar {
    static func draw(_ state: State, in rect: Rect, on grid: inout Grid) {
        grid.fill(row: rect.y, style: state.theme[.statusBar])
        let right = (state.encoding.map { $0.label + " · " } ?? "") + (state.incognito ? "incognito · not stored" : state.storage) + " "
        /// Who and where, with the session title shortened to what fits in `width`.
        func left(_ width: Int) -> String {
            let prefix = " memchat · \(state.user) · \(state.context) · \(state.mode) · \(state.provider)/\(state.model) · "
            let room = width - TextWidth.of(prefix) - 2
            guard room >= 4 else { return TextWidth.truncate(prefix, to: width) }
            return prefix + "\"" + TextWidth.truncate(TerminalText.sanitized(state.sessionTitle), to: room) + "\""
        }
        if let status = state.status {
            let message = " " + TerminalText.sanitized(status).split(whereSeparator: \.isNewline).joined(separator: " ") + " "
            let width = min(TextWidth.of(message), rect.width / 2)
            let leftWidth = rect.width - width
            grid.put(left(leftWidth - 1), column: 0, row: rect.y, style: state.theme[.statusBar], limit: leftWidth)
            let style = state.entries.last?.kind == .failure || status.contains("error") || status.contains("refused")
                || status.contains("cannot") ? state.theme[.statusError] : state.theme[.statusBar]
            grid.put(TextWidth.truncate(message, to: width), column: leftWidth, row: rect.y, style: style)
            return
        }
        let rightWidth = TextWidth.of(right)
        let leftWidth = max(rect.width - rightWidth - 1, 0)
        grid.put(left(leftWidth), column: 0, row: rect.y, style: state.theme[.statusBar], limit: leftWidth)
        grid.put(right, column: rect.width - rightWidth, row: rect.y, style: state.theme[.statusBar])
    }
}

/// The bottom line: the most useful keys, from the keymap.
enum HintLine {
    static func draw(_ state: State, in rect: Rect, on grid: inout Grid) {
        var text = " " + Keymap.hintLine
        if state.isStreaming { text = " Esc stop the answer · " + Keymap.hintLine }
        if state.focus == .sidebar { text = " Enter re-ask · o open its session · a all contexts · Tab back to the message" }
        grid.put(text, column: rect.x, row: rect.y, style: state.theme[.hint], limit: rect.width)
    }
}
