import Foundation

extension StorageResult {
    /// The human report: what the workload is, one row per timing, then each budget
    /// with PASS or FAIL.
    func table() -> String {
        let common = Vocabulary.common.map { word in
            "\"\(word)\" \(percent(workload.commonWordFractions[word] ?? 0))"
        }.joined(separator: ", ")
        let rareCounts = workload.rareWordTurns.values
        var lines = [
            "memchat-bench storage: \(backend), \(workload.sessions) sessions x \(workload.turnsPerSession) turns"
                + " = \(workload.turns) turns, seed \(workload.seed)",
            "workload: \(megabytes(workload.textBytes)) of message text, mean turn \(Int(workload.meanTurnBytes)) B;"
                + " turns containing \(common), all of them \(percent(workload.allCommonWordsFraction));"
                + " each rare word in \(rareCounts.min() ?? 0)-\(rareCounts.max() ?? 0) turns",
            "",
        ]
        let timings: [(String, LatencySummary, Double?)] = [
            ("raw 512 B append + fsync", rawAppend, nil),
            ("appendTurn (durable)", append, nil),
            ("search, rare word", searchRare.latency, searchRare.meanHits),
            ("search, common word", searchCommon.latency, searchCommon.meanHits),
            ("search, two common words", searchCommonPair.latency, searchCommonPair.meanHits),
            ("recent interactions, limit 30", recentAllContexts.latency, recentAllContexts.meanHits),
            ("recent interactions, limit 30, work", recentOneContext.latency, recentOneContext.meanHits),
        ]
        lines += columns(
            [["latency (ms)", "samples", "p50", "p99", "mean", "hits"]]
                + timings.map { name, latency, hits in
                    [name, "\(latency.samples)", fixed(latency.p50), fixed(latency.p99), fixed(latency.mean),
                     hits.map { String(format: "%.1f", $0) } ?? "-"]
                })
        lines += [
            "",
            "import: \(importRun.turns) turns in \(fixed(importRun.seconds)) s"
                + " = \(Int(importRun.turnsPerSecond)) turns/s (JSONL file read, decoded and stored)",
            "append to one session as it grows to \(AppendGrowth.turns) turns: p50 \(fixed(appendGrowth.firstP50)) ms"
                + " for the first \(AppendGrowth.window), \(fixed(appendGrowth.lastP50)) ms for the last \(AppendGrowth.window)",
            "store at rest: \(megabytes(size.storeBytes)) for \(megabytes(size.textBytes)) of text"
                + " = \(fixed(size.bytesPerTextByte)) bytes per text byte",
            "",
        ]
        guard !budgets.isEmpty else {
            return (lines + ["the budgets are the SQLite store's; this backend is measured, not judged"])
                .joined(separator: "\n")
        }
        lines += Report.budgetRows(budgets)
        return lines.joined(separator: "\n")
    }

    /// The result as one JSON object (snake_case keys).
    func json() throws -> String {
        try Report.json(self)
    }

    private func columns(_ rows: [[String]]) -> [String] { Report.columns(rows) }
    private func fixed(_ value: Double) -> String { Report.fixed(value) }
    private func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }
    private func megabytes<Bytes: BinaryInteger>(_ bytes: Bytes) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
