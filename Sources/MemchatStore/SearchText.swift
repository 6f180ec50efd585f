import Foundation

/// Turns text into what the full-text index sees, and user queries into safe FTS5
/// queries.
///
/// FTS5's unicode61 tokenizer keeps a run of CJK characters as one token, so a word inside
/// a Chinese or Japanese sentence could not be found. Runs of CJK characters are
/// therefore indexed as overlapping bigrams ("東京の天気" -> "東京 京の の天 天気"), and
/// queries are rewritten the same way into phrases. Other text passes through unchanged.
public enum SearchText {
    /// The text given to the index for `content`.
    public static func indexForm(_ content: String) -> String {
        guard content.unicodeScalars.contains(where: isCJK) else { return content }
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

    /// An FTS5 MATCH expression for what a user typed, or nil when it has no word in it.
    /// Every whitespace-separated chunk becomes a quoted phrase (so `c++`, `-x`, `"` and
    /// `*` are plain text, never syntax), and all chunks must match.
    public static func matchExpression(for query: String) -> String? {
        let phrases = terms(of: query).map { chunk in
            "\"" + indexForm(chunk).replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return phrases.isEmpty ? nil : phrases.joined(separator: " ")
    }

    /// The chunks of a query that contain at least one letter or digit.
    public static func terms(of query: String) -> [String] {
        query.split(whereSeparator: \.isWhitespace).map(String.init).filter { chunk in
            chunk.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        }
    }

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

    /// A one-line excerpt of `content` around the first occurrence of any query term,
    /// about `width` characters, with "…" where text was cut.
    public static func snippet(of content: String, query: String, width: Int = 120) -> String {
        let flat = content.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let words = terms(of: query).flatMap { chunk in
            chunk.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        }
        var matchStart = flat.startIndex
        var best: String.Index?
        for word in words where !word.isEmpty {
            if let range = flat.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]),
               best.map({ range.lowerBound < $0 }) ?? true {
                best = range.lowerBound
            }
        }
        if let best { matchStart = best }
        let lead = width / 3
        var start = flat.index(matchStart, offsetBy: -lead, limitedBy: flat.startIndex) ?? flat.startIndex
        if start != flat.startIndex, let space = flat[start..<matchStart].firstIndex(of: " ") {
            start = flat.index(after: space)
        }
        let end = flat.index(start, offsetBy: width, limitedBy: flat.endIndex) ?? flat.endIndex
        var text = String(flat[start..<end])
        if start != flat.startIndex { text = "…" + text }
        if end != flat.endIndex { text += "…" }
        return text
    }
}
