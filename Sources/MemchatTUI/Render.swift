import MemchatCore
import MemchatTerminal

/// Draws the whole screen for a state: pure, so screens can be compared as text.
public func render(_ state: State) -> Grid {
    var grid = Grid(size: state.size)
    if state.theme[.screen] != .plain { grid.clear(Rect(x: 0, y: 0, width: state.size.columns, height: state.size.rows), style: state.theme[.screen]) }
    guard Layout.fits(state.size) else {
        let message = "memchat needs at least \(Layout.minimum.columns)x\(Layout.minimum.rows); this terminal is \(state.size)"
        for (offset, line) in TextWrap.lines(message, width: state.size.columns).prefix(state.size.rows).enumerated() {
            grid.put(line, column: 0, row: offset, style: state.theme[.text])
        }
        return grid
    }
    let frame = Layout.frame(state)
    StatusBar.draw(state, in: frame.status, on: &grid)
    ChatView.draw(state, in: frame.chat, on: &grid)
    if let sidebar = frame.sidebar { SidebarView.draw(state, in: sidebar, on: &grid) }
    InputView.draw(state, in: frame.input, on: &grid)
    HintLine.draw(state, in: frame.hints, on: &grid)
    if let overlay = state.overlay {
        grid.cursor = nil
        Overlays.draw(overlay, state: state, on: &grid)
    }
    return grid
}
