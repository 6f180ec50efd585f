import Foundation

/// BM25 relevance of a text for a query, computed in Swift.
///
/// FTS5's own `bm25()` counts every row containing each query word on its first call,
/// which on a million turns makes common words slow however few rows are ranked. Here
/// the caller supplies document frequencies (which it may cap), and only the texts in
/// the ranking window are tokenized. It also checks that multi-token phrases
/// (`zero-cost`, CJK words) appear in order, since the index keeps no positions.
public struct Relevance: Sendable {
    public let phrases: [[String]]
    /// The phrases with each distinct token replaced by a small number.
    private let encodedPhrases: [[Int]]
    /// The distinct query tokens, as bytes, by number (for the ASCII fast path).
    private let vocabulary: [[UInt8]]
    private let vocabularyIndex: [String: Int]
    static let k1 = 1.2
    static let b = 0.75

    public init(query: String) {
        phrases = SearchText.phrases(of: query)
        var index: [String: Int] = [:]
        var vocabulary: [[UInt8]] = []
        encodedPhrases = phrases.map { phrase in
            phrase.map { token in
                if let known = index[token] { return known }
                index[token] = vocabulary.count
                vocabulary.append(Array(token.utf8))
                return vocabulary.count - 1
            }
        }
        self.vocabulary = vocabulary
        vocabularyIndex = index
    }

    /// How often each phrase occurs in `text`, and the text's length in tokens; nil when
    /// a phrase does not occur at all (the row matched only word by word), or with
    /// `.anyWord` when none does.
    public func occurrences(in text: String, matching: SearchQuery.Matching = .allWords) -> (counts: [Int], length: Int)? {
        let scan = queryTokens(in: text)
        var counts = [Int](repeating: 0, count: encodedPhrases.count)
        for (index, phrase) in encodedPhrases.enumerated() {
            // A phrase occurs where its tokens stand at consecutive positions.
            for (start, hit) in scan.hits.enumerated() where hit.token == phrase[0] {
                var matched = 1
                while matched < phrase.count, start + matched < scan.hits.count,
                      scan.hits[start + matched].position == hit.position + matched,
                      scan.hits[start + matched].token == phrase[matched] {
                    matched += 1
                }
                if matched == phrase.count { counts[index] += 1 }
            }
            if counts[index] == 0, matching == .allWords { return nil }
        }
        if matching == .anyWord, !counts.contains(where: { $0 > 0 }) { return nil }
        return (counts, scan.length)
    }

    /// Where query tokens occur in `text` (token position and vocabulary number, in
    /// order), and how many tokens it has.
    private func queryTokens(in text: String) -> (hits: [(position: Int, token: Int)], length: Int) {
        var hits: [(position: Int, token: Int)] = []
        var length = 0
        scanTokens(in: text) { _, number in
            if number >= 0 { hits.append((length, number)) }
            length += 1
            return true
        }
        return (hits, length)
    }

    /// Where the first query word occurs in `text`, for the snippet.
    public func firstMatch(in text: String) -> String.Index? {
        var found: Int?
        scanTokens(in: text) { offset, number in
            if number >= 0 { found = offset }
            return found == nil
        }
        return found.map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) }
    }

    /// Calls `body` with each token's UTF-8 offset and vocabulary number (-1 for other
    /// words) until it returns false. Text is scanned as bytes: runs of ASCII letters and
    /// digits are compared in place, without building strings (the ranking window holds
    /// hundreds of texts per search); only runs holding other characters are decoded and
    /// tokenized like the index does it.
    private func scanTokens(in text: String, _ body: (Int, Int) -> Bool) {
        var text = text
        text.withUTF8 { bytes in
            var start = -1
            var ascii = true
            for position in 0...bytes.count {
                let byte = position < bytes.count ? bytes[position] : 0x20
                let isWordByte = byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                if isWordByte {
                    if start < 0 { start = position }
                    if byte >= 0x80 { ascii = false }
                    continue
                }
                guard start >= 0 else { continue }
                defer { start = -1; ascii = true }
                if ascii {
                    if !body(start, vocabularyNumber(of: bytes[start..<position])) { return }
                } else {
                    let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    for token in SearchText.tokens(of: run) where !body(start, vocabularyIndex[token] ?? -1) { return }
                }
            }
        }
    }

    private func vocabularyNumber(of word: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        for (number, token) in vocabulary.enumerated() where token.count == word.count {
            // Query tokens are lowercase; fold the text's ASCII letters to compare.
            if zip(token, word).allSatisfy({ $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }) { return number }
        }
        return -1
    }

    /// Candidates (newest first) ordered best first by BM25; ties keep the newer one first.
    public static func rank<Key>(
        _ candidates: [(key: Key, counts: [Int], length: Int)], documentFrequencies: [Int], documents: Int
    ) -> [(key: Key, score: Double)] {
        guard !candidates.isEmpty else { return [] }
        let averageLength = Double(candidates.reduce(0) { $0 + $1.length }) / Double(candidates.count)
        return candidates.enumerated().map { position, candidate in
            (position, candidate.key, score(
                counts: candidate.counts, length: candidate.length, averageLength: averageLength,
                documentFrequencies: documentFrequencies, documents: documents))
        }
        .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0 < $1.0 }
        .map { ($0.1, $0.2) }
    }

    /// Okapi BM25 with k1 = 1.2, b = 0.75; higher is better.
    /// - Parameters:
    ///   - documentFrequencies: rows containing each phrase (an estimate is fine).
    ///   - documents: rows in the whole index.
    public static func score(
        counts: [Int], length: Int, averageLength: Double, documentFrequencies: [Int], documents: Int
    ) -> Double {
        var score = 0.0
        let norm = k1 * (1 - b + b * Double(length) / max(averageLength, 1))
        for (count, frequency) in zip(counts, documentFrequencies) {
            let n = Double(min(frequency, documents))
            let idf = log((Double(documents) - n + 0.5) / (n + 0.5) + 1)
            score += idf * Double(count) * (k1 + 1) / (Double(count) + norm)
        }
        return score
    }
}
