import Foundation
import MemchatCore
import MemchatStore

/// Builds the request for one question: the system prompt for the session's context and
/// mode, the user's relevant memory facts, relevant past exchanges from other sessions,
/// then the session's own recent turns (newest last) within a character budget.
public struct ContextAssembler: Sendable {
    public var budget: Int
    /// How memory facts and past exchanges are found.
    public var retrieval = Retrieval()
    /// Past exchanges are quoted up to this many characters each.
    public var excerptLength = 600
    /// System prompts from config.toml, keyed `CONTEXT.MODE`, in place of the built-in ones.
    public var systemPrompts: [String: String]

    public init(budget: Int = 16_000, systemPrompts: [String: String] = [:]) {
        self.budget = budget
        self.systemPrompts = systemPrompts
    }

    public struct Assembled: Sendable {
        public var request: ChatRequest
        /// Which facts and past turns were injected, as stored in the answer's metadata.
        public var contextUsed: ContextUsed
    }

    public func assemble(
        question: String, session: Session, model: String, store: any SessionStore, memory: MemoryStore?
    ) async throws -> Assembled {
        // The reads are independent; they run side by side.
        async let recalled = retrieval.material(for: question, session: session, store: store, memory: memory)
        async let sessionTurns = recentTurns(of: session, store: store)
        let material = try await recalled
        let facts = material.facts
        let interactions = material.interactions
        let recent = try await sessionTurns

        var system = systemPrompts[SystemPrompts.key(context: session.context, mode: session.mode)]
            ?? SystemPrompts.prompt(context: session.context, mode: session.mode)
        if !facts.isEmpty {
            system += "\n\nWhat you know about the user:\n" + facts.map { "- \($0.text)" }.joined(separator: "\n")
        }
        if !interactions.isEmpty {
            system += "\n\nRelevant past exchanges:\n" + interactions.map(describe).joined(separator: "\n")
        }

        // The session's turns, newest first, until the budget is spent; the question (the
        // last turn) always goes in.
        var remaining = max(budget - system.count, 0)
        var history: [ChatMessage] = []
        for turn in recent.reversed() where turn.role == .user || turn.role == .assistant {
            guard !turn.content.isEmpty, turn.answerMetadata.error == nil else { continue }
            if turn.content.count > remaining, !history.isEmpty { break }
            remaining -= turn.content.count
            history.insert(ChatMessage(role: turn.role, content: turn.content), at: 0)
        }
        if history.last?.role != .user || history.last?.content != question {
            history.append(ChatMessage(role: .user, content: question))
        }

        let used = ContextUsed(
            facts: facts.map(\.id), turns: interactions.flatMap { [$0.question.id] + ($0.answer.map { [$0.id] } ?? []) },
            sessionTurns: history.count - 1)
        return Assembled(
            request: ChatRequest(
                model: model, messages: [ChatMessage(role: .system, content: system)] + history,
                recalled: material),
            contextUsed: used)
    }

    /// The session's newest turns; none for a session not created yet (a preview).
    private func recentTurns(of session: Session, store: any SessionStore) async throws -> [Turn] {
        do {
            return try await store.turns(of: session.id, page: .last(200))
        } catch StoreError.sessionNotFound {
            return []
        }
    }

    private func describe(_ interaction: Interaction) -> String {
        let when = Timestamp.format(interaction.question.createdAt).prefix(10)
        var text = Quotation.labelled(
            "- On \(when) (\(interaction.context)) the user said", interaction.question.content, limit: excerptLength)
        if let answer = interaction.answer, !answer.content.isEmpty {
            text += "\n" + Quotation.labelled("  The answer was", answer.content, limit: excerptLength)
        }
        return text
    }
}
