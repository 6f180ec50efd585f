import Foundation
import MemchatCore
import MemchatStore

/// What the user's memory and history bring to one question, ranked the configured way
/// (`retrieval` in config.toml): `.hybrid` by meaning and words (`HybridRanking`),
/// `.lexical` by shared words only, as earlier releases did (kept as the baseline of
/// `memchat-bench memory`).
public struct Retrieval: Sendable {
    public var mode: RetrievalMode
    /// What ships, unless a benchmark tunes it (`Configuration.tuning`).
    public var tuning: RetrievalTuning
    public var factLimit = 8
    public var interactionLimit = 3
    /// Told how long each stage of a hybrid retrieval took (name, milliseconds), for
    /// `memchat-bench context`; nil in use.
    package var stages: (@Sendable (String, Double) -> Void)?

    public init(mode: RetrievalMode = .hybrid, tuning: RetrievalTuning = .shipped) {
        self.mode = mode
        self.tuning = tuning
    }

    /// - Parameter standing: facts sent with every request anyway; the turns they were
    ///   learned from are not quoted again.
    public func material(
        for question: String, session: Session, store: any SessionStore, memory: MemoryStore?,
        turnIndex: SemanticTurnIndex? = nil, standing: [MemoryFact] = []
    ) async throws -> RecallMaterial {
        let told = Set(standing.compactMap(\.sourceTurn))
        switch mode {
        case .lexical:
            async let facts = memory?.relevant(user: session.userID, query: question, context: session.context, limit: factLimit)
            async let interactions = HistoryRecall().interactions(
                for: question, store: store, user: session.userID, context: nil, excluding: session.id, limit: interactionLimit)
            return RecallMaterial(
                facts: try await facts ?? [], interactions: try await interactions.filter { !told.contains($0.question.id) })
        case .hybrid:
            return try await hybrid(question, session: session, store: store, memory: memory, turnIndex: turnIndex, told: told)
        }
    }

    private func hybrid(
        _ question: String, session: Session, store: any SessionStore, memory: MemoryStore?, turnIndex: SemanticTurnIndex?,
        told: Set<TurnID>
    ) async throws -> RecallMaterial {
        var clock = StageClock(report: stages)
        let (embedder, calibration) = meaning()
        if let embedder { _ = EmbeddingCache.shared.vector(of: question, by: embedder) }
        clock.lap("model and question vector")
        // With the encoder, past turns are found by its index, with their stored vectors
        // (`EncodedHistory`), and the static table's index is not read; without it (its
        // weights missing), by the static table's.
        let encoder = embedder as? SentenceEncoder
        let encoded = EncodedHistory(question: question, encoder: encoder, index: turnIndex?.encoded, user: session.userID)
        clock.lap("encoder index scan")
        // History is searched while the facts are ranked: the two are independent but for
        // who is who, which the facts' ranking learns from the facts alone.
        async let candidates = HistoryRecall().candidates(
            for: question, store: store, user: session.userID, excluding: session.id, turnIndex: encoder == nil ? turnIndex : nil,
            encoded: encoded.turns)
        let allFacts = try await memory?.facts(user: session.userID, includeSuperseded: true) ?? []
        let current = allFacts.filter { $0.isActive && $0.applies(in: session.context) }

        let factRanking = HybridRanking(
            question: question, aboutness: Aboutness(learningFrom: current.map(\.text)), embedder: embedder, calibration: calibration)
        let vectorsPath = memory.map { $0.vectorsPath(for: session.userID) }
        let factVectors = embedder.map { embedder in
            SentenceVectors(
                embedder: embedder, saved: vectorsPath.map { FactVectorFile.read($0, dimensions: embedder.dimensions, table: embedder.fingerprint) } ?? [:])
        }

        let pinned = current.filter(\.pinned).reversed()
        let unpinned = Array(current.filter { !$0.pinned }.reversed())
        let scoredFacts = factRanking.scored(unpinned.map { (key: $0, text: $0.text) }, saved: factVectors)
        let ranked = scoredFacts.map(\.key)
        clock.lap("facts ranked")
        if let factVectors, !factVectors.computed.isEmpty, let vectorsPath {
            Self.saveFactVectors(of: current, from: factVectors, to: vectorsPath)
        }

        // Who is who, for past questions, comes from everything the user said about people.
        let interactions = try await candidates
        clock.lap("history search by words, after the facts")
        let aboutness = Aboutness(learningFrom: current.map(\.text) + interactions.map(\.question.content))
        let ranking = HybridRanking(question: question, aboutness: aboutness, embedder: embedder, calibration: calibration)
        // A turn a fact was learned from is represented by the fact (sent as relevant or
        // as standing); a turn whose every fact was replaced since says something no
        // longer true.
        let replaced = Set(allFacts.filter { !$0.isActive }.compactMap(\.sourceTurn))
            .subtracting(allFacts.filter(\.isActive).compactMap(\.sourceTurn))
        let represented = Set((pinned + ranked).compactMap(\.sourceTurn)).union(told)
        let open = interactions.filter { !represented.contains($0.question.id) && !replaced.contains($0.question.id) }
        let scoredExchanges = encoded.rank(open, by: ranking)
        clock.lap("history ranked")

        // Then what shares a name with the best text found, told in other sessions, among
        // the candidates, right after it (searching history for the names as well found no
        // more on the development set, and cost 8 ms a question at 1M turns). Ties to the
        // texts below the best brought as much noise as answers there: a history names
        // many people.
        let best = (scoredFacts.prefix(1).map { (text: $0.key.text, score: $0.score) }
            + scoredExchanges.prefix(1).map { (text: $0.key.question.content, score: $0.score) }).max { $0.score < $1.score }
        let links = NameLinks(ranked: best.map { [$0.text] } ?? [], people: aboutness.people)
        let following = (best?.score ?? 0) - NameLinks.followingGap
        let linkedFacts = unpinned.filter { links.ties($0.text) && factRanking.mayFollow($0.text) }
        let facts = Array((pinned + NameLinks.ordered(scoredFacts, following: linkedFacts, at: following, by: \.id)).prefix(factLimit))
        let stands = Set(facts.compactMap(\.sourceTurn)).union(told)
        let linkedExchanges = open.filter { links.ties($0.question.content) && ranking.mayFollow($0.question.content) }
        let exchanges = NameLinks.ordered(scoredExchanges, following: linkedExchanges, at: following, by: \.question.id)
            .filter { !stands.contains($0.question.id) }.prefix(interactionLimit)
        let answered = try await HistoryRecall.answered(Array(exchanges), store: store)
        clock.lap("links and answers read")
        return RecallMaterial(facts: facts, interactions: answered)
    }
}

