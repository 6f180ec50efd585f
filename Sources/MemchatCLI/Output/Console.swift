import Foundation
import MemchatCore

/// stdout for results, stderr for notices and errors.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func notice(_ text: String) {
        FileHandle.standardError.write(Data(("memchat: " + text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("memchat: error: " + text + "\n").utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        out(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static var isTerminal: Bool { isatty(1) == 1 }
}
