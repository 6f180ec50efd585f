import Foundation
import MemchatCore
import MemchatStore

/// What a caller sees while a question is answered.
public enum EngineEvent: Sendable {
    /// The question is stored (durably) before anything is sent.
    case asked(Turn)
    /// Facts learned from the question ("remember that ...", "my name is ...").
    case learned([MemoryFact])
    /// What will be sent to the provider.
    case context(ChatRequest, contextUsed: JSONValue)
    case text(String)
    case reasoning(String)
    /// The stored answer: complete, interrupted (cancelled) or failed (with an error).
    case answered(Turn)
}

/// One question at a time, for one session: store the question, learn from it, assemble
/// the context, stream the answer, store it with its metadata. Cancelling the consuming
/// task keeps the partial answer, marked interrupted; a failed request leaves the question
/// stored and an answer turn that records the error, so it can be retried.
public struct ChatEngine: Sendable {
    public let store: any SessionStore
    /// nil when nothing may be remembered (incognito).
    public let memory: MemoryStore?
    public let provider: any ChatProvider
    public var assembler = ContextAssembler()
    public var clock: any MemchatClock = SystemClock()

    public init(store: any SessionStore, memory: MemoryStore?, provider: any ChatProvider) {
        self.store = store
        self.memory = memory
        self.provider = provider
    }

    /// Only assembles what would be sent for `question`, storing nothing.
    public func preview(_ question: String, in session: Session) async throws -> ContextAssembler.Assembled {
        try await assembler.assemble(question: question, session: session, model: provider.model, store: store, memory: memory)
    }

    /// Moves the session to another context or mode and records the switch as a system
    /// turn (`metadata.event = "context_switch"`, with `from` and `to`), so the history
    /// shows where the conversation changed footing. Nothing is recorded when nothing changes.
    public func switchContext(_ session: Session, to context: Context, mode: Mode) async throws -> Session {
        guard context != session.context || mode != session.mode else { return session }
        let changed = try await store.changeContext(session.id, context: context, mode: mode)
        let from = "\(session.context)/\(session.mode)"
        let to = "\(context)/\(mode)"
        _ = try await store.appendTurn(TurnDraft(
            role: .system, content: "context switched from \(from) to \(to)",
            metadata: ["event": .string("context_switch"), "from": .string(from), "to": .string(to)]), to: session.id)
        return changed
    }

    public func ask(_ question: String, in session: Session) -> AsyncThrowingStream<EngineEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await run(question, in: session) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func run(_ question: String, in session: Session, emit: (EngineEvent) -> Void) async throws {
        let asked = try await store.appendTurn(TurnDraft(role: .user, content: question), to: session.id)
        emit(.asked(asked))
        if let memory {
            let learned = try await MemoryExtractor().learn(from: asked, user: session.userID, context: session.context, memory: memory)
            if !learned.isEmpty { emit(.learned(learned)) }
        }
        let assembled = try await assembler.assemble(
            question: question, session: session, model: provider.model, store: store, memory: memory)
        emit(.context(assembled.request, contextUsed: assembled.contextUsed))

        let started = clock.now()
        var answer = ""
        var reasoning = ""
        var metadata: Metadata = [
            "provider": .string(provider.name), "model": .string(provider.model), "contextUsed": assembled.contextUsed,
        ]
        do {
            for try await event in provider.stream(assembled.request) {
                try Task.checkCancellation()
                switch event {
                case .text(let text):
                    if answer.isEmpty { metadata["firstByteMs"] = .number(milliseconds(since: started)) }
                    answer += text
                    emit(.text(text))
                case .reasoning(let text):
                    reasoning += text
                    emit(.reasoning(text))
                case .finished(let info):
                    metadata["finishReason"] = .string(info.reason)
                    if let tokens = info.promptTokens { metadata["promptTokens"] = .number(Double(tokens)) }
                    if let tokens = info.completionTokens { metadata["completionTokens"] = .number(Double(tokens)) }
                }
            }
            try Task.checkCancellation()
        } catch is CancellationError {
            metadata["finishReason"] = .string("interrupted")
            metadata["interrupted"] = .bool(true)
        } catch {
            metadata["finishReason"] = .string("error")
            metadata["error"] = .string("\(error)")
        }
        metadata["latencyMs"] = .number(milliseconds(since: started))
        if !reasoning.isEmpty { metadata["reasoning"] = .string(reasoning) }
        // Stored even when the request failed or was cut short, so the pair stays intact;
        // in a task of its own so that a cancelled ask still writes it.
        let draft = TurnDraft(role: .assistant, content: answer, replyTo: asked.id, metadata: metadata)
        let store = store
        let stored = try await Task.detached { try await store.appendTurn(draft, to: session.id) }.value
        emit(.answered(stored))
    }

    private func milliseconds(since start: Date) -> Double {
        (clock.now().timeIntervalSince(start) * 1000).rounded()
    }
}
