import Foundation
import MemchatCore
import MemchatEngine
@testable import MemchatTUI
import MemchatTerminal

/// States and stored records for TUI tests, at fixed times in UTC.
enum TUIFixtures {
    /// 2026-11-23 10:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_429_800)

    static func state(_ size: Size = Size(columns: 100, rows: 24)) -> State {
        var state = State(size: size, now: now, user: "louis", storage: "sqlite", provider: "openai", model: "gpt-4o-mini", context: .work)
        state.timeZone = TimeZone(identifier: "UTC") ?? .current
        state.loaded = true
        return state
    }

    static func session(_ id: String = "s1", title: String = "Postgres failover plan", context: Context = .work, minutesAgo: Double = 2) -> Session {
        // Valid ids only: fixtures are constants.
        let sessionID = (try? SessionID(id)) ?? (try? SessionID("s0"))
        let user = (try? UserName("louis")) ?? (try? UserName("u"))
        guard let sessionID, let user else { preconditionFailure("fixture ids are valid") }
        var session = Session(id: sessionID, userID: user, title: title, context: context, mode: .assistant, createdAt: now.addingTimeInterval(-3600))
        session.lastActivity = now.addingTimeInterval(-minutesAgo * 60)
        session.turnCount = 4
        return session
    }

    static func turn(_ id: String, session: String = "s1", seq: Int, role: Role, _ content: String, minutesAgo: Double, metadata: Metadata = [:]) -> Turn {
        let turnID = (try? TurnID(id)) ?? (try? TurnID("t0"))
        let sessionID = (try? SessionID(session)) ?? (try? SessionID("s0"))
        guard let turnID, let sessionID else { preconditionFailure("fixture ids are valid") }
        return Turn(id: turnID, sessionID: sessionID, seq: seq, role: role, content: content,
                    createdAt: now.addingTimeInterval(-minutesAgo * 60), metadata: metadata)
    }

    static func interaction(_ question: String, context: Context, minutesAgo: Double, session: String = "s9") -> Interaction {
        Interaction(
            question: turn("q-\(question.count)-\(Int(minutesAgo))", session: session, seq: 0, role: .user, question, minutesAgo: minutesAgo),
            answer: nil, sessionTitle: question, context: context)
    }

    static let conversation: [Turn] = [
        turn("t1", seq: 0, role: .user, "How do I promote a streaming replica in Postgres 16?", minutesAgo: 28),
        turn("t2", seq: 1, role: .assistant, "Run `pg_ctl promote` on the standby, or call `SELECT pg_promote();` from psql. Then:\n 1. point the app at the new primary\n 2. rebuild the old primary as a standby (pg_rewind)", minutesAgo: 28),
    ]

    static let recent: [Interaction] = [
        interaction("How do I promote a replica?", context: .work, minutesAgo: 2),
        interaction("What did Priya say about Q3?", context: .work, minutesAgo: 60 * 26),
        interaction("Rotate the deploy keys", context: .work, minutesAgo: 60 * 24 * 3),
    ]

    /// The main view with a resumed session and the recent list filled.
    static func populated(_ size: Size = Size(columns: 100, rows: 24)) -> State {
        var state = state(size)
        state = reduce(state, .loaded(session: session(), turns: conversation, recent: recent, facts: 14)).0
        return state
    }

    static func key(_ code: KeyPress.Code, control: Bool = false, alt: Bool = false) -> Action {
        .terminal(.key(KeyPress(code, control: control, alt: alt)))
    }

    static func typing(_ text: String, into state: State) -> State {
        text.reduce(state) { reduce($0, key(.character($1))).0 }
    }
}
