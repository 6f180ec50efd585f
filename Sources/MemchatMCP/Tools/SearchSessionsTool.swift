import Foundation
import MCP
import MemchatCore
import MemchatStore

/// `search_sessions`: turns holding every word, ranked as `memchat search` ranks them.
enum SearchSessionsTool {
    static let maximum = 50
    /// Paging re-runs the search for offset + limit results; this keeps that bounded.
    static let deepest = 500

    /// A hit is `SearchHitSummary`, as `memchat search --json` gives it.
    static let hitSchema = Schema.object([
        "session_id": Schema.string("The session, for resume_session or export_session."),
        "session_title": Schema.string("Its title."),
        "user": Schema.string("Whose turn it is: the user this server acts for."),
        "turn_id": Schema.string("The matching turn."),
        "role": Schema.string("Who wrote it.", oneOf: Role.allCases.map(\.rawValue)),
        "context": Schema.string("The context it was written in."),
        "created_at": Schema.time("When."),
        "snippet": Schema.string("The words around the first match, on one line."),
        "score": Schema.number("Relevance (bm25), higher is better; compare within one result list only."),
    ], required: ["session_id", "session_title", "turn_id", "role", "context", "user", "created_at", "snippet", "score"])

    struct Output: Encodable {
        var results: [SearchHitSummary]
        var nextCursor: String?
    }

    static let definition = MCPTool(
        name: "search_sessions", title: "Search sessions",
        description: """
            Full-text search of everything the user and the assistant wrote in the user's sessions, best \
            match first (bm25 over the newest \(SearchQuery.defaultRankingWindow) matches, as `memchat search`). \
            Every word must match; punctuation is plain text. Each result names the session and turn \
            with a snippet. Paged: at most `limit` results (1-\(maximum), default 10) and at most \
            \(ResultSize.characterLimit) characters per call, up to \(deepest) results in all.
            """,
        input: Schema.object([
            "query": Schema.string("The words to look for."),
            "context": Schema.string("Only turns written in this context."),
            "limit": Schema.integer("How many results at most.", minimum: 1, maximum: maximum, default: 10),
            "cursor": Schema.cursor,
        ], required: ["query"]),
        output: Schema.object([
            "results": Schema.array(of: hitSchema, "Best match first."),
            "next_cursor": Schema.nextCursor,
        ], required: ["results"]),
        annotations: .reading("Search sessions")
    ) { arguments, workspace in
        let text = try arguments.requiredString("query")
        let context = try arguments.context("context")
        let limit = try arguments.integer("limit", in: 1...maximum, default: 10)
        let call = "\(text)|\(context?.name ?? "")"
        let offset = try Cursor.position(try arguments.string("cursor"), tool: arguments.tool, call: call) ?? 0
        let wanted = min(offset + limit, deepest)
        let hits = try await workspace.store.search(
            SearchQuery(text: text, scope: .user(workspace.user), context: context, limit: wanted + 1))
        var page = ResultSize.Page<SearchHitSummary>()
        page.fill(hits.dropFirst(offset).prefix(wanted - offset).lazy.map(SearchHitSummary.init))
        let next = offset + page.items.count
        let more = hits.count > next && next < deepest
        return try ToolOutput.result(Output(
            results: page.items, nextCursor: more ? Cursor(tool: arguments.tool, call: call, position: next).encoded : nil))
    }
}
