import Foundation
import GRDB
import MemchatCore

extension SQLiteStore {
    /// Newest questions first, with their answers, using only indexed lookups.
    ///
    /// Sessions are visited by last activity (indexed). Every question of a session is
    /// no newer than the session's last activity, so once enough questions newer than the
    /// next session's last activity are collected, no later session can contribute.
    public func recentInteractions(_ query: InteractionQuery) async throws -> [Interaction] {
        let wanted = query.offset + query.limit
        guard wanted > 0 else { return [] }
        return try await read { db in
            var candidates: [(question: TurnRow, session: SessionRow)] = []
            var sessionOffset = 0
            let batch = 16
            scan: while true {
                let sessions = try SessionRow.all().inScope(query.scope).inContext(query.context)
                    .mostRecentFirst().limit(batch, offset: sessionOffset).fetchAll(db)
                for session in sessions {
                    if candidates.count >= wanted, candidates[wanted - 1].question.createdAt >= session.lastActivity {
                        break scan
                    }
                    let questions = try TurnRow.all().inSession(session.pk ?? 0)
                        .filter(TurnRow.Columns.role == Role.user.rawValue)
                        .order(TurnRow.Columns.seq.desc).limit(wanted).fetchAll(db)
                    candidates += questions.map { ($0, session) }
                    candidates.sort { a, b in
                        a.question.createdAt != b.question.createdAt
                            ? a.question.createdAt > b.question.createdAt : (a.question.pk ?? 0) > (b.question.pk ?? 0)
                    }
                    if candidates.count > wanted { candidates.removeLast(candidates.count - wanted) }
                }
                if sessions.count < batch { break }
                sessionOffset += batch
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
                    sessionTitle: candidate.session.title, context: try Context(candidate.session.context))
            }
        }
    }
}
