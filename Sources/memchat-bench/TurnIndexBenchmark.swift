import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// The large-store half of `memchat-bench turn-index` (see `TurnIndexCommand`).
struct TurnIndexBenchmark {
    let directory: String
    let options: TurnIndexCommand

    var storePath: String { (directory as NSString).appendingPathComponent("memchat.sqlite") }
    var rawTextPath: String { (directory as NSString).appendingPathComponent("raw-text-bytes") }

    func run() async throws -> String {
        var lines: [String] = []
        let rawBytes = try await populate()
        let store = try SQLiteStore.open(path: storePath, expirationHours: StorageBenchmark.expirationHours)
        let user = Workload.users[0]
        let name = try UserName(user.name)

        // Catch-up of every user from nothing, in a fresh process.
        let index = SemanticTurnIndex(directory: directory)
        for user in Workload.users {
            let paths = index.paths(for: try UserName(user.name))
            for path in [paths.codes, paths.entries] { try? FileManager.default.removeItem(atPath: path) }
        }
        StandardStreams.note("turn-index: catching up every user in a child process")
        let catchUp = try TurnIndexChild.spawn("catchup", directory: directory, as: TurnIndexChild.CatchUp.self)
        lines.append(String(format: "catch-up: %d turns (%d records) in %.1f s: %.0f turns/s; peak resident %.1f MB (child process)",
            catchUp.turns, catchUp.records, catchUp.seconds, Double(catchUp.turns) / max(catchUp.seconds, 1e-9), catchUp.peakResidentMB))

        // Sizes.
        var codes: Int64 = 0, entries: Int64 = 0
        for user in Workload.users {
            let paths = index.paths(for: try UserName(user.name))
            codes += PrivateFiles.size(ofFiles: [paths.codes])
            entries += PrivateFiles.size(ofFiles: [paths.entries])
        }
        let storeBytes = PrivateFiles.size(ofFiles: [storePath, storePath + "-wal"])
        let mainRecords = try index.recordCount(user: name)
        lines.append(String(format: "size, all users: codes %.1f MB + entries %.1f MB = %.2fx the raw text (%.0f MB), %.2fx the store (%.0f MB); store + index %.2fx the raw text",
            mb(codes), mb(entries), Double(codes + entries) / Double(rawBytes), mb(rawBytes),
            Double(codes + entries) / Double(storeBytes), mb(storeBytes), Double(codes + entries + storeBytes) / Double(rawBytes)))
        lines.append("queried user \(user.name): \(mainRecords) records (codes file \(String(format: "%.1f", Double(mainRecords * 16) / 1_048_576)) MB scanned per query)")

        // Cold: the first calls of a new process.
        var colds: [TurnIndexChild.Query] = []
        for _ in 0..<5 { colds.append(try TurnIndexChild.spawn("query", directory: directory, as: TurnIndexChild.Query.self)) }
        let cold = LatencySummary(milliseconds: colds.map(\.firstMilliseconds))
        let second = LatencySummary(milliseconds: colds.map(\.secondMilliseconds))
        lines.append(String(format: "cold (first nearest of a new process, limit 300, embedder load included; page cache warm): p50 %.2f ms, max %.2f ms; its second call p50 %.2f ms; resident after %.1f MB",
            cold.p50, cold.max, second.p50, colds.map(\.residentMB).max() ?? 0))

        // Queries from stored questions.
        let sample = try await TurnIndexQueries.sample(store: store, user: name, count: max(options.queries, options.recallQueries))
        let embedder = try StaticEmbedder.shared()
        let warm = SemanticTurnIndex(directory: directory)
        let firstInstance = try await Stopwatch.milliseconds { try warm.nearest(to: sample[0].query, user: name, limit: 300) }
        lines.append(String(format: "first call of a new instance in a warm process: %.2f ms", firstInstance.milliseconds))
        for (limit, label) in [(10, "limit 10 (shortlist 400)"), (100, "limit 100 (shortlist 400)"), (300, "limit 300 (shortlist 1200)")] {
            var samples: [Double] = []
            for query in sample.prefix(options.queries) {
                samples.append(try await Stopwatch.milliseconds { try warm.nearest(to: query.query, user: name, limit: limit) }.milliseconds)
            }
            let summary = LatencySummary(milliseconds: samples)
            lines.append(String(format: "nearest warm, %@: p50 %.2f ms, p99 %.2f ms (embedding the query included)", label, summary.p50, summary.p99))
        }
        var codeOnly: [Double] = []
        for query in sample.prefix(options.queries) {
            let vector = embedder.embed(query.query)
            codeOnly.append(try await Stopwatch.milliseconds { try warm.candidates(near: vector, user: name, limit: 300, rescore: false) }.milliseconds)
        }
        let codeSummary = LatencySummary(milliseconds: codeOnly)
        lines.append(String(format: "codes only (no re-scoring), top 300: p50 %.2f ms, p99 %.2f ms", codeSummary.p50, codeSummary.p99))

        // Recall against exact cosine over every turn of the user.
        StandardStreams.note("turn-index: exact cosine over every turn for recall")
        let exact = try await TurnIndexRecall.exact(store: store, user: name, embedder: embedder, pieces: warm.indexedTexts(of:))
        let queries = Array(sample.prefix(options.recallQueries))
        lines.append("recall of the exact-cosine top 10 (best record of each turn; \(queries.count) queries, \(exact.count) records):")
        lines += try TurnIndexRecall.table(index: warm, label: "uncentred (shipped)", user: name, queries: queries, exact: exact, embedder: embedder)
        if options.compareCentring {
            for (label, centring) in [("table-centred", SemanticTurnIndex.Centring.table), ("data mean", .given(exact.mean))] {
                let variantDirectory = (directory as NSString).appendingPathComponent("variant")
                try? FileManager.default.removeItem(atPath: variantDirectory)
                let variant = SemanticTurnIndex(directory: variantDirectory, centring: centring)
                try await variant.catchUp(store: store, user: name)
                lines += try TurnIndexRecall.table(index: variant, label: label, user: name, queries: queries, exact: exact, embedder: embedder)
                try? FileManager.default.removeItem(atPath: variantDirectory)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Imports the workload unless the directory already holds it; the raw text size.
    private func populate() async throws -> Int64 {
        if FileManager.default.fileExists(atPath: storePath),
           let text = try? String(contentsOfFile: rawTextPath, encoding: .utf8), let bytes = Int64(text) {
            StandardStreams.note("turn-index: reusing the store in \(directory)")
            return bytes
        }
        StandardStreams.note("turn-index: importing \(options.sessions) sessions of 20 turns")
        let store = try SQLiteStore.open(path: storePath, expirationHours: StorageBenchmark.expirationHours)
        var workload = try Workload(shape: WorkloadShape(sessions: options.sessions, turnsPerSession: 20, seed: 42))
        var bytes: Int64 = 0
        while case let records = try workload.nextRecords(count: 2_000), !records.isEmpty {
            bytes += records.reduce(0) { $0 + $1.turns.reduce(0) { $0 + Int64($1.content.utf8.count) } }
            _ = try await store.importRecords(records)
        }
        try String(bytes).write(toFile: rawTextPath, atomically: true, encoding: .utf8)
        return bytes
    }

    private func mb(_ bytes: Int64) -> Double { Double(bytes) / 1_048_576 }
}
