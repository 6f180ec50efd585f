import Foundation
import MemchatCore
import MemchatTerminal
import Testing
@testable import MemchatTUI

/// Whole screens rendered to text and compared with `Golden/NAME.txt`. Run with
/// `MEMCHAT_UPDATE_GOLDEN=1` to write them after a deliberate change, then review the diff.
@Suite("Golden screens")
struct GoldenScreenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func expectScreen(_ state: State, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try expectGolden(render(state).lines.joined(separator: "\n") + "\n", name, sourceLocation: sourceLocation)
    }

    /// Compares `screen` with `Golden/NAME.txt`, or writes it there (`MEMCHAT_UPDATE_GOLDEN=1`).
    func expectGolden(_ screen: String, _ name: String, sourceLocation: SourceLocation) throws {
        let file = Self.directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["MEMCHAT_UPDATE_GOLDEN"] == "1" {
            try screen.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(screen == expected, "screen \(name) differs:\n\(screen)", sourceLocation: sourceLocation)
    }

    /// `expectScreen` with the styles too: after the text, each row again with one letter per
    /// column naming its cell's style (`.` for plain), and the legend of the letters.
    func expectStyledScreen(_ state: State, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let grid = render(state)
        var legend: [Style] = []
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let rows = (0..<grid.size.rows).map { row in
            String((0..<grid.size.columns).compactMap { column -> Character? in
                let cell = grid[column, row]
                guard cell.width != 0 else { return nil }
                guard cell.style != .plain else { return "." }
                if !legend.contains(cell.style) { legend.append(cell.style) }
                return letters[(legend.firstIndex(of: cell.style) ?? 0) % letters.count]
            })
        }
        let key = legend.enumerated().map { "\(letters[$0.offset % letters.count]) \(Self.describe($0.element))" }
        let screen = (grid.lines + ["-- styles --"] + rows + ["-- legend --"] + key).joined(separator: "\n") + "\n"
        try expectGolden(screen, name, sourceLocation: sourceLocation)
    }

    /// "fg cyan, bold": the parts of a style that differ from plain.
    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.foreground != .default { parts.append("fg \(style.foreground)") }
        if style.background != .default { parts.append("bg \(style.background)") }
        for (on, name) in [(style.bold, "bold"), (style.dim, "dim"), (style.italic, "italic"), (style.underline, "underline"), (style.reverse, "reverse")] where on {
            parts.append(name)
        }
        return parts.joined(separator: ", ")
    }

    @Test func aMarkdownAnswerWithItsStyles() throws {
        var state = TUIFixtures.state(Size(columns: 64, rows: 34))
        state.sidebar.visible = false
        let answer = """
            ## Replica lag

            Check the **primary** with `pg_stat_replication`, see [docs](https://x.org).

            - one *item*
              - nested

            ```swift
            let lag = 42 // bytes behind the primary, which is too far for failover
            ```

            | replica | lag |
            |---|---:|
            | r1 | 42 |

            > Rebuild it.

            ---
            """
        let turns = [
            TUIFixtures.turn("m1", seq: 0, role: .user, "how far behind?", minutesAgo: 5),
            TUIFixtures.turn("m2", seq: 1, role: .assistant, answer, minutesAgo: 5),
        ]
        state = reduce(state, .loaded(session: TUIFixtures.session(), turns: turns, recent: [], facts: 0)).0
        try expectStyledScreen(state, "markdown-styles-64x34")
    }

    @Test func mainView() throws {
        try expectScreen(TUIFixtures.populated(), "main-100x24")
    }

    @Test func mainViewStreamingWithAMultiLineMessage() throws {
        var state = TUIFixtures.populated()
        state = TUIFixtures.typing("and how do I check replication lag first?", into: state)
        state = reduce(state, TUIFixtures.key(.enter)).0
        state = reduce(state, .engine(.text("Query `pg_stat_replication` on the primary"))).0
        state = TUIFixtures.typing("next: what about", into: state)
        state = reduce(state, TUIFixtures.key(.character("j"), control: true)).0
        state = TUIFixtures.typing("logical replicas?", into: state)
        try expectScreen(state, "streaming-100x24")
    }

    @Test func narrowTerminalHidesTheRecentList() throws {
        try expectScreen(TUIFixtures.populated(Size(columns: 58, rows: 16)), "narrow-58x16")
    }

    @Test func tooSmallTerminalSaysSo() throws {
        try expectScreen(TUIFixtures.populated(Size(columns: 24, rows: 6)), "too-small-24x6")
    }

    @Test func wideCharactersWrapByColumns() throws {
        var state = TUIFixtures.state(Size(columns: 40, rows: 14))
        state.sidebar.visible = false
        let turns = [
            TUIFixtures.turn("c1", seq: 0, role: .user, "東京の天気はどうですか？傘は必要ですか？明日の朝の予報も教えてください。", minutesAgo: 5),
            TUIFixtures.turn("c2", seq: 1, role: .assistant, "Take an umbrella ☂️ 👍🏽 — café crème, naïve résumé, e\u{301}te\u{301}. Fine.", minutesAgo: 5),
        ]
        state = reduce(state, .loaded(session: TUIFixtures.session(), turns: turns, recent: [], facts: 0)).0
        try expectScreen(state, "wide-40x14")
    }

    @Test func reasoningCollapsedAndExpanded() throws {
        var state = TUIFixtures.state(Size(columns: 60, rows: 16))
        state.sidebar.visible = false
        let thinking = "The user wants the lag. pg_stat_replication has replay_lsn; compare it with the current WAL position."
        let turns = [
            TUIFixtures.turn("r1", seq: 0, role: .user, "how far behind is the standby?", minutesAgo: 5),
            TUIFixtures.turn("r2", seq: 1, role: .assistant, "Compare **replay_lsn** with the primary's WAL position.", minutesAgo: 5,
                             metadata: AnswerMetadata(reasoning: thinking).written()),
        ]
        state = reduce(state, .loaded(session: TUIFixtures.session(), turns: turns, recent: [], facts: 0)).0
        try expectScreen(state, "reasoning-collapsed-60x16")
        state = reduce(state, TUIFixtures.key(.character("r"), control: true)).0
        try expectScreen(state, "reasoning-expanded-60x16")
        state = reduce(state, TUIFixtures.key(.character("r"), control: true)).0
        try expectScreen(state, "reasoning-collapsed-60x16")
    }

    @Test func picker() throws {
        var state = TUIFixtures.populated()
        state = reduce(state, TUIFixtures.key(.character("o"), control: true)).0
        state = reduce(state, .sessionsListed([
            TUIFixtures.session("s1", title: "Postgres failover plan", minutesAgo: 2),
            TUIFixtures.session("s2", title: "Haiku about rain", context: .creative, minutesAgo: 90),
            TUIFixtures.session("s3", title: "東京の天気について", context: .personal, minutesAgo: 60 * 30),
        ])).0
        state = TUIFixtures.typing("a", into: state)
        try expectScreen(state, "picker-100x24")
    }

    @Test func help() throws {
        var state = TUIFixtures.populated(Size(columns: 100, rows: 60))
        state = reduce(state, TUIFixtures.key(.function(1))).0
        try expectScreen(state, "help-100x60")
    }

    @Test func hostileTextIsShownNotObeyed() throws {
        var state = TUIFixtures.state(Size(columns: 60, rows: 12))
        let turns = [TUIFixtures.turn("h1", seq: 0, role: .assistant, "ok\u{1B}[2J\u{1B}]0;pwned\u{07} \u{202E}txet\u{9B}31m", minutesAgo: 1)]
        state = reduce(state, .loaded(session: TUIFixtures.session(), turns: turns, recent: [], facts: 0)).0
        let screen = render(state).lines.joined(separator: "\n")
        #expect(screen.contains("ok␛␛ �txet�31m"))
        #expect(!screen.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })
    }
}
