import ArgumentParser
import Foundation

/// `memchat-bench tui`: launch to first full frame in a pseudo-terminal for stores of
/// several sizes, and the time to render and diff a full 200x60 screen.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Measure the chat screen: exec to first full frame, and render + diff.",
        discussion: """
            For each store size (sessions of 20 turns, generated with a fixed seed and imported), \
            runs the memchat binary next to this one on a 100x30 pseudo-terminal and times exec \
            to the output of the frame's last line (the first frame is drawn once the store's \
            first page is read). Judged at the median: empty <= 40 ms, 10k sessions (200k turns) \
            <= 50 ms, 50k sessions (1M turns) <= 80 ms and <= 1.5x empty. Then renders and diffs \
            a full 200x60 screen while an answer streams, judged at p50 <= 1 ms, and times each \
            frame while a 2,000-line Markdown answer streams, judged at p50 <= 2 ms. Last, \
            times keystroke to frame (--keystrokes keys, 1.2 s apart) while --history-turns of \
            imported generated history are encoded in the background, and again once they are: \
            the p99 while encoding is judged against 2x the other.
            """)

    @Option(parsing: .upToNextOption, help: "Store sizes in sessions of 20 turns.") var sessions: [Int] = [0, 10_000, 50_000]
    @Option(help: "Launches per store size.") var runs = 15
    @Option(help: "Frames rendered for the render + diff timing.") var frames = 2_000
    @Option(help: "Keystrokes timed with and without the background encoding (0: skip).") var keystrokes = 40
    @Option(name: .customLong("history-turns"), help: "Turns of generated history imported for the keystroke timing.")
    var historyTurns = 40_000
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    func run() async throws {
        let result = try await TUIBenchmark(
            sessions: sessions, runs: runs, frames: frames, keystrokes: keystrokes, historyTurns: historyTurns).run()
        print(json ? try Report.json(result) : result.table())
        if !result.budgets.allSatisfy(\.pass) { throw ExitCode.failure }
    }
}
