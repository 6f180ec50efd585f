import Foundation
import MemchatCore
import MemchatTerminal

/// The chat pane: each entry as a label line and its wrapped text (answers read as
/// Markdown), the streaming answer last, scrolled from the bottom.
enum ChatView {
    struct Line: Equatable {
        var segments: [(text: String, style: Paint)]

        static func == (lhs: Line, rhs: Line) -> Bool {
            lhs.segments.map(\.text) == rhs.segments.map(\.text) && lhs.segments.map(\.style) == rhs.segments.map(\.style)
        }
    }

    static func lines(_ state: State, width: Int) -> [Line] {
        var lines = HistoryCache.shared.lines(state, width: width)
        if let streaming = state.streaming {
            lines.append(Line(segments: [("assistant", Paint(.assistantLabel)), ("  " + TimeFormat.clock(state.now, now: state.now, timeZone: state.timeZone), Paint(.time)), (" …", Paint(.time))]))
            if state.streamingReasoning > 0 {
                lines.append(Line(segments: [("▸ thinking · \(state.streamingReasoning) characters", Paint(.reasoning))]))
            }
            lines += MarkdownText.streamingLines(streaming, width: width)
        }
        return lines
    }

    /// The lines of the stored entries: the same on every frame while an answer streams.
    static func historyLines(_ state: State, width: Int) -> [Line] {
        var lines: [Line] = []
        func add(_ text: String, style: Paint) {
            for line in TextWrap.cachedLines(text, width: width) { lines.append(Line(segments: [(line, style)])) }
        }
        for (index, entry) in state.entries.enumerated() {
            let time = TimeFormat.clock(entry.time, now: state.now, timeZone: state.timeZone)
            switch entry.kind {
            case .question:
                lines.append(Line(segments: [("you", Paint(.userLabel)), ("  " + time, Paint(.time))]))
                add(entry.text, style: Paint(.text))
            case .answer(let interrupted):
                lines.append(Line(segments: [("assistant", Paint(.assistantLabel)), ("  " + time, Paint(.time))]))
                lines += MarkdownText.cachedLines(entry.text, width: width)
                if let reasoning = entry.reasoning { lines += reasoningLines(reasoning, expanded: state.showsReasoning, width: width) }
                if interrupted { lines.append(Line(segments: [("[interrupted]", Paint(.event))])) }
            case .failure:
                lines.append(Line(segments: [("assistant", Paint(.assistantLabel)), ("  " + time, Paint(.time))]))
                add(entry.text, style: Paint(.failure))
                if index == state.entries.count - 1 { add(Keymap.firstKey(of: .askAgain) + " asks it again", style: Paint(.event)) }
            case .event:
                add("── " + entry.text + " ──", style: Paint(.event))
            case .notice:
                add(entry.text, style: Paint(.notice))
            }
            lines.append(Line(segments: []))
        }
        return lines
    }

    /// An answer's reasoning: one line saying how long it is and how to see it, or all of it.
    static func reasoningLines(_ reasoning: String, expanded: Bool, width: Int) -> [Line] {
        let key = Keymap.firstKey(of: .toggleReasoning)
        guard expanded else {
            return [Line(segments: [(TextWidth.truncate("▸ reasoning · \(reasoning.count) characters · \(key) shows it", to: width), Paint(.reasoning))])]
        }
        return [Line(segments: [(TextWidth.truncate("▾ reasoning · \(key) hides it", to: width), Paint(.reasoning))])]
            + TextWrap.cachedLines(reasoning, width: width).map { Line(segments: [($0, Paint(.reasoning))]) }
    }

    /// The last history computed, reused while entries, width, day and the reasoning
    /// toggle stay the same.
    private final class HistoryCache: @unchecked Sendable {
        static let shared = HistoryCache()
        private let lock = NSLock()
        private var key: (entries: [ChatEntry], width: Int, day: Substring, zone: TimeZone, reasoning: Bool)?
        private var value: [Line] = []

        func lines(_ state: State, width: Int) -> [Line] {
            // Labels say "10:02" today and "Nov 21 10:02" before: they change with the day.
            let day = TimeFormat.clock(state.now, now: .distantPast, timeZone: state.timeZone).prefix(6)
            if let cached = lock.withLock({ () -> [Line]? in
                guard let key, key.width == width, key.day == day, key.zone == state.timeZone, key.reasoning == state.showsReasoning,
                      key.entries == state.entries else { return nil }
                return value
            }) {
                return cached
            }
            let lines = ChatView.historyLines(state, width: width)
            lock.withLock {
                key = (state.entries, width, day, state.timeZone, state.showsReasoning)
                value = lines
            }
            return lines
        }
    }

    static func draw(_ state: State, in rect: Rect, on grid: inout Grid) {
        let focused = state.focus == .input && state.overlay == nil
        grid.box(rect, title: "Chat", style: focused ? state.theme[.focusedBorder] : state.theme[.border])
        let inner = rect.padded
        guard inner.width > 0, inner.height > 0 else { return }
        let all = lines(state, width: inner.width)
        if all.isEmpty {
            let hint = state.loaded ? "Ask anything. Your questions and answers are kept; the recent list shows earlier ones." : "loading…"
            for (index, line) in TextWrap.lines(hint, width: inner.width).prefix(inner.height).enumerated() {
                grid.put(line, column: inner.x, row: inner.y + index, style: state.theme[.muted])
            }
            return
        }
        let end = visibleEnd(state, lineCount: all.count, height: inner.height)
        let scroll = all.count - end
        let start = max(end - inner.height, 0)
        for (offset, line) in all[start..<end].enumerated() {
            var column = inner.x
            for segment in line.segments {
                column = grid.put(segment.text, column: column, row: inner.y + offset, style: state.theme.style(segment.style), limit: inner.x + inner.width - column)
            }
        }
        if all.count > inner.height {
            let percent = Int((Double(end) / Double(all.count) * 100).rounded())
            let marker = scroll > 0 ? "▼ \(percent)%" : "▲ \(percent)%"
            grid.put(" " + marker + " ", column: rect.x + rect.width - TextWidth.of(marker) - 3, row: rect.y + rect.height - 1, style: state.theme[.border])
        }
    }

    /// How many code blocks begin above the bottom of the chat as scrolled: the code viewer
    /// opens on the last of them.
    static func visibleBlockCount(_ state: State) -> Int {
        let inner = Layout.frame(state).chat.padded
        let all = lines(state, width: inner.width)
        return all[..<visibleEnd(state, lineCount: all.count, height: inner.height)].count { line in
            guard let first = line.segments.first else { return false }
            return first.style.role == .codeFrame && first.text.hasPrefix(MarkdownLayout.codeTop)
        }
    }

    /// Where the shown part of the chat's lines ends: the scroll, bounded by the lines there are.
    private static func visibleEnd(_ state: State, lineCount: Int, height: Int) -> Int {
        lineCount - min(state.scroll, max(lineCount - height, 0))
    }

    /// Lines the chat can scroll up by.
    static func maxScroll(_ state: State) -> Int {
        let inner = Layout.frame(state).chat.padded
        return max(lines(state, width: inner.width).count - inner.height, 0)
    }

    static func page(_ state: State) -> Int {
        max(Layout.frame(state).chat.padded.height - 2, 1)
    }
}