extension Retrieval {
    /// The model and calibration `hybrid` retrieval ranks with (`tuning`); the static
    /// table when the encoder's weights cannot be loaded, and words alone when neither can.
    func meaning() -> ((any SentenceEmbedding)?, HybridRanking.Calibration) {
        if let encoder = rankingEncoder() { return (encoder, .tuned(tuning)) }
        var staticOnly = tuning
        staticOnly.ranking = .static
        return (try? StaticEmbedder.shared(), .tuned(staticOnly))
    }

    /// The sentence encoder `hybrid` retrieval ranks with, if it does: not when the tuning
    /// asks for the static table, nor when its weights cannot be loaded. Loads nothing else.
    public func rankingEncoder() -> SentenceEncoder? {
        tuning.ranking == .static ? nil : try? SentenceEncoder.shared()
    }

    /// Forgets the sentence vectors and readings computed in this process, as a new
    /// process starts: for benchmarks timing a cold question.
    package static func emptyCaches() {
        EmbeddingCache.shared.removeAll()
        Clauses.memo.removeAll()
        Aboutness.wordMemo.removeAll()
        Aboutness.introductionMemo.removeAll()
        FactVectorFile.memo.withLock { $0.removeAll() }
        HybridRanking.wordMemo.removeAll()
        NameLinks.memo.removeAll()
        LowercaseBytes.memo.removeAll()
        TextReading.memo.removeAll()
    }

    /// Rewrites the fact vector file after ranking had to embed fact clauses it lacked,
    /// with the vectors of the current facts only.
    static func saveFactVectors(of facts: [MemoryFact], from vectors: SentenceVectors, to path: String) {
        let clauses = facts.flatMap { Clauses.of($0.text).map(String.init) }
        var kept: [UInt64: [Float]] = [:]
        for clause in clauses {
            if let vector = vectors.known(clause) { kept[SentenceVectors.key(of: clause)] = vector }
        }
        FactVectorFile.write(kept, dimensions: vectors.embedder.dimensions, table: vectors.embedder.fingerprint, to: path)
    }
}

/// Times the stages of one retrieval for `Retrieval.stages`; does nothing without it.
private struct StageClock {
    let report: (@Sendable (String, Double) -> Void)?
    private var last = DispatchTime.now()

    init(report: (@Sendable (String, Double) -> Void)?) { self.report = report }

    mutating func lap(_ stage: String) {
        guard let report else { return }
        let now = DispatchTime.now()
        report(stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1_000_000)
        last = now
    }
}

extension MemoryFact {
    /// The turn a fact was learned from, if it was.
    var sourceTurn: TurnID? {
        if case .extracted(_, let turn) = source { return turn }
        return nil
    }
}
