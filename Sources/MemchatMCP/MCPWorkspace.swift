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

    /// The session when it is this user's; another user's fails as `StoreError.wrongUser`,
    /// which a tool reports as an unknown session (`ToolError.from`).
    func ownSession(_ id: SessionID) async throws -> Session {
        try await store.session(id, ownedBy: user)
    }
}
