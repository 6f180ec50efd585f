import Foundation
import GRDB
import MemchatCore

extension SQLiteStore {
    /// Imports in one transaction: new sessions with all their turns, and for sessions
    /// already present only the turns they lack. A turn id already used with other
    /// content, or by another session, is a conflict and is left alone.
    public func importRecords(_ records: [SessionRecord]) async throws -> ImportReport {
        let prepared = records.map { record in
            let turns = record.turns.map(PreparedTurn.init)
            return (record, turns, Set(turns.compactMap(\.context)))
        }
        return try await write { db in
            // A larger page cache while importing: the turn-id index takes inserts all over.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            var report = ImportReport()
            for (record, turns, contexts) in prepared {
                report.add(try self.importRecord(record, turns: turns, contexts: contexts, in: db))
            }
            return report
        }
    }

    /// `contexts`: the contexts the record's turns name of their own.
    private func importRecord(
        _ record: SessionRecord, turns: [PreparedTurn], contexts: Set<String>, in db: Database
    ) throws -> ImportReport {
        var report = ImportReport()
        let sessionID = record.session.id
        var session: SessionRow
        if let existing = try existingSessionRow(db, sessionID) {
            guard existing.userID == record.session.userID.rawValue else {
                report.conflicts.append(.sessionOfAnotherUser(sessionID, stored: existing.userID, imported: record.session.userID))
                return report
            }
            session = existing
        } else {
            var fresh = record.session
            fresh.turnCount = 0
            session = SessionRow(fresh)
            try session.insert(db)
            report.sessionsCreated = 1
        }
        let sessionPK = session.pk ?? 0
        // Turns without their own context stood where the imported session stands; in a
        // stored session that stands elsewhere they keep that.
        let change = ContextSwitch(from: ContextSwitch.Footing(record.session), to: try session.footing())
        let footing = (context: change.keptContext?.name, mode: change.keptMode?.rawValue)
        let lastExistingTime = session.turnCount > 0 ? session.lastActivity : Int64.min
        var outOfOrder = false
        for (turn, prepared) in zip(record.turns, turns) {
            do {
                try insert(prepared, seq: session.turnCount, sessionPK: sessionPK, footing: footing, in: db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                if let conflict = try conflict(for: turn, sessionPK: sessionPK, in: db) {
                    report.conflicts.append(conflict)
                } else {
                    report.turnsAlreadyPresent += 1
                }
                continue
            }
            if prepared.createdAt < lastExistingTime { outOfOrder = true }
            session.turnCount += 1
            session.lastActivity = max(session.lastActivity, prepared.createdAt)
            report.turnsAdded += 1
        }
        if report.turnsAdded > 0 {
            for context in contexts.union(footing.context.map { [$0] } ?? []) where context != session.context {
                try recordLeftContext(context, sessionPK: sessionPK, in: db)
            }
        }
        if report.sessionsCreated == 0, report.turnsAdded > 0 { report.sessionsUpdated = 1 }
        if outOfOrder { try resequence(sessionPK: sessionPK, in: db) }
        try db.cachedStatement(sql: "UPDATE sessions SET turn_count = ?, last_activity = ? WHERE pk = ?")
            .execute(arguments: [session.turnCount, session.lastActivity, sessionPK])
        return report
    }

    /// nil when the stored turn is the same one (a re-import); otherwise why it conflicts.
    private func conflict(for turn: Turn, sessionPK: Int64, in db: Database) throws -> ImportReport.Conflict? {
        guard let stored = try TurnRow.all().filter(TurnRow.Columns.id == turn.id.rawValue).fetchOne(db) else {
            return .init(sessionID: turn.sessionID, turnID: turn.id, reason: "could not be stored")
        }
        if stored.sessionPK != sessionPK { return .turnOfAnotherSession(turn) }
        if stored.role != turn.role.rawValue || stored.content != turn.content { return .turnChanged(turn) }
        return nil
    }
}
