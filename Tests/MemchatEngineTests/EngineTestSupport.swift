import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// Real stores in a temporary directory for engine tests.
final class EngineFixture: @unchecked Sendable {
    let directory: String
    let store: SQLiteStore
    let memory: MemoryStore
    let user: UserName

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("memchat-engine-\(UUID().uuidString)").path
        store = try SQLiteStore.open(path: directory + "/memchat.sqlite", expirationHours: 168)
        memory = try MemoryStore(directory: directory)
        user = try UserName("ana")
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func session(context: Context = .general) async throws -> Session {
        try await store.createSession(SessionDraft(userID: user, context: context))
    }

    /// Asks and collects every event.
    func ask(_ question: String, in session: Session, provider: any ChatProvider = EchoProvider(), memory useMemory: Bool = true) async throws -> [EngineEvent] {
        let engine = ChatEngine(store: store, memory: useMemory ? memory : nil, provider: provider)
        var events: [EngineEvent] = []
        for try await event in engine.ask(question, in: session) { events.append(event) }
        return events
    }
}

extension Array where Element == EngineEvent {
    var answer: Turn? {
        for case .answered(let turn) in self { return turn }
        return nil
    }

    var streamedText: String {
        compactMap { if case .text(let text) = $0 { return text } else { return nil } }.joined()
    }
}

/// Answers with a fixed text, in one piece.
struct CannedProvider: ChatProvider {
    let name = "canned"
    let model = "canned-1"
    var answer: String

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<StreamEvent, Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(.text(answer))
            continuation.yield(.finished(FinishInfo(reason: "stop")))
            continuation.finish()
        }
    }
}

/// Streams some text, then fails like a dropped connection.
struct FailingProvider: ChatProvider {
    let name = "failing"
    let model = "failing-1"
    struct Dropped: Error, CustomStringConvertible { var description: String { "connection reset by peer" } }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<StreamEvent, Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(.text("Partial "))
            continuation.finish(throwing: Dropped())
        }
    }
}

/// Streams a word every 20 ms for a long time, so a test can cancel it midway.
struct SlowProvider: ChatProvider {
    let name = "slow"
    let model = "slow-1"

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<StreamEvent, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                for index in 0..<500 {
                    try await Task.sleep(for: .milliseconds(20))
                    continuation.yield(.text("word\(index) "))
                }
                continuation.yield(.finished(FinishInfo(reason: "stop")))
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
