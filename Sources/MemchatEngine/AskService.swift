import Foundation
import MemchatCore
import MemchatStore

/// Which session a question goes to, as its caller asked.
public enum SessionRequest: Sendable, Equatable {
    /// This session (`--session`, the session on screen).
    case named(SessionID)
    /// The user's most recent session, whatever its state (`--continue`).
    case mostRecent
    /// A new session (`--new`, `/new`).
    case new
    /// The start rule (`session.on_start`): the most recent session when it resumes, else new.
    case automatic
}

/// The session a question will be asked in: an existing one, or one to create on the
/// first question (nothing is written for `--show-context`).
public struct SessionTarget: Sendable {
    /// The session; for a new one, what it will look like (its id is not real yet).
    public var session: Session
    /// Set for a new session: what `open` creates.
    public var draft: SessionDraft?
    /// For `--verbose`: why this session.
    public var reason: String

    public var isNew: Bool { draft != nil }
}

/// Refusals of the ask wiring, with what to do instead.
public enum AskServiceError: Error, Equatable, CustomStringConvertible {
    /// The in-memory store could not be made: asking incognito would have to write to disk.
    case incognitoUnavailable(String)
    /// Incognito conversations keep no memory.
    case memoryCommandWhileIncognito
    /// A stored question on a service made for incognito questions only (no store opened).
    case noStoreOpened

    public var description: String {
        switch self {
        case .incognitoUnavailable(let reason):
            return "incognito is not available (the in-memory store could not be made: \(reason)); "
                + "nothing was asked or stored. Ask without incognito, or try again"
        case .memoryCommandWhileIncognito:
            return "incognito keeps no memory: /remember and /forget work once incognito is off"
        case .noStoreOpened:
            return "no session store is open here, so only incognito questions can be asked; nothing was stored"
        }
    }
}

/// The wiring of one ask, shared by `memchat ask`, the chat screen and any server: it
/// builds the engine for a configuration, holds the incognito store, applies the start
/// rule and returns the target session. Incognito conversations go to a store in memory,
/// made once and kept for the life of the service so follow-ups keep their context; if it
/// cannot be made, incognito is refused rather than written to disk.
public final class AskService: Sendable {
    public let configuration: Configuration
    /// The user's store; nil when only incognito questions are asked (then no file in the
    /// data directory is opened at all).
    private let store: (any SessionStore)?
    private let memory: MemoryStore?
    /// The semantic index of the user's turns beside `store`; nil when there is no store
    /// or nothing may be indexed. Incognito engines never get it.
    public let turnIndex: SemanticTurnIndex?
    public let transport: any HTTPTransport
    private let incognito: IncognitoStore

    public init(
        configuration: Configuration, store: (any SessionStore)?, memory: MemoryStore?, turnIndex: SemanticTurnIndex? = nil,
        transport: any HTTPTransport, makeIncognitoStore: @escaping @Sendable () throws -> any SessionStore
    ) {
        self.configuration = configuration
        self.store = store
        self.memory = memory
        self.turnIndex = store == nil ? nil : turnIndex
        self.transport = transport
        incognito = IncognitoStore(make: makeIncognitoStore)
    }

    /// With the usual incognito store: SQLite in memory.
    public convenience init(
        configuration: Configuration, store: (any SessionStore)?, memory: MemoryStore?, turnIndex: SemanticTurnIndex? = nil,
        transport: any HTTPTransport
    ) {
        let hours = configuration.expirationHours
        self.init(configuration: configuration, store: store, memory: memory, turnIndex: turnIndex, transport: transport) {
            try SQLiteStore.inMemory(expirationHours: hours)
        }
    }

    /// The store a conversation uses: the user's, or the incognito one in memory.
    public func sessionStore(incognito: Bool) throws -> any SessionStore {
        if incognito { return try self.incognito.store() }
        guard let store else { throw AskServiceError.noStoreOpened }
        return store
    }

