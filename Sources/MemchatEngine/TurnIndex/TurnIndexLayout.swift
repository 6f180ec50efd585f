/// Which model's vectors a semantic turn index holds, and so its files, its width and
/// the texts of a turn it keeps a record of. The two live side by side in the data
/// directory: the static table's records of older turns and the sentence encoder's of
/// turns asked since it shipped.
public struct TurnIndexLayout: Sendable, Equatable {
    /// Files are `PREFIX_codes_<user>.bin`, `PREFIX_entries_<user>.bin`, `PREFIX_codes_<user>.lock`.
    let prefix: String
    /// Values of a stored vector.
    let dimensions: Int
    /// Whether a turn's records are the whole turn and its clauses as retrieval reads
    /// them (`Clauses`), so that ranking finds every clause's vector stored; otherwise the
    /// whole turn and, for a long one, its `TurnClauses`.
    let readingClauses: Bool
    /// Whether records of requests and questions ("Give me a shopping list", "How do I
    /// descale it?") are marked and ranked lower when shortlisted, by as much as ranking
    /// lowers them (`HybridRanking.Calibration.requestFloor`): most of what people type
    /// into a chat client asks, and without this the nearest turns to a question are
    /// earlier questions, which ranking then refuses, rather than what the user stated.
    let marksRequests: Bool

    public static let staticTable = TurnIndexLayout(prefix: "turn", dimensions: 128, readingClauses: false, marksRequests: false)
    public static let encoder = TurnIndexLayout(
        prefix: "encoder", dimensions: SentenceEncoder.dimensions, readingClauses: true, marksRequests: true)

    /// How much lower a request's cosine counts: the encoder's request floor above its floor.
    var requestPenalty: Float {
        marksRequests ? HybridRanking.Calibration.encoder.requestFloor - HybridRanking.Calibration.encoder.floor : 0
    }

    /// The same in bits of code distance: 128 bits span cosines 1 to -1 through the angle
    /// (a distance d means an angle of about d/128 of pi), and around the cosines that
    /// matter (0.3-0.7) 0.4 of cosine is about 20 bits.
    var requestPenaltyBits: UInt32 { marksRequests ? 20 : 0 }

    /// The code bit that marks a request, set or cleared in place of the top projection
    /// bit (the scan leaves it out of the distance).
    static let requestBit: UInt64 = 1 << 63
}
