import Foundation
import MCP
import MemchatCore
import MemchatEngine
import MemchatStore

extension Schema {
    /// A session is `SessionSummary`, as the command line's `--json` gives it.
    static let session = object([
        "id": Schema.string("The session id, for the other tools."),
        "user": Schema.string("Whose session it is: the user this server acts for."),
        "title": Schema.string("The title: the first question, or one given later; empty before the first question."),
        "context": Schema.string("work, personal, creative, general or a custom context."),
        "mode": Schema.string("How the assistant talks in it.", oneOf: Mode.allCases.map(\.rawValue)),
        "state": Schema.string("active, or ended / expired (resume_session makes it active again).", oneOf: SessionState.allCases.map(\.rawValue)),
        "turns": Schema.integer("How many turns it holds."),
        "created_at": Schema.time("When it started."),
        "last_activity": Schema.time("When its newest turn was written."),
        "ended_at": Schema.time("When it was ended, if it was."),
        "merged_into": Schema.string("The session its turns were merged into, if they were."),
    ], required: ["id", "user", "title", "context", "mode", "state", "turns", "created_at", "last_activity"])
}

/// One turn of a transcript. Its context and mode are given when they differ from the
/// session's (it was written before a switch).
struct TurnOutput: Encodable {
    var id: String
    var role: String
    var content: String
    var createdAt: Date
    var context: String?
    var mode: String?
    /// Present (true) when `content` was cut to `ResultSize.textLimit` characters.
    var truncated: Bool?
    var fullLength: Int?

    init(_ turn: Turn, in session: Session) {
        id = turn.id.rawValue
        role = turn.role.rawValue
        let (text, truncated) = ResultSize.cut(turn.content)
        content = text
        if truncated {
            self.truncated = true
            fullLength = turn.content.count
        }
        createdAt = turn.createdAt
        let context = turn.effectiveContext(in: session), mode = turn.effectiveMode(in: session)
        if context != session.context || mode != session.mode {
            self.context = context.name
            self.mode = mode.rawValue
        }
    }

    static let schema = Schema.object([
        "id": Schema.string("The turn id."),
        "role": Schema.string("Who wrote it.", oneOf: Role.allCases.map(\.rawValue)),
        "content": Schema.string("What was written."),
        "created_at": Schema.time("When."),
        "context": Schema.string("The context it was written in, when not the session's."),
        "mode": Schema.string("The mode it was written in, when not the session's."),
        "truncated": Schema.boolean("True when content was cut to \(ResultSize.textLimit) characters."),
        "full_length": Schema.integer("The length of the whole content, when it was cut."),
    ], required: ["id", "role", "content", "created_at"])
}

/// One memory fact, with the kind that decides how it reaches a model.
struct FactOutput: Encodable {
    var id: String
    var text: String
    /// nil: the fact applies in every context.
    var context: String?
    var kind: String
    var pinned: Bool
    var source: String
    var createdAt: Date
    var updatedAt: Date
    var replacedBy: String?

    init(_ fact: MemoryFact) {
        id = fact.id
        text = fact.text
        context = fact.context?.name
        kind = MemoryExtractor().kind(of: fact).rawValue
        pinned = fact.pinned
        if case .extracted = fact.source { source = "learned" } else { source = "told" }
        createdAt = fact.createdAt
        updatedAt = fact.updatedAt
        replacedBy = fact.supersededBy
    }

    static let schema = Schema.object([
        "id": Schema.string("The fact id, for forget_memory."),
        "text": Schema.string("The fact."),
        "context": Schema.string("The one context it applies in; absent when it applies in all."),
        "kind": Schema.string(
            "profile (who the user is) and standing (preferences, instructions) facts apply to every answer; other facts when relevant.",
            oneOf: MemoryFact.Kind.allCases.map(\.rawValue)),
        "pinned": Schema.boolean("Pinned facts are always offered first."),
        "source": Schema.string("told: the user asked to remember it; learned: picked up from what they said.", oneOf: ["told", "learned"]),
        "created_at": Schema.time("When it was first remembered."),
        "updated_at": Schema.time("When it was last stated."),
        "replaced_by": Schema.string("The newer fact that replaced it, if one did."),
    ], required: ["id", "text", "kind", "pinned", "source", "created_at", "updated_at"])
}