    /// An engine for `selection`. Incognito engines have no memory: nothing is learned.
    public func engine(_ selection: ProviderSelection, incognito: Bool) throws -> ChatEngine {
        var engine = ChatEngine(
            store: try sessionStore(incognito: incognito), memory: incognito ? nil : memory,
            provider: selection.makeProvider(transport: transport))
        engine.assembler = ContextAssembler(budget: selection.settings.contextBudget, systemPrompts: configuration.systemPrompts)
        engine.assembler.retrieval.mode = configuration.retrieval
        engine.assembler.retrieval.tuning = configuration.tuning
        engine.turnIndex = incognito ? nil : turnIndex
        return engine
    }

    /// The session to start on when none is named: the most recent one when the start rule
    /// resumes it (active, and used within `StartChoice.resumeWindow`), else nil (new).
    public func startingSession(incognito: Bool = false, at now: Date = Date()) async throws -> Session? {
        guard configuration.onStart != .new, let last = try await mostRecent(incognito: incognito),
              configuration.onStart.resumes(last, at: now)
        else { return nil }
        return last
    }

    /// Where a question asked as `request` goes. `context` and `mode` shape a new session;
    /// an existing one records a switch when they differ (see `open`).
    public func target(
        _ request: SessionRequest, context: Context?, mode: Mode?, incognito: Bool, selection: ProviderSelection
    ) async throws -> SessionTarget {
        let user = configuration.user
        let store = try sessionStore(incognito: incognito)
        switch request {
        case .named(let id):
            return SessionTarget(session: try await store.session(id, ownedBy: user), reason: "asked for with --session")
        case .mostRecent:
            if let last = try await mostRecent(incognito: incognito) {
                return SessionTarget(session: last, reason: "the most recent (--continue)")
            }
        case .automatic:
            let now = Date()
            if let last = try await startingSession(incognito: incognito, at: now) {
                return SessionTarget(session: last, reason: "resumed: active \(Self.idle(now.timeIntervalSince(last.lastActivity))) ago")
            }
        case .new:
            break
        }
        let draft = SessionDraft(
            userID: user, context: context ?? .general, mode: mode ?? .assistant,
            provider: selection.settings.kind.rawValue, model: selection.settings.model)
        let preview = Session(id: try SessionID("preview"), userID: user, context: draft.context, mode: draft.mode, createdAt: Date())
        return SessionTarget(session: preview, draft: draft, reason: "new")
    }

    /// The target's session, ready to ask in: a new one is created; an existing one is
    /// moved to `context`/`mode` (recorded as a switch) when they are given and differ.
    public func open(_ target: SessionTarget, with engine: ChatEngine, context: Context? = nil, mode: Mode? = nil) async throws -> Session {
        if let draft = target.draft { return try await engine.store.createSession(draft) }
        let session = target.session
        return try await engine.switchContext(session, to: context ?? session.context, mode: mode ?? session.mode)
    }

    private func mostRecent(incognito: Bool) async throws -> Session? {
        try await sessionStore(incognito: incognito)
            .listSessions(SessionQuery(scope: .user(configuration.user), limit: 1)).first
    }

    /// "40 s", "5 min", "3 h": how long a session has been idle.
    static func idle(_ seconds: TimeInterval) -> String {
        if seconds < 60 { return "\(Int(seconds)) s" }
        if seconds < 3600 { return "\(Int(seconds / 60)) min" }
        return "\(Int(seconds / 3600)) h"
    }
}

/// The in-memory store of incognito conversations, made on first use and kept.
private final class IncognitoStore: @unchecked Sendable {
    private let lock = NSLock()
    private let make: @Sendable () throws -> any SessionStore
    private var made: (any SessionStore)?

    init(make: @escaping @Sendable () throws -> any SessionStore) {
        self.make = make
    }

    func store() throws -> any SessionStore {
        try lock.withLock {
            if let made { return made }
            do {
                let store = try make()
                made = store
                return store
            } catch {
                throw AskServiceError.incognitoUnavailable("\(error)")
            }
        }
    }
}
