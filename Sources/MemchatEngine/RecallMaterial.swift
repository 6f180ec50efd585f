import Foundation
import MemchatCore
import MemchatStore

/// What was found for a question in the user's memory and history.
public struct RecallMaterial: Sendable, Hashable {
    public var facts: [MemoryFact]
    public var interactions: [Interaction]

    public init(facts: [MemoryFact] = [], interactions: [Interaction] = []) {
        self.facts = facts
        self.interactions = interactions
    }
}

/// Finds past exchanges that bear on a question. The store's search needs every word
/// to match, which a natural question rarely does, so the question's most telling words
/// are searched one by one and the turns that match most of them win.
public struct HistoryRecall: Sendable {
    public var keywordLimit = 5
    public var hitsPerKeyword = 12

    public init() {}

    public func interactions(
        for question: String, store: any SessionStore, user: UserName, context: Context?,
        excluding session: SessionID?, limit: Int
    ) async throws -> [Interaction] {
        let keywords = Self.keywords(in: question).prefix(keywordLimit)
        var matches: [TurnID: (hit: SearchHit, words: Int, score: Double)] = [:]
        for keyword in keywords {
            let hits = (try? await store.search(SearchQuery(text: keyword, scope: .user(user), context: context, limit: hitsPerKeyword))) ?? []
            for hit in hits where hit.turn.sessionID != session {
                let previous = matches[hit.turn.id]
                matches[hit.turn.id] = (hit, (previous?.words ?? 0) + 1, (previous?.score ?? 0) + hit.score)
            }
        }
        let ranked = matches.values.sorted { a, b in
            a.words != b.words ? a.words > b.words
                : a.score != b.score ? a.score > b.score : a.hit.turn.createdAt > b.hit.turn.createdAt
        }
        var seenQuestions = Set<TurnID>()
        var interactions: [Interaction] = []
        for match in ranked where interactions.count < limit {
            guard let pair = try await interaction(around: match.hit, store: store), seenQuestions.insert(pair.question.id).inserted,
                  !Self.isRecalled(pair)
            else { continue }
            interactions.append(pair)
        }
        return interactions
    }

    /// An exchange answered by the recall responder only repeats older material.
    static func isRecalled(_ interaction: Interaction) -> Bool {
        interaction.answer?.metadata["provider"] == .string(RecallProvider().name)
    }

    /// The question and answer a matching turn belongs to.
    private func interaction(around hit: SearchHit, store: any SessionStore) async throws -> Interaction? {
        let turn = hit.turn
        switch turn.role {
        case .user:
            let after = try await store.turns(of: turn.sessionID, page: .after(seq: turn.seq, limit: 8))
            let answer = after.last { $0.role == .assistant && $0.replyTo == turn.id }
            return Interaction(question: turn, answer: answer, sessionTitle: hit.sessionTitle, context: hit.context)
        case .assistant:
            guard let questionID = turn.replyTo else { return nil }
            let before = try await store.turns(of: turn.sessionID, page: .before(seq: turn.seq, limit: 8))
            guard let question = before.last(where: { $0.id == questionID }) else { return nil }
            return Interaction(question: question, answer: turn, sessionTitle: hit.sessionTitle, context: hit.context)
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
