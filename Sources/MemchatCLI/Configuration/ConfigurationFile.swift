import Foundation
import MemchatCore
import TOMLKit

/// The settings read from config.toml, each with the line it was on.
///
/// ```toml
/// user = "louis"
/// data_dir = "~/memchat"
/// provider = "recall"
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
        "user", "data_dir", "provider", "model", "retrieval", "theme",
        "session.persistence_enabled", "session.storage_type", "session.storage_path", "session.expiration_hours",
        "session.on_start",
    ] + ProviderSettingsLoader.networkProviders.flatMap { kind in
        ProviderSettingsLoader.keys.map { "providers.\(kind).\($0)" }
    }

    /// `prompts.CONTEXT.MODE = "..."` replaces the built-in system prompt of that pair.
    static let promptsTable = "prompts."

    /// The system prompts set in the file, keyed `CONTEXT.MODE`.
    var prompts: [String: String] {
        var prompts: [String: String] = [:]
        for (key, value) in values where key.hasPrefix(Self.promptsTable) {
            if case .string(let text) = value.kind { prompts[String(key.dropFirst(Self.promptsTable.count))] = text }
        }
        return prompts
    }

    let path: String
    private(set) var values: [String: Value] = [:]

    struct Value {
        enum Kind { case string(String), bool(Bool), int(Int), double(Double) }
        let kind: Kind
        let line: Int?

        /// The value as written, for error messages.
        var text: String {
            switch kind {
            case .string(let value): return value
            case .bool(let value): return String(value)
            case .int(let value): return String(value)
            case .double(let value): return String(value)
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
            let line = TOMLKeyLines.line(of: name, in: lines)
            if let nested = value.table {
                // An unknown table with keys is reported by its first key, below.
                if nested.isEmpty, !Self.knownKeys.contains(where: { $0.hasPrefix(name + ".") }), name + "." != Self.promptsTable {
                    throw ConfigurationError.unknownKey(path: path, line: line, key: name, known: Self.knownKeys)
                }
                try collect(nested, prefix: name + ".", lines: lines)
                continue
            }
            if name.hasPrefix(Self.promptsTable) {
                try checkPrompt(name, value: value, line: line)
            } else if !Self.knownKeys.contains(name) {
                throw ConfigurationError.unknownKey(path: path, line: line, key: name, known: Self.knownKeys)
            }
            if let string = value.string {
                values[name] = Value(kind: .string(string), line: line)
            } else if let bool = value.bool {
                values[name] = Value(kind: .bool(bool), line: line)
            } else if let int = value.int {
                values[name] = Value(kind: .int(int), line: line)
            } else if let double = value.double {
                values[name] = Value(kind: .double(double), line: line)
            } else {
                throw ConfigurationError.invalidValue(
                    source: Self.place(path, line), value: "\(value)", expected: "a string, boolean or number for \(name)")
            }
        }
    }

    /// `prompts.CONTEXT.MODE` must name a valid context and mode and hold text.
    private func checkPrompt(_ name: String, value: any TOMLValueConvertible, line: Int?) throws {
        let parts = name.dropFirst(Self.promptsTable.count).split(separator: ".", omittingEmptySubsequences: false)
        let place = Self.place(path, line)
        guard parts.count == 2, (try? Context(String(parts[0]))) != nil, (try? Mode(parsing: String(parts[1]))) != nil else {
            throw ConfigurationError.invalidValue(
                source: place, value: name,
                expected: "prompts.CONTEXT.MODE, e.g. prompts.work.assistant (modes: assistant, friend)")
        }
        guard value.string != nil else {
            throw ConfigurationError.invalidValue(source: place, value: "\(value)", expected: "the prompt text in quotes")
        }
    }

    static func place(_ path: String, _ line: Int?) -> String {
        line.map { "\(path):\($0)" } ?? path
    }
}
