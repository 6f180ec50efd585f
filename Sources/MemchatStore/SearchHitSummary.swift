import Foundation
import MemchatCore

/// A search hit as scripts (`memchat search --json`) and MCP clients see it, each with
/// its own key style.
public struct SearchHitSummary: Encodable, Sendable {
    public var sessionId: String
    public var sessionTitle: String
    public var turnId: String
    public var role: String
    public var context: String
    public var user: String
    public var createdAt: Date
    public var snippet: String
    public var score: Double

    public init(_ hit: SearchHit) {
        sessionId = hit.turn.sessionID.rawValue
        sessionTitle = hit.sessionTitle
        turnId = hit.turn.id.rawValue
        role = hit.turn.role.rawValue
        context = hit.context.name
        user = hit.userID.rawValue
        createdAt = hit.turn.createdAt
        snippet = hit.snippet
        score = hit.score
    }
}
