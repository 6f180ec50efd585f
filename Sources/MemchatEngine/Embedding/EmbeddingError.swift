/// Why the embedding files could not be used. Callers fall back to lexical ranking.
public enum EmbeddingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No directory holding `table.bin` and `vocab.txt` among the places searched.
    case notFound(searched: [String])
    case unreadable(file: String, reason: String)
    case truncated(file: String, expectedBytes: Int, actualBytes: Int)
    case badMagic(file: String)
    case unsupportedVersion(file: String, version: UInt32)
    /// The table's row count differs from the vocabulary's line count.
    case vocabularyMismatch(file: String, rows: Int, vocabularyLines: Int)

    public var description: String {
        switch self {
        case .notFound(let searched):
            "embedding table not found (looked in \(searched.joined(separator: ", ")))"
        case .unreadable(let file, let reason): "\(file): cannot read: \(reason)"
        case .truncated(let file, let expected, let actual):
            "\(file): truncated: \(actual) bytes, expected \(expected)"
        case .badMagic(let file): "\(file): not an embedding table (bad magic)"
        case .unsupportedVersion(let file, let version): "\(file): unsupported table version \(version)"
        case .vocabularyMismatch(let file, let rows, let lines):
            "\(file): \(lines) vocabulary lines for a table of \(rows) rows"
        }
    }
}
