import Foundation

/// BERT's uncased basic tokenization: the words WordPiece sees.
///
/// Does what Hugging Face `tokenizers` does with all-MiniLM-L6-v2's `tokenizer.json`
/// (BertNormalizer, BertPreTokenizer), scalar by scalar, since the sentence encoder's
/// vectors are only right for the same word pieces (data/encoder/README.md lists each
/// rule): the special tokens (`[SEP]`...) written in the text stay whole; drop NUL, U+FFFD
/// and control, format and private-use characters; turn whitespace into spaces; put spaces
/// around CJK ideographs; split on spaces; strip accents (NFD, drop nonspacing marks),
/// then lowercase scalar by scalar; split off every punctuation character as its own word.
enum BertBasicTokenizer {
    /// Written in a text, these are the tokens themselves, matched case-sensitively.
    private static let specialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

    static func words(_ text: String) -> [[Unicode.Scalar]] {
        guard text.contains("[") else { return plainWords(text) }
        var words: [[Unicode.Scalar]] = []
        var rest = Substring(text)
        while let special = specialTokens.compactMap({ token in rest.range(of: token).map { (token, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
            words += plainWords(String(rest[..<special.1.lowerBound]))
            words.append(Array(special.0.unicodeScalars))
            rest = rest[special.1.upperBound...]
        }
        return words + plainWords(String(rest))
    }

    private static func plainWords(_ text: String) -> [[Unicode.Scalar]] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJK(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var words: [[Unicode.Scalar]] = []
        for chunk in String(cleaned).unicodeScalars.split(whereSeparator: isSplitSpace) {
            let folded = folded(chunk)
            var current: [Unicode.Scalar] = []
            for scalar in folded {
                if isPunctuation(scalar) {
                    if !current.isEmpty { words.append(current) }
                    words.append([scalar])
                    current = []
                } else {
                    current.append(scalar)
                }
            }
            if !current.isEmpty { words.append(current) }
        }
        return words
    }

    /// Accents stripped, then lowercased scalar by scalar (no final-sigma rule). ASCII
    /// (the common case) skips Foundation's NFD, which costs far more than the rest.
    private static func folded(_ chunk: Substring.UnicodeScalarView) -> [Unicode.Scalar] {
        if chunk.allSatisfy(\.isASCII) {
            return chunk.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32) ?? $0 : $0 }
        }
        return String(chunk).decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { $0.properties.generalCategory != .nonspacingMark }
            .flatMap { $0.properties.lowercaseMapping.unicodeScalars }
    }

    /// What Python's `str.split()` splits on once whitespace is a space and controls are
    /// gone: the space and the line and paragraph separators.
    private static func isSplitSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    /// Unassigned code points are kept (and become `[UNK]`), as `tokenizers` keeps them.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse: return true
        default: return false
        }
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// `tokenizers`' ranges, which leave out U+2B820-2B91F (Google's BERT code has them).
    private static let cjkRanges: [ClosedRange<UInt32>] = [
        0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B81F,
        0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F,
    ]

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        cjkRanges.contains { $0.contains(scalar.value) }
    }
}
