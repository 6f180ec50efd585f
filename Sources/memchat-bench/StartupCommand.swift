import ArgumentParser
import Foundation

/// `memchat-bench startup`: the two commands whose whole-process time has a budget of its
/// own, `memchat --help` and `memchat sessions list`.
struct StartupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Time `memchat --help` and `memchat sessions list` as whole processes.",
        discussion: """
            Fills a store with SESSIONS x 20 turns, then runs the memchat binary next to this \
            one and times exec to exit of each command, judged at the median against 20 ms \
            (a release build with --static-swift-stdlib). With --baseline, an earlier memchat \
            binary is timed in the same run, alternating with this one, and the ratio is shown: \
            on a shared machine the same build can measure far apart an hour later.
            """)

    @Option(help: "Sessions in the store (20 turns each).") var sessions = 10_000
    @Option(help: "Runs of each command and binary.") var runs = 50
    @Option(help: "Directory for the store (default: a temporary one, removed afterwards).") var dir: String?
    @OptionGroup var compared: BaselineOption
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    func validate() throws {
        guard runs > 0, sessions >= 0 else { throw ValidationError("--runs must be at least 1 and --sessions at least 0") }
    }

    func run() async throws {
        let result = try await BenchDirectory.with(dir) { directory in
            try await StartupBenchmark(directory: directory, sessions: sessions, runs: runs, baseline: compared.baseline).run()
        }
        print(json ? try Report.json(result) : result.table())
        if !result.budgets.allSatisfy(\.pass) { throw ExitCode.failure }
    }
}
