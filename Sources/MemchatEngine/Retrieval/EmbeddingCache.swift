import Foundation

/// Sentence vectors already computed in this process, by text: memory facts and past
/// questions are scored again on every request, and a chat screen asks many.
final class EmbeddingCache: @unchecked Sendable {
    static let shared = EmbeddingCache()

    /// Past this many texts the cache starts over (about 5 MB of vectors).
    private let capacity = 10_000
    private let lock = NSLock()
    private var vectors: [String: [Float]] = [:]

    func removeAll() {
        lock.withLock { vectors.removeAll() }
    }

    func vector(of text: String, by embedder: StaticEmbedder) -> [Float] {
        if let known = lock.withLock({ vectors[text] }) { return known }
        let vector = embedder.embed(text)
        lock.withLock {
            if vectors.count >= capacity { vectors.removeAll(keepingCapacity: true) }
            vectors[text] = vector
        }
        return vector
    }
}
