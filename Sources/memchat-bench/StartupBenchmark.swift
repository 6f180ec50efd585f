import Foundation
import MemchatTestSupport

/// Runs the measurements of `StartupCommand`.
struct StartupBenchmark {
    let directory: String
    let sessions: Int
    let runs: Int
    let baseline: String?

    /// The commands timed, by the name the budget gives them.
    static let commands: [(name: String, arguments: [String])] = [
        ("memchat --help", ["--help"]), ("memchat sessions list", ["sessions", "list"]),
    ]

    struct Timing: Codable {
        var command: String
        var current: LatencySummary
        var baseline: LatencySummary?
    }

    struct Result: Codable {
        var turns: Int
        var timings: [Timing]
        var budgets: [Budget]

        func table() -> String {
            var rows = [["whole process (ms)", "runs", "p50", "p99", "mean", "this / baseline, p50"]]
            for timing in timings {
                let ratio = timing.baseline.map { String(format: "%.2f", timing.current.p50 / $0.p50) } ?? ""
                rows.append(Report.latencyRow("\(timing.command), this build", timing.current) + [ratio])
                if let baseline = timing.baseline { rows.append(Report.latencyRow("\(timing.command), baseline", baseline) + [""]) }
            }
            return (["memchat-bench startup (\(turns) turns in store)", ""] + Report.columns(rows) + [""]
                + Report.budgetRows(budgets)).joined(separator: "\n")
        }
    }

    func run() async throws -> Result {
        try await BenchStore.populate(directory, sessions: sessions)
        let environment = BenchStore.offlineEnvironment(directory, refusedPort: 9)
        let binaries = [try MemchatBinary.path()] + (baseline.map { [$0] } ?? [])
        // One run of each first, so every binary starts with a warm page cache.
        for binary in binaries {
            for command in Self.commands { _ = try time(binary, command.arguments, environment) }
        }
        // samples[command][binary], taken alternately so that drift hits every column alike.
        var samples = Self.commands.map { _ in binaries.map { _ in [Double]() } }
        for _ in 0..<runs {
            for (commandIndex, command) in Self.commands.enumerated() {
                for (binaryIndex, binary) in binaries.enumerated() {
                    samples[commandIndex][binaryIndex].append(try time(binary, command.arguments, environment))
                }
            }
        }
        let timings = zip(Self.commands, samples).map { command, perBinary in
            Timing(
                command: command.name, current: LatencySummary(milliseconds: perBinary[0]),
                baseline: perBinary.count > 1 ? LatencySummary(milliseconds: perBinary[1]) : nil)
        }
        let budgets = timings.map { Budget("\($0.command), whole process, p50", measured: $0.current.p50, atMost: 20, unit: "ms") }
        return Result(turns: sessions * 20, timings: timings, budgets: budgets)
    }

    /// Exec to exit of one memchat command, in milliseconds. Started with posix_spawn and
    /// its output written to a file: Foundation's `Process` and a pipe add about as much
    /// again as `--help` itself takes.
    private func time(_ executable: String, _ arguments: [String], _ environment: [String: String]) throws -> Double {
        let output = (directory as NSString).appendingPathComponent("startup.out")
        let clock = ContinuousClock()
        let start = clock.now
        let child = try ChildProcess(executable, arguments: arguments, environment: environment, standard: [
            ("/dev/null", O_RDONLY), (output, O_WRONLY | O_CREAT | O_TRUNC), ("/dev/null", O_WRONLY),
        ])
        let status = child.wait()
        let elapsed = Stopwatch.milliseconds(start.duration(to: clock.now))
        let printed = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        guard status == 0, printed > 0 else {
            throw BenchError(description: "\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status)) or printed nothing")
        }
        return elapsed
    }
}
