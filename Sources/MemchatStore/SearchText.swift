import Foundation

/// Turns text into what the full-text index sees, and user queries into safe FTS5
/// queries.
///
/// FTS5's unicode61 tokenizer keeps a run of CJK characters as one token, so a word inside
/// a Chinese or Japanese sentence could not be found. Runs of CJK characters are
/// therefore indexed as overlapping bigrams ("東京の天気" -> "東京 京の の天 天気"), and
/// queries are rewritten the same way. Other text passes through unchanged.
public enum SearchText {
    /// The text given to the index for `content`.
    public static func indexForm(_ content: String) -> String {
        // CJK scalars are U+3040 and above: three-byte UTF-8 sequences led by 0xE3 or more.
        let mayHoldCJK: Bool = content.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 >= 0xE3 }
        } ?? true
        guard mayHoldCJK, content.unicodeScalars.contains(where: isCJK) else {
            return content
        }
        var output = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            output.append(" ")
            if run.count == 1 {
                output.append(run[0])
            } else {
                for index in 0..<(run.count - 1) {
                    if index > 0 { output.append(" ") }
                    output.append(run[index])
                    output.append(run[index + 1])
                }
            }
            output.append(" ")
            run.removeAll(keepingCapacity: true)
        }
        for scalar in content.unicodeScalars {
            if isCJK(scalar) {
                run.append(scalar)
            } else {
                flushRun()
                output.append(scalar)
            }
        }
        flushRun()
        return String(output)
    }

    /// What a user typed, as phrases of index tokens: one phrase per whitespace-separated
    /// chunk (`zero-cost` -> ["zero", "cost"], `東京の天気` -> its four bigrams).
    /// Punctuation never becomes query syntax; chunks without a letter or digit vanish.
    public static func phrases(of query: String) -> [[String]] {
        query.split(whereSeparator: \.isWhitespace).map { tokens(of: String($0)) }.filter { !$0.isEmpty }
    }

    /// An FTS5 MATCH expression requiring every token of every phrase, each one quoted,
    /// or nil when the query has no word in it. (The index keeps no positions, so phrase
    /// order is checked afterwards by `Relevance`.)
    public static func matchExpression(for query: String) -> String? {
        matchExpression(phrases: phrases(of: query))
    }

    /// An FTS5 expression matching rows that hold any of the phrases' words.
    static func anyMatchExpression(phrases: [[String]]) -> String? {
        let alternatives = phrases.compactMap { matchExpression(phrases: [$0]) }
        guard !alternatives.isEmpty else { return nil }
        return alternatives.map { "(\($0))" }.joined(separator: " OR ")
    }

    static func matchExpression(phrases: [[String]]) -> String? {
        var seen = Set<String>()
        let terms = phrases.joined().filter { seen.insert($0).inserted }
        guard !terms.isEmpty else { return nil }
        return terms.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }

    /// The tokens the index holds for `text`, as unicode61 with `remove_diacritics 2`
    /// makes them: runs of letters, digits and marks, case-folded, Latin diacritics removed.
    public static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var ascii = true
        func finish() {
            guard !current.isEmpty else { return }
            tokens.append(fold(String(current), ascii: ascii))
            current = String.UnicodeScalarView()
            ascii = true
        }
        for scalar in indexForm(text).unicodeScalars {
            if isTokenCharacter(scalar) {
                current.append(scalar)
                if !scalar.isASCII { ascii = false }
            } else {
                finish()
            }
        }
        finish()
        return tokens
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0..<0x80: return false
        default:
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil { return true }
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .privateUse: return true
            default: return false
            }
        }
    }

    private static func fold(_ token: String, ascii: Bool) -> String {
        if ascii { return token.lowercased() }
        // Diacritics are removed from Latin, Greek and Cyrillic only, as unicode61 does;
        // kana voicing marks must stay.
        if token.unicodeScalars.allSatisfy({ $0.value < 0x2000 }) {
            return token.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
        return token.lowercased()
    }

    /// English words too common to say what a question is about (used to pick the words
    /// recall and memory ranking look for).
    public static let stopWords: Set<String> = [
        "the", "and", "for", "my", "me", "is", "am", "an", "a", "of", "to", "in", "on", "at", "it", "do", "i", "we", "be", "or", "as", "so", "if", "by", "up", "no", "are", "but", "not", "you", "your", "yours", "all", "any", "can", "had", "her", "was", "one",
        "our", "out", "has", "have", "him", "his", "how", "its", "may", "now", "own", "she", "too", "use", "who", "why",
        "what", "when", "where", "which", "while", "with", "would", "could", "should", "about", "above", "after", "again",
        "also", "been", "before", "being", "both", "did", "does", "doing", "down", "each", "few", "from", "further",
        "here", "into", "just", "more", "most", "much", "must", "very", "only", "other", "over", "same", "some", "such",
        "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "through", "under", "until",
        "upon", "was", "were", "will", "yes", "yet", "mine", "tell", "know", "please", "remember", "again", "thing",
    ]

    /// Han, kana and Hangul syllables: scripts written without spaces between words.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF,
             0xF900...0xFAFF, 0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// A one-line excerpt of `content` starting a little before `match`, about `width`
    /// characters, whitespace collapsed, with "…" where text was cut. Only the excerpt
    /// is walked, never the whole text.
    public static func snippet(of content: String, around match: String.Index?, width: Int = 120) -> String {
        let match = match ?? content.startIndex
        var start = content.index(match, offsetBy: -(width / 3), limitedBy: content.startIndex) ?? content.startIndex
        // Begin at a word boundary when cutting into the text.
        if start != content.startIndex, let space = content[start..<match].firstIndex(where: \.isWhitespace) {
            start = content.index(after: space)
        }
        let end = content.index(start, offsetBy: width, limitedBy: content.endIndex) ?? content.endIndex
        var text = content[start..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if start != content.startIndex { text = "…" + text }
        if end != content.endIndex { text += "…" }
        return text
    }
}
