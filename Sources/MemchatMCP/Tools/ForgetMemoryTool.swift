import MCP
import MemchatCore
import MemchatStore

/// `forget_memory`: a fact removed for good, as `memchat memory forget` removes it.
enum ForgetMemoryTool {
    struct Output: Encodable {
        var forgotten: [FactOutput]
    }

    static let definition = MCPTool(
        name: "forget_memory", title: "Forget a fact",
        description: """
            Forgets a memory fact of the user for good: by id (from recall_memory or the memory facts \
            resource); else every fact with that exact text; else the one fact containing the words. \
            The earlier versions it replaced go with it. Several facts containing the words is an error \
            that lists their ids.
            """,
        input: Schema.object([
            "fact": Schema.string("A fact id, or the fact's text."),
        ], required: ["fact"]),
        output: Schema.object([
            "forgotten": Schema.array(of: FactOutput.schema, "The facts removed, earlier versions included."),
        ], required: ["forgotten"]),
        annotations: .writing("Forget a fact", destructive: true, idempotent: true)
    ) { arguments, workspace in
        let target = try arguments.requiredString("fact")
        let forgotten = try await workspace.memory.forget(user: workspace.user, idOrText: target)
        return try ToolOutput.result(Output(forgotten: forgotten.map(FactOutput.init)))
    }
}
