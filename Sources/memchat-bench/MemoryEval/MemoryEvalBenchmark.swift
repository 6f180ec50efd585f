import Foundation
import MemchatCore

/// Runs the dataset through real `memchat` processes for one retrieval mode, in a fresh
/// data directory (or the one given, which is kept): the background history imported with
/// `memchat import` when there is one, then every statement and distractor told with
/// `ask --new` in the seeded order, then every question with `ask --new --show-context`
/// (which stores nothing).
struct MemoryEvalBenchmark {
    let cases: MemoryEvalCases
    /// The JSONL written by `HistoryGenerator`, imported before anything is told.
    var history: HistoryGenerator.Summary?

    struct Run {
        var result: MemoryEvalResult
        /// Wall time of `memchat import` of the history (encoding included, for the encoder's
        /// modes), when there was one.
        var importSeconds: Double?
    }

    func run(mode: String, in kept: String? = nil) async throws -> Run {
        try await BenchDirectory.with(kept) { directory in
            let memchat = try MemchatUser(directory: directory, retrieval: mode)
            // The first question, in an empty store, shows the base prompt and whether the
            // binary accepts the mode at all.
            let probe = try memchat.run(["ask", "--new", "--show-context", "hello"])
            if let refused = try Self.refusal(probe, mode: mode) { return Run(result: refused) }
            let basePrompt = try ShownContext(parsing: probe.stdout).systemPrompt

            // After the probe, so the base prompt is the one of an empty store.
            var importSeconds: Double?
            if let history {
                let started = Date()
                // The encoder's modes encode the history before anything is told, as a chat
                // screen opened after the import would have in the background.
                let encodes = mode == "encoder" || mode == "hybrid"
                let output = try memchat.run(["import"] + (encodes ? ["--wait"] : []) + [history.path])
                guard output.status == 0 else {
                    throw BenchError(description: "memchat import \(history.path) failed (status \(output.status)): \(output.stderr)")
                }
                importSeconds = Date().timeIntervalSince(started)
                let indexing = output.stderr.split(separator: "\n").filter { $0.contains("encoded") }
                    .map { $0.hasPrefix("memchat: ") ? $0.dropFirst("memchat: ".count) : $0 }.joined(separator: "; ")
                StandardStreams.note(
                    "\(mode): imported \(history.turns) turns of history (\(history.sessions) sessions) in "
                        + String(format: "%.1f s", importSeconds ?? 0) + (indexing.isEmpty ? "" : " (\(indexing))"))
            }

            let order = cases.tellingOrder()
            var told = Told()
            for (index, item) in order.enumerated() {
                let session = try memchat.tell(item.text)
                if let id = item.id { told.statementOfSession[session] = id } else { told.distractorSessions.insert(session) }
                if (index + 1) % 50 == 0 { StandardStreams.note("\(mode): told \(index + 1) of \(order.count)") }
            }
            let result = try ask(memchat, mode: mode, told: told, sessionOfTurn: try memchat.sessionsAndOpenings().turns, basePrompt: basePrompt)
            return Run(result: result, importSeconds: importSeconds)
        }
    }

    /// Asks the questions again in a store an earlier run kept (`--keep`), told nothing
    /// more: a change to ranking is measured in seconds rather than minutes of importing,
    /// encoding and telling. Which session told which statement is read back from the store.
    func rerun(mode: String, in kept: String) async throws -> Run {
        guard FileManager.default.fileExists(atPath: (kept as NSString).appendingPathComponent("memchat.sqlite")) else {
            throw BenchError(description: "\(kept) holds no store kept by `memchat-bench memory --keep`; run that first")
        }
        let memchat = try MemchatUser(directory: kept, retrieval: mode)
        // The base prompt is the one of an empty store.
        let probe = try await BenchDirectory.with(nil) { empty in
            try MemchatUser(directory: empty, retrieval: mode).run(["ask", "--new", "--show-context", "hello"])
        }
        if let refused = try Self.refusal(probe, mode: mode) { return Run(result: refused) }
        let basePrompt = try ShownContext(parsing: probe.stdout).systemPrompt
        let sessions = try memchat.sessionsAndOpenings()
        var told = Told()
        let statements = Dictionary(cases.statements.map { ($0.text, $0.id) }) { first, _ in first }
        let distractors = Set(cases.distractors)
        for (session, opening) in sessions.openings {
            if let id = statements[opening] { told.statementOfSession[session] = id }
            if distractors.contains(opening) { told.distractorSessions.insert(session) }
        }
        guard told.statementOfSession.count == cases.statements.count else {
            throw BenchError(
                description: "\(kept) told \(told.statementOfSession.count) of the \(cases.statements.count) statements of this case file; "
                    + "keep a store with the same --cases")
        }
        return Run(result: try ask(memchat, mode: mode, told: told, sessionOfTurn: sessions.turns, basePrompt: basePrompt))
    }

    /// Which session told which statement, and which told a distractor.
    struct Told {
        var statementOfSession: [SessionID: String] = [:]
        var distractorSessions = Set<SessionID>()
    }

    /// The result when the binary refuses the mode (status 2 naming retrieval), else nil.
    private static func refusal(_ probe: MemchatUser.Output, mode: String) throws -> MemoryEvalResult? {
        if probe.status == 2, probe.stderr.lowercased().contains("retrieval") {
            return MemoryEvalResult(mode: mode, notAvailable: probe.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard probe.status == 0 else {
            throw BenchError(description: "memchat ask --show-context failed (status \(probe.status)): \(probe.stderr)")
        }
        return nil
    }

    /// Asks every question with `--show-context` and scores what was injected.
    private func ask(
        _ memchat: MemchatUser, mode: String, told: Told, sessionOfTurn: [TurnID: SessionID], basePrompt: String
    ) throws -> MemoryEvalResult {
        let shown = try cases.cases.map { try memchat.context(for: $0.question) }
        let facts = try memchat.facts()
        let scorer = MemoryEvalScorer(
            statementOfSession: told.statementOfSession, facts: Dictionary(facts.map { ($0.id, $0) }) { first, _ in first },
            sessionOfTurn: sessionOfTurn)

        let items = shown.map { scorer.items($0.used) }
        let standing = MemoryEvalScorer.standing(items)
        let outcomes = zip(cases.cases, zip(items, shown)).map { item, injected in
            MemoryEvalScorer.outcome(
                item, items: injected.0, standing: standing,
                injectedCharacters: injected.1.systemPrompt.count - basePrompt.count)
        }
        let sources = facts.compactMap { fact -> SessionID? in
            if case .extracted(let session, _) = fact.source { return session }
            return nil
        }
        return MemoryEvalResult(
            mode: mode, outcomes: outcomes,
            statementsLearned: Set(sources.compactMap { told.statementOfSession[$0] }).count,
            distractorsLearned: Set(sources.filter(told.distractorSessions.contains)).count)
    }
}
