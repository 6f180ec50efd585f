import Foundation

/// Why the semantic turn index could not do what was asked. None of these loses a turn:
/// the store holds every turn, and the index is rebuilt or caught up from it.
public enum TurnIndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file of the index could not be opened, read or written.
    case io(path: String, reason: String)
    /// Another memchat process held the index's lock for longer than the timeout.
    case busy(path: String)
    /// The index's model (the sentence encoder's weights, or the static table) is missing
    /// or damaged, so no vectors can be computed.
    case embedderUnavailable(String)

    public var description: String {
        switch self {
        case .io(let path, let reason):
            return "\(path): \(reason); semantic recall of past turns is off until it can be written "
                + "(check the data directory's permissions and free space)"
        case .busy(let path):
            return "\(path) is locked by another memchat process; try again (nothing was lost: the index catches up later)"
        case .embedderUnavailable(let reason):
            return "the semantic turn index cannot load its model: \(reason); past turns are found by their words "
                + "until it can (reinstall memchat's data files: README, Install)"
        }
    }
}

/// Something the index found wrong with its files and what it did about it, for the
/// caller to log (the chat screen's log, `memchat ask`'s stderr).
public struct TurnIndexReport: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var action: String

    public var description: String { "\(path): \(problem); \(action)" }
}
