import MemchatCore
import MemchatStore

extension MemoryStore {
    /// A fact the user asked to remember (`memchat memory add`, the MCP `remember` tool).
    /// Without `kind`, a new fact's kind comes from its text by the rules facts are learned
    /// with; a fact said again keeps its kind unless one is asked for.
    public func remember(
        user: UserName, text: String, context: Context?, pinned: Bool, kind: MemoryFact.Kind?
    ) async throws -> (fact: MemoryFact, isNew: Bool) {
        var added = try await add(
            user: user, text: text, context: context, pinned: pinned, kind: kind ?? MemoryExtractor().kind(ofText: text))
        if let kind, !added.isNew, added.fact.kind != kind {
            added.fact = try await setKind(user: user, idOrText: added.fact.id, kind: kind)
        }
        return added
    }
}
