/// What turns a text into a unit-length sentence vector for ranking by meaning: the
/// sentence encoder (`SentenceEncoder`) or the static table (`StaticEmbedder`), whose
/// vectors are not on one scale and are never compared with each other.
public protocol SentenceEmbedding: Sendable {
    /// Length of every vector `embed` returns.
    var dimensions: Int { get }
    /// Which model made a vector: saved vectors of another are not used.
    var fingerprint: UInt64 { get }
    func embed(_ text: String) -> [Float]
}

extension StaticEmbedder: SentenceEmbedding {}

extension SentenceEncoder: SentenceEmbedding {
    public var dimensions: Int { Self.dimensions }
    public var fingerprint: UInt64 { file.fingerprint }
    public func embed(_ text: String) -> [Float] { encode(text) }
}
