import Foundation

/// A session without its turns, as scripts (`--json`) and MCP clients see it. Each
/// encodes it with its own key style (camelCase on the command line, snake_case in MCP).
public struct SessionSummary: Encodable, Sendable {
    public var id: String
    public var user: String
    public var title: String
    public var context: String
    public var mode: String
    public var state: String
    public var turns: Int
    public var createdAt: Date
    public var lastActivity: Date
    public var endedAt: Date?
    public var mergedInto: String?

    public init(_ session: Session) {
        id = session.id.rawValue
        user = session.userID.rawValue
        title = session.title
        context = session.context.name
        mode = session.mode.rawValue
        state = session.state.rawValue
        turns = session.turnCount
        createdAt = session.createdAt
        lastActivity = session.lastActivity
        endedAt = session.endedAt
        mergedInto = session.mergedInto?.rawValue
    }
}
