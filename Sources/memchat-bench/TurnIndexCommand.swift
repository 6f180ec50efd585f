import ArgumentParser
import Foundation

/// `memchat-bench turn-index`: the semantic turn index on a large generated store, and
/// on the memory eval's hand-written English.
struct TurnIndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "turn-index",
        abstract: "Measure the semantic turn index: catch-up rate, size, nearest latency, recall vs exact cosine.",
        discussion: """
            Builds a store of SESSIONS x 20 turns (fixed seed; kept in --dir and reused when it \
            already holds one), then in a child process indexes every user's turns (catch-up \
            rate, peak resident memory), weighs the index against the raw text and the store, \
            times `nearest` warm (repeated in one process) and cold (the first call of a new \
            process: page cache warm, since caches cannot be dropped here), and measures the \
            recall of the exact-cosine top 10 within the codes' top N and after re-scoring, on \
            queries made from stored questions with every third word dropped (the source turn \
            excluded). The eval part does the same on data/eval/memory-eval.json (real English), \
            comparing centring and clause records.
            """)

    @Option(help: "Sessions of 20 turns in the large store (50000: 1M turns).") var sessions = 50_000
    @Option(help: "Directory for the store and index (default: temporary, removed afterwards).") var dir: String?
    @Option(help: "Queries timed warm.") var queries = 300
    @Option(help: "Queries scored for recall.") var recallQueries = 200
    @Flag(help: "Also index with no centring and with the data's own mean, and compare recall.") var compareCentring = false
    @Flag(help: "Only the eval on real English (fast).") var evalOnly = false
    @Option(help: .hidden) var child: String?

    func run() async throws {
        if let child, let dir {
            try await TurnIndexChild.run(child, directory: dir)
            return
        }
        print(try await TurnIndexEval().run())
        guard !evalOnly else { return }
        if let dir {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            print(try await TurnIndexBenchmark(directory: dir, options: self).run())
        } else {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("memchat-bench-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            print(try await TurnIndexBenchmark(directory: temporary, options: self).run())
        }
    }
}
