import Foundation
import MemchatCore

/// One message of a request to a model.
public struct ChatMessage: Sendable, Hashable {
    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}

/// What is sent to a provider: the assembled messages, system prompt first, and the
/// material they were built from (which the offline recall responder answers with).
public struct ChatRequest: Sendable {
    public var model: String
    public var messages: [ChatMessage]
    public var recalled: RecallMaterial

    public init(model: String, messages: [ChatMessage], recalled: RecallMaterial = RecallMaterial()) {
        self.model = model
        self.messages = messages
        self.recalled = recalled
    }

    /// The question being answered: the last user message.
    public var question: String { messages.last { $0.role == .user }?.content ?? "" }
}

/// What a provider streams back.
public enum StreamEvent: Sendable, Hashable {
    /// Answer text, as it arrives.
    case text(String)
    /// "Thinking" text some models stream; kept apart from the answer.
    case reasoning(String)
    /// The end of the answer, with what the API reported.
    case finished(FinishInfo)
}

public struct FinishInfo: Sendable, Hashable {
    public var reason: String
    public var promptTokens: Int?
    public var completionTokens: Int?

    public init(reason: String, promptTokens: Int? = nil, completionTokens: Int? = nil) {
        self.reason = reason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}

/// A model behind an API, or a local responder. Streams are cancelled by cancelling the
/// task that iterates them.
public protocol ChatProvider: Sendable {
    /// "openai", "ollama", "anthropic", "recall", "echo".
    var name: String { get }
    var model: String { get }
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<StreamEvent, Error>
}
