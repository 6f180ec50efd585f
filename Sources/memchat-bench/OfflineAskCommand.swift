import ArgumentParser
import Foundation

/// `memchat-bench offline-ask`: `memchat ask` as a new user without any model meets it,
/// timed as a whole process.
struct OfflineAskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "offline-ask",
        abstract: "Time `memchat ask` with nothing configured (the recall answer), whole process.",
        discussion: """
            Fills a store with SESSIONS x 20 turns and a memory fact, then runs the memchat \
            binary next to this one (`ask --new QUESTION`, no key, no base URL, Ollama's port \
            refusing connections) and times exec to exit. Judged at the median against 150 ms. \
            With --baseline, an earlier memchat binary is timed in the same run, alternating \
            with this one, so the two figures are comparable.
            """)

    @Option(help: "Sessions in the store (20 turns each).") var sessions = 10_000
    @Option(help: "Runs of each binary.") var runs = 20
    @OptionGroup var compared: BaselineOption
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    func validate() throws {
        guard runs > 0, sessions >= 0 else { throw ValidationError("--runs must be at least 1 and --sessions at least 0") }
    }

    func run() async throws {
        let result = try await BenchDirectory.with(nil) { directory in
            try await OfflineAskBenchmark(directory: directory, sessions: sessions, runs: runs, baseline: compared.baseline).run()
        }
        print(json ? try Report.json(result) : result.table())
        if !result.budgets.allSatisfy(\.pass) { throw ExitCode.failure }
    }
}
