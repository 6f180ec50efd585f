import Foundation
import MemchatCore
import MemchatStore

/// Orders texts (memory facts, past questions) for a question by meaning and by words,
/// the one ranking both memory and history use.
///
/// Each text is read a clause at a time (`Clauses`) and only the clauses that may answer
/// the question count (`Aboutness`: a question about the user is answered by what the
/// user said about themselves). Two legs rank the texts: the cosine of the best clause's
/// sentence vector to the question's (the encoder's, or the static table's where it cannot
/// load), and BM25 over the question's words (stop words left out, document frequencies
/// counted among the texts ranked). They are fused by a convex combination: the cosine
/// plus `wordWeight` times BM25 scaled to the best text's. Reciprocal-rank fusion ranked
/// a text that shared one common word with the question ("plan") above a clear meaning
/// match that shared none; the cosine's gaps carry what ranks throw away. Of texts that
/// say the same (a history repeats a request word for word), only the best is kept.
///
/// A text is kept only when its best clause passes the model's relevance floor
/// (`Calibration`): a cosine of at least `floor`, or a little less when it also shares two or more words with the
/// question or when the question asks about one of the user's people (whom every clause
/// compared is then about); a clause that asks or requests something needs `requestFloor`, as only
/// the same question asked again is worth quoting; and no text is kept whose cosine is
/// more than `margin` below the best one's. Nothing passing means nothing is known,
/// which the recall responder says.
struct HybridRanking: Sendable {
    /// What a cosine means for one model, and how its ranking reads texts: the static
    /// table's and the encoder's cosines are on different scales.
    struct Calibration: Sendable {
        /// The least cosine of a text's best clause.
        var floor: Float
        /// How far below the best text's cosine another may be: a clear match leaves out
        /// the texts that only pass the floor.
        var margin: Float
        /// How much lower the floor is for a text that shares two or more words with the question.
        var lexicalAllowance: Float
        /// How much lower the floor is for a question about someone ("my dog", "my
        /// partner"): every clause it is compared with is about that someone already
        /// (`Aboutness`), and a user says only a few things about each of their people.
        var relationAllowance: Float
        /// The floor for an earlier question or request.
        var requestFloor: Float
        /// How far below the lowest floor a whole clause's cosine may be and still be read
        /// in full (its topic alone may come closer).
        var readingMargin: Float
        /// Whether a question about a relation and the clauses it is compared with are
        /// reduced to their topic first (`Aboutness.topic`): the static table cannot
        /// relate "my accountant" to "does my taxes", so the relation words are left out.
        var topics: Bool
        /// Whether BM25 over the question's words is fused with the cosine.
        var words: Bool
        /// What the best BM25 score among the texts adds to a cosine.
        var wordWeight: Double
        /// The cosine between two texts' best clauses from which the lower one says
        /// nothing more and is left out.
        var alike: Float

        /// The static table's, chosen on the development set (`data/eval/memory-dev.json`,
        /// not the eval): with the fitted table, a floor of 0.36 kept as many of its answers
        /// as 0.32 and answered "not found" to 80 % of its unanswerable questions, against
        /// 40 % at 0.28 (which found 6 % more answers).
        static let staticTable = Calibration(
            floor: 0.36, margin: 0.10, lexicalAllowance: 0.1, relationAllowance: 0.15, requestFloor: 0.5, readingMargin: 0.05,
            topics: true, words: true, wordWeight: 0.05, alike: 0.9)

        /// The sentence encoder's, fused with BM25 (what `hybrid` retrieval ships), chosen
        /// on the development set with 20,000 turns of background history: a floor of 0.30
        /// found 76 % of its answers (67 % of facts said in passing) and left 50 % of its
        /// unanswerable questions empty; 0.32 found 75 % and 0.35 68 % (48 % in passing)
        /// for 50 % and 65 %. With the whole history encoded, a margin of 0.25 kept a fact
        /// joined across sessions that 0.15 left out (dev 75.8 % against 74.7 %); the word
        /// leg's weight 0.05 found what 0 did (0.1 lost one answer); sameness from 0.8 to
        /// 0.95 found the same.
        static let encoder = Calibration(
            floor: 0.30, margin: 0.25, lexicalAllowance: 0.1, relationAllowance: 0.1, requestFloor: 0.7, readingMargin: 0.05,
            topics: false, words: true, wordWeight: 0.05, alike: 0.9)

        /// The calibration `tuning` asks for: the encoder's (without the word leg for
        /// `.encoder`) or the static table's, with its floor, margin and relation allowance
        /// where it sets them.
        static func tuned(_ tuning: RetrievalTuning) -> Calibration {
            var calibration = tuning.ranking == .static ? staticTable : encoder
            calibration.words = tuning.ranking != .encoder
            calibration.floor = tuning.floor ?? calibration.floor
            calibration.margin = tuning.margin ?? calibration.margin
            calibration.relationAllowance = tuning.relationAllowance ?? calibration.relationAllowance
            calibration.wordWeight = tuning.wordWeight ?? calibration.wordWeight
            calibration.alike = tuning.alike ?? calibration.alike
            return calibration
        }

    }

