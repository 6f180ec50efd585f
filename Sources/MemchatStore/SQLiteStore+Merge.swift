import Foundation
import GRDB
import MemchatCore

extension SQLiteStore {
    public func mergeSessions(into primaryID: SessionID, from secondaryIDs: [SessionID], deleteSources: Bool) async throws -> MergeReport {
        try MergeRules.check(primary: primaryID, secondaries: secondaryIDs)
        let now = clock.now()
        return try await write { db in
            var primary = try self.sessionRow(db, primaryID)
            let primaryPK = primary.pk ?? 0
            let settleFirst = try self.maintenancePending(.settleRecordedSwitches, in: db)
            if settleFirst { try self.settleRecordedSwitches(sessionPK: primaryPK, sessionID: primaryID, in: db) }
            try self.nameOwnFooting(of: primary, in: db)
            var moved = 0
            for secondaryID in secondaryIDs {
                var secondary = try self.sessionRow(db, secondaryID)
                guard secondary.userID == primary.userID else {
                    throw MergeRules.otherUser(try self.domain(secondary, now: now), primary: try self.domain(primary, now: now))
                }
                // The moved turns keep the context they were written in, and the merged
                // session is listed under every context its turns name (a row for its own
                // context is harmless: the recent list reads those sessions anyway).
                if settleFirst { try self.settleRecordedSwitches(sessionPK: secondary.pk ?? 0, sessionID: secondaryID, in: db) }
                try self.nameOwnFooting(of: secondary, in: db)
                try db.execute(sql: """
                    INSERT OR IGNORE INTO session_contexts (context, session_pk)
                    SELECT context, ? FROM session_contexts WHERE session_pk = ?
                    UNION SELECT ?, ?
                    """, arguments: [primaryPK, secondary.pk, secondary.context, primaryPK])
                // Append after the primary's turns; resequencing below puts them in time order.
                try db.execute(literal: """
                    UPDATE turns SET session_pk = \(primaryPK), seq = seq + \(primary.turnCount)
                    WHERE session_pk = \(secondary.pk)
                    """)
                let movedHere = db.changesCount
                moved += movedHere
                primary.turnCount += movedHere
                primary.lastActivity = max(primary.lastActivity, secondary.lastActivity)
                if deleteSources {
                    try self.delete(secondary, in: db)
                } else {
                    secondary.turnCount = 0
                    secondary.endedAt = secondary.endedAt ?? Timestamp.milliseconds(now)
                    secondary.mergedInto = primaryID.rawValue
                    try secondary.update(db)
                }
            }
            try self.resequence(sessionPK: primaryPK, in: db)
            try primary.update(db)
            return MergeReport(
                primary: try self.domain(primary, now: now), movedTurns: moved,
                mergedSessions: secondaryIDs, deletedSources: deleteSources)
        }
    }

    /// Renumbers a session's turns 0... in (created_at, seq) order. Two passes keep the
    /// (session_pk, seq) index unique at every step.
    func resequence(sessionPK: Int64, in db: Database) throws {
        let pks = try Int64.fetchAll(db, sql: """
            SELECT pk FROM turns WHERE session_pk = ? ORDER BY created_at, seq
            """, arguments: [sessionPK])
        let park = try db.cachedStatement(sql: "UPDATE turns SET seq = ? WHERE pk = ?")
        for (index, pk) in pks.enumerated() {
            try park.execute(arguments: [-1 - index, pk])
        }
        try db.execute(sql: "UPDATE turns SET seq = -1 - seq WHERE session_pk = ?", arguments: [sessionPK])
    }
}
