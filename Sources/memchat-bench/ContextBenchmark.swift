import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore

/// Context assembly timed cold and warm (see `ContextCommand`).
struct ContextBenchmark {
    let sessions: Int
    let facts: Int
    let questions: [String]
    let modes: [RetrievalMode]

    struct Result: Codable {
        var mode: String
        var turns: Int
        var facts: Int
        var questions: Int
        var cold: LatencySummary
        var warm: LatencySummary
        /// Mean facts and past exchanges injected per question.
        var meanFacts: Double
        var meanExchanges: Double
        /// Mean milliseconds of each stage of a warm hybrid retrieval, in order.
        var stages: [Stage]
        var budgets: [Budget]

        struct Stage: Codable {
            var name: String
            var milliseconds: Double
        }

        func table() -> String {
            var lines = [
                "memchat-bench context: \(turns) turns, \(self.facts) memory facts, \(questions) questions, retrieval = \"\(mode)\"",
                "",
                "run    p50 ms   p99 ms   mean ms",
            ]
            for (name, summary) in [("cold", cold), ("warm", warm)] {
                lines.append(String(format: "%@ %8.2f %8.2f %9.2f", name.padding(toLength: 5, withPad: " ", startingAt: 0), summary.p50, summary.p99, summary.mean))
            }
            lines.append(String(format: "injected per question: %.1f facts, %.1f past exchanges", meanFacts, meanExchanges))
            if !stages.isEmpty {
                lines.append("")
                lines.append("stage (warm, mean ms)")
                for stage in stages { lines.append(String(format: "  %8.2f  %@", stage.milliseconds, stage.name)) }
            }
            lines.append("")
            lines += Report.budgetRows(budgets)
            return lines.joined(separator: "\n")
        }
    }

    func run(in directory: String, fill: Bool) async throws -> [Result] {
        let user = try UserName(Workload.users[0].name)
        if fill {
            StandardStreams.note("filling the store with \(sessions * 20) turns")
            try await BenchStore.populate(directory, sessions: sessions)
            StandardStreams.note("remembering \(facts) facts")
            let memory = try MemoryStore(directory: directory)
            for text in FactGenerator.facts(count: facts) {
                _ = try await memory.add(user: user, text: text, context: nil)
            }
        }
        _ = try SentenceEncoder.shared().encode("warm up the encoder")
        let (store, _) = try open(directory)
        let encoded = SemanticTurnIndex.encoder(directory: directory)
        if try encoded.recordCount(user: user) == 0 {
            let filled = try await Self.fillWithSyntheticVectors(encoded, store: store, user: user)
            StandardStreams.note("the encoder's index holds synthetic vectors for \(filled) turns (scanning costs the same whatever they hold)")
        }
        var results: [Result] = []
        for mode in modes {
            results.append(try await measure(mode, in: directory, user: user))
        }
        return results
    }

    private func measure(_ mode: RetrievalMode, in directory: String, user: UserName) async throws -> Result {
        var assembler = ContextAssembler()
        assembler.retrieval.mode = mode
        var cold: [Double] = []
        var warm: [Double] = []
        var injected: [(facts: Int, exchanges: Int)] = []
        let (store, memory) = try open(directory)
        let turnIndex = SemanticTurnIndex(directory: directory)
        let session = try await store.createSession(SessionDraft(userID: user, title: "context benchmark"))
        // Untimed: the first question ranks every fact and saves their vectors beside the
        // memory file, as a user's first question after an upgrade does once.
        _ = try await assembler.assemble(
            question: questions.first ?? "", session: session, model: "bench", store: store, memory: memory, turnIndex: turnIndex)
        for question in questions {
            Retrieval.emptyCaches()
            let (coldStore, coldMemory) = try open(directory)
            let coldIndex = SemanticTurnIndex(directory: directory)
            let run = try await Stopwatch.milliseconds {
                try await assembler.assemble(
                    question: question, session: session, model: "bench", store: coldStore, memory: coldMemory, turnIndex: coldIndex)
            }
            cold.append(run.milliseconds)
            injected.append((run.result.request.recalled.facts.count, run.result.request.recalled.interactions.count))
        }
        for question in questions {
            _ = try await assembler.assemble(
                question: question, session: session, model: "bench", store: store, memory: memory, turnIndex: turnIndex)
        }
        let stages = StageTimes()
        assembler.retrieval.stages = { stages.add($0, $1) }
        for question in questions {
            warm.append(try await Stopwatch.milliseconds {
                try await assembler.assemble(
                    question: question, session: session, model: "bench", store: store, memory: memory, turnIndex: turnIndex)
            }.milliseconds)
        }
        let coldSummary = LatencySummary(milliseconds: cold)
        let warmSummary = LatencySummary(milliseconds: warm)
        let count = Double(max(injected.count, 1))
        return Result(
            mode: mode.rawValue, turns: try await store.stats().turns, facts: try await memory.facts(user: user).count, questions: questions.count,
            cold: coldSummary, warm: warmSummary,
            meanFacts: Double(injected.reduce(0) { $0 + $1.facts }) / count,
            meanExchanges: Double(injected.reduce(0) { $0 + $1.exchanges }) / count,
            stages: stages.means(over: questions.count),
            budgets: [
                Budget("context assembly p50, warm", measured: warmSummary.p50, atMost: 25, unit: "ms"),
                Budget("context assembly p99, warm", measured: warmSummary.p99, atMost: 80, unit: "ms"),
                Budget("context assembly p50, cold", measured: coldSummary.p50, atMost: 60, unit: "ms"),
            ])
    }