    let question: String
    let shape: Aboutness.Question
    let aboutness: Aboutness
    /// nil when no model can be loaded: the word leg alone ranks, and any shared word
    /// passes the floor.
    let embedder: (any SentenceEmbedding)?
    let calibration: Calibration
    /// The vectors of the question's parts (see `parts(of:)`).
    private let questionVectors: [[Float]]
    private let questionWords: [String]
    /// Lowercase words whose presence makes a text worth reading in full (`worthReading`).
    private let cues: [[UInt8]]

    init(question: String, aboutness: Aboutness, embedder: (any SentenceEmbedding)?, calibration: Calibration = .staticTable) {
        self.question = question
        self.aboutness = aboutness
        self.embedder = embedder
        self.calibration = calibration
        let shape = Aboutness.question(question)
        self.shape = shape
        let topics = calibration.topics && !shape.relations.isEmpty
        questionVectors = embedder.map { embedder in
            Self.parts(of: question).map { part in
                EmbeddingCache.shared.vector(of: topics ? aboutness.topic(of: Substring(part)) : part, by: embedder)
            }
        } ?? []
        var seen = Set<String>()
        questionWords = Self.words(of: question).filter { seen.insert($0).inserted }
        let relationWords = Aboutness.relations.filter { shape.relations.contains($0.value) }.map(\.key)
        let names = aboutness.people.filter { shape.relations.contains($0.value) }.map(\.key)
        cues = (questionWords + relationWords + names).map { Array($0.utf8) }
    }

    /// The texts that pass the floor, best first; among equal scores the earlier one in
    /// `candidates` (callers pass newer first). Their vectors come from `saved` when
    /// given (which then also keeps those computed), else from the in-process cache.
    func rank<Key>(_ candidates: [(key: Key, text: String)], saved: SentenceVectors? = nil) -> [Key] {
        scored(candidates, saved: saved).map(\.key)
    }

    /// `rank`, with each text's fused score (on the cosine's scale with a model).
    func scored<Key>(_ candidates: [(key: Key, text: String)], saved: SentenceVectors? = nil) -> [(key: Key, score: Double)] {
        let vectors = saved ?? embedder.map { SentenceVectors(embedder: $0) }
        var scored: [Scored] = []
        for (index, candidate) in candidates.enumerated() {
            let reading = TextReading.of(candidate.text)
            guard worthReading(reading, vectors: vectors) else { continue }
            let admitted = reading.clauses.indices.filter { admits(reading, clause: $0) }
            guard !admitted.isEmpty else { continue }
            var cosine: Float = 0
            var best: [Float]?
            if let vectors {
                // A request counts for what it is worth above its own, higher floor.
                cosine = -.infinity
                for clause in admitted {
                    var similarity = similarity(of: reading, clause: clause, by: vectors)
                    if reading.requests[clause] { similarity -= calibration.requestFloor - calibration.floor }
                    guard similarity > cosine else { continue }
                    cosine = similarity
                    best = vectors.vector(of: reading.clauses[clause], key: reading.keys[clause])
                }
            }
            var counts = [Int](repeating: 0, count: questionWords.count)
            var length = 0
            for clause in admitted {
                length += reading.words[clause].count
                for word in reading.words[clause] {
                    if let position = questionWords.firstIndex(of: word) { counts[position] += 1 }
                }
            }
            scored.append(Scored(index: index, cosine: cosine, counts: counts, length: length, vector: best))
        }
        guard !scored.isEmpty else { return [] }

        let frequencies = questionWords.indices.map { word in scored.count { $0.counts[word] > 0 } }
        let averageLength = Double(scored.reduce(0) { $0 + $1.length }) / Double(scored.count)
        let bm25 = scored.map { text in
            Relevance.score(
                counts: text.counts, length: text.length, averageLength: averageLength,
                documentFrequencies: frequencies, documents: scored.count)
        }
        let best = scored.map(\.cosine).max() ?? 0
        let kept = scored.indices.filter { index in
            passes(cosine: scored[index].cosine, sharedWords: scored[index].counts.count { $0 > 0 })
                && (embedder == nil || scored[index].cosine >= best - calibration.margin)
        }

        // Convex fusion: the cosine, plus the word leg's BM25 scaled to the best text's and
        // weighted; words alone rank by BM25.
        let topWords = max(bm25.max() ?? 0, .leastNonzeroMagnitude)
        let fused = scored.indices.map { index in
            guard embedder != nil else { return bm25[index] }
            return Double(scored[index].cosine) + (calibration.words ? calibration.wordWeight * bm25[index] / topWords : 0)
        }
        let order = kept.sorted { fused[$0] != fused[$1] ? fused[$0] > fused[$1] : scored[$0].index < scored[$1].index }
        return Self.distinct(order, vectors: scored.map(\.vector), alike: calibration.alike).map {
            (key: candidates[scored[$0].index].key, score: fused[$0])
        }
    }

