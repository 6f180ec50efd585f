import Foundation
import MemchatCore

/// Turning stored text and times into safe, aligned terminal output.
enum TextFormatting {
    /// One line with control characters (ESC, CSI/OSC introducers, C0/C1, bidi
    /// overrides) replaced, so stored text can never drive the terminal.
    static func oneLine(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == " " {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if isUnsafe(scalar) {
                result.append("\u{FFFD}")
            } else {
                result.append(scalar)
            }
        }
        return String(result).trimmingCharacters(in: .whitespaces)
    }

    /// Multi-line text with the same neutralising as `oneLine`, keeping newlines; tabs
    /// become four spaces, as a terminal would not align them.
    static func multiLine(_ text: String) -> String {
        verbatim(text.replacingOccurrences(of: "\t", with: "    "))
    }

    /// Text as written, newlines and tabs included (a Markdown document's code keeps its
    /// indentation); only control characters, CSI/OSC introducers and bidi overrides
    /// become U+FFFD, so that printing it can never drive the terminal.
    static func verbatim(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar == "\n" || scalar == "\t" || !isUnsafe(scalar) ? scalar : "\u{FFFD}"
        }))
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    /// Local time, `2026-10-02 10:02`.
    static func localTime(_ date: Date) -> String {
        localFormatter.string(from: date)
    }

    private static let localFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    /// A table with a header row; each column as wide as its widest cell, the last one
    /// cut to fit `maxWidth` columns (the terminal's width; unlimited when piped).
    static func table(header: [String], rows: [[String]], maxWidth: Int = Console.width ?? Int.max) -> String {
        var widths = header.map(TextWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], TextWidth.of(cell))
            }
        }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        if let last = widths.indices.last { widths[last] = max(10, min(widths[last], maxWidth &- fixed)) }
        return ([header] + rows).map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? TextWidth.truncate(cell, to: widths[index]) : TextWidth.pad(cell, to: widths[index])
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func bytes(_ count: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: count, countStyle: .file)
    }

    /// "42 s", "3 min 5 s", "2 h 10 min": a time left, to the second under an hour.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
