import Foundation
import MCP
import MemchatCore
import MemchatStore

/// `export_session`: a session in memchat's interchange format, a page of turns at a time.
enum ExportSessionTool {
    struct Output: Encodable {
        /// One line of the JSONL interchange format holding this page's turns.
        var record: Value
        var turnsInPage: Int
        var turnsTotal: Int
        /// Turns whose content was cut to `ResultSize.textLimit` characters.
        var truncatedTurns: [String]?
        var nextCursor: String?
    }

    static let definition = MCPTool(
        name: "export_session", title: "Export a session",
        description: """
            A session of the user with its turns, in memchat's JSONL interchange format (the format \
            `memchat import` reads): `record` holds the session's fields and the turns of this page, \
            oldest first. Paged: at most \(ResultSize.characterLimit) characters per call; `next_cursor` \
            gets the following turns, and the turns of all pages in order make the whole session. \
            A turn longer than \(ResultSize.textLimit) characters is cut and listed in `truncated_turns`.
            """,
        input: Schema.object([
            "session_id": Schema.string("The session, from list_sessions or search_sessions."),
            "cursor": Schema.cursor,
        ], required: ["session_id"]),
        output: Schema.object([
            "record": Schema.object([
                "id": Schema.string("The session id."),
                "user": Schema.string("Whose session it is."),
                "context": Schema.string("Its context."),
                "mode": Schema.string("Its mode."),
                "title": Schema.string("Its title."),
                "created_at": Schema.time("When it started."),
                "updated_at": Schema.time("Its last activity."),
                "turns": Schema.array(
                    of: ["type": "object", "required": ["role", "content", "created_at"]],
                    "This page's turns, oldest first: role, content, created_at, id and the optional fields of the format."),
            ], required: ["id", "user", "context", "mode", "title", "created_at", "updated_at", "turns"],
               description: "One JSONL interchange line, with this page's turns and the format's optional fields (state, ended_at, metadata, …).",
               open: true),
            "turns_in_page": Schema.integer("How many turns this page holds."),
            "turns_total": Schema.integer("How many turns the session holds."),
            "truncated_turns": Schema.array(of: Schema.string("A turn id."), "Turns whose content was cut."),
            "next_cursor": Schema.nextCursor,
        ], required: ["record", "turns_in_page", "turns_total"]),
        annotations: .reading("Export a session")
    ) { arguments, workspace in
        let id = try arguments.sessionID("session_id")
        let after = try Cursor.position(try arguments.string("cursor"), tool: arguments.tool, call: id.rawValue)
        let session = try await workspace.ownSession(id)
        let turns = try await workspace.store.turns(of: id, page: after.map { .after(seq: $0, limit: pageTurns + 1) } ?? .first(pageTurns + 1))

        // Each turn costs what it adds to the line.
        let header = Interchange.encode(SessionRecord(session: session, turns: [])).count
        var page = ResultSize.Page<Turn>(reserving: header)
        var truncated: [String] = []
        for turn in turns.prefix(pageTurns) {
            var turn = turn.resolved(in: session)
            let (content, cut) = ResultSize.cut(turn.content)
            turn.content = content
            let size = Interchange.encode(SessionRecord(session: session, turns: [turn])).count - header
            guard page.add(turn, size: size) else { break }
            if cut { truncated.append(turn.id.rawValue) }
        }
        let kept = page.items
        let line = Interchange.encode(SessionRecord(session: session, turns: kept))
        let record = try JSONDecoder().decode(Value.self, from: Data(line.utf8))
        let last = kept.last
        let more = turns.count > kept.count
        return try ToolOutput.result(Output(
            record: record, turnsInPage: kept.count, turnsTotal: session.turnCount, truncatedTurns: truncated.isEmpty ? nil : truncated,
            nextCursor: more ? last.map { Cursor(tool: arguments.tool, call: id.rawValue, position: $0.seq).encoded } : nil))
    }

    /// Turns read per call; a page holds as many of them as fit.
    static let pageTurns = 200
}
