import Foundation
import TOMLKit

/// The settings read from config.toml, each with the line it was on.
///
/// ```toml
/// user = "louis"
/// data_dir = "~/memchat"
///
/// [session]
/// persistence_enabled = true
/// storage_type = "sqlite"     # or "file"
/// storage_path = "~/memchat/db"
/// expiration_hours = 168
/// ```
struct ConfigurationFile {
    /// Keys this version understands, as `table.key` (top-level keys have no table).
    static let knownKeys = [
        "user", "data_dir",
        "session.persistence_enabled", "session.storage_type", "session.storage_path", "session.expiration_hours",
    ]

    let path: String
    private(set) var values: [String: Value] = [:]

    struct Value {
        enum Kind { case string(String), bool(Bool), int(Int) }
        let kind: Kind
        let line: Int?

        /// The value as written, for error messages.
        var text: String {
            switch kind {
            case .string(let value): return value
            case .bool(let value): return String(value)
            case .int(let value): return String(value)
            }
        }
    }

    /// Reads the file; a missing file is no file (nil), anything else wrong is an error.
    static func load(path: String) throws -> ConfigurationFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError.unreadableFile(path: path, reason: "permission denied or not a regular file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError.unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return try ConfigurationFile(path: path, text: text)
    }

    init(path: String, text: String) throws {
        self.path = path
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError.malformedFile(
                path: path, line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        try collect(table, prefix: "", lines: lines)
    }

    private mutating func collect(_ table: TOMLTable, prefix: String, lines: [Substring]) throws {
        for key in table.keys.sorted() {
            let name = prefix + key
            guard let value = table[key] else { continue }
            if let nested = value.table {
                try collect(nested, prefix: name + ".", lines: lines)
                continue
            }
            let line = Self.line(of: key, inTable: String(prefix.dropLast()), lines: lines)
            guard Self.knownKeys.contains(name) else {
                throw ConfigurationError.unknownKey(path: path, line: line, key: name, known: Self.knownKeys)
            }
            if let string = value.string {
                values[name] = Value(kind: .string(string), line: line)
            } else if let bool = value.bool {
                values[name] = Value(kind: .bool(bool), line: line)
            } else if let int = value.int {
                values[name] = Value(kind: .int(int), line: line)
            } else {
                throw ConfigurationError.invalidValue(
                    source: Self.place(path, line), value: "\(value)", expected: "a string, boolean or integer for \(name)")
            }
        }
    }

    /// TOMLKit gives no positions for values, so find `key =` under `[table]` by hand.
    private static func line(of key: String, inTable table: String, lines: [Substring]) -> Int? {
        var current = ""
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
            } else if current == table, line.hasPrefix(key) {
                let rest = line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
                if rest.hasPrefix("=") { return index + 1 }
            }
        }
        return nil
    }

    static func place(_ path: String, _ line: Int?) -> String {
        line.map { "\(path):\($0)" } ?? path
    }
}
