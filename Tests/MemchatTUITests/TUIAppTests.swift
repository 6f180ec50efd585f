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
}
