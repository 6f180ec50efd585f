import Foundation
import MemchatCore
import MemchatStore

/// A semantic index of each user's own turns (questions and statements; answers are
/// found through their question), kept beside the store in the data directory, that
/// yields the turns nearest in meaning to a text without reading the store: a scan of
/// 128-bit sign codes (16 bytes a record, read in chunks into one buffer) picks a
/// shortlist, which is re-scored by cosine on the records' int8 vectors. Long turns also
/// get a record per clause (`TurnClauses`). Files and their rules: `TurnIndexFiles`.
///
/// The index learns of turns only by walking the store (`SessionStore.userTurns`) from
/// its checkpoint, whether after a question (`add`) or in bulk (`catchUp`), so two
/// processes appending at once never index a turn twice: a writer whose checkpoint moved
/// underneath it reads again. Results can name turns deleted since they were indexed;
/// callers skip ids the store no longer has (`SessionStore.located` does).
public final class SemanticTurnIndex: @unchecked Sendable {
    public let directory: String
    public let layout: TurnIndexLayout
    /// The sentence encoder's index of the same turns, beside a static table's one (nil
    /// on the encoder's own): retrieval reads both, ranking each by its own model.
    public let encoded: SemanticTurnIndex?
    private let lockTimeout: TimeInterval
    private let centring: Centring
    private let clauseMinimumLength: Int
    private let loadEmbedder: @Sendable () throws -> any SentenceEmbedding
    private let removesDirectory: Bool
    private let mutex = NSLock()
    private var loaded: (embedder: any SentenceEmbedding, codec: TurnCodec)?
    private var reports: [TurnIndexReport] = []

    /// What the sign bits are taken relative to (`TurnCodec`). `.none` is shipped: the
    /// table's rows were centred by the distillation's PCA, and centring again lost
    /// recall on real English (ARCHITECTURE.md); the others are kept for measuring.
    public enum Centring: Sendable {
        case none
        /// The mean sentence direction estimated from the embedding table.
        case table
        /// A given centre (128 values), e.g. the mean of a sample of real turns.
        case given([Float])
    }

    /// How much work one catch-up may do.
    public struct Limit: Sendable {
        /// Stop starting new steps after this long (nil: until done).
        public var seconds: Double?
        /// Turns read from the store per step.
        public var turnsPerStep: Int
        /// At most this many steps (nil: no limit).
        public var steps: Int?

        public init(seconds: Double? = nil, turnsPerStep: Int = 512, steps: Int? = nil) {
            self.seconds = seconds
            self.turnsPerStep = turnsPerStep
            self.steps = steps
        }

        /// Everything (after an import or a migration, in the chat screen's background).
        public static let unlimited = Limit()

        /// A bounded share of a short-lived command's time (`memchat ask`): the rest is
        /// left for the next run or the chat screen.
        public static func seconds(_ seconds: Double) -> Limit { Limit(seconds: seconds, turnsPerStep: 128) }

        /// A walk that started again from the beginning must first read every record's
        /// id; a bounded run leaves that to an unbounded one past this many records.
        static let boundedRewalkRecords = 20_000
        var isBounded: Bool { seconds != nil || steps != nil }
    }

    /// What a catch-up did.
    public struct CatchUpReport: Sendable, Equatable {
        /// Turns indexed: read from the store and not held already.
        public var turnsRead = 0
        /// Records written (a turn, and each clause of a long one).
        public var recordsAdded = 0
        /// The index holds every turn the store had when it finished.
        public var isComplete = false
        /// Left for an unbounded run: the walk had to start again over a large index.
        public var deferred = false

        public init() {}
    }

    /// One turn near a query.
    public struct Candidate: Sendable, Hashable {
        public var turnID: TurnID
        /// Cosine of the query with the turn's (or its best clause's) vector; with
        /// `rescore == false`, 1 - Hamming distance / 64 of the codes instead.
        public var similarity: Float
        /// Which record matched best: 0 the whole turn, 1... a clause.
        public var clause: Int
        /// Where that record is: a turn's records are stored together, in clause order.
        var position = 0
    }

    /// The index in `directory` (the data directory). Nothing is read or created until used.
    /// Turns at least this long (UTF-8 bytes) also get a record per clause.
    public static let defaultClauseMinimumLength = TurnClauses.minimumTurnLength

