import Foundation

/// Runs the `memchat` binary built next to memchat-bench (`ask --continue`) against the
/// benchmark's store and server, timing exec to the first byte of the answer on stdout.
struct ProcessFirstByte {
    let executable: String
    let environment: [String: String]

    init(directory: String, user: String, baseURL: String) throws {
        executable = try MemchatBinary.path()
        environment = [
            "MEMCHAT_HOME": directory, "MEMCHAT_USER": user, "HOME": directory, "PATH": "/usr/bin:/bin",
            "XDG_CONFIG_HOME": (directory as NSString).appendingPathComponent("config"),
            "OPENAI_BASE_URL": baseURL, "OPENAI_API_KEY": "bench",
        ]
    }

    func measure(_ question: String) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let (process, output) = try MemchatBinary.start(
            executable, ["ask", "--continue", "--provider", "openai", question], environment: environment)
        // The blocking read runs on a thread of its own, off the cooperative pool.
        let first: Duration? = await withCheckedContinuation { continuation in
            Thread {
                let byte = output.fileHandleForReading.readData(ofLength: 1)
                let elapsed = byte.isEmpty ? nil : start.duration(to: clock.now)
                _ = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: elapsed)
            }.start()
        }
        guard process.terminationStatus == 0, let first else {
            throw BenchError(description: "memchat ask failed (status \(process.terminationStatus))")
        }
        return Stopwatch.milliseconds(first)
    }
}
