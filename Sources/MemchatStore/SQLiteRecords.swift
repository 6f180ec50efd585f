import Foundation
import GRDB
import MemchatCore

/// A row of the `sessions` table. Times are milliseconds since 1970 (UTC).
struct SessionRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "sessions"

    var pk: Int64?
    var id: String
    var userID: String
    var title: String
    var context: String
    var mode: String
    var createdAt: Int64
    var lastActivity: Int64
    var endedAt: Int64?
    var expiredAt: Int64?
    var mergedInto: String?
    var summary: String?
    var provider: String?
    var model: String?
    var metadata: String?
    var turnCount: Int

    enum CodingKeys: String, CodingKey {
        case pk, id, title, context, mode, summary, provider, model, metadata
        case userID = "user_id", createdAt = "created_at", lastActivity = "last_activity"
        case endedAt = "ended_at", expiredAt = "expired_at", mergedInto = "merged_into"
        case turnCount = "turn_count"
    }

    enum Columns {
        static let userID = Column(CodingKeys.userID)
        static let context = Column(CodingKeys.context)
        static let lastActivity = Column(CodingKeys.lastActivity)
        static let endedAt = Column(CodingKeys.endedAt)
        static let expiredAt = Column(CodingKeys.expiredAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { pk = inserted.rowID }

    init(_ session: Session) {
        id = session.id.rawValue
        userID = session.userID.rawValue
        title = session.title
        context = session.context.name
        mode = session.mode.rawValue
        createdAt = Timestamp.milliseconds(session.createdAt)
        lastActivity = Timestamp.milliseconds(session.lastActivity)
        endedAt = session.endedAt.map(Timestamp.milliseconds)
        expiredAt = session.expiredAt.map(Timestamp.milliseconds)
        mergedInto = session.mergedInto?.rawValue
        summary = session.summary
        provider = session.provider
        model = session.model
        metadata = session.metadata.jsonText()
        turnCount = session.turnCount
    }

    /// The domain value; stored text that no longer validates (a hand-edited database)
    /// is reported rather than trusted.
    func session(now: Date, expirationHours: Int) throws -> Session {
        let lastActivity = Timestamp.date(milliseconds: lastActivity)
        let endedAt = endedAt.map(Timestamp.date(milliseconds:))
        let expiredAt = expiredAt.map(Timestamp.date(milliseconds:))
        return Session(
            id: try SessionID(id), userID: try UserName(userID), title: title,
            context: try Context(context), mode: try Mode(parsing: mode),
            createdAt: Timestamp.date(milliseconds: createdAt), lastActivity: lastActivity,
            endedAt: endedAt, expiredAt: expiredAt, mergedInto: try mergedInto.map(SessionID.init),
            summary: summary, provider: provider, model: model, metadata: Metadata(jsonText: metadata),
            turnCount: turnCount,
            state: Session.state(
                endedAt: endedAt, expiredAt: expiredAt, lastActivity: lastActivity, now: now,
                expirationHours: expirationHours))
    }
}

extension DerivableRequest<SessionRow> {
    func inScope(_ scope: UserScope) -> Self {
        switch scope {
        case .user(let user): return filter(SessionRow.Columns.userID == user.rawValue)
        case .allUsers: return self
        }
    }

    func inContext(_ context: Context?) -> Self {
        guard let context else { return self }
        return filter(SessionRow.Columns.context == context.name)
    }

    /// Sessions whose state is `state` at `now` (the SQL form of `Session.state`).
    func inState(_ state: SessionState?, activeSince cutoff: Int64) -> Self {
        let ended = SessionRow.Columns.endedAt != nil
        let expired = SessionRow.Columns.expiredAt != nil || SessionRow.Columns.lastActivity < cutoff
        switch state {
        case nil: return self
        case .ended: return filter(ended)
        case .expired: return filter(!ended && expired)
        case .active: return filter(!ended && !expired)
        }
    }

    /// Ended or expired sessions: the ones cleanup may delete.
    func inactive(activeSince cutoff: Int64) -> Self {
        filter(SessionRow.Columns.endedAt != nil || SessionRow.Columns.expiredAt != nil
            || SessionRow.Columns.lastActivity < cutoff)
    }

    func mostRecentFirst() -> Self { order(SessionRow.Columns.lastActivity.desc) }
}

/// A row of the `turns` table, as read (`SQLiteStore.insert` writes it).
struct TurnRow: Codable, FetchableRecord, TableRecord {
    static let databaseTableName = "turns"

    var pk: Int64?
    var id: String
    var sessionPK: Int64
    var seq: Int
    var role: String
    var content: String
    var createdAt: Int64
    var replyTo: String?
    var metadata: String?
    /// NULL: the session's context and mode (see `Turn.context`).
    var context: String?
    var mode: String?

    enum CodingKeys: String, CodingKey {
        case pk, id, seq, role, content, metadata, context, mode
        case sessionPK = "session_pk", createdAt = "created_at", replyTo = "reply_to"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sessionPK = Column(CodingKeys.sessionPK)
        static let seq = Column(CodingKeys.seq)
        static let role = Column(CodingKeys.role)
        static let replyTo = Column(CodingKeys.replyTo)
    }

    func turn(sessionID: SessionID) throws -> Turn {
        Turn(
            id: try TurnID(id), sessionID: sessionID, seq: seq, role: try Role(parsing: role),
            content: content, createdAt: Timestamp.date(milliseconds: createdAt),
            replyTo: try replyTo.map(TurnID.init), metadata: Metadata(jsonText: metadata),
            context: try context.map(Context.init), mode: try mode.map(Mode.init(parsing:)))
    }
}

extension DerivableRequest<TurnRow> {
    func inSession(_ pk: Int64) -> Self { filter(TurnRow.Columns.sessionPK == pk) }
}

/// A turn's column values, computed before the write transaction starts (on the
/// caller's thread) so that the single writer only binds and steps.
struct PreparedTurn: Sendable {
    let id: String
    let role: String
    let content: String
    let createdAt: Int64
    let replyTo: String?
    let metadata: String?
    /// Settled against the session's footing inside the write (`standing(at:)`).
    var context: String?
    var mode: String?
    /// What the full-text index receives (`SearchText.indexForm`).
    let indexText: String

    init(_ turn: Turn) {
        id = turn.id.rawValue
        role = turn.role.rawValue
        content = turn.content
        createdAt = Timestamp.milliseconds(turn.createdAt)
        replyTo = turn.replyTo?.rawValue
        metadata = turn.metadata.jsonText()
        context = turn.context?.name
        mode = turn.mode?.rawValue
        indexText = SearchText.indexForm(turn.content)
    }
}
