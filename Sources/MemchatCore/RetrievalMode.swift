/// How memory facts and past exchanges are ranked for a question (`retrieval` in
/// config.toml, `MEMCHAT_RETRIEVAL`, `--retrieval`).
public enum RetrievalMode: String, CaseIterable, Sendable, CustomStringConvertible {
    /// By meaning and by words: static sentence embeddings and BM25, fused, with a
    /// relevance floor (the default).
    case hybrid
    /// By shared words only, as releases before semantic memory did; kept to measure
    /// the hybrid ranking against.
    case lexical

    public var description: String { rawValue }
}
