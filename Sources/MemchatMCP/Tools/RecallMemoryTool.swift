import Foundation
import MCP
import MemchatCore
import MemchatEngine
import MemchatStore

/// `recall_memory`: what the user's memory and past sessions bring to a question, found
/// as the chat finds it before answering (the configured retrieval, hybrid by default).
enum RecallMemoryTool {
    static let maximum = 20
    /// Each quoted question or answer is cut to this many characters.
    static let excerptLimit = 4_000

    struct Excerpt: Encodable {
        var turnId: String
        var content: String
        var createdAt: Date
        var truncated: Bool?

        init(_ turn: Turn) {
            turnId = turn.id.rawValue
            createdAt = turn.createdAt
            let (text, cut) = ResultSize.cut(turn.content, to: RecallMemoryTool.excerptLimit)
            content = text
            truncated = cut ? true : nil
        }

        static let schema = Schema.object([
            "turn_id": Schema.string("The turn."),
            "content": Schema.string("What was written, cut to \(RecallMemoryTool.excerptLimit) characters."),
            "created_at": Schema.time("When."),
            "truncated": Schema.boolean("True when content was cut."),
        ], required: ["turn_id", "content", "created_at"])
    }

    struct Exchange: Encodable {
        var sessionId: String
        var sessionTitle: String
        var context: String
        var question: Excerpt
        var answer: Excerpt?

        init(_ interaction: Interaction) {
            sessionId = interaction.question.sessionID.rawValue
            sessionTitle = interaction.sessionTitle
            context = interaction.context.name
            question = Excerpt(interaction.question)
            answer = interaction.answer.map(Excerpt.init)
        }

        static let schema = Schema.object([
            "session_id": Schema.string("The session it was in."),
            "session_title": Schema.string("Its title."),
            "context": Schema.string("The context it was asked in."),
            "question": Excerpt.schema,
            "answer": Excerpt.schema,
        ], required: ["session_id", "session_title", "context", "question"])
    }

    struct Output: Encodable {
        var retrieval: String
        var facts: [FactOutput]
        var exchanges: [Exchange]
    }

    static let definition = MCPTool(
        name: "recall_memory", title: "Recall memory",
        description: """
            What the user's long-term memory and past sessions say about a question or topic, found by \
            meaning and by words as memchat's chat finds it before answering: the memory facts that bear on \
            it (pinned first, each with its kind) and up to three past exchanges from other sessions. \
            Facts of the given context and the global ones are considered. At most `limit` facts \
            (1-\(maximum), default 8) and \(ResultSize.characterLimit) characters; quotes are cut to \
            \(excerptLimit) characters.
            """,
        input: Schema.object([
            "query": Schema.string("The question or topic, in natural language."),
            "context": Schema.string("The context it is asked in (work, personal, creative, general or a custom one); default general."),
            "limit": Schema.integer("How many facts at most.", minimum: 1, maximum: maximum, default: 8),
        ], required: ["query"]),
        output: Schema.object([
            "retrieval": Schema.string("How memory was ranked.", oneOf: RetrievalMode.allCases.map(\.rawValue)),
            "facts": Schema.array(of: FactOutput.schema, "The relevant facts, best first."),
            "exchanges": Schema.array(of: Exchange.schema, "Relevant past questions with their answers."),
        ], required: ["retrieval", "facts", "exchanges"]),
        annotations: .reading("Recall memory")
    ) { arguments, workspace in
        let query = try arguments.requiredString("query")
        let context = try arguments.context("context") ?? .general
        let limit = try arguments.integer("limit", in: 1...maximum, default: 8)
        // Turns not encoded yet are encoded by the server in the background (`MCPHost`);
        // meanwhile they are found by their words.
        var retrieval = Retrieval(mode: workspace.retrieval)
        retrieval.factLimit = limit
        let now = Date()
        // A question asked outside any session: nothing of the user's is excluded.
        let asking = Session(id: IDGenerator().sessionID(at: now), userID: workspace.user, context: context, createdAt: now)
        let found = try await retrieval.material(
            for: query, session: asking, store: workspace.store, memory: workspace.memory, turnIndex: workspace.turnIndex)
        var facts = ResultSize.Page<FactOutput>()
        facts.fill(found.facts.lazy.map(FactOutput.init))
        var exchanges = ResultSize.Page<Exchange>(reserving: ToolOutput.characters(facts.items))
        exchanges.fill(found.interactions.lazy.map(Exchange.init))
        return try ToolOutput.result(Output(retrieval: workspace.retrieval.rawValue, facts: facts.items, exchanges: exchanges.items))
    }
}
