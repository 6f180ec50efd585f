import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// The half of `memchat mcp` that runs in the `memchat-mcp` program: it resolves the
/// configuration and opens the store and memory exactly as every other command does,
/// then hands them to the server that program links (this module does not, so that the
/// MCP SDK stays out of the `memchat` binary).
public enum MCPHost {
    /// Serves one user's store, memory, turn index (nil: lexical recall only) and
    /// retrieval mode until the client closes its input.
    public typealias Serve = @Sendable (
        _ user: UserName, _ store: any SessionStore, _ memory: MemoryStore, _ turnIndex: SemanticTurnIndex?,
        _ retrieval: RetrievalMode
    ) async throws -> Void

    /// The program's file name, in the directory of the running memchat.
    static let programName = "memchat-mcp"

    /// Runs `memchat mcp` with the arguments that followed `mcp` and returns the exit code.
    public static func main(_ arguments: [String], serve: Serve) async -> Int32 {
        do {
            let command = try McpCommand.parse(arguments)
            let runtime = try await Runtime.open(command.global)
            let configuration = runtime.configuration
            if isatty(0) == 1 {
                Console.notice("memchat mcp speaks the Model Context Protocol on stdin and stdout; "
                    + "start it from an MCP client (see docs/mcp.md). Ctrl-D ends it.")
            }
            let turnIndex = configuration.retrieval.usesTurnIndex ? Runtime.openTurnIndex(configuration) : nil
            // Past turns not encoded yet (an import, an older store) are encoded while the
            // server runs; a client that leaves early leaves the rest to the next catch-up.
            let store = runtime.store, user = configuration.user
            let encoding = Task(priority: .utility) {
                _ = try? await turnIndex?.catchUpEverything(store: store, user: user, background: true)
            }
            defer { encoding.cancel() }
            try await serve(user, runtime.store, try Runtime.openMemory(configuration), turnIndex, configuration.retrieval)
            return 0
        } catch {
            return MemchatCLI.report(error)
        }
    }

    /// `memchat-mcp` beside the running executable (symbolic links resolved, so a link to
    /// memchat on the PATH finds the program next to the real file).
    static func program() throws -> URL {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else {
            throw RuntimeError.io("memchat mcp could not find where memchat itself is installed, so not \(programName) either")
        }
        let program = executable.deletingLastPathComponent().appendingPathComponent(programName)
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw RuntimeError.io("""
                memchat mcp runs the program \(programName), which is not in \(executable.deletingLastPathComponent().path). \
                Build it as memchat was built (`swift build --product \(programName)`, adding \
                `-c release --static-swift-stdlib` for a release) and put it in that directory (README, Install)
                """)
        }
        return program
    }
}
