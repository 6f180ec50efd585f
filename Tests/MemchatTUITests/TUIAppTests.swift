import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore
import MemchatTerminal
import Testing
@testable import MemchatTUI

/// The runtime with a `TestTerminal`: keys in, frames out, effects run against a real
/// (in-memory) store.
@Suite("TUI runtime")
struct TUIAppTests {
    func waitFor(_ text: String, on terminal: TestTerminal) async -> [String] {
        for _ in 0..<500 {
            if terminal.screen.joined(separator: "\n").contains(text) { return terminal.screen }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return terminal.screen
    }

    @Test func asksThroughTheEngineAndQuits() async throws {
        let store = try SQLiteStore.inMemory(expirationHours: 168)
        let memory = try MemoryStore.temporary()
        let configuration = Configuration(
            dataDirectory: NSTemporaryDirectory(), user: try UserName("ana"), provider: .echo, sources: ["provider": .flag("--provider")])
        let terminal = TestTerminal(size: Size(columns: 80, rows: 20))
        let app = TUIApp(
            terminal: terminal,
            services: TUIServices(store: store, memory: memory, configuration: configuration, transport: AsyncHTTPClientTransport()),
            storageName: "memory")
        let running = Task { try await app.run() }

        var screen = await waitFor("Ask anything", on: terminal)
        #expect(screen.first?.contains("memchat · ana · general · assistant · echo/echo") == true)
        terminal.type("hello there")
        terminal.send(.key(KeyPress(.enter)))
        screen = await waitFor("\"hello there\"", on: terminal)
        #expect(screen.filter { $0.contains("hello there") }.count >= 2, "question and echoed answer:\n\(screen.joined(separator: "\n"))")
        let sessions = try await store.listSessions(SessionQuery(scope: .allUsers))
        #expect(sessions.map(\.title) == ["hello there"])
        #expect(try await store.turns(of: try #require(sessions.first).id, page: .all).map(\.content) == ["hello there", "hello there"])

        terminal.send(.key(KeyPress(.character("q"), control: true)))
        try await running.value
        #expect(terminal.isStopped, "the terminal is given back")
        #expect(terminal.frameCount >= 3)
    }

    /// Incognito in the runtime: follow-ups share one conversation in memory, /remember is
    /// refused, and the user's store and memory stay empty. When the in-memory store cannot
    /// be made, the question is refused instead of stored.
    @Test(arguments: [false, true]) func incognitoWritesNothing(storeFails: Bool) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("memchat-tui-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore.open(path: directory + "/memchat.sqlite", expirationHours: 168)
        let memory = try MemoryStore(directory: directory)
        let configuration = Configuration(
            dataDirectory: directory, user: try UserName("ana"), provider: .echo, sources: ["provider": .flag("--provider")])
        let incognitoStore = SharedStore()
        let ask = AskService(configuration: configuration, store: store, memory: memory, transport: AsyncHTTPClientTransport()) {
            if storeFails { throw CocoaError(.fileWriteOutOfSpace) }
            return try incognitoStore.make()
        }
        let terminal = TestTerminal(size: Size(columns: 100, rows: 24))
        let app = TUIApp(terminal: terminal, services: TUIServices(store: store, memory: memory, ask: ask), storageName: "sqlite")
        let running = Task { try await app.run() }
        _ = await waitFor("Ask anything", on: terminal)

        func submit(_ text: String) {
            terminal.type(text)
            terminal.send(.key(KeyPress(.enter)))
        }
        submit("/incognito")
        var screen = await waitFor("Message · incognito", on: terminal)
        submit("/remember my PIN is 1234")
        screen = await waitFor("incognito keeps no memory", on: terminal)
        #expect(screen.joined().contains("incognito keeps no memory"), "\(screen.joined(separator: "\n"))")
        submit("my secret plan")
        if storeFails {
            screen = await waitFor("incognito is not available", on: terminal)
            #expect(screen.joined().contains("incognito is not available"), "\(screen.joined(separator: "\n"))")
        } else {
            screen = await waitFor("\"my secret plan\"", on: terminal)
            submit("a follow-up")
            screen = await waitFor("\"a follow-up\"", on: terminal)
            let sessions = try await incognitoStore.store().listSessions(SessionQuery(scope: .allUsers))
            #expect(sessions.count == 1, "one incognito conversation")
            #expect(try await incognitoStore.store().turns(of: try #require(sessions.first).id, page: .all).map(\.content)
                == ["my secret plan", "my secret plan", "a follow-up", "a follow-up"])
        }
        terminal.send(.key(KeyPress(.character("q"), control: true)))
        try await running.value
        #expect(try await store.listSessions(SessionQuery(scope: .allUsers)).isEmpty)
        #expect(try await store.search(SearchQuery(text: "secret", scope: .allUsers)).isEmpty)
        #expect(try await memory.facts(user: configuration.user).isEmpty)
    }
}

/// Makes the incognito store once and lets the test look inside it.
private final class SharedStore: @unchecked Sendable {
    private let lock = NSLock()
    private var made: SQLiteStore?

    func make() throws -> any SessionStore { try store() }

    func store() throws -> SQLiteStore {
        try lock.withLock {
            if let made { return made }
            let store = try SQLiteStore.inMemory(expirationHours: 168)
            made = store
            return store
        }
    }
}
