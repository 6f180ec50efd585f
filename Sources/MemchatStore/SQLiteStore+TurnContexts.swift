import Foundation
import GRDB
import MemchatCore

/// Per-turn context and mode: `turns.context`/`turns.mode` are NULL while a turn stands
/// where its session stands, and set when the session moves away. `session_contexts`
/// lists, for each session, the contexts its turns name other than its current one, so
/// the recent list of a context finds them without reading other sessions' turns.
extension SQLiteStore {
    /// Gives the session's turns before `seq` (all when nil) whose context or mode is
    /// NULL what `change` keeps of them, and records the context it leaves.
    func settleTurns(sessionPK: Int64, before seq: Int?, for change: ContextSwitch, in db: Database) throws {
        let bound = seq ?? Int.max
        if let context = change.keptContext {
            try db.cachedStatement(sql: """
                UPDATE turns SET context = ? WHERE session_pk = ? AND seq < ? AND context IS NULL
                """).execute(arguments: [context.name, sessionPK, bound])
            try recordLeftContext(context.name, sessionPK: sessionPK, in: db)
        }
        if let mode = change.keptMode {
            try db.cachedStatement(sql: """
                UPDATE turns SET mode = ? WHERE session_pk = ? AND seq < ? AND mode IS NULL
                """).execute(arguments: [mode.rawValue, sessionPK, bound])
        }
    }

    /// Notes that turns of the session name `context`, which is not (or no longer) the
    /// session's own.
    func recordLeftContext(_ context: String, sessionPK: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO session_contexts (context, session_pk) VALUES (?, ?)")
            .execute(arguments: [context, sessionPK])
    }

    /// Replays the switch events among the session's turns, in order, as `changeContext`
    /// would have settled them: for turns written before turns kept their own context.
    /// Idempotent (only NULLs are filled). Reads the session's system turns only.
    func settleRecordedSwitches(sessionPK: Int64, sessionID: SessionID, in db: Database) throws {
        let events = try TurnRow.all().inSession(sessionPK)
            .filter(TurnRow.Columns.role == Role.system.rawValue)
            .order(TurnRow.Columns.seq).fetchAll(db)
        for event in events {
            guard let change = ContextSwitch(event: try event.turn(sessionID: sessionID)) else { continue }
            try settleTurns(sessionPK: sessionPK, before: event.seq, for: change, in: db)
        }
    }

    /// Gives every turn of the session without a context or mode its session's, before
    /// its turns move into another session (a merge): there NULL would mean the other
    /// session's, and switch events moved with them must not settle the other's turns.
    func nameOwnFooting(of session: SessionRow, in db: Database) throws {
        try db.execute(sql: """
            UPDATE turns SET context = COALESCE(context, ?), mode = COALESCE(mode, ?)
            WHERE session_pk = ? AND (context IS NULL OR mode IS NULL)
            """, arguments: [session.context, session.mode, session.pk])
    }
}

extension SessionRow {
    /// Where the session stands; stored text that no longer validates is reported.
    func footing() throws -> ContextSwitch.Footing {
        ContextSwitch.Footing(context: try Context(context), mode: try Mode(parsing: mode))
    }
}
