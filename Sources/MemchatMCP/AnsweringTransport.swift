import Foundation
import Logging
import MCP

/// A transport that knows which requests still await their response. The SDK's server
/// stops reading when the client closes its input, while calls it started may still be
/// running; `answered()` waits for them, so a client that sends its last requests and
/// closes at once (`… | memchat mcp`) still gets every answer, and no write is cut short.
actor AnsweringTransport: Transport {
    nonisolated let logger = Logger(label: "memchat.mcp", factory: { _ in SwiftLogNoOpLogHandler() })
    private let inner: any Transport
    private var pending = Set<String>()
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ inner: any Transport) {
        self.inner = inner
    }

    func connect() async throws {
        try await inner.connect()
    }

    func disconnect() async {
        await inner.disconnect()
    }

    func send(_ data: Data) async throws {
        try await inner.send(data)
        for message in Self.messages(in: data) where message["method"] == nil {
            if let id = Self.id(of: message) { pending.remove(id) }
        }
        if pending.isEmpty { resumeWaiting() }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await inner.receive() {
                        noteRequests(in: data)
                        continuation.yield(data)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Returns once every request received so far has been answered.
    func answered() async {
        guard !pending.isEmpty else { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func noteRequests(in data: Data) {
        for message in Self.messages(in: data) where message["method"] != nil {
            if let id = Self.id(of: message) { pending.insert(id) }
        }
    }

    private func resumeWaiting() {
        for waiter in waiting { waiter.resume() }
        waiting.removeAll()
    }

    /// The JSON-RPC messages of `data`: one object, or a batch.
    private static func messages(in data: Data) -> [[String: Value]] {
        guard let value = try? JSONDecoder().decode(Value.self, from: data) else { return [] }
        if let object = value.objectValue { return [object] }
        return value.arrayValue?.compactMap(\.objectValue) ?? []
    }

    private static func id(of message: [String: Value]) -> String? {
        switch message["id"] {
        case .string(let text): return "s" + text
        case .int(let number): return "n\(number)"
        default: return nil
        }
    }
}
