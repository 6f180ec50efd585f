import Foundation
import MemchatCore

/// The JSON shapes of the file backend, in the seed layout:
/// `sessions.json` maps session ids to metadata, `session_<id>.json` holds the history.
/// Both carry a few more fields than the seed so either can be rebuilt from the other.
enum JSONFileFormat {
    static let indexName = "sessions.json"

    static func sessionFileName(_ id: SessionID) -> String { "session_\(id.rawValue).json" }

    /// The session id in a `session_<id>.json` name, if the name is one.
    static func sessionID(fromFileName name: String) -> SessionID? {
        guard name.hasPrefix("session_"), name.hasSuffix(".json") else { return nil }
        return try? SessionID(String(name.dropFirst("session_".count).dropLast(".json".count)))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One entry of `sessions.json`.
    struct IndexEntry: Codable {
        var session_id: String
        var user_id: String
        var title: String
        var context: String
        var mode: String
        var created_at: String
        /// May lag behind the session file, which is not rewritten into the index on every
        /// turn; readers take the later of the two.
        var last_activity: String
        var is_active: Bool
        var ended_at: String?
        var expired_at: String?
        var merged_into: String?
        var summary: String?
        var provider: String?
        var model: String?
        var metadata: Metadata

        init(_ session: Session) {
            session_id = session.id.rawValue
            user_id = session.userID.rawValue
            title = session.title
            context = session.context.name
            mode = session.mode.rawValue
            created_at = Timestamp.format(session.createdAt)
            last_activity = Timestamp.format(session.lastActivity)
            is_active = session.state == .active
            ended_at = session.endedAt.map(Timestamp.format)
            expired_at = session.expiredAt.map(Timestamp.format)
            merged_into = session.mergedInto?.rawValue
            summary = session.summary
            provider = session.provider
            model = session.model
            metadata = session.metadata
        }

        func session() throws -> Session {
            Session(
                id: try SessionID(session_id), userID: try UserName(user_id), title: title,
                context: try Context(context), mode: try Mode(parsing: mode), createdAt: try date(created_at),
                lastActivity: try date(last_activity), endedAt: try ended_at.map(date),
                expiredAt: try expired_at.map(date), mergedInto: try merged_into.map(SessionID.init),
                summary: summary, provider: provider, model: model, metadata: metadata)
        }
    }

    /// A `session_<id>.json` file.
    struct SessionFile: Codable {
        var session_id: String
        var user_id: String
        var context: String
        var mode: String
        var created_at: String
        var history: [HistoryEntry]

        init(_ session: Session, turns: [Turn]) {
            session_id = session.id.rawValue
            user_id = session.userID.rawValue
            context = session.context.name
            mode = session.mode.rawValue
            created_at = Timestamp.format(session.createdAt)
            history = turns.map(HistoryEntry.init)
        }

        func turns() throws -> [Turn] {
            let id = try SessionID(session_id)
            return try history.enumerated().map { try $1.turn(session: id, seq: $0) }
        }

        /// The session as far as this file knows it, for rebuilding a lost index entry.
        func session() throws -> Session {
            let turns = try turns()
            let createdAt = try date(created_at)
            let firstQuestion = turns.first { $0.role == .user }?.content ?? ""
            return Session(
                id: try SessionID(session_id), userID: try UserName(user_id),
                title: Session.title(fromQuestion: firstQuestion), context: try Context(context),
                mode: try Mode(parsing: mode), createdAt: createdAt,
                lastActivity: turns.last.map { max($0.createdAt, createdAt) } ?? createdAt)
        }
    }

    struct HistoryEntry: Codable {
        var id: String
        var role: String
        var content: String
        var created_at: String
        var reply_to: String?
        var metadata: Metadata?

        init(_ turn: Turn) {
            id = turn.id.rawValue
            role = turn.role.rawValue
            content = turn.content
            created_at = Timestamp.format(turn.createdAt)
            reply_to = turn.replyTo?.rawValue
            metadata = turn.metadata.isEmpty ? nil : turn.metadata
        }

        func turn(session: SessionID, seq: Int) throws -> Turn {
            Turn(
                id: try TurnID(id), sessionID: session, seq: seq, role: try Role(parsing: role), content: content,
                createdAt: try date(created_at), replyTo: try reply_to.map(TurnID.init), metadata: metadata ?? [:])
        }
    }

    struct InvalidTime: Error, CustomStringConvertible {
        let text: String
        var description: String { "'\(text)' is not an ISO-8601 time" }
    }

    static func date(_ text: String) throws -> Date {
        guard let date = Timestamp.parse(text) else { throw InvalidTime(text: text) }
        return date
    }
}

private func date(_ text: String) throws -> Date { try JSONFileFormat.date(text) }

/// Decoding that also validates every value (ids, roles, times), so that a hand-edited
/// file with a bad value is treated as damaged like a truncated one.
extension JSONFileFormat {
    struct InvalidContent: Error, CustomStringConvertible {
        let reason: String
        var description: String { "invalid content: \(reason)" }
    }

    struct ValidIndex: Decodable {
        let sessions: [SessionID: Session]

        init(from decoder: Decoder) throws {
            let entries = try [String: IndexEntry](from: decoder)
            var sessions: [SessionID: Session] = [:]
            for (key, entry) in entries {
                do {
                    let session = try entry.session()
                    guard session.id.rawValue == key else {
                        throw InvalidContent(reason: "entry \"\(key)\" holds session_id \"\(entry.session_id)\"")
                    }
                    sessions[session.id] = session
                } catch let error as InvalidContent {
                    throw error
                } catch {
                    throw InvalidContent(reason: "entry \"\(key)\": \(error)")
                }
            }
            self.sessions = sessions
        }
    }

    struct ValidSessionFile: Decodable {
        let file: SessionFile
        let turns: [Turn]

        init(from decoder: Decoder) throws {
            file = try SessionFile(from: decoder)
            do {
                turns = try file.turns()
                _ = try file.session()
            } catch {
                throw InvalidContent(reason: "\(error)")
            }
        }
    }
}