    /// Gives every user turn of the store encoder records with random unit vectors (a
    /// million turns cannot be encoded for a benchmark), through the index's own walk.
    static func fillWithSyntheticVectors(_ index: SemanticTurnIndex, store: any SessionStore, user: UserName) async throws -> Int {
        let generator = LockedGenerator(SplitMix64(seed: 384))
        let report = try await index.catchUp(
            store: store, user: user, limit: SemanticTurnIndex.Limit(turnsPerStep: 4096),
            supplied: { turn in index.indexedTexts(of: turn.content).map { _ in generator.unitVector(SentenceEncoder.dimensions) } })
        return report.turnsRead
    }

    private func open(_ directory: String) throws -> (SQLiteStore, MemoryStore) {
        let store = try SQLiteStore.open(
            path: (directory as NSString).appendingPathComponent("memchat.sqlite"), expirationHours: StorageBenchmark.expirationHours)
        return (store, try MemoryStore(directory: directory))
    }
}

/// The stage times `Retrieval.stages` reports, summed by stage in order of first report.
private final class StageTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var order: [String] = []
    private var totals: [String: Double] = [:]

    func add(_ stage: String, _ milliseconds: Double) {
        lock.withLock {
            if totals[stage] == nil { order.append(stage) }
            totals[stage, default: 0] += milliseconds
        }
    }

    func means(over runs: Int) -> [ContextBenchmark.Result.Stage] {
        lock.withLock { order.map { .init(name: $0, milliseconds: (totals[$0] ?? 0) / Double(max(runs, 1))) } }
    }
}

/// Memory facts of many kinds, deterministic: people with names, places, things owned,
/// tools, dates, preferences, so ranking works on a realistic mix rather than one template.
enum FactGenerator {
    static func facts(count: Int) -> [String] {
        let relations = ["sister", "brother", "colleague", "friend", "neighbour", "cousin", "manager", "dentist", "aunt", "teammate"]
        let names = ["Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kofi", "Lea", "Mateo", "Nia"]
        let things = ["a red bicycle", "a sourdough starter", "an old Volvo", "two cats", "a 3D printer", "a kayak", "a vinyl collection"]
        let places = ["Lisbon", "Osaka", "Quito", "Tallinn", "Accra", "Perth", "Bergen", "Cusco", "Porto", "Hanoi"]
        let tools = ["Vim", "Emacs", "VS Code", "Figma", "Excel", "Blender", "Postgres", "Kubernetes", "Obsidian", "Logic Pro"]
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let projects = ["Atlas", "Orion", "Delta", "Sigma", "Nova", "Helix", "Juniper", "Quartz"]
        var rng = SplitMix64(seed: 7)
        func pick(_ list: [String]) -> String { list[Int(rng.next() % UInt64(list.count))] }
        var facts: [String] = []
        var seen = Set<String>()
        while facts.count < count {
            let n = facts.count
            let text: String
            switch rng.next() % 8 {
            case 0: text = "My \(pick(relations)) \(pick(names)) lives in \(pick(places)) (\(n))."
            case 1: text = "I own \(pick(things)), bought in \(2000 + n % 25)."
            case 2: text = "I use \(pick(tools)) for project \(pick(projects)) \(n)."
            case 3: text = "The \(pick(projects)) review number \(n) is on \(pick(days))."
            case 4: text = "I visited \(pick(places)) in \(2000 + n % 25) with \(pick(names))."
            case 5: text = "My \(pick(relations))'s birthday is on day \(1 + n % 28) of month \(1 + n % 12)."
            case 6: text = "I prefer \(pick(tools)) over \(pick(tools)) for task \(n)."
            default: text = "\(pick(names)) from the \(pick(projects)) team owes me \(n) euros."
            }
            if seen.insert(text).inserted { facts.append(text) }
        }
        return facts
    }
}

/// Random unit vectors from one seeded generator, for steps that run on several threads.
private final class LockedGenerator: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SplitMix64

    init(_ generator: SplitMix64) { self.generator = generator }

    func unitVector(_ dimensions: Int) -> [Float] {
        lock.withLock {
            let values = (0..<dimensions).map { _ in Float(generator.next() % 2001) / 1000 - 1 }
            let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return values.map { $0 / max(norm, 1e-6) }
        }
    }
}
