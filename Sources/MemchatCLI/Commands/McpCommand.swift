import ArgumentParser
import Foundation
import MemchatCore

/// `memchat mcp`: the current user's sessions and memory for MCP clients, on stdio.
///
/// The server itself is the `memchat-mcp` program installed beside memchat: the MCP SDK
/// links Foundation's networking (libcurl and some thirty shared libraries), which would
/// double the start-up time of every other command. This command checks its arguments
/// here, so help and usage errors read as for any command, then replaces itself with
/// that program (`MCPHost` is the other half).
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
            `memchat mcp` (see docs/mcp.md); it ends when the client closes its input. It runs \
            the program memchat-mcp, which is installed in the same directory as memchat.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let program = try MCPHost.program()
        // Everything after the subcommand's name; nothing can come before it.
        let arguments = Array(CommandLine.arguments.dropFirst().drop { $0 != Self.configuration.commandName }.dropFirst())
        let argv = ([program.path] + arguments).map { strdup($0) } + [nil]
        execv(program.path, argv)
        // execv returns only when it failed.
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        throw RuntimeError.io("could not start \(program.path): \(reason)")
    }
}
