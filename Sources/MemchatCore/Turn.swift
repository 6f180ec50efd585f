import Foundation

/// One message in a session.
public struct Turn: Hashable, Sendable {
    public var id: TurnID
    public var sessionID: SessionID
    /// Position in the session, from 0, in time order.
    public var seq: Int
    public var role: Role
    public var content: String
    public var createdAt: Date
    /// On an assistant turn: the question it answers. Keeps question/answer pairs intact
    /// across errors, interrupted and regenerated answers and context-switch events.
    public var replyTo: TurnID?
    /// On an answer, `AnswerMetadata` (read it through `answerMetadata`); on a system turn,
    /// the event it records. Keys from elsewhere (imports) are kept as they are.
    public var metadata: Metadata

    public init(
        id: TurnID, sessionID: SessionID, seq: Int, role: Role, content: String, createdAt: Date,
        replyTo: TurnID? = nil, metadata: Metadata = [:]
    ) {
        self.id = id
        self.sessionID = sessionID
        self.seq = seq
        self.role = role
        self.content = content
        self.createdAt = createdAt
        self.replyTo = replyTo
        self.metadata = metadata
    }
}

/// What a caller gives to append a turn; id and time default to new ones.
public struct TurnDraft: Sendable {
    public var id: TurnID?
    public var role: Role
    public var content: String
    public var createdAt: Date?
    public var replyTo: TurnID?
    public var metadata: Metadata

    public init(
        id: TurnID? = nil, role: Role, content: String, createdAt: Date? = nil,
        replyTo: TurnID? = nil, metadata: Metadata = [:]
    ) {
        self.id = id
        self.role = role
        self.content = content
        self.createdAt = createdAt
        self.replyTo = replyTo
        self.metadata = metadata
    }
}

/// A question with the answer that followed it (seed 004's "interaction").
public struct Interaction: Hashable, Sendable {
    public var question: Turn
    /// The latest assistant turn replying to the question, if any.
    public var answer: Turn?
    public var sessionTitle: String
    public var context: Context

    public init(question: Turn, answer: Turn?, sessionTitle: String, context: Context) {
        self.question = question
        self.answer = answer
        self.sessionTitle = sessionTitle
        self.context = context
    }

    public var sessionID: SessionID { question.sessionID }

    /// Which memory facts and past turns were injected for the answer.
    public var contextUsed: ContextUsed? { answer?.answerMetadata.contextUsed }
}
