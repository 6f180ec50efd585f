import Foundation
import MCP
import SystemPackage

/// A real `memchat mcp` process with the MCP SDK's own client talking to it over its
/// standard input and output, as an editor or agent would start it.
final class MCPServerProcess: @unchecked Sendable {
    let client: Client
    let initialized: Initialize.Result
    private let process: Process
    private let toServer = Pipe()
    private let fromServer = Pipe()

    init(_ memchat: MemchatProcess, arguments: [String] = [], environment extra: [String: String] = [:]) async throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try MemchatProcess.executable("memchat"))
        process.arguments = ["mcp"] + arguments
        process.environment = memchat.environment(extra)
        process.standardInput = toServer
        process.standardOutput = fromServer
        let errors = memchat.path("mcp-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: errors)
        try process.run()
        let transport = StdioTransport(
            input: FileDescriptor(rawValue: fromServer.fileHandleForReading.fileDescriptor),
            output: FileDescriptor(rawValue: toServer.fileHandleForWriting.fileDescriptor))
        client = Client(name: "memchat-cli-tests", version: "1")
        initialized = try await client.connect(transport: transport)
    }

    /// Calls a tool and returns its result.
    func call(_ name: String, _ arguments: [String: Value] = [:]) async throws -> CallTool.Result {
        let request: RequestContext<CallTool.Result> = try await client.callTool(name: name, arguments: arguments)
        return try await request.value
    }

    /// Closes the server's input, as a client does when it is done, and returns the exit
    /// status once the server ended (nil after 20 s).
    func close() async -> Int32? {
        await client.disconnect()
        try? toServer.fileHandleForWriting.close()
        return await withCheckedContinuation { continuation in
            Thread { [process] in
                let deadline = Date().addingTimeInterval(20)
                while process.isRunning, Date() < deadline { usleep(10_000) }
                continuation.resume(returning: process.isRunning ? nil : process.terminationStatus)
            }.start()
        }
    }

    static func text(_ result: CallTool.Result) -> String {
        result.content.compactMap { content in
            if case .text(let text, _, _) = content { return text }
            return nil
        }.joined()
    }
}
