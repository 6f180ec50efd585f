import Foundation
import GRDB
import MemchatCore

extension SQLiteStore {
    /// Walks `turns` in row-id order from the cursor (the primary key: no index needed, no
    /// scan before the cursor). A cursor whose row now holds another turn, or none (its turn
    /// was deleted, and SQLite may hand the row id to a later turn), starts again from the
    /// first row with `continued == false`.
    public func userTurns(of user: UserName, after cursor: TurnCursor, limit: Int) async throws -> TurnWalk {
        try await read { db in
            // A walk touches every row after the cursor: read them through SQLite's small
            // page cache rather than the memory map, whose touched pages would count in
            // the chat screen's resident memory (all of a large store on a first walk).
            try db.execute(sql: "PRAGMA mmap_size = 0")
            defer { try? db.execute(sql: "PRAGMA mmap_size = \(Self.mappedBytes)") }
            var from = cursor
            var continued = true
            if cursor.position > 0 {
                let stored = try String.fetchOne(db, sql: "SELECT id FROM turns WHERE pk = ?", arguments: [cursor.position])
                if stored == nil || stored != cursor.turnID?.rawValue {
                    from = .start
                    continued = false
                }
            }
            // CROSS JOIN pins the join order: walk turns by row id, look up each one's session.
            let rows = try Row.fetchAll(db, sql: """
                SELECT turns.*, sessions.id AS session_id
                FROM turns CROSS JOIN sessions ON sessions.pk = turns.session_pk
                WHERE turns.pk > ? AND turns.role = ? AND sessions.user_id = ?
                ORDER BY turns.pk
                LIMIT ?
                """, arguments: [from.position, Role.user.rawValue, user.rawValue, max(limit, 1)])
            let turns = try rows.map { row in try TurnRow(row: row).turn(sessionID: SessionID(row["session_id"])) }
            let next = rows.last.flatMap { row in turns.last.map { TurnCursor(position: row["pk"], turnID: $0.id) } } ?? from
            return TurnWalk(turns: turns, next: next, isComplete: rows.count < max(limit, 1), continued: continued)
        }
    }

    public func userTurnCount(of user: UserName, after cursor: TurnCursor) async throws -> Int {
        try await read { db in
            var from = cursor.position
            if from > 0, try String.fetchOne(db, sql: "SELECT id FROM turns WHERE pk = ?", arguments: [from]) != cursor.turnID?.rawValue {
                from = 0
            }
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM turns CROSS JOIN sessions ON sessions.pk = turns.session_pk
                WHERE turns.pk > ? AND turns.role = ? AND sessions.user_id = ?
                """, arguments: [from, Role.user.rawValue, user.rawValue]) ?? 0
        }
    }

    /// One read through the unique index on `turns.id`.
    public func located(_ ids: [TurnID]) async throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        return try await read { db in
            var found: [TurnID: SearchHit] = [:]
            // SQLite allows 32766 bound values; stay well below.
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db, sql: "\(Self.hitSelect) WHERE turns.id IN (\(marks))", arguments: StatementArguments(chunk.map(\.rawValue)))
                while let row = try rows.next() {
                    let hit = try Self.hit(row, score: 0) { SearchText.snippet(of: $0, around: nil) }
                    found[hit.turn.id] = hit
                }
            }
            return ids.compactMap { found[$0] }
        }
    }
}
