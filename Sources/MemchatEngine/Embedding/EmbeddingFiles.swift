import Foundation

/// Where `table.bin` and `vocab.txt` are found at run time: `embeddings/` in the places
/// `DataFiles` searches.
enum EmbeddingFiles {
    static let table = "table.bin"
    static let vocabulary = "vocab.txt"

    /// The first candidate holding a table.
    static func locate() throws(EmbeddingError) -> URL {
        let (found, searched) = DataFiles.locate(table, in: "embeddings")
        guard let found else { throw .notFound(searched: searched.map(\.path)) }
        return found.deletingLastPathComponent()
    }

    static func read(_ url: URL) throws(EmbeddingError) -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .unreadable(file: url.path, reason: "missing")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
    }
}
