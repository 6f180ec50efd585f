import Foundation
import MemchatStore
import Testing

@Suite("Relevance")
struct RelevanceTests {
    @Test func countsPhrasesInOrderOnly() throws {
        let relevance = Relevance(query: "zero-cost Swift")
        let found = try #require(relevance.occurrences(in: "Swift has zero-cost abstractions; swift, SWIFT! zero cost."))
        #expect(found.counts == [2, 3])
        #expect(found.length == 9)
        #expect(relevance.occurrences(in: "cost zero in Swift") == nil)
        #expect(relevance.occurrences(in: "zero-cost only") == nil)
    }

    @Test func nonASCIITextIsFoldedLikeTheIndex() throws {
        let relevance = Relevance(query: "creme 東京")
        let found = try #require(relevance.occurrences(in: "Crème brûlée in 東京, then CRÈME again"))
        #expect(found.counts == [2, 1])
        #expect(Relevance(query: "東京の天気").occurrences(in: "東京は天気") == nil)
        #expect(Relevance(query: "東京の天気").occurrences(in: "来週の東京の天気")?.counts == [1])
    }

    @Test func firstMatchPointsAtTheFirstQueryWord() throws {
        let text = "Nothing here. Then the Replica lag, and replica again."
        let index = try #require(Relevance(query: "lag replica").firstMatch(in: text))
        #expect(text[index...].hasPrefix("Replica lag"))
        let cjk = "来週の東京の天気"
        let cjkIndex = try #require(Relevance(query: "天気").firstMatch(in: cjk))
        // Within a run of other scripts the match is placed at the run's start.
        #expect(cjkIndex == cjk.startIndex)
        let mixed = "See 来週の東京の天気 for details"
        let mixedIndex = try #require(Relevance(query: "天気").firstMatch(in: mixed))
        #expect(mixed[mixedIndex...].hasPrefix("来週"))
        #expect(Relevance(query: "absent").firstMatch(in: text) == nil)
    }

    @Test func bm25FavoursFrequentRareWordsInShortTexts() {
        let score = { (counts: [Int], length: Int, frequencies: [Int]) in
            Relevance.score(counts: counts, length: length, averageLength: 50, documentFrequencies: frequencies, documents: 10_000)
        }
        #expect(score([3], 50, [100]) > score([1], 50, [100]))
        #expect(score([1], 20, [100]) > score([1], 200, [100]))
        #expect(score([1], 50, [10]) > score([1], 50, [5_000]))
        #expect(score([1], 50, [10_000]) > 0)
    }

    @Test func snippetIsOneLineAroundTheMatch() {
        let text = String(repeating: "filler words here\n", count: 20) + "the replica lag is high\n" + String(repeating: "tail text ", count: 30)
        let snippet = SearchText.snippet(of: text, around: Relevance(query: "replica").firstMatch(in: text))
        #expect(snippet.hasPrefix("…"))
        #expect(snippet.hasSuffix("…"))
        #expect(snippet.contains("the replica lag is high"))
        #expect(!snippet.contains("\n"))
        #expect(SearchText.snippet(of: "short text", around: nil) == "short text")
    }
}
