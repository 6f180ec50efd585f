import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport

/// The backends the shared store tests run against.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case file
    var description: String { rawValue }
}

/// A store on real files in a temporary directory, with a clock the test controls.
struct StoreFixture {
    let directory: TemporaryDirectory
    let clock: ManualClock
    let store: any SessionStore
    let backend: Backend

    static let start = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21

    init(_ backend: Backend, expirationHours: Int = 168) throws {
        directory = try TemporaryDirectory()
        clock = ManualClock(Self.start)
        self.backend = backend
        store = try Self.open(backend, directory: directory, clock: clock, expirationHours: expirationHours)
    }

    static func open(_ backend: Backend, directory: TemporaryDirectory, clock: ManualClock, expirationHours: Int = 168) throws -> any SessionStore {
        switch backend {
        case .sqlite:
            return try SQLiteStore.open(path: directory.file("memchat.sqlite"), expirationHours: expirationHours, clock: clock)
        case .file:
            return try JSONFileStore(directory: directory.file("sessions"), expirationHours: expirationHours, clock: clock)
        }
    }

    /// Reopens the same files, as a new process would.
    func reopened() throws -> any SessionStore {
        try Self.open(backend, directory: directory, clock: clock)
    }

    /// Creates a session and adds question/answer pairs one minute apart.
    @discardableResult
    func conversation(
        user: String = "ana", context: Context = .general, mode: Mode = .assistant, _ pairs: [(String, String)]
    ) async throws -> Session {
        let session = try await store.createSession(SessionDraft(userID: try UserName(user), context: context, mode: mode))
        for (question, answer) in pairs {
            clock.advance(by: 60)
            let asked = try await store.appendTurn(TurnDraft(role: .user, content: question), to: session.id)
            clock.advance(by: 5)
            _ = try await store.appendTurn(TurnDraft(role: .assistant, content: answer, replyTo: asked.id), to: session.id)
        }
        return try await store.session(session.id)
    }
}
