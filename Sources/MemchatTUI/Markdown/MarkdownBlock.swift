import Foundation

/// A block of a Markdown answer, as the chat pane lays it out: the subset of CommonMark
/// models answer in (no HTML, no setext headings, no reference links). A line break
/// inside a paragraph, quote or list item is kept (as chat and GitHub comments do): the
/// text of those blocks holds its lines joined by "\n", and inline marks are read a
/// line at a time.
enum MarkdownBlock: Hashable, Sendable {
    case heading(level: Int, text: String)
    case paragraph(String)
    /// `depth` counts nesting levels (two or more columns of indentation each); `marker` is
    /// "•" for a bullet, or the item's number and delimiter ("3.").
    case listItem(depth: Int, marker: String, text: String)
    case quote(String)
    case rule
    /// `closed` is false while a streaming answer has not closed the fence yet.
    case code(language: String, lines: [String], closed: Bool)
    case table(header: [String], rows: [[String]])

    /// The blocks of `text`, in order. Lines are read one at a time, so a streaming answer
    /// parses the same way whole or cut anywhere, except for its unfinished last block.
    static func parse(_ text: String) -> [MarkdownBlock] {
        parseTrackingParagraph(text).blocks
    }

    /// `parse`, and whether the text ended inside a paragraph (a line more that starts no
    /// block of its own would continue it).
    static func parseTrackingParagraph(_ text: String) -> (blocks: [MarkdownBlock], endsInParagraph: Bool) {
        var reader = Reader()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count {
            index = reader.read(lines, at: index)
        }
        let endsInParagraph = reader.isInParagraph
        reader.flush()
        return (reader.blocks, endsInParagraph)
    }

    /// The parser's state between lines: the block being built.
    private struct Reader {
        var blocks: [MarkdownBlock] = []
        /// The open block's kind and its lines so far (appended in place: an answer may
        /// have a paragraph of hundreds of lines).
        private var open: (kind: Kind, lines: [Substring])?

        private enum Kind {
            case paragraph, quote
            case item(depth: Int, marker: String)
            case fence(Fence, language: String)
        }

        /// Whether the block being built is a paragraph.
        var isInParagraph: Bool {
            if case .paragraph = open?.kind { return true }
            return false
        }

        /// Reads the line at `index` (and, for a table, the rows after it); returns the next
        /// line's index.
        mutating func read(_ lines: [Substring], at index: Int) -> Int {
            let line = lines[index]
            if case .fence(let fence, let language) = open?.kind {
                if fence.isClosed(by: line.drop { $0 == " " }.utf8) {
                    blocks.append(.code(language: language, lines: open?.lines.map(String.init) ?? [], closed: true))
                    open = nil
                } else {
                    open?.lines.append(line)
                }
                return index + 1
            }
            let indent = line.prefix { $0 == " " }.count
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty {
                flush()
                return index + 1
            }
            if let fence = Fence(opening: trimmed.utf8) {
                flush()
                let language = trimmed.dropFirst(fence.length).trimmingCharacters(in: .whitespaces)
                open = (.fence(fence, language: String(language.split(separator: " ").first ?? "")), [])
                return index + 1
            }
            if let heading = Self.heading(trimmed) {
                flush()
                blocks.append(heading)
                return index + 1
            }
            if Self.isRule(trimmed) {
                flush()
                blocks.append(.rule)
                return index + 1
            }
            if trimmed.first == ">" {
                let text = trimmed.dropFirst().drop { $0 == " " }
                if case .quote = open?.kind {
                    open?.lines.append(text)
                } else {
                    flush()
                    open = (.quote, [text])
                }
                return index + 1
            }
            if let (marker, text) = Self.listMarker(trimmed) {
                flush()
                open = (.item(depth: indent / 2, marker: marker), [text])
                return index + 1
            }
            if index + 1 < lines.count, trimmed.contains("|"), Self.isDelimiterRow(lines[index + 1]) {
                flush()
                var rows: [[String]] = []
                var next = index + 2
                while next < lines.count, lines[next].contains("|"), !lines[next].allSatisfy({ $0 == " " }) {
                    rows.append(Self.cells(lines[next]))
                    next += 1
                }
                blocks.append(.table(header: Self.cells(line), rows: rows))
                return next
            }
            // Anything else continues the open paragraph, quote or item (lazily), or starts a paragraph.
            if open == nil { open = (.paragraph, []) }
            open?.lines.append(trimmed)
            return index + 1
        }

