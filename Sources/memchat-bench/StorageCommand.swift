import ArgumentParser

/// `memchat-bench storage`: import, append, search, recent-interactions and size
/// measurements on a generated workload, judged against the design's budgets.
struct StorageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Measure the session store on a generated workload.",
        discussion: """
            Generates SESSIONS x TURNS alternating question/answer turns (fixed seed), imports \
            them through the JSONL path (a generated file read by JSONLImporter, as `memchat import` does), then \
            times durable appends against a raw 512-byte append+fsync on the same disk, \
            searches for rare and common words, and recent interactions, and weighs the \
            closed store. Read latencies are in process and judged at p99. Exits 1 when a \
            budget fails. Progress goes to stderr.
            """)

    @Option(help: "Number of sessions.") var sessions = 10_000
    @Option(help: "Turns per session.") var turns = 20
    @Option(help: "Workload seed; the same seed generates the same text.") var seed: UInt64 = 42
    @Option(help: "Store backend: sqlite or file (the file backend is measured, not judged).") var backend: BenchBackend = .sqlite
    @Option(help: "Directory for the store (default: a temporary one, removed afterwards).") var dir: String?
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    func validate() throws {
        guard sessions > 0, turns > 0 else { throw ValidationError("--sessions and --turns must be at least 1") }
    }

    func run() async throws {
        let shape = WorkloadShape(sessions: sessions, turnsPerSession: turns, seed: seed)
        let result = try await BenchDirectory.with(dir) { directory in
            try await StorageBenchmark(shape: shape, directory: directory, backend: backend).run()
        }
        print(json ? try result.json() : result.table())
        if !result.allBudgetsPass { throw ExitCode.failure }
    }
}
