import Foundation
import MCP
import MemchatCore

/// `memchat mcp`: one user's sessions and memory served as Model Context Protocol tools
/// and a resource, over a transport (stdio for `memchat mcp`, in memory in tests).
///
/// Calls run concurrently, each through the session store and the memory file, which
/// take the data directory's locks: several servers and chat screens on one data
/// directory lose nothing.
public struct MemchatMCPServer: Sendable {
    public let workspace: MCPWorkspace

    /// Every tool, in the order `tools/list` gives them.
    static let tools: [MCPTool] = [
        ListSessionsTool.definition, ResumeSessionTool.definition, ExportSessionTool.definition,
        MergeSessionsTool.definition, CleanupSessionsTool.definition, SearchSessionsTool.definition,
        RememberTool.definition, RecallMemoryTool.definition, ForgetMemoryTool.definition,
    ]

    public init(workspace: MCPWorkspace) {
        self.workspace = workspace
    }

    /// Serves until the client closes the transport, then waits for calls still running.
    public func run(transport: any Transport) async throws {
        let server = Server(
            name: "memchat", version: MemchatVersion.current, title: "memchat",
            instructions: """
                The chat history and long-term memory of memchat user \(workspace.user). search_sessions finds \
                past conversations by their words, recall_memory what the user's memory says about a topic, \
                list_sessions and resume_session continue a conversation, remember keeps a new fact. \
                Results are paged: pass next_cursor back as cursor.
                """,
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        let workspace = workspace
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: Self.tools.map(\.declaration))
        }
        await server.withMethodHandler(CallTool.self) { request in
            guard let tool = Self.tools.first(where: { $0.name == request.name }) else {
                return ToolOutput.failure(.unknownTool(request.name, known: Self.tools.map(\.name)))
            }
            return await tool.call(request.arguments, in: workspace)
        }
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: try await MemoryFactsResource.list(workspace), nextCursor: nil)
        }
        await server.withMethodHandler(ReadResource.self) { request in
            try await MemoryFactsResource.read(request.uri, in: workspace)
        }
        let answering = AnsweringTransport(transport)
        try await server.start(transport: answering)
        await server.waitUntilCompleted()
        await answering.answered()
    }
}

extension MemchatMCPServer {
    /// Serves on standard input and output until the client closes standard input.
    public func serveStandardIO() async throws {
        try await run(transport: StdioTransport())
    }
}
