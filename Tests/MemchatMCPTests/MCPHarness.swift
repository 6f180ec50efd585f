import Foundation
import MCP
import MemchatCore
import MemchatEngine
import MemchatMCP
import MemchatStore
import Testing

/// A memchat MCP server for one user on a real SQLite store and memory file in a
/// temporary directory, and the SDK's client talking to it in memory.
final class MCPHarness: @unchecked Sendable {
    let directory: String
    let store: SQLiteStore
    let memory: MemoryStore
    let user: UserName
    let client: Client
    /// What tools/list declared, by name.
    private(set) var tools: [String: Tool] = [:]
    private let server: Task<Void, any Error>

    init(user: String = "ana") async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("memchat-mcp-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try SQLiteStore.open(path: (directory as NSString).appendingPathComponent("memchat.sqlite"), expirationHours: 168)
        memory = try MemoryStore(directory: directory)
        self.user = try UserName(user)
        let workspace = MCPWorkspace(user: self.user, store: store, memory: memory, turnIndex: nil, retrieval: .hybrid)
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        server = Task { try await MemchatMCPServer(workspace: workspace).run(transport: serverSide) }
        client = Client(name: "memchat-tests", version: "1")
        try await client.connect(transport: clientSide)
        tools = Dictionary(uniqueKeysWithValues: try await client.listTools().tools.map { ($0.name, $0) })
    }

    deinit {
        server.cancel()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Calls a tool and returns its whole result.
    func call(_ name: String, _ arguments: [String: Value] = [:]) async throws -> CallTool.Result {
        let request: RequestContext<CallTool.Result> = try await client.callTool(name: name, arguments: arguments)
        return try await request.value
    }

    /// Calls a tool that must succeed and returns its structured result, after checking
    /// that the text content holds the same JSON.
    func output(_ name: String, _ arguments: [String: Value] = [:]) async throws -> [String: Value] {
        let result = try await call(name, arguments)
        #expect(result.isError != true, "\(name) failed: \(Self.text(result))")
        let structured = try #require(result.structuredContent?.objectValue)
        let fromText = try JSONDecoder().decode(Value.self, from: Data(Self.text(result).utf8))
        #expect(fromText == .object(structured))
        let schema = try #require(tools[name]?.outputSchema)
        #expect(SchemaCheck.problems(.object(structured), schema) == [], "\(name)'s result does not match its output schema")
        #expect(Self.text(result).count <= 24_000, "\(name) returned \(Self.text(result).count) characters")
        return structured
    }

    /// Calls a tool that must fail and returns the message it gave.
    func failure(_ name: String, _ arguments: [String: Value] = [:]) async throws -> String {
        let result = try await call(name, arguments)
        #expect(result.isError == true, "\(name) should have failed: \(Self.text(result))")
        #expect(result.structuredContent == nil)
        return Self.text(result)
    }

    static func text(_ result: CallTool.Result) -> String {
        result.content.compactMap { content in
            if case .text(let text, _, _) = content { return text }
            return nil
        }.joined()
    }

    /// A session of `user` (default: the harness's) with question/answer pairs.
    @discardableResult
    func session(
        of user: String? = nil, title: String = "", context: Context = .general, _ pairs: [(String, String)]
    ) async throws -> Session {
        let owner = try user.map(UserName.init) ?? self.user
        let session = try await store.createSession(SessionDraft(userID: owner, title: title, context: context))
        for (question, answer) in pairs {
            let asked = try await store.appendTurn(TurnDraft(role: .user, content: question), to: session.id)
            _ = try await store.appendTurn(TurnDraft(role: .assistant, content: answer, replyTo: asked.id), to: session.id)
        }
        return try await store.session(session.id)
    }
}

extension Value {
    subscript(key: String) -> Value? { objectValue?[key] }
    var items: [Value] { arrayValue ?? [] }
}
