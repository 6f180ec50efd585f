import Foundation
import MemchatCore
import MemchatStore
import MemchatTerminal
import MemchatTUI

/// Runs the measurements of `TUICommand`.
struct TUIBenchmark {
    let sessions: [Int]
    let runs: Int
    let frames: Int
    /// Keystrokes timed with and without the background encoding (0: not measured).
    var keystrokes = 40
    var historyTurns = 40_000

    struct Launch: Codable {
        var sessions: Int
        var turns: Int
        var firstFrame: LatencySummary
        /// Largest resident memory seen at the first frame.
        var residentMegabytes: Double
    }

    struct Result: Codable {
        var launches: [Launch]
        var renderAndDiff: LatencySummary
        /// Frames while a 2,000-line Markdown answer streams.
        var markdownStreaming: LatencySummary
        var keystrokes: KeystrokeBenchmark.Result?
        var budgets: [Budget]

        func table() -> String {
            var rows = [["exec to first full frame (ms)", "runs", "p50", "p99", "mean", "RSS (MB)"]]
            rows += launches.map { launch in
                ["\(launch.turns) turns", String(launch.firstFrame.samples), Report.fixed(launch.firstFrame.p50),
                 Report.fixed(launch.firstFrame.p99), Report.fixed(launch.firstFrame.mean), Report.fixed(launch.residentMegabytes)]
            }
            rows.append(["render + diff 200x60 (ms)", String(renderAndDiff.samples), Report.fixed(renderAndDiff.p50),
                         Report.fixed(renderAndDiff.p99), Report.fixed(renderAndDiff.mean), ""])
            rows.append(["frame, 2,000-line Markdown streaming (ms)", String(markdownStreaming.samples), Report.fixed(markdownStreaming.p50),
                         Report.fixed(markdownStreaming.p99), Report.fixed(markdownStreaming.mean), ""])
            if let keystrokes {
                for (name, latency) in [("keystroke to frame (ms)", keystrokes.idle),
                                        ("same, while \(keystrokes.backlogTurns) past turns are encoded", keystrokes.whileEncoding)] {
                    rows.append([name, String(latency.samples), Report.fixed(latency.p50), Report.fixed(latency.p99), Report.fixed(latency.mean), ""])
                }
            }
            return (["memchat-bench tui", ""] + Report.columns(rows) + [""] + Report.budgetRows(budgets)).joined(separator: "\n")
        }
    }

    func run() async throws -> Result {
        var launches: [Launch] = []
        for count in sessions {
            let measured = try await BenchDirectory.with(nil) { directory in
                try await BenchStore.populate(directory, sessions: count)
                return try firstFrames(directory)
            }
            let summary = LatencySummary(milliseconds: measured.map(\.milliseconds))
            let resident = Double(measured.map(\.residentBytes).max() ?? 0) / 1_000_000
            launches.append(Launch(sessions: count, turns: count * 20, firstFrame: summary, residentMegabytes: resident))
            FileHandle.standardError.write(Data("memchat-bench tui: \(count * 20) turns: p50 \(Report.fixed(summary.p50)) ms\n".utf8))
        }
        let render = renderAndDiff()
        let markdown = markdownStreaming()
        var budgets: [Budget] = []
        let empty = launches.first { $0.turns == 0 }
        for launch in launches {
            switch launch.turns {
            case 0: budgets.append(Budget("first frame, empty store, p50", measured: launch.firstFrame.p50, atMost: 40, unit: "ms"))
            case 200_000: budgets.append(Budget("first frame, 200k turns, p50", measured: launch.firstFrame.p50, atMost: 50, unit: "ms"))
            case 1_000_000:
                budgets.append(Budget("first frame, 1M turns, p50", measured: launch.firstFrame.p50, atMost: 80, unit: "ms"))
                budgets.append(Budget("resident memory at first frame, 1M turns", measured: launch.residentMegabytes, atMost: 60, unit: "MB"))
                if let empty {
                    budgets.append(Budget(
                        "first frame, 1M turns / empty store", measured: launch.firstFrame.p50 / empty.firstFrame.p50, atMost: 1.5, unit: "x"))
                }
            default: break
            }
        }
        budgets.append(Budget("render + diff 200x60 p50", measured: render.p50, atMost: 1, unit: "ms"))
        budgets.append(Budget("frame while a 2,000-line Markdown answer streams, p50", measured: markdown.p50, atMost: 2, unit: "ms"))
        var keys: KeystrokeBenchmark.Result?
        if keystrokes > 0 {
            let measured = try await KeystrokeBenchmark(keys: keystrokes, historyTurns: historyTurns).run()
            budgets.append(Budget(
                "keystroke to frame p99, while encoding / idle", measured: measured.whileEncoding.p99 / max(measured.idle.p99, 0.001),
                atMost: 2, unit: "x"))
            keys = measured
        }
        return Result(launches: launches, renderAndDiff: render, markdownStreaming: markdown, keystrokes: keys, budgets: budgets)
    }

