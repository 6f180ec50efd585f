import Foundation

/// A session with all its turns: the unit of import, export and migration.
public struct SessionRecord: Hashable, Sendable {
    public var session: Session
    public var turns: [Turn]

    public init(session: Session, turns: [Turn]) {
        self.session = session
        self.turns = turns
    }
}

/// What was wrong with one JSONL line; the importer adds the line number.
public enum InterchangeError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidJSON(String)
    case missingField(String)
    case invalidField(field: String, reason: String)

    public var description: String {
        switch self {
        case .invalidJSON(let detail): return "not a JSON object: \(detail); each line must hold one session as {...}"
        case .missingField(let field): return "missing field \"\(field)\""
        case .invalidField(let field, let reason): return "field \"\(field)\": \(reason)"
        }
    }
}

/// The JSONL interchange format: one session per line,
/// `{"id","user","context","mode","title","created_at","updated_at","turns":[{"role","content","created_at"}]}`
/// plus optional fields that make export -> import lossless (per turn: `id`, `reply_to`,
/// `metadata`, and `context`/`mode` for turns asked before their session switched).
public enum Interchange {
    /// Decodes and validates one line. `defaultUser` is used when the line has no `user`.
    public static func decode(line: Data, defaultUser: UserName) throws(InterchangeError) -> SessionRecord {
        let wire: WireSession
        do {
            wire = try decoder.decode(WireSession.self, from: line)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .missingField(path(context.codingPath + [key]))
        } catch let DecodingError.typeMismatch(_, context) where context.codingPath.isEmpty {
            throw .invalidJSON("the line holds JSON of another kind")
        } catch let DecodingError.valueNotFound(_, context) where context.codingPath.isEmpty {
            throw .invalidJSON("the line holds JSON null")
        } catch let DecodingError.typeMismatch(type, context) {
            throw .invalidField(field: path(context.codingPath), reason: "expected \(typeName(type))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw .invalidField(field: path(context.codingPath), reason: "expected \(typeName(type)), found null")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw .invalidField(field: path(context.codingPath), reason: context.debugDescription)
        } catch {
            throw .invalidJSON(shortReason(error))
        }
        do {
            return try wire.record(defaultUser: defaultUser)
        } catch let error as InterchangeError {
            throw error
        } catch {
            throw .invalidJSON("\(error)")
        }
    }

    /// One compact JSON line (no trailing newline), keys sorted for stable diffs.
    public static func encode(_ record: SessionRecord) -> String {
        let wire = WireSession(record)
        guard let data = try? encoder.encode(wire) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static let decoder = JSONDecoder()
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func path(_ keys: [CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is [StoredTurn].Type, is [Any].Type: return "an array"
        case is Double.Type, is Int.Type: return "a number"
        default: return "a JSON object"
        }
    }

    private static func shortReason(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? "the text is not valid JSON"
        }
        return "\(error)"
    }
}

/// The JSON shape of a line; optional fields are omitted when empty.
private struct WireSession: Codable {
    var id: String
    var user: String?
    var context: String?
    var mode: String?
    var title: String?
    var created_at: String?
    var updated_at: String?
    var state: String?
    var ended_at: String?
    var expired_at: String?
    var merged_into: String?
    var summary: String?
    var provider: String?
    var model: String?
    var metadata: Metadata?
    var turns: [StoredTurn]

    init(_ record: SessionRecord) {
        let session = record.session
        id = session.id.rawValue
        user = session.userID.rawValue
        context = session.context.name
        mode = session.mode.rawValue
        title = session.title
        created_at = Timestamp.format(session.createdAt)
        updated_at = Timestamp.format(session.lastActivity)
        state = session.state.rawValue
        ended_at = session.endedAt.map(Timestamp.format)
        expired_at = session.expiredAt.map(Timestamp.format)
        merged_into = session.mergedInto?.rawValue
        summary = session.summary
        provider = session.provider
        model = session.model
        metadata = session.metadata.isEmpty ? nil : session.metadata
        turns = record.turns.map(StoredTurn.init)
    }

