import Foundation
import MemchatCore

/// The part of a user's history the sentence encoder's index holds (turns asked since
/// the encoder shipped), for one question: the turns nearest to it there, with every
/// record's stored vector, so that ranking them runs no model. The rest of the history
/// (older turns, imports) is shortlisted by the static table, and its best few are then
/// encoded and judged with the others on the encoder's one scale: the two models' cosines
/// cannot be compared, and the static table's floor let through what the encoder does not.
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

    /// How many of the static table's best older turns are encoded for each question, and
    /// how many of their clauses at most (a few milliseconds each; kept in the process's
    /// cache): a long imported turn must not cost a question tens of milliseconds.
    static let olderEncoded = 3
    static let olderClauses = 6

    /// `interactions` ranked for the question by `ranking` (the encoder's): those whose
    /// turn has encoder records with the stored vectors, and the static table's best
    /// `olderEncoded` of the others, encoded now.
    func rank(_ interactions: [Interaction], by ranking: HybridRanking) -> [Interaction] {
        guard let encoder, let index else { return ranking.rank(interactions.map { (key: $0, text: $0.question.content) }) }
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
        let staticRanking = HybridRanking(
            question: ranking.question, aboutness: ranking.aboutness, embedder: try? StaticEmbedder.shared(), calibration: .staticTable)
        var clauses = 0
        let shortlisted = staticRanking.rank(older.map { (key: $0, text: $0.question.content) }).prefix(Self.olderEncoded).filter {
            clauses += Clauses.of($0.question.content).count
            return clauses <= Self.olderClauses
        }
        return ranking.rank(
            (newer + shortlisted).map { (key: $0, text: $0.question.content) }, saved: SentenceVectors(embedder: encoder, saved: saved))
    }
}
