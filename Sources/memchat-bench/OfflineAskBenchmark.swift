import Foundation
import MemchatCore
import MemchatStore

/// Runs the measurements of `OfflineAskCommand`.
struct OfflineAskBenchmark {
    let directory: String
    let sessions: Int
    let runs: Int
    let baseline: String?

    static let question = "am I allergic to anything?"

    struct Result: Codable {
        var turns: Int
        var current: LatencySummary
        var baseline: LatencySummary?
        var budgets: [Budget]

        func table() -> String {
            var rows = [["memchat ask, nothing configured (ms)", "runs", "p50", "p99", "mean"]]
            rows.append(Report.latencyRow("this build, \(turns) turns", current))
            if let baseline { rows.append(Report.latencyRow("baseline, \(turns) turns", baseline)) }
            return (["memchat-bench offline-ask", ""] + Report.columns(rows) + [""] + Report.budgetRows(budgets)).joined(separator: "\n")
        }
    }

    func run() async throws -> Result {
        try await BenchStore.populate(directory, sessions: sessions)
        let memory = try MemoryStore(directory: directory)
        _ = try await memory.add(user: try UserName(Workload.users[0].name), text: "I'm allergic to bee stings", context: nil)
        let environment = BenchStore.offlineEnvironment(directory, refusedPort: 9)
        let current = try MemchatBinary.path()
        // One run of each first, so both start with a warm page cache.
        _ = try Self.time(current, environment)
        if let baseline { _ = try Self.time(baseline, environment) }
        var samples: [Double] = []
        var baselineSamples: [Double] = []
        for _ in 0..<runs {
            samples.append(try Self.time(current, environment))
            if let baseline { baselineSamples.append(try Self.time(baseline, environment)) }
        }
        let summary = LatencySummary(milliseconds: samples)
        let baselineSummary = baseline == nil ? nil : LatencySummary(milliseconds: baselineSamples)
        var budgets = [Budget("memchat ask, nothing configured, whole process, p50", measured: summary.p50, atMost: 150, unit: "ms")]
        if let baselineSummary {
            budgets.append(Budget("this build / baseline, p50", measured: summary.p50 / baselineSummary.p50, atMost: 1, unit: "x"))
        }
        return Result(turns: sessions * 20, current: summary, baseline: baselineSummary, budgets: budgets)
    }

    /// Exec to exit of one `memchat ask --new`, in milliseconds.
    private static func time(_ executable: String, _ environment: [String: String]) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let (process, output) = try MemchatBinary.start(executable, ["ask", "--new", question], environment: environment)
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = Stopwatch.milliseconds(start.duration(to: clock.now))
        guard process.terminationStatus == 0, String(decoding: answer, as: UTF8.self).contains("recalled") else {
            throw BenchError(description: "\(executable) ask failed (status \(process.terminationStatus)) or gave no recall answer")
        }
        return elapsed
    }
}
