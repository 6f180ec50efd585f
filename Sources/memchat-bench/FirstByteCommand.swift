import ArgumentParser
import Foundation

/// `memchat-bench first-byte`: how much time memchat adds before the first streamed byte
/// of an answer, over what the model server itself takes.
struct FirstByteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "first-byte",
        abstract: "Measure the time memchat adds before an answer's first streamed byte.",
        discussion: """
            Starts a local OpenAI-compatible server that answers at once, fills a store with \
            SESSIONS x 10 turns and some memory facts, then alternates two measurements: a raw \
            socket client sending the same request (the server's own latency to the first \
            event), and ChatEngine.ask (store the question, learn from it, assemble memory and \
            history, send, parse the stream) up to its first text. The difference of the p50s \
            is judged against 5 ms. Then it runs the memchat binary (`ask --continue`) and \
            judges its time to the first answer byte on stdout, beyond the raw latency, \
            against the 50 ms budget (docs/performance.md).
            """)

    @Option(help: "Measured requests of each kind.") var runs = 50
    @Option(help: "Whole-process runs of `memchat ask --continue`.") var processRuns = 15
    @Option(help: "Sessions in the store (10 turns each).") var sessions = 2_000
    @Option(help: "Directory for the store (default: a temporary one, removed afterwards).") var dir: String?
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    func validate() throws {
        guard runs > 0, processRuns >= 0, sessions >= 0 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() async throws {
        let result = try await BenchDirectory.with(dir) { directory in
            try await FirstByteBenchmark(directory: directory, sessions: sessions, runs: runs, processRuns: processRuns).run()
        }
        print(json ? try Report.json(result) : result.table())
        if !result.budgets.allSatisfy(\.pass) { throw ExitCode.failure }
    }
}
