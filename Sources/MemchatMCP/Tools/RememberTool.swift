import MCP
import MemchatCore
import MemchatEngine
import MemchatStore

/// `remember`: a fact the user wants kept, as `memchat memory add` keeps it.
enum RememberTool {
    struct Output: Encodable {
        var fact: FactOutput
        /// False when the same fact was already remembered (it is marked as stated again).
        var isNew: Bool
    }

    static let definition = MCPTool(
        name: "remember", title: "Remember a fact",
        description: """
            Remembers a short fact about the user (at most \(MemoryFact.maxTextLength) characters), in one \
            context or in all of them, e.g. "my dog is called Pixel". The same fact again (ignoring case, \
            spacing and final punctuation) is kept once. The kind says how it reaches a model: profile \
            and standing facts go with every answer; without `kind` it is worked out from the text. \
            The result is the fact, well within \(ResultSize.characterLimit) characters.
            """,
        input: Schema.object([
            "text": Schema.string("The fact, in the user's words."),
            "context": Schema.string("Only in this context (work, personal, creative, general or a custom one); omit for every context."),
            "pinned": Schema.boolean("Always offer this fact first.", default: false),
            "kind": Schema.string("profile, standing or other.", oneOf: MemoryFact.Kind.allCases.map(\.rawValue)),
        ], required: ["text"]),
        output: Schema.object([
            "fact": FactOutput.schema,
            "is_new": Schema.boolean("False when the same fact was already remembered."),
        ], required: ["fact", "is_new"]),
        annotations: .writing("Remember a fact", destructive: false, idempotent: true)
    ) { arguments, workspace in
        let text = try arguments.requiredString("text")
        let context = try arguments.context("context")
        let pinned = try arguments.bool("pinned", default: false)
        let kind = try arguments.choice("kind", of: MemoryFact.Kind.allCases.map(\.rawValue)).flatMap(MemoryFact.Kind.init(rawValue:))
        let added = try await workspace.memory.remember(user: workspace.user, text: text, context: context, pinned: pinned, kind: kind)
        return try ToolOutput.result(Output(fact: FactOutput(added.fact), isNew: added.isNew))
    }
}
