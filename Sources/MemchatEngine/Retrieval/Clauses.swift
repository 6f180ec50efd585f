import Foundation

/// The clauses of a message, the unit retrieval scores: a fact mentioned in passing
/// inside a longer request ("Any gift ideas? My sister Inès collects old vinyl.") is
/// matched by its own clause, not diluted by the rest of the message.
enum Clauses {
    /// Splits at sentence ends (".", "!", "?" before a space or the end), ";", ":", ",",
    /// a dash between spaces and line breaks. A clause keeps its final "?" so callers can
    /// tell questions from statements; empty pieces are dropped.
    static func of(_ text: String) -> [Substring] {
        memo.value(for: text, split)
    }

    static let memo = ReadingMemo<[Substring]>()

    private static func split(_ text: String) -> [Substring] {
        // Scanned as Unicode scalars: this runs over every candidate of every question.
        let scalars = text.unicodeScalars
        var clauses: [Substring] = []
        var start = scalars.startIndex
        func cut(through end: String.Index) {
            var from = start
            var to = end
            while from < to, scalars[from].properties.isWhitespace { from = scalars.index(after: from) }
            while to > from, scalars[scalars.index(before: to)].properties.isWhitespace { to = scalars.index(before: to) }
            if from < to { clauses.append(Substring(text.unicodeScalars[from..<to])) }
            start = end
        }
        var index = scalars.startIndex
        var previous: Unicode.Scalar = " "
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            let atBreak = next == scalars.endIndex || scalars[next].properties.isWhitespace
            switch scalar {
            case "\n", "\r", "\u{2028}", "\u{2029}":
                cut(through: next)
            case ".", "!", "?", ";", ":", ",":
                if atBreak { cut(through: next) }
            case "-", "\u{2013}", "\u{2014}":
                if atBreak, previous.properties.isWhitespace { cut(through: next) }
            default:
                break
            }
            previous = scalar
            index = next
        }
        cut(through: scalars.endIndex)
        return clauses.flatMap(splitAtConjunctions)
    }

    /// "We only moved to Leeds in March and the boiler's broken again" says two things:
    /// a conjunction followed by a new subject starts a clause of its own.
    private static func splitAtConjunctions(_ clause: Substring) -> [Substring] {
        let range = NSRange(clause.startIndex..<clause.endIndex, in: clause.base)
        var pieces: [Substring] = []
        var start = clause.startIndex
        for match in conjunction.matches(in: clause.base, range: range) {
            guard let cut = Range(match.range, in: clause.base) else { continue }
            pieces.append(clause.base[start..<cut.lowerBound])
            start = cut.upperBound
        }
        pieces.append(clause.base[start..<clause.endIndex])
        return pieces.filter { !$0.isEmpty }
    }

    /// ", and" / " but" / " so" before words that start a clause: a pronoun with its verb
    /// ("I'm", "it's"), "the", "there", "that". Not "I", "my" or "we" alone, which as often
    /// end a compound subject or object ("my partner Jonas and I are camping").
    private static let conjunction: NSRegularExpression = {
        let subjects = "i'm|i've|i'll|i'd|we're|we've|we'll|she's|he's|they're|they've|it's|she|he|they|it|the|there|that"
        do {
            return try NSRegularExpression(pattern: ",?\\s+(?:and|but|so)\\s+(?=(?:\(subjects))\\b)", options: [.caseInsensitive])
        } catch {
            preconditionFailure("the conjunction pattern is a constant: \(error)")
        }
    }()

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

/// Text as lowercase ASCII bytes, for cheap checks of whether a word occurs at all
/// before a text is read in full.
struct LowercaseBytes {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = Self.memo.value(for: text) { $0.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
    }

    static let memo = ReadingMemo<[UInt8]>()

    /// Whether `needle` (lowercase) occurs anywhere, inside words too.
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= bytes.count else { return needle.isEmpty }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                guard let text = haystack.baseAddress, let word = needle.baseAddress else { return false }
                for start in 0...(haystack.count - needle.count) where text[start] == word[0] {
                    if memcmp(text + start, word, needle.count) == 0 { return true }
                }
                return false
            }
        }
    }
}
