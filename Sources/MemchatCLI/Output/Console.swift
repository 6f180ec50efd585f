import Foundation
import MemchatCore

/// stdout for results, stderr for notices and errors.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Text without a newline, written at once (answers stream through this).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func notice(_ text: String) {
        FileHandle.standardError.write(Data(("memchat: " + text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("memchat: error: " + text + "\n").utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        out(try jsonText(value))
    }

    /// The JSON every `--json` prints (sorted keys, indented, times as in the store),
    /// also for the commands that write it to a file.
    static func jsonText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Columns of the terminal on stdout; nil when stdout is not a terminal.
    static var width: Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
