import Foundation
import MemchatCore

/// Picks each setting from the first place that gives it, flag > environment >
/// config.toml > default, and records where it came from for `memchat config`.
struct ValuePicker {
    let environment: [String: String]
    let file: ConfigurationFile?
    private(set) var sources: [String: ConfigurationSource] = [:]

    init(environment: [String: String], file: ConfigurationFile?) {
        self.environment = environment
        self.file = file
    }

    /// `parse` reads an environment value (text, variable name); `fileValue` a config.toml
    /// value (value, "path:line"). Both throw `ConfigurationError` naming the source.
    mutating func pick<T>(
        _ key: String, flag: (String, T?), env: String?, parse: (String, String) throws -> T,
        fileValue: (ConfigurationFile.Value, String) throws -> T, default defaultValue: T
    ) throws -> T {
        if let value = flag.1 {
            sources[key] = .flag(flag.0)
            return value
        }
        if let env, let text = nonEmpty(environment[env]) {
            sources[key] = .environment(env)
            return try parse(text, env)
        }
        if let file, let value = file.values[key] {
            sources[key] = .file(path: file.path, line: value.line)
            return try fileValue(value, ConfigurationFile.place(file.path, value.line))
        }
        sources[key] = .defaultValue
        return defaultValue
    }

    /// `pick` for a setting without a default: nil when no source gives it. (Passing an
    /// optional flag to `pick` with an optional `T` would count a missing flag as given.)
    mutating func pickOptional<T>(
        _ key: String, flag: (String, T?), env: String?, parse: (String, String) throws -> T,
        fileValue: (ConfigurationFile.Value, String) throws -> T
    ) throws -> T? {
        try pick(
            key, flag: (flag.0, flag.1.map { Optional($0) }), env: env, parse: { Optional(try parse($0, $1)) },
            fileValue: { Optional(try fileValue($0, $1)) }, default: nil)
    }

    /// A number from config.toml only, checked against `range`.
    mutating func number<T: Comparable>(
        _ key: String, in range: ClosedRange<T>, default defaultValue: T?, convert: (ConfigurationFile.Value.Kind) -> T?
    ) throws -> T? {
        try pick(key, flag: ("", nil), env: nil, parse: { _, _ in nil }, fileValue: { value, place in
            guard let number = convert(value.kind), range.contains(number) else {
                throw ConfigurationError.invalidValue(
                    source: place, value: value.text, expected: "a number from \(range.lowerBound) to \(range.upperBound) for \(key)")
            }
            return number
        }, default: defaultValue)
    }
}
