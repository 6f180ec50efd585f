import Foundation
import MemchatCore

/// The user's memory facts as `memchat memory export` writes them.
enum MemoryDocument {
    /// The layout of `memory_<user>.json` (docs/memory.md): `{"facts": [...], "user": ...}`,
    /// each fact as `memchat memory list --json` prints it.
    struct JSON: Encodable {
        var user: String
        var facts: [MemoryFact]
    }

    static func json(user: UserName, facts: [MemoryFact]) throws -> String {
        try Console.jsonText(JSON(user: user.rawValue, facts: facts))
    }

    /// A `#` title, then a `##` section per context (global first, then the built-in
    /// contexts, then the user's own, by name), each fact a list item with its kind, its
    /// id, and whether it is pinned or was replaced.
    static func markdown(user: UserName, facts: [MemoryFact]) -> String {
        var sections = ["# Memory of \(user)", facts.isEmpty ? "No memory facts." : "\(facts.count) facts."]
        let groups = Dictionary(grouping: facts) { $0.context }
        for context in contextOrder(groups.keys) {
            sections.append("## \(context?.name ?? "global")")
            sections.append((groups[context] ?? []).map(item).joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    /// `- I prefer metric units (standing · pinned · id 7K3F9X2A)`.
    private static func item(_ fact: MemoryFact) -> String {
        let notes = [fact.kind?.rawValue, fact.pinned ? "pinned" : nil, fact.supersededBy.map { "replaced by \($0)" }, "id \(fact.id)"]
        return "- \(TextFormatting.oneLine(fact.text)) (\(notes.compactMap { $0 }.joined(separator: " · ")))"
    }

    private static func contextOrder(_ contexts: Dictionary<Context?, [MemoryFact]>.Keys) -> [Context?] {
        let named = contexts.compactMap { $0 }
        let custom = named.filter { !$0.isBuiltIn }.sorted { $0.name < $1.name }
        return (contexts.contains(nil) ? [nil] : []) + Context.builtIn.filter(named.contains) + custom
    }
}
