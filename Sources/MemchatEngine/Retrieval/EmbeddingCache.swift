import Foundation

/// Sentence vectors already computed in this process, by text: memory facts and past
/// questions are scored again on every request, and a chat screen asks many.
final class EmbeddingCache: @unchecked Sendable {
    static let shared = EmbeddingCache()

    /// Past this many texts the cache starts over (about 5 MB of vectors).
    private let capacity = 10_000
    private let lock = NSLock()
    /// By model (`SentenceEmbedding.fingerprint`), then text.
    private var vectors: [UInt64: [String: [Float]]] = [:]
    private var count = 0

    func removeAll() {
        lock.withLock {
            vectors.removeAll()
            count = 0
        }
    }

    func vector(of text: String, by embedder: any SentenceEmbedding) -> [Float] {
        let model = embedder.fingerprint
        if let known = lock.withLock({ vectors[model]?[text] }) { return known }
        let vector = embedder.embed(text)
        lock.withLock {
            if count >= capacity {
                vectors.removeAll(keepingCapacity: true)
                count = 0
            }
            if vectors[model, default: [:]].updateValue(vector, forKey: text) == nil { count += 1 }
        }
        return vector
    }
}
