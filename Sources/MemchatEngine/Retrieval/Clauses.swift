import Foundation

/// The clauses of a message, the unit retrieval scores: a fact mentioned in passing
/// inside a longer request ("Any gift ideas? My sister Inès collects old vinyl.") is
/// matched by its own clause, not diluted by the rest of the message.
enum Clauses {
    /// Splits at sentence ends (".", "!", "?" before a space or the end), ";", ":", ",",
    /// a dash between spaces and line breaks. A clause keeps its final "?" so callers can
    /// tell questions from statements; empty pieces are dropped.
    static func of(_ text: String) -> [Substring] {
        var clauses: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        func cut(through end: String.Index) {
            let piece = text[start..<end].trimmingCharacters(in: .whitespacesAndNewlines)
            if !piece.isEmpty { clauses.append(Substring(piece)) }
            start = end
        }
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            let atBreak = next == text.endIndex || text[next].isWhitespace
            if character.isNewline {
                cut(through: next)
            } else if atBreak, ".!?;:,".contains(character) {
                cut(through: next)
            } else if atBreak, "-–—".contains(character), index > text.startIndex,
                      text[text.index(before: index)].isWhitespace {
                cut(through: next)
            }
            index = next
        }
        cut(through: text.endIndex)
        return clauses
    }

    /// Whether a clause asks rather than states: it ends with "?".
    static func isQuestion(_ clause: Substring) -> Bool {
        clause.last == "?"
    }
}
