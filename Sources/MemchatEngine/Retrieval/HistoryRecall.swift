import Foundation
import MemchatCore
import MemchatStore

/// Finds past exchanges that bear on a question. The store's ordinary search needs every
/// word to match, which a natural question rarely does, so the question's most telling
/// words are searched with `.anyWord`: turns holding more of them rank first.
///
/// This runs before every request, so it is one query that ranks only the newest
/// `rankingWindow` matching turns (recent exchanges are the likely relevant ones).
public struct HistoryRecall: Sendable {
    public var keywordLimit = 5
    public var hits = 8
    public var rankingWindow = 48
    /// For the hybrid ranking: how many word matches and nearest turns it re-scores.
    public var candidateWindow = 32
    public var nearestTurns = 50

    public init() {}

    public func interactions(
        for question: String, store: any SessionStore, user: UserName, context: Context?,
        excluding session: SessionID?, limit: Int
    ) async throws -> [Interaction] {
        let found = await wordMatches(for: question, store: store, user: user, context: context, limit: hits, window: rankingWindow)
            .filter { $0.turn.sessionID != session }
        guard !found.isEmpty else { return [] }
        let around = try await store.turnsAround(found.map(\.turn), radius: 2)
        var seenQuestions = Set<TurnID>()
        var interactions: [Interaction] = []
        for hit in found where interactions.count < limit {
            guard var pair = Self.interaction(around: hit, neighbours: around[hit.turn.id] ?? []) else { continue }
            if Self.isRecalled(pair.answer) {
                // The recall responder's answer only repeats older material, but what the
                // user said is theirs ("I'm allergic to bee stings" told with no model).
                guard hit.turn.role == .user else { continue }
                pair.answer = nil
            }
            guard seenQuestions.insert(pair.question.id).inserted else { continue }
            interactions.append(pair)
        }
        return interactions
    }

    /// Past exchanges that may bear on `question`, for `HybridRanking` to order: the
    /// user's turns nearest to it by meaning (`turnIndex`, the best `nearestTurns`) and
    /// those sharing a word with it (the newest `candidateWindow` matches), newest first,
    /// without those of `session`. Questions found directly come without their answer,
    /// which `answered` adds to the few kept (reading every candidate's neighbours would
    /// cost more than ranking them). An answer the recall responder gave is left out; the
    /// user's turn before it stays. A failing index costs only its candidates.
    /// `encoded`: turns the sentence encoder's index found (`Retrieval` reads it, to keep
    /// their stored vectors), added to those of the static table's.
    func candidates(
        for question: String, store: any SessionStore, user: UserName, excluding session: SessionID?,
        turnIndex: SemanticTurnIndex? = nil, encoded: [TurnID] = []
    ) async throws -> [Interaction] {
        // The index scan and the word search run side by side.
        async let words = wordMatches(for: question, store: store, user: user, context: nil, limit: candidateWindow, window: candidateWindow)
        var nearest = encoded
        if let turnIndex, let found = try? turnIndex.nearest(to: question, user: user, limit: nearestTurns) { nearest += found }
        var found: [SearchHit] = []
        if !nearest.isEmpty { found = try await store.located(nearest) }
        found += await words
        // A match in an answer stands for its question, which is read beside it.
        let around = try await store.turnsAround(found.map(\.turn).filter { $0.role == .assistant }, radius: 2)
        var seen = Set<TurnID>()
        var candidates: [Interaction] = []
        func add(_ interaction: Interaction) {
            guard interaction.sessionID != session, seen.insert(interaction.question.id).inserted else { return }
            var interaction = interaction
            if Self.isRecalled(interaction.answer) { interaction.answer = nil }
            candidates.append(interaction)
        }
        for hit in found {
            if hit.turn.role == .user {
                add(Interaction(question: hit.turn, answer: nil, sessionTitle: hit.sessionTitle, context: hit.context))
            } else if let pair = Self.interaction(around: hit, neighbours: around[hit.turn.id] ?? []) {
                add(pair)
            }
        }
        return candidates.sorted { $0.question.createdAt > $1.question.createdAt }
    }

    /// The user's turns holding any of the question's telling words (`keywords`), best
    /// first among the newest `window` matches; none when it has no such word.
    private func wordMatches(
        for question: String, store: any SessionStore, user: UserName, context: Context?, limit: Int, window: Int
    ) async -> [SearchHit] {
        let keywords = Self.keywords(in: question).prefix(keywordLimit)
        guard !keywords.isEmpty else { return [] }
        let query = SearchQuery(
            text: keywords.joined(separator: " "), scope: .user(user), context: context, limit: limit,
            rankingWindow: window, matching: .anyWord)
        return (try? await store.search(query)) ?? []
    }

    /// `interactions` with the answer each question got, where it has none yet (the
    /// recall responder's answers left out, as in `candidates`).
    static func answered(_ interactions: [Interaction], store: any SessionStore) async throws -> [Interaction] {
        let unanswered = interactions.filter { $0.answer == nil }.map(\.question)
        guard !unanswered.isEmpty else { return interactions }
        let around = try await store.turnsAround(unanswered, radius: 2)
        return interactions.map { interaction in
            guard interaction.answer == nil else { return interaction }
            var interaction = interaction
            let answer = Self.answer(to: interaction.question, among: around[interaction.question.id] ?? [])
            interaction.answer = isRecalled(answer) ? nil : answer
            return interaction
        }
    }

    /// The answer to `question` among the turns beside it.
    static func answer(to question: Turn, among neighbours: [Turn]) -> Turn? {
        neighbours.first { $0.role == .assistant && $0.replyTo == question.id }
    }

    static func isRecalled(_ answer: Turn?) -> Bool {
        answer?.answerMetadata.provider == RecallProvider().name
    }

    /// The question and answer a matching turn belongs to, from the turns beside it, in
    /// the context the question was asked in.
    static func interaction(around hit: SearchHit, neighbours: [Turn]) -> Interaction? {
        let turn = hit.turn
        switch turn.role {
        case .user:
            return Interaction(
                question: turn, answer: answer(to: turn, among: neighbours), sessionTitle: hit.sessionTitle, context: hit.context)
        case .assistant:
            guard let question = neighbours.first(where: { $0.id == turn.replyTo }) else { return nil }
            // A question without a context of its own stands where its session stands, and
            // so does an answer after it (stores settle every earlier turn on a switch).
            return Interaction(
                question: question, answer: turn, sessionTitle: hit.sessionTitle, context: question.context ?? hit.context)
        case .system, .tool:
            return nil
        }
    }

    /// Words worth searching for: not stop words, longest (most specific) first.
    static func keywords(in question: String) -> [String] {
        var seen = Set<String>()
        return SearchText.tokens(of: question)
            .filter { $0.count > 2 && !SearchText.stopWords.contains($0) && seen.insert($0).inserted }
            .sorted { $0.count > $1.count }
    }
}
