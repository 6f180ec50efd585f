import Foundation
import MemchatCore
import MemchatEngine
import MemchatStore
import MemchatTestSupport

/// Runs the first-byte measurements; see `FirstByteCommand`.
struct FirstByteBenchmark {
    let directory: String
    let sessions: Int
    let runs: Int
    let processRuns: Int
    static let warmups = 5
    static let question = "how should I schedule the quarterly planning review with the design team?"

    struct Result: Codable {
        var turnsInStore: Int
        var facts: Int
        var raw: LatencySummary
        var engine: LatencySummary
        /// The parts of the engine's time: the provider alone (request, stream, parse) and
        /// the context assembly alone (memory, past exchanges, session turns).
        var providerOnly: LatencySummary
        var assemblyOnly: LatencySummary
        var process: LatencySummary?
        var budgets: [Budget]

        func table() -> String {
            var rows = [["time to first byte (ms)", "samples", "p50", "p99", "mean"]]
            let timings = [
                ("raw socket client (server latency)", raw), ("ChatEngine.ask to first text", engine),
                ("  of which: provider alone to first text", providerOnly), ("  of which: context assembly alone", assemblyOnly),
            ]
                + (process.map { [("`memchat ask --continue` to first stdout byte", $0)] } ?? [])
            rows += timings.map(Report.latencyRow)
            return (["memchat-bench first-byte: store of \(turnsInStore) turns, \(facts) memory facts", ""]
                + Report.columns(rows) + [""] + Report.budgetRows(budgets)).joined(separator: "\n")
        }
    }

    func run() async throws -> Result {
        let user = Workload.users[0].name
        let storePath = (directory as NSString).appendingPathComponent("memchat.sqlite")
        let store = try SQLiteStore.open(path: storePath, expirationHours: StorageBenchmark.expirationHours)
        var workload = try Workload(shape: WorkloadShape(sessions: sessions, turnsPerSession: 10, seed: 7))
        while case let records = try workload.nextRecords(count: 1_000), !records.isEmpty {
            _ = try await store.importRecords(records)
        }
        let memory = try MemoryStore(directory: directory)
        let userName = try UserName(user)
        for fact in Self.facts { _ = try await memory.add(user: userName, text: fact, context: nil) }

        // One reply per request: warm-ups and runs of both kinds, then the processes.
        let reply = ScriptedHTTPServer.stream([
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Tuesday\"},\"finish_reason\":null}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
        ], pause: 0)
        let total = 3 * (runs + Self.warmups) + processRuns + 1
        let server = try ScriptedHTTPServer(replies: Array(repeating: reply, count: total))
        defer { server.stop() }

        var providers = ProviderSettings.defaults
        providers[.openai] = ProviderSettings(kind: .openai, baseURL: server.baseURL + "/v1", apiKey: "bench")
        let configuration = Configuration(dataDirectory: directory, user: userName, provider: .openai, providers: providers)
        let transport = AsyncHTTPClientTransport()
        let selection = await ProviderSelection.choose(configuration, transport: transport)
        let engine = ChatEngine(store: store, memory: memory, provider: selection.makeProvider(transport: transport))
        let session = try await store.createSession(SessionDraft(userID: userName, context: .work))
        let raw = RawFirstByteProbe(port: server.port, body: Self.rawBody)

        var rawSamples: [Double] = []
        var engineSamples: [Double] = []
        var providerSamples: [Double] = []
        var assemblySamples: [Double] = []
        let request = try await engine.preview(Self.question, in: session).request
        for index in 0..<(runs + Self.warmups) {
            let rawTime = try raw.measure()
            let engineTime = try await firstText(engine, session: session)
            let providerTime = try await firstText(engine.provider, request)
            let assemblyTime = try await Stopwatch.milliseconds { try await engine.preview(Self.question, in: session) }.milliseconds
            if index >= Self.warmups {
                rawSamples.append(rawTime)
                engineSamples.append(engineTime)
                providerSamples.append(providerTime)
                assemblySamples.append(assemblyTime)
            }
        }
        let rawSummary = LatencySummary(milliseconds: rawSamples)
        let engineSummary = LatencySummary(milliseconds: engineSamples)
        var budgets = [Budget(
            "ChatEngine first byte p50 - raw p50", measured: engineSummary.p50 - rawSummary.p50, atMost: 5, unit: "ms")]

        var processSummary: LatencySummary?
        if processRuns > 0 {
            let runner = try ProcessFirstByte(directory: directory, user: user, baseURL: server.baseURL + "/v1")
            _ = try await runner.measure(Self.question)  // warm the page cache
            var samples: [Double] = []
            for _ in 0..<processRuns { samples.append(try await runner.measure(Self.question)) }
            let summary = LatencySummary(milliseconds: samples)
            processSummary = summary
            budgets.append(Budget(
                "`memchat ask --continue` first byte p50 - raw p50", measured: summary.p50 - rawSummary.p50, atMost: 50, unit: "ms"))
        }
        return Result(
            turnsInStore: sessions * 10, facts: Self.facts.count, raw: rawSummary, engine: engineSummary,
            providerOnly: LatencySummary(milliseconds: providerSamples), assemblyOnly: LatencySummary(milliseconds: assemblySamples),
            process: processSummary, budgets: budgets)
    }

    /// From asking to the first answer text; the rest of the answer is read and stored
    /// before the next run.
    private func firstText(_ engine: ChatEngine, session: Session) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var first: Duration?
        for try await event in engine.ask(Self.question, in: session) {
            if case .text = event, first == nil { first = start.duration(to: clock.now) }
        }
        guard let first else { throw BenchError(description: "the engine streamed no text") }
        return Stopwatch.milliseconds(first)
    }

    private func firstText(_ provider: any ChatProvider, _ request: ChatRequest) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var first: Duration?
        for try await event in provider.stream(request) {
            if case .text = event, first == nil { first = start.duration(to: clock.now) }
        }
        guard let first else { throw BenchError(description: "the provider streamed no text") }
        return Stopwatch.milliseconds(first)
    }

    /// A request body of the size the engine sends.
    static let rawBody = #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"system","content":""#
        + String(repeating: "x", count: 1_500) + #""},{"role":"user","content":"\#(question)"}]}"#

    static let facts = [
        "My name is Alex", "I work at Northwind", "My manager is Priya", "I prefer short answers",
        "My dog is called Pixel", "I live in Lyon", "I am allergic to peanuts", "My team ships on Thursdays",
        "I use Swift and Go at work", "My partner is called Sam", "I run on Sunday mornings", "I prefer tea to coffee",
    ]
}
