import Foundation
import MemchatCore

/// Runs the dataset through real `memchat` processes for one retrieval mode, in a fresh
/// data directory (or the one given, which is kept): every statement and distractor told with `ask --new` in the seeded
/// order, then every question with `ask --new --show-context` (which stores nothing).
struct MemoryEvalBenchmark {
    let cases: MemoryEvalCases

    func run(mode: String, in kept: String? = nil) async throws -> MemoryEvalResult {
        try await BenchDirectory.with(kept) { directory in
            let memchat = try MemchatUser(directory: directory, retrieval: mode)
            // The first question, in an empty store, shows the base prompt and whether the
            // binary accepts the mode at all.
            let probe = try memchat.run(["ask", "--new", "--show-context", "hello"])
            if probe.status == 2, probe.stderr.contains("retrieval") {
                return MemoryEvalResult(mode: mode, notAvailable: probe.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            guard probe.status == 0 else {
                throw BenchError(description: "memchat ask --show-context failed (status \(probe.status)): \(probe.stderr)")
            }
            let basePrompt = try ShownContext(parsing: probe.stdout).systemPrompt

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
            return MemoryEvalResult(
                mode: mode, outcomes: outcomes,
                statementsLearned: Set(sources.compactMap { statementOfSession[$0] }).count,
                distractorsLearned: Set(sources.filter(distractorSessions.contains)).count)
        }
    }
}
