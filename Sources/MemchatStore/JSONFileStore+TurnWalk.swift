import Foundation
import MemchatCore

extension JSONFileStore {
    /// The file backend keeps no order of insertion across sessions, so the walk is over
    /// the user's questions sorted by time (then id), and a cursor is a place in that list.
    /// A turn that sorts before the cursor (an import of older sessions) or a deletion
    /// moves the turn at the cursor: the walk then starts again with `continued == false`.
    /// A scan of every turn, as search is here: this backend's stores are small.
    public func userTurns(of user: UserName, after cursor: TurnCursor, limit: Int) async throws -> TurnWalk {
        try access { access in
            let questions = try Self.questions(of: user, in: &access)
            var start = Int(clamping: cursor.position)
            var continued = true
            if start > 0, start > questions.count || questions[start - 1].id != cursor.turnID {
                start = 0
                continued = false
            }
            let end = min(start + max(limit, 1), questions.count)
            let next = end > start ? TurnCursor(position: Int64(end), turnID: questions[end - 1].id) : (continued ? cursor : .start)
            return TurnWalk(
                turns: Array(questions[start..<end]), next: next, isComplete: end == questions.count, continued: continued)
        }
    }

    public func userTurnCount(of user: UserName, after cursor: TurnCursor) async throws -> Int {
        try access { access in
            let questions = try Self.questions(of: user, in: &access)
            let start = Int(clamping: cursor.position)
            guard start > 0, start <= questions.count, questions[start - 1].id == cursor.turnID else { return questions.count }
            return questions.count - start
        }
    }

    /// The user's questions in the walk's order: by time, then id.
    private static func questions(of user: UserName, in access: inout Access) throws -> [Turn] {
        var questions: [Turn] = []
        for session in try access.allSessions() where session.userID == user {
            questions += access.turns(session.id).filter { $0.role == .user }
        }
        return questions.sorted { a, b in a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id }
    }

    public func located(_ ids: [TurnID]) async throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        return try access { access in
            let wanted = Set(ids)
            var found: [TurnID: SearchHit] = [:]
            for session in try access.allSessions() {
                for turn in access.turns(session.id) where wanted.contains(turn.id) {
                    found[turn.id] = SearchHit(
                        turn: turn, sessionTitle: session.title, context: turn.effectiveContext(in: session),
                        userID: session.userID, snippet: SearchText.snippet(of: turn.content, around: nil), score: 0)
                }
            }
            return ids.compactMap { found[$0] }
        }
    }
}
