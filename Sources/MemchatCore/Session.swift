import Foundation

/// Where a session is in its life. `expired` is derived: idle longer than the
/// expiration setting (or expired explicitly); `ended` is set on request.
public enum SessionState: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case active, expired, ended

    public init(parsing text: String) throws {
        guard let state = SessionState(rawValue: text.lowercased()) else { throw DomainError.invalidState(text) }
        self = state
    }

    public var description: String { rawValue }
}

/// One conversation of one user.
public struct Session: Hashable, Sendable {
    public var id: SessionID
    public var userID: UserName
    /// Derived from the first question until renamed; empty before the first question.
    public var title: String
    public var context: Context
    public var mode: Mode
    public var createdAt: Date
    public var lastActivity: Date
    public var endedAt: Date?
    /// When the store marked it expired (idle past the expiration setting).
    public var expiredAt: Date?
    /// Set on a session whose turns were merged into another one.
    public var mergedInto: SessionID?
    public var summary: String?
    public var provider: String?
    public var model: String?
    public var metadata: Metadata
    public var turnCount: Int
    /// Computed by the store from the fields above, its clock and its expiration setting.
    public var state: SessionState

    public init(
        id: SessionID, userID: UserName, title: String = "", context: Context = .general,
        mode: Mode = .assistant, createdAt: Date, lastActivity: Date? = nil, endedAt: Date? = nil,
        expiredAt: Date? = nil, mergedInto: SessionID? = nil, summary: String? = nil,
        provider: String? = nil, model: String? = nil, metadata: Metadata = [:],
        turnCount: Int = 0, state: SessionState = .active
    ) {
        self.id = id
        self.userID = userID
        self.title = title
        self.context = context
        self.mode = mode
        self.createdAt = createdAt
        self.lastActivity = lastActivity ?? createdAt
        self.endedAt = endedAt
        self.expiredAt = expiredAt
        self.mergedInto = mergedInto
        self.summary = summary
        self.provider = provider
        self.model = model
        self.metadata = metadata
        self.turnCount = turnCount
        self.state = state
    }

    /// The display title: the stored one, or a placeholder before the first question.
    public var displayTitle: String { title.isEmpty ? "(untitled)" : title }

    /// The state rule shared by every backend.
    public static func state(
        endedAt: Date?, expiredAt: Date?, lastActivity: Date, now: Date, expirationHours: Int
    ) -> SessionState {
        if endedAt != nil { return .ended }
        if expiredAt != nil { return .expired }
        if now.timeIntervalSince(lastActivity) > Double(expirationHours) * 3600 { return .expired }
        return .active
    }

    /// A title from the first question: its first line, whitespace collapsed, cut at a
    /// word boundary near 60 characters.
    public static func title(fromQuestion question: String, limit: Int = 60) -> String {
        let firstLine = question.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let words = firstLine.split(whereSeparator: \.isWhitespace)
        let whole = words.joined(separator: " ")
        guard whole.count > limit else { return whole }
        // Cut: keep whole words that fit with the ellipsis, or cut a single long word.
        var title = ""
        for word in words {
            let candidate = title.isEmpty ? String(word) : title + " " + word
            if candidate.count > limit - 1 { break }
            title = candidate
        }
        if title.isEmpty { title = String(whole.prefix(limit - 1)) }
        return title + "…"
    }
}

/// What a caller gives to create a session; the store fills in the rest.
public struct SessionDraft: Sendable {
    public var id: SessionID?
    public var userID: UserName
    public var title: String
    public var context: Context
    public var mode: Mode
    public var provider: String?
    public var model: String?
    public var metadata: Metadata

    public init(
        id: SessionID? = nil, userID: UserName, title: String = "", context: Context = .general,
        mode: Mode = .assistant, provider: String? = nil, model: String? = nil, metadata: Metadata = [:]
    ) {
        self.id = id
        self.userID = userID
        self.title = title
        self.context = context
        self.mode = mode
        self.provider = provider
        self.model = model
        self.metadata = metadata
    }
}
