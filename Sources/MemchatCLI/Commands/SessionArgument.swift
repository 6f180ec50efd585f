import ArgumentParser
import MemchatCore
import MemchatStore

/// A session id given on the command line, checked before anything is opened.
struct SessionArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The session id (see `memchat sessions list`).", valueName: "session-id"))
    var id: String

    func validate() throws {
        do { _ = try SessionID(id) } catch { throw ValidationError("\(error)") }
    }

    var sessionID: SessionID {
        get throws { try SessionID(id) }
    }

    /// Opens the store and checks that the session is the current user's, then runs
    /// `body` on it.
    func withOwnSession<T>(_ global: GlobalOptions, _ body: (Runtime, Session) async throws -> T) async throws -> T {
        let runtime = try await Runtime.open(global)
        let session = try await runtime.ownSession(try sessionID)
        return try await body(runtime, session)
    }
}

extension Runtime {
    /// The session, refusing one that belongs to another user than the current one.
    func ownSession(_ id: SessionID) async throws -> Session {
        try await store.session(id, ownedBy: configuration.user)
    }
}
