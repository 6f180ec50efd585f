import Foundation
import MemchatTestSupport
import Testing

/// Runs the real `memchat` binary built next to the test bundle, with its own data
/// directory and a controlled environment, as a user's shell would.
struct MemchatProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Removed, with the data directory in it, when the last copy of this value is released.
    private let directory: TemporaryDirectory
    var home: String { directory.path }

    init() throws {
        directory = try TemporaryDirectory(prefix: "memchat-cli")
    }

    var dataDirectory: String { (home as NSString).appendingPathComponent("data") }

    func path(_ name: String) -> String { (home as NSString).appendingPathComponent(name) }

    /// The directory holding the test bundle also holds the package's executables.
    static func executable(_ name: String) throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = (testBinary as NSString).deletingLastPathComponent
        for _ in 0..<3 {
            let candidate = (directory as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = (directory as NSString).deletingLastPathComponent
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name, NSLocalizedDescriptionKey: "\(name) not built next to \(testBinary); run `swift build` first"])
    }

    /// Runs memchat (the one built, unless `executable` names another copy) to the end.
    /// The waiting happens on a thread of its own, so that tests running meanwhile keep
    /// the (two-thread) cooperative pool.
    func run(
        _ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil, executable: String? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result {
                    try runBlocking(arguments, environment: extra, stdin: stdin, executable: executable)
                })
            }.start()
        }
    }

    /// Starts one memchat per argument list at the same moment (spawned back to back,
    /// before any is waited for) and runs them all to the end.
    func runTogether(_ argumentLists: [[String]], environment extra: [String: String] = [:]) async throws -> [Result] {
        let executable = try Self.executable("memchat")
        let outputs = argumentLists.indices.map { (stdout: path("together-\($0).out"), stderr: path("together-\($0).err")) }
        let children = try zip(argumentLists, outputs).map { arguments, output in
            try ChildProcess(executable, arguments: arguments, environment: environment(extra), standard: [
                ("/dev/null", O_RDONLY), (output.stdout, O_WRONLY | O_CREAT | O_TRUNC), (output.stderr, O_WRONLY | O_CREAT | O_TRUNC),
            ])
        }
        let statuses = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: children.map { $0.wait() }) }.start()
        }
        return zip(statuses, outputs).map { status, output in
            defer { [output.stdout, output.stderr].forEach { try? FileManager.default.removeItem(atPath: $0) } }
            let read = { (file: String) in String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self) }
            // A wait status: the exit code in bits 8-15, or the signal that ended it (as a shell reports it).
            let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
            return Result(status: exitCode, stdout: read(output.stdout), stderr: read(output.stderr))
        }
    }

    /// The environment memchat runs in: this sandbox's directories and nothing of the
    /// machine's (no API keys, no Ollama).
    func environment(_ extra: [String: String]) -> [String: String] {
        var environment = [
            "HOME": home, "PATH": "/usr/bin:/bin", "MEMCHAT_HOME": dataDirectory, "MEMCHAT_USER": "ana",
            "XDG_CONFIG_HOME": path("config"), "TZ": "UTC",
            // Where no Ollama listens, so that detection never finds one on the test machine.
            "OLLAMA_HOST": "127.0.0.1:9",
        ]
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Starts memchat and returns at once, for tests that act while it runs.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable("memchat"))
        process.arguments = arguments
        process.environment = environment(extra)
        return try Running(process)
    }

    /// A memchat process still running: its output so far, signals, its end.
    final class Running: @unchecked Sendable {
        private let process: Process
        private let lock = NSLock()
        private var output = Data()
        private let finished = DispatchSemaphore(value: 0)

        init(_ process: Process) throws {
            self.process = process
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            Thread { [self] in
                while case let data = pipe.fileHandleForReading.availableData, !data.isEmpty {
                    lock.withLock { output += data }
                }
                process.waitUntilExit()
                finished.signal()
            }.start()
        }

        var stdout: String { lock.withLock { String(decoding: output, as: UTF8.self) } }

        /// Waits (off the cooperative pool) until stdout contains `text`, at most 10 s.
        func waitForOutput(containing text: String) async -> Bool {
            for _ in 0..<1000 {
                if stdout.contains(text) { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return false
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// The exit status, once the process ended (at most 30 s: a debug build storing a
        /// stopped answer on a loaded two-core CI machine was once seen to need more than 10).
        func exitStatus() async -> Int32? {
            await withCheckedContinuation { continuation in
                Thread { [self] in
                    let ended = finished.wait(timeout: .now() + 30) == .success
                    continuation.resume(returning: ended ? process.terminationStatus : nil)
                }.start()
            }
        }
    }

    private func runBlocking(
        _ arguments: [String], environment extra: [String: String], stdin: String?, executable: String?
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable ?? Self.executable("memchat"))
        process.arguments = arguments
        process.environment = environment(extra)
        // stderr goes to a file so that neither stream can fill up and block the child.
        let errorFile = path("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        let errors = try #require(FileHandle(forWritingAtPath: errorFile))
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errors.close()
        let stderrData = FileManager.default.contents(atPath: errorFile) ?? Data()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// The sample export shipped in data/.
    static var sampleFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/sample.jsonl").path
    }
}
