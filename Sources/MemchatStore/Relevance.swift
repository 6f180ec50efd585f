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
    /// a phrase does not occur at all (the row matched only word by word).
    public func occurrences(in text: String) -> (counts: [Int], length: Int)? {
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
            if counts[index] == 0 { return nil }
        }
        return (counts, scan.length)
    }

    /// Where query tokens occur in `text` (token position and vocabulary number, in
    /// order), and how many tokens it has. ASCII text, most of it, is scanned as bytes
    /// without building strings: the ranking window holds hundreds of texts per search.
    private func queryTokens(in text: String) -> (hits: [(position: Int, token: Int)], length: Int) {
        var text = text
        var hits: [(position: Int, token: Int)] = []
        var length = 0
        let scanned: Bool = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            Self.scanASCIIWords(bytes) { word in
                let number = vocabularyNumber(of: bytes[word])
                if number >= 0 { hits.append((length, number)) }
                length += 1
                return true
            }
            return true
        }
        if !scanned {
            let tokens = SearchText.tokens(of: text)
            for (position, token) in tokens.enumerated() {
                if let number = vocabularyIndex[token] { hits.append((position, number)) }
            }
            length = tokens.count
        }
        return (hits, length)
    }

    /// Calls `body` with the byte range of each run of ASCII letters and digits, until it
    /// returns false.
    private static func scanASCIIWords(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        var start = -1
        for position in 0...bytes.count {
            let byte = position < bytes.count ? bytes[position] : 0x20
            let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            if isWordByte {
                if start < 0 { start = position }
            } else if start >= 0 {
                if !body(start..<position) { return }
                start = -1
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

    /// Where the first query word occurs in `text`, for the snippet.
    public func firstMatch(in text: String) -> String.Index? {
        var text = text
        let fast: Int?? = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var found: Int?
            Self.scanASCIIWords(bytes) { word in
                if vocabularyNumber(of: bytes[word]) >= 0 { found = word.lowerBound }
                return found == nil
            }
            return .some(found)
        }
        if let fast {
            return fast.map { text.utf8.index(text.startIndex, offsetBy: $0) }
        }
        // Other scripts: the first query word as written, ignoring case and accents.
        for phrase in phrases {
            for token in phrase {
                if let range = text.range(of: token, options: [.caseInsensitive, .diacriticInsensitive]) {
                    return range.lowerBound
                }
            }
        }
        return nil
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
