import Foundation

/// Keystroke to frame in the real chat screen on a pseudo-terminal, while past turns are
/// encoded in the background (an import of generated history not encoded yet) and, for
/// comparison, with nothing left to encode. Keys are sent 1.2 s apart, past the second
/// after a key in which the chat screen holds the encoding, so that every key lands while
/// a step of it runs: the worst case, the first key of a burst.
struct KeystrokeBenchmark {
    let keys: Int
    let historyTurns: Int

    struct Result: Codable {
        var keys: Int
        var backlogTurns: Int
        var idle: LatencySummary
        var whileEncoding: LatencySummary
    }

    static let spacing = 1.2

    func run() async throws -> Result {
        try await BenchDirectory.with(nil) { directory in
            let history = try HistoryGenerator(templates: try HistoryTemplates.load(), seed: 77).write(
                turns: historyTurns, endingAt: Date(), to: (directory as NSString).appendingPathComponent("history.jsonl"), refusing: [])
            let data = (directory as NSString).appendingPathComponent("data")
            let memchat = try MemchatUser(directory: data, retrieval: "hybrid")
            _ = try memchat.succeed(["import", history.path])
            let launch = PseudoTerminalLaunch(
                executable: try MemchatBinary.path(), environment: BenchStore.offlineEnvironment(data, refusedPort: 9), columns: 100, rows: 30)
            let encoding = try typed(on: launch, waitingFor: "encoding history")
            let status = try memchat.succeed(["index", "status", "--json"])
            guard !status.contains(#""left" : 0"#) else {
                throw BenchError(description: "the encoding finished before the last key; give more --history-turns")
            }
            _ = try memchat.succeed(["index", "run"])
            let idle = try typed(on: launch, waitingFor: "help")
            return Result(keys: keys, backlogTurns: history.turns / 2, idle: idle, whileEncoding: encoding)
        }
    }

    /// Starts the chat screen, waits for `marker`, then times `keys` keystrokes.
    private func typed(on launch: PseudoTerminalLaunch, waitingFor marker: String) throws -> LatencySummary {
        try launch.running { screen in
            _ = try screen.waitForOutput(containing: marker, timeout: 20)
            var samples: [Double] = []
            for _ in 0..<keys {
                Thread.sleep(forTimeInterval: Self.spacing)
                samples.append(try screen.keystroke("x"))
            }
            return LatencySummary(milliseconds: samples)
        }
    }
}