        /// Ends the open block; an unclosed fence becomes code that is still open.
        mutating func flush() {
            guard let (kind, lines) = open else { return }
            switch kind {
            case .paragraph: blocks.append(.paragraph(lines.joined(separator: "\n")))
            case .quote: blocks.append(.quote(lines.joined(separator: "\n")))
            case .item(let depth, let marker): blocks.append(.listItem(depth: depth, marker: marker, text: lines.joined(separator: "\n")))
            case .fence(_, let language): blocks.append(.code(language: language, lines: lines.map(String.init), closed: false))
            }
            open = nil
        }


        private static func heading(_ line: Substring) -> MarkdownBlock? {
            let hashes = line.prefix { $0 == "#" }.count
            guard (1...6).contains(hashes) else { return nil }
            let rest = line.dropFirst(hashes)
            guard rest.isEmpty || rest.first == " " else { return nil }
            var text = rest.trimmingCharacters(in: .whitespaces)
            // A closing run of hashes is not part of the text.
            let closing = text.reversed().prefix { $0 == "#" }.count
            if closing > 0, text.dropLast(closing).last.map({ $0 == " " }) ?? true {
                text = text.dropLast(closing).trimmingCharacters(in: .whitespaces)
            }
            return .heading(level: hashes, text: text)
        }

        /// Three or more of one of "-", "*", "_", spaces between allowed.
        private static func isRule(_ line: Substring) -> Bool {
            guard let first = line.first, "-*_".contains(first) else { return false }
            let marks = line.filter { $0 != " " }
            return marks.count >= 3 && marks.allSatisfy { $0 == first }
        }

        /// "- ", "* ", "+ " or "1. " / "1) " and the item's text.
        private static func listMarker(_ line: Substring) -> (String, Substring)? {
            if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
                return ("•", line.dropFirst(2).drop { $0 == " " })
            }
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            guard (1...9).contains(digits.count) else { return nil }
            let rest = line.dropFirst(digits.count)
            guard let delimiter = rest.first, delimiter == "." || delimiter == ")", rest.dropFirst().first == " " else { return nil }
            return (String(digits) + String(delimiter), rest.dropFirst(2).drop { $0 == " " })
        }

        /// "|---|:--:|" and the like: only pipes, dashes, colons and spaces, a dash in each cell.
        private static func isDelimiterRow(_ line: Substring) -> Bool {
            guard line.contains("-"), line.allSatisfy({ "|-: ".contains($0) }) else { return false }
            let cells = Self.cells(line)
            return !cells.isEmpty && cells.allSatisfy { $0.contains("-") }
        }

        /// A row's cells, without the outer pipes; "\|" is a pipe inside a cell.
        private static func cells(_ line: Substring) -> [String] {
            var cells: [String] = []
            var cell = ""
            var escaped = false
            for character in line.trimmingCharacters(in: .whitespaces) {
                if escaped {
                    // "\|" is a pipe; other escapes are left for the inline reading.
                    if character != "|" { cell.append("\\") }
                    cell.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "|" {
                    cells.append(cell)
                    cell = ""
                } else {
                    cell.append(character)
                }
            }
            cells.append(cell)
            let trimmedLine = line.trimmingCharacters(in: .whitespaces)
            if trimmedLine.hasPrefix("|") { cells.removeFirst() }
            if trimmedLine.hasSuffix("|"), !trimmedLine.hasSuffix("\\|"), !cells.isEmpty { cells.removeLast() }
            return cells.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}

/// A code fence: "```" or "~~~", three or more. Read from a line's bytes after its leading
/// spaces, so that the parser and the streaming split (`MarkdownText.finishedEnds`, which
/// scans the whole answer on every frame) agree on where code starts and ends.
struct Fence: Hashable, Sendable {
    let mark: UInt8
    let length: Int

    private static let backtick = UInt8(ascii: "`")
    private static let tilde = UInt8(ascii: "~")

    /// The fence `line` opens; backtick fences take no backtick in their info string.
    init?(opening line: some Collection<UInt8>) {
        guard let mark = line.first, mark == Self.backtick || mark == Self.tilde else { return nil }
        let length = line.prefix { $0 == mark }.count
        guard length >= 3, mark != Self.backtick || !line.dropFirst(length).contains(Self.backtick) else { return nil }
        self.mark = mark
        self.length = length
    }

    /// Whether `line` closes this fence: a run of its mark at least as long, then only spaces.
    func isClosed(by line: some Collection<UInt8>) -> Bool {
        let run = line.prefix { $0 == mark }.count
        return run >= length && line.dropFirst(run).allSatisfy { $0 == 0x20 }
    }
}
