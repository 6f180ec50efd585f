import Foundation

/// A setting that could not be used, naming where it came from and what to write instead.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case invalidValue(source: String, value: String, expected: String)
    case malformedFile(path: String, line: Int, column: Int, reason: String)
    case unknownKey(path: String, line: Int?, key: String, known: [String])
    case unreadableFile(path: String, reason: String)
    case invalidUser(source: String, reason: String)

    public var description: String {
        switch self {
        case .invalidValue(let source, let value, let expected):
            return "\(source): '\(value)' is not valid; expected \(expected)"
        case .malformedFile(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): not valid TOML: \(reason)"
        case .unknownKey(let path, let line, let key, let known):
            let place = line.map { "\(path):\($0)" } ?? path
            return "\(place): unknown key '\(key)'; known keys: \(known.joined(separator: ", "))"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidUser(let source, let reason):
            return "\(source): \(reason); set MEMCHAT_USER or pass --user NAME"
        }
    }
}
