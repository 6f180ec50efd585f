import Foundation

/// Where `HybridRanking` gets sentence vectors: those already computed in this process
/// (`EmbeddingCache`), those saved beside the memory file (`FactVectorFile`), else the
/// embedder. What it had to compute is kept in `computed`, for the caller to save.
final class SentenceVectors: @unchecked Sendable {
    let embedder: any SentenceEmbedding
    private let saved: [UInt64: [Float]]
    private let lock = NSLock()
    private(set) var computed: [UInt64: [Float]] = [:]

    init(embedder: any SentenceEmbedding, saved: [UInt64: [Float]] = [:]) {
        self.embedder = embedder
        self.saved = saved
    }

    func vector(of text: String) -> [Float] {
        vector(of: Substring(text), key: Self.key(of: text))
    }

    /// The vector of `text`, whose key (`key(of:)`) the caller already has.
    func vector(of text: Substring, key: UInt64) -> [Float] {
        if let known = saved[key] { return known }
        let vector = EmbeddingCache.shared.vector(of: String(text), by: embedder)
        lock.withLock { computed[key] = vector }
        return vector
    }

    /// The saved or computed vector of `text`, if there is one.
    func known(_ text: String) -> [Float]? {
        let key = Self.key(of: text)
        return saved[key] ?? lock.withLock { computed[key] }
    }

    /// FNV-1a over the UTF-8 bytes: a text's key in the vector file.
    static func key(of text: some StringProtocol) -> UInt64 {
        FNV1a.hash(text.utf8)
    }
}
