import Foundation
import MemchatCore
import MemchatTerminal
import Testing
@testable import MemchatTUI

/// Each built-in theme on a 256-colour terminal, a 16-colour one and with `NO_COLOR`:
/// one screen with every part of the chrome and of a Markdown answer, styles checked.
@Suite("Theme golden screens")
struct ThemeGoldenTests {
    static let answer = """
        ## Promote it

        Run **`pg_ctl promote`** on the standby, see [docs](https://pg.org).

        ```sql
        SELECT pg_promote(); -- waits 60 seconds for the standby to finish replaying WAL
        ```

        | node | lag |
        |---|---:|
        | r1 | 42 |

        > Rebuild the old primary after.
        """

    static func screen(theme name: String, colors: Int) throws -> State {
        var state = TUIFixtures.state(Size(columns: 90, rows: 30))
        state.theme = try ThemeCatalog(directory: nil).theme(named: name).reduced(toColors: colors)
        let turns = [
            TUIFixtures.turn("g1", seq: 0, role: .user, "How do I promote a replica?", minutesAgo: 5),
            TUIFixtures.turn("g2", seq: 1, role: .assistant, answer, minutesAgo: 5),
        ]
        state = reduce(state, .loaded(session: TUIFixtures.session(), turns: turns, recent: TUIFixtures.recent, facts: 14)).0
        return state
    }

    @Test(arguments: ["dark", "light", "high-contrast"], [256, 16, 0])
    func aThemeOnATerminal(theme: String, colors: Int) throws {
        let depth = colors == 0 ? "no-color" : "\(colors)"
        try GoldenScreenTests().expectStyledScreen(try Self.screen(theme: theme, colors: colors), "theme-\(theme)-\(depth)-90x30")
    }
}
