import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// The real-English half of `memchat-bench turn-index`: the memory eval's statements and
/// distractors (221 hand-written messages, each told in a session of its own) indexed,
/// and its 45 answerable questions asked. Compares what the codes keep of exact cosine,
/// with and without centring, and whether clause records help the facts mentioned in
/// passing (`in_passing` cases: a request with a fact in its second sentence).
struct TurnIndexEval {
    func run() async throws -> String {
        let cases = try MemoryEvalCases.load(MemoryEvalCases.defaultPath)
        return try await run(cases, buried: false) + "\n" + run(cases, buried: true)
    }

    /// `buried`: each statement is told inside a long message, between distractors (two
    /// before, one after), as a fact mentioned in passing in a long message would be.
    private func run(_ cases: MemoryEvalCases, buried: Bool) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("memchat-bench-eval-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteStore.open(path: directory + "/memchat.sqlite", expirationHours: StorageBenchmark.expirationHours)
        let user = try UserName("eval")
        var statementOf: [TurnID: String] = [:]
        var generator = SplitMix64(seed: cases.seed)
        for told in cases.tellingOrder() {
            let session = try await store.createSession(SessionDraft(userID: user))
            var text = told.text
            if buried, told.id != nil {
                let around = (0..<3).compactMap { _ in cases.distractors.randomElement(using: &generator) }
                text = (around.prefix(2) + [told.text] + around.suffix(1)).joined(separator: " ")
            }
            let turn = try await store.appendTurn(TurnDraft(role: .user, content: text), to: session.id)
            if let id = told.id { statementOf[turn.id] = id }
        }
        let embedder = try StaticEmbedder.shared()
        let exact = try await TurnIndexRecall.exact(store: store, user: user, embedder: embedder) { [$0] }
        let answerable = cases.cases.filter { !$0.expects.isEmpty }
        func score(_ ranked: (MemoryEvalCases.Case) throws -> [TurnID], within k: Int) rethrows -> (all: Double, inPassing: Double) {
            var all = 0.0, passing = 0.0, passingCount = 0
            for item in answerable {
                let found = Set(try ranked(item).prefix(k).compactMap { statementOf[$0] })
                let value = Double(Set(item.expects).intersection(found).count) / Double(item.expects.count)
                all += value
                if item.category == .inPassing {
                    passing += value
                    passingCount += 1
                }
            }
            return (all / Double(answerable.count), passing / Double(max(passingCount, 1)))
        }
        var lines = ["eval on real English, \(buried ? "each statement buried in a long message between distractors" : "each statement a message of its own")"
            + " (\(exact.count) messages, \(answerable.count) answerable questions; recall of the expected statements):"]
        let baseline = score({ item in
            let query = embedder.embed(item.question)
            return exact.ids.indices.sorted { dot(query, exact.vectors[$0]) > dot(query, exact.vectors[$1]) }.map { exact.ids[$0] }
        }, within: 5)
        lines.append(String(format: "  exact cosine, whole messages: @5 %.3f (in passing %.3f)", baseline.all, baseline.inPassing))
        let variants: [(String, SemanticTurnIndex.Centring, Int)] = [
            ("uncentred (shipped centring)", .none, Int.max), ("table-centred", .table, Int.max),
            ("uncentred + clause records (messages from 40 bytes)", .none, 40),
            ("uncentred + clause records (from 120 bytes)", .none, 120),
            ("uncentred + clause records (from 200 bytes, shipped)", .none, SemanticTurnIndex.defaultClauseMinimumLength),
            ("data-mean centred", .given(exact.mean), Int.max),
        ]
        for (number, (label, centring, clauses)) in variants.enumerated() {
            let index = SemanticTurnIndex(directory: directory + "/variant\(number)", centring: centring, clauseMinimumLength: clauses)
            try await index.catchUp(store: store, user: user)
            let records = try index.recordCount(user: user)
            let codes20 = try score({ item in
                try index.candidates(near: embedder.embed(item.question), user: user, limit: 20, shortlist: 20, rescore: false).map(\.turnID)
            }, within: 20)
            let rescored = try score({ item in
                try index.candidates(near: embedder.embed(item.question), user: user, limit: 5).map(\.turnID)
            }, within: 5)
            lines.append(String(format: "  %@ (%d records): codes top 20 %.3f (in passing %.3f); re-scored @5 %.3f (in passing %.3f)",
                label, records, codes20.all, codes20.inPassing, rescored.all, rescored.inPassing))
        }
        return lines.joined(separator: "\n")
    }

    private func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for d in 0..<a.count { sum += a[d] * b[d] }
        return sum
    }
}
