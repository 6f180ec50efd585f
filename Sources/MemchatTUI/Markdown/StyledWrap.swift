import MemchatCore
import MemchatTerminal

/// `TextWrap` for styled text: words keep their styles across the break, and a line is
/// broken at spaces where it can, inside a word only when the word is wider than the line;
/// CJK text breaks between any characters.
enum StyledWrap {
    typealias Span = MarkdownInline.Span

    static func lines(_ spans: [Span], width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        var lines: [[Span]] = []
        var line: [Span] = []
        var used = 0
        func append(_ text: String, _ style: Paint) {
            if let last = line.last, last.style == style {
                line[line.count - 1].text += text
            } else {
                line.append((text, style))
            }
            used += TextWidth.of(text)
        }
        func breakLine() {
            while let last = line.last, last.text.hasSuffix(" ") {
                line[line.count - 1].text.removeLast()
                if line[line.count - 1].text.isEmpty { line.removeLast() }
            }
            lines.append(line)
            line = []
            used = 0
        }
        for word in words(spans) {
            let wordWidth = word.pieces.reduce(0) { $0 + TextWidth.of($1.text) }
            if word.isSpace {
                // Spaces never start a line, nor push one past the width.
                if used > 0, used + wordWidth <= width { for piece in word.pieces { append(piece.text, piece.style) } }
                continue
            }
            if used > 0, used + wordWidth > width { breakLine() }
            if used + wordWidth <= width {
                for piece in word.pieces { append(piece.text, piece.style) }
                continue
            }
            // A word wider than the line is cut where the line ends.
            for piece in word.pieces {
                for character in piece.text {
                    if used > 0, used + TextWidth.of(character) > width { breakLine() }
                    append(String(character), piece.style)
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { breakLine() }
        return lines
    }

    private struct Word {
        var pieces: [Span] = []
        var isSpace = false
    }

    /// The spans cut into words and runs of spaces; a wide (CJK) character is a word of its own.
    private static func words(_ spans: [Span]) -> [Word] {
        var words: [Word] = []
        var current = Word()
        func finish() {
            if !current.pieces.isEmpty { words.append(current) }
            current = Word()
        }
        for span in spans {
            for character in span.text {
                let isSpace = character == " "
                let isWide = TextWidth.of(character) == 2
                if isWide || isSpace != current.isSpace || current.pieces.isEmpty {
                    if !current.pieces.isEmpty { finish() }
                    current.isSpace = isSpace
                }
                if let last = current.pieces.last, last.style == span.style {
                    current.pieces[current.pieces.count - 1].text.append(character)
                } else {
                    current.pieces.append((String(character), span.style))
                }
                if isWide { finish() }
            }
        }
        finish()
        return words
    }
}
