import Foundation
import GRDB
import MemchatCore

extension SQLiteStore {
    /// Document frequencies are counted up to this many rows; past it a word is simply
    /// "very common", which is all ranking needs to know.
    static let frequencyCap = 10_000

    /// Full-text search with bounded work: FTS5 yields the newest `rankingWindow` rows
    /// holding every query word (walking its index in rowid order, without sorting);
    /// only those are checked for phrase order and ranked by BM25 (`Relevance`).
    public func search(_ query: SearchQuery) async throws -> [SearchHit] {
        let relevance = Relevance(query: query.text)
        let matching = query.matching
        let expression = matching == .allWords
            ? SearchText.matchExpression(phrases: relevance.phrases) : SearchText.anyMatchExpression(phrases: relevance.phrases)
        guard let expression else {
            throw StoreError.emptySearch(query.text)
        }
        var filters = ""
        var values: [String] = [expression]
        if case .user(let user) = query.scope {
            filters += " AND sessions.user_id = ?"
            values.append(user.rawValue)
        }
        if let context = query.context {
            filters += " AND COALESCE(turns.context, sessions.context) = ?"
            values.append(context.name)
        }
        let bound = values
        let window = query.rankingWindow
        let limit = query.limit
        // CROSS JOIN pins the join order: walk the index newest-first, stop at the window.
        let sql = """
            SELECT turns.pk, turns.content
            FROM turns_fts
            CROSS JOIN turns ON turns.pk = turns_fts.rowid
            CROSS JOIN sessions ON sessions.pk = turns.session_pk
            WHERE turns_fts MATCH ?\(filters)
            ORDER BY turns_fts.rowid DESC
            LIMIT ?
            """
        return try await read { db in
            var arguments = StatementArguments(bound)
            arguments += [window]
            var candidates: [(key: (pk: Int64, content: String), counts: [Int], length: Int)] = []
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let content: String = row["content"]
                guard let found = relevance.occurrences(in: content, matching: matching) else { continue }
                candidates.append(((row["pk"], content), found.counts, found.length))
            }
            guard !candidates.isEmpty else { return [] }

            let documents = max(try Int.fetchOne(db, sql: "SELECT max(pk) FROM turns") ?? 1, 1)
            let frequencies = try relevance.phrases.map { phrase in
                // With .anyWord every word weighs the same, and counting is skipped.
                guard matching == .allWords else { return 1 }
                return try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM (SELECT 1 FROM turns_fts WHERE turns_fts MATCH ? LIMIT ?)",
                    arguments: [SearchText.matchExpression(phrases: [phrase]), Self.frequencyCap]) ?? 0
            }
            let ranked = Relevance.rank(candidates, documentFrequencies: frequencies, documents: documents).prefix(limit)

            return try ranked.map { candidate, score in
                let row = try Row.fetchOne(db, sql: "\(Self.hitSelect) WHERE turns.pk = ?", arguments: [candidate.pk])
                guard let row else { throw StoreError.io(path: self.location.path, reason: "search index points at a missing turn") }
                return try Self.hit(row, score: score) { content in
                    SearchText.snippet(of: content, around: relevance.firstMatch(in: content))
                }
            }
        }
    }

    /// The columns of a search hit: the turn, its session's id, title and user, and the
    /// turn's own context.
    static let hitSelect = """
        SELECT turns.*, sessions.id AS session_id, sessions.title AS session_title,
               COALESCE(turns.context, sessions.context) AS turn_context, sessions.user_id AS session_user
        FROM turns JOIN sessions ON sessions.pk = turns.session_pk
        """

    /// A hit from a row of `hitSelect`.
    static func hit(_ row: Row, score: Double, snippet: (String) -> String) throws -> SearchHit {
        let turn = try TurnRow(row: row).turn(sessionID: SessionID(row["session_id"]))
        return SearchHit(
            turn: turn, sessionTitle: row["session_title"], context: try Context(row["turn_context"]),
            userID: try UserName(row["session_user"]), snippet: snippet(turn.content), score: score)
    }
}
