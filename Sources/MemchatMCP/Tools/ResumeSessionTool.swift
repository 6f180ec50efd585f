import MCP
import MemchatCore
import MemchatStore

/// `resume_session`: a session's transcript to continue from, newest turns last, and the
/// session made active again when it had ended or expired.
enum ResumeSessionTool {
    static let maximum = 200

    struct Output: Encodable {
        var session: SessionSummary
        /// Whether this call made an ended or expired session active again.
        var resumed: Bool
        var turns: [TurnOutput]
        var nextCursor: String?
    }

    static let definition = MCPTool(
        name: "resume_session", title: "Resume a session",
        description: """
            Continue a session of the user: makes an ended or expired session active again and returns \
            its newest turns, oldest of them first and the newest last, with the session's context and \
            mode. Paged backwards: at most `limit` turns (1-\(maximum), default 30) and at most \
            \(ResultSize.characterLimit) characters per call; `next_cursor` gets the turns before these. \
            A turn longer than \(ResultSize.textLimit) characters is cut and marked `truncated`.
            """,
        input: Schema.object([
            "session_id": Schema.string("The session, from list_sessions or search_sessions."),
            "limit": Schema.integer("How many turns at most.", minimum: 1, maximum: maximum, default: 30),
            "cursor": Schema.cursor,
        ], required: ["session_id"]),
        output: Schema.object([
            "session": Schema.session,
            "resumed": Schema.boolean("True when this call made an ended or expired session active again."),
            "turns": Schema.array(of: TurnOutput.schema, "Oldest first; the last one is the newest of this page."),
            "next_cursor": Schema.nextCursor,
        ], required: ["session", "resumed", "turns"]),
        annotations: .writing("Resume a session", destructive: false, idempotent: true)
    ) { arguments, workspace in
        let id = try arguments.sessionID("session_id")
        let limit = try arguments.integer("limit", in: 1...maximum, default: 30)
        let before = try Cursor.position(try arguments.string("cursor"), tool: arguments.tool, call: id.rawValue)
        var session = try await workspace.ownSession(id)
        if let primary = session.mergedInto {
            throw ToolError.refused(
                reason: "session \(id) was merged into \(primary) and holds no turns of its own",
                fix: "resume \(primary) instead")
        }
        var resumed = false
        if before == nil, session.state != .active {
            session = try await workspace.store.resumeSession(id)
            resumed = true
        }
        let turns = try await workspace.store.turns(of: id, page: before.map { .before(seq: $0, limit: limit + 1) } ?? .last(limit + 1))
        // The newest turns are the ones to continue from: fill the page from the end.
        var page = ResultSize.Page<TurnOutput>(reserving: ToolOutput.characters(SessionSummary(session)))
        var oldest: Turn?
        for turn in turns.suffix(limit).reversed() {
            guard page.add(TurnOutput(turn, in: session)) else { break }
            oldest = turn
        }
        let more = turns.count > page.items.count
        return try ToolOutput.result(Output(
            session: SessionSummary(session), resumed: resumed, turns: page.items.reversed(),
            nextCursor: more ? oldest.map { Cursor(tool: arguments.tool, call: id.rawValue, position: $0.seq).encoded } : nil))
    }
}