    private func firstFrames(_ directory: String) throws -> [PseudoTerminalLaunch.Measurement] {
        let launch = PseudoTerminalLaunch(
            executable: try MemchatBinary.path(),
            environment: BenchStore.offlineEnvironment(directory, refusedPort: 9),
            columns: 100, rows: 30)
        _ = try launch.timeToOutput(containing: "help")  // warm the page cache
        return try (0..<runs).map { _ in try launch.timeToOutput(containing: "help") }
    }

    /// A full screen with history and a streaming answer, rendered and diffed against the
    /// previous frame once per streamed token.
    private func renderAndDiff() -> LatencySummary {
        streamed((0..<frames).map { $0 % 12 == 0 ? "\n" : " token\($0)" })
    }

    /// The same screen while a Markdown answer of 2,000 lines (headings, paragraphs, lists,
    /// code, tables, quotes) streams in pieces of 8 characters, every frame timed.
    private func markdownStreaming() -> LatencySummary {
        var lines: [String] = []
        var section = 0
        while lines.count < 2_000 {
            section += 1
            lines += [
                "## Step \(section)", "",
                "Check the **replica** with `pg_stat_replication` before step \(section),",
                "then compare *replay_lsn* with the primary's position; see [the docs](https://example.org/\(section)).", "",
                "- first item \(section)", "- second item", "  - nested item", "3. numbered", "",
                "```swift", "let lag = primary.position - replica.replayed  // bytes \(section)",
                "if lag > threshold { alert(\"replica \\(name) is behind by \\(lag) bytes, which is more than we allow for failover\") }", "```", "",
                "| replica | lag | state |", "|---|---:|---|", "| r\(section) | \(section * 7) | streaming |", "| r\(section + 1) | 0 | catchup |", "",
                "> Rebuild a replica that stays behind.", "",
            ]
        }
        let answer = lines.prefix(2_000).joined(separator: "\n")
        var pieces: [String] = []
        var index = answer.startIndex
        while index < answer.endIndex {
            let end = answer.index(index, offsetBy: 8, limitedBy: answer.endIndex) ?? answer.endIndex
            pieces.append(String(answer[index..<end]))
            index = end
        }
        return streamed(pieces)
    }

    /// Streams `pieces` as one answer below a loaded history, timing render and diff of
    /// each frame that changed the screen.
    private func streamed(_ pieces: [String]) -> LatencySummary {
        var text = TextGenerator(seed: 9)
        let now = Date()
        var state = State(size: Size(columns: 200, rows: 60), now: now, user: "alex", storage: "sqlite", provider: "openai", model: "gpt-4o-mini")
        let user = (try? UserName("alex"))
        let session = (try? SessionID("bench"))
        if let user, let session {
            var turns: [Turn] = []
            for index in 0..<100 {
                let role: Role = index % 2 == 0 ? .user : .assistant
                guard let id = try? TurnID("t\(index)") else { continue }
                turns.append(Turn(id: id, sessionID: session, seq: index, role: role,
                                  content: text.message(bytes: role == .user ? 120 : 900, role: role), createdAt: now))
            }
            let recent = stride(from: 0, to: turns.count, by: 2).map {
                Interaction(question: turns[$0], answer: nil, sessionTitle: "bench", context: .work)
            }
            let record = Session(id: session, userID: user, title: "bench", context: .work, mode: .assistant, createdAt: now)
            state = reduce(state, .loaded(session: record, turns: turns, recent: recent, facts: 12)).0
        }
        state = reduce(state, .terminal(.paste("a question being asked"))).0
        state = reduce(state, .terminal(.key(KeyPress(.enter)))).0
        var previous = render(state)
        var samples: [Double] = []
        let clock = ContinuousClock()
        for piece in pieces {
            state = reduce(state, .engine(.text(piece))).0
            let start = clock.now
            let grid = render(state)
            let changes = grid.changes(since: previous)
            samples.append(Stopwatch.milliseconds(start.duration(to: clock.now)))
            previous = grid
            if changes.isEmpty { samples.removeLast() }
        }
        return LatencySummary(milliseconds: samples)
    }
}
