import Foundation

/// BERT's uncased WordPiece tokenizer over a `vocab.txt` (one token a line, line number =
/// id): basic tokenization, then greedy longest-match-first pieces with `##` continuations;
/// `[UNK]` for a word longer than 100 scalars or with no match.
///
/// Pieces are looked up by their UTF-8 bytes, not as `String`s: Swift compares strings by
/// canonical equivalence (a decomposed Hangul syllable equals the composed one) and the
/// vocabulary must match the way `tokenizers` does, code point by code point. The tables
/// map a piece's 64-bit hash to its id, and a hit is checked against the entry's bytes in
/// the vocabulary itself: building them allocates nothing per entry (building a table of
/// 30,522 byte arrays was most of every `memchat ask`'s model load).
public struct WordPieceTokenizer: Sendable {
    /// The vocabulary as given, one entry a line.
    private let vocabulary: [UInt8]
    /// Where each entry's bytes start and end in `vocabulary`, by id.
    private let bounds: [Range<Int32>]
    private let starts: [UInt64: Int32]
    /// Entries after their `##`, by the hash of what follows it.
    private let continuations: [UInt64: Int32]
    public let unknownID: Int
    /// Number of lines (ids) in the vocabulary.
    public let count: Int

    static let maxScalarsPerWord = 100
    private static let continuationPrefix = 2

    /// The tokenizer of `data`, built once per process for each vocabulary: the sentence
    /// encoder and the static table share theirs (the same 30,522 lines), and building the
    /// dictionaries is most of either's load.
    public static func shared(vocabulary data: Data, file: String) throws(EmbeddingError) -> WordPieceTokenizer {
        let key = data.withUnsafeBytes { FNV1a.hash($0) }
        // Built under the lock: the two models often load at once (on two threads of a
        // two-core machine), and the second should wait for the tables, not build them again.
        built.lock.lock()
        defer { built.lock.unlock() }
        if let known = built.tokenizers[key] { return known }
        let tokenizer = try WordPieceTokenizer(vocabulary: data, file: file)
        built.tokenizers[key] = tokenizer
        return tokenizer
    }

    private static let built = Built()

    /// The tokenizers built in this process, by their vocabulary's hash.
    private final class Built: @unchecked Sendable {
        let lock = NSLock()
        var tokenizers: [UInt64: WordPieceTokenizer] = [:]
    }

    /// Reads `vocab.txt` contents. `file` names it in errors.
    public init(vocabulary data: Data, file: String) throws(EmbeddingError) {
        let vocabulary = [UInt8](data)
        var bounds: [Range<Int32>] = []
        bounds.reserveCapacity(32_768)
        var starts: [UInt64: Int32] = Dictionary(minimumCapacity: 32_768)
        var continuations: [UInt64: Int32] = Dictionary(minimumCapacity: 8_192)
        vocabulary.withUnsafeBufferPointer { bytes in
            var start = 0
            func entry(_ end: Int) {
                let id = Int32(bounds.count)
                bounds.append(Int32(start)..<Int32(end))
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                // The first entry of a hash keeps it (a later one is a duplicate line).
                let whole = FNV1a.hash(line)
                if starts.index(forKey: whole) == nil { starts[whole] = id }
                if line.count > Self.continuationPrefix, line[0] == UInt8(ascii: "#"), line[1] == UInt8(ascii: "#") {
                    let rest = FNV1a.hash(UnsafeBufferPointer(rebasing: line[Self.continuationPrefix...]))
                    if continuations.index(forKey: rest) == nil { continuations[rest] = id }
                }
            }
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
                entry(index)
                start = index + 1
            }
            if start < bytes.count { entry(bytes.count) }
        }
        self.vocabulary = vocabulary
        self.bounds = bounds
        self.starts = starts
        self.continuations = continuations
        count = bounds.count
        guard let unknown = Self.lookup(Array("[UNK]".utf8)[...], in: starts, skipping: 0, vocabulary: vocabulary, bounds: bounds) else {
            throw .unreadable(file: file, reason: "no [UNK] token")
        }
        unknownID = unknown
    }

    /// The id of the entry whose bytes (after `skipping` bytes of `##`) are `piece`.
    private static func lookup(
        _ piece: ArraySlice<UInt8>, in table: [UInt64: Int32], skipping: Int, vocabulary: [UInt8], bounds: [Range<Int32>]
    ) -> Int? {
        guard let id = table[FNV1a.hash(piece)] else { return nil }
        let range = bounds[Int(id)]
        let entry = vocabulary[(Int(range.lowerBound) + skipping)..<Int(range.upperBound)]
        return entry.elementsEqual(piece) ? Int(id) : nil
    }

    /// The id of a whole vocabulary entry (`[CLS]`), if it has one.
    public func id(of token: String) -> Int? {
        Self.lookup(Array(token.utf8)[...], in: starts, skipping: 0, vocabulary: vocabulary, bounds: bounds)
    }

    /// The token ids of `text`, without `[CLS]`/`[SEP]`.
    public func tokenize(_ text: String) -> [Int] {
        var ids: [Int] = []
        for word in BertBasicTokenizer.words(text) {
            pieces(of: word, into: &ids)
        }
        return ids
    }

    private func pieces(of word: [Unicode.Scalar], into ids: inout [Int]) {
        guard word.count <= Self.maxScalarsPerWord else {
            ids.append(unknownID)
            return
        }
        var utf8: [UInt8] = []
        var offsets = [0]
        for scalar in word {
            UTF8.encode(scalar) { utf8.append($0) }
            offsets.append(utf8.count)
        }
        var found: [Int] = []
        var start = 0
        while start < word.count {
            let (table, skipping) = start == 0 ? (starts, 0) : (continuations, Self.continuationPrefix)
            var end = word.count
            var match: Int?
            while start < end {
                if let id = Self.lookup(utf8[offsets[start]..<offsets[end]], in: table, skipping: skipping, vocabulary: vocabulary, bounds: bounds) {
                    match = id
                    break
                }
                end -= 1
            }
            guard let id = match else {
                ids.append(unknownID)
                return
            }
            found.append(id)
            start = end
        }
        ids.append(contentsOf: found)
    }
}
