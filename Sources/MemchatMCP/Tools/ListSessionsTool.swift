import MCP
import MemchatCore
import MemchatStore

/// `list_sessions`: the user's sessions, most recently active first.
enum ListSessionsTool {
    static let maximum = 100

    struct Output: Encodable {
        var sessions: [SessionSummary]
        var nextCursor: String?
    }

    static let definition = MCPTool(
        name: "list_sessions", title: "List sessions",
        description: """
            The user's chat sessions, most recently active first: id, title, context, mode, state, \
            turn count and times. Paged: at most `limit` sessions (1-\(maximum), default 20) and at most \
            \(ResultSize.characterLimit) characters per call; `next_cursor` gets the next page.
            """,
        input: Schema.object([
            "context": Schema.string("Only sessions of this context (work, personal, creative, general or a custom one)."),
            "state": Schema.string("Only sessions in this state.", oneOf: SessionState.allCases.map(\.rawValue)),
            "limit": Schema.integer("How many sessions at most.", minimum: 1, maximum: maximum, default: 20),
            "cursor": Schema.cursor,
        ]),
        output: Schema.object([
            "sessions": Schema.array(of: Schema.session, "Most recently active first."),
            "next_cursor": Schema.nextCursor,
        ], required: ["sessions"]),
        annotations: .reading("List sessions")
    ) { arguments, workspace in
        let context = try arguments.context("context")
        let state = try arguments.choice("state", of: SessionState.allCases.map(\.rawValue)).flatMap(SessionState.init(rawValue:))
        let limit = try arguments.integer("limit", in: 1...maximum, default: 20)
        let call = "\(context?.name ?? "")|\(state?.rawValue ?? "")"
        let offset = try Cursor.position(try arguments.string("cursor"), tool: arguments.tool, call: call) ?? 0
        let sessions = try await workspace.store.listSessions(
            SessionQuery(scope: .user(workspace.user), context: context, state: state, limit: limit + 1, offset: offset))
        var page = ResultSize.Page<SessionSummary>()
        page.fill(sessions.prefix(limit).lazy.map(SessionSummary.init))
        let more = sessions.count > page.items.count
        return try ToolOutput.result(Output(
            sessions: page.items,
            nextCursor: more ? Cursor(tool: arguments.tool, call: call, position: offset + page.items.count).encoded : nil))
    }
}
