import Foundation
import MemchatCore

/// Orders a user's facts for a question, in memory (a user has tens to a few thousand).
///
/// A fact scores the words it shares with the question (`SearchText.tokens`, so case,
/// diacritics and CJK words are handled as search handles them), each word weighted by
/// how rare it is among the facts, `log(1 + facts / facts with the word)`; stop words
/// ("my", "what") do not count at all. Pinned facts come first; among equal scores the more recently
/// stated fact wins. Facts sharing no word with the question are left out unless pinned.
enum MemoryRanking {
    static func rank(_ facts: [MemoryFact], for query: String, limit: Int) -> [MemoryFact] {
        let queryTokens = Set(SearchText.tokens(of: query)).subtracting(SearchText.stopWords)
        // Sorted, so equal word sets add up to exactly equal scores.
        let shared = facts.map { Set(SearchText.tokens(of: $0.text)).intersection(queryTokens).sorted() }
        var factsWith: [String: Int] = [:]
        for token in shared.joined() { factsWith[token, default: 0] += 1 }
        let count = Double(facts.count)
        let scored = zip(facts, shared).map { fact, tokens in
            (fact: fact, score: tokens.reduce(0.0) { $0 + log(1 + count / Double(factsWith[$1, default: 1])) })
        }
        return scored.filter { $0.score > 0 || $0.fact.pinned }
            .sorted { a, b in
                if a.fact.pinned != b.fact.pinned { return a.fact.pinned }
                if a.score != b.score { return a.score > b.score }
                if a.fact.updatedAt != b.fact.updatedAt { return a.fact.updatedAt > b.fact.updatedAt }
                return a.fact.id < b.fact.id
            }
            .prefix(max(0, limit)).map(\.fact)
    }
}
