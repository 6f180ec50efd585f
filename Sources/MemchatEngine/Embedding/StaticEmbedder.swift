import Foundation

/// Offline sentence vectors from a static token table distilled from all-MiniLM-L6-v2
/// (`data/embeddings`, made by `scripts/distill-embeddings.py`).
///
/// A sentence's vector is the normalised sum of its WordPiece tokens' rows; token weights
/// and stop words are baked into the table. Embedding a sentence takes microseconds, so it
/// can run on every question; loading reads 4 MB, so it happens on first use
/// (`shared()`), never at process start or before the chat screen's first frame.
public final class StaticEmbedder: Sendable {
    public let tokenizer: WordPieceTokenizer
    private let table: EmbeddingTable

    /// Length of every vector `embed` returns.
    public var dimensions: Int { table.dimensions }
    /// Which table this is (`EmbeddingTable.fingerprint`).
    public var fingerprint: UInt64 { table.fingerprint }

    /// Loads `table.bin` and `vocab.txt` from `directory`.
    public init(directory: URL) throws(EmbeddingError) {
        let tableURL = directory.appendingPathComponent(EmbeddingFiles.table)
        let vocabularyURL = directory.appendingPathComponent(EmbeddingFiles.vocabulary)
        table = try EmbeddingTable(data: EmbeddingFiles.read(tableURL), file: tableURL.path)
        tokenizer = try WordPieceTokenizer.shared(vocabulary: EmbeddingFiles.read(vocabularyURL), file: vocabularyURL.path)
        guard tokenizer.count == table.rows else {
            throw .vocabularyMismatch(file: vocabularyURL.path, rows: table.rows, vocabularyLines: tokenizer.count)
        }
    }

    /// Loaded once, by the first caller (Swift initialises a static `let` once, thread-safely).
    private static let loaded = Result { () throws(EmbeddingError) -> StaticEmbedder in
        try StaticEmbedder(directory: EmbeddingFiles.locate())
    }

    /// The process-wide embedder from the files `EmbeddingFiles` finds; the same error on
    /// every call if they cannot be loaded.
    public static func shared() throws(EmbeddingError) -> StaticEmbedder {
        try loaded.get()
    }

    /// The unit-length vector of `text`; all zeros when no token of it carries weight
    /// (only stop words, punctuation or unknown characters).
    public func embed(_ text: String) -> [Float] {
        var sum = [Float](repeating: 0, count: table.dimensions)
        for id in tokenizer.tokenize(text) {
            table.add(row: id, into: &sum)
        }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return sum }
        return sum.map { $0 / norm }
    }

    /// The unit-length vector of a bag of token ids (how `embed` sums, without the
    /// tokenizer): for estimating what sentence vectors have in common.
    func embed(tokens: [Int]) -> [Float] {
        var sum = [Float](repeating: 0, count: table.dimensions)
        for id in tokens where id >= 0 && id < table.rows {
            table.add(row: id, into: &sum)
        }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return sum }
        return sum.map { $0 / norm }
    }

    /// The number of rows (tokens) of the table.
    var tokenCount: Int { table.rows }
}
