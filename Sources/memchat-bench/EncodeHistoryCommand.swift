import ArgumentParser
import Foundation
import MemchatCore
import MemchatEngine

/// `memchat-bench encode-history`: how fast past turns are encoded for recall by meaning,
/// on the realistic generated history (`HistoryGenerator`), by the real binary.
struct EncodeHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode-history",
        abstract: "Time the encoding of imported history for recall by meaning (memchat index run).",
        discussion: """
            Writes --turns turns of generated everyday history (data/eval/history-templates.json), \
            imports them with `memchat import` (which stores and returns), then times \
            `memchat index run`, whole process, on every core. Reports user turns and word \
            pieces (the turn's own, [CLS] and [SEP] included, cut at 128 as the encoder cuts them; \
            a turn's clauses, encoded too, are not counted again) per second, judged against \
            2,000 word pieces a second.
            """)

    @Option(help: "Turns of generated history (half of them the user's).") var turns = 20_000
    @Option(help: "Seed of the generated history.") var seed: UInt64 = 2026
    @Flag(help: "Print one JSON object instead of tables.") var json = false

    struct Result: Codable {
        var turns: Int
        var userTurns: Int
        var wordPieces: Int
        var seconds: Double
        var turnsPerSecond: Double
        var wordPiecesPerSecond: Double
        var budgets: [Budget]
    }

    func run() async throws {
        let result = try await BenchDirectory.with(nil) { directory in
            let history = try HistoryGenerator(templates: try HistoryTemplates.load(), seed: seed).write(
                turns: turns, endingAt: Date(), to: (directory as NSString).appendingPathComponent("history.jsonl"), refusing: [])
            let memchat = try MemchatUser(directory: (directory as NSString).appendingPathComponent("data"), retrieval: "hybrid")
            _ = try memchat.succeed(["import", history.path])
            let encoder = try SentenceEncoder.shared()
            let questions = try Self.userTurns(in: history.path)
            let pieces = questions.reduce(0) { $0 + encoder.tokenIDs($1).count }
            let timed = try await Stopwatch.milliseconds { try memchat.succeed(["index", "run"]) }
            guard timed.result.contains("encoded \(questions.count) turns") else {
                throw BenchError(description: "memchat index run did not encode the \(questions.count) user turns: \(timed.result)")
            }
            let seconds = timed.milliseconds / 1000
            return Result(
                turns: history.turns, userTurns: questions.count, wordPieces: pieces, seconds: seconds,
                turnsPerSecond: Double(questions.count) / seconds, wordPiecesPerSecond: Double(pieces) / seconds,
                budgets: [Budget("history encoded, word pieces a second", measured: Double(pieces) / seconds, atLeast: 2000, unit: "/s")])
        }
        if json {
            print(try Report.json(result))
        } else {
            print(String(
                format: "memchat index run: %d user turns of %d (%d word pieces) encoded in %.1f s: %.0f turns/s, %.0f word pieces/s\n",
                result.userTurns, result.turns, result.wordPieces, result.seconds, result.turnsPerSecond, result.wordPiecesPerSecond))
            print(Report.budgetRows(result.budgets).joined(separator: "\n"))
        }
        if !result.budgets.allSatisfy(\.pass) { throw ExitCode.failure }
    }

    /// The user turns of a JSONL export, in order, read as `memchat import` reads them.
    static func userTurns(in path: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BenchError(description: "cannot read \(path)")
        }
        let user = try UserName("bench")
        return try text.split(separator: "\n").flatMap { line in
            try Interchange.decode(line: Data(line.utf8), defaultUser: user).turns.filter { $0.role == .user }.map(\.content)
        }
    }
}
