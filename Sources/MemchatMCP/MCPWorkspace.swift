import MemchatCore
import MemchatEngine
import MemchatStore

/// What the tools act on: one user's sessions and memory. Every tool reads and writes
/// through `user`, so no call reaches another user's data.
public struct MCPWorkspace: Sendable {
    public var user: UserName
    public var store: any SessionStore
    public var memory: MemoryStore
    /// Where past turns are found by meaning for `recall_memory`; nil: by their words only.
    public var turnIndex: SemanticTurnIndex?
    public var retrieval: RetrievalMode

    public init(user: UserName, store: any SessionStore, memory: MemoryStore, turnIndex: SemanticTurnIndex?, retrieval: RetrievalMode) {
        self.user = user
        self.store = store
        self.memory = memory
        self.turnIndex = turnIndex
        self.retrieval = retrieval
    }

    /// The session when it is this user's; another user's is reported as unknown.
    func ownSession(_ id: SessionID) async throws -> Session {
        do {
            return try await store.session(id, ownedBy: user)
        } catch {
            throw ToolError.from(error, user: user)
        }
    }
}
