import ArgumentParser
import Foundation
import MemchatCore
import MemchatMCP

/// `memchat mcp`: the current user's sessions and memory for MCP clients, on stdio.
struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration.withGlobalOptions(
        commandName: "mcp",
        abstract: "Serve your sessions and memory to MCP clients (editors, agents) on stdin/stdout.",
        discussion: """
            A Model Context Protocol server for one user (--user or MEMCHAT_USER) with the tools \
            list_sessions, resume_session, export_session, merge_sessions, cleanup_sessions, \
            search_sessions, remember, recall_memory and forget_memory, and the resource \
            memchat://memory/facts. Every result is paged and bounded. Several servers and chat \
            screens can share one data directory. An MCP client starts it as the command \
            `memchat mcp` (see docs/mcp.md); it ends when the client closes its input.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let runtime = try await Runtime.open(global)
        let configuration = runtime.configuration
        if isatty(0) == 1 {
            Console.notice("memchat mcp speaks the Model Context Protocol on stdin and stdout; "
                + "start it from an MCP client (see docs/mcp.md). Ctrl-D ends it.")
        }
        let workspace = MCPWorkspace(
            user: configuration.user, store: runtime.store, memory: try Runtime.openMemory(configuration),
            turnIndex: configuration.retrieval.usesTurnIndex ? Runtime.openTurnIndex(configuration) : nil,
            retrieval: configuration.retrieval)
        try await MemchatMCPServer(workspace: workspace).serveStandardIO()
    }
}
