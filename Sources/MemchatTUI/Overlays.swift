import MemchatCore
import MemchatTerminal

/// The session picker, the help screen and the quit question, drawn over the main view.
enum Overlays {
    static func draw(_ overlay: Overlay, state: State, on grid: inout Grid) {
        switch overlay {
        case .picker(let picker): drawPicker(picker, state: state, on: &grid)
        case .help(let top): drawHelp(state, top: top, on: &grid)
        case .code(let viewer): drawCode(viewer, state: state, on: &grid)
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

    /// The code block whole: numbered lines from the viewer's top and left, the keys below.
    private static func drawCode(_ viewer: CodeViewer, state: State, on grid: inout Grid) {
        let rect = CodeViewer.frame(state.size)
        let page = rect.inner
        grid.clear(rect, style: state.theme[.screen])
        let block = viewer.block
        let height = CodeViewer.rows(state.size)
        let shown = block.lines.isEmpty ? "empty" : "lines \(viewer.top + 1)-\(min(viewer.top + height, block.lines.count)) of \(block.lines.count)"
        let title = "\(block.language.isEmpty ? "code" : block.language) · block \(viewer.index + 1) of \(viewer.blocks.count) · \(shown)"
            + (viewer.left > 0 ? " · from column \(viewer.left + 1)" : "")
        grid.box(rect, title: title, style: state.theme[.focusedBorder])
        guard page.width > 8, page.height > 1 else { return }
        let textWidth = viewer.textWidth(state.size)
        let coloured = SyntaxHighlight.lines(
            Array(block.lines[viewer.top..<min(viewer.top + height, block.lines.count)]),
            language: SyntaxHighlight.language(named: block.language))
        for (offset, spans) in coloured.enumerated() {
            let row = page.y + offset
            let number = String(viewer.top + offset + 1)
            var column = grid.put(
                String(repeating: " ", count: viewer.gutter - 1 - number.count) + number + " ", column: page.x, row: row, style: state.theme[.codeFrame])
            // What goes on past the right edge is marked, as in the chat.
            let line = MarkdownLayout.cut(MarkdownLayout.columns(spans, from: viewer.left, width: Int.max / 2), width: textWidth)
            for span in line {
                column = grid.put(span.text, column: column, row: row, style: state.theme.style(span.style), limit: page.x + page.width - column)
            }
        }
        func keys(_ commands: [Command]) -> String {
            commands.map { Keymap.firstKey(of: $0, in: .code) }.joined(separator: " ")
        }
        let footer = keys([.codeUp, .codeDown, .codePageUp, .codePageDown, .codeLeft, .codeRight, .codeLineStart, .codeLineEnd])
            + " scroll · " + keys([.codePrevious, .codeNext]) + " other blocks · " + keys([.closeCode]) + " close"
        grid.put(footer, column: page.x, row: page.y + page.height - 1, style: state.theme[.hint], limit: page.width)
    }

    /// Where the help is drawn: nearly the whole screen.
    private static func helpRect(_ size: Size) -> Rect {
        centered(width: min(size.columns - 4, 100), height: size.rows - 2, in: size)
    }

    /// How many lines of help the screen shows at once.
    static func helpPage(_ size: Size) -> Int {
        max(helpRect(size).inner.height, 1)
    }

    /// The help: every binding of the keymap by scope, then the slash commands.
    static func helpLines(_ theme: Theme) -> [(String, Style)] {
        var lines: [(String, Style)] = []
        for scope in Scope.allCases {
            lines.append((scope.rawValue, theme[.title]))
            for binding in Keymap.bindings where binding.scope == scope {
                let keys = binding.keys.map(\.description).joined(separator: ", ")
                lines.append(("  " + TextWidth.pad(keys, to: 16) + "  " + binding.description, theme[.text]))
            }
        }
        lines.append(("commands", theme[.title]))
        lines.append(("  " + UICommand.usage, theme[.text]))
        return lines
    }

    private static func drawHelp(_ state: State, top: Int, on grid: inout Grid) {
        let rect = helpRect(state.size)
        grid.clear(rect, style: state.theme[.screen])
        let lines = helpLines(state.theme)
        let inner = rect.inner
        let scrolls = lines.count > inner.height
        grid.box(rect, title: scrolls ? "Help · ↑↓ PgUp PgDn scroll · any other key closes" : "Help · any key closes", style: state.theme[.focusedBorder])
        for (offset, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            grid.put(line.0, column: inner.x + 1, row: inner.y + offset, style: line.1, limit: inner.width - 1)
        }
    }
}