    /// `order` without the texts that say what a better one already says: a best clause
    /// whose cosine to a kept text's is `alike` or more (the same request asked again,
    /// "thanks this gives me a plan for wednesday" after "Thanks, this gives me a plan for
    /// Wednesday."; with another day or name the encoder puts it at 0.7-0.89). A history
    /// holds the same request many times, and the few places sent with a question must not
    /// all go to its copies.
    private static func distinct(_ order: [Int], vectors: [[Float]?], alike: Float) -> [Int] {
        var kept: [[Float]] = []
        return order.filter { index in
            guard let vector = vectors[index] else { return true }
            if kept.contains(where: { Cosine.of($0, vector) >= alike }) { return false }
            kept.append(vector)
            return true
        }
    }

    /// Whether a text tied by a name to one that passed (`NameLinks`) may be sent with
    /// it: a statement about whom the question asks about, or about the named thing
    /// itself ("Falcon runs on Kubernetes" after "My team owns the Falcon pipeline"), but
    /// never about someone else.
    func mayFollow(_ text: String) -> Bool {
        let reading = TextReading.of(text)
        return reading.clauses.indices.contains { clause in
            admits(reading, clause: clause)
                || (!(shape.wantsStatements && reading.requests[clause]) && aboutness.subject(ofWords: reading.people[clause]) == .unknown)
        }
    }

    /// Whether a clause of `reading` may answer the question (`Aboutness.admits`).
    private func admits(_ reading: TextReading, clause: Int) -> Bool {
        aboutness.admits(words: reading.people[clause], isRequest: reading.requests[clause], for: shape)
    }

    /// Whether a text could pass the floor, checked cheaply before it is read in full
    /// (a user may have a thousand facts): a clause whose vector is near enough to the
    /// question's, or one of the cues in it (a question word, or for a question about a
    /// relation, a word for it or the name of one of its people). Cues are compared as
    /// bytes, so a word with diacritics may be missed here; its vector usually is not.
    private func worthReading(_ reading: TextReading, vectors: SentenceVectors?) -> Bool {
        if let vectors {
            let least = calibration.floor - calibration.lexicalAllowance - calibration.readingMargin
            for (clause, key) in zip(reading.clauses, reading.keys) {
                let vector = vectors.vector(of: clause, key: key)
                if questionVectors.contains(where: { Cosine.of($0, vector) >= least }) { return true }
            }
        }
        return cues.contains(where: reading.lowercase.contains)
    }

    /// The clause's best cosine to a part of the question. For a question about a
    /// relation both sides are reduced to their topic (`Aboutness.topic`); when either
    /// has none left ("Who is my boss?", "My wife is Clara."), the clause is about what
    /// was asked, and just passes the floor.
    private func similarity(of reading: TextReading, clause: Int, by vectors: SentenceVectors) -> Float {
        // Topics are not what the fact vector file keeps: they come from the process's cache.
        let topics = calibration.topics && !shape.relations.isEmpty
        let vector = topics
            ? EmbeddingCache.shared.vector(of: aboutness.topic(of: reading.clauses[clause]), by: vectors.embedder)
            : vectors.vector(of: reading.clauses[clause], key: reading.keys[clause])
        let similarities = questionVectors.map { Cosine.of($0, vector) }
        if topics, vector.allSatisfy({ $0 == 0 }) || questionVectors.allSatisfy({ $0.allSatisfy { $0 == 0 } }) {
            return max(similarities.max() ?? 0, calibration.floor)
        }
        return similarities.max() ?? 0
    }

    /// The question whole and, when it asks two things ("How old is my daughter and
    /// which school does she attend?"), each of them: a clause answering one part
    /// should not be judged against both.
    static func parts(of question: String) -> [String] {
        var parts = [question]
        let lower = question.lowercased()
        for joint in [" and which ", " and what ", " and when ", " and where ", " and who ", " and how ", " and whose "] {
            guard let range = lower.range(of: joint) else { continue }
            let offset = lower.distance(from: lower.startIndex, to: range.lowerBound)
            let split = question.index(question.startIndex, offsetBy: offset)
            parts.append(String(question[..<split]))
            parts.append(String(question[question.index(split, offsetBy: 5)...]))
            break
        }
        return parts
    }

    /// A candidate's measures before fusion.
    private struct Scored {
        var index: Int
        var cosine: Float
        /// How often each question word occurs in the admitted clauses.
        var counts: [Int]
        var length: Int
        /// The best clause's vector; nil without a model.
        var vector: [Float]?
    }

    private func passes(cosine: Float, sharedWords: Int) -> Bool {
        guard embedder != nil else { return sharedWords > 0 }
        let floor = shape.relations.isEmpty ? calibration.floor : calibration.floor - calibration.relationAllowance
        return cosine >= floor || (sharedWords >= 2 && cosine >= calibration.floor - calibration.lexicalAllowance)
    }

    /// The words of the word leg: search tokens without stop words.
    static func words(of text: String) -> [String] {
        wordMemo.value(for: text) { SearchText.tokens(of: $0).filter { !SearchText.stopWords.contains($0) } }
    }

    static let wordMemo = ReadingMemo<[String]>()
}
