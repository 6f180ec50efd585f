import ArgumentParser
import Foundation
import MemchatCore

/// `memchat-bench context`: how long assembling one request takes with a large memory
/// and history, the work done before every question.
struct ContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Time context assembly (memory facts + past exchanges) with many facts and a large store.",
        discussion: """
            Fills a SQLite store with SESSIONS x 20 turns and a memory file with FACTS facts, \
            then assembles the request for each question of the memory eval's case file, in a \
            new session, with the hybrid ranking. The sentence encoder's index is filled with \
            synthetic vectors for every turn (scanning costs the same whatever they hold), and \
            one untimed question first saves the facts' vectors. Cold: each question on newly \
            opened stores with the in-process vector caches emptied (the models stay loaded, \
            the page cache is warm); warm: the same questions again on the same stores, with \
            the mean time of each stage. Each mode of --modes is measured in the same run \
            (lexical: the ranking of earlier releases). Judged against p50 <= 25 ms and p99 <= \
            80 ms warm, p50 <= 60 ms cold.
            """)

    @Option(help: "Sessions in the store (20 turns each).") var sessions = 50_000
    @Option(help: "Memory facts of the user.") var facts = 1_000
    @Option(help: ArgumentHelp("Keep the store here (an empty directory), or reuse one this command filled.", valueName: "path"))
    var directory: String?
    @Option(help: ArgumentHelp("Retrieval modes to measure, comma-separated.", valueName: "modes")) var modes = "hybrid,lexical"
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    private var modeList: [RetrievalMode] {
        get throws {
            try modes.split(separator: ",").map { name in
                guard let mode = RetrievalMode(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw ValidationError("--modes: '\(name)' is not a retrieval mode; expected hybrid or lexical")
                }
                return mode
            }
        }
    }

    func validate() throws {
        guard sessions >= 0, facts >= 0 else { throw ValidationError("--sessions and --facts must be at least 0") }
        guard try !modeList.isEmpty else { throw ValidationError("--modes names no mode") }
    }

    func run() async throws {
        let questions = try MemoryEvalCases.load(MemoryEvalCases.defaultPath).cases.map(\.question)
        let benchmark = ContextBenchmark(sessions: sessions, facts: facts, questions: questions, modes: try modeList)
        let results: [ContextBenchmark.Result]
        if let directory, FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("memchat.sqlite")) {
            results = try await benchmark.run(in: directory, fill: false)
        } else {
            results = try await BenchDirectory.with(directory) { try await benchmark.run(in: $0, fill: true) }
        }
        print(json ? try Report.json(results) : results.map { $0.table() }.joined(separator: "\n\n"))
        if !results.allSatisfy({ $0.budgets.allSatisfy(\.pass) }) { throw ExitCode.failure }
    }
}
