import Foundation

/// Everything `HybridRanking` reads from a text before scoring it, read once per text
/// and process: a user's thousand facts are ranked again for every question, and looking
/// up one reading costs less than looking up each part of it.
struct TextReading: Sendable {
    /// The text's clauses (`Clauses`).
    let clauses: [Substring]
    /// Each clause's key in the fact vector file (`SentenceVectors.key`).
    let keys: [UInt64]
    /// Whether each clause asks or requests rather than states (`Clauses.isRequest`).
    let requests: [Bool]
    /// Each clause's words as `Aboutness` reads them (who it is about).
    let people: [[Aboutness.Word]]
    /// Each clause's words for the word leg (`HybridRanking.words`).
    let words: [[String]]
    /// The whole text as lowercase bytes, for the cheap look for cue words.
    let lowercase: LowercaseBytes

    static func of(_ text: String) -> TextReading {
        memo.value(for: text) { text in
            let clauses = Clauses.of(text)
            return TextReading(
                clauses: clauses, keys: clauses.map { SentenceVectors.key(of: $0) }, requests: clauses.map(Clauses.isRequest),
                people: clauses.map(Aboutness.words), words: clauses.map { HybridRanking.words(of: String($0)) },
                lowercase: LowercaseBytes(text))
        }
    }

    static let memo = ReadingMemo<TextReading>()
}
