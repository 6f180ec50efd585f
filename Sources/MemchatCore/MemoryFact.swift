import Foundation

/// A long-term fact about the user, kept in `memory_<user>.json`.
///
/// Facts are never edited into something else: a new value for the same thing ("my
/// manager is Priya" after "my manager is Tom") is a new fact, and the old one stays,
/// marked with when and by what it was superseded, so memory never contradicts itself
/// and its history is not lost.
public struct MemoryFact: Hashable, Sendable {
    /// Where a fact came from.
    public enum Source: Hashable, Sendable {
        /// The user asked for it (`memchat memory add`, `/remember`).
        case explicit
        /// Detected in what the user said in a session.
        case extracted(session: SessionID, turn: TurnID)
    }

    /// How a fact reaches the model: profile and standing facts shape every answer and go
    /// into every request; the others only when they bear on the question.
    public enum Kind: String, CaseIterable, Hashable, Sendable, Codable {
        /// Who the user is and how to address them ("My name is Noor", "Call me Sam").
        case profile
        /// Preferences and instructions for every answer: format, units, language, diet
        /// and allergies, the tools they use.
        case standing
        case other

        /// Whether facts of this kind go into every request.
        public var isStanding: Bool { self != .other }
    }

    /// Short and stable (see `IDGenerator.shortID`), so a user can type it.
    public var id: String
    public var userID: UserName
    /// nil means the fact applies in every context (a global fact).
    public var context: Context?
    public var text: String
    public var source: Source
    public var createdAt: Date
    /// The last time the fact was stated again or corrected.
    public var updatedAt: Date
    /// Pinned facts are always offered to the model first.
    public var pinned: Bool
    /// When a newer fact replaced this one; nil while the fact is current.
    public var supersededAt: Date?
    /// The id of the fact that replaced this one.
    public var supersededBy: String?
    /// nil when the file does not say (facts written before kinds existed, or a kind
    /// memchat does not know): the engine then classifies the text by its rules.
    public var kind: Kind?

    /// Facts are statements, not documents; longer text is refused.
    public static let maxTextLength = 1000

    public init(
        id: String, userID: UserName, context: Context?, text: String, source: Source,
        createdAt: Date, updatedAt: Date? = nil, pinned: Bool = false,
        supersededAt: Date? = nil, supersededBy: String? = nil, kind: Kind? = nil
    ) {
        self.id = id
        self.userID = userID
        self.context = context
        self.text = text
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.pinned = pinned
        self.supersededAt = supersededAt
        self.supersededBy = supersededBy
        self.kind = kind
    }

    /// Whether the fact is current (not superseded).
    public var isActive: Bool { supersededAt == nil }

    /// Whether the fact is offered in `context`: its own context's facts and global ones.
    public func applies(in context: Context) -> Bool {
        self.context == nil || self.context == context
    }

    /// The text as stored: trimmed, each run of whitespace (newlines too) one space.
    public static func cleaned(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// What makes two facts the same for deduplication: the cleaned text, lowercased,
    /// without trailing punctuation ("My dog is Pixel." is "my dog is pixel").
    public static func normalized(_ text: String) -> String {
        var key = cleaned(text).lowercased()
        while let last = key.unicodeScalars.last,
              CharacterSet.punctuationCharacters.contains(last) || CharacterSet.whitespaces.contains(last) {
            key.unicodeScalars.removeLast()
        }
        return key
    }
}

// MARK: - The JSON form

/// Explicit snake_case keys and ISO-8601 UTC times, so `memory_<user>.json` reads well
/// and can be edited by hand; decoding checks what a hand edit could break.
extension MemoryFact: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, userID = "user", context, text, source, pinned
        case createdAt = "created_at", updatedAt = "updated_at"
        case supersededAt = "superseded_at", supersededBy = "superseded_by", kind
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.decode(String.self, forKey: .id)
        do {
            self.id = try IdentifierRules.validate(id, kind: "memory fact id", allowDotAndAt: false)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container, debugDescription: "\(error)")
        }
        userID = try container.decode(UserName.self, forKey: .userID)
        context = try container.decodeIfPresent(Context.self, forKey: .context)
        text = try container.decode(String.self, forKey: .text)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw DecodingError.dataCorruptedError(forKey: .text, in: container, debugDescription: "empty fact")
        }
        source = try container.decodeIfPresent(Source.self, forKey: .source) ?? .explicit
        createdAt = try Self.date(container.decode(String.self, forKey: .createdAt), in: container, .createdAt)
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt)
            .map { try Self.date($0, in: container, .updatedAt) } ?? createdAt
        pinned = try container.decodeIfPresent(Bool.self, forKey: .pinned) ?? false
        supersededAt = try container.decodeIfPresent(String.self, forKey: .supersededAt)
            .map { try Self.date($0, in: container, .supersededAt) }
        supersededBy = try container.decodeIfPresent(String.self, forKey: .supersededBy)
        // An unknown kind (a hand edit, a newer release) reads as not set rather than
        // making the whole file unreadable; the engine classifies such a fact again.
        kind = (try? container.decodeIfPresent(String.self, forKey: .kind)).flatMap(Kind.init(rawValue:))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(userID, forKey: .userID)
        // Written as null rather than left out, so a reader sees the fact is global.
        try container.encode(context, forKey: .context)
        try container.encode(text, forKey: .text)
        try container.encode(source, forKey: .source)
        try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
        try container.encode(Timestamp.format(updatedAt), forKey: .updatedAt)
        try container.encode(pinned, forKey: .pinned)
        try container.encodeIfPresent(supersededAt.map(Timestamp.format), forKey: .supersededAt)
        try container.encodeIfPresent(supersededBy, forKey: .supersededBy)
        try container.encodeIfPresent(kind, forKey: .kind)
    }

    private static func date(_ text: String, in container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date {
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not an ISO-8601 time such as 2026-10-02T10:02:00Z")
        }
        return date
    }
}

/// `{"kind": "explicit"}` or `{"kind": "extracted", "session_id": ..., "turn_id": ...}`.
extension MemoryFact.Source: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, sessionID = "session_id", turnID = "turn_id"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "explicit":
            self = .explicit
        case "extracted":
            self = .extracted(
                session: try container.decode(SessionID.self, forKey: .sessionID),
                turn: try container.decode(TurnID.self, forKey: .turnID))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "expected \"explicit\" or \"extracted\"")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .explicit:
            try container.encode("explicit", forKey: .kind)
        case .extracted(let session, let turn):
            try container.encode("extracted", forKey: .kind)
            try container.encode(session, forKey: .sessionID)
            try container.encode(turn, forKey: .turnID)
        }
    }
}
