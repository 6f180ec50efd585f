import MemchatCore
import MemchatTerminal

/// The recent-interactions list: each question on one line, then how long ago and in
/// which context; the selected one is highlighted while the list has the focus.
enum SidebarView {
    static func draw(_ state: State, in rect: Rect, on grid: inout Grid) {
        let focused = state.focus == .sidebar && state.overlay == nil
        let scope = state.sidebar.allContexts ? "all" : state.context.name
        grid.box(rect, title: "Recent · \(scope)", style: focused ? state.theme[.focusedBorder] : state.theme[.border])
        let inner = rect.inner
        guard inner.width > 2, inner.height > 1 else { return }
        let listHeight = inner.height - 1
        let perItem = 2
        let visible = max(listHeight / perItem, 1)
        let items = state.sidebar.items
        if items.isEmpty {
            grid.put("no questions yet", column: inner.x + 1, row: inner.y, style: state.theme[.muted], limit: inner.width - 1)
        }
        let first = min(max(state.sidebar.selected - visible + 1, 0), max(items.count - visible, 0))
        for (offset, index) in (first..<min(first + visible, items.count)).enumerated() {
            let item = items[index]
            let row = inner.y + offset * perItem
            let selected = index == state.sidebar.selected && focused
            let marker = index == state.sidebar.selected ? "▸ " : "  "
            if selected { grid.fill(row: row, column: inner.x, count: inner.width, style: state.theme[.selected]) }
            grid.put(marker, column: inner.x, row: row, style: selected ? state.theme[.selected] : state.theme[.text])
            grid.put(TextWrap.cachedOneLine(item.question.content, width: inner.width - 2), column: inner.x + 2, row: row,
                     style: selected ? state.theme[.selected] : state.theme[.text], limit: inner.width - 2)
            grid.put("  " + TimeFormat.ago(item.question.createdAt, now: state.now) + " · " + item.context.name,
                     column: inner.x, row: row + 1, style: state.theme[.muted], limit: inner.width)
        }
        grid.put("memory: \(state.sidebar.memoryFacts) facts", column: inner.x + 1, row: inner.y + inner.height - 1, style: state.theme[.muted], limit: inner.width - 1)
    }
}
