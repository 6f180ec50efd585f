import Foundation
import MemchatCore
import MemchatTerminal

/// Wraps text to a width in terminal columns: at spaces where it can, inside a word
/// only when the word is wider than the line; CJK text breaks between any characters.
enum TextWrap {
    /// `lines` of sanitised text, remembered: every frame shows the same history, and only
    /// the streaming answer changes.
    static func cachedLines(_ text: String, width: Int) -> [String] {
        cache.value(for: TextAtWidth(text: text, width: width)) { lines(TerminalText.sanitized(text), width: width) }
    }

    /// Sanitised text on one line, cut to `width` with "…", remembered like `cachedLines`.
    static func cachedOneLine(_ text: String, width: Int) -> String {
        cache.value(for: TextAtWidth(text: text, width: width, variant: 1)) {
            [TextWidth.truncate(TerminalText.sanitized(text).split(whereSeparator: \.isNewline).joined(separator: " "), to: width)]
        }.first ?? ""
    }

    private static let cache = BoundedCache<TextAtWidth, [String]>(capacity: 4_096)

    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            result += wrap(paragraph, width: width)
        }
        return result
    }

    private static func wrap(_ paragraph: Substring, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        /// Where the line can be broken: after its last space.
        var breakIndex: String.Index?
        for character in paragraph {
            let characterWidth = TextWidth.of(character)
            if lineWidth + characterWidth > width, !line.isEmpty {
                if let breakIndex, breakIndex < line.endIndex, character != " " {
                    let head = String(line[..<breakIndex])
                    let tail = String(line[breakIndex...])
                    lines.append(trimmedEnd(head))
                    line = tail
                    lineWidth = TextWidth.of(tail)
                } else {
                    lines.append(trimmedEnd(line))
                    line = ""
                    lineWidth = 0
                }
                breakIndex = nil
                if character == " " { continue }
            }
            line.append(character)
            lineWidth += characterWidth
            if character == " " || characterWidth == 2 { breakIndex = line.endIndex }
        }
        lines.append(trimmedEnd(line))
        return lines
    }

    private static func trimmedEnd(_ text: String) -> String {
        var text = text
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
