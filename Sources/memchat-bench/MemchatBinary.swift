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

    /// Starts `executable` with stdin closed off, stdout in a pipe and stderr closed off
    /// unless `errors` is given.
    static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], errors: Pipe? = nil
    ) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        if let errors { process.standardError = errors } else { process.standardError = FileHandle.nullDevice }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }
}
