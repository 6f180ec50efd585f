import Foundation

/// Quoting stored text (a past question or answer) in the recall answer and in the prompt
/// sent to a model, keeping its shape: line breaks, indentation and fenced code survive,
/// since a flattened code block is unreadable and often wrong.
enum Quotation {
    /// `text` up to about `limit` characters. A longer text is cut at a line boundary
    /// (inside the first line only when that line alone is too long, then at a word), an
    /// open code fence is closed, and a marker line says how much was left out.
    static func excerpt(_ text: String, limit: Int) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count > limit else { return trimmed }
        let lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept: [String] = []
        var used = 0
        for line in lines {
            guard used + line.count + 1 <= limit else { break }
            kept.append(line)
            used += line.count + 1
        }
        let quotedLines = max(kept.count, 1)
        if kept.isEmpty { kept = [cutAtWord(lines[0], limit: limit) + " …"] }
        if kept.filter(isFence).count % 2 == 1, let opening = kept.last(where: isFence) {
            kept.append(String(opening.prefix { $0 == " " }) + (opening.contains("~~~") ? "~~~" : "```"))
        }
        let omitted = lines.count - quotedLines
        if omitted > 0 { kept.append(omitted == 1 ? "[… 1 more line not quoted]" : "[… \(omitted) more lines not quoted]") }
        return kept.joined(separator: "\n")
    }

    /// `label: "text"` for a text of one line; otherwise the label, then the text as a
    /// block quote on lines of its own.
    static func labelled(_ label: String, _ text: String, limit: Int) -> String {
        let quoted = excerpt(text, limit: limit)
        return quoted.contains("\n") ? label + ":\n" + blockQuote(quoted) : label + ": \"" + quoted + "\""
    }

    /// `text` as lines of a Markdown block quote (`> `), so it stands apart from the
    /// words around it and keeps its own lines.
    static func blockQuote(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> " + $0 }
            .joined(separator: "\n")
    }

    /// A code fence line: ``` or ~~~, possibly indented, possibly with a language.
    private static func isFence(_ line: String) -> Bool {
        let start = line.drop { $0 == " " }
        return start.hasPrefix("```") || start.hasPrefix("~~~")
    }

    private static func cutAtWord(_ line: String, limit: Int) -> String {
        let head = line.prefix(limit)
        guard let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > limit / 2 else {
            return String(head)
        }
        return String(head[..<space])
    }
}
