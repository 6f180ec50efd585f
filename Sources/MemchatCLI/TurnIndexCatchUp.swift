import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// Brings the semantic turn index up to date: the sentence encoder's (the static table's
/// only when the encoder's weights cannot be loaded). `memchat ask` takes a short bounded
/// step after its answer; `memchat index run` and `--wait` do everything at once. The indexes are derived data, so a failure
/// here never fails a command (the next run or the chat screen catches up).
enum TurnIndexCatchUp {
    /// `memchat ask`'s share of the static table's backlog, without the encoder: at most
    /// this long after the answer.
    static let askSeconds = 0.010
    /// `memchat ask`'s share of the encoder's backlog: a few milliseconds a turn, so two.
    /// The chat screen, `memchat mcp` and `memchat index run` encode the rest.
    static let askEncodedTurns = 2

    /// One bounded step of each index after an answer.
    static func afterAnswer(_ index: SemanticTurnIndex, store: any SessionStore, user: UserName, retrieval: Retrieval) async {
        do {
            if let encoded = index.encoded, retrieval.rankingEncoder() != nil {
                try await encoded.catchUp(store: store, user: user, limit: SemanticTurnIndex.Limit(turnsPerStep: askEncodedTurns, steps: 1))
            } else {
                try await index.catchUp(store: store, user: user, limit: .seconds(askSeconds))
            }
        } catch {
            Console.notice("semantic index of past turns not updated: \(error)")
        }
        for report in index.recoveryReports() + (index.encoded?.recoveryReports() ?? []) { Console.notice("turn index: \(report)") }
    }

    /// What `everything` did for one user.
    struct Outcome: Encodable {
        var user: String
        var turnsEncoded: Int
        var seconds: Double
        var complete: Bool
    }

    /// Every turn of every user in `users` into the index (`catchUpEverything`), with a
    /// progress bar on stderr when it is a terminal.
    static func everything(_ index: SemanticTurnIndex, store: any SessionStore, users: [UserName]) async throws -> [Outcome] {
        if case .failure(let error) = Result(catching: { try SentenceEncoder.shared() }) {
            Console.notice("the sentence encoder cannot be loaded (\(error)), so past turns are indexed with the static "
                + "table instead, which finds fewer of them by meaning; reinstall memchat's data files (README, Install)")
        }
        var outcomes: [Outcome] = []
        for user in users {
            let started = Date()
            let bar = IndexProgressBar(user: user)
            let report = try await index.catchUpEverything(store: store, user: user, progress: { bar.show($0, of: $1) })
            bar.finish()
            guard let report else { continue }
            outcomes.append(Outcome(
                user: user.rawValue, turnsEncoded: report.turnsRead, seconds: Date().timeIntervalSince(started), complete: report.isComplete))
        }
        for report in index.recoveryReports() + (index.encoded?.recoveryReports() ?? []) { Console.notice("turn index: \(report)") }
        return outcomes
    }

    /// Every user with sessions in `store` (after an import or a migration, which may
    /// bring several).
    static func users(of store: any SessionStore) async -> [UserName] {
        (try? await store.stats().users.map(\.user)) ?? []
    }

    /// What an import or a migration says about the turns it left to encode.
    static func announceBacklog(_ index: SemanticTurnIndex, store: any SessionStore, users: [UserName]) async {
        guard let encoded = index.encoded else { return }
        var left = 0
        for user in users { left += (try? await encoded.backlog(store: store, user: user)) ?? 0 }
        guard left > 0 else { return }
        Console.notice("\(left) turns to encode for recall by meaning: the chat screen and `memchat mcp` do it in the "
            + "background, `memchat index run` at once")
    }
}

/// `encoding ana  [██████░░░░░░]  4512 of 10000 turns  312 turns/s  18 s left`, redrawn
/// in place on stderr at most ten times a second; nothing when stderr is not a terminal.
final class IndexProgressBar: @unchecked Sendable {
    private let user: UserName
    private let started = Date()
    private let onTerminal = isatty(2) == 1
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    init(user: UserName) { self.user = user }

    func show(_ done: Int, of total: Int) {
        guard onTerminal, total > 0 else { return }
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDrawn) >= 0.1 || done >= total else { return }
            lastDrawn = now
            drawn = true
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + Self.line(user: user, done: done, total: total, seconds: now.timeIntervalSince(started))).utf8))
        }
    }

    func finish() {
        lock.withLock { if drawn { FileHandle.standardError.write(Data("\n".utf8)) } }
    }

    /// The bar's text, for a terminal of any width past 80 columns.
    static func line(user: UserName, done: Int, total: Int, seconds: Double) -> String {
        let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 1
        let filled = Int((fraction * 20).rounded(.down))
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let left = rate > 0 ? Double(max(total - done, 0)) / rate : nil
        return "encoding \(user)  [" + String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled) + "]  "
            + "\(done) of \(total) turns  \(Int(rate.rounded())) turns/s"
            + (left.map { "  \(TextFormatting.duration($0)) left" } ?? "")
    }
}
