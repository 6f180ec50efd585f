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
            if probe.status == 2, probe.stderr.lowercased().contains("retrieval") {
                return Run(result: MemoryEvalResult(mode: mode, notAvailable: probe.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            guard probe.status == 0 else {
                throw BenchError(description: "memchat ask --show-context failed (status \(probe.status)): \(probe.stderr)")
            }
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
            var statementOfSession: [SessionID: String] = [:]
            var distractorSessions = Set<SessionID>()
            for (index, told) in order.enumerated() {
                let session = try memchat.tell(told.text)
                if let id = told.id { statementOfSession[session] = id } else { distractorSessions.insert(session) }
                if (index + 1) % 50 == 0 { StandardStreams.note("\(mode): told \(index + 1) of \(order.count)") }
            }
            let shown = try cases.cases.map { try memchat.context(for: $0.question) }
            let facts = try memchat.facts()
            let scorer = MemoryEvalScorer(
                statementOfSession: statementOfSession, facts: Dictionary(facts.map { ($0.id, $0) }) { first, _ in first },
                sessionOfTurn: try memchat.turnSessions())

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
            let result = MemoryEvalResult(
                mode: mode, outcomes: outcomes,
                statementsLearned: Set(sources.compactMap { statementOfSession[$0] }).count,
                distractorsLearned: Set(sources.filter(distractorSessions.contains)).count)
            return Run(result: result, importSeconds: importSeconds)
        }
    }
}
