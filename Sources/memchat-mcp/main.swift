import Foundation
import MemchatCLI
import MemchatMCP

// The MCP server that `memchat mcp` starts (see MCPHost): a program of its own so that
// the MCP SDK's networking libraries load only here, not in every memchat command.
exit(await MCPHost.main(Array(CommandLine.arguments.dropFirst())) { user, store, memory, turnIndex, retrieval in
    let workspace = MCPWorkspace(user: user, store: store, memory: memory, turnIndex: turnIndex, retrieval: retrieval)
    try await MemchatMCPServer(workspace: workspace).serveStandardIO()
})
