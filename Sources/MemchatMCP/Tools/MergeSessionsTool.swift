import MCP
import MemchatCore
import MemchatStore

/// `merge_sessions`: other sessions' turns moved into one, in time order.
enum MergeSessionsTool {
    static let maximum = 20

    struct Output: Encodable {
        var primary: SessionSummary
        var movedTurns: Int
        var mergedSessions: [String]
        var deletedSources: Bool
    }

    static let definition = MCPTool(
        name: "merge_sessions", title: "Merge sessions",
        description: """
            Moves the turns of up to \(maximum) of the user's sessions into one (the primary), in time \
            order. The merged sessions are kept, ended and marked as merged into the primary, unless \
            `delete_sources` is true, which deletes them. The result is the primary session and the ids \
            merged, well within \(ResultSize.characterLimit) characters.
            """,
        input: Schema.object([
            "primary_id": Schema.string("The session that receives the turns."),
            "secondary_ids": Schema.array(of: Schema.string("A session id."), "The sessions whose turns move.", minItems: 1, maxItems: maximum),
            "delete_sources": Schema.boolean("Delete the merged sessions instead of keeping them ended.", default: false),
        ], required: ["primary_id", "secondary_ids"]),
        output: Schema.object([
            "primary": Schema.session,
            "moved_turns": Schema.integer("How many turns moved into the primary."),
            "merged_sessions": Schema.array(of: Schema.string("A session id."), "The sessions merged."),
            "deleted_sources": Schema.boolean("Whether the merged sessions were deleted."),
        ], required: ["primary", "moved_turns", "merged_sessions", "deleted_sources"]),
        annotations: .writing("Merge sessions", destructive: true, idempotent: false)
    ) { arguments, workspace in
        let primary = try arguments.sessionID("primary_id")
        guard let texts = try arguments.strings("secondary_ids") else {
            throw ToolError.missingArgument(tool: arguments.tool, name: "secondary_ids")
        }
        guard (1...maximum).contains(texts.count) else {
            throw ToolError.badArgument(name: "secondary_ids", problem: "holds \(texts.count) ids", fix: "give 1 to \(maximum) session ids")
        }
        var secondaries: [SessionID] = []
        for text in texts { secondaries.append(try ToolArguments.sessionID(text, argument: "secondary_ids")) }
        let deleteSources = try arguments.bool("delete_sources", default: false)
        for id in [primary] + secondaries { _ = try await workspace.ownSession(id) }
        let report = try await workspace.store.mergeSessions(into: primary, from: secondaries, deleteSources: deleteSources)
        return try ToolOutput.result(Output(
            primary: SessionSummary(report.primary), movedTurns: report.movedTurns,
            mergedSessions: report.mergedSessions.map(\.rawValue), deletedSources: report.deletedSources))
    }
}