    public convenience init(
        directory: String, lockTimeout: TimeInterval = SQLiteStore.defaultLockTimeout, centring: Centring = .none,
        clauseMinimumLength: Int = SemanticTurnIndex.defaultClauseMinimumLength,
        embedder: @escaping @Sendable () throws(EmbeddingError) -> StaticEmbedder = { () throws(EmbeddingError) in try StaticEmbedder.shared() }
    ) {
        self.init(
            directory: directory, layout: .staticTable, lockTimeout: lockTimeout, centring: centring,
            clauseMinimumLength: clauseMinimumLength, embedder: { try embedder() }, removesDirectory: false)
    }

    /// The sentence encoder's index in `directory` (the data directory), beside the static
    /// table's: turns asked from now on are added with the vectors their question was
    /// ranked with (`add(_:vectors:user:)`).
    public static func encoder(
        directory: String, lockTimeout: TimeInterval = SQLiteStore.defaultLockTimeout, removesDirectory: Bool = false
    ) -> SemanticTurnIndex {
        SemanticTurnIndex(
            directory: directory, layout: .encoder, lockTimeout: lockTimeout, centring: .none,
            clauseMinimumLength: defaultClauseMinimumLength, embedder: { try SentenceEncoder.shared() }, removesDirectory: removesDirectory)
    }

    private init(
        directory: String, layout: TurnIndexLayout, lockTimeout: TimeInterval, centring: Centring, clauseMinimumLength: Int,
        embedder: @escaping @Sendable () throws -> any SentenceEmbedding, removesDirectory: Bool
    ) {
        self.directory = directory
        self.layout = layout
        encoded = layout == .staticTable
            ? SemanticTurnIndex.encoder(directory: directory, lockTimeout: lockTimeout) : nil
        self.lockTimeout = lockTimeout
        self.centring = centring
        self.clauseMinimumLength = clauseMinimumLength
        loadEmbedder = embedder
        self.removesDirectory = removesDirectory
    }

    /// An index in a new temporary directory removed with it: for runs with persistence
    /// disabled, whose store lives in memory.
    public static func temporary() -> SemanticTurnIndex {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("memchat-turn-index-\(UUID().uuidString)").path
        return SemanticTurnIndex(
            directory: directory, layout: .staticTable, lockTimeout: SQLiteStore.defaultLockTimeout, centring: .none,
            clauseMinimumLength: defaultClauseMinimumLength, embedder: { try StaticEmbedder.shared() }, removesDirectory: true)
    }

