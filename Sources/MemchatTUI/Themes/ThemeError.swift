/// A theme that could not be used, naming the file and line and what to write instead.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case unknownTheme(name: String, known: [String], directory: String?)
    case unreadableFile(path: String, reason: String)
    case malformedFile(path: String, line: Int, column: Int, reason: String)
    case unknownKey(path: String, line: Int?, key: String, known: [String])
    case invalidValue(path: String, line: Int?, key: String, value: String, expected: String)
    case baseCycle(path: String, line: Int?, chain: [String])

    public var description: String {
        switch self {
        case .unknownTheme(let name, let known, let directory):
            let add = directory.map { "; add one as \($0)/\(name).toml" } ?? ""
            return "no theme named '\(name)'; themes: \(known.joined(separator: ", "))\(add)"
        case .unreadableFile(let path, let reason):
            return "cannot read theme \(path): \(reason)"
        case .malformedFile(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): not valid TOML: \(reason)"
        case .unknownKey(let path, let line, let key, let known):
            return "\(Self.place(path, line)): unknown key '\(key)'; known here: \(known.joined(separator: ", "))"
        case .invalidValue(let path, let line, let key, let value, let expected):
            return "\(Self.place(path, line)): '\(value)' is not valid for \(key); expected \(expected)"
        case .baseCycle(let path, let line, let chain):
            return "\(Self.place(path, line)): themes name each other as base: \(chain.joined(separator: " -> "))"
        }
    }

    private static func place(_ path: String, _ line: Int?) -> String {
        line.map { "\(path):\($0)" } ?? path
    }
}
