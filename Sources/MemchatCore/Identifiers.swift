import Foundation

/// Why a user name, session id or turn id was refused.
///
/// Identifiers become file names (`memory_<user>.json`, `session_<id>.json`), so anything
/// that could escape the data directory or confuse a terminal is rejected up front.
public enum IdentifierError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty(kind: String)
    case tooLong(kind: String, value: String, limit: Int)
    case forbiddenCharacter(kind: String, value: String, character: String)
    case dotOnly(kind: String, value: String)

    public var description: String {
        switch self {
        case .empty(let kind):
            return "\(kind) is empty; give a non-empty name"
        case .tooLong(let kind, let value, let limit):
            return "\(kind) '\(value.prefix(40))…' is longer than \(limit) characters"
        case .forbiddenCharacter(let kind, let value, let character):
            return "\(kind) '\(IdentifierRules.printable(value))' contains \(character), which is not allowed; "
                + "use letters, digits, '-', '_' or '.'"
        case .dotOnly(let kind, let value):
            return "\(kind) '\(value)' is not allowed (it names a directory)"
        }
    }
}

/// The shared rules behind every identifier type.
enum IdentifierRules {
    static let maxLength = 64

    /// Checks a name that may end up inside a file name.
    /// Allowed: ASCII letters, digits, `-`, `_`, and (for user names) `.` and `@`,
    /// never `.` or `..` alone.
    static func validate(_ value: String, kind: String, allowDotAndAt: Bool) throws -> String {
        guard !value.isEmpty else { throw IdentifierError.empty(kind: kind) }
        for scalar in value.unicodeScalars {
            if isAllowed(scalar, allowDotAndAt: allowDotAndAt) { continue }
            throw IdentifierError.forbiddenCharacter(kind: kind, value: value, character: describe(scalar))
        }
        guard value.utf8.count <= maxLength else {
            throw IdentifierError.tooLong(kind: kind, value: value, limit: maxLength)
        }
        if value == "." || value == ".." { throw IdentifierError.dotOnly(kind: kind, value: value) }
        if allowDotAndAt, value.utf8.indices.dropFirst().contains(where: { index in
            value.utf8[index] == 0x2E && value.utf8[value.utf8.index(before: index)] == 0x2E
        }) {
            throw IdentifierError.forbiddenCharacter(kind: kind, value: value, character: "'..'")
        }
        return value
    }

    private static func isAllowed(_ scalar: Unicode.Scalar, allowDotAndAt: Bool) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": return true
        case ".", "@": return allowDotAndAt
        default: return false
        }
    }

    /// A readable name for a refused character: control characters never reach the terminal raw.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "/": return "'/'"
        case "\\": return "'\\'"
        case "\0": return "a NUL byte"
        default:
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                return String(format: "the control character U+%04X", scalar.value)
            }
            return "'\(scalar)'"
        }
    }

    /// The value with control characters replaced, safe to echo in an error message.
    static func printable(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0
        }))
    }
}

/// Shared behaviour of the validated identifier types: compare, print and encode as
/// their raw string; decoding runs the same validation as `init(_:)`.
public protocol ValidatedIdentifier: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    var rawValue: String { get }
    init(_ value: String) throws
}

extension ValidatedIdentifier {
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A user name, validated so that `memory_<user>.json` stays inside the data directory.
/// Letters, digits, `-`, `_`, `.` and `@` (e-mail-like logins), at most 64 bytes.
public struct UserName: ValidatedIdentifier {
    public let rawValue: String
    public init(_ value: String) throws {
        rawValue = try IdentifierRules.validate(value, kind: "user name", allowDotAndAt: true)
    }
}

/// A session id: `[0-9A-Za-z_-]{1,64}`, time-sortable when made by `IDGenerator`.
public struct SessionID: ValidatedIdentifier {
    public let rawValue: String
    public init(_ value: String) throws {
        rawValue = try IdentifierRules.validate(value, kind: "session id", allowDotAndAt: false)
    }
}

/// A turn id: same alphabet as session ids.
public struct TurnID: ValidatedIdentifier {
    public let rawValue: String
    public init(_ value: String) throws {
        rawValue = try IdentifierRules.validate(value, kind: "turn id", allowDotAndAt: false)
    }
}
