import Foundation
import MemchatTerminal

/// The text of a block with its inline marks read: `**strong**`, `*emphasis*` / `_emphasis_`,
/// `` `code` ``, `[text](url)` (the text, then the URL dimmed) and backslash escapes. A
/// mark that is never closed is shown as typed, as a streaming answer's half-written
/// `**` must be.
enum MarkdownInline {
    typealias Span = (text: String, style: Paint)

    static func spans(_ text: String, style: Paint) -> [Span] {
        var spans: [Span] = []
        read(Array(text), style: style, into: &spans)
        return merged(spans)
    }

    private static func read(_ characters: [Character], style: Paint, into spans: inout [Span]) {
        var plain = ""
        func flush() {
            if !plain.isEmpty { spans.append((plain, style)) }
            plain = ""
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1].isPunctuation || characters[index + 1].isSymbol {
                plain.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "`" {
                let run = run(of: "`", in: characters, at: index)
                if let close = closing(run: run, of: "`", in: characters, after: index + run) {
                    flush()
                    let code = String(characters[(index + run)..<close]).trimmingCharacters(in: .whitespaces)
                    spans.append((code, Paint(.inlineCode)))
                    index = close + run
                    continue
                }
                plain.append(String(repeating: "`", count: run))
                index += run
                continue
            }
            if character == "*" || character == "_" {
                let run = min(run(of: character, in: characters, at: index), 2)
                let opens = index + run < characters.count && characters[index + run] != " "
                    && (character == "*" || index == 0 || !characters[index - 1].isLetter && !characters[index - 1].isNumber)
                if opens, let close = closing(run: run, of: character, in: characters, after: index + run) {
                    flush()
                    var inner = style
                    if run == 2 { inner.bold = true } else { inner.italic = true }
                    read(Array(characters[(index + run)..<close]), style: inner, into: &spans)
                    index = close + run
                    continue
                }
            }
            if character == "[", let link = link(in: characters, at: index) {
                flush()
                var linkStyle = style
                linkStyle.underline = true
                read(Array(characters[(index + 1)..<link.textEnd]), style: linkStyle, into: &spans)
                let label = String(characters[(index + 1)..<link.textEnd])
                if link.url != label { spans.append((" (" + link.url + ")", Paint(.linkURL))) }
                index = link.end
                continue
            }
            plain.append(character)
            index += 1
        }
        flush()
    }

    private static func run(of mark: Character, in characters: [Character], at index: Int) -> Int {
        var end = index
        while end < characters.count, characters[end] == mark { end += 1 }
        return end - index
    }

    /// Where a run of exactly `run` marks closes what opened before `start`: not after a
    /// space, and for "_" not inside a word.
    private static func closing(run: Int, of mark: Character, in characters: [Character], after start: Int) -> Int? {
        var index = start
        while index < characters.count {
            if characters[index] == "`", mark != "`" {
                // Marks inside a code span do not close.
                let ticks = self.run(of: "`", in: characters, at: index)
                if let close = closing(run: ticks, of: "`", in: characters, after: index + ticks) {
                    index = close + ticks
                    continue
                }
            }
            if characters[index] == mark {
                let length = self.run(of: mark, in: characters, at: index)
                let afterText = index > start && characters[index - 1] != " "
                let wordFollows = index + length < characters.count && (characters[index + length].isLetter || characters[index + length].isNumber)
                if mark == "`", length == run { return index }
                if mark != "`", length >= run, index > start, afterText, !(mark == "_" && wordFollows) {
                    return index + (length - run)
                }
                index += length
                continue
            }
            index += 1
        }
        return nil
    }

    /// `[text](url)` at `index`: where the text ends, the URL, and the index after ")".
    private static func link(in characters: [Character], at index: Int) -> (textEnd: Int, url: String, end: Int)? {
        guard let textEnd = characters[(index + 1)...].firstIndex(of: "]"), textEnd + 1 < characters.count,
              characters[textEnd + 1] == "(", let close = characters[(textEnd + 2)...].firstIndex(of: ")") else { return nil }
        let url = String(characters[(textEnd + 2)..<close])
        guard !url.isEmpty, !url.contains(" ") else { return nil }
        return (textEnd, url, close + 1)
    }

    /// Neighbouring spans of one style as one.
    private static func merged(_ spans: [Span]) -> [Span] {
        var result: [Span] = []
        for span in spans where !span.text.isEmpty {
            if let last = result.last, last.style == span.style {
                result[result.count - 1].text += span.text
            } else {
                result.append(span)
            }
        }
        return result
    }
}
