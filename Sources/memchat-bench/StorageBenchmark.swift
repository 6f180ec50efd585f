import Foundation
import MemchatCore
import MemchatStore

/// The `storage` benchmark on one backend. It imports a generated workload through
/// the real JSONL path (a file read by `JSONLImporter`), then, on the populated
/// store, times durable appends against raw append+fsync (interleaved, so both see the
/// same disk), searches and recent-interaction reads; last it closes the store and weighs
/// its files.
struct StorageBenchmark {
    static let importBatchSessions = 500
    static let appendSamples = 300
    static let appendWarmUp = 5
    static let querySamples = 50
    static let expirationHours = 168

    let shape: WorkloadShape
    let directory: String
    let backend: BenchBackend

    private var storePath: String { backend.storePath(in: directory) }

    func run() async throws -> StorageResult {
        var workload = try Workload(shape: shape)
        let timings = try await measureStore(&workload)
        let size = StorageResult.SizeFacts(
            files: backend.files(at: storePath), textBytes: workload.census.textBytes + timings.appendedTextBytes)
        let facts = StorageResult.WorkloadFacts(shape: shape, census: workload.census)
        var result = StorageResult(
            backend: backend.rawValue, directory: directory, workload: facts, rawAppend: timings.rawAppend,
            append: timings.append, appendGrowth: timings.appendGrowth, importRun: timings.importRun, searchRare: timings.searchRare,
            searchCommon: timings.searchCommon, searchCommonPair: timings.searchCommonPair,
            recentAllContexts: timings.recentAllContexts, recentOneContext: timings.recentOneContext,
            size: size)
        result.judge()
        return result
    }

    /// What is measured while the store is open.
    private struct StoreTimings {
        var importRun: StorageResult.ImportFacts
        var rawAppend: LatencySummary
        var append: LatencySummary
        var appendGrowth: StorageResult.AppendGrowth
        var appendedTextBytes: Int
        var searchRare: StorageResult.QueryFacts
        var searchCommon: StorageResult.QueryFacts
        var searchCommonPair: StorageResult.QueryFacts
        var recentAllContexts: StorageResult.QueryFacts
        var recentOneContext: StorageResult.QueryFacts
    }

    /// Opens the store, runs every timed phase, and lets the store go on return, which
    /// closes it (SQLite checkpoints the WAL into the database when the last connection
    /// closes), so the file sizes measured afterwards are the store at rest.
    private func measureStore(_ workload: inout Workload) async throws -> StoreTimings {
        let store = try backend.open(storePath)
        let importRun = try await importAll(&workload, into: store)
        let user = workload.mainUser
        StandardStreams.note("timing appends…")
        let appends = try await measureAppends(store, user: user)
        let growth = try await measureAppendGrowth(store, user: user)
        StandardStreams.note("timing searches and recent interactions…")
        let search = { (text: String) in try await store.search(SearchQuery(text: text, scope: .user(user))).count }
        let recent = { (context: Context?) in
            try await store.recentInteractions(InteractionQuery(scope: .user(user), context: context, limit: 30)).count
        }
        let searchRare = try await sampleQueries(Vocabulary.rare, search)
        let searchCommon = try await sampleQueries(Vocabulary.common, search)
        let searchCommonPair = try await sampleQueries([Vocabulary.common.joined(separator: " ")], search)
        let recentAllContexts = try await sampleQueries([nil], recent)
        let recentOneContext = try await sampleQueries([Context.work], recent)
        return StoreTimings(
            importRun: importRun, rawAppend: appends.raw, append: appends.append, appendGrowth: growth,
            appendedTextBytes: appends.textBytes + growth.textBytes, searchRare: searchRare, searchCommon: searchCommon,
            searchCommonPair: searchCommonPair, recentAllContexts: recentAllContexts,
            recentOneContext: recentOneContext)
    }

