import Foundation
import GRDB
import MemchatCore

/// One-time work a migration leaves in the `maintenance` table, done by
/// `SQLiteStore.completePendingMaintenance` after start-up rather than while opening.
enum SQLiteMaintenance: String {
    /// Databases from before per-turn contexts (migration v2) hold switch events whose
    /// earlier turns have a NULL context, which would now mean the session's current one.
    /// The value is stored in databases: never change it.
    case settleRecordedSwitches = "settle turns before recorded context switches"
}

extension SQLiteStore {
    /// Sessions are settled this many per write transaction, so that a long backfill
    /// never holds the write lock for long.
    static let maintenanceBatch = 64

    /// Finds the sessions with recorded switch events through the full-text index (their
    /// text "context switched from X to Y" is indexed; no scan of the turns), replays
    /// each one's events, then marks the task done. Safe to interrupt and to run in
    /// several processes: settling only fills NULLs.
    public func completePendingMaintenance() async throws {
        let task = SQLiteMaintenance.settleRecordedSwitches
        guard try await read({ db in try self.maintenancePending(task, in: db) }) else { return }
        guard let words = SearchText.matchExpression(for: ContextSwitch.eventText) else { return }
        let sessions = try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT DISTINCT sessions.pk, sessions.id
                FROM turns_fts
                CROSS JOIN turns ON turns.pk = turns_fts.rowid
                CROSS JOIN sessions ON sessions.pk = turns.session_pk
                WHERE turns_fts MATCH ? AND turns.role = ?
                """, arguments: [words, Role.system.rawValue]).map { row in
                (pk: row["pk"] as Int64, id: try SessionID(row["id"] as String))
            }
        }
        var start = 0
        while start < sessions.count {
            let batch = sessions[start..<min(start + Self.maintenanceBatch, sessions.count)]
            try await write { db in
                for session in batch {
                    try self.settleRecordedSwitches(sessionPK: session.pk, sessionID: session.id, in: db)
                }
            }
            start += Self.maintenanceBatch
        }
        try await write { db in
            try db.execute(sql: "DELETE FROM maintenance WHERE task = ?", arguments: [task.rawValue])
        }
    }

    func maintenancePending(_ task: SQLiteMaintenance, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM maintenance WHERE task = ?)"),
            arguments: [task.rawValue]) ?? false
    }
}
