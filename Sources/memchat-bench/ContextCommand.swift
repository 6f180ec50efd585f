import ArgumentParser
import Foundation

/// `memchat-bench context`: how long assembling one request takes with a large memory
/// and history, the work done before every question.
struct ContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Time context assembly (memory facts + past exchanges) with many facts and a large store.",
        discussion: """
            Fills a SQLite store with SESSIONS x 20 turns and a memory file with FACTS facts, \
            then assembles the request for each question of the memory eval's case file, in a \
            new session, with the hybrid ranking. Cold: each question on newly opened stores \
            with the in-process vector cache emptied (the embedding table stays loaded, the \
            page cache is warm); warm: the same questions again on the same stores. Judged \
            against p50 <= 5 ms and p99 <= 15 ms, both ways.
            """)

    @Option(help: "Sessions in the store (20 turns each).") var sessions = 50_000
    @Option(help: "Memory facts of the user.") var facts = 1_000
    @Option(help: ArgumentHelp("Keep the store here (an empty directory), or reuse one this command filled.", valueName: "path"))
    var directory: String?
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    func validate() throws {
        guard sessions >= 0, facts >= 0 else { throw ValidationError("--sessions and --facts must be at least 0") }
    }

    func run() async throws {
        let questions = try MemoryEvalCases.load(MemoryEvalCases.defaultPath).cases.map(\.question)
        let benchmark = ContextBenchmark(sessions: sessions, facts: facts, questions: questions)
        let result: ContextBenchmark.Result
        if let directory, FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("memchat.sqlite")) {
            result = try await benchmark.run(in: directory, fill: false)
        } else {
            result = try await BenchDirectory.with(directory) { try await benchmark.run(in: $0, fill: true) }
        }
        print(json ? try Report.json(result) : result.table())
        if !result.budgets.allSatisfy(\.pass) { throw ExitCode.failure }
    }
}
