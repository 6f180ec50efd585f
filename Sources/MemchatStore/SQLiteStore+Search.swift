import Foundation
import GRDB
import MemchatCore

extension SQLiteStore {
    /// Full-text search with bounded ranking work: the newest `rankingWindow` matches (in
    /// rowid order, which FTS5 walks without sorting) are ranked by bm25, best first.
    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        guard let expression = SearchText.matchExpression(for: query.text) else {
            throw StoreError.emptySearch(query.text)
        }
        var filters = ""
        var values: [String] = [expression]
        if case .user(let user) = query.scope {
            filters += " AND sessions.user_id = ?"
            values.append(user.rawValue)
        }
        if let context = query.context {
            filters += " AND sessions.context = ?"
            values.append(context.name)
        }
        let window = query.rankingWindow
        let bound = values
        // CROSS JOIN pins the join order: walk the index newest-first, stop at the window.
        let sql = """
            SELECT turns_fts.rowid AS pk, bm25(turns_fts) AS score
            FROM turns_fts
            CROSS JOIN turns ON turns.pk = turns_fts.rowid
            CROSS JOIN sessions ON sessions.pk = turns.session_pk
            WHERE turns_fts MATCH ?\(filters)
            ORDER BY turns_fts.rowid DESC
            LIMIT ?
            """
        let limit = query.limit
        let text = query.text
        return try await read { db in
            var arguments = StatementArguments(bound)
            arguments += [window]
            let matches = try Row.fetchAll(db, sql: sql, arguments: arguments)
            // bm25: lower is better; ties go to the newer turn.
            let best = matches.map { (pk: $0["pk"] as Int64, score: $0["score"] as Double) }
                .sorted { $0.score != $1.score ? $0.score < $1.score : $0.pk > $1.pk }
                .prefix(limit)
            return try best.map { hit in
                let row = try Row.fetchOne(db, sql: """
                    SELECT turns.*, sessions.id AS session_id, sessions.title AS session_title,
                           sessions.context AS session_context, sessions.user_id AS session_user
                    FROM turns JOIN sessions ON sessions.pk = turns.session_pk
                    WHERE turns.pk = ?
                    """, arguments: [hit.pk])
                guard let row else { throw StoreError.io(path: self.location.path, reason: "search index points at a missing turn") }
                let turn = try TurnRow(row: row).turn(sessionID: SessionID(row["session_id"]))
                return SearchHit(
                    turn: turn, sessionTitle: row["session_title"], context: try Context(row["session_context"]),
                    userID: try UserName(row["session_user"]),
                    snippet: SearchText.snippet(of: turn.content, query: text), score: hit.score)
            }
        }
    }
}
