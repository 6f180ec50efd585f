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

    /// Whether ranking reads the semantic turn index, so that a short-lived command
    /// (`memchat ask`) should keep it current. Keeping it costs the embedder's load (20 ms
    /// and more) in every process, which the offline ask's 100 ms cannot spare for nothing;
    /// the chat screen and imports keep it current whatever the mode.
    public var usesTurnIndex: Bool {
        switch self {
        case .hybrid: return true
        case .lexical: return false
        }
    }
}
