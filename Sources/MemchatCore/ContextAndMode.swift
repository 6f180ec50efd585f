import Foundation

/// What a session is about: the built-in work / personal / creative / general, or a
/// custom name. Memory facts and the sidebar follow the current context.
public struct Context: Hashable, Sendable, Codable, CustomStringConvertible {
    public let name: String

    public static let work = Context(builtIn: "work")
    public static let personal = Context(builtIn: "personal")
    public static let creative = Context(builtIn: "creative")
    public static let general = Context(builtIn: "general")
    public static let builtIn: [Context] = [.work, .personal, .creative, .general]

    private init(builtIn name: String) { self.name = name }

    /// Custom contexts: 1-32 characters of lowercase letters, digits, `-` and `_`
    /// (names are lowercased first, so "Work" is the built-in work context).
    public init(_ name: String) throws {
        let lowered = name.lowercased()
        guard !lowered.isEmpty, lowered.count <= 32,
              lowered.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else { throw DomainError.invalidContext(name) }
        self.name = lowered
    }

    public var isBuiltIn: Bool { Context.builtIn.contains(self) }
    public var description: String { name }

    public init(from decoder: Decoder) throws {
        try self.init(decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// How the assistant speaks: a focused assistant or a friend.
public enum Mode: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case assistant
    case friend

    public init(parsing text: String) throws {
        guard let mode = Mode(rawValue: text.lowercased()) else { throw DomainError.invalidMode(text) }
        self = mode
    }

    public var description: String { rawValue }
}

/// Who wrote a turn.
public enum Role: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case system, user, assistant, tool

    public init(parsing text: String) throws {
        guard let role = Role(rawValue: text.lowercased()) else { throw DomainError.invalidRole(text) }
        self = role
    }

    public var description: String { rawValue }
}

/// Values of the domain that were refused, with what to use instead.
public enum DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidContext(String)
    case invalidMode(String)
    case invalidRole(String)
    case invalidState(String)

    public var description: String {
        switch self {
        case .invalidContext(let name):
            return "'\(name)' is not a valid context; use work, personal, creative, general "
                + "or a custom name of 1-32 letters, digits, '-' or '_'"
        case .invalidMode(let name): return "'\(name)' is not a mode; use assistant or friend"
        case .invalidRole(let name): return "'\(name)' is not a role; use system, user, assistant or tool"
        case .invalidState(let name): return "'\(name)' is not a session state; use active, expired or ended"
        }
    }
}