    func record(defaultUser: UserName) throws -> SessionRecord {
        let sessionID = try field("id") { try SessionID(id) }
        let userID = try user.map { value in try field("user") { try UserName(value) } } ?? defaultUser
        let context = try self.context.map { value in try field("context") { try Context(value) } } ?? .general
        let mode = try self.mode.map { value in try field("mode") { try Mode(parsing: value) } } ?? .assistant
        let firstTurnTime = try turns.first?.created_at.map { try date($0, field: "turns[0].created_at") }
        guard let createdAt = try created_at.map({ try date($0, field: "created_at") }) ?? firstTurnTime else {
            throw InterchangeError.missingField("created_at")
        }

        let parsedTurns = try StoredTurn.turns(turns, session: sessionID, start: createdAt, field: "turns")

        let lastTurnTime = parsedTurns.map(\.createdAt).max()
        let updated = try updated_at.map { try date($0, field: "updated_at") }
        let lastActivity = [updated, lastTurnTime, createdAt].compactMap { $0 }.max() ?? createdAt
        let state = try self.state.map { value in try field("state") { try SessionState(parsing: value) } } ?? .active
        var endedAt = try ended_at.map { try date($0, field: "ended_at") }
        var expiredAt = try expired_at.map { try date($0, field: "expired_at") }
        if state == .ended, endedAt == nil { endedAt = lastActivity }
        if state == .expired, expiredAt == nil { expiredAt = lastActivity }
        let mergedInto = try merged_into.map { value in try field("merged_into") { try SessionID(value) } }
        let firstQuestion = parsedTurns.first { $0.role == .user }?.content ?? ""

        let session = Session(
            id: sessionID, userID: userID,
            title: title ?? Session.title(fromQuestion: firstQuestion),
            context: context, mode: mode, createdAt: createdAt, lastActivity: lastActivity,
            endedAt: endedAt, expiredAt: expiredAt, mergedInto: mergedInto, summary: summary,
            provider: provider, model: model, metadata: metadata ?? [:],
            turnCount: parsedTurns.count, state: state)
        return SessionRecord(session: session, turns: parsedTurns)
    }
}

/// A turn as JSON: in interchange lines (`turns`) and in the JSON file backend's session
/// files (`history`). Only `role` and `content` are required; `context` and `mode` are
/// written only when the turn has its own (it was asked before its session switched), so
/// files and exports without them keep their shape.
public struct StoredTurn: Codable, Sendable {
    public var id: String?
    public var role: String
    public var content: String
    public var created_at: String?
    public var reply_to: String?
    public var metadata: Metadata?
    public var context: String?
    public var mode: String?

    public init(_ turn: Turn) {
        id = turn.id.rawValue
        role = turn.role.rawValue
        content = turn.content
        created_at = Timestamp.format(turn.createdAt)
        reply_to = turn.replyTo?.rawValue
        metadata = turn.metadata.isEmpty ? nil : turn.metadata
        context = turn.context?.name
        mode = turn.mode?.rawValue
    }

    /// Validates a list of stored turns. Missing ids are derived from the session id and
    /// position (so re-reading finds the same turns), a missing time is the previous
    /// turn's (`start` for the first), and an assistant turn without `reply_to` answers the
    /// question before it. Turns before a recorded context switch without a context or
    /// mode of their own (written before turns kept theirs) get the ones they were written
    /// in (`ContextSwitch.settleRecorded`). Errors name the field, e.g. `history[2].role`.
    public static func turns(_ entries: [StoredTurn], session: SessionID, start: Date, field list: String) throws(InterchangeError) -> [Turn] {
        var turns: [Turn] = []
        turns.reserveCapacity(entries.count)
        var lastQuestion: TurnID?
        var mayHoldSwitches = false
        for (index, entry) in entries.enumerated() {
            do {
                let turn = try entry.turn(
                    session: session, index: index, defaultTime: turns.last?.createdAt ?? start,
                    inferredReplyTo: lastQuestion, prefix: "\(list)[\(index)].")
                if turn.role == .user { lastQuestion = turn.id }
                if turn.role == .system { mayHoldSwitches = true }
                turns.append(turn)
            } catch let error as InterchangeError {
                throw error
            } catch {
                throw .invalidField(field: "\(list)[\(index)]", reason: "\(error)")
            }
        }
        return mayHoldSwitches ? ContextSwitch.settleRecorded(in: turns) : turns
    }

    private func turn(session: SessionID, index: Int, defaultTime: Date, inferredReplyTo: TurnID?, prefix: String) throws -> Turn {
        let turnID = try id.map { value in try field(prefix + "id") { try TurnID(value) } }
            ?? IDGenerator.derivedTurnID(session: session, index: index)
        let role = try field(prefix + "role") { try Role(parsing: self.role) }
        let createdAt = try created_at.map { try date($0, field: prefix + "created_at") } ?? defaultTime
        let replyTo = try reply_to.map { value in try field(prefix + "reply_to") { try TurnID(value) } }
            ?? (role == .assistant ? inferredReplyTo : nil)
        let context = try self.context.map { value in try field(prefix + "context") { try Context(value) } }
        let mode = try self.mode.map { value in try field(prefix + "mode") { try Mode(parsing: value) } }
        return Turn(
            id: turnID, sessionID: session, seq: index, role: role, content: content,
            createdAt: createdAt, replyTo: replyTo, metadata: metadata ?? [:], context: context, mode: mode)
    }
}

/// Runs a validating initialiser and reports its failure against a field name.
private func field<T>(_ name: String, _ make: () throws -> T) throws -> T {
    do {
        return try make()
    } catch {
        throw InterchangeError.invalidField(field: name, reason: "\(error)")
    }
}

private func date(_ text: String, field name: String) throws -> Date {
    guard let date = Timestamp.parse(text) else {
        throw InterchangeError.invalidField(field: name, reason: "'\(text.prefix(40))' is not an ISO-8601 time such as 2026-10-02T10:02:00Z")
    }
    return date
}
