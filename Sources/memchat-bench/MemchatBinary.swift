import Foundation

/// The `memchat` executable built next to this benchmark (same configuration).
enum MemchatBinary {
    static func path() throws -> String {
        let bench = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let executable = ((bench as NSString).deletingLastPathComponent as NSString).appendingPathComponent("memchat")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError(description: "no memchat binary next to memchat-bench at \(executable); build both")
        }
        return executable
    }

    /// Starts `executable` with stdin and stderr closed off and stdout in a pipe.
    static func start(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }
}
