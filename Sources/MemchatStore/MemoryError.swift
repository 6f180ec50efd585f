import Foundation
import MemchatCore

/// Failures of the memory store, each with what the user can do about it.
public enum MemoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case factNotFound(id: String)
    /// `forget` found no fact with that id or text.
    case noMatch(String)
    /// `forget` was given part of a text that several facts contain.
    case ambiguous(String, ids: [String])
    case alreadySuperseded(id: String, by: String?)
    case emptyText
    case textTooLong(length: Int, limit: Int)
    /// `memory_<user>.json` names another user inside (copied or renamed by hand).
    case foreignFile(path: String, owner: UserName, expected: UserName)

    public var description: String {
        switch self {
        case .factNotFound(let id):
            return "no memory fact with id \(Self.quoted(id)); `memchat memory list --all` shows the ids"
        case .noMatch(let text):
            return "no memory fact has the id or text \(Self.quoted(text)); `memchat memory list` shows ids and texts"
        case .ambiguous(let text, let ids):
            return "\(Self.quoted(text)) is part of \(ids.count) facts (\(ids.joined(separator: ", "))); "
                + "give one of these ids, or a fact's whole text"
        case .alreadySuperseded(let id, let by):
            return "memory fact \(id) was already replaced" + (by.map { " by \($0); change that one instead" } ?? "")
        case .emptyText:
            return "a memory fact needs some text, e.g. `memchat memory add my dog is called Pixel`"
        case .textTooLong(let length, let limit):
            return "the fact is \(length) characters long; memory keeps short statements of at most \(limit) characters"
        case .foreignFile(let path, let owner, let expected):
            return "\(path) holds the memory of user \(owner), not \(expected); "
                + "rename it to memory_\(owner).json, or set its \"user\" to \"\(expected)\" if it is yours"
        }
    }

    /// Whether the error means "no such thing" (exit code 3 on the CLI).
    public var isNotFound: Bool {
        switch self {
        case .factNotFound, .noMatch: return true
        default: return false
        }
    }

    /// Whether the request itself was wrong and can be corrected (exit code 2 on the CLI).
    public var isInvalidRequest: Bool {
        switch self {
        case .ambiguous, .alreadySuperseded, .emptyText, .textTooLong: return true
        default: return false
        }
    }

    /// User-typed text echoed back: one line, cut short.
    private static func quoted(_ text: String) -> String {
        let line = MemoryFact.cleaned(text)
        return "'" + (line.count > 60 ? line.prefix(60) + "…" : line) + "'"
    }
}
