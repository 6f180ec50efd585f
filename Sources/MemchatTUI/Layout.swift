import MemchatTerminal

/// A rectangle of the screen.
struct Rect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var inner: Rect { Rect(x: x + 1, y: y + 1, width: max(width - 2, 0), height: max(height - 2, 0)) }
    /// Inside the border with a column of space on each side, for text.
    var padded: Rect { Rect(x: x + 2, y: y + 1, width: max(width - 4, 0), height: max(height - 2, 0)) }
}

/// Where each part of the main view goes for a size: status bar on top, chat pane with
/// the recent list beside it, the message box, and the hint line at the bottom.
enum Layout {
    /// Below this width the recent list is hidden.
    static let sidebarMinimumColumns = 60
    static let minimum = Size(columns: 30, rows: 10)

    struct Frame: Equatable {
        var status: Rect
        var chat: Rect
        var sidebar: Rect?
        var input: Rect
        var hints: Rect
    }

    static func fits(_ size: Size) -> Bool {
        size.columns >= minimum.columns && size.rows >= minimum.rows
    }

    static func frame(_ state: State) -> Frame {
        let size = state.size
        let inputLines = min(max(InputView.lines(state, width: size.columns - 4 - InputView.prompt.count).count, 1), max(size.rows / 4, 1))
        let inputHeight = inputLines + 2
        let input = Rect(x: 0, y: size.rows - 1 - inputHeight, width: size.columns, height: inputHeight)
        let paneHeight = max(input.y - 1, 0)
        var chatWidth = size.columns
        var sidebar: Rect?
        if state.sidebar.visible, size.columns >= sidebarMinimumColumns {
            let width = min(40, size.columns / 3)
            chatWidth -= width
            sidebar = Rect(x: chatWidth, y: 1, width: width, height: paneHeight)
        }
        return Frame(
            status: Rect(x: 0, y: 0, width: size.columns, height: 1),
            chat: Rect(x: 0, y: 1, width: chatWidth, height: paneHeight),
            sidebar: sidebar, input: input,
            hints: Rect(x: 0, y: size.rows - 1, width: size.columns, height: 1))
    }
}
