/// How memory facts and past exchanges are ranked for a question (`retrieval` in
/// config.toml, `MEMCHAT_RETRIEVAL`, `--retrieval`).
///
/// Only the lexical ranking exists in this build: `MemoryStore.relevant` for facts and
/// `HistoryRecall` for past exchanges. The hybrid ranking planned by the semantic-memory
/// issue (BM25 and static embeddings fused by RRF) is refused by the configuration loader
/// until it is built, so that a benchmark or a user asking for it never silently measures
/// or gets the lexical one instead.
public enum RetrievalMode: String, CaseIterable, Sendable, CustomStringConvertible {
    case lexical

    public var description: String { rawValue }

    /// Whether ranking reads the semantic turn index, so that a short-lived command
    /// (`memchat ask`) should keep it current. Keeping it costs the embedder's load (20 ms
    /// and more) in every process, which the offline ask's 100 ms cannot spare for nothing;
    /// the chat screen and imports keep it current whatever the mode.
    public var usesTurnIndex: Bool {
        switch self {
        case .lexical: return false
        }
    }
}
