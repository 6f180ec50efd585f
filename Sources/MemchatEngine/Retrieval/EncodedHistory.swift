import Foundation
import MemchatCore

/// The user's history as the sentence encoder's index holds it, for one question: the
/// turns nearest to it there, with every record's stored vector, so that ranking them
/// runs no model. The other candidates (found by their words; turns an import left that
/// the index has not reached yet among them) are shortlisted by words (BM25), and their
/// best few are encoded now and judged with the others on the encoder's one scale.
struct EncodedHistory {
    /// The encoder's nearest turns, best first; empty when the encoder does not rank.
    let turns: [TurnID]
    private let encoder: SentenceEncoder?
    private let index: SemanticTurnIndex?
    private let stored: [TurnID: [Int: [Float]]]

    init(question: String, encoder: SentenceEncoder?, index: SemanticTurnIndex?, user: UserName) {
        self.encoder = encoder
        self.index = index
        guard let encoder, let index,
              let found = try? index.candidates(
                  near: EmbeddingCache.shared.vector(of: question, by: encoder), user: user, limit: HistoryRecall().nearestTurns)
        else {
            turns = []
            stored = [:]
            return
        }
        turns = found.map(\.turnID)
        stored = (try? index.storedVectors(of: found, user: user)) ?? [:]
    }

    /// How many of the best other candidates are encoded for each question, and how many
    /// of their clauses at most (a few milliseconds each; kept in the process's cache): a
    /// long imported turn must not cost a question tens of milliseconds.
    static let olderEncoded = 3
    static let olderClauses = 6

    /// `interactions` ranked for the question by `ranking` (the encoder's): those whose
    /// turn has encoder records with the stored vectors, and the best `olderEncoded` of
    /// the others by their words, encoded now.
    func rank(_ interactions: [Interaction], by ranking: HybridRanking) -> [(key: Interaction, score: Double)] {
        guard let encoder, let index else { return ranking.scored(interactions.map { (key: $0, text: $0.question.content) }) }
        let newer = interactions.filter { stored[$0.question.id] != nil }
        let older = interactions.filter { stored[$0.question.id] == nil }
        var saved: [UInt64: [Float]] = [:]
        for interaction in newer {
            let records = stored[interaction.question.id] ?? [:]
            let texts = index.indexedTexts(of: interaction.question.content)
            for (record, text) in texts.enumerated() {
                if let vector = records[record] { saved[SentenceVectors.key(of: text)] = vector }
            }
            // A text of one clause has one record, the whole text, which is that clause.
            if texts.count == 1, let whole = records[0], let clause = Clauses.of(texts[0]).first {
                saved[SentenceVectors.key(of: clause)] = whole
            }
        }
        let byWords = HybridRanking(question: ranking.question, aboutness: ranking.aboutness, embedder: nil, calibration: .encoder)
        var clauses = 0
        let shortlisted = byWords.rank(older.map { (key: $0, text: $0.question.content) }).prefix(Self.olderEncoded).filter {
            clauses += Clauses.of($0.question.content).count
            return clauses <= Self.olderClauses
        }
        return ranking.scored(
            (newer + shortlisted).map { (key: $0, text: $0.question.content) }, saved: SentenceVectors(embedder: encoder, saved: saved))
    }
}
