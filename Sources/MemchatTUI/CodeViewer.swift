import MemchatCore
import MemchatTerminal

/// The code viewer overlay: a code block of the chat shown whole, as the chat pane cuts its
/// long lines, scrolled both ways. It opens on the last block reaching the visible part of
/// the chat, and steps to the blocks before and after it.
public struct CodeViewer: Sendable, Equatable {
    struct Block: Sendable, Equatable {
        var language: String
        var lines: [String]
    }

    var blocks: [Block]
    var index: Int
    /// The first line and column shown.
    var top = 0
    var left = 0

    var block: Block { blocks[index] }

    /// The viewer over the session's code blocks, or nil when there are none.
    static func open(_ state: State) -> CodeViewer? {
        var blocks: [Block] = []
        var answers = state.entries.compactMap { entry -> String? in
            if case .answer = entry.kind { return entry.text }
            return nil
        }
        if let streaming = state.streaming { answers.append(streaming) }
        for answer in answers {
            for case .code(let language, let lines, _) in MarkdownBlock.parse(answer) {
                blocks.append(Block(language: language, lines: lines))
            }
        }
        guard !blocks.isEmpty else { return nil }
        let shown = ChatView.visibleBlockCount(state)
        return CodeViewer(blocks: blocks, index: min(max(shown - 1, 0), blocks.count - 1))
    }

    /// The overlay's frame for a screen size.
    static func frame(_ size: Size) -> Rect {
        Overlays.centered(width: size.columns - 2, height: size.rows - 2, in: size)
    }

    /// Where the block's text and the key line are drawn: inside the frame.
    static func page(_ size: Size) -> Rect {
        frame(size).inner
    }

    /// Lines of code shown at once: the page less its last row, the key line.
    static func rows(_ size: Size) -> Int {
        max(page(size).height - 1, 1)
    }

    /// Columns before a line's text: its number, right-aligned, with a space either side.
    var gutter: Int { String(block.lines.count).count + 2 }

    /// Columns of code shown on a row (the page's last column stays blank).
    func textWidth(_ size: Size) -> Int {
        max(Self.page(size).width - gutter - 1, 1)
    }

    /// Moves by lines and columns, kept inside the block.
    mutating func scroll(lines: Int = 0, columns: Int = 0, size: Size) {
        let height = Self.rows(size)
        let widest = block.lines.map(TextWidth.of).max() ?? 0
        top = min(max(top + lines, 0), max(block.lines.count - height, 0))
        left = min(max(left + columns, 0), max(widest - textWidth(size), 0))
    }

    /// To the block `step` away, from its start.
    mutating func step(_ step: Int) {
        index = min(max(index + step, 0), blocks.count - 1)
        top = 0
        left = 0
    }
}
