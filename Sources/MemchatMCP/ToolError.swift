import MemchatCore
import MemchatStore

/// Why a tool call failed, worded for the model that made it: what was wrong and the
/// call that would work. Returned as a result with `isError`, never as a protocol error,
/// so the model sees it and can correct itself.
enum ToolError: Error, Equatable {
    case unknownTool(String, known: [String])
    case missingArgument(tool: String, name: String)
    case unknownArgument(tool: String, name: String, allowed: [String])
    case badArgument(name: String, problem: String, fix: String)
    case badCursor(tool: String)
    /// Also what another user's session looks like: the server acts for one user, and
    /// does not say whether someone else has a session of that id.
    case unknownSession(SessionID, user: UserName)
    case refused(reason: String, fix: String)
    case failed(String)

    var reason: String {
        switch self {
        case .unknownTool(let name, _): return "there is no tool named '\(name)'"
        case .missingArgument(let tool, let name): return "\(tool) needs the argument '\(name)'"
        case .unknownArgument(let tool, let name, _): return "\(tool) has no argument '\(name)'"
        case .badArgument(let name, let problem, _): return "'\(name)' \(problem)"
        case .badCursor(let tool): return "the cursor is not one \(tool) returned for these arguments"
        case .unknownSession(let id, let user): return "user \(user) has no session with id \(id)"
        case .refused(let reason, _): return reason
        case .failed(let reason): return reason
        }
    }

    var fix: String {
        switch self {
        case .unknownTool(_, let known): return "call one of: \(known.joined(separator: ", "))"
        case .missingArgument(let tool, _): return "see the input schema of \(tool) in tools/list"
        case .unknownArgument(_, _, let allowed): return "use only: \(allowed.joined(separator: ", "))"
        case .badArgument(_, _, let fix): return fix
        case .badCursor: return "pass the next_cursor of the previous page with the same other arguments, or omit cursor to start over"
        case .unknownSession: return "list_sessions or search_sessions give the ids of this user's sessions"
        case .refused(_, let fix): return fix
        case .failed: return "try again; if it keeps failing, the server's standard error says more"
        }
    }

    /// One line for the text content of the error result.
    var message: String { "\(reason). \(fix)." }

    /// A store or memory failure, in the terms of the call that met it.
    static func from(_ error: any Error, user: UserName) -> ToolError {
        switch error {
        case let error as ToolError:
            return error
        case StoreError.sessionNotFound(let id), StoreError.wrongUser(let id, _, _):
            return .unknownSession(id, user: user)
        case StoreError.invalidMerge(let reason):
            return .refused(reason: "cannot merge: \(reason)", fix: "name sessions of this user, each once, the primary not among the others")
        case StoreError.busy:
            return .refused(reason: "another memchat process held the store longer than the lock timeout", fix: "call again in a moment")
        case StoreError.emptySearch(let text):
            return .badArgument(name: "query", problem: "has no word to search for ('\(text)')", fix: "give at least one word")
        case let error as MemoryError where error.isNotFound:
            return .refused(reason: error.plainDescription, fix: "recall_memory or the memory facts resource give the ids")
        case let error as MemoryError where error.isInvalidRequest:
            return .refused(reason: error.plainDescription, fix: "change the arguments as the reason says")
        default:
            return .failed("\(error)")
        }
    }
}

extension MemoryError {
    /// The reason without the CLI hint that follows a `;` (the MCP fix replaces it).
    var plainDescription: String {
        switch self {
        case .factNotFound(let id): return "no memory fact with id '\(id)'"
        case .noMatch(let text): return "no memory fact has the id or text '\(text)'"
        default: return description
        }
    }
}
