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
    case context(ChatRequest, contextUsed: ContextUsed)
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
    /// Where the user's questions are indexed by meaning as they are stored; nil when
    /// nothing may be kept (incognito).
    public var turnIndex: SemanticTurnIndex?
    public var clock: any MemchatClock = SystemClock()

    public init(store: any SessionStore, memory: MemoryStore?, provider: any ChatProvider) {
        self.store = store
        self.memory = memory
        self.provider = provider
    }

    /// Only assembles what would be sent for `question`, storing nothing.
    public func preview(_ question: String, in session: Session) async throws -> ContextAssembler.Assembled {
        try await assembler.assemble(
            question: question, session: session, model: provider.model, store: store, memory: memory, turnIndex: turnIndex)
    }

    /// Moves the session to another context or mode and records the switch as a system
    /// turn (`ContextSwitch`: `metadata.event = "context_switch"`, with `from` and `to`), so
    /// the history shows where the conversation changed footing. The store keeps the
    /// earlier turns in the context they were asked in. Nothing is recorded when nothing changes.
    public func switchContext(_ session: Session, to context: Context, mode: Mode) async throws -> Session {
        guard context != session.context || mode != session.mode else { return session }
        let change = ContextSwitch(of: session, to: context, mode: mode)
        let changed = try await store.changeContext(session.id, context: context, mode: mode)
        _ = try await store.appendTurn(
            TurnDraft(role: .system, content: change.content, metadata: change.metadata), to: session.id)
        return changed
    }

    /// Asks `question` in `session`. `control.stop()` ends the answer early but keeps the
    /// events coming: the partial answer is stored, marked interrupted, and delivered as
    /// `.answered` (what Ctrl-C in `memchat ask` and Esc in the TUI do). Cancelling the
    /// consuming task instead stops delivery; the partial answer is still stored.
    public func ask(_ question: String, in session: Session, control: AnswerControl = AnswerControl()) -> AsyncThrowingStream<EngineEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await run(question, in: session, control: control) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func run(
        _ question: String, in session: Session, control: AnswerControl, emit: @escaping @Sendable (EngineEvent) -> Void
    ) async throws {
        let asked = try await store.appendTurn(TurnDraft(role: .user, content: question), to: session.id)
        emit(.asked(asked))
        // Indexed beside the rest of the work, not before it: the first question of a process
        // may wait for the embedder's load. The index is derived data, so a failure never
        // fails the question (it catches up later) and is kept for the caller's log.
        // With the encoder ranking, the question goes into its index with the vectors
        // retrieval is about to use; otherwise into the static table's.
        let store = store
        let encoder = turnIndex?.encoded != nil && assembler.retrieval.mode == .hybrid ? assembler.retrieval.rankingEncoder() : nil
        async let indexed: Void = { [turnIndex] in
            guard let turnIndex, encoder == nil else { return }
            do { try await turnIndex.add(asked, user: session.userID, store: store) } catch { turnIndex.noteFailure(error) }
        }()
        if let encoder, let encoded = turnIndex?.encoded { await addEncoded(asked, to: encoded, by: encoder, user: session.userID) }
        if let memory {
            let learned = try await MemoryExtractor().learn(from: asked, user: session.userID, context: session.context, memory: memory)
            if !learned.isEmpty { emit(.learned(learned)) }
        }
        let assembled = try await assembler.assemble(
            question: question, session: session, model: provider.model, store: store, memory: memory, turnIndex: turnIndex)
        emit(.context(assembled.request, contextUsed: assembled.contextUsed))

        let streaming = Task { await receive(assembled.request, emit: emit) }
        control.whenStopped { streaming.cancel() }
        var received = await withTaskCancellationHandler { await streaming.value } onCancel: { streaming.cancel() }
        received.metadata.provider = provider.name
        received.metadata.model = provider.model
        received.metadata.contextUsed = assembled.contextUsed
        // Stored even when the request failed or was cut short, so the pair stays intact;
        // in a task of its own so that a cancelled ask still writes it.
        let draft = TurnDraft(role: .assistant, content: received.answer, replyTo: asked.id, metadata: received.metadata.written())
        let stored = try await Task.detached { try await store.appendTurn(draft, to: session.id) }.value
        await indexed
        emit(.answered(stored))
    }

    /// What one streamed answer delivered before it finished, failed or was stopped.
    private struct Received: Sendable {
        var answer = ""
        var metadata = AnswerMetadata()
    }

    /// Keeps the question's encoder vectors (the whole question and each clause) in the
    /// encoder's index: retrieval ranks with the same vectors from the process's cache, so
    /// the model runs once per text.
    private func addEncoded(_ asked: Turn, to index: SemanticTurnIndex, by encoder: SentenceEncoder, user: UserName) async {
        let vectors = index.indexedTexts(of: asked.content).map { EmbeddingCache.shared.vector(of: $0, by: encoder) }
        do { try await index.add(asked, vectors: vectors, user: user, store: store) } catch { index.noteFailure(error) }
    }

    /// Streams the provider's answer, forwarding text as it comes. Never throws: an error
    /// or a stop ends the answer and is recorded in its metadata.
    private func receive(_ request: ChatRequest, emit: @Sendable (EngineEvent) -> Void) async -> Received {
        let started = clock.now()
        var received = Received()
        var reasoning = ""
        do {
            for try await event in provider.stream(request) {
                try Task.checkCancellation()
                switch event {
                case .text(let text):
                    if received.answer.isEmpty { received.metadata.firstByteMs = milliseconds(since: started) }
                    received.answer += text
                    emit(.text(text))
                case .reasoning(let text):
                    reasoning += text
                    emit(.reasoning(text))
                case .finished(let info):
                    received.metadata.finishReason = info.reason
                    received.metadata.promptTokens = info.promptTokens ?? received.metadata.promptTokens
                    received.metadata.completionTokens = info.completionTokens ?? received.metadata.completionTokens
                }
            }
            try Task.checkCancellation()
        } catch is CancellationError {
            received.metadata.finishReason = "interrupted"
            received.metadata.interrupted = true
        } catch {
            received.metadata.finishReason = "error"
            received.metadata.error = "\(error)"
        }
        received.metadata.latencyMs = milliseconds(since: started)
        if !reasoning.isEmpty { received.metadata.reasoning = reasoning }
        return received
    }

    private func milliseconds(since start: Date) -> Double {
        (clock.now().timeIntervalSince(start) * 1000).rounded()
    }
}

/// Lets a caller stop an answer while it streams, keeping what arrived.
public final class AnswerControl: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var onStop: (@Sendable () -> Void)?

    public init() {}

    public var isStopped: Bool { lock.withLock { stopped } }

    public func stop() {
        let handler = lock.withLock { () -> (@Sendable () -> Void)? in
            stopped = true
            return onStop
        }
        handler?()
    }

    func whenStopped(_ handler: @escaping @Sendable () -> Void) {
        let already = lock.withLock { () -> Bool in
            onStop = handler
            return stopped
        }
        if already { handler() }
    }
}
