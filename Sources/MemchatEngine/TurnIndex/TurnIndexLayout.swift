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

    public static let staticTable = TurnIndexLayout(prefix: "turn", dimensions: 128, readingClauses: false)
    public static let encoder = TurnIndexLayout(prefix: "encoder", dimensions: SentenceEncoder.dimensions, readingClauses: true)
}
