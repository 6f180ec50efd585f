/// How hybrid retrieval ranks, changed only to measure and tune it on an eval without
/// rebuilding (`memchat-bench memory`): not a setting for users. The configuration loader
/// reads it from `MEMCHAT_BENCH_RANKING` and `MEMCHAT_TUNE_FLOOR`, `_MARGIN`, `_RELATION`,
/// `_WORDS` and `_ALIKE`; nil values are the shipped calibration's.
public struct RetrievalTuning: Sendable, Equatable {
    /// What ranks by meaning.
    public enum Ranking: String, Sendable, CaseIterable {
        /// The sentence encoder fused with BM25: what ships.
        case hybrid
        /// The sentence encoder alone.
        case encoder
        /// The static table fused with BM25, as releases before the encoder ranked.
        case `static`
    }

    public var ranking: Ranking
    /// The least cosine of a text's best clause.
    public var floor: Float?
    /// How far below the best text's cosine another may be.
    public var margin: Float?
    /// How much lower the floor is for a question about someone.
    public var relationAllowance: Float?
    /// What the word leg's best score adds to a cosine.
    public var wordWeight: Double?
    /// The cosine from which two texts say the same and only the better is kept.
    public var alike: Float?

    public init(
        ranking: Ranking = .hybrid, floor: Float? = nil, margin: Float? = nil, relationAllowance: Float? = nil,
        wordWeight: Double? = nil, alike: Float? = nil
    ) {
        self.ranking = ranking
        self.floor = floor
        self.margin = margin
        self.relationAllowance = relationAllowance
        self.wordWeight = wordWeight
        self.alike = alike
    }

    /// What ships.
    public static let shipped = RetrievalTuning()
}
