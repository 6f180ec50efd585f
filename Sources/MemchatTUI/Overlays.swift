import MemchatCore
import MemchatTerminal

/// The session picker, the help screen and the quit question, drawn over the main view.
enum Overlays {
    static func draw(_ overlay: Overlay, state: State, on grid: inout Grid) {
        switch overlay {
        case .picker(let picker): drawPicker(picker, state: state, on: &grid)
        case .help: drawHelp(state, on: &grid)
        case .confirmQuit:
            let rect = centered(width: 44, height: 3, in: state.size)
            grid.clear(rect, style: state.theme[.screen])
            grid.box(rect, title: "Quit", style: state.theme[.focusedBorder])
            grid.put("Quit memchat? y to quit, any key to stay", column: rect.x + 2, row: rect.y + 1, style: state.theme[.text], limit: rect.width - 4)
        }
    }

    static func centered(width: Int, height: Int, in size: Size) -> Rect {
        let width = min(width, size.columns - 2)
        let height = min(height, size.rows - 2)
        return Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
    }

    private static func drawPicker(_ picker: Picker, state: State, on grid: inout Grid) {
        let rect = centered(width: min(state.size.columns - 4, 110), height: state.size.rows - 4, in: state.size)
        grid.clear(rect, style: state.theme[.screen])
        grid.box(rect, title: "Sessions (\(picker.shown.count))", style: state.theme[.focusedBorder])
        let inner = rect.inner
        guard inner.height > 4, inner.width > 20 else { return }
        grid.put("filter: " + picker.filter, column: inner.x + 1, row: inner.y, style: state.theme[.prompt], limit: inner.width - 1)
        let header = row(["title", "context", "mode", "turns", "last activity"], width: inner.width - 2)
        grid.put(header, column: inner.x + 1, row: inner.y + 1, style: state.theme[.title])
        let listHeight = inner.height - 4
        let shown = picker.shown
        let first = min(max(picker.selected - listHeight + 1, 0), max(shown.count - listHeight, 0))
        for (offset, index) in (first..<min(first + listHeight, shown.count)).enumerated() {
            let session = shown[index]
            let line = row([
                TerminalText.sanitized(session.title), session.context.name, session.mode.rawValue, String(session.turnCount),
                TimeFormat.clock(session.lastActivity, now: state.now, timeZone: state.timeZone) + (session.state == .active ? "" : " (\(session.state))"),
            ], width: inner.width - 2)
            let style = index == picker.selected ? state.theme[.selected] : state.theme[.text]
            if index == picker.selected { grid.fill(row: inner.y + 2 + offset, column: inner.x, count: inner.width, style: style) }
            grid.put(line, column: inner.x + 1, row: inner.y + 2 + offset, style: style)
        }
        if shown.isEmpty {
            grid.put(picker.sessions.isEmpty ? "no sessions yet" : "no session matches", column: inner.x + 1, row: inner.y + 2, style: state.theme[.muted])
        }
        let footer: String
        if let title = picker.renaming {
            footer = "new title: " + title + "▍  (Enter save · Esc cancel)"
        } else if picker.confirmingDelete {
            footer = "delete this session and all its turns? y to delete, any key to keep"
        } else {
            footer = Keymap.bindings.filter { $0.scope == .picker && $0.command != .pickerUp && $0.command != .pickerDown }
                .map { "\($0.keys.first?.description ?? "") \($0.command == .pickerResume ? "resume" : $0.command == .closeOverlay ? "close" : String($0.command.rawValue.dropFirst(6)).lowercased())" }
                .joined(separator: " · ") + " · type to filter"
        }
        grid.put(footer, column: inner.x + 1, row: inner.y + inner.height - 1, style: picker.confirmingDelete ? state.theme[.failure] : state.theme[.hint], limit: inner.width - 1)
    }

    /// Columns of a picker row: the title takes what the others leave.
    private static func row(_ cells: [String], width: Int) -> String {
        let fixed = [10, 10, 6, 18]
        let titleWidth = max(width - fixed.reduce(0, +) - fixed.count * 2, 8)
        var line = TextWidth.pad(cells[0], to: titleWidth)
        for (cell, cellWidth) in zip(cells.dropFirst(), fixed) { line += "  " + TextWidth.pad(cell, to: cellWidth) }
        return line
    }

    private static func drawHelp(_ state: State, on grid: inout Grid) {
        let rect = centered(width: min(state.size.columns - 4, 100), height: state.size.rows - 2, in: state.size)
        grid.clear(rect, style: state.theme[.screen])
        grid.box(rect, title: "Help · any key closes", style: state.theme[.focusedBorder])
        let inner = rect.inner
        var lines: [(String, Style)] = []
        for scope in Scope.allCases {
            lines.append((scope.rawValue, state.theme[.title]))
            for binding in Keymap.bindings where binding.scope == scope {
                let keys = binding.keys.map(\.description).joined(separator: ", ")
                lines.append(("  " + TextWidth.pad(keys, to: 16) + "  " + binding.description, state.theme[.text]))
            }
        }
        lines.append(("commands", state.theme[.title]))
        lines.append(("  " + UICommand.usage, state.theme[.text]))
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            grid.put(line.0, column: inner.x + 1, row: inner.y + offset, style: line.1, limit: inner.width - 1)
        }
    }
}