    deinit {
        if removesDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Damaged files found and rebuilt since the last call, for the caller to log.
    public func recoveryReports() -> [TurnIndexReport] {
        mutex.withLock {
            defer { reports = [] }
            return reports
        }
    }

    /// The files of `user`'s index (for sizes and tests).
    public func paths(for user: UserName) -> (codes: String, entries: String) {
        let files = TurnIndexFiles(directory: directory, user: user, layout: layout, codecID: 0, lockTimeout: lockTimeout)
        return (files.codesPath, files.entriesPath)
    }

    /// How many records `user`'s index holds.
    public func recordCount(user: UserName) throws -> Int {
        try files(for: user).snapshot().records
    }

    /// How many of `user`'s turns in `store` the index has not walked yet: the work a
    /// catch-up has left (every turn when the index is damaged or walked another store).
    public func backlog(store: any SessionStore, user: UserName) async throws -> Int {
        let (_, codec) = try embedderAndCodec()
        let snapshot = try TurnIndexFiles(directory: directory, user: user, layout: layout, codecID: codec.id, lockTimeout: lockTimeout).snapshot()
        guard snapshot.damage == nil, let checkpoint = snapshot.checkpoint,
              checkpoint.holds(store: TurnIndexCheckpoint.fingerprint(store.location), records: snapshot.records)
        else { return try await store.userTurnCount(of: user, after: .start) }
        return try await store.userTurnCount(of: user, after: checkpoint.cursor)
    }

    // MARK: - Writing

    /// Indexes `turn` just appended to `store` (a user turn; others are ignored), with any
    /// earlier turns the index lacks: one step of the walk from the checkpoint, which
    /// normally finds just this turn. Behind a large backlog (an existing store's first
    /// use) the step takes the oldest turns instead; `catchUp` does the rest.
    @discardableResult
    public func add(_ turn: Turn, user: UserName, store: any SessionStore) async throws -> CatchUpReport {
        guard turn.role == .user else { return CatchUpReport() }
        return try await catchUp(store: store, user: user, limit: Limit(turnsPerStep: 64, steps: 1))
    }

    /// Indexes the user turns of `store` that the index does not hold yet, a step of
    /// `limit.turnsPerStep` turns at a time, until done or out of `limit`.
    ///
    /// `supplied` gives a turn's vectors when the caller has them (a question just ranked,
    /// or a benchmark's synthetic ones); the model encodes the others, unless `suppliedOnly`,
    /// when a step that would need the model is left for a later catch-up instead. `pause`
    /// is awaited before each step (the chat screen holds it while the user types or an
    /// answer streams); `progress` hears after each one. `background`: the model runs on
    /// one core at the lowest priority, so that whatever the user is doing (the chat
    /// screen's frames) goes first.
    @discardableResult
    public func catchUp(
        store: any SessionStore, user: UserName, limit: Limit = .unlimited,
        supplied: (@Sendable (Turn) -> [[Float]]?)? = nil, suppliedOnly: Bool = false,
        pause: (@Sendable () async -> Void)? = nil, progress: (@Sendable (CatchUpReport) -> Void)? = nil,
        background: Bool = false
    ) async throws -> CatchUpReport {
        let (embedder, codec) = try embedderAndCodec()
        let files = TurnIndexFiles(directory: directory, user: user, layout: layout, codecID: codec.id, lockTimeout: lockTimeout)
        try PrivateFilesAccess.prepare(directory)
        let storeID = TurnIndexCheckpoint.fingerprint(store.location)
        let deadline = limit.seconds.map { Date().addingTimeInterval($0) }
        var report = CatchUpReport()
        var known: (records: Int, hashes: Set<UInt64>)?
        var steps = 0, conflicts = 0
        while !Task.isCancelled {
            if let pause { await pause() }
            if let deadline, Date() >= deadline { break }
            if let most = limit.steps, steps >= most { break }
            var snapshot = try files.snapshot()
            if let damage = snapshot.damage {
                try files.rebuild()
                note(TurnIndexReport(path: files.codesPath, problem: damage, action: "rebuilt; the index refills from the store"))
                snapshot = try files.snapshot()
            }
            let current = snapshot.checkpoint
            var from = current ?? .empty
            if !from.holds(store: storeID, records: snapshot.records) {
                // Another store's cursor, or records lost since the checkpoint: walk again.
                from = from.rewalk(store: storeID, records: snapshot.records)
            }
            var walk = try await store.userTurns(of: user, after: from.cursor, limit: limit.turnsPerStep)
            if !walk.continued {
                from = from.rewalk(store: storeID, records: snapshot.records)
            }
            if from.rewalking, known?.records != from.rewalkRecords {
                if limit.isBounded, from.rewalkRecords > Limit.boundedRewalkRecords {
                    report.deferred = true
                    break
                }
                known = (from.rewalkRecords, try files.idHashes(0..<from.rewalkRecords))
            }
            if from.rewalking, let hashes = known?.hashes {
                walk.turns.removeAll { hashes.contains(FNV1a.hash(Array($0.id.rawValue.utf8))) }
            }
            var next = from
            next.cursor = walk.next
            if walk.isComplete {
                next.rewalking = false
                next.rewalkRecords = 0
            }
            if suppliedOnly, walk.turns.contains(where: { supplied?($0) == nil }) { break }
            let records = await records(of: walk.turns, embedder: embedder, codec: codec, supplied: supplied, background: background)
            guard try files.append(records, from: current, to: next) else {
                // Another writer moved the checkpoint: it indexed these turns. Read again.
                // A bounded run (a question's `add`) soon leaves the walk to that writer.
                conflicts += 1
                if limit.isBounded, conflicts >= 3 { break }
                if conflicts > 50 { throw TurnIndexError.busy(path: files.lock.path) }
                continue
            }
            steps += 1
            report.turnsRead += walk.turns.count
            report.recordsAdded += records.count
            if walk.isComplete { report.isComplete = true }
            progress?(report)
            if walk.isComplete { break }
        }
        return report
    }

    /// The index retrieval reads brought up to date: the encoder's, which takes
    /// milliseconds a turn (the background work of the chat screen, `memchat mcp` and
    /// `memchat index run`), after which this one, the static table's, retires: its files
    /// are removed. Only when the encoder's weights cannot be loaded is this one caught up
    /// instead (nil is returned). `progress` hears the encoder's turns done and its backlog
    /// when it started; `background` as for `catchUp`.
    @discardableResult
    public func catchUpEverything(
        store: any SessionStore, user: UserName, pause: (@Sendable () async -> Void)? = nil,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil, background: Bool = false
    ) async throws -> CatchUpReport? {
        do {
            guard let encoded else { throw TurnIndexError.embedderUnavailable("no encoder index beside this one") }
            let total = try await encoded.backlog(store: store, user: user)
            progress?(0, total)
            let report = try await encoded.catchUp(
                store: store, user: user, limit: Limit(turnsPerStep: Self.encodedTurnsPerStep), pause: pause,
                progress: { progress?($0.turnsRead, total) }, background: background)
            if report.isComplete { try retire(user: user) }
            return report
        } catch TurnIndexError.embedderUnavailable {
            try await catchUp(store: store, user: user, pause: pause)
            return nil
        }
    }

    /// Removes `user`'s files of this index (the static table's, once the encoder's holds
    /// every turn): nothing reads them while the encoder can be loaded, and a catch-up
    /// without it would write them afresh.
    func retire(user: UserName) throws {
        guard layout == .staticTable else { return }
        let files = TurnIndexFiles(directory: directory, user: user, layout: layout, codecID: 0, lockTimeout: lockTimeout)
        try files.remove()
    }

    /// Turns the encoder takes in one step of a catch-up: a fraction of a second on two
    /// cores, so that a paused catch-up (the chat screen's) stops soon.
    static let encodedTurnsPerStep = 32

    /// The records of `turns` in order, embedded on every core for a large step (the
    /// encoder's steps are always large: milliseconds a text); in the `background`, on
    /// one core at the lowest priority (`LowPriorityThreads`), leaving the other to the
    /// user: with both cores busy a keystroke's frame took 4 ms at the median instead of 0.7.
    func records(
        of turns: [Turn], embedder: any SentenceEmbedding, codec: TurnCodec, supplied: (@Sendable (Turn) -> [[Float]]?)? = nil,
        background: Bool = false
    ) async -> [TurnIndexRecord] {
        let worthSplitting = layout == .encoder ? 2 : 64
        let parts = !background && turns.count >= worthSplitting ? min(ProcessInfo.processInfo.activeProcessorCount, 8, turns.count) : 1
        let encoder = background ? embedder as? SentenceEncoder : nil
        let embed: @Sendable (String) -> [Float] = { text in encoder?.encode(text, oneThread: true) ?? embedder.embed(text) }
        let records: @Sendable (Turn) -> [TurnIndexRecord] = { turn in
            let vectors = supplied?(turn) ?? self.indexedTexts(of: turn.content).map(embed)
            return self.records(of: turn, vectors: vectors, codec: codec)
        }
        let slices = PartResults<[TurnIndexRecord]>(count: parts)
        let work: @Sendable (Int) -> Void = { part in
            let range = (turns.count * part / parts)..<(turns.count * (part + 1) / parts)
            slices.set(part, turns[range].flatMap(records))
        }
        if background {
            await LowPriorityThreads.run(parts, work)
        } else if parts > 1 {
            DispatchQueue.concurrentPerform(iterations: parts, execute: work)
        } else {
            work(0)
        }
        return slices.values.flatMap { $0 ?? [] }
    }

    /// The records of one user turn from the vectors of its `indexedTexts`, in order.
    /// Texts with a zero vector (only stop words or symbols, for the static table) get none.
    private func records(of turn: Turn, vectors: [[Float]], codec: TurnCodec) -> [TurnIndexRecord] {
        let requests = layout.marksRequests ? requestFlags(of: turn.content) : []
        var records: [TurnIndexRecord] = []
        for (clause, vector) in vectors.prefix(Int(UInt8.max)).enumerated() where vector.contains(where: { $0 != 0 }) {
            records.append(TurnIndexRecord(
                code: codec.code(vector), turnID: turn.id, clause: UInt8(clause), vector: TurnCodec.quantised(vector),
                isRequest: layout.marksRequests ? clause < requests.count && requests[clause] : nil))
        }
        return records
    }

    /// For each of `indexedTexts(of: content)`, whether it asks or requests
    /// (`Clauses.isRequest`); the whole text does when any of its clauses does (its
    /// statements have records of their own).
    func requestFlags(of content: String) -> [Bool] {
        let clauses = Clauses.of(content).map(Clauses.isRequest)
        return [clauses.contains(true)] + (clauses.count > 1 ? clauses : [])
    }

    /// Indexes `turn` (a user turn just stored) with the vectors of its `indexedTexts`, as
    /// the question was ranked with them: no second pass of the model. One step of the
    /// walk, which normally finds just this turn; behind a backlog (an import not encoded
    /// yet) the turn is left for the catch-up that works through it, and nothing is encoded
    /// on the question's time.
    @discardableResult
    public func add(_ turn: Turn, vectors: [[Float]], user: UserName, store: any SessionStore) async throws -> CatchUpReport {
        guard turn.role == .user else { return CatchUpReport() }
        let (embedder, _) = try embedderAndCodec()
        guard vectors.count == indexedTexts(of: turn.content).count, vectors.allSatisfy({ $0.count == embedder.dimensions }) else {
            throw TurnIndexError.io(
                path: directory, reason: "\(vectors.count) vectors given for the \(indexedTexts(of: turn.content).count) texts of turn \(turn.id)")
        }
        let id = turn.id
        return try await catchUp(
            store: store, user: user, limit: Limit(turnsPerStep: 8, steps: 1), supplied: { $0.id == id ? vectors : nil }, suppliedOnly: true)
    }

    /// The texts a turn's records are made of, in record order: the whole turn, then its
    /// clauses (the static table's: when it is long; the encoder's: as retrieval reads
    /// them, when there are several). For re-scoring candidates exactly as the index compares them.
    public func indexedTexts(of content: String) -> [String] {
        if layout.readingClauses {
            let clauses = Clauses.of(content)
            return [content] + (clauses.count > 1 ? clauses.map(String.init) : [])
        }
        return [content] + TurnClauses.split(content, minimumLength: clauseMinimumLength)
    }

    // MARK: - Reading

    /// The ids of `user`'s turns nearest in meaning to `text`, best first: what a caller
    /// re-ranks (and fetches with `SessionStore.located`).
    public func nearest(to text: String, user: UserName, limit: Int) throws -> [TurnID] {
        let (embedder, _) = try embedderAndCodec()
        return try candidates(near: embedder.embed(text), user: user, limit: limit).map(\.turnID)
    }

    /// How many records the codes shortlist at least for re-scoring. The sign codes'
    /// Hamming order is coarse where a history repeats a request with other names: with
    /// 400, a turn whose cosine was the 4th best of 20,000 was not shortlisted (development
    /// set); 1,000 found there all that 2,000 and 5,000 did. Each record shortlisted costs
    /// about 10 µs at 1M turns (read and re-scored): 2,000 took the scan from 8 to 23 ms.
    static let leastShortlist = 1_000

    /// The `limit` turns nearest to `vector` (unit length, the embedder's), best first:
    /// the codes' best `shortlist` records (default: 4 x limit, at least `leastShortlist`) re-scored by
    /// cosine on their int8 vectors, each turn once (its best record). `rescore: false`
    /// ranks by the codes alone (for measuring what re-scoring buys).
    public func candidates(near vector: [Float], user: UserName, limit: Int, shortlist: Int? = nil, rescore: Bool = true) throws -> [Candidate] {
        guard limit > 0, vector.count == layout.dimensions, vector.contains(where: { $0 != 0 }) else { return [] }
        let (_, codec) = try embedderAndCodec()
        let files = TurnIndexFiles(directory: directory, user: user, layout: layout, codecID: codec.id, lockTimeout: lockTimeout)
        let snapshot = try files.snapshot()
        if let damage = snapshot.damage {
            note(TurnIndexReport(path: files.codesPath, problem: damage, action: "not used until the next catch-up rebuilds it"))
            return []
        }
        let wanted = max(shortlist ?? (rescore ? max(limit * 4, Self.leastShortlist) : limit), limit)
        let positions = try CodeScan.shortlist(
            files: files, records: snapshot.records, query: codec.code(vector), count: wanted,
            flag: layout.marksRequests ? TurnIndexLayout.requestBit : 0, penalty: layout.requestPenaltyBits)
        var best: [TurnID: Candidate] = [:]
        var order: [TurnID: Int] = [:]
        var damaged = false
        try files.readEntries(at: positions.positions.sorted()) { position, entry in
            guard let id = TurnIndexRecord.turnID(ofEntry: entry) else {
                damaged = true
                return
            }
            let penalty = entry[TurnIndexRecord.requestOffset] == 1 ? layout.requestPenalty : 0
            let similarity = rescore
                ? TurnCodec.cosine(vector, UnsafeRawBufferPointer(rebasing: entry[TurnIndexRecord.vectorOffset...])) - penalty
                : 1 - Float(positions.distance(of: position)) / 64
            let candidate = Candidate(turnID: id, similarity: similarity, clause: Int(entry[1]), position: position)
            if let held = best[id], held.similarity >= similarity { return }
            best[id] = candidate
            order[id] = position
        }
        if damaged {
            note(TurnIndexReport(path: files.entriesPath, problem: "an entry holds no valid turn id", action: "rebuilt at the next catch-up"))
            try? files.rebuild()
        }
        // Best first; among equals the newer record (higher position) first.
        return best.values.sorted { a, b in
            a.similarity != b.similarity ? a.similarity > b.similarity : (order[a.turnID] ?? 0) > (order[b.turnID] ?? 0)
        }.prefix(limit).map { $0 }
    }

    /// The stored vectors of each candidate's turn (every record: the whole turn, then its
    /// clauses as `indexedTexts` gives them), read from the records around the one found;
    /// the vectors are the int8 values as floats (their cosines are what they were).
    public func storedVectors(of candidates: [Candidate], user: UserName) throws -> [TurnID: [Int: [Float]]] {
        let files = try files(for: user)
        var vectors: [TurnID: [Int: [Float]]] = [:]
        for candidate in candidates {
            let first = candidate.position - candidate.clause
            guard first >= 0 else { continue }
            var found: [Int: [Float]] = [:]
            try files.readEntries(from: first) { entry in
                guard TurnIndexRecord.turnID(ofEntry: entry) == candidate.turnID else { return false }
                found[Int(entry[1])] = (0..<layout.dimensions).map { Float(Int8(bitPattern: entry[TurnIndexRecord.vectorOffset + $0])) }
                return true
            }
            vectors[candidate.turnID] = found
        }
        return vectors
    }

    // MARK: - Internals

    private func files(for user: UserName) throws -> TurnIndexFiles {
        let (_, codec) = try embedderAndCodec()
        return TurnIndexFiles(directory: directory, user: user, layout: layout, codecID: codec.id, lockTimeout: lockTimeout)
    }

    private func embedderAndCodec() throws(TurnIndexError) -> (any SentenceEmbedding, TurnCodec) {
        if let loaded = mutex.withLock({ loaded }) { return loaded }
        let embedder: any SentenceEmbedding
        do { embedder = try loadEmbedder() } catch { throw .embedderUnavailable("\(error)") }
        let codec: TurnCodec
        switch (centring, embedder as? StaticEmbedder) {
        case (_, nil): codec = .projected(dimensions: embedder.dimensions, model: embedder.fingerprint)
        case (.none, let table?): codec = .uncentred(for: table)
        case (.table, let table?): codec = .tableCentred(cachedFor: table)
        case (.given(let centre), _):
            codec = TurnCodec(centre: centre, id: FNV1a.hash(centre.flatMap { withUnsafeBytes(of: $0.bitPattern) { Array($0) } }))
        }
        return mutex.withLock {
            if let loaded { return loaded }
            loaded = (embedder, codec)
            return (embedder, codec)
        }
    }

    /// Keeps an error of an update nobody waits for (the question's `add`) for the log.
    func noteFailure(_ error: Error) {
        note(TurnIndexReport(path: directory, problem: "\(error)", action: "left for the next catch-up"))
    }

    private func note(_ report: TurnIndexReport) {
        mutex.withLock { reports.append(report) }
    }
}

/// Results of parallel parts, each written once by its own part.
private final class PartResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value?]

    init(count: Int) { stored = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { stored[index] = value } }
    var values: [Value?] { lock.withLock { stored } }
}

/// The data directory made 0700 before the index's files are created in it.
enum PrivateFilesAccess {
    static func prepare(_ directory: String) throws(TurnIndexError) {
        do { try PrivateFiles.prepareDirectory(directory) } catch { throw .io(path: directory, reason: "\(error)") }
    }
}
