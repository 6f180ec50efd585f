import Foundation
import MemchatCore
import MemchatStore
import MemchatTestSupport
import Testing

/// The reliability contract's first promise: a turn whose append returned is never lost
/// to kill -9, and the store stays readable. A `memchat-bench append-loop` child appends
/// to one database and prints each turn id once `appendTurn` returned; it is killed at a
/// random moment, again and again, and every printed id must be in the reopened store.
@Suite("kill -9 durability")
struct KillNineTests {
    static let iterations = 50
    static let runTime = 30...300  // milliseconds before the kill
    static let user = "bench"

    @Test(arguments: Backend.allCases)
    func acknowledgedTurnsSurviveKillNine(backend: Backend) async throws {
        let bench = try BenchExecutable.locate()
        let directory = try TemporaryDirectory()
        let database = directory.file(backend == .sqlite ? "memchat.sqlite" : "sessions")
        var acknowledged: [String] = []
        var verifiedSessions: Set<SessionID> = []
        var found: Set<String> = []
        for iteration in 1...Self.iterations {
            let ids = try await runAndKill(
                bench, backend: backend, database: database, output: directory.file("append-loop-\(iteration)"),
                after: .milliseconds(Int.random(in: Self.runTime)))
            acknowledged += ids
            // Reopen as the next process would; the sessions written since the last check
            // must hold this run's acknowledged turns.
            let store = try open(backend, database)
            // Atomic writes never leave a damaged file; a kill between a new session's file
            // and the index only leaves the index to be completed from the session file.
            let reports = await store.recoveryReports()
            #expect(reports.allSatisfy { $0.action == .rebuiltIndex }, "kill \(iteration): \(reports)")
            for session in try await sessions(in: store) where !verifiedSessions.contains(session.id) {
                found.formUnion(try await store.turns(of: session.id, page: .all).map(\.id.rawValue))
                verifiedSessions.insert(session.id)
            }
            let missing = ids.filter { !found.contains($0) }
            #expect(missing.isEmpty, "kill \(iteration): \(missing.count) of \(ids.count) acknowledged turns lost, first \(missing.prefix(3))")
        }

        // A last full pass: earlier turns must not have been lost by later crashes either,
        // and each session's turn count must agree with its turns.
        let store = try open(backend, database)
        var all: Set<String> = []
        for session in try await sessions(in: store) {
            let turns = try await store.turns(of: session.id, page: .all)
            #expect(session.turnCount == turns.count, "session \(session.id) says \(session.turnCount) turns, holds \(turns.count)")
            all.formUnion(turns.map(\.id.rawValue))
        }
        let lost = acknowledged.filter { !all.contains($0) }
        #expect(lost.isEmpty, "\(lost.count) of \(acknowledged.count) acknowledged turns are missing at the end")
        #expect(all.count >= acknowledged.count)
        #expect(acknowledged.count >= Self.iterations, "the writer acknowledged only \(acknowledged.count) turns in \(Self.iterations) runs")
    }

    private func open(_ backend: Backend, _ path: String) throws -> any SessionStore {
        switch backend {
        case .sqlite: return try SQLiteStore.open(path: path, expirationHours: 168)
        case .file: return try JSONFileStore(directory: path, expirationHours: 168)
        }
    }

    private func sessions(in store: any SessionStore) async throws -> [Session] {
        try await store.listSessions(SessionQuery(scope: .user(UserName(Self.user)), limit: 1_000_000))
    }

    /// Starts the append loop, SIGKILLs it after `delay`, and returns the turn ids of the
    /// complete lines it printed (a line cut by the kill is not an acknowledgement).
    ///
    /// The child writes straight into files (what `write(2)` returned is in the file even
    /// after a kill) and is reaped with `waitpid` on a thread of its own: Foundation's
    /// `Process.waitUntilExit` on the cooperative pool could hang on a loaded machine.
    private func runAndKill(
        _ bench: URL, backend: Backend, database: String, output: String, after delay: Duration
    ) async throws -> [String] {
        let child = try ChildProcess(
            bench.path, arguments: ["append-loop", "--backend", backend.rawValue, "--db", database, "--user", Self.user],
            standard: [("/dev/null", O_RDONLY), (output + ".out", O_WRONLY | O_CREAT | O_TRUNC), (output + ".err", O_WRONLY | O_CREAT | O_TRUNC)])
        try await Task.sleep(for: delay)
        child.kill(SIGKILL)
        let status = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: child.wait()) }.start()
        }
        let errorText = String(decoding: FileManager.default.contents(atPath: output + ".err") ?? Data(), as: UTF8.self)
        try #require(status & 0x7f == SIGKILL, "append-loop ended by itself (wait status \(status)) before the kill: \(errorText)")
        let printed = FileManager.default.contents(atPath: output + ".out") ?? Data()
        var lines = printed.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        lines.removeLast()  // empty after a final newline, else the line the kill cut short
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Finds the `memchat-bench` executable that `swift test` builds next to the test binary
/// (`.build/<triple>/debug/`), or explains where it looked.
enum BenchExecutable {
    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "memchat-bench is not built next to the tests (looked in \(searched.joined(separator: ", "))); "
                + "run `swift build --product memchat-bench` with the same build path, then the tests again"
        }
    }

    static func locate() throws -> URL {
        var directories: [URL] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        // macOS runs tests from an .xctest bundle inside the build directory.
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories += directories.map { $0.deletingLastPathComponent() }
        let candidates = directories.map { $0.appendingPathComponent("memchat-bench") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw NotFound(searched: candidates.map(\.path))
        }
        return found
    }
}
