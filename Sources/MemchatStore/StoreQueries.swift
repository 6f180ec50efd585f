import Foundation
import MemchatCore

/// Whose data a listing or search covers.
public enum UserScope: Sendable, Hashable {
    case user(UserName)
    case allUsers
}

/// Which backend holds the sessions, and where.
public struct StoreLocation: Sendable, Hashable {
    /// "sqlite", "file" or "memory" (persistence disabled).
    public var kind: String
    public var path: String

    public init(kind: String, path: String) {
        self.kind = kind
        self.path = path
    }
}

public struct SessionQuery: Sendable {
    public var scope: UserScope
    public var context: Context?
    public var state: SessionState?
    public var limit: Int
    public var offset: Int

    public init(scope: UserScope, context: Context? = nil, state: SessionState? = nil, limit: Int = 50, offset: Int = 0) {
        self.scope = scope
        self.context = context
        self.state = state
        self.limit = limit
        self.offset = offset
    }
}

/// A window of a session's turns, always returned in seq order.
public enum TurnPage: Sendable {
    case first(Int)
    /// The newest `limit` turns: what a resumed session shows first.
    case last(Int)
    case after(seq: Int, limit: Int)
    case before(seq: Int, limit: Int)
    case all
}

public struct InteractionQuery: Sendable {
    public var scope: UserScope
    /// Questions asked in this context only (each question's own, else its session's).
    public var context: Context?
    public var limit: Int
    public var offset: Int

    public init(scope: UserScope, context: Context? = nil, limit: Int = 30, offset: Int = 0) {
        self.scope = scope
        self.context = context
        self.limit = limit
        self.offset = offset
    }
}

public struct SearchQuery: Sendable {
    public var text: String
    public var scope: UserScope
    /// Turns written in this context only (each turn's own context, else its session's).
    public var context: Context?
    public var limit: Int
    /// Ranking looks at the newest `rankingWindow` matches only, so common words stay fast.
    public var rankingWindow: Int
    public var matching: Matching

    /// Whether a turn must hold every word of the query (what people search with) or any
    /// of them (how the chat engine finds related past exchanges in one query).
    public enum Matching: Sendable {
        case allWords
        /// Turns holding more of the words rank first; no document frequencies are
        /// counted, so every word weighs the same.
        case anyWord
    }

    public static let defaultRankingWindow = 400

    public init(
        text: String, scope: UserScope, context: Context? = nil, limit: Int = 20,
        rankingWindow: Int = SearchQuery.defaultRankingWindow, matching: Matching = .allWords
    ) {
        self.text = text
        self.scope = scope
        self.context = context
        self.limit = limit
        self.rankingWindow = rankingWindow
        self.matching = matching
    }
}

/// One turn that matched a search.
public struct SearchHit: Sendable, Hashable {
    public var turn: Turn
    public var sessionTitle: String
    /// The context the turn was written in (its own, else its session's).
    public var context: Context
    public var userID: UserName
    /// A short excerpt around the first match, on one line.
    public var snippet: String
    /// BM25 relevance, higher is better; only meaningful within one result list.
    public var score: Double

    public init(turn: Turn, sessionTitle: String, context: Context, userID: UserName, snippet: String, score: Double) {
        self.turn = turn
        self.sessionTitle = sessionTitle
        self.context = context
        self.userID = userID
        self.snippet = snippet
        self.score = score
    }
}

public struct MergeReport: Sendable, Hashable {
    public var primary: Session
    public var movedTurns: Int
    public var mergedSessions: [SessionID]
    public var deletedSources: Bool
}

/// What an import did. Conflicts name the session and turn and say why.
public struct ImportReport: Sendable, Hashable {
    public struct Conflict: Sendable, Hashable {
        public var sessionID: SessionID
        public var turnID: TurnID?
        public var reason: String

        /// The same words from every backend.
        static func sessionOfAnotherUser(_ id: SessionID, stored: String, imported: UserName) -> Conflict {
            Conflict(sessionID: id, turnID: nil, reason: "session already exists for user \(stored), not \(imported)")
        }

        static func turnOfAnotherSession(_ turn: Turn) -> Conflict {
            Conflict(sessionID: turn.sessionID, turnID: turn.id, reason: "turn id is already used by another session")
        }

        static func turnChanged(_ turn: Turn) -> Conflict {
            Conflict(
                sessionID: turn.sessionID, turnID: turn.id,
                reason: "a turn with this id exists with different content; kept the stored one")
        }
    }

    public var sessionsCreated = 0
    public var sessionsUpdated = 0
    public var turnsAdded = 0
    public var turnsAlreadyPresent = 0
    public var conflicts: [Conflict] = []

    public init() {}

    public mutating func add(_ other: ImportReport) {
        sessionsCreated += other.sessionsCreated
        sessionsUpdated += other.sessionsUpdated
        turnsAdded += other.turnsAdded
        turnsAlreadyPresent += other.turnsAlreadyPresent
        conflicts += other.conflicts
    }
}

/// Seed 003's storage statistics, store-wide and per user.
public struct StoreStats: Sendable, Hashable {
    public struct UserStats: Sendable, Hashable {
        public var user: UserName
        public var totalSessions: Int
        public var activeSessions: Int
        public var turns: Int
    }

    public var storageType: String
    public var storagePath: String
    public var totalSessions: Int
    public var activeSessions: Int
    public var turns: Int
    public var expirationHours: Int
    public var fileSizeBytes: Int64
    public var users: [UserStats]
}
