import Foundation
import MCP
import MemchatCore
import MemchatStore

/// `cleanup_sessions`: the user's ended or expired sessions idle for long, reported, and
/// deleted only when confirmed.
enum CleanupSessionsTool {
    struct Output: Encodable {
        /// False: nothing was deleted; these are what `confirm: true` would delete.
        var deleted: Bool
        var count: Int
        var olderThanDays: Int
        var sessions: [SessionSummary]
        var nextCursor: String?
    }

    static let definition = MCPTool(
        name: "cleanup_sessions", title: "Clean up old sessions",
        description: """
            The user's ended or expired sessions idle for more than `older_than_days` (default 30); \
            active sessions are never included. Without `confirm: true` nothing is deleted: the result \
            says what would be. With it, they are deleted with their turns. `count` is the whole \
            number; the sessions listed are paged at \(ResultSize.characterLimit) characters per call \
            (`next_cursor`, without confirm).
            """,
        input: Schema.object([
            "older_than_days": Schema.integer("Only sessions idle for more than this many days.", minimum: 0, maximum: 36_500, default: 30),
            "confirm": Schema.boolean("Delete them. Without it, only report what would be deleted.", default: false),
            "cursor": Schema.cursor,
        ]),
        output: Schema.object([
            "deleted": Schema.boolean("True when the sessions were deleted; false for a report only."),
            "count": Schema.integer("How many sessions were (or would be) deleted."),
            "older_than_days": Schema.integer("The idle time asked for."),
            "sessions": Schema.array(of: Schema.session, "The sessions, longest idle first."),
            "next_cursor": Schema.nextCursor,
        ], required: ["deleted", "count", "older_than_days", "sessions"]),
        annotations: .writing("Clean up old sessions", destructive: true, idempotent: true)
    ) { arguments, workspace in
        let days = try arguments.integer("older_than_days", in: 0...36_500, default: 30)
        let confirm = try arguments.bool("confirm", default: false)
        let cursor = try arguments.string("cursor")
        if confirm, cursor != nil {
            throw ToolError.badArgument(
                name: "cursor", problem: "pages a report, and confirm deletes", fix: "page the report without confirm, then confirm once without cursor")
        }
        let offset = try Cursor.position(cursor, tool: arguments.tool, call: "\(days)") ?? 0
        _ = try await workspace.store.expireIdleSessions()
        let cutoff = Date().addingTimeInterval(-Double(days) * 86_400)
        let sessions = try await workspace.store.cleanup(inactiveBefore: cutoff, scope: .user(workspace.user), dryRun: !confirm)
        var page = ResultSize.Page<SessionSummary>()
        page.fill(sessions.dropFirst(offset).lazy.map(SessionSummary.init))
        let next = offset + page.items.count
        return try ToolOutput.result(Output(
            deleted: confirm, count: sessions.count, olderThanDays: days, sessions: page.items,
            nextCursor: !confirm && next < sessions.count ? Cursor(tool: arguments.tool, call: "\(days)", position: next).encoded : nil))
    }
}
