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
    /// The context and mode the turn was written in; nil means the session's current one.
    /// Stores keep nil in the common case and set these when the session moves away
    /// (`SessionStore.changeContext`), so a question keeps the context it was asked in.
    public var context: Context?
    public var mode: Mode?

    public init(
        id: TurnID, sessionID: SessionID, seq: Int, role: Role, content: String, createdAt: Date,
        replyTo: TurnID? = nil, metadata: Metadata = [:], context: Context? = nil, mode: Mode? = nil
    ) {
        self.id = id
        self.sessionID = sessionID
        self.seq = seq
        self.role = role
        self.content = content
        self.createdAt = createdAt
        self.replyTo = replyTo
        self.metadata = metadata
        self.context = context
        self.mode = mode
    }

    /// The context the turn was written in, given its session.
    public func effectiveContext(in session: Session) -> Context { context ?? session.context }

    /// The mode the turn was written in, given its session.
    public func effectiveMode(in session: Session) -> Mode { mode ?? session.mode }

    /// The turn with its effective context and mode spelled out (for output that is read
    /// without the session beside it).
    public func resolved(in session: Session) -> Turn {
        var turn = self
        turn.context = effectiveContext(in: session)
        turn.mode = effectiveMode(in: session)
        return turn
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
    /// nil (the usual case): the session's context and mode at the time.
    public var context: Context?
    public var mode: Mode?

    public init(
        id: TurnID? = nil, role: Role, content: String, createdAt: Date? = nil,
        replyTo: TurnID? = nil, metadata: Metadata = [:], context: Context? = nil, mode: Mode? = nil
    ) {
        self.id = id
        self.role = role
        self.content = content
        self.createdAt = createdAt
        self.replyTo = replyTo
        self.metadata = metadata
        self.context = context
        self.mode = mode
    }
}

/// A question with the answer that followed it (seed 004's "interaction").
public struct Interaction: Hashable, Sendable {
    public var question: Turn
    /// The latest assistant turn replying to the question, if any.
    public var answer: Turn?
    public var sessionTitle: String
    /// The context the question was asked in (its own, else its session's).
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
