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

    /// Whether a clause asks or requests rather than states: it ends with "?", or it
    /// starts with a request ("Write a haiku about autumn rain.", "Give me a workout").
    static func isRequest(_ clause: Substring) -> Bool {
        if clause.last == "?" { return true }
        let first = clause.prefix { $0.isLetter }.lowercased()
        return requestVerbs.contains(first)
    }

    /// Verbs that open a request to the assistant rather than a statement.
    static let requestVerbs: Set<String> = [
        "write", "give", "explain", "summarise", "summarize", "translate", "tell", "recommend", "suggest", "draft",
        "list", "show", "help", "create", "convert", "describe", "compare", "find", "name", "generate", "plan",
        "rewrite", "fix", "review", "outline", "calculate", "define", "teach",
    ]
}
