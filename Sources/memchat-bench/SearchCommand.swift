import ArgumentParser
import Foundation
import MemchatCore
import MemchatStore

/// `memchat-bench search`: repeats one search on an existing database, for profiling
/// (`perf record`) and for comparing ranking-window sizes on real data.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Time one search repeatedly on an existing SQLite store.")

    @Option(help: "The database file.") var db: String
    @Option(help: "Search as this user (default: all users).") var user: String?
    @Option(help: "How many times to run the query.") var runs: Int = 200
    @Option(help: "Ranking window.") var window = SearchQuery.defaultRankingWindow
    @Argument(help: "The query.") var query: String

    func run() async throws {
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no database at \(db)") }
        let store = try SQLiteStore.open(path: db, expirationHours: StorageBenchmark.expirationHours)
        let scope: UserScope = try user.map { .user(try UserName($0)) } ?? .allUsers
        let search = SearchQuery(text: query, scope: scope, rankingWindow: window)
        var samples: [Double] = []
        var hits = 0
        for _ in 0..<max(1, runs) {
            let run = try await Stopwatch.milliseconds { try await store.search(search) }
            samples.append(run.milliseconds)
            hits = run.result.count
        }
        let summary = LatencySummary(milliseconds: samples)
        print(String(format: "%d runs, %d hits: p50 %.2f ms, p99 %.2f ms, mean %.2f ms", summary.samples, hits, summary.p50, summary.p99, summary.mean))
    }
}
