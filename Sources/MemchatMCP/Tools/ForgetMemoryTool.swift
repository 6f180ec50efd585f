import MCP
import MemchatCore
import MemchatStore

/// `forget_memory`: a fact removed for good, as `memchat memory forget` removes it.
enum ForgetMemoryTool {
    struct Output: Encodable {
        /// As many of the forgotten facts as fit; `count` says how many there were.
        var forgotten: [FactOutput]
        var count: Int
    }

    static let definition = MCPTool(
        name: "forget_memory", title: "Forget a fact",
        description: """
            Forgets a memory fact of the user for good: by id (from recall_memory or the memory facts \
            resource); else every fact with that exact text; else the one fact containing the words. \
            The earlier versions it replaced go with it. Several facts containing the words is an error \
            that lists their ids. The result lists the facts forgotten, within \(ResultSize.characterLimit) characters.
            """,
        input: Schema.object([
            "fact": Schema.string("A fact id, or the fact's text."),
        ], required: ["fact"]),
        output: Schema.object([
            "forgotten": Schema.array(of: FactOutput.schema, "The facts removed, earlier versions included (as many as fit)."),
            "count": Schema.integer("How many facts were removed."),
        ], required: ["forgotten", "count"]),
        annotations: .writing("Forget a fact", destructive: true, idempotent: true)
    ) { arguments, workspace in
        let target = try arguments.requiredString("fact")
        let forgotten = try await workspace.memory.forget(user: workspace.user, idOrText: target)
        var page = ResultSize.Page<FactOutput>()
        page.fill(forgotten.lazy.map(FactOutput.init))
        return try ToolOutput.result(Output(forgotten: page.items, count: forgotten.count))
    }
}
