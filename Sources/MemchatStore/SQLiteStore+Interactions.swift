import Foundation
import GRDB
import MemchatCore

extension SQLiteStore {
    /// Newest questions first, with their answers, using only indexed lookups.
    ///
    /// Sessions are visited by last activity (indexed): for a context, the sessions in it
    /// (`sessions_user_context_recent`) merged with those that left it (`session_contexts`,
    /// sorted, small). Every question of a session is no newer than the session's last
    /// activity, so once enough questions newer than the next session's last activity are
    /// collected, no later session can contribute. A question's context is its own, else
    /// its session's.
    public func recentInteractions(_ query: InteractionQuery) async throws -> [Interaction] {
        let wanted = query.offset + query.limit
        guard wanted > 0 else { return [] }
        return try await read { db in
            var candidates: [(question: TurnRow, session: SessionRow, context: String)] = []
            let sessions = try Self.sessionsToVisit(query, in: db)
            while let session = try sessions.next() {
                if candidates.count >= wanted, candidates[wanted - 1].question.createdAt >= session.lastActivity {
                    break
                }
                let questions = try Self.questions(of: session, in: query.context, limit: wanted, db: db)
                candidates += questions.map { ($0, session, $0.context ?? session.context) }
                candidates.sort { a, b in
                    a.question.createdAt != b.question.createdAt
                        ? a.question.createdAt > b.question.createdAt : (a.question.pk ?? 0) > (b.question.pk ?? 0)
                }
                if candidates.count > wanted { candidates.removeLast(candidates.count - wanted) }
            }
            return try candidates.dropFirst(query.offset).map { candidate in
                let sessionID = try SessionID(candidate.session.id)
                let answer = try TurnRow.all().inSession(candidate.session.pk ?? 0)
                    .filter(TurnRow.Columns.seq > candidate.question.seq)
                    .filter(TurnRow.Columns.replyTo == candidate.question.id)
                    .order(TurnRow.Columns.seq.desc).fetchOne(db)
                return Interaction(
                    question: try candidate.question.turn(sessionID: sessionID),
                    answer: try answer?.turn(sessionID: sessionID),
                    sessionTitle: candidate.session.title, context: try Context(candidate.context))
            }
        }
    }

    /// The sessions that may hold the query's questions, most recent activity first. For
    /// a context: the sessions in it and those that left it (disjoint), merged in order.
    private static func sessionsToVisit(_ query: InteractionQuery, in db: Database) throws -> RecordCursor<SessionRow> {
        guard let context = query.context else {
            return try SessionRow.all().inScope(query.scope).mostRecentFirst().fetchCursor(db)
        }
        var ofUser = ""
        var user: StatementArguments = []
        if case .user(let name) = query.scope {
            ofUser = " AND sessions.user_id = ?"
            user = [name.rawValue]
        }
        return try SessionRow.fetchCursor(db, sql: """
            SELECT * FROM sessions WHERE sessions.context = ?\(ofUser)
            UNION ALL
            SELECT sessions.* FROM session_contexts
            CROSS JOIN sessions ON sessions.pk = session_contexts.session_pk
            WHERE session_contexts.context = ? AND sessions.context <> ?\(ofUser)
            ORDER BY last_activity DESC
            """, arguments: [context.name] + user + [context.name, context.name] + user)
    }

    /// The session's newest questions, those asked in `context` when one is given.
    private static func questions(of session: SessionRow, in context: Context?, limit: Int, db: Database) throws -> [TurnRow] {
        guard let context else {
            return try TurnRow.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM turns WHERE session_pk = ? AND role = ? ORDER BY seq DESC LIMIT ?
                """), arguments: [session.pk, Role.user.rawValue, limit])
        }
        return try TurnRow.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM turns WHERE session_pk = ? AND role = ? AND COALESCE(context, ?) = ?
            ORDER BY seq DESC LIMIT ?
            """), arguments: [session.pk, Role.user.rawValue, session.context, context.name, limit])
    }
}
