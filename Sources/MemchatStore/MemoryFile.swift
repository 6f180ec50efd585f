import Foundation
import MemchatCore

/// The contents of `memory_<user>.json`: `{"facts": [...], "user": "..."}`, pretty-printed
/// with sorted keys so it reads well, diffs cleanly and can be edited by hand.
///
/// Decoding also rejects what the fact decoder alone cannot see: a fact of another user
/// and two facts with one id. Such a file counts as damaged, like a truncated one.
struct MemoryFile: Codable {
    var user: UserName
    var facts: [MemoryFact]

    init(user: UserName, facts: [MemoryFact] = []) {
        self.user = user
        self.facts = facts
    }

    static func name(for user: UserName) -> String { "memory_\(user.rawValue).json" }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private enum CodingKeys: String, CodingKey {
        case user, facts
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        user = try container.decode(UserName.self, forKey: .user)
        facts = try container.decodeIfPresent([MemoryFact].self, forKey: .facts) ?? []
        var ids = Set<String>()
        for (index, fact) in facts.enumerated() {
            if fact.userID != user {
                throw Self.invalid(index, "user", "the fact belongs to \(fact.userID), the file to \(user)", container)
            }
            if !ids.insert(fact.id).inserted {
                throw Self.invalid(index, "id", "two facts have the id \(fact.id)", container)
            }
        }
    }

    private static func invalid(
        _ index: Int, _ field: String, _ reason: String, _ container: KeyedDecodingContainer<CodingKeys>
    ) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: container.codingPath + [CodingKeys.facts, PathKey(index: index), PathKey(field)],
            debugDescription: reason))
    }

    /// A coding-path step for error reports (`facts.[3].id`).
    private struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int?

        init(_ name: String) { stringValue = name }
        init(index: Int) {
            stringValue = "Index \(index)"
            intValue = index
        }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { self.init(index: intValue) }
    }
}
