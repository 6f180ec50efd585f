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

    /// A session's metadata as JSON: an entry of `sessions.json`, and the top-level fields
    /// of its `session_<id>.json` (so the session files alone describe every session and
    /// the index can always be rebuilt without loss). memchat writes every field; only
    /// `session_id` is required when reading, so hand-edited and seed-format files load.
    struct SessionFields: Codable {
        var session_id: String
        var user_id: String?
        var title: String?
        var context: String?
        var mode: String?
        var created_at: String?
        /// In the index this may lag behind the session file, which is not rewritten into
        /// the index on every turn; readers take the later of the two.
        var last_activity: String?
        var is_active: Bool?
        var ended_at: String?
        var expired_at: String?
        var merged_into: String?
        var summary: String?
        var provider: String?
        var model: String?
        var metadata: Metadata?

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

        /// The session these fields describe. Without `user_id` (the seed's session files)
        /// `indexed`, its `sessions.json` entry, stands in; other missing fields come from
        /// `indexed`, then from `turns` and defaults.
        func session(turns: [Turn], indexed: Session?) throws -> Session {
            guard let user_id else {
                guard let indexed else { throw InvalidContent(reason: "no user_id, and sessions.json does not list it") }
                return indexed
            }
            let createdAt = try created_at.map(date) ?? indexed?.createdAt ?? turns.first?.createdAt ?? Date(timeIntervalSince1970: 0)
            let firstQuestion = turns.first { $0.role == .user }?.content ?? ""
            return Session(
                id: try SessionID(session_id), userID: try UserName(user_id),
                title: title ?? indexed?.title ?? Session.title(fromQuestion: firstQuestion),
                context: try context.map(Context.init) ?? indexed?.context ?? .general,
                mode: try mode.map(Mode.init(parsing:)) ?? indexed?.mode ?? .assistant,
                createdAt: createdAt, lastActivity: try last_activity.map(date) ?? indexed?.lastActivity ?? createdAt,
                endedAt: try ended_at.map(date), expiredAt: try expired_at.map(date),
                mergedInto: try merged_into.map(SessionID.init), summary: summary, provider: provider, model: model,
                metadata: metadata ?? indexed?.metadata ?? [:])
        }
    }

    /// A `session_<id>.json` file: the seed's `session_id` and `history`, with the
    /// session's metadata beside them at the top level.
    struct SessionFile: Codable {
        var fields: SessionFields
        var history: [StoredTurn]

        private enum CodingKeys: String, CodingKey { case history }

        init(_ session: Session, turns: [Turn]) {
            fields = SessionFields(session)
            history = turns.map(StoredTurn.init)
        }

        init(from decoder: Decoder) throws {
            fields = try SessionFields(from: decoder)
            history = try decoder.container(keyedBy: CodingKeys.self).decode([StoredTurn].self, forKey: .history)
        }

        func encode(to encoder: Encoder) throws {
            try fields.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(history, forKey: .history)
        }

        var sessionID: String { fields.session_id }

        func turns() throws -> [Turn] {
            let start = try fields.created_at.map(date) ?? Date(timeIntervalSince1970: 0)
            return try StoredTurn.turns(history, session: try SessionID(fields.session_id), start: start, field: "history")
        }

        /// The session this file describes; `indexed` supplies what a seed-format file lacks.
        func session(indexed: Session?) throws -> Session {
            try fields.session(turns: turns(), indexed: indexed)
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
            let entries = try [String: SessionFields](from: decoder)
            var sessions: [SessionID: Session] = [:]
            for (key, entry) in entries {
                do {
                    let session = try entry.session(turns: [], indexed: nil)
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
                if file.fields.user_id != nil { _ = try file.session(indexed: nil) }
            } catch {
                throw InvalidContent(reason: "\(error)")
            }
        }
    }
}
