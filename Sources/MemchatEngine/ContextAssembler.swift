import Foundation
import MemchatCore
import MemchatStore

/// Builds the request for one question: the system prompt for the session's context and
/// mode, the user's profile and standing facts (every time), the memory facts relevant to
/// the question, relevant past exchanges from other sessions, then the session's own
/// recent turns (newest last) within a character budget.
public struct ContextAssembler: Sendable {
    public var budget: Int
    /// How memory facts and past exchanges are found.
    public var retrieval = Retrieval()
    /// Characters of profile and standing fact text sent with every request.
    public var standingBudget = 1_500
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

    /// - Parameter turnIndex: where past turns are found by meaning (hybrid retrieval);
    ///   without it, only by their words and recency.
    public func assemble(
        question: String, session: Session, model: String, store: any SessionStore, memory: MemoryStore?,
        turnIndex: SemanticTurnIndex? = nil
    ) async throws -> Assembled {
        // The reads are independent; they run side by side.
        async let recalled = material(for: question, session: session, store: store, memory: memory, turnIndex: turnIndex)
        async let sessionTurns = recentTurns(of: session, store: store)
        let (standing, facts, interactions, recalledFacts) = try await recalled
        let recent = try await sessionTurns

        var system = systemPrompts[SystemPrompts.key(context: session.context, mode: session.mode)]
            ?? SystemPrompts.prompt(context: session.context, mode: session.mode)
        if !standing.isEmpty {
            system += "\n\nAbout the user (always applies):\n" + standing.map { "- \($0.text)" }.joined(separator: "\n")
        }
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
            sessionTurns: history.count - 1, standingFacts: standing.map(\.id))
        return Assembled(
            request: ChatRequest(
                model: model, messages: [ChatMessage(role: .system, content: system)] + history,
                recalled: RecallMaterial(facts: recalledFacts, interactions: interactions)),
            contextUsed: used)
    }

    /// The standing facts to send (see `standingFacts`), then what `retrieval` finds
    /// without them: the relevant facts (never a standing one again) and past exchanges
    /// (not the turns the standing facts were learned from, which they stand for), and
    /// what the recall responder quotes: every ranked fact, standing or not (it answers
    /// "what is my name?" from the profile).
    private func material(
        for question: String, session: Session, store: any SessionStore, memory: MemoryStore?, turnIndex: SemanticTurnIndex?
    ) async throws -> (standing: [MemoryFact], relevant: [MemoryFact], interactions: [Interaction], recalled: [MemoryFact]) {
        let current = try await memory?.facts(user: session.userID, context: session.context) ?? []
        let extractor = MemoryExtractor()
        let standing = Self.standingFacts(current.filter { extractor.kind(of: $0).isStanding }, budget: standingBudget)
        let sent = Set(standing.map(\.id))
        // Room for the standing facts the ranking may put first, so `factLimit` others
        // remain; a standing fact the budget left out may still come in as relevant.
        var wider = retrieval
        wider.factLimit += sent.count
        let found = try await wider.material(
            for: question, session: session, store: store, memory: memory, turnIndex: turnIndex, standing: standing)
        let relevant = Array(found.facts.filter { !sent.contains($0.id) }.prefix(retrieval.factLimit))
        let relevantIDs = Set(relevant.map(\.id))
        let recalled = found.facts.filter { sent.contains($0.id) || relevantIDs.contains($0.id) }.prefix(retrieval.factLimit)
        return (standing, relevant, found.interactions, Array(recalled))
    }

    /// Profile and standing facts newest first (by when last stated) while their texts fit
    /// in `budget` characters; one that does not fit is skipped, and a later, shorter one
    /// may still go in.
    static func standingFacts(_ facts: [MemoryFact], budget: Int) -> [MemoryFact] {
        var remaining = budget
        var chosen: [MemoryFact] = []
        let newestFirst = facts.sorted { a, b in
            a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id < b.id
        }
        for fact in newestFirst where fact.text.count <= remaining {
            remaining -= fact.text.count
            chosen.append(fact)
        }
        return chosen
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
