import Foundation

/// Where `table.bin` and `vocab.txt` are found at run time, first match wins:
/// 1. `embeddings/` next to the executable (an installed or copied binary),
/// 2. `../share/memchat/embeddings/` beside the executable's directory (a prefix install),
/// 3. the package's own `data/embeddings/`, found from this source file's path
///    (`swift run memchat`, `swift test`, any binary built from a checkout).
///
/// SwiftPM resources are not used: a target's resources must lie inside its source folder,
/// and the files belong under `data/` with their licence and README.
enum EmbeddingFiles {
    static let table = "table.bin"
    static let vocabulary = "vocab.txt"

    static func candidates() -> [URL] {
        var urls: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let directory = executable.deletingLastPathComponent()
            urls.append(directory.appendingPathComponent("embeddings"))
            urls.append(directory.deletingLastPathComponent().appendingPathComponent("share/memchat/embeddings"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Embedding
            .deletingLastPathComponent()  // MemchatEngine
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
        urls.append(packageRoot.appendingPathComponent("data/embeddings"))
        return urls
    }

    /// The first candidate holding a table.
    static func locate() throws(EmbeddingError) -> URL {
        let candidates = candidates()
        guard let found = candidates.first(where: {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent(table).path)
        }) else {
            throw .notFound(searched: candidates.map(\.path))
        }
        return found
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