    /// Writes the workload as a JSONL file (untimed), then times `JSONLImporter` reading
    /// it: the same path as `memchat import FILE` (read, decode, store, index).
    private func importAll(_ workload: inout Workload, into store: any SessionStore) async throws -> StorageResult.ImportFacts {
        let file = (directory as NSString).appendingPathComponent("workload.jsonl")
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard FileManager.default.createFile(atPath: file, contents: nil), let writer = FileHandle(forWritingAtPath: file) else {
            throw BenchError(description: "cannot write \(file)")
        }
        var turns = 0
        while true {
            let records = try workload.nextRecords(count: Self.importBatchSessions)
            if records.isEmpty { break }
            turns += records.reduce(0) { $0 + $1.turns.count }
            try writer.write(contentsOf: Data(records.map { Interchange.encode($0) + "\n" }.joined().utf8))
        }
        try writer.close()
        guard let reader = FileHandle(forReadingAtPath: file) else {
            throw BenchError(description: "cannot read \(file)")
        }
        StandardStreams.note("importing \(turns) turns…")
        let importer = JSONLImporter(store: store, defaultUser: workload.mainUser)
        let run = try await Stopwatch.milliseconds { try await importer.importJSONL(from: reader) }
        let report = run.result.report
        guard report.turnsAdded == turns, report.conflicts.isEmpty, run.result.lineErrors.isEmpty else {
            throw BenchError(description: """
                import added \(report.turnsAdded) of \(turns) turns with \(report.conflicts.count) conflicts \
                and \(run.result.lineErrors.count) bad lines (first: \(run.result.lineErrors.first?.description ?? "none"))
                """)
        }
        return StorageResult.ImportFacts(
            turns: turns, seconds: run.milliseconds / 1000, turnsPerSecond: Double(turns) / max(run.milliseconds / 1000, 1e-9))
    }

    /// Interleaves raw append+fsync samples with `appendTurn` samples of the same size,
    /// question then answer, rotating over the user's newest sessions.
    private func measureAppends(_ store: any SessionStore, user: UserName) async throws -> (raw: LatencySummary, append: LatencySummary, textBytes: Int) {
        let sessions = try await store.listSessions(SessionQuery(scope: .user(user), limit: 4)).map(\.id)
        guard !sessions.isEmpty else { throw BenchError(description: "the imported store has no session of \(user)") }
        let probe = try RawAppendProbe(directory: directory)
        var text = TextGenerator(seed: shape.seed ^ 0xA99E_4D00)
        var openQuestions: [SessionID: TurnID] = [:]
        var raw: [Double] = []
        var append: [Double] = []
        var textBytes = 0
        for index in 0..<(Self.appendWarmUp + Self.appendSamples) {
            let session = sessions[index % sessions.count]
            let question = openQuestions[session]
            let role: Role = question == nil ? .user : .assistant
            let draft = TurnDraft(
                role: role, content: text.message(bytes: RawAppendProbe.recordSize, role: role), replyTo: question)
            let rawMS = try await probe.sample()
            let appended = try await Stopwatch.milliseconds { try await store.appendTurn(draft, to: session) }
            openQuestions[session] = role == .user ? appended.result.id : nil
            textBytes += draft.content.utf8.count
            if index >= Self.appendWarmUp {
                raw.append(rawMS)
                append.append(appended.milliseconds)
            }
        }
        return (LatencySummary(milliseconds: raw), LatencySummary(milliseconds: append), textBytes)
    }

    /// Appends `AppendGrowth.turns` turns to one new session, to show how an append's
    /// cost grows with the session's length (the file backend rewrites the whole file).
    private func measureAppendGrowth(_ store: any SessionStore, user: UserName) async throws -> StorageResult.AppendGrowth {
        let session = try await store.createSession(SessionDraft(userID: user, title: "append growth"))
        var text = TextGenerator(seed: shape.seed ^ 0x6120_57)
        var times: [Double] = []
        var textBytes = 0
        var question: TurnID?
        for _ in 0..<StorageResult.AppendGrowth.turns {
            let role: Role = question == nil ? .user : .assistant
            let draft = TurnDraft(role: role, content: text.message(bytes: RawAppendProbe.recordSize, role: role), replyTo: question)
            let appended = try await Stopwatch.milliseconds { try await store.appendTurn(draft, to: session.id) }
            question = role == .user ? appended.result.id : nil
            times.append(appended.milliseconds)
            textBytes += draft.content.utf8.count
        }
        let window = StorageResult.AppendGrowth.window
        return StorageResult.AppendGrowth(
            firstP50: LatencySummary(milliseconds: Array(times.prefix(window))).p50,
            lastP50: LatencySummary(milliseconds: Array(times.suffix(window))).p50, textBytes: textBytes)
    }

    /// Runs `query` `querySamples` times cycling through `inputs`, after one untimed
    /// warm-up (the first read opens a reader connection).
    private func sampleQueries<Input>(_ inputs: [Input], _ query: (Input) async throws -> Int) async throws -> StorageResult.QueryFacts {
        guard let first = inputs.first else { throw BenchError(description: "no query to time") }
        _ = try await query(first)
        var times: [Double] = []
        var hits = 0
        for index in 0..<Self.querySamples {
            let sample = try await Stopwatch.milliseconds { try await query(inputs[index % inputs.count]) }
            times.append(sample.milliseconds)
            hits += sample.result
        }
        return StorageResult.QueryFacts(
            latency: LatencySummary(milliseconds: times), meanHits: Double(hits) / Double(Self.querySamples))
    }
}
