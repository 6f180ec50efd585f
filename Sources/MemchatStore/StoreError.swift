import Foundation
import MemchatCore

/// Failures of a session store, each with what the user can do about it.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case sessionNotFound(SessionID)
    case sessionEnded(SessionID)
    case wrongUser(session: SessionID, owner: UserName, requested: UserName)
    case busy(path: String)
    case cannotOpen(path: String, reason: String)
    case invalidMerge(String)
    case emptySearch(String)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .sessionNotFound(let id):
            return "no session with id \(id); `memchat sessions list` shows the ids"
        case .sessionEnded(let id):
            return "session \(id) is ended; resume it first (`memchat sessions resume \(id)`)"
        case .wrongUser(let session, let owner, let requested):
            return "session \(session) belongs to user \(owner), not \(requested)"
        case .busy(let path):
            return "store busy: another memchat process holds \(path) longer than the lock timeout; try again"
        case .cannotOpen(let path, let reason):
            return "cannot open the session store at \(path): \(reason)"
        case .invalidMerge(let reason):
            return "cannot merge: \(reason)"
        case .emptySearch(let text):
            return "nothing to search for in '\(text)'; give at least one word"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        }
    }

    /// Whether the error means "no such thing" (exit code 3 on the CLI): also another
    /// user's session, which the current user has no session of that id.
    public var isNotFound: Bool {
        switch self {
        case .sessionNotFound, .wrongUser: return true
        default: return false
        }
    }
}
