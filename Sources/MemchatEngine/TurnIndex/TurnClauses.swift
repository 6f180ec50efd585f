/// The clauses of a long user turn, each indexed beside the whole turn: a fact mentioned
/// in passing in a long message ("... and by the way my landlord is Ines; anyway ...")
/// is better matched by its clause than by the message's average.
enum TurnClauses {
    /// Shorter turns are one thought; their whole-turn code is enough.
    static let minimumTurnLength = 200
    /// Pieces shorter than this join the next one (a clause needs a few words).
    static let minimumClauseLength = 24
    /// A pasted document gives at most this many clause codes.
    static let maximumClauses = 12

    /// The clauses of `text`, split after `.`, `!`, `?`, `;` or `:` followed by white
    /// space, and at line breaks; empty when the text is short or holds one clause.
    static func split(_ text: String, minimumLength: Int = minimumTurnLength) -> [String] {
        guard text.utf8.count >= minimumLength else { return [] }
        var clauses: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character.isNewline || (character.isWhitespace && ".!?;:".contains(previous)) {
                if current.count >= minimumClauseLength {
                    clauses.append(current)
                    current = ""
                } else if !current.isEmpty {
                    current.append(" ")
                }
            } else {
                current.append(character)
            }
            previous = character
        }
        if !current.isEmpty {
            if current.count < minimumClauseLength, let last = clauses.popLast() {
                clauses.append(last + " " + current)
            } else {
                clauses.append(current)
            }
        }
        guard clauses.count > 1 else { return [] }
        return Array(clauses.prefix(maximumClauses))
    }
}
